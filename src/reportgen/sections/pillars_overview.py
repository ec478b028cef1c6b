"""The `pillars_overview` block: an overview section in, a tile per pillar of the report (linked to it) out."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from reportgen.diagnostics import SpecPath
from reportgen.model.parts import SectionBase
from reportgen.model.richtext import RichText
from reportgen.model.types import Rich, Text, Words
from reportgen.sections.block import Block
from reportgen.sections.pillar import Pillar, pillar_color

if TYPE_CHECKING:
    from reportlab.platypus import Flowable

    from reportgen.layout.sections import BuildContext


class PillarsOverview(SectionBase):
    type: Literal["pillars_overview"]
    title: Words
    lead: Rich = RichText("", ())
    body: Rich = RichText("", ())


NOTES = {
    "PillarsOverview.type": ("`pillars_overview`: lists every pillar (number, colour, title), each linking to "
                             "its section.", "pillars_overview"),
    "PillarsOverview.title": ("The section's heading.", "Our Strategic Plan"),
    "PillarsOverview.lead": ("A large introductory paragraph.", "Four pillars guide our work."),
    "PillarsOverview.body": ("Text under the list.", "..."),
}


def layout(section: PillarsOverview, build: BuildContext, path: SpecPath) -> list[Flowable]:
    from reportlab.platypus import Spacer

    from reportgen.layout.blocks.overview import PillarTile

    colors = build.report.theme.colors
    flowables: list[Flowable] = [build.title(section.title)] + build.lead(section.lead, path + ("lead",))
    flowables.append(Spacer(0, 6))
    words = build.words
    for index, other in enumerate(build.report.sections):
        if isinstance(other, Pillar):
            heading = words("pillar_heading", pillar=words("pillar", number=str(other.number)), title=other.title)
            flowables.append(PillarTile(build.theme, other.number, other.title,
                                        build.theme.palette(pillar_color(other, colors)), build.keys[index],
                                        ("sections", index), words("go_to", title=heading)))
    flowables.append(Spacer(0, 10))
    return flowables + build.measured(build.body(section.body, path + ("body",)))  # at the measure of one-column text


BLOCK = Block("pillars_overview", PillarsOverview, layout, order=80, notes=NOTES,
              sample={"type": "pillars_overview", "title": "Sample Overview", "body": "Sample overview text."})
