"""Footers: the spec's footer formats and meta in, running footers drawn on body pages out.

Even (left-hand) pages carry theirs at the outside-left, odd (right-hand) pages at the outside-right.
"""

from __future__ import annotations

import math

from reportlab.pdfbase.pdfmetrics import getAscentDescent
from reportlab.pdfgen.canvas import Canvas

from reportgen.layout import PageGeometry
from reportgen.layout.blocks.base import LayoutLog
from reportgen.layout.tagging import Artifact, Semantics
from reportgen.model.footer import footer_line
from reportgen.model.report import Report
from reportgen.render.glyphs import drawing
from reportgen.reportlab_adapter.shaping import draw_string
from reportgen.sections.registry import BLOCKS
from reportgen.theme import Theme


def footer_text(template: str, report: Report, page: int) -> str:
    """Fill the placeholders; a segment left empty (no subtitle, say) is dropped with its separator."""
    meta = report.meta
    return footer_line(template, {"page": str(page), "title": meta.title, "subtitle": meta.subtitle,
                                  "organization": meta.organization, "year": meta.year or ""})


BASELINE_SHARE = 0.45  # the footer's baseline sits this far up the bottom margin


class FooterPainter:
    semantics = Semantics(artifact=Artifact("Pagination", "Footer"))  # the page templates draw decorations as this
    spec_path = ("footer",)  # what its text is drawn for

    def __init__(self, report: Report, theme: Theme, geometry: PageGeometry, log: LayoutLog):
        self.report, self.theme, self.geometry = report, theme, geometry
        self.baseline = self._baseline(log)

    def _baseline(self, log: LayoutLog) -> float:
        """The footer's baseline: at BASELINE_SHARE of the bottom margin, raised so its descenders stay
        inside the page (and, in print, its safe zone); a bottom margin without room for it is an error
        at page.margins.bottom."""
        style, geometry = self.theme.styles.footer, self.geometry
        ascent, descent = getAscentDescent(style.fontName, style.fontSize)
        keep_clear = geometry.safe_zone if geometry.print_mode else 0.0
        lowest = keep_clear - descent
        baseline = max(geometry.bottom * BASELINE_SHARE, lowest)
        footer = self.report.footer
        drawn = (footer.even.strip() or footer.odd.strip()) and any(
            BLOCKS[section.type].page == "body" for section in self.report.sections)  # footers are on body pages
        if drawn and baseline + ascent > geometry.bottom:
            needed = math.ceil(lowest + ascent)
            inside = " and the print safe zone" if geometry.print_mode else ""
            log.error(f"a bottom margin of {geometry.bottom:g} pt leaves no room for the footer: its {style.fontSize:g} pt "
                      f"text{inside} need{'' if inside else 's'} {needed} pt", ("page", "margins", "bottom"),
                      f"give page.margins.bottom at least {needed} pt, or set footer.even and footer.odd to \"\" "
                      "for pages without a footer")
        return baseline

    def __call__(self, canvas: Canvas, page: int) -> None:
        style = self.theme.styles.footer
        frame = self.geometry.body_frame(page)
        baseline = self.baseline
        canvas.saveState()
        canvas.setFillColor(style.textColor)
        side = "even" if page % 2 == 0 else "odd"
        with drawing(canvas, ("footer", side)):  # its characters come from the format and from meta
            if side == "even":
                draw_string(canvas, frame.x, baseline, footer_text(self.report.footer.even, self.report, page), style)
            else:
                draw_string(canvas, frame.right, baseline, footer_text(self.report.footer.odd, self.report, page), style,
                            align="right")
        canvas.restoreState()
