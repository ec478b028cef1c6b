"""Charts: a section's `charts:` in, for each a heading, its vector drawing (bar, column, line or donut) and its source note out."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportgen.diagnostics import SpecPath
from reportgen.model.charts import Chart

if TYPE_CHECKING:
    from reportlab.platypus import Flowable

    from reportgen.layout.sections import BuildContext


def chart_block(chart: Chart, build: BuildContext, path: SpecPath) -> Flowable:
    """One chart: its title as a heading above it, the drawing, its `source` as a small note under it, bound
    together (KeepWithNext: in balanced columns too, which ignore keepWithNext and KeepTogether)."""
    from reportgen.layout.blocks.columns import KeepWithNext

    from reportgen.layout.blocks.charts.bars import BarChart
    from reportgen.layout.blocks.charts.common import figures_of
    from reportgen.layout.blocks.charts.donut import DonutChart
    from reportgen.layout.blocks.charts.line import LineChart
    from reportgen.layout.markup import plain
    from reportgen.layout.tagging import TaggedParagraph

    kind = {"bar": BarChart, "column": BarChart, "line": LineChart, "donut": DonutChart}[chart.type]
    parts: list[Flowable] = []
    if chart.title:
        heading = build.heading(chart.title)
        heading.keepWithNext = True
        parts.append(heading)
    drawn = kind(build.theme, chart, figures_of(chart), path, build.words, build.log)
    parts.append(drawn)
    if chart.source:  # close under the chart it belongs to
        drawn.spaceAfter = build.theme.measures.box("chart").padding
        note = TaggedParagraph(plain(chart.source), build.theme.styles.caption)
        note.spaceAfter = build.theme.measures.block_gap
        parts.append(note)
    block = parts[-1]
    for part in reversed(parts[:-1]):
        block = KeepWithNext(part, block)
    return block


def chart_blocks(charts: tuple[Chart, ...], build: BuildContext, path: SpecPath) -> list[Flowable]:
    """The charts at spec `path` (a `charts` list), in spec order; each spans the text area (interrupting
    two-column text: BuildContext.columns), as a table does, unless it is `span: column` (a column of
    two-column text, the measure of one-column text)."""
    made = []
    for index, chart in enumerate(charts):
        block = chart_block(chart, build, path + (index,))
        block.full_width = chart.span == "full"
        made.append(block)
    return made
