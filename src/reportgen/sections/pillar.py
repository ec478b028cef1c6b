"""The `pillar` block: a pillar section in, a strategic-plan pillar (coloured band, goal, stats, two-column text) out.

`pillar_color` is the one place a pillar's colour is decided: the contents chip, the overview's tiles
and the pillar's own band all take it from here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from reportgen.diagnostics import Diagnostic, SpecPath
from reportgen.model.base import field
from reportgen.model.charts import Chart, check_charts
from reportgen.model.colors import Color
from reportgen.model.parts import MAX_STATS, ImageField, SectionBase, Stat, Table
from reportgen.model.richtext import RichText
from reportgen.model.types import ColorValue, Rich, Text, Words
from reportgen.sections.block import Block, CheckContext

if TYPE_CHECKING:
    from reportlab.platypus import Flowable

    from reportgen.layout.sections import BuildContext
    from reportgen.model.report import Colors


class Pillar(SectionBase):
    type: Literal["pillar"]
    number: int = field(ge=1, le=99)
    title: Words
    color: ColorValue | None = None
    goal: Rich = RichText("", ())
    lead: Rich = RichText("", ())
    stats: tuple[Stat, ...] = field((), max_length=MAX_STATS)
    body: Rich = RichText("", ())
    images: tuple[ImageField, ...] = ()
    charts: tuple[Chart, ...] = ()
    tables: tuple[Table, ...] = ()


NOTES = {
    "Pillar.type": ("`pillar`: one strategic-plan pillar with a coloured band.", "pillar"),
    "Pillar.number": ("The pillar's number, 1 to 99, unique.", "1"),
    "Pillar.title": ("The pillar's name.", "Improve Student Outcomes"),
    "Pillar.color": ("The band colour; `theme.colors.pillars` by number when absent.", '"#0072CE"'),
    "Pillar.goal": ("The goal statement in the band.", "We will improve student outcomes ..."),
    "Pillar.lead": ("A large introductory paragraph.", "..."),
    "Pillar.stats": ("Stat figures.", "[{value: '6,000', label: Educators trained}]"),
    "Pillar.body": ("The text.", "..."),
    "Pillar.images": ("Photos after the text.", "[assets/photos/graduation.jpg]"),
    "Pillar.charts": ("Charts after the text (see [Chart](#chart)), in spec order.", "[{type: column, ...}]"),
    "Pillar.tables": ("Data tables after the body.", "see [Table](#table)"),
}


def pillar_color(section: Pillar, colors: Colors) -> Color:
    """The pillar's colour: its own, else `theme.colors.pillars` by number (cycling past the last)."""
    if section.color is not None:
        return section.color
    return colors.pillars[(section.number - 1) % len(colors.pillars)]


def layout(section: Pillar, build: BuildContext, path: SpecPath) -> list[Flowable]:
    from reportlab.platypus import KeepTogether

    from reportgen.layout.blocks.band import PillarBand
    from reportgen.layout.blocks.stats import StatRow
    from reportgen.layout.markup import rich_paragraphs

    palette, styles = build.theme.palette, build.theme.styles
    color = palette(pillar_color(section, build.report.theme.colors))
    kicker = build.words("pillar", number=str(section.number))
    head: list[Flowable] = [PillarBand(build.theme, build.geometry, path, number=section.number, title=section.title,
                                       kicker=kicker, heading=build.words("pillar_heading", pillar=kicker,
                                                                          title=section.title), color=color)]
    head += rich_paragraphs(section.goal, styles.colored("goal", color), path + ("goal",), build.log)
    if section.stats:  # the pillars' stat rows of one length share one grid
        siblings = tuple(other.stats for other in build.report.sections if isinstance(other, Pillar))
        head.append(StatRow(build.theme, section.stats, color, path + ("stats",), build.log, siblings=siblings,
                            words=build.words_of))
    lead = build.lead(section.lead, path + ("lead",))
    from reportgen.layout.blocks.charts import chart_blocks

    body = build.with_images(build.body(section.body, path + ("body",), color), section.images, path)
    body += build.tables(section.tables, path + ("tables",))
    body += chart_blocks(section.charts, build, path + ("charts",))
    return [KeepTogether(head)] + lead + build.columns(body, 2)


def check(section: Pillar, context: CheckContext, path: SpecPath) -> list[Diagnostic]:
    """Each pillar has its own number; its charts' figures (see model.charts.check_chart)."""
    problems = check_charts(section.charts, path + ("charts",))
    earlier = context.claim("pillar number", section.number, path[-1])
    if earlier is None:
        return problems
    return problems + [Diagnostic(f"pillar number {section.number} is already used by sections[{earlier}]",
                       path + ("number",), "give each pillar its own number")]


BLOCK = Block("pillar", Pillar, layout, order=90, notes=NOTES,
              sample={"type": "pillar", "number": 1, "title": "Sample Pillar", "goal": "A sample goal.",
                      "stats": [{"value": "3", "label": "Sample figures"}], "body": "Sample pillar text."},
              nests_under="pillars_overview", color=pillar_color, check=check,
              full_bleed=True)  # its band runs through the bleed
