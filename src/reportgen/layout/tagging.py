"""Tagging: the semantics blocks declare in, a structure tree and the marked content that ties each drawn piece to it out.

A block says what it is for a reader with `semantics`, a `Semantics` tree (role, alt text, actual
text, language, children; or decoration, an artifact) made with the block, before layout. This
module is the one mechanism that turns declarations into tags:

- `declare_structure` walks the story in spec order and makes every structure element, once, before
  anything is laid out. Reading order is spec order (a photo spread through the text is read after it,
  where the spec lists it); pages draw in whatever order the layout needs (a form filled in at the end, a paragraph split over two pages), so the tree is never
  built from drawing order.
- `with tagged(canvas, semantics):` is the only place marked content is written: `/Role <</MCID n>>
  BDC ... EMC` around an element's content (its MCID recorded on the element), `/Artifact ... BDC
  ... EMC` around decoration. Sequences never nest: inside an open one, content joins it.
- A link annotation belongs to its Link element at the moment it is made: one drawn while an
  element is open belongs to that element's Link child for its target (a paragraph declares one
  Link per target in its text); a block's own link area is placed with `link_rect` and the Link
  element it names. render.canvas reports each annotation here; render.structure writes the tree.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from html import unescape

from reportlab.lib.enums import TA_LEFT
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable
from reportlab.platypus.flowables import ImageAndFlowables

from reportgen.layout.paragraph import NO_SPACE_AFTER, Paragraph, soft_hyphen
from reportgen.reportlab_adapter import Operators, current_matrix, page_code
from reportgen.reportlab_adapter.shaping import draw_string
from reportgen.reportlab_adapter.platypus import (LinePiece, container_content, image_of, is_container,
                                                 paragraph_lines)

_LINK = re.compile(r"<a href=([\"'])(.*?)\1[^>]*>(.*?)</a>", re.S)
_TAG = re.compile(r"<[^>]+>")
BALANCE_STEPS = 10  # halvings of the search for a balanced heading's width: to 1/1024 of a line's slack


@dataclass(frozen=True)
class Artifact:
    """Decoration, never read aloud: `kind` Layout, Pagination or Background, with an optional
    `subtype` (Header, Footer, Watermark)."""

    kind: str = "Layout"
    subtype: str | None = None


@dataclass(frozen=True, eq=False)
class Semantics:
    """What a block, or a part of it, is for a reader: one structure element, or an artifact.

    `role` is the element's structure type ("P", "H1", "Figure"); None makes a group, whose
    children join its parent's and which owns no content itself. `target` is a Link's href: the
    link annotations drawn for it belong to this element. Consecutive siblings with the same
    `within` share one element of that role around them (one "L" around a run of list items, one
    "TOC" around the contents entries). Compared by identity: two declarations are two elements,
    however alike; copies of a flowable share their declaration."""

    role: str | None = None
    alt: str | None = None
    actual_text: str | None = None
    lang: str | None = None
    target: str | None = None
    within: str | None = None
    inside: Semantics | None = None  # its `within` element goes in this (declared) element: a nested list's L
    opens: bool = False  # it starts a new `within` element, even right after a run of the same (a second list)
    children: tuple[Semantics, ...] = ()
    artifact: Artifact | None = None
    scope: str | None = None  # a table header cell's: Column or Row (its /A << /O /Table /Scope >>)

    def __post_init__(self) -> None:
        if self.artifact is not None and (self.role is not None or self.children or self.target or self.within):
            raise ValueError("an artifact is decoration: it has no role, children, target or place in the tree")
        if self.target is not None and self.role != "Link":
            raise ValueError(f"only a Link has a target, not {self.role or 'a group'}")

    # flowables are deep-copied while ReportLab tries splits; every copy keeps the same declaration
    def __deepcopy__(self, memo: dict) -> Semantics:
        return self

    def __copy__(self) -> Semantics:
        return self

    def __repr__(self) -> str:
        return f"<Semantics {self.role or ('artifact' if self.artifact else 'group')} {len(self.children)} children>"


DECORATION = Semantics(artifact=Artifact())
BACKGROUND = Semantics(artifact=Artifact("Background"))


def link_texts(markup: str) -> dict[str, str]:
    """The links in Paragraph markup: href -> the words that carry it."""
    return {unescape(href): unescape(_TAG.sub("", text)).strip() for _, href, text in _LINK.findall(markup)}


def text_semantics(markup: str, role: str = "P", actual_text: str | None = None) -> Semantics:
    """A paragraph of Paragraph markup as `role`, with a Link (alt text: its words) per link target in it."""
    links = tuple(Semantics("Link", alt=words or href, target=href) for href, words in link_texts(markup).items())
    return Semantics(role, actual_text=actual_text, children=links)


# ---------------------------------------------------------------- the tree

HEADING = re.compile(r"H([1-6])")


def shifted(role: str | None, levels: int) -> str | None:
    """A heading's role `levels` down (H1 -> H2 in a Sect nested one deep), at most H6; other roles as they are."""
    match = HEADING.fullmatch(role or "")
    return f"H{min(6, int(match.group(1)) + levels)}" if match and levels else role

