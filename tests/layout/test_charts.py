"""Charts as drawn: bar lengths, column heights, ticks, stacked sums, line points and donut angles read from the Drawing."""

from __future__ import annotations

import itertools

import pytest
from reportlab.graphics.shapes import Circle, PolyLine, String, Wedge

from reportgen.layout.blocks.base import LayoutLog
from reportgen.layout.blocks.charts.bars import BarChart
from reportgen.layout.blocks.charts.common import chart_alt_text, figures_of
from reportgen.layout.blocks.charts.donut import DonutChart
from reportgen.layout.blocks.charts.line import LineChart
from reportgen.layout.blocks.charts.scale import nice_scale, nice_step
from reportgen.model.base import ModelError
from reportgen.model.charts import Chart, check_chart
from reportgen.model.report import Report
from reportgen.model.strings import words_for
from reportgen.theme import build_theme

ENROLLMENT = {"type": "column", "title": "Students enrolled, 2019-20 to 2023-24", "unit": "Million",
              "categories": ["2019-20", "2020-21", "2021-22", "2022-23", "2023-24"],
              "series": [{"name": "Students", "values": [1.98, 1.94, 1.89, 1.87, 1.85]}]}
GROUPED = {"type": "column", "categories": ["North", "South", "East", "West"],
           "series": [{"name": "2022-23", "values": [12, -3, 7.5, 20]}, {"name": "2023-24", "values": [15, -6, 9, 18]}]}
STACKED = {"type": "column", "stacked": True, "categories": ["Q1", "Q2", "Q3"],
           "series": [{"name": "State", "values": [120, 130, 140]}, {"name": "Federal", "values": [60, 55, 50]},
                      {"name": "Local", "values": [20, 25, 30]}]}
LINE = {"type": "line", "categories": ["2019", "2020", "2021", "2022"], "unit": "%",
        "series": [{"name": "County", "values": [80.2, 81.5, 83.1, 84.0]},
                   {"name": "State", "values": [84.5, 84.2, 83.6, 87.0]}]}
DONUT = {"type": "donut", "title": "Budget", "unit": "Million", "categories": ["A", "B", "C", "D"],
         "series": [{"name": "Budget", "values": [303, 147, 118, 59]}]}


@pytest.fixture(scope="module")
def theme():
    report = Report.from_data({"meta": {"title": "T", "organization": "O"}, "sections": [{"type": "cover"}]})
    return build_theme(report)


def drawn(theme, data, kind=None, width=468, language="en"):
    chart = Chart.from_data(data)
    kind = kind or {"bar": BarChart, "column": BarChart, "line": LineChart, "donut": DonutChart}[chart.type]
    log = LayoutLog()
    flowable = kind(theme, chart, figures_of(chart), ("sections", 0, "charts", 0), words_for(language), log)
    flowable.wrap(width, 600)
    return flowable, log


def sources(flowable):
    return [shape.source for shape in flowable.drawing.contents if isinstance(shape, String)]


# ---------------------------------------------------------------- ticks

@pytest.mark.parametrize("values, zero, ticks", [
    ([1.98, 1.85], True, [0, 0.5, 1, 1.5, 2]),
    ([-3, 12], True, [-5, 0, 5, 10, 15]),
    ([412, 318], True, [0, 100, 200, 300, 400, 500]),
    ([24500, 31200, 9800], True, [0, 10000, 20000, 30000, 40000]),
    ([80.2, 88.1], False, [80, 82, 84, 86, 88, 90]),
])
def test_ticks_are_one_two_or_five_times_a_power_of_ten(values, zero, ticks):
    scale = nice_scale(values, zero)
    assert scale.ticks == pytest.approx(ticks)
    assert scale.low <= min(values) and scale.high >= max(values)
    if zero:
        assert 0 in scale.ticks
    mantissa = scale.step / 10 ** int(f"{scale.step:e}".split("e")[1])
    assert round(mantissa, 9) in (1, 2, 5)


def test_nice_step_never_gives_more_intervals_than_asked():
    for span in (0.7, 3, 9.99, 10, 11, 47, 1234):
        assert span / nice_step(span) <= 5 + 1e-9


# ---------------------------------------------------------------- columns and bars

def test_column_heights_are_proportional_to_the_values(theme):
    flowable, log = drawn(theme, ENROLLMENT)
    values = ENROLLMENT["series"][0]["values"]
    zero = flowable.y_of(0)
    per_unit = (flowable.y_of(2) - zero) / 2
    assert len(flowable.bars) == 5
    for bar, value in zip(flowable.bars, values):
        assert bar.rect.y == pytest.approx(zero, abs=0.01)  # standing on the zero baseline
        assert bar.rect.height == pytest.approx(value * per_unit, abs=0.5)
    assert [t for t in sources(flowable) if t in ("0", "0.5", "1", "1.5", "2")] == ["0", "0.5", "1", "1.5", "2"]
    assert log.diagnostics == []


