"""Budget pies with awkward data: many tiny slices keep readable, separate labels; many slices keep distinct colours."""

from __future__ import annotations

import itertools
import math

import pytest
from reportlab.graphics.shapes import String, Wedge
from reportlab.pdfbase.pdfmetrics import stringWidth

from reportgen.layout.blocks.pie import ring_drawing, slice_colors
from reportgen.model.figures import pie_shares
from reportgen.model.report import Pie, Report
from reportgen.theme import build_theme


@pytest.fixture(scope="module")
def theme():
    report = Report.from_data({"meta": {"title": "T", "organization": "O"}, "sections": [{"type": "contents"}]})
    return build_theme(report)


def label_boxes(drawing) -> list[tuple[float, float, float, float, str]]:
    """(left, bottom, right, top, text, colour) of every String in the drawing."""
    boxes = []
    for shape in drawing.contents:
        if isinstance(shape, String):
            width = stringWidth(shape.text, shape.fontName, shape.fontSize)
            left = {"start": shape.x, "end": shape.x - width, "middle": shape.x - width / 2}[shape.textAnchor]
            boxes.append((left, shape.y - shape.fontSize * 0.25, left + width, shape.y + shape.fontSize * 0.8,
                          shape.text, shape.fillColor))
    return boxes


def overlaps(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.parametrize("amounts", [
    [90, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],          # ten tiny slices side by side
    [1, 1, 1, 1, 1, 1, 94],                      # tiny slices right at twelve o'clock
    [40, 0.5, 0.5, 0.5, 40, 0.5, 0.5, 0.5, 17.5],  # tiny slices on both sides
    [50, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 49],      # tiny slices at six o'clock
])
def test_tiny_slice_labels_never_overprint_and_stay_off_the_ring(theme, amounts):
    shares = pie_shares(amounts, [None] * len(amounts))
    colors = [theme.palette.named("primary")] * len(amounts)  # inside labels are white, outside ones coloured
    diameter = theme.measures.pie_size
    drawing = ring_drawing(shares, colors, diameter, theme)
    boxes = label_boxes(drawing)
    assert len(boxes) == len(amounts)  # every slice keeps its percentage
    for a, b in itertools.combinations(boxes, 2):
        assert not overlaps(a, b), f"labels {a[4]!r} and {b[4]!r} overprint: {a} {b}"
    center, radius = drawing.width / 2, diameter / 2
    outside = [box for box in boxes if box[5] != theme.palette.white]
    tiny = [w for w in drawing.contents if isinstance(w, Wedge) and w.endangledegrees - w.startangledegrees < 24]
    assert len(outside) == len(tiny) > 0
    for left, bottom, right, top, text, _ in outside:
        # the label box's nearest point to the centre lies outside the ring
        nearest_x = min(max(center, left), right)
        nearest_y = min(max(center, bottom), top)
        assert math.hypot(nearest_x - center, nearest_y - center) > radius, f"{text} sits on the ring"
        assert 0 <= bottom and top <= drawing.height and 0 <= left and right <= drawing.width, \
            f"{text} leaves the drawing"


def test_more_slices_than_chart_colours_never_repeat_a_colour(theme):
    slices = [{"label": f"S{i}", "amount": 10 + i} for i in range(12)]
    pie = Pie.from_data({"slices": slices})
    colors = slice_colors(pie, theme)
    assert len(theme.palette.colors.chart) < 12
    assert len({(round(c.red, 3), round(c.green, 3), round(c.blue, 3)) for c in colors}) == 12
