"""Rich text to ReportLab: model `RichText` blocks and their spec path in, Paragraph flowables (with links) out."""

from __future__ import annotations

from html import escape as escape_html

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from reportgen.diagnostics import Diagnostic, Severity, SpecPath
from reportgen.layout.blocks.base import LayoutLog, Origin
from reportgen.layout.limits import LOOSE_SPACE
from reportgen.layout.tagging import Semantics, TaggedParagraph, text_semantics
from reportgen.model.richtext import Block, RichText, Span
from reportgen.reportlab_adapter.platypus import color_links, justified_spacing
from reportgen.theme.styles import LINK_COLOR, LINK_UNDERLINE

BULLET = "\u2022"
LABEL_GAP = 0.5  # the least space between a list item's label and its text, in ems of the label's font
LIST_HANG = 1.35  # how far a list item's text hangs in text without a bullet style (a lead's), in ems: 13pt at 9.6pt
QUOTED_WORDS = 6  # a loose line is named in its warning by its first this many words


def escape(text: str) -> str:
    """&, < and > as entities (xml.sax.saxutils would do the same, but imports urllib and http)."""
    return escape_html(text, quote=False)


def quoteattr(value: str) -> str:
    """An attribute value, quoted and escaped."""
    return f'"{escape_html(value, quote=True)}"'


def span_markup(span: Span, link_color: str | None = None, underline: bool = False) -> str:
    text = escape(span.text).replace("\n", "<br/>")  # a hard line break
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
                    bullet_style: ParagraphStyle | None = None, link_color: str | None = None, *,
                    heading_style: ParagraphStyle | None = None, heading_role: str = "H2",
                    quote_style: ParagraphStyle | None = None) -> list[Flowable]:
    """One Paragraph per block of the rich text at spec `path`, tagged P; list items use `bullet_style` (none:
    one made of `style`) with
    their label (a bullet, or the item's number and a full stop) and are tagged as list items (consecutive items
    make one list, an item's nested items a list in its LBody; the items of one list share one hanging indent,
    room for their widest label); sub-headings use `heading_style` and are tagged `heading_role`; the blocks of
    a block quote are indented by `quote_style`'s indent (its paragraphs in its style) and tagged inside one
    BlockQuote. Their layout warnings name `path` and go to `log`. Links are drawn as the stylesheet's link
    element says (its colour, underlined or not)."""
    flowables: list[Flowable] = []
    underline = bool(getattr(style, LINK_UNDERLINE, False))
    derived = bullet_style is None and any(block.item for block in text.blocks)
    if derived:  # a list in a lead or a goal: in its style
        bullet_style = _list_style(style)
    indents = _list_indents(text, bullet_style) if bullet_style is not None else {}
    owners: list[Semantics | None] = [None]  # the LBody of the last item at depth 0: its nested items' owner
    for index, block in enumerate(text.blocks):
        markup = block_markup(block, link_color, underline)
        within = "BlockQuote" if block.quoted else None
        shift = quote_style.leftIndent if block.quoted and quote_style is not None else 0.0
        origin = Origin(path, log)
        if block.item and bullet_style is not None:
            # the label is drawn by the paragraph as the list item's Lbl, apart from its LBody
            label = _label(block)
            bullet_indent, left_indent = indents[index][0] + shift, indents[index][1] + shift
            space_after = _list_space_after(text, index, style, bullet_style, derived)
            item_style = bullet_style if (bullet_indent, left_indent, space_after) == (
                bullet_style.bulletIndent, bullet_style.leftIndent, bullet_style.spaceAfter) else ParagraphStyle(
                    f"{bullet_style.name}-{index}", parent=bullet_style, bulletIndent=bullet_indent,
                    leftIndent=left_indent, spaceAfter=space_after)
            body = text_semantics(markup, "LBody")
            semantics = Semantics("LI", within="L", inside=owners[0] if block.depth else None, opens=block.start,
                                  children=(Semantics("Lbl"), body))
            if block.depth == 0:
                owners[0] = body
            flowables.append(TextParagraph(markup, item_style, label=label, semantics=semantics, origin=origin))
            continue
        owners[0] = None
        if block.kind == "heading":
            flowables.append(TextParagraph(markup, heading_style or style, role=heading_role, origin=origin))
        elif block.quoted and quote_style is not None:
            own = quote_style if block.kind == "paragraph" else style
            flowables.append(TextParagraph(markup, own, semantics=_within(text_semantics(markup), within),
                                           origin=origin))
        else:
            flowables.append(TextParagraph(markup, style, origin=origin))
    return _headings_kept(text, flowables)