@dataclass(frozen=True)
class MarkedContent:
    """One marked-content sequence an element owns: its page (1-based) and MCID."""

    page: int
    mcid: int


@dataclass(frozen=True)
class PlacedLink:
    """A link annotation an element owns: its page (1-based), its dictionary (ReportLab's) and what it says."""

    page: int
    annotation: object
    description: str


class StructureNode:
    """An element of the structure tree: its declared children (`kids`, in reading order) and the
    content drawn as it (`content`, in drawing order). Role None is a group spliced into its parent."""

    def __init__(self, log: StructureLog, role: str | None, parent: StructureNode | None = None,
                 target: str | None = None, **attributes: str | None):
        self.log, self.role, self.parent, self.target = log, role, parent, target
        self.attributes: dict[str, str] = {k: v for k, v in attributes.items() if v is not None}
        self.kids: list[StructureNode] = []
        # drawn as it, in drawing order; a kid in it is read there, amid this element's own content
        self.content: list[MarkedContent | PlacedLink | StructureNode] = []
        self.words: str | None = None  # a Link's words, when its Alt gave way to its text
        self.shift = parent.shift if parent is not None else 0  # levels its headings go down (a nested Sect's)
        self.bbox: tuple[int, float, float, float, float] | None = None  # (page, x0, y0, x1, y1): a Figure's area

    def child(self, role: str | None, target: str | None = None, **attributes: str | None) -> StructureNode:
        node = StructureNode(self.log, role, self, target, **attributes)
        self.kids.append(node)
        return node

    def link_to(self, target: str) -> StructureNode | None:
        """This element if it is the Link to `target`, else its declared Link child to it."""
        if self.target == target:
            return self
        return next((kid for kid in self.kids if kid.target == target), None)

    def __repr__(self) -> str:
        return f"<StructureNode {self.role or 'group'} {len(self.kids)} kids>"


