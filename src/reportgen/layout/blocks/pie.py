"""Budget pie: slices with amounts in, a vector ring chart (reportlab.graphics) and its legend out.

Slices start at twelve o'clock and run clockwise; each sweep is its amount's share of 360
degrees. Percentages on slices too thin to hold them move outside with a leader line, and the
legend always carries every label, amount and percentage.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Circle, Drawing, Line, String, Wedge
from reportlab.lib.attrmap import AttrMap, AttrMapValue
from reportlab.lib.colors import Color as RLColor
from reportlab.lib.validators import isColorOrNone
from reportlab.platypus import Paragraph

from reportgen.diagnostics import SpecPath
from reportgen.layout.blocks.base import SpecFlowable
from reportgen.layout.markup import plain
from reportgen.model.figures import Share, pie_shares
from reportgen.model.report import Pie
from reportgen.theme import Theme

START_ANGLE = 90.0
INNER_RATIO = 0.56
MIN_INSIDE_SWEEP = 24.0  # degrees needed to print a percentage on the ring


@dataclass(frozen=True)
class SliceGeometry:
    start: float  # degrees, counter-clockwise from three o'clock
    end: float

    @property
    def sweep(self) -> float:
        return self.end - self.start

    @property
    def middle(self) -> float:
        return (self.start + self.end) / 2


def slice_angles(shares: list[Share]) -> list[SliceGeometry]:
    """Clockwise from twelve o'clock: each slice ends where the previous one started."""
    angles = []
    position = START_ANGLE
    for share in shares:
        angles.append(SliceGeometry(position - share.degrees, position))
        position -= share.degrees
    return angles


class InkDrawing(Drawing):
    """A Drawing that starts in the theme's ink, not ReportLab's RGB black (which would put RGB into a print PDF)."""

    _attrMap = AttrMap(BASE=Drawing, initialFillColor=AttrMapValue(isColorOrNone),
                       initialStrokeColor=AttrMapValue(isColorOrNone))


def ring_drawing(shares: list[Share], colors: list[RLColor], diameter: float, theme: Theme) -> Drawing:
    """The ring as a Drawing; its Wedge shapes carry the exact slice angles."""
    margin = 34.0
    size = diameter + 2 * margin
    drawing = InkDrawing(size, size)
    drawing.initialFillColor = drawing.initialStrokeColor = theme.palette.black
    center = size / 2
    radius = diameter / 2
    white = theme.palette.white
    styles = theme.styles
    angles = slice_angles(shares)
    for share, angle, color in zip(shares, angles, colors):
        wedge = Wedge(center, center, radius, angle.start, angle.end, radius1=radius * INNER_RATIO,
                      fillColor=color, strokeColor=white, strokeWidth=1.2)
        drawing.add(wedge)
    label_font, label_size = styles.legend_value.fontName, styles.legend_value.fontSize * 0.78
    for share, angle, color in zip(shares, angles, colors):
        theta = math.radians(angle.middle)
        text = f"{share.printed_percent}%"
        if angle.sweep >= MIN_INSIDE_SWEEP:
            r = radius * (1 + INNER_RATIO) / 2
            drawing.add(String(center + r * math.cos(theta), center + r * math.sin(theta) - label_size * 0.35, text,
                               fontName=label_font, fontSize=label_size, fillColor=white, textAnchor="middle"))
        else:
            inner = radius + 3
            outer = radius + 14
            x0, y0 = center + inner * math.cos(theta), center + inner * math.sin(theta)
            x1, y1 = center + outer * math.cos(theta), center + outer * math.sin(theta)
            drawing.add(Line(x0, y0, x1, y1, strokeColor=color, strokeWidth=0.8))
            anchor = "start" if math.cos(theta) >= 0 else "end"
            dx = 3 if anchor == "start" else -3
            drawing.add(String(x1 + dx, y1 - label_size * 0.35, text, fontName=label_font, fontSize=label_size,
                               fillColor=color, textAnchor=anchor))
    drawing.add(Circle(center, center, radius * INNER_RATIO - 0.6, fillColor=theme.palette.named("paper"),
                       strokeColor=None))
    return drawing


class BudgetPie(SpecFlowable):
    def __init__(self, theme: Theme, pie: Pie, spec_path: SpecPath):
        super().__init__()
        self.theme, self.pie, self.spec_path = theme, pie, spec_path
        palette = theme.palette
        self.shares = pie_shares([s.amount for s in pie.slices], [s.percent for s in pie.slices])
        self.colors = [palette(s.color if s.color is not None else palette.chart(i)) for i, s in enumerate(pie.slices)]
        self.angles = slice_angles(self.shares)
        self.spaceBefore = theme.measures.block_gap
        self.spaceAfter = theme.measures.block_gap

    def _legend(self, index: int) -> tuple[Paragraph, Paragraph]:
        styles = self.theme.styles
        slice_ = self.pie.slices[index]
        percent = Paragraph(f"{self.shares[index].printed_percent}%", styles.colored("legend_value", self.colors[index]))
        text = f"<b>{plain(slice_.label)}</b>"
        if slice_.display:
            text += f"<br/>{plain(slice_.display)}"
        return percent, Paragraph(text, styles.legend)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        measures = self.theme.measures
        self.width = available_width
        self.diameter = min(measures.pie_size, available_width * 0.4)
        self.drawing = ring_drawing(self.shares, self.colors, self.diameter, self.theme)
        self.legend_left = self.drawing.width + measures.gutter
        legend_width = available_width - self.legend_left
        self.percent_width = 52.0
        self.rows = []
        legend_height = 0.0
        for index in range(len(self.pie.slices)):
            percent, text = self._legend(index)
            height = max(percent.wrap(self.percent_width, 10_000)[1],
                         text.wrap(legend_width - self.percent_width - 8, 10_000)[1])
            self.rows.append((percent, text, height))
            legend_height += height + 10
        self.legend_height = legend_height - 10
        self.height = max(self.drawing.height, self.legend_height)
        return (available_width, self.height)

    def split(self, available_width: float, available_height: float) -> list:
        return []

    def draw(self) -> None:
        canvas = self.canv
        styles = self.theme.styles
        renderPDF.draw(self.drawing, canvas, 0, self.height - self.drawing.height)
        center_x = self.drawing.width / 2
        center_y = self.height - self.drawing.height / 2
        hole = self.diameter * INNER_RATIO * 0.86
        lines = []
        if self.pie.total:
            lines.append(Paragraph(plain(self.pie.total), styles.pie_center))
        if self.pie.title:
            lines.append(Paragraph(plain(self.pie.title), styles.pie_center_label))
        heights = [p.wrap(hole, 10_000)[1] for p in lines]
        y = center_y + sum(heights) / 2
        for paragraph, height in zip(lines, heights):
            paragraph.drawOn(canvas, center_x - hole / 2, y - height)
            y -= height
        y = self.height - (self.height - self.legend_height) / 2
        for (percent, text, height), color in zip(self.rows, self.colors):
            percent.drawOn(canvas, self.legend_left, y - percent.height)
            text.drawOn(canvas, self.legend_left + self.percent_width + 8, y - text.height)
            canvas.setStrokeColor(color)
            canvas.setLineWidth(self.theme.measures.rule_width)
            canvas.line(self.legend_left, y - height - 5, self.width, y - height - 5)
            y -= height + 10
