import copy
import io
import re
from pathlib import Path
from typing import Callable

import pytest
from reportlab.pdfgen.canvas import Canvas

from reportgen.layout.blocks.base import LayoutLog
from reportgen.layout.blocks.stats import StatRow, rows_for
from reportgen.model.report import Report, Stat
from reportgen.theme import build_theme


@pytest.fixture(scope="module")
def theme():
    report = Report.from_data({"meta": {"title": "T", "organization": "O"}, "sections": [{"type": "cover"}]})
    return build_theme(report)


def row(theme, values, width=468.0):
    log = LayoutLog()
    stats = tuple(Stat(value=v, label="Label") for v in values)
    flowable = StatRow(theme, stats, theme.palette.named("primary"), ("sections", 0, "stats"), log)
    flowable.wrap(width, 800)
    return flowable, log


def test_rows_spread_evenly():
    assert rows_for(5, 3) == [3, 2]
    assert rows_for(4, 4) == [4]
    assert rows_for(7, 3) == [3, 2, 2]


def test_four_short_figures_sit_on_one_row(theme):
    flowable, log = row(theme, ["6,000", "467", "722", "99"])
    assert [len(cells) for _, cells, _ in flowable.layout] == [4]
    assert log.diagnostics == []


def test_long_figures_wrap_the_row_rather_than_shrink_far(theme):
    flowable, log = row(theme, ["88,400", "900", "16,500", "$250,000,000"])
    assert len(flowable.layout) == 2
    for cell_width, cells, _ in flowable.layout:
        for cell in cells:
            assert cell.value.minWidth() <= cell_width + 0.5


def draw(flowable) -> None:
    canvas = Canvas(io.BytesIO())
    flowable.drawOn(canvas, 0, 0)


def test_a_figure_too_long_for_any_cell_is_shrunk_and_reported_when_drawn(theme):
    flowable, log = row(theme, ["$1,234,567,890,123,456"], width=200)
    [(cell_width, [cell], _)] = flowable.layout
    assert cell.value.style.fontSize < theme.styles.stat_value.fontSize
    assert cell.value.minWidth() <= cell_width + 0.5
    assert log.diagnostics == []  # measuring (wrap) records nothing: a trial width may never be drawn
    draw(flowable)
    [warning] = log.diagnostics
    assert warning.path == ("sections", 0, "stats") and "set at" in warning.message


LONG = [f"${digit},234,567,890,123,456" for digit in range(1, 7)]  # at 250 pt, one to a line and set smaller


def snapshot(flowable) -> dict:
    return {name: copy.copy(value) for name, value in flowable.__dict__.items()}


def same(before: dict, after: dict, caches: tuple[str, ...] = ("grids",)) -> bool:
    """Every attribute as it was; a cache of measurements (grids by width, shared with the pieces)
    may only have gained entries."""
    for name in caches:
        grown = after[name]
        if not all(grown.get(key) is value for key, value in before[name].items()):
            return False
    return before.keys() == after.keys() and all(
        value is after[name] or value == after[name] for name, value in before.items() if name not in caches)


def test_split_returns_new_rows_and_leaves_the_row_as_it_was(theme):
    flowable, _ = row(theme, LONG * 3, width=250)
    assert len(flowable.layout) >= 3
    before = snapshot(flowable)
    pieces = flowable.split(250, flowable.layout[0][2] + 1)  # room for one line
    assert len(pieces) == 2 and all(piece is not flowable for piece in pieces)
    assert same(before, snapshot(flowable))
    # at another width too (a trial split): the row keeps the layout it was wrapped to
    flowable.split(220, 200)
    assert same(before, snapshot(flowable))


def test_a_split_row_reports_its_small_figures_once(theme):
    flowable, log = row(theme, LONG * 3, width=250)
    first, rest = flowable.split(250, flowable.layout[0][2] + 1)
    for piece in (first, rest):
        piece.wrap(250, 800)
        assert log.diagnostics == []
    more = rest.split(250, rest.layout[0][2] + 1)  # the rest splits again, over a third page
    assert len(more) == 2
    for piece in (first, *more):
        piece.wrap(250, 800)
        draw(piece)
    assert [d.message for d in log.diagnostics] == [
        f"stat figures were set at {first.grids[250.0].size:g} pt instead of {theme.styles.stat_value.fontSize:g} pt "
        "to fit their cells"]


def test_a_stat_row_split_across_pages_warns_once_in_a_build(write_spec: Callable[[str], Path], cli):
    figures = [f"${digit}," + ",".join(["234"] * 13) for digit in range(1, 7)]  # 54 characters: set smaller on a page
    stats = "".join(f'      - {{value: "{value}", label: Label {index}}}\n' for index, value in enumerate(figures * 5))
    spec = write_spec("meta: {title: T, organization: O}\nsections:\n  - type: text\n    title: Figures\n"
                      "    body: Some text.\n    stats:\n" + stats)
    output = spec.parent / "stats.pdf"
    result = cli("build", str(spec), "-o", str(output))
    assert result.code == 0, result.err
    assert int(re.search(r"\b(\d+) pages\b", result.out).group(1)) >= 3  # the row runs over three pages
    assert len(re.findall(r"stat figures were set at", result.err)) == 1, result.err