def test_every_value_label_is_drawn_with_its_unit(theme):
    flowable, _ = drawn(theme, ENROLLMENT)
    labels = [shape.source for shape in flowable.value_labels]
    assert labels == ["1.98\u00a0Million", "1.94\u00a0Million", "1.89\u00a0Million", "1.87\u00a0Million",
                      "1.85\u00a0Million"]


def test_negative_columns_hang_below_the_baseline(theme):
    flowable, _ = drawn(theme, GROUPED)
    zero = flowable.y_of(0)
    per_unit = flowable.y_of(10) - zero
    for bar in flowable.bars:
        if bar.value < 0:
            assert bar.rect.y + bar.rect.height == pytest.approx(zero, abs=0.01)
            assert bar.rect.y == pytest.approx(zero + bar.value * per_unit / 10, abs=0.5)
        else:
            assert bar.rect.y == pytest.approx(zero, abs=0.01)
            assert bar.rect.height == pytest.approx(bar.value * per_unit / 10, abs=0.5)
    below = [label for label in flowable.value_labels if label.source.startswith("-")]
    assert {label.source for label in below} == {"-3", "-6"} and all(label.y < zero for label in below)


def test_grouped_columns_stand_side_by_side_in_series_order(theme):
    flowable, _ = drawn(theme, GROUPED)
    for category in range(4):
        first, second = [bar.rect for bar in flowable.bars if bar.category == category]
        assert first.x + first.width <= second.x
        assert first.fillColor != second.fillColor


def test_stacked_columns_add_up(theme):
    flowable, _ = drawn(theme, STACKED)
    for category in range(3):
        parts = sorted((bar.rect for bar in flowable.bars if bar.category == category), key=lambda r: r.y)
        total = sum(s["values"][category] for s in STACKED["series"])
        assert parts[0].y == pytest.approx(flowable.y_of(0), abs=0.01)
        for lower, upper in zip(parts, parts[1:]):
            assert upper.y == pytest.approx(lower.y + lower.height, abs=0.01)  # each part on the one below
        assert parts[-1].y + parts[-1].height == pytest.approx(flowable.y_of(total), abs=0.5)
    assert {"200", "210", "220"} <= {label.source for label in flowable.value_labels}  # the totals


def test_bar_lengths_are_proportional_to_the_values(theme):
    data = {"type": "bar", "categories": ["Central Juvenile Hall", "Los Padrinos", "Camp Afflerbaugh"],
            "series": [{"name": "Dollars", "values": [24500, 31200, 9800]}]}
    flowable, _ = drawn(theme, data)
    zero = flowable.x_of(0)
    per_dollar = (flowable.x_of(10000) - zero) / 10000
    tops = []
    for bar, value in zip(flowable.bars, data["series"][0]["values"]):
        assert bar.rect.x == pytest.approx(zero, abs=0.01)
        assert bar.rect.width == pytest.approx(value * per_dollar, abs=0.5)
        tops.append(bar.rect.y)
    assert tops == sorted(tops, reverse=True)  # the first category at the top
    assert [label.source for label in flowable.value_labels] == ["24,500", "31,200", "9,800"]


def test_value_labels_never_overlap(theme):
    many = {"type": "column", "categories": [f"C{i}" for i in range(24)], "unit": "Million",
            "series": [{"name": "A", "values": [1000 + 37 * i for i in range(24)]},
                       {"name": "B", "values": [990 + 41 * i for i in range(24)]}]}
    flowable, log = drawn(theme, many, width=300)
    boxes = []
    for label in flowable.value_labels:
        width = label.getBounds()[2] - label.getBounds()[0]
        boxes.append((label.x, label.y, label.x + width, label.y + label.fontSize * 0.78))
    for first, second in itertools.combinations(boxes, 2):
        assert first[2] <= second[0] or second[2] <= first[0] or first[3] <= second[1] or second[3] <= first[1]
    flowable.report_dropped()  # as drawing does
    warnings = [d for d in log.diagnostics if "left out" in d.message]
    assert warnings and warnings[0].path == ("sections", 0, "charts", 0)
    assert len(flowable.value_labels) + int(warnings[0].message.split()[0]) == 48
    assert flowable.value_labels  # not all left out: every other one, say


def test_a_legend_only_with_several_series(theme):
    one, _ = drawn(theme, ENROLLMENT)
    two, _ = drawn(theme, GROUPED)
    assert "Students" not in sources(one)
    assert {"2022-23", "2023-24"} <= set(sources(two))