class StructureLog:
    """The tree of one build: its elements by declaration, the next MCID on each page, and (while
    drawing) the marked-content sequences open and the Link a block is placing."""

    def __init__(self) -> None:
        self.root = StructureNode(self, "Document")
        self.next_mcid: dict[int, int] = {}
        self.elements: dict[Semantics, StructureNode] = {}
        self.open: list[StructureNode | None] = []  # None: an artifact
        self.placing: list[tuple[StructureNode, str]] = []  # (Link element, description) of link_rect
        self.current: StructureNode | None = None  # the element whose outermost sequence is open now
        # the spec item each outermost sequence was drawn for (the contrast check locates text by it):
        # an element's by (page, MCID), the artifacts' on each page in drawing order
        self.drawn_for: dict[MarkedContent, tuple] = {}
        self.artifacts_for: dict[int, list[tuple]] = {}

    def section(self, semantics: Semantics | None = None, parent: StructureNode | None = None) -> StructureNode:
        """A section's element: `semantics` a Sect (its language, say), declared once, under the document or
        under `parent`, another section's Sect (a pillar under the strategic plan, as the bookmarks nest it):
        its headings then go one level down for each Sect it is in (H1 -> H2), so levels follow the outline."""
        semantics = semantics or Semantics("Sect")
        self.declare(parent or self.root, [semantics])
        node = self.elements[semantics]
        if parent is not None:
            node.shift = parent.shift + 1
        return node

    def declare(self, parent: StructureNode, declared: Sequence[Semantics]) -> None:
        """Elements for `declared` under `parent`, in order, sharing `within` elements along runs."""
        shared: tuple[str, StructureNode] | None = None
        inner: dict[Semantics, tuple[str, StructureNode]] = {}  # the `within` element made in an `inside` one
        for semantics in declared:
            if semantics.artifact is not None:
                continue
            if semantics in self.elements:
                raise ValueError(f"{semantics!r} is declared twice: each element is declared by one block")
            host = parent
            if semantics.inside is not None and semantics.within is not None:  # a run inside an earlier element
                run = inner.get(semantics.inside)
                if run is None or run[0] != semantics.within or semantics.opens:
                    run = inner[semantics.inside] = (semantics.within, self.element(semantics.inside).child(
                        semantics.within))
                host = run[1]
            elif semantics.within is not None:
                if shared is None or shared[0] != semantics.within or semantics.opens:
                    shared = (semantics.within, parent.child(semantics.within))
                host = shared[1]
            elif semantics.role is not None:  # an element ends a run (of list items); a group does not
                shared = None
            node = host.child(shifted(semantics.role, host.shift), semantics.target, Alt=semantics.alt,
                              ActualText=semantics.actual_text, Lang=semantics.lang, Scope=semantics.scope)
            self.elements[semantics] = node
            self.declare(node, semantics.children)

    def open_sequence(self, page: int, node: StructureNode, item: tuple) -> str:
        """The BDC opening a new marked-content sequence of `node` on `page` (drawn for spec item `item`),
        recorded as its content; an element opened inside its parent's (a Link amid its paragraph's text)
        is recorded as read there, amid the parent's content."""
        mcid = self.next_mcid.get(page, 0)
        self.next_mcid[page] = mcid + 1
        parent = node.parent
        if self.current is not None and parent is self.current and node not in parent.content:
            parent.content.append(node)
        node.content.append(MarkedContent(page, mcid))
        self.drawn_for[MarkedContent(page, mcid)] = item
        self.current = node
        return f"/{node.role} <</MCID {mcid}>> BDC"

    def mark_lines(self, paragraph: Paragraph, pieces: list[list[LinePiece]]) -> list[list[tuple[str, list[str]]]]:
        """What a paragraph drawn now writes for its lines' texts (see Paragraph.mark_lines)."""
        return _LineMarker(paragraph, self, pieces).plan()

    def element(self, semantics: Semantics) -> StructureNode:
        node = self.elements.get(semantics)
        if node is None:
            raise ValueError(f"{semantics!r} was drawn but never declared: a block's parts must be in its `semantics`")
        return node


def leaves(flowables: list[Flowable]) -> Iterator[Flowable]:
    """Flowables in reading order, looking inside KeepTogether, columns and text-beside-image."""
    for flowable in flowables:
        if isinstance(flowable, ImageAndFlowables):
            yield from leaves([image_of(flowable)])
            yield from leaves(list(container_content(flowable)))
        elif is_container(flowable):  # KeepTogether and kin, balanced columns
            yield from leaves(list(container_content(flowable)))
        else:
            yield flowable


def declared(flowables: list[Flowable]) -> list[Semantics]:
    """The semantics the flowables declare, in reading order (spacers and anchors declare none): the spec's
    order of blocks, so a float (a photo the layout spread through the text, or set beside it: `floated`) is
    read after the text it was spread through, where the spec lists it, not between a sentence and the list
    it introduces because of the column it landed in."""
    text: list[Semantics] = []
    floats: list[Semantics] = []
    for flowable in leaves(flowables):
        if semantics := getattr(flowable, "semantics", None):
            (floats if getattr(flowable, "floated", False) else text).append(semantics)
    return text + floats


def declare_structure(flowables: list[Flowable], parent: StructureNode) -> None:
    """Make the elements every flowable declares under `parent`, in list (= reading) order."""
    parent.log.declare(parent, declared(flowables))


# ---------------------------------------------------------------- drawing

def _log(canvas: Canvas) -> StructureLog | None:
    """The build's structure log, carried by the canvas (render.canvas.TaggedCanvas); None: untagged."""
    return getattr(canvas, "structure", None)


def _emit(canvas: Canvas, operator: str) -> None:
    """Write a marked-content operator into the page (ReportLab has no call for them)."""
    page_code(canvas).append(operator)


