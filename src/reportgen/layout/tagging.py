"""Tagging: flowables in, a structure tree and the marked content that ties each drawn piece to it out.

ReportLab has no structure API, so this small layer does three things. `assign_structure` walks
a list of flowables in story order and gives each taggable one a `StructureNode` (so the tree
follows the spec, not the page geometry). While drawing, `marked(canvas, node)` wraps content
in `/Role <</MCID n>> BDC ... EMC` and records the MCID on the node, and `artifact(canvas)`
wraps decoration in `/Artifact BDC ... EMC`. render.structure writes the tree into the PDF.

A block declares its place with a class attribute `structure_role`: a role ("Figure"), None
for a transparent group whose children the block creates while drawing, or a tuple whose first
role is shared by consecutive siblings (("TOC", "TOCI"): one TOC around a run of entries).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from html import unescape

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable
from reportlab.platypus.flowables import ImageAndFlowables

from reportgen.layout.paragraph import Paragraph
from reportgen.reportlab_adapter import current_matrix, page_code
from reportgen.reportlab_adapter.platypus import container_content, hyphenation_count, image_of, is_container

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in page space

LIST_ITEM = ("L", "LI", "LBody")
_LINK = re.compile(r"<a href=([\"'])(.*?)\1[^>]*>(.*?)</a>", re.S)
_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class MarkedContent:
    """One marked-content sequence: its page (1-based), MCID and where it was drawn."""

    page: int
    mcid: int
    box: Box


@dataclass(frozen=True)
class LinkArea:
    """A link annotation a block placed itself, for the Link element that owns it."""

    page: int
    box: Box


class StructureNode:
    """An element of the structure tree; role None is a group spliced into its parent."""

    def __init__(self, log: StructureLog, role: str | None, parent: StructureNode | None = None,
                 **attributes: str):
        self.log, self.role, self.parent = log, role, parent
        self.attributes: dict[str, str] = {k: v for k, v in attributes.items() if v is not None}
        self.kids: list[StructureNode | MarkedContent] = []
        self.link_texts: dict[str, str] = {}  # href -> link text, for links drawn inside this element
        self.link_areas: list[LinkArea] = []
        self.description: str | None = None  # what a link annotation owned by this element says

    def child(self, role: str | None, **attributes: str) -> StructureNode:
        node = StructureNode(self.log, role, self, **attributes)
        self.kids.append(node)
        return node

    # flowables are deep-copied while ReportLab tries splits; every copy must keep the same element
    def __deepcopy__(self, memo: dict) -> StructureNode:
        return self

    def __copy__(self) -> StructureNode:
        return self

    def __repr__(self) -> str:
        return f"<StructureNode {self.role or 'group'} {len(self.kids)} kids>"


class StructureLog:
    """The tree being built, and the next MCID on each page."""

    def __init__(self) -> None:
        self.root = StructureNode(self, "Document")
        self.next_mcid: dict[int, int] = {}

    def section(self) -> StructureNode:
        return self.root.child("Sect")


def child_of(parent: StructureNode | None, role: str | None, **attributes: str) -> StructureNode | None:
    """A new element under `parent`, or None when the block was never given a place in the tree."""
    return parent.child(role, **attributes) if parent is not None else None


# ---------------------------------------------------------------- drawing

def _open(canvas: Canvas) -> list[str]:
    """The marked-content sequences open on this canvas (nothing may nest inside another)."""
    return canvas.__dict__.setdefault("_reportgen_marks", [])


def page_box(canvas: Canvas, x: float, y: float, width: float, height: float) -> Box:
    """A rectangle in the current local space, in page space."""
    a, b, c, d, e, f = current_matrix(canvas)
    corners = [(a * px + c * py + e, b * px + d * py + f) for px, py in
               ((x, y), (x + width, y), (x, y + height), (x + width, y + height))]
    xs, ys = [p[0] for p in corners], [p[1] for p in corners]
    return (min(xs), min(ys), max(xs), max(ys))


@contextmanager
def marked(canvas: Canvas, node: StructureNode | None, box: Box | None = None) -> Iterator[None]:
    """Mark what is drawn inside as content of `node`. Inside another sequence it joins that one."""
    stack = _open(canvas)
    if node is None or stack:
        yield
        return
    if node.role is None:
        raise ValueError("a structure group cannot own content")
    page = canvas.getPageNumber()
    mcid = node.log.next_mcid.get(page, 0)
    node.log.next_mcid[page] = mcid + 1
    node.kids.append(MarkedContent(page, mcid, box or (0.0, 0.0, 0.0, 0.0)))
    page_code(canvas).append(f"/{node.role} <</MCID {mcid}>> BDC")
    stack.append(node.role)
    try:
        yield
    finally:
        stack.pop()
        page_code(canvas).append("EMC")


@contextmanager
def artifact(canvas: Canvas, kind: str = "Layout", subtype: str | None = None) -> Iterator[None]:
    """Mark what is drawn inside as decoration (`kind` Layout, Pagination or Background)."""
    stack = _open(canvas)
    if stack:
        yield
        return
    properties = f"/Type /{kind}" + (f" /Subtype /{subtype}" if subtype else "")
    page_code(canvas).append(f"/Artifact <<{properties}>> BDC")
    stack.append("Artifact")
    try:
        yield
    finally:
        stack.pop()
        page_code(canvas).append("EMC")


def link_rect(canvas: Canvas, node: StructureNode | None, key: str, rect: Box, description: str) -> None:
    """canvas.linkRect (relative) whose annotation belongs to the Link element `node`."""
    canvas.linkRect("", key, rect, relative=1, thickness=0)
    if node is None:
        return
    node.description = description
    node.link_areas.append(LinkArea(canvas.getPageNumber(), page_box(canvas, rect[0], rect[1], rect[2] - rect[0],
                                                                     rect[3] - rect[1])))


def draw_marked(canvas: Canvas, node: StructureNode | None, flowable: Flowable, x: float, y: float) -> None:
    """flowable.drawOn inside its own marked content (blocks drawing plain Paragraphs use this)."""
    with marked(canvas, node, page_box(canvas, x, y, flowable.width, flowable.height)):
        flowable.drawOn(canvas, x, y)


# ---------------------------------------------------------------- paragraphs

def link_texts(markup: str) -> dict[str, str]:
    """The links in Paragraph markup: href -> the words that carry it."""
    return {unescape(href): unescape(_TAG.sub("", text)).strip() for _, href, text in _LINK.findall(markup)}


class TaggedParagraph(Paragraph):
    """A Paragraph that draws itself as content of its structure element (`role` P, H1, LI ...).
    Its split pieces keep the same element, so a paragraph continued in the next column or on
    the next page is still one P."""

    structure: StructureNode | None = None
    label: str | None = None                       # a list item's bullet, drawn apart from its text
    label_structure: StructureNode | None = None   # ... as the item's Lbl
    continued: bool = False                        # the second piece of a split: no label again
    words: str = ""                                # the text as written, for /ActualText when hyphenated

    def __init__(self, text: str | None, style: object, bulletText: str | None = None,  # noqa: N803
                 frags: list | None = None, caseSensitive: int = 1, encoding: str = "utf8",  # noqa: N803
                 role: str | tuple[str, ...] = "P"):
        super().__init__(text, style, bulletText=bulletText, frags=frags, caseSensitive=caseSensitive,
                         encoding=encoding)
        self.structure_role = role
        self.links = link_texts(text) if text else {}
        self.words = " ".join(unescape(_TAG.sub("", text)).split()) if text else ""

    def split(self, availWidth: float, availHeight: float) -> list:  # noqa: N803 (ReportLab's names)
        pieces = super().split(availWidth, availHeight)
        for index, piece in enumerate(pieces):
            piece.structure_role, piece.structure, piece.links = self.structure_role, self.structure, self.links
            piece.label, piece.label_structure, piece.words = self.label, self.label_structure, self.words
            piece.continued = self.continued or index > 0
        return pieces

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802, N803
        if self.structure is not None:
            self.structure.link_texts.update(self.links)
            if hyphenation_count(self) and self.words:
                # a word broken across lines reads "pro- vided"; screen readers get the words unbroken
                self.structure.attributes.setdefault("ActualText", self.words)
        if self.label and not self.continued:
            self._draw_label(canvas, x, y)
        with marked(canvas, self.structure, page_box(canvas, x, y, self.width, self.height)):
            super().drawOn(canvas, x, y, _sW)

    def _draw_label(self, canvas: Canvas, x: float, y: float) -> None:
        """The bullet where ReportLab would set it: at bulletIndent, on the first line's baseline."""
        style = self.style
        baseline = y + self.height - style.fontSize  # ReportLab's first baseline (paraFontSizeHeightOffset)
        size = style.bulletFontSize
        box = page_box(canvas, x + style.bulletIndent, baseline, stringWidth(self.label, style.bulletFontName, size), size)
        with marked(canvas, self.label_structure, box):
            canvas.saveState()
            canvas.setFillColor(style.bulletColor)
            canvas.setFont(style.bulletFontName, size)
            canvas.drawString(x + style.bulletIndent, baseline, self.label)
            canvas.restoreState()


