"""Page templates: page geometry in, ReportLab templates out: `body` (mirrored margins) and `feature` (full page).

Each page is drawn in trim coordinates: in print mode the canvas is shifted by the bleed and
slug before anything is drawn, so flowables never need to know about the media box.
"""

from __future__ import annotations

from typing import Callable, Mapping

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import PageTemplate

from reportgen.layout.geometry import PageGeometry, Rect
from reportgen.layout.tagging import DECORATION, tagged
from reportgen.reportlab_adapter.frames import IndentedFrame

Decoration = Callable[[Canvas, int], None]  # (canvas, page number)

BODY = "body"
FEATURE = "feature"


def _frame(name: str, rect: Rect) -> IndentedFrame:
    return IndentedFrame(rect.x, rect.y, rect.width, rect.height, leftPadding=0, rightPadding=0, topPadding=0,
                 bottomPadding=0, id=name, showBoundary=0)


class ReportPageTemplate(PageTemplate):
    """A template whose single frame follows the page's side (odd pages are right-hand); on the pages
    `shortened` names, the frame ends that many points higher (a page that gives lines to a runt after it)."""

    def __init__(self, name: str, geometry: PageGeometry, odd: Rect, even: Rect,
                 decorations: list[Decoration], shortened: Mapping[int, float] | None = None):
        self.geometry = geometry
        self.name, self.odd, self.even = name, odd, even
        self.odd_frame = _frame(f"{name}-odd", odd)
        self.even_frame = _frame(f"{name}-even", even)
        self.decorations = decorations
        self.shortened = dict(shortened or {})
        super().__init__(id=name, frames=[self.odd_frame], pagesize=geometry.media_size)

    def beforeDrawPage(self, canvas: Canvas, document: object) -> None:  # noqa: N802 (ReportLab's name)
        page = document.page  # type: ignore[attr-defined]
        self.frames = [self.odd_frame if page % 2 == 1 else self.even_frame]
        if page in self.shortened:
            rect, cut = self.odd if page % 2 == 1 else self.even, self.shortened[page]
            side = "odd" if page % 2 == 1 else "even"
            self.frames = [_frame(f"{self.name}-{side}", Rect(rect.x, rect.y + cut, rect.width, rect.height - cut))]
        if self.geometry.offset:
            canvas.translate(self.geometry.offset, self.geometry.offset)
        for decorate in self.decorations:  # footers, marks: never read aloud
            with tagged(canvas, getattr(decorate, "semantics", DECORATION), getattr(decorate, "spec_path", None)):
                decorate(canvas, page)


def page_templates(geometry: PageGeometry, body_decorations: list[Decoration],
                   feature_decorations: list[Decoration],
                   shortened: Mapping[int, float] | None = None) -> dict[str, ReportPageTemplate]:
    """The body and feature templates; `shortened`: body pages whose frame ends higher, by points."""
    full = geometry.full_page()
    return {
        BODY: ReportPageTemplate(BODY, geometry, geometry.body_frame(1), geometry.body_frame(2), body_decorations,
                                 shortened),
        FEATURE: ReportPageTemplate(FEATURE, geometry, full, full, feature_decorations),
    }
