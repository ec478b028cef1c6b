"""The `contents` block: a contents section in, a linked table of contents with page numbers out."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from reportgen.diagnostics import SpecPath
from reportgen.model.parts import SectionBase
from reportgen.model.types import Words
from reportgen.sections.block import Block

if TYPE_CHECKING:
    from reportlab.platypus import Flowable

    from reportgen.layout.sections import BuildContext


class Contents(SectionBase):
    type: Literal["contents"]
    title: Words | None = None


NOTES = {
    "Contents.type": ("`contents`: a linked table of contents with page numbers.", "contents"),
    "Contents.title": ("Its heading; the report language's word for contents when absent "
                       "([meta.strings](#metastrings) `contents`: Contents, Índice, Sommaire).", "Contents"),
}


def layout(section: Contents, build: BuildContext, path: SpecPath) -> list[Flowable]:
    from reportlab.platypus import Spacer

    from reportgen.layout.blocks.contents import ContentsEntry

    styles, palette = build.theme.styles, build.theme.palette
    flowables: list[Flowable] = [build.title(section.title or build.words("contents")), Spacer(0, 8)]
    tops: list[tuple[ContentsEntry, list[ContentsEntry]]] = []  # each level-0 entry with the entries under it
    for entry in build.entries:
        style = styles.contents_entry if entry.level == 0 else styles.contents_subentry
        chip = palette(entry.color) if entry.color is not None else None
        flowables.append(ContentsEntry(entry.title, entry.key, entry.level, style, build.registry,
                                       palette.named("rule"), ("sections", entry.index), build.theme.measures,
                                       indent=0 if entry.level == 0 else 22, chip=chip,
                                       description=build.words("go_to", title=entry.title)))
        if entry.level == 0 or not tops:
            tops.append((flowables[-1], []))  # type: ignore[arg-type]
        else:
            tops[-1][1].append(flowables[-1])  # type: ignore[arg-type]
    for top, subentries in tops:
        top.nest(subentries)
    return flowables


BLOCK = Block("contents", Contents, layout, order=20, notes=NOTES, sample={"type": "contents", "title": "Sample Contents"},
              contents=False, once=True, title=lambda section, words: section.title or words("contents"))