def test_every_colour_comes_from_the_theme(theme):
    flowable, _ = drawn(theme, STACKED)
    chart = [theme.palette(theme.palette.chart(i)) for i in range(3)]
    assert [bar.rect.fillColor for bar in flowable.bars[:3]] == chart


# ---------------------------------------------------------------- lines

def test_line_points_sit_at_their_values(theme):
    flowable, log = drawn(theme, LINE)
    low, high = flowable.plot[1], flowable.plot[3]
    scale = nice_scale([v for s in LINE["series"] for v in s["values"]], zero=False)
    for series, points in zip(LINE["series"], flowable.points):
        for index, (value, (x, y)) in enumerate(zip(series["values"], points)):
            assert y == pytest.approx(low + (value - scale.low) / (scale.high - scale.low) * (high - low), abs=0.5)
            assert x == pytest.approx(flowable.x_at(index))
    lines = [shape for shape in flowable.drawing.contents if isinstance(shape, PolyLine)]
    assert len(lines) == 2
    markers = [shape for shape in flowable.drawing.contents if isinstance(shape, Circle)]
    assert len(markers) >= 8  # a marker at every value (and one in each legend entry)
    assert {label.source for label in flowable.value_labels} <= {
        f"{v:g}%" for s in LINE["series"] for v in s["values"]} | {f"{v:g}" for s in LINE["series"] for v in s["values"]}


# ---------------------------------------------------------------- donut

def test_donut_angles_match_the_values(theme):
    flowable, _ = drawn(theme, DONUT)
    wedges = [shape for shape in flowable.drawing.contents if isinstance(shape, Wedge)]
    values = DONUT["series"][0]["values"]
    for wedge, value in zip(wedges, values):
        assert wedge.endangledegrees - wedge.startangledegrees == pytest.approx(360 * value / sum(values), abs=0.5)
    assert wedges[0].endangledegrees == pytest.approx(90)
    assert [s for s in sources(flowable) if s.endswith("%")] == ["48%", "24%", "19%", "9%"]  # largest remainder


# ---------------------------------------------------------------- words

def test_alt_text_names_every_value_in_the_reports_language(theme):
    chart = Chart.from_data(ENROLLMENT)
    english = chart_alt_text(chart, figures_of(chart), words_for("en"))
    assert english.startswith("Column chart of Students enrolled, 2019-20 to 2023-24, in Million: 2019-20, 1.98; ")
    french = chart_alt_text(chart, figures_of(chart), words_for("fr"))
    assert french.startswith("Histogramme\u00a0: Students enrolled") and "1,98" in french
    for value in ("1.98", "1.94", "1.89", "1.87", "1.85"):
        assert value in english


def test_french_value_labels_have_a_decimal_comma(theme):
    data = {"type": "column", "categories": ["A", "B"], "series": [{"name": "S", "values": [1250.5, 980]}]}
    flowable, _ = drawn(theme, data, language="fr")
    assert [label.source for label in flowable.value_labels] == ["1\u202f250,5", "980"]


# ---------------------------------------------------------------- validation

def problems(data):
    return [(d.path, d.message) for d in check_chart(Chart.from_data(data), ("charts", 0))]


def test_a_series_of_the_wrong_length_is_located():
    found = problems({"type": "column", "categories": ["a", "b", "c"],
                      "series": [{"name": "S", "values": [1, 2]}]})
    assert found == [(("charts", 0, "series", 0, "values"), "series 'S' has 2 values but the chart has 3 categories")]


def test_a_donut_takes_one_series_of_non_negative_parts():
    found = problems({"type": "donut", "categories": ["a", "b"],
                      "series": [{"name": "S", "values": [1, -2]}, {"name": "T", "values": [1, 2]}]})
    assert (("charts", 0, "series"), "a donut shows one series, not 2") in found
    assert any(path == ("charts", 0, "series", 0, "values", 1) and "negative" in message for path, message in found)


def test_stacked_lines_and_missing_figures_are_refused():
    assert problems({"type": "line", "stacked": True, "categories": ["a"], "series": [{"name": "S", "values": [1]}]}) \
        == [(("charts", 0, "stacked"), "`stacked` is for bar and column charts, not line")]
    assert [path for path, _ in problems({"type": "bar"})] == [("charts", 0), ("charts", 0)]
    with pytest.raises(ModelError, match="sections"):
        Report.from_data({"meta": {"title": "T", "organization": "O"},
                          "sections": [{"type": "text", "title": "X", "charts": [{"type": "pie"}]}]})
