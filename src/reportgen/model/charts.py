"""Charts in the spec: a `charts:` entry's fields in, checked categories and series (and located problems) out."""

from __future__ import annotations

import math
from typing import Literal

from reportgen.diagnostics import Diagnostic, SpecPath
from reportgen.model.base import Model, field
from reportgen.model.data import CsvData, CsvFile, DataError
from reportgen.model.types import AltText, Text, Words

MAX_CATEGORIES = 60  # past that a chart is a table, and unreadable at a page's width
MAX_SERIES = 8       # past that the chart colours run out and the legend outgrows the chart
MAX_DONUT_PARTS = 12  # as a pie's slices


class Series(Model):
    name: Text = field(description="What the series measures: its legend entry and its column's header in the "
                                   "chart's data table.", example="Students")
    values: tuple[float, ...] = field(description="One number per category, in the categories' order.",
                                      example="[1.98, 1.94, 1.89, 1.87, 1.85]", min_length=1,
                                      max_length=MAX_CATEGORIES)


class Chart(Model):
    synonyms = {"kind": "type", "labels": "categories", "note": "source", "heading": "title"}

    type: Literal["bar", "column", "line", "donut"] = field(
        description="`column`: vertical bars; `bar`: horizontal bars (long category names read best); `line`: "
                    "a trend, one line per series with a marker at each value; `donut`: parts of a whole, "
                    "drawn like the budget pie (one series, no negative values).", example="column")
    id: Text | None = field(None, description="An anchor name, for `[links](#id)` to the chart.",
                            example="enrollment")
    title: Words | None = field(None, description="A heading above the chart, and the chart's name in its alt text.",
                                example="Students enrolled, 2019-20 to 2023-24")
    categories: tuple[Text, ...] = field((), description="The categories, in order: along the axis of a column "
                                         "or line chart, down a bar chart, the parts of a donut. With `data`, "
                                         "leave it out.", example='["2019-20", "2020-21", "2021-22"]',
                                         max_length=MAX_CATEGORIES)
    series: tuple[Series, ...] = field((), description=f"1 to {MAX_SERIES} series of values, one value per "
                                       "category; a legend names them when there are several. With `data`, "
                                       "leave it out.", example="[{name: Students, values: [1.98, 1.94, 1.89]}]",
                                       max_length=MAX_SERIES)
    unit: Text | None = field(None, description="What the values count: printed after the value labels and as "
                              "the axis title, and read in the alt text.", example="Million")
    stacked: bool = field(False, description="A bar or column chart with several series: the series stacked in "
                          "one bar per category (`true`) or side by side (`false`).", example="true")
    source: Text | None = field(None, description="A small note under the chart: where the figures come from.",
                                example="California Department of Education")
    alt: AltText | None = field(None, description="Alternative text for screen readers; written from the data "
                                "(the chart's type, title, unit and every value) when absent.",
                                example='"Enrollment fell every year, from 1.98 to 1.85 million."')
    data: CsvFile | None = field(None, description="A CSV file (UTF-8, a header row) instead of `categories` "
                                   "and `series`: its first column is the categories, every other column a "
                                   "series named by its header.", example="assets/data/spending.csv")
    span: Literal["full", "column"] = field("full", description="In two-column text, `column` sets the chart "
                                            "inside a column; `full` (the default) across both (the columns end "
                                            "before it and start again after it).", example="column")


def check_chart(chart: Chart, path: SpecPath) -> list[Diagnostic]:
    """What no single field can see: categories and series given (or `data`), one value per category in
    every series, finite values, a donut's one series of parts of a whole, `stacked` only where it means something."""
    problems: list[Diagnostic] = []
    if chart.data is not None:
        if chart.categories or chart.series:
            key = "categories" if chart.categories else "series"
            problems.append(Diagnostic(f"a chart takes its figures from `data` or from `categories` and `series`, "
                                       f"not both", path + (key,), f"remove `{key}` or `data`"))
            return problems
        try:
            categories, series = csv_figures(chart.data)
        except DataError as error:  # located in the CSV file: its name, line and column
            return [Diagnostic(error.message, path + ("data",), error.hint, error.file, error.line, error.column)]
        return [Diagnostic(problem.message, path + ("data",), problem.hint) for problem in
                check_figures(chart, categories, series, path, f" in {chart.data.shown}")]
    if not chart.categories:
        problems.append(Diagnostic("the chart has no categories", path,
                                   "add `categories: [...]` (or `data:` with a CSV file)"))
    if not chart.series:
        problems.append(Diagnostic("the chart has no series", path,
                                   "add `series: [{name: ..., values: [...]}]` (or `data:` with a CSV file)"))
    if problems:
        return problems
    return check_figures(chart, chart.categories, chart.series, path)