def tagged(markup: str, style: object, node: StructureNode | None) -> TaggedParagraph:
    """A paragraph a block draws itself, as content of `node`."""
    paragraph = TaggedParagraph(markup, style, role=node.role if node is not None and node.role else "P")
    paragraph.structure = node
    return paragraph


# ---------------------------------------------------------------- the story walk

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


def assign_structure(flowables: list[Flowable], parent: StructureNode) -> None:
    """Give every taggable flowable its element under `parent`, in list (= reading) order."""
    shared: tuple[str, StructureNode] | None = None
    for flowable in leaves(flowables):
        if not hasattr(flowable, "structure_role"):
            continue
        role = flowable.structure_role
        attributes = getattr(flowable, "structure_attributes", {})
        if isinstance(role, tuple):
            if shared is None or shared[0] != role[0]:
                shared = (role[0], parent.child(role[0]))
            node = shared[1]
            for inner in role[1:-1]:
                node = node.child(inner)
            if getattr(flowable, "label", None):  # a list item's bullet: Lbl before its LBody
                flowable.label_structure = node.child("Lbl")
            node = node.child(role[-1], **attributes)
        else:
            if role is not None:  # an element ends a run of list items; a group (a decorative photo) does not
                shared = None
            node = parent.child(role, **attributes)
        flowable.structure = node
