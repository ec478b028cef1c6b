"""Footers: the spec's footer formats and meta in, running footers drawn on body pages out.

Even (left-hand) pages carry theirs at the outside-left, odd (right-hand) pages at the outside-right.
"""

from __future__ import annotations

from reportlab.pdfgen.canvas import Canvas

from reportgen.layout import PageGeometry
from reportgen.layout.tagging import Artifact, Semantics
from reportgen.model.footer import footer_line
from reportgen.model.report import Report
from reportgen.render.glyphs import drawing
from reportgen.theme import Theme


def footer_text(template: str, report: Report, page: int) -> str:
    """Fill the placeholders; a segment left empty (no subtitle, say) is dropped with its separator."""
    meta = report.meta
    return footer_line(template, {"page": str(page), "title": meta.title, "subtitle": meta.subtitle,
                                  "organization": meta.organization, "year": meta.year or ""})


class FooterPainter:
    semantics = Semantics(artifact=Artifact("Pagination", "Footer"))  # the page templates draw decorations as this

    def __init__(self, report: Report, theme: Theme, geometry: PageGeometry):
        self.report, self.theme, self.geometry = report, theme, geometry

    def __call__(self, canvas: Canvas, page: int) -> None:
        style = self.theme.styles.footer
        frame = self.geometry.body_frame(page)
        baseline = self.geometry.bottom * 0.45
        canvas.saveState()
        canvas.setFont(style.fontName, style.fontSize)
        canvas.setFillColor(style.textColor)
        side = "even" if page % 2 == 0 else "odd"
        with drawing(canvas, ("footer", side)):  # its characters come from the format and from meta
            if side == "even":
                canvas.drawString(frame.x, baseline, footer_text(self.report.footer.even, self.report, page))
            else:
                canvas.drawRightString(frame.right, baseline, footer_text(self.report.footer.odd, self.report, page))
        canvas.restoreState()
