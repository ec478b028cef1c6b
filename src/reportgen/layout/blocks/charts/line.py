"""Line charts: categories and series in, one line per series with a marker at each value and value labels out.

The value axis hugs the values (a trend reads in its changes; a line has no baseline to stand on); each
point's label sits above it, or below when above would meet another label, a marker or a line; else it is
left out with a warning (its value is still in the chart's data table).
"""

from __future__ import annotations

from reportlab.graphics.shapes import Circle, Line, PolyLine
from reportlab.lib.colors import Color as RLColor

from reportgen.layout.blocks.charts.bars import ASCENT, MIDDLE, BarChart, label_box
from reportgen.layout.blocks.charts.common import Placement, place_consistently
from reportgen.layout.blocks.charts.scale import nice_scale
from reportgen.layout.blocks.pie import InkDrawing
from reportgen.theme import Theme


def marker_shapes(x: float, y: float, swatch: float, color: RLColor, theme: Theme) -> list:
    """A legend's line sample: a short stroke with the marker on it."""
    box = theme.measures.box("chart")
    return [Line(x, y, x + swatch, y, strokeColor=color, strokeWidth=box.rule * 2),
            Circle(x + swatch / 2, y, box.size * 0.8, fillColor=color, strokeColor=theme.palette.named("paper"),
                   strokeWidth=box.offset)]


class LineChart(BarChart):
    """`type: line`: the categories along the bottom, a polyline per series."""

    def scale(self):  # type: ignore[no-untyped-def]
        return nice_scale([v for s in self.figures.series for v in s.values], zero=False)

    def make(self, width: float) -> InkDrawing:
        theme = self.theme
        box = theme.measures.box("chart")
        value = self.style("chart_label")
        palette = theme.palette
        drawing, scale, top, ticks, tick_texts, left, band, lines, size, leading, bottom = \
            self.vertical_frame(width, marker="line")
        plot_bottom = bottom + value.leading + box.gap  # room for a label below the lowest point
        plot_top = top - value.leading - box.gap
        span = plot_top - plot_bottom
        y = lambda v: plot_bottom + scale.position(v) * span  # noqa: E731
        x = lambda i: left + (i + 0.5) * band  # noqa: E731
        self.plot = (left, plot_bottom, width, plot_top)
        self.y_of, self.x_at = y, x
        self.draw_axes(drawing, width, y, left, band, ticks, tick_texts, lines, size, leading, bottom)
        self.points: list[list[tuple[float, float]]] = []
        segments = []
        markers = []
        for series, color in zip(self.figures.series, self.colors):
            points = [(x(i), y(v)) for i, v in enumerate(series.values)]
            self.points.append(points)
            if len(points) > 1:
                drawing.add(PolyLine([c for point in points for c in point], strokeColor=color,
                                     strokeWidth=box.rule * 2, strokeLineJoin=1, strokeLineCap=1))
                segments += list(zip(points, points[1:]))
        for series, color, points in zip(self.figures.series, self.colors, self.points):
            for px, py in points:
                drawing.add(Circle(px, py, box.size, fillColor=color, strokeColor=palette.named("paper"),
                                   strokeWidth=box.offset))
                reach = box.size + box.offset
                markers.append((px - reach, py - reach, px + reach, py + reach))
        labels = []
        reach = box.size + box.offset + box.gap / 2
        bold = theme.fonts.is_bold(value.fontName)
        paper = palette.named("paper")
        for series, points, color in zip(self.figures.series, self.points, self.colors):
            # with several lines, a label in its line's colour (made legible on paper) says whose it is
            ink = palette.legible(color, paper, value.fontSize, bold) if len(self.points) > 1 else value.textColor
            for amount, (px, py) in zip(series.values, points):
                texts = tuple(dict.fromkeys(self.value_text(amount)))
                options = []
                for text in texts:  # moved below, then beside the point, before shortened
                    wide = self.width_of(text, value)
                    middle = py - value.fontSize * MIDDLE
                    for at, baseline, anchor in ((px, py + reach, "middle"),
                                                (px, py - reach - value.fontSize * ASCENT, "middle"),
                                                (px + reach, middle, "start"), (px - reach, middle, "end"),
                                                (px - reach / 2, py + reach, "end"), (px + reach / 2, py + reach, "start")):
                        options.append((text, label_box(at, baseline, wide, value.fontSize, anchor), at, baseline))
                labels.append(Placement(options, ink, texts[0], "middle"))
        spacing = value.fontSize * (box.spacing - 1)
        dropped = place_consistently(labels, markers, segments, (0, 0, width, top), spacing)
        self.dropped += [label.text for label in dropped]
        self.draw_labels(drawing, labels, value)
        return drawing