def figure_lines(pdf: Path, page: int = 0) -> dict[str, tuple[float, float]]:
    """Each stat figure's (baseline from the page top, size), read with pdfplumber: the lines set at the figure size."""
    import pdfplumber

    from tests.layout.baselines import lines_of
    with pdfplumber.open(str(pdf)) as document:
        return {line.text: (line.baseline, line.size) for line in lines_of(document.pages[page])
                if 20 < line.size < 40}


QUALIFIED = """\
meta: {title: T, organization: O}
sections:
  - type: text
    title: Figures
    body: Some text.
    stats:
      - {heading: Nearly, value: "2 Million", label: Students Served Across L.A. County}
      - {value: "80", label: School Districts}
      - {heading: Fiscal Services, value: "$24 Billion", label: Budget}
      - {value: "4,084", label: Square Miles}
"""


def test_a_qualifier_above_one_figure_keeps_the_rows_one_size_and_one_baseline(write_spec, cli):
    """Measured from the PDF: "Nearly" above "2 Million" used to drop that figure 10 pt below the others."""
    spec = write_spec(QUALIFIED)
    result = cli("build", str(spec), "-o", str(spec.parent / "q.pdf"))
    assert result.code == 0, result.err
    figures = figure_lines(spec.parent / "q.pdf")
    figures.pop("Figures")  # the title
    assert set(figures) == {"2Million", "80", "$24Billion", "4,084"}, figures
    assert len({size for _, size in figures.values()}) == 1, figures
    assert figures["2Million"][0] == figures["80"][0]  # the first line of two
    assert figures["$24Billion"][0] == figures["4,084"][0]  # and the second


def test_sibling_pillars_with_as_many_stats_share_one_grid(theme):
    """Pillar 1's "$2.5 Million" needs two across; its sibling with short figures follows it, at one figure size."""
    long, short = (tuple(Stat(value=v, label="Label") for v in values)
                   for values in (["6,000", "$2.5 Million", "467", "722"], ["99", "177,000", "400", "160"]))
    rows = [StatRow(theme, stats, theme.palette.named("primary"), ("sections", i, "stats"), LayoutLog(),
                    siblings=(long, short)) for i, stats in enumerate((long, short))]
    for flowable in rows:
        flowable.wrap(468.0, 800)
    assert [[len(cells) for _, cells, _ in flowable.layout] for flowable in rows] == [[2, 2], [2, 2]]
    assert rows[0].grids[468.0].size == rows[1].grids[468.0].size
    alone = StatRow(theme, short, theme.palette.named("primary"), ("sections", 1, "stats"), LayoutLog())
    alone.wrap(468.0, 800)
    assert [len(cells) for _, cells, _ in alone.layout] == [4]  # without siblings: four across


def test_the_default_reports_pillars_share_one_stat_grid(default_build):
    """The five pillars' four stats each: two across on every pillar page, figures level in each line."""
    from pypdf import PdfReader
    pages = [index for index, page in enumerate(PdfReader(str(default_build.output)).pages)
             if "PILLAR" in (page.extract_text() or "")[:200]]
    assert len(pages) == 5
    for index in pages:
        figures = figure_lines(default_build.output, index)
        baselines = sorted({baseline for baseline, _ in figures.values() if _ == 28.0})
        assert len(baselines) == 2, (index, figures)  # two lines of two


def test_stats_and_cards_take_every_size_from_the_stylesheet():
    """No size literals in the two block modules (issue 13): numbers other than 0, 1 and 2 (counts, halves) only as
    named ratios between 0 and 1 at module level (how far a figure may shrink, the share of a page a row may take)."""
    import ast

    root = Path(__file__).resolve().parents[2] / "src" / "reportgen" / "layout" / "blocks"
    for name in ("stats.py", "cards.py"):
        tree = ast.parse((root / name).read_text())
        ratios = {id(node.value) for node in tree.body if isinstance(node, ast.Assign)
                  and all(isinstance(target, ast.Name) and target.id.isupper() for target in node.targets)
                  and isinstance(node.value, ast.Constant) and isinstance(node.value.value, float)
                  and 0 < node.value.value < 1}
        literals = [(node.lineno, node.value) for node in ast.walk(tree) if isinstance(node, ast.Constant)
                    and isinstance(node.value, (int, float)) and not isinstance(node.value, bool)
                    and node.value not in (0, 1, 2) and id(node) not in ratios]
        assert literals == [], (name, literals)
