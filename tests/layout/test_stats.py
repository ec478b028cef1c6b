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
