import pytest
from reportlab.graphics.shapes import String, Wedge

from reportgen.layout.blocks.pie import BudgetPie, Label, slice_angles
from reportgen.model.figures import pie_shares
from reportgen.model.report import Report
from reportgen.sections.financials import Pie
from reportgen.theme import build_theme

AMOUNTS = [303, 147, 118, 59]


@pytest.fixture(scope="module")
def theme():
    report = Report.from_data({"meta": {"title": "T", "organization": "O"}, "sections": [{"type": "cover"}]})
    return build_theme(report)


def budget(theme, amounts=AMOUNTS, stated=None):
    stated = stated or [None] * len(amounts)
    pie = Pie.from_data({"title": "Budget", "slices": [
        {"label": f"Slice {i}", "amount": a, "display": f"${a} Million", "percent": p}
        for i, (a, p) in enumerate(zip(amounts, stated))]})
    flowable = BudgetPie(theme, pie, ("sections", 0, "pie"))
    flowable.wrap(468, 600)
    return flowable


def test_wedge_angles_match_the_amounts(theme):
    flowable = budget(theme)
    wedges = [shape for shape in flowable.drawing.contents if isinstance(shape, Wedge)]
    assert len(wedges) == 4
    total = sum(AMOUNTS)
    for wedge, amount in zip(wedges, AMOUNTS):
        sweep = wedge.endangledegrees - wedge.startangledegrees
        assert sweep == pytest.approx(360 * amount / total, abs=0.5)
    assert wedges[0].endangledegrees == pytest.approx(90)  # starts at twelve o'clock
    for previous, following in zip(wedges, wedges[1:]):  # clockwise, no gaps
        assert following.endangledegrees == pytest.approx(previous.startangledegrees)


def test_computed_percentages_are_rounded_to_add_up_to_100(theme):
    flowable = budget(theme)
    labels = [shape.source for shape in flowable.drawing.contents if isinstance(shape, String)]
    assert labels == ["48%", "24%", "19%", "9%"]  # 48.3, 23.4, 18.8, 9.4 by largest remainder


def test_stated_percentages_are_printed_as_the_designer_rounded_them(theme):
    flowable = budget(theme, stated=[48, 23, 19, 10])
    labels = [shape.source for shape in flowable.drawing.contents if isinstance(shape, String)]
    assert labels == ["48%", "23%", "19%", "10%"]


def test_thin_slices_move_their_labels_outside(theme):
    flowable = budget(theme, [95, 3, 2])
    radius = flowable.diameter / 2
    center = flowable.drawing.width / 2
    strings = [s for s in flowable.drawing.contents if isinstance(s, String)]
    outside = [s for s in strings if ((s.x - center) ** 2 + (s.y - center) ** 2) ** 0.5 > radius]
    assert {s.source for s in outside} == {"3%"}  # 2%'s leader line would run over the 3% slice: legend only
    assert [s.source for s in strings if s not in outside] == ["95%"]


def test_labels_are_drawn_shaped_with_proportional_figures(theme):
    """A label's text is the font's glyphs (proportional figures have no code point of their own) and its
    source the percentage; every String of the ring is such a label."""
    flowable = budget(theme)
    strings = [shape for shape in flowable.drawing.contents if isinstance(shape, String)]
    assert strings and all(isinstance(shape, Label) for shape in strings)
    assert all(shape.text != shape.source and shape.text.endswith("%") for shape in strings)


def test_slice_angles_sum_to_a_full_turn():
    angles = slice_angles(pie_shares([1, 2, 3], [None, None, None]))
    assert sum(a.sweep for a in angles) == pytest.approx(360)