def _headings_kept(text: RichText, flowables: list[Flowable]) -> list[Flowable]:
    """Each sub-heading bound to the paragraph after it, so it never stands at a column's foot (balanced
    columns ignore keepWithNext)."""
    from reportgen.layout.blocks.columns import KeepWithNext

    if len(flowables) != len(text.blocks) or not any(block.kind == "heading" for block in text.blocks[:-1]):
        return flowables
    result: list[Flowable] = []
    index = 0
    while index < len(flowables):
        if text.blocks[index].kind == "heading" and index + 1 < len(flowables) \
                and text.blocks[index + 1].kind != "heading":
            result.append(KeepWithNext(flowables[index], flowables[index + 1]))
            index += 2
        else:
            result.append(flowables[index])
            index += 1
    return result


def _list_style(style: ParagraphStyle) -> ParagraphStyle:
    """List items of text set in `style` (a lead, a goal): labels in its font and colour, the text hanging
    as far in as the body's bullets hang in their text (LIST_HANG ems)."""
    return ParagraphStyle(f"{style.name}-list", parent=style, bulletIndent=0, leftIndent=LIST_HANG * style.fontSize,
                          bulletFontName=style.fontName, bulletFontSize=style.fontSize, bulletColor=style.textColor,
                          spaceAfter=0)


def _list_space_after(text: RichText, index: int, style: ParagraphStyle, item_style: ParagraphStyle,
                      derived: bool) -> float:
    """The space after list item `index`: `item_style`'s (a list is set close, and so is the text after it, as
    ever), but a paragraph's (`style`'s) between two lists in a row, and after a list ending a text whose list
    style is `derived` from its own (a lead's: the text's own space after it)."""
    after = text.blocks[index + 1] if index + 1 < len(text.blocks) else None
    apart = (after is not None and after.item and after.start and after.depth == 0) or (after is None and derived)
    return max(item_style.spaceAfter, style.spaceAfter) if apart else item_style.spaceAfter


def _within(semantics: Semantics, within: str | None) -> Semantics:
    return Semantics(semantics.role, children=semantics.children, within=within)


def _list_indents(text: RichText, style: ParagraphStyle) -> dict[int, tuple[float, float]]:
    """Each list item's (label indent, text indent), by its block's index: a list's labels start at the style's
    bullet indent (a nested list's at its parent item's text indent), numbers flush right on the widest; the
    text at the style's indent from there, or further when the list's widest label needs it (one list's items
    share it)."""
    result: dict[int, tuple[float, float]] = {}
    runs: list[list[int]] = []  # consecutive items of one depth (and one list: a paragraph ends it)
    open_runs: dict[int, list[int]] = {}
    for index, block in enumerate(text.blocks):
        if not block.item:
            open_runs = {}
            continue
        open_runs = {depth: run for depth, run in open_runs.items() if depth <= block.depth}
        run = open_runs.get(block.depth)
        if run is None or block.start:
            run = open_runs[block.depth] = []
            runs.append(run)
        run.append(index)
    hang = style.leftIndent - style.bulletIndent
    least_gap = LABEL_GAP * style.bulletFontSize
    outer: dict[int, float] = {}
    for run in runs:
        first = text.blocks[run[0]]
        if first.depth:
            start = outer.get(run[0], style.leftIndent)
        else:
            start = style.bulletIndent
        widths = [stringWidth(_label(text.blocks[i]), style.bulletFontName, style.bulletFontSize) for i in run]
        widest = max(widths)
        text_indent = start + max(hang, widest + least_gap)
        for position, (item, width) in enumerate(zip(run, widths)):
            # numbers set flush right on their full stops ( 9. over 10.); bullets where the style puts them
            result[item] = (start + (widest - width if first.kind == "number" else 0.0), text_indent)
            if not first.depth:  # this item's nested items start at its text
                for later in range(item + 1, run[position + 1] if position + 1 < len(run) else len(text.blocks)):
                    outer.setdefault(later, text_indent)
    return result


def _label(block: Block) -> str:
    return BULLET if block.kind == "bullet" else f"{block.number}."
