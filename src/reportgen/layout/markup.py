"""Rich text to ReportLab: model `RichText` blocks in, Paragraph flowables (with links) out."""

from __future__ import annotations

from html import escape as escape_html

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable

from reportgen.layout.tagging import TaggedParagraph
from reportgen.model.richtext import Block, RichText, Span

BULLET = "\u2022"


def escape(text: str) -> str:
    """&, < and > as entities (xml.sax.saxutils would do the same, but imports urllib and http)."""
    return escape_html(text, quote=False)


def quoteattr(value: str) -> str:
    """An attribute value, quoted and escaped."""
    return f'"{escape_html(value, quote=True)}"'


def span_markup(span: Span, link_color: str | None = None) -> str:
    text = escape(span.text)
    if span.bold:
        text = f"<b>{text}</b>"
    if span.italic:
        text = f"<i>{text}</i>"
    if span.link:
        color = f" color={quoteattr(link_color)}" if link_color else ""
        text = f"<a href={quoteattr(span.link)}{color}>{text}</a>"
    return text


def block_markup(block: Block, link_color: str | None = None) -> str:
    return "".join(span_markup(span, link_color) for span in block.spans)


def plain(text: str) -> str:
    """Escape plain text for a Paragraph."""
    return escape(text)


def rich_paragraphs(text: RichText, style: ParagraphStyle, bullet_style: ParagraphStyle | None = None,
                    link_color: str | None = None) -> list[Flowable]:
    """One Paragraph per block, tagged P; bullet items use `bullet_style` with a bullet character and are
    tagged as list items (consecutive items make one list)."""
    flowables: list[Flowable] = []
    for block in text.blocks:
        markup = block_markup(block, link_color)
        if block.kind == "bullet" and bullet_style is not None:
            # the bullet is drawn by the paragraph as the list item's Lbl, apart from its LBody
            flowables.append(TaggedParagraph(markup, bullet_style, label=BULLET))
        else:
            flowables.append(TaggedParagraph(markup, style))
    return flowables
