"""The `cover` block: a cover section in, the front cover (a full-bleed photo, title and organisation on colour) out."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from reportgen.diagnostics import Diagnostic, Severity, SpecPath
from reportgen.model.parts import ImageField, SectionBase
from reportgen.model.types import ColorValue, Text, Words
from reportgen.sections.block import Block, CheckContext

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
    "Cover.year": ("The year line above the title; `meta.year` when absent, and left out when the title "
                   "already contains it (no year printed twice); `\"\"` for none.", '"2023-24"'),
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
    title = section.title or meta.title
    return [CoverPage(build.theme, build.geometry, path, title=title,
                      subtitle=section.subtitle if section.subtitle is not None else meta.subtitle,
                      organization=section.organization or meta.organization,
                      year=cover_year(section.year if section.year is not None else meta.year, title),
                      background=background,
                      image=section.image.file if section.image else None, store=build.store,
                      image_alt=section.image.alt if section.image else None, log=build.log, paths=paths,
                      image_lang=section.image.language if section.image else None)]


def check(section: Cover, context: CheckContext, path: SpecPath) -> list[Diagnostic]:
    """A caption on the cover's photo would not be printed (the photo runs to the page's edges): said, not lost."""
    if section.image is None or not section.image.caption:
        return []
    return [Diagnostic("the cover's photo is full-bleed: its caption is not printed", path + ("image", "caption"),
                       "remove `caption`; credit the photo in a later section's caption or text",
                       severity=Severity.WARNING)]


def cover_year(year: str | None, title: str) -> str | None:
    """The year line the cover prints: none when there is no year, or when the title already says it
    (compared without case, spacing or the kind of dash: "2023–24" is in "Annual Report 2023-24")."""
    if not year or not year.strip():
        return None
    return None if _comparable(year) in _comparable(title) else year


def _comparable(text: str) -> str:
    for dash in "\u2010\u2011\u2012\u2013\u2014\u2212":
        text = text.replace(dash, "-")
    return " ".join(text.casefold().split())


BLOCK = Block("cover", Cover, layout, order=10, notes=NOTES, sample={"type": "cover", "title": "Sample Cover Title"},
              page="feature", contents=False, once=True, title=lambda section, words: words("cover"), check=check)
