"""Donut charts: one series of parts in, the budget pie's ring and legend (its look and arithmetic) out.

The parts become a pie's slices: percentages by largest remainder (model/figures.py), the ring, the
outside labels and the legend exactly as `financials.pie` draws them; the total of the parts (with the
unit under it) in the hole. Read as a Figure whose alt text lists every part, the legend as a list, and
the data Table every chart has.
"""

from __future__ import annotations

from reportgen.diagnostics import SpecPath
from reportgen.layout.blocks.base import LayoutLog
from reportgen.layout.blocks.charts.common import ChartFlowable, Figures, chart_alt_text
from reportgen.layout.blocks.pie import BudgetPie
from reportgen.layout.tagging import Semantics
from reportgen.model.charts import Chart
from reportgen.model.figures import pie_shares
from reportgen.model.strings import Words
from reportgen.sections.financials import Pie, Slice
from reportgen.theme import Theme


def donut_pie(chart: Chart, figures: Figures, words: Words) -> Pie:
    """The chart as a pie: a slice per category, its amount printed with the unit, the total in the hole."""
    values = figures.series[0].values
    slices = tuple(Slice(label=category, amount=value, display=ChartFlowable.value_text_of(words, value, chart.unit),
                         percent=None, color=None) for category, value in zip(figures.categories, values))
    return Pie(title=chart.title or "", total=words.number(sum(values)), total_label=chart.unit, slices=slices)


class DonutChart(BudgetPie):
    """The budget pie's flowable for a chart: its Figure's alt text the chart's, its data Table after the legend."""

    def __init__(self, theme: Theme, chart: Chart, figures: Figures, spec_path: SpecPath, words: Words,
                 log: LayoutLog):
        pie = donut_pie(chart, figures, words)
        super().__init__(theme, pie, spec_path, words)
        self.chart, self.figures, self.log = chart, figures, log
        self.shares = pie_shares([s.amount for s in pie.slices], [None] * len(pie.slices))
        self.data = ChartFlowable(theme, chart, figures, spec_path, words, log)  # its table (drawn by this one)
        self.figure = Semantics("Figure", alt=chart_alt_text(chart, figures, words))
        self.semantics = Semantics(children=(self.figure, self.semantics.children[1], self.data.table))

    def draw(self) -> None:
        if self.chart.id:
            self.canv.bookmarkHorizontal(self.chart.id, 0, self.height)
        super().draw()
        self.data.canv = self.canv
        self.data.drawing = self.drawing
        self.data.draw_table()