@contextmanager
def tagged(canvas: Canvas, semantics: Semantics, item: tuple | None = None) -> Iterator[None]:
    """Draw what is inside as the content of the declared element `semantics`, or as decoration
    when it is an artifact. Inside another sequence the content joins that one (marked content
    never nests), though links drawn inside still find the innermost element's Link. The sequence
    is recorded as drawn for spec item `item` (None: the item the canvas is drawing, its `spec_item`)."""
    log = _log(canvas)
    if log is None:
        yield
        return
    node = None if semantics.artifact is not None else log.element(semantics)
    if node is not None and node.role is None:
        raise ValueError("a group cannot own content: draw its parts as its children")
    outermost = not log.open
    if item is None:
        item = tuple(getattr(canvas, "spec_item", ()))
    if outermost and node is None:
        log.artifacts_for.setdefault(canvas.getPageNumber(), []).append(item)
        artifact = semantics.artifact
        assert artifact is not None
        subtype = f" /Subtype /{artifact.subtype}" if artifact.subtype else ""
        _emit(canvas, f"/Artifact <</Type /{artifact.kind}{subtype}>> BDC")
    elif outermost and node is not None:
        _emit(canvas, log.open_sequence(canvas.getPageNumber(), node, item))
    log.open.append(node)
    try:
        yield
    finally:
        log.open.pop()
        if outermost:
            log.current = None
            _emit(canvas, "EMC")


@contextmanager
def read_as(canvas: Canvas, text: str) -> Iterator[None]:
    """Draw what is inside as a span a reader reads as `text` (its /ActualText): a number drawn apart from
    the words after it reads "1 Improve", not "1Improve". Untagged: drawn as it is."""
    if _log(canvas) is None:
        yield
        return
    _emit(canvas, f"/Span <</ActualText {content_string(text)}>> BDC")
    try:
        yield
    finally:
        _emit(canvas, "EMC")


def layout_box(canvas: Canvas, semantics: Semantics | None, x: float, y: float, width: float, height: float) -> None:
    """The declared element `semantics` (a Figure, a Table) covers this rectangle of the canvas's local space:
    recorded in page coordinates, joined with what it covered before on the page, for its /BBox (render.structure
    writes it as a Layout attribute). None (a decorative picture) or untagged: nothing to record."""
    log = _log(canvas)
    if log is None or semantics is None or semantics.artifact is not None:
        return
    node = log.element(semantics)
    a, b, c, d, e, f = current_matrix(canvas)
    xs, ys = [], []
    for px, py in ((x, y), (x + width, y), (x, y + height), (x + width, y + height)):
        xs.append(a * px + c * py + e)
        ys.append(b * px + d * py + f)
    page = canvas.getPageNumber()
    box = (page, min(xs), min(ys), max(xs), max(ys))
    if node.bbox is not None and node.bbox[0] == page:
        box = (page, min(box[1], node.bbox[1]), min(box[2], node.bbox[2]), max(box[3], node.bbox[3]),
               max(box[4], node.bbox[4]))
    if node.bbox is None or node.bbox[0] == page:  # an element over two pages keeps its first page's box
        node.bbox = box


def draw_tagged(canvas: Canvas, semantics: Semantics, flowable: Flowable, x: float, y: float) -> None:
    """flowable.drawOn as the content of `semantics` (blocks drawing plain Paragraphs use this)."""
    with tagged(canvas, semantics):
        flowable.drawOn(canvas, x, y)


def link_rect(canvas: Canvas, link: Semantics, key: str, rect: tuple[float, float, float, float],
              description: str) -> None:
    """canvas.linkRect (relative) to the destination `key`, its annotation owned by the declared Link `link`."""
    log = _log(canvas)
    if log is not None:
        log.placing.append((log.element(link), description))
    try:
        canvas.linkRect("", key, rect, relative=1, thickness=0)
    finally:
        if log is not None:
            log.placing.pop()


def link_drawn(canvas: Canvas, annotation: object, target: str) -> None:
    """A link annotation to `target` was just made: it belongs to the Link `link_rect` is placing,
    else to the innermost open element's Link to `target`. One drawn anywhere else is a bug."""
    log = _log(canvas)
    if log is None:
        return
    if log.placing:
        owner, description = log.placing[-1]
    else:
        owner = next((link for node in reversed(log.open) if node is not None
                      and (link := node.link_to(target)) is not None), None)
        if owner is None:
            raise ValueError(f"a link to {target!r} was drawn outside the element that declares it")
        words = owner.attributes.get("Alt") or owner.words or target
        description = words if words == target or target.startswith("#") else f"{words} ({target})"
    owner.content.append(PlacedLink(canvas.getPageNumber(), annotation, description))


