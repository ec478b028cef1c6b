"""The `financials` block: a financials section in, budget figures and a ring chart drawn as vector graphics out."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from reportgen.diagnostics import Diagnostic, Severity, SpecPath
from reportgen.model.base import Model, field
from reportgen.model.charts import Chart, check_charts
from reportgen.model.figures import fitted_percents, pie_shares, within_tolerance
from reportgen.model.parts import MAX_STATS, SectionBase, Stat, Table
from reportgen.model.richtext import RichText
from reportgen.model.types import ColorValue, Rich, Text, Words
from reportgen.sections.block import Block, CheckContext

if TYPE_CHECKING:
    from reportlab.platypus import Flowable

    from reportgen.layout.sections import BuildContext


class Slice(Model):
    label: Text
    amount: float = field(gt=0, allow_inf_nan=False)
    display: Text | None = None
    percent: float | None = field(None, ge=0, le=100, allow_inf_nan=False)
    color: ColorValue | None = None


class Pie(Model):
    synonyms = {"items": "slices", "data": "slices", "values": "slices", "segments": "slices"}

    title: Text = ""
    total: Text | None = None
    total_label: Text | None = None
    slices: tuple[Slice, ...] = field(min_length=2, max_length=12)


class Financials(SectionBase):
    type: Literal["financials"]
    title: Words
    lead: Rich = RichText("", ())
    body: Rich = RichText("", ())
    stats: tuple[Stat, ...] = field((), max_length=MAX_STATS)
    pie: Pie | None = None
    charts: tuple[Chart, ...] = ()
    tables: tuple[Table, ...] = ()


NOTES = {
    "Financials.type": ("`financials`: budget figures and a pie chart.", "financials"),
    "Financials.title": ("The section's heading.", "Budget"),
    "Financials.lead": ("A large introductory paragraph.", "..."),
    "Financials.body": ("The text.", "..."),
    "Financials.stats": ("Stat figures.", "[{value: '$627 Million', label: LACOE Budget}]"),
    "Financials.pie": ("A ring chart drawn as vector graphics.", "see [Pie](#pie)"),
    "Financials.charts": ("Charts after the text (see [Chart](#chart)), in spec order.", "[{type: bar, ...}]"),
    "Financials.tables": ("Data tables after the body.", "see [Table](#table)"),
    "Slice.label": ("What the slice is, in the legend.", "Specially Funded Projects"),
    "Slice.amount": ("The slice's amount; the shares come from the amounts.", "303"),
    "Slice.display": ("The amount as printed in the legend.", '"$303 Million"'),
    "Slice.percent": ("The percentage to print; checked against the amounts (more than 1 point off is an "
                      "error; the printed figures must add up to 100). Computed when absent.", "48"),
    "Slice.color": ("This slice's colour; the next `theme.colors.chart` colour when absent.", '"#0072CE"'),
    "Pie.title": ("A heading above the chart (and the chart's name in its alt text).", "LACOE Budget"),
    "Pie.total": ("Printed in the centre of the ring.", '"$627 Million"'),
    "Pie.total_label": ("A small line under the total in the centre of the ring: what the total is.",
                        "Total budget"),
    "Pie.slices": ("2 to 12 slices, clockwise from the top.", "see [Slice](#slice)"),
}


def layout(section: Financials, build: BuildContext, path: SpecPath) -> list[Flowable]:
    from reportlab.platypus import CondPageBreak

    from reportgen.layout.blocks.pie import BudgetPie
    from reportgen.layout.blocks.stats import StatRow

    primary = build.theme.palette.named("primary")
    flowables: list[Flowable] = [build.title(section.title)] + build.lead(section.lead, path + ("lead",))
    if section.stats:
        flowables.append(StatRow(build.theme, section.stats, primary, path + ("stats",), build.log, words=build.words_of))
    if section.pie is not None:
        if section.pie.title:  # a heading above the chart, kept with it
            flowables.append(CondPageBreak(build.theme.measures.pie_size + 60))
            heading = build.heading(section.pie.title)
            heading.keepWithNext = True
            flowables.append(heading)
        flowables.append(BudgetPie(build.theme, section.pie, path + ("pie",), build.words))
    from reportgen.layout.blocks.charts import chart_blocks

    body = build.body(section.body, path + ("body",)) + build.tables(section.tables, path + ("tables",))
    body += chart_blocks(section.charts, build, path + ("charts",))
    return flowables + build.measured(body)  # at the measure of one-column text


def check_pie(section: Financials, path: SpecPath) -> list[Diagnostic]:
    """Stated percentages are judged as a set: each within a point of its share, and the printed
    figures (stated, or computed for the rest) adding up to 100. Every hint is a set that does."""
    assert section.pie is not None
    slices = section.pie.slices
    amounts, stated = [s.amount for s in slices], [s.percent for s in slices]
    shares = pie_shares(amounts, stated)
    exact = [share.computed_percent for share in shares]
    fitted = fitted_percents(exact, stated)
    changes = [i for i, s in enumerate(stated) if s is not None and round(s) != fitted[i]]
    applied = [fitted[i] if i in changes else s for i, s in enumerate(stated)]
    after = [share.printed_percent for share in pie_shares(amounts, applied)]

    def hint(first: int | None) -> str:
        """'state 9 [for 'D'][, and 24 for 'B'] so the printed figures (48, 24, 19, 9) add up to 100'."""
        named = " and ".join(f"{fitted[i]} for {slices[i].label!r}" for i in changes if i != first)
        if first is None:
            state = f"state {named}"
        else:
            state = f"state {fitted[first]}" + (f" (and {named})" if named else "")
        return f"{state} so the printed figures ({', '.join(map(str, after))}) add up to 100"

    problems = []
    for index, (slice_, share) in enumerate(zip(slices, shares)):
        if slice_.percent is not None and not (within_tolerance(slice_.percent, share.computed_percent)
                                               and within_tolerance(round(slice_.percent), share.computed_percent)):
            problems.append(Diagnostic(
                f"slice {slice_.label!r} states {slice_.percent:g}% but its amount is {share.computed_percent:.1f}% of the total",
                path + ("slices", index, "percent"),
                hint(index) + ", or remove `percent` to print the computed figure"))
    printed = sum(share.printed_percent for share in shares)
    if problems or printed == 100 or not changes:
        return problems
    if all(p is not None for p in stated):  # the designer's own figures do not add up
        return [Diagnostic(f"the stated percentages add up to {printed}, not 100", path + ("slices",), hint(None))]
    # the computed figures cannot make up the difference and stay within a point of their shares
    return [Diagnostic(
        f"the printed percentages add up to {printed}, not 100: the computed ones cannot make up for the "
        f"stated ones within a point of their shares", path + ("slices", changes[0], "percent"),
        hint(changes[0]), severity=Severity.WARNING)]


def check(section: Financials, context: CheckContext, path: SpecPath) -> list[Diagnostic]:
    """The pie's stated percentages, as a set (see `check_pie`); the charts' figures (model.charts.check_chart)."""
    problems = check_pie(section, path + ("pie",)) if section.pie is not None else []
    return problems + check_charts(section.charts, path + ("charts",))


BLOCK = Block("financials", Financials, layout, order=100, notes=NOTES, flows=True,
              sample={"type": "financials", "title": "Sample Budget", "body": "Sample budget text.",
                      "pie": {"title": "Sample Pie", "total": "$10", "slices": [
                          {"label": "Sample Part A", "amount": 6}, {"label": "Sample Part B", "amount": 4}]}},
              check=check)
