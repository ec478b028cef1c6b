"""Rich text to ReportLab: model `RichText` blocks and their spec path in, Paragraph flowables (with links) out."""

from __future__ import annotations

from html import escape as escape_html

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from reportgen.diagnostics import Diagnostic, Severity, SpecPath
from reportgen.layout.blocks.base import LayoutLog, Origin
from reportgen.layout.limits import LOOSE_SPACE
from reportgen.layout.tagging import TaggedParagraph
from reportgen.model.richtext import Block, RichText, Span
from reportgen.reportlab_adapter.platypus import color_links, justified_spacing
from reportgen.theme.styles import LINK_COLOR, LINK_UNDERLINE

BULLET = "\u2022"
QUOTED_WORDS = 6  # a loose line is named in its warning by its first this many words


def escape(text: str) -> str:
    """&, < and > as entities (xml.sax.saxutils would do the same, but imports urllib and http)."""
    return escape_html(text, quote=False)


def quoteattr(value: str) -> str:
    """An attribute value, quoted and escaped."""
    return f'"{escape_html(value, quote=True)}"'


def span_markup(span: Span, link_color: str | None = None, underline: bool = False) -> str:
    text = escape(span.text)
    if span.bold:
        text = f"<b>{text}</b>"
    if span.italic:
        text = f"<i>{text}</i>"
    if span.link:
        color = f" color={quoteattr(link_color)}" if link_color else ""
        lined = ' underline="1"' if underline else ""
        text = f"<a href={quoteattr(span.link)}{color}{lined}>{text}</a>"
    return text


def block_markup(block: Block, link_color: str | None = None, underline: bool = False) -> str:
    return "".join(span_markup(span, link_color, underline) for span in block.spans)


def plain(text: str) -> str:
    """Escape plain text for a Paragraph."""
    return escape(text)


class TextParagraph(TaggedParagraph):
    """A paragraph of the spec's rich text, knowing the spec item it came from (`origin`): when it is drawn
    justified with a line whose spaces are wider than LOOSE_SPACE natural spaces, a layout warning names
    that item, once for the paragraph (its copies and split pieces share the origin)."""

    origin: Origin | None = None

    def __init__(self, *arguments: object, origin: Origin | None = None, **options: object):
        super().__init__(*arguments, **options)  # type: ignore[arg-type]
        self.origin = origin
        color = getattr(self.style, LINK_COLOR, None)  # the stylesheet's link element
        if color is not None:
            color_links(self, color)

    def split(self, availWidth: float, availHeight: float) -> list:  # noqa: N803 (ReportLab's names)
        pieces = super().split(availWidth, availHeight)
        for piece in pieces:
            piece.origin = self.origin
        return pieces

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802, N803
        super().drawOn(canvas, x, y, _sW)
        if self.origin is not None:
            self._check_spacing(self.origin, canvas.getPageNumber())

    def _check_spacing(self, origin: Origin, page: int) -> None:
        loose = justified_spacing(self, LOOSE_SPACE)
        if not loose:
            return
        _, factor, text = max(loose, key=lambda line: line[1])
        words = text.split()
        quoted = " ".join(words[:QUOTED_WORDS]) + ("\u2026" if len(words) > QUOTED_WORDS else "")
        origin.log.once(origin, Diagnostic(
            f"a justified line is set with spaces {factor:.2f}x their natural width (\"{quoted}\")", origin.path,
            "rephrase it, or allow hyphenation or a wider measure", severity=Severity.WARNING,
            detail=f"on page {page}: \"{text}\""))


def rich_paragraphs(text: RichText, style: ParagraphStyle, path: SpecPath, log: LayoutLog,
                    bullet_style: ParagraphStyle | None = None, link_color: str | None = None) -> list[Flowable]:
    """One Paragraph per block of the rich text at spec `path`, tagged P; bullet items use `bullet_style`
    with a bullet character and are tagged as list items (consecutive items make one list). Their layout
    warnings name `path` and go to `log`. Links are drawn as the stylesheet's link element says (its colour,
    underlined or not)."""
    flowables: list[Flowable] = []
    underline = bool(getattr(style, LINK_UNDERLINE, False))
    for block in text.blocks:
        markup = block_markup(block, link_color, underline)
        if block.kind == "bullet" and bullet_style is not None:
            # the bullet is drawn by the paragraph as the list item's Lbl, apart from its LBody
            flowables.append(TextParagraph(markup, bullet_style, label=BULLET, origin=Origin(path, log)))
        else:
            flowables.append(TextParagraph(markup, style, origin=Origin(path, log)))
    return flowables