def content_string(text: str) -> str:
    """A PDF text string for a content stream (a marked-content property): literal when ASCII, else UTF-16BE."""
    if all(" " <= ch <= "~" for ch in text):
        return "(" + text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


class _LineMarker:
    """The plan for Paragraph.mark_lines (StructureLog.mark_lines), made as a paragraph starts drawing its text."""

    def __init__(self, paragraph: Paragraph, log: StructureLog, pieces: list[list[LinePiece]]):
        self.paragraph, self.log, self.pieces = paragraph, log, pieces
        self.node = paragraph.link_owner()  # None: its links' words stay in whatever sequence it joins
        self.current = self.node
        self.span_open = False
        self.words = paragraph.written_words()

    def element(self, piece: LinePiece) -> StructureNode | None:
        """The element a piece's text is the content of: a Link of the paragraph's, or the paragraph."""
        if self.node is None or piece.target is None:
            return self.node
        return self.node.link_to(piece.target) or self.node

    def soft_hyphen(self, head: str, tail: str) -> bool:
        return soft_hyphen(head, tail, self.words)

    def plan(self) -> list[list[tuple[str, list[str]]]]:
        lines = self.pieces
        plan: list[list[tuple[str, list[str]]]] = []
        item = tuple(getattr(self.paragraph.canv, "spec_item", ()))
        for number, line in enumerate(lines):
            filled = [index for index, piece in enumerate(line) if piece.text]
            first, last = (filled[0], filled[-1]) if filled else (None, None)
            following = next((piece for later in lines[number + 1:number + 2] for piece in later if piece.text), None)
            entries: list[tuple[str, list[str]]] = []
            for index, piece in enumerate(line):
                text = piece.text
                items: list[str] = []
                if not text:
                    entries.append((text, [text]))
                    continue
                element = self.element(piece)
                if element is not self.current and element is not None:
                    if self.span_open:
                        items.append(Operators("EMC", closes=True))
                        self.span_open = False
                    if element is not self.node and element.words is None:
                        element.words = element.attributes.pop("Alt", None) or ""  # its text now says it
                    page = self.paragraph.canv.getPageNumber()
                    items.append(Operators("EMC " + self.log.open_sequence(page, element, item)))  # (one for one)
                    self.current = element
                cuts: list[tuple[int, Operators]] = []
                if index == first and number == 0 and self.paragraph.turn_tail:  # read with the last piece's end
                    space = text.find(" ")
                    cuts += [(0, Operators("/Span <</ActualText ()>> BDC", "EMC")),
                             (len(text) if space < 0 else space, Operators("EMC", closes=True))]
                if index == first and self.span_open:  # the rest of a word hyphenated on the line before
                    space = text.find(" ")
                    cuts.append((len(text) if space < 0 else space, Operators("EMC", closes=True)))
                    self.span_open = False
                end: list[str] = []
                if index == last:
                    written = piece.written().rstrip()
                    if written.endswith(NO_SPACE_AFTER):
                        start = text.rstrip().rfind(" ") + 1
                        if following is not None and self.element(following) is element \
                                and (not cuts or start >= cuts[-1][0]):
                            tail_text = following.text.split(" ", 1)[0]
                            head, tail = piece.written(text[start:]).rstrip(), following.written(tail_text)
                            if self.soft_hyphen(head, tail):
                                actual = content_string(head[:-1] + tail)
                                cuts.append((start, Operators(f"/Span <</ActualText {actual}>> BDC", "EMC")))
                                self.span_open = True
                        elif following is None and self.paragraph.turn_word and not cuts:
                            # the word goes on in the next piece (page or column): this part reads as all of it
                            actual = content_string(self.paragraph.turn_word)
                            cuts.append((start, Operators(f"/Span <</ActualText {actual}>> BDC", "EMC")))
                            end.append(Operators("EMC", closes=True))
                    elif not written[-1:].isspace() and (number < len(lines) - 1 or self.paragraph.followed):
                        end.append(" ")
                position = 0
                for cut, operators in cuts:
                    if text[position:cut]:
                        items.append(text[position:cut])
                    items.append(operators)
                    position = cut
                if text[position:]:
                    items.append(text[position:])
                entries.append((text, items + end))
            plan.append(entries)
        return plan


# ---------------------------------------------------------------- paragraphs

