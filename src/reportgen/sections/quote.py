"""The `quote` block: a quote section in, a full-page quotation on colour out."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from reportgen.diagnostics import SpecPath
from reportgen.model.parts import SectionBase
from reportgen.model.types import ColorValue, Text, Words
from reportgen.sections.block import Block

if TYPE_CHECKING:
    from reportlab.platypus import Flowable

    from reportgen.layout.sections import BuildContext
    from reportgen.model.strings import Words


class Quote(SectionBase):
    type: Literal["quote"]
    text: Words
    author: Text = ""
    background: ColorValue | None = None


NOTES = {
    "Quote.type": ("`quote`: a full-page quotation on colour.", "quote"),
    "Quote.text": ("The quotation, without quote marks.", "Education is the most powerful weapon ..."),
    "Quote.author": ("Who said it.", "Nelson Mandela"),
    "Quote.background": ("Ground colour; `theme.colors.primary` when absent.", '"#0072CE"'),
}


def title(section: Quote, words: Words) -> str:
    """The quotation itself, cut to 40 characters."""
    return f"\u201c{section.text[:40].rstrip()}\u2026\u201d" if len(section.text) > 40 else section.text


def layout(section: Quote, build: BuildContext, path: SpecPath) -> list[Flowable]:
    from reportgen.layout.blocks.feature import QuotePage

    background = build.theme.palette(section.background or build.report.theme.colors.primary)
    return [QuotePage(build.theme, build.geometry, path, text=section.text, author=section.author,
                      background=background, log=build.log)]


BLOCK = Block("quote", Quote, layout, order=40, notes=NOTES,
              sample={"type": "quote", "text": "A sample quotation.", "author": "Sample Author"},
              page="feature", contents=False, outline=False, positional_key=True, title=title)
