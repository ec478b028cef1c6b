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
    assert len(boxes) <= len(amounts)  # a tiny slice's percentage may be in the legend only (see below)
    for a, b in itertools.combinations(boxes, 2):
        assert not overlaps(a, b), f"labels {a[4]!r} and {b[4]!r} overprint: {a} {b}"
    center, radius = drawing.width / 2, diameter / 2
    outside = [box for box in boxes if box[5] != theme.palette.white]
    tiny = [w for w in drawing.contents if isinstance(w, Wedge) and w.endangledegrees - w.startangledegrees < 24
            or isinstance(w, Line) and w.strokeWidth == theme.measures.box("pie").rule]  # thinner than the gap: a hairline
    assert 0 < len(outside) <= len(tiny)  # those whose leader line would cross a neighbour are in the legend
    assert len(boxes) - len(outside) == len(amounts) - len(tiny)  # every slice that holds its percentage has it
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


TWELVE = [30, 20, 15, 10, 8, 5, 4, 3, 2, 1.5, 1, 0.5]


def test_in_a_twelve_slice_pie_no_leader_line_crosses_another_slice(write_spec, tmp_path):
    """Read from the PDF: the wedges (filled paths in the slices' colours), the ring's centre and radius, and
    the leader lines (straight lines beside the ring). Each leader line stays outside the ring, within
    the angles of the slice of its own colour (never across a neighbour), and meets no other; the small
    slices without one have their percentage in the legend, which lists all twelve."""
    import pdfplumber

    from reportgen.pipeline import build

    slices = "".join(f"        - {{label: Part {chr(65 + i)}, amount: {amount}}}\n" for i, amount in enumerate(TWELVE))
    spec = write_spec("meta: {title: T, organization: O}\nsections:\n  - type: financials\n    title: Budget\n"
                      "    pie:\n      title: Where It Goes\n      slices:\n" + slices)
    with pdfplumber.open(str(build(spec, tmp_path / "pie.pdf").output)) as pdf:
        page = pdf.pages[0]
        wedges = [c for c in page.curves if c.get("fill") and tuple(c["non_stroking_color"]) != (1, 1, 1)]
        lines, words = page.lines, page.extract_words()
        (hole,) = [c for c in page.curves if c.get("fill") and tuple(c["non_stroking_color"]) == (1, 1, 1)]
    assert len(wedges) == 12
    center = ((hole["x0"] + hole["x1"]) / 2, (hole["top"] + hole["bottom"]) / 2)  # the paper disc in the ring
    radius = max(math.dist(p, center) for wedge in wedges for p in wedge["pts"])
    right = center[0] + radius

    def angle(point) -> float:
        return math.degrees(math.atan2(center[1] - point[1], point[0] - center[0]))  # y grows downwards

    def span(wedge) -> tuple[float, float]:
        """The wedge's angles, as (middle, half width), from its outline's points."""
        middle = angle(((wedge["x0"] + wedge["x1"]) / 2, (wedge["top"] + wedge["bottom"]) / 2))
        offsets = [(angle(p) - middle + 180) % 360 - 180 for p in wedge["pts"]
                   if math.dist(p, center) > radius * 0.3]
        low, high = min(offsets), max(offsets)
        return middle + (low + high) / 2, (high - low) / 2

    spans = {tuple(round(v, 3) for v in w["non_stroking_color"]): span(w) for w in wedges}
    leaders = [line for line in lines if line["x0"] < right + 40 and min(math.dist(p, center) for p in line["pts"]) > radius]
    assert leaders  # some small slices keep their percentage beside the ring
    for line in leaders:
        a, b = line["pts"]
        middle, half = spans[tuple(round(v, 3) for v in line["stroking_color"])]
        for point in (a, b):
            off = (angle(point) - middle + 180) % 360 - 180
            assert abs(off) <= half + 0.5, f"a leader line leaves its slice by {abs(off) - half:.1f} degrees"
        # the closest point of the segment to the centre: still outside the ring
        dx, dy = b[0] - a[0], b[1] - a[1]
        t = max(0.0, min(1.0, ((center[0] - a[0]) * dx + (center[1] - a[1]) * dy) / (dx * dx + dy * dy)))
        assert math.dist((a[0] + t * dx, a[1] + t * dy), center) > radius
    for first, second in itertools.combinations(leaders, 2):
        (p1, p2), (q1, q2) = first["pts"], second["pts"]
        side = lambda o, u, v: (u[0] - o[0]) * (v[1] - o[1]) - (u[1] - o[1]) * (v[0] - o[0])  # noqa: E731
        crossing = (side(q1, q2, p1) > 0) != (side(q1, q2, p2) > 0) and (side(p1, p2, q1) > 0) != (side(p1, p2, q2) > 0)
        assert not crossing, "two leader lines cross"
    thin = sum(1 for _, half in spans.values() if 2 * half < 24)
    assert len(leaders) < thin  # the rest moved to the legend ...
    legend = [w["text"] for w in words if w["x0"] > right + 40 and w["text"].endswith("%")]
    assert len(legend) == 12  # ... which has every percentage