class TaggedParagraph(Paragraph):
    """A Paragraph that declares itself and draws itself as that element's content: a `role` (P,
    H1, H2 ...) with a Link per link target in its text, or, given a `label` (its bullet), a list
    item: an LI in a list shared with the items next to it, the bullet its Lbl and the text its
    LBody. Its split pieces keep the declaration, so a paragraph continued in the next column or
    on the next page is still one element."""

    label: str | None = None   # a list item's bullet, drawn apart from its text
    balanced: bool = False     # a heading or quote: its lines balanced (see wrap)
    continued: bool = False    # the second piece of a split: no label again
    words: str = ""            # the text as written: a hyphen the breaker added is told from a word's own by it

    def __init__(self, text: str | None, style: object, bulletText: str | None = None,  # noqa: N803
                 frags: list | None = None, caseSensitive: int = 1, encoding: str = "utf8",  # noqa: N803
                 role: str = "P", label: str | None = None, semantics: Semantics | None = None):
        super().__init__(text, style, bulletText=bulletText, frags=frags, caseSensitive=caseSensitive,
                         encoding=encoding)
        self.label = label
        self.words = " ".join(unescape(_TAG.sub("", text)).split()) if text else ""
        if semantics is None and label is not None:
            semantics = Semantics("LI", within="L", children=(Semantics("Lbl"), text_semantics(text or "", "LBody")))
        self.semantics = semantics if semantics is not None else text_semantics(text or "", role)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        """Balanced (a flush-left heading or quote over several lines): broken at the narrowest width that keeps its
        line count, so its lines come out nearly equal and the last is never one lonely word; it still takes
        `availWidth`."""
        size = super().wrap(availWidth, availHeight)
        if not self.balanced or self.style.alignment != TA_LEFT or len(paragraph_lines(self)) < 2:
            return size
        lines = len(paragraph_lines(self))
        narrow, wide = availWidth * (lines - 1) / lines, availWidth  # n lines never fit in (n-1)/n of the width
        for _ in range(BALANCE_STEPS):
            middle = (narrow + wide) / 2
            if self.line_count(middle, availHeight) == lines:
                wide = middle
            else:
                narrow = middle
        super().wrap(wide, availHeight)
        self.width = availWidth
        return availWidth, self.height

    @property
    def body(self) -> Semantics:
        """The element its text is drawn as: itself, or a list item's LBody."""
        return self.semantics.children[-1] if self.label is not None else self.semantics

    def split(self, availWidth: float, availHeight: float) -> list:  # noqa: N803 (ReportLab's names)
        pieces = super().split(availWidth, availHeight)
        for index, piece in enumerate(pieces):
            piece.balanced = False  # a piece keeps the lines it was split with
            piece.semantics, piece.label, piece.words = self.semantics, self.label, self.words
            piece.continued = self.continued or index > 0
        return pieces

    def link_owner(self) -> StructureNode | None:
        """The element whose Links get this paragraph's link words as their content: its own, while its
        own sequence is open (one drawn inside another's sequence joins that one whole)."""
        log = _log(self.canv)
        node = log.element(self.body) if log is not None else None
        return node if node is not None and log.current is node else None

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802, N803
        if self.label and not self.continued:
            self._draw_label(canvas, x, y)
        with tagged(canvas, self.body):
            super().drawOn(canvas, x, y, _sW)

    def _draw_label(self, canvas: Canvas, x: float, y: float) -> None:
        """The bullet where ReportLab would set it: at bulletIndent, on the first line's baseline."""
        style = self.style
        baseline = y + self.height - style.fontSize  # ReportLab's first baseline (paraFontSizeHeightOffset)
        with tagged(canvas, self.semantics.children[0]):
            canvas.saveState()
            canvas.setFillColor(style.bulletColor)
            draw_string(canvas, x + style.bulletIndent, baseline, self.label, style, font=style.bulletFontName,
                        size=style.bulletFontSize)
            canvas.restoreState()


def tagged_paragraph(markup: str, style: object, semantics: Semantics | None = None,
                     balanced: bool = False) -> TaggedParagraph:
    """A paragraph a block draws itself, as the content of its declared `semantics` (None: a
    paragraph only measured, never drawn); `balanced`: its lines balanced (a heading, a quote)."""
    paragraph = TaggedParagraph(markup, style, semantics=semantics)
    paragraph.balanced = balanced
    return paragraph
