"""The `cover` block: a cover section in, the front cover (a full-bleed photo, title and organisation on colour) out."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from reportgen.diagnostics import SpecPath
from reportgen.model.parts import ImageField, SectionBase
from reportgen.model.types import ColorValue, Text, Words
from reportgen.sections.block import Block

if TYPE_CHECKING:
    from reportlab.platypus import Flowable

    from reportgen.layout.sections import BuildContext


class Cover(SectionBase):
    type: Literal["cover"]
    title: Words | None = None
    subtitle: Text | None = None
    organization: Text | None = None
    year: Text | None = None
    image: ImageField | None = None
    background: ColorValue | None = None


NOTES = {
    "Cover.type": ("`cover`: the front cover, a full-bleed photo or colour with the title.", "cover"),
    "Cover.title": ("Cover title; `meta.title` when absent.", "Annual Report 2023-24"),
    "Cover.subtitle": ("Cover subtitle; `meta.subtitle` when absent.", "Empowering Education"),
    "Cover.organization": ("Organisation line; `meta.organization` when absent.", "LACOE"),
    "Cover.year": ("A year line on the cover.", '"2023-24"'),
    "Cover.image": ("Full-bleed cover photo.", "assets/photos/cover.jpg"),
    "Cover.background": ("Ground colour; `theme.colors.primary` when absent.", '"#003A70"'),
}


def layout(section: Cover, build: BuildContext, path: SpecPath) -> list[Flowable]:
    from reportgen.layout.blocks.feature import CoverPage

    meta, palette = build.report.meta, build.theme.palette
    background = palette(section.background or build.report.theme.colors.primary)
    paths = {"title": path + ("title",) if section.title else ("meta", "title"),
             "subtitle": path + ("subtitle",) if section.subtitle is not None else ("meta", "subtitle"),
             "organization": path + ("organization",) if section.organization else ("meta", "organization"),
             "image": path + ("image",)}
    return [CoverPage(build.theme, build.geometry, path, title=section.title or meta.title,
                      subtitle=section.subtitle if section.subtitle is not None else meta.subtitle,
                      organization=section.organization or meta.organization,
                      year=section.year, background=background,
                      image=section.image.file if section.image else None, store=build.store,
                      image_alt=section.image.alt if section.image else None, log=build.log, paths=paths,
                      image_lang=section.image.language if section.image else None)]


BLOCK = Block("cover", Cover, layout, order=10, notes=NOTES, sample={"type": "cover", "title": "Sample Cover Title"},
              page="feature", contents=False, once=True, title=lambda section, words: words("cover"))
