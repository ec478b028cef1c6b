import pytest

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


def test_a_figure_too_long_for_any_cell_is_shrunk_and_reported(theme):
    flowable, log = row(theme, ["$1,234,567,890,123,456"], width=200)
    [(cell_width, [cell], _)] = flowable.layout
    assert cell.value.style.fontSize < theme.styles.stat_value.fontSize
    assert cell.value.minWidth() <= cell_width + 0.5
    [warning] = log.diagnostics
    assert warning.path == ("sections", 0, "stats") and "set at" in warning.message
