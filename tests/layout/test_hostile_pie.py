"""Budget pies with awkward data: many tiny slices keep readable, separate labels; many slices keep distinct colours."""

from __future__ import annotations

import itertools
import math

import pytest
from reportlab.graphics.shapes import Line, String, Wedge
from reportlab.pdfbase.pdfmetrics import stringWidth

from reportgen.layout.blocks.pie import ring_drawing, slice_colors
from reportgen.model.figures import pie_shares
from reportgen.model.report import Report
from reportgen.sections.financials import Pie
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
    tiny = [w for w in drawing.contents if isinstance(w, Wedge) and w.endangledegrees - w.startangledegrees < 24
            or isinstance(w, Line) and w.strokeWidth == theme.measures.box("pie").rule]  # thinner than the gap: a hairline
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


@pytest.mark.parametrize("amounts", [["1", "1.0e+17"], ["1.0e-300", "1"], ["1.0e-300", "1.0e-300"], ["5.0e-324", "1", "1.0e+300"],
                                     ["1.0e+307", "1"], ["1.0e+308", "1.0e+308"]])  # sums past float range (review)
def test_extreme_amount_ratios_build_with_hairlines(amounts, write_spec, cli):
    """A share too thin to draw as a wedge (ReportLab divides by its zero sweep) is a hairline in its
    colour; the build succeeds and the legend still prints every slice (issue 12, item 12)."""
    from pypdf import PdfReader

    slices = "".join(f"        - {{label: Slice{i}, amount: {amount}}}\n" for i, amount in enumerate(amounts))
    spec = write_spec("meta: {title: T, organization: O}\nsections:\n  - type: financials\n    title: Budget\n"
                      "    pie:\n      slices:\n" + slices)
    result = cli("build", str(spec), "-o", str(spec.parent / "pie.pdf"))
    assert (result.code, "internal error" in result.err) == (0, False), result.err
    text = PdfReader(str(spec.parent / "pie.pdf")).pages[0].extract_text()
    for index in range(len(amounts)):
        assert f"Slice{index}" in text
    assert "%" in text


def test_a_slice_thinner_than_the_gap_is_a_line_in_its_colour(theme):
    shares = pie_shares([1, 1e17, 1e15], [None] * 3)
    colors = [theme.palette.chart(i) for i in range(3)]
    drawing = ring_drawing(shares, colors, theme.measures.pie_size, theme)
    wedges = [shape for shape in drawing.contents if isinstance(shape, Wedge)]
    assert [w.fillColor for w in wedges] == colors[1:]  # the two that can be drawn as wedges
    hairline = [shape for shape in drawing.contents if isinstance(shape, Line) and shape.strokeColor == colors[0]
                and shape.strokeWidth == theme.measures.box("pie").rule]
    assert len(hairline) == 1
    line = hairline[0]
    length = math.hypot(line.x2 - line.x1, line.y2 - line.y1)  # from the hole to the rim, at twelve o'clock
    assert length == pytest.approx(theme.measures.pie_size / 2 * (1 - 0.56))
    assert line.x1 == pytest.approx(line.x2, abs=1e-6) and line.y2 > line.y1