def csv_figures(data: CsvData) -> tuple[tuple[str, ...], tuple[Series, ...]]:
    """A chart's figures from a CSV file: the first column the categories, every other column a series named
    by its header; a cell that is not a plain number is a DataError at its line and column."""
    if len(data.header) < 2:
        cell = data.header[0]
        raise data.error(cell, "a chart's CSV needs a column of categories and at least one column of values",
                         "add a column: the first names the categories, each other one a series")
    categories = tuple(row[0].text.strip() for row in data.rows)
    series = tuple(Series(name=header.text.strip(), values=tuple(data.number(row[index]) for row in data.rows))
                   for index, header in enumerate(data.header[1:], start=1))
    return categories, series


def check_figures(chart: Chart, categories: tuple[str, ...], series: tuple[Series, ...],
                  path: SpecPath, where: str = "") -> list[Diagnostic]:
    """The checks on the figures themselves (given inline or read from `data`); `where` names the CSV file."""
    problems: list[Diagnostic] = []
    count = len(categories)
    for index, one in enumerate(series):
        if len(one.values) != count:
            problems.append(Diagnostic(
                f"series {one.name!r} has {len(one.values)} value{'s' if len(one.values) != 1 else ''} but the "
                f"chart has {count} categor{'ies' if count != 1 else 'y'}{where}", path + ("series", index, "values"),
                "give one value per category, in the categories' order"))
        for position, value in enumerate(one.values):
            if not math.isfinite(value):
                problems.append(Diagnostic(f"{value} is not a number a chart can draw{where}",
                                           path + ("series", index, "values", position), "give a finite number"))
    seen: dict[str, int] = {}
    for index, category in enumerate(categories):
        if category in seen:
            problems.append(Diagnostic(f"the category {category!r} is given twice (also at position {seen[category]})"
                                       f"{where}", path + ("categories", index),
                                       "give each category once; a reader cannot tell two bars of one name apart"))
        seen.setdefault(category, index)
    if chart.type == "donut":
        if len(series) != 1:
            problems.append(Diagnostic(f"a donut shows one series, not {len(series)}{where}", path + ("series",),
                                       "give one series, or use a bar or column chart for several"))
        if not 2 <= count <= MAX_DONUT_PARTS:
            problems.append(Diagnostic(f"a donut has 2 to {MAX_DONUT_PARTS} parts, not {count}{where}",
                                       path + ("categories",), "combine the smallest into one 'Other' part"
                                       if count > MAX_DONUT_PARTS else "a single part is no share of anything"))
        for index, one in enumerate(series):
            for position, value in enumerate(one.values):
                if value < 0:
                    problems.append(Diagnostic(f"a donut's parts are shares of a whole; {value:g} is negative{where}",
                                               path + ("series", index, "values", position),
                                               "use a bar or column chart for values below zero"))
            if one.values and all(value == 0 for value in one.values):
                problems.append(Diagnostic(f"every part of the donut is 0{where}", path + ("series", index, "values"),
                                           "a donut shows shares of a whole: give the parts' amounts"))
    if chart.stacked and chart.type not in ("bar", "column"):
        problems.append(Diagnostic(f"`stacked` is for bar and column charts, not {chart.type}", path + ("stacked",),
                                   "remove `stacked`"))
    return problems


def check_charts(charts: tuple[Chart, ...], path: SpecPath) -> list[Diagnostic]:
    """Every chart's problems, located under `path` (a section's or subsection's `charts`)."""
    return [problem for index, chart in enumerate(charts) for problem in check_chart(chart, path + (index,))]
