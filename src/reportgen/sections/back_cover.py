"""The `back_cover` block: a back cover section in, the back cover (organisation, address, linked contacts) out."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Literal

from reportgen.diagnostics import Diagnostic, SpecPath
from reportgen.model.base import Before
from reportgen.model.parts import ImageField, SectionBase
from reportgen.model.types import ColorValue, Text
from reportgen.sections.block import Block, CheckContext

if TYPE_CHECKING:
    from reportlab.platypus import Flowable

    from reportgen.layout.sections import BuildContext


def _address_lines(value: object) -> object:
    """`address: "9300 Imperial Highway\\nDowney, CA"` (a block of lines) is short for a list of its lines."""
    return [line.strip() for line in value.splitlines() if line.strip()] if isinstance(value, str) else value


class BackCover(SectionBase):
    type: Literal["back_cover"]
    organization: Text | None = None
    address: Annotated[tuple[Text, ...], Before(_address_lines, accepts={
        "type": "string", "description": "the address as one text, a line for each address line"})] = ()
    url: Text | None = None
    email: Text | None = None
    phone: Text | None = None
    logo: ImageField | None = None
    background: ColorValue | None = None
    even_page: bool = True


NOTES = {
    "BackCover.type": ("`back_cover`: the back cover with address and contacts.", "back_cover"),
    "BackCover.organization": ("Organisation line; `meta.organization` when absent.", "LACOE"),
    "BackCover.address": ("Address lines: a list, or one text with a line for each (`address: |`).",
                          "[9300 Imperial Highway, 'Downey, CA 90242']"),
    "BackCover.url": ("Web address (linked).", "www.lacoe.edu"),
    "BackCover.email": ("E-mail address (linked).", "info@lacoe.edu"),
    "BackCover.phone": ("Telephone number.", "(562) 922-6111"),
    "BackCover.logo": ("A logo image.", "assets/logo.png"),
    "BackCover.even_page": ("Whether the back cover lands on an even page, the outside of the last leaf: after an odd "
                            "page a blank page is added before it (the build's verbose output says so). `false`: "
                            "it follows the last page directly.", "false"),
    "BackCover.background": ("Ground colour; `theme.colors.primary` when absent.", '"#003A70"'),
}


def layout(section: BackCover, build: BuildContext, path: SpecPath) -> list[Flowable]:
    from reportgen.layout.blocks.feature import BackCoverPage
    from reportgen.model.richtext import LinkError, contact_href

    meta, palette = build.report.meta, build.theme.palette
    lines = [section.organization or meta.organization, *section.address]
    links: dict[str, str] = {}
    for kind, value in (("url", section.url), ("email", section.email), ("phone", section.phone)):
        if value:
            lines.append(value)
            try:
                links[value] = contact_href(kind, value)
            except LinkError:  # refused by validation; never a live link
                pass
    background = palette(section.background or build.report.theme.colors.primary)
    return [BackCoverPage(build.theme, build.geometry, path, lines=lines, links=links, background=background,
                          logo=section.logo.file if section.logo else None, store=build.store,
                          logo_alt=section.logo.alt if section.logo else None, log=build.log,
                          logo_lang=section.logo.language if section.logo else None,
                          address=range(1, 1 + len(section.address)))]


def check(section: BackCover, context: CheckContext, path: SpecPath) -> list[Diagnostic]:
    """Its url, email and phone make allowed links; a `#id` among them names a section that exists."""
    from reportgen.model.richtext import LINK_HINT, LinkError, contact_href

    problems: list[Diagnostic] = []
    for kind in ("url", "email", "phone"):
        written = getattr(section, kind)
        if not written:
            continue
        where: SpecPath = path + (kind,)
        try:
            href = contact_href(kind, written)
        except LinkError as error:
            problems.append(Diagnostic(str(error), where, LINK_HINT))
            continue
        if href.startswith("#") and (unknown := context.unknown_anchor(href[1:])) is not None:
            problems.append(Diagnostic(unknown[0], where, unknown[1]))
    return problems


BLOCK = Block("back_cover", BackCover, layout, order=110, notes=NOTES,
              sample={"type": "back_cover", "organization": "Sample Organisation", "address": ["1 Sample Street"],
                      "url": "www.example.org"},
              page="feature", even_page=True, contents=False, once=True, title=lambda section, words: words("back_cover"),
              check=check)
