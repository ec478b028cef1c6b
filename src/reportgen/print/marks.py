"""Crop marks: page geometry in, a page decoration that draws trim marks at the four corners out.

The marks sit in the slug, outside the bleed, so they never show on the trimmed page and
never touch bleed art. They are drawn in registration colour, the `/All` separation (PDF's name for
every plate: a RIP puts the marks on each plate it makes, spot plates included; its alternate is 100%
of the four process inks), so they appear on every printing plate.
"""

from __future__ import annotations

from reportlab.lib.colors import CMYKColorSep
from reportlab.pdfgen.canvas import Canvas

from reportgen.layout.geometry import SLUG, PageGeometry

REGISTRATION = CMYKColorSep(1, 1, 1, 1, spotName="All")
MARK_WIDTH = 0.25   # points: a hairline, as print shops expect
MARK_GAP = 3.0      # between the bleed edge and the start of a mark


class CropMarks:
    """A page decoration: called at each page start, after the canvas moved to trim coordinates."""

    def __init__(self, geometry: PageGeometry):
        self.geometry = geometry

    def segments(self) -> list[tuple[float, float, float, float]]:
        """Eight lines (two per corner), each continuing a trim edge outward, in trim coordinates."""
        width, height = self.geometry.width, self.geometry.height
        near = self.geometry.bleed + MARK_GAP
        far = self.geometry.bleed + SLUG - MARK_GAP
        lines = []
        for x, sign_x in ((0.0, -1), (width, 1)):
            for y, sign_y in ((0.0, -1), (height, 1)):
                lines.append((x + sign_x * near, y, x + sign_x * far, y))  # horizontal: marks the y trim
                lines.append((x, y + sign_y * near, x, y + sign_y * far))  # vertical: marks the x trim
        return lines

    def __call__(self, canvas: Canvas, page: int) -> None:
        if not self.geometry.print_mode:
            return
        canvas.saveState()
        canvas.setStrokeColor(REGISTRATION)
        canvas.setLineWidth(MARK_WIDTH)
        canvas.setLineCap(0)
        for x0, y0, x1, y1 in self.segments():
            canvas.line(x0, y0, x1, y1)
        canvas.restoreState()
