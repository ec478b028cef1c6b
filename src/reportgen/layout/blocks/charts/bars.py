"""Bar and column charts: categories and series in, bars from a zero baseline (grouped or stacked) with value labels out.

A column chart stands its bars on a horizontal zero baseline, values on a vertical axis at the left; a bar
chart lays them along a vertical baseline, categories down the left. Both share this code: the drawing is
made in "value" and "category" coordinates and turned into points by the orientation. Negative values go
below (or left of) the baseline. Value labels sit beyond each bar's end (inside each part of a stacked bar,
its total beyond the stack); one that would meet another label, a bar or the legend is shortened (its unit
dropped), else left out with a warning.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, NamedTuple

from reportlab.graphics.shapes import Line, Rect
from reportlab.lib.colors import Color as RLColor
from reportlab.lib.styles import ParagraphStyle

from reportgen.layout.blocks.charts.common import Box, ChartFlowable, Placement, place_consistently
from reportgen.layout.blocks.charts.scale import Scale, nice_scale
from reportgen.layout.blocks.pie import InkDrawing

DESCENT, ASCENT = 0.22, 0.78  # of a label's size: its box below and above the baseline
MIDDLE = 0.35                  # of a label's size: the baseline's drop that centres it on a point


def label_box(x: float, baseline: float, width: float, size: float, anchor: str) -> Box:
    left = x - width / 2 if anchor == "middle" else x - width if anchor == "end" else x
    return (left, baseline - size * DESCENT, left + width, baseline + size * ASCENT)


def wrap_words(text: str, measure, width: float) -> list[str]:  # type: ignore[no-untyped-def]
    """`text` broken at spaces into lines no wider than `width` (a word wider than that stands alone)."""
    lines: list[str] = []
    for word in text.split():
        if lines and measure(lines[-1] + " " + word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


@dataclass(frozen=True)
class Bar:
    """One drawn bar (or part of a stacked bar): its category, series, value and rectangle."""

    category: int
    series: int
    value: float
    rect: Rect


def stacked_span(amount: float, up: float, down: float) -> tuple[float, float, float, float]:
    """Where a stacked part runs (low, high): on the stack's top for a positive amount, below its bottom for a
    negative one; and the stack's top and bottom after it."""
    base = up if amount >= 0 else down
    low, high = sorted((base, base + amount))
    return (low, high, up + amount, down) if amount >= 0 else (low, high, up, down + amount)


class Frame(NamedTuple):
    """What BarChart.vertical_frame lays out (see there)."""

    drawing: InkDrawing
    scale: Scale
    top: float
    ticks: list[float]
    tick_texts: list[str]
    left: float
    band: float
    lines: list[list[str]]
    size: float
    leading: float
    bottom: float


class BarChart(ChartFlowable):
    """`type: column` (vertical bars) or `type: bar` (horizontal)."""

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        self.dropped = []
        self.drawing = self.make(available_width)
        self.height = self.drawing.height
        return available_width, self.height

    @property
    def horizontal(self) -> bool:
        return self.chart.type == "bar"

    @property
    def stacked(self) -> bool:
        return self.chart.stacked and len(self.figures.series) > 1

    def scale(self) -> Scale:
        series = self.figures.series
        if self.stacked:
            values = [sum(v for s in series if (v := s.values[i]) > 0) for i in range(len(self.figures.categories))]
            values += [sum(v for s in series if (v := s.values[i]) < 0) for i in range(len(self.figures.categories))]
        else:
            values = [v for s in series for v in s.values]
        return nice_scale(values, zero=True)

    def category_lines(self, room: float, axis: ParagraphStyle) -> tuple[list[list[str]], float]:
        """Each category's name in lines of at most `room`, and the size they are set at: smaller (to the
        stylesheet's floor) when a word is wider than the room."""
        box = self.theme.measures.box("chart")
        size = axis.fontSize
        widest = max((self.width_of(word, axis) for name in self.figures.categories for word in name.split()),
                     default=0.0)
        if widest > room > 0:
            size = max(axis.fontSize * box.floor, axis.fontSize * room / widest)
        return [wrap_words(name, lambda text: self.width_of(text, axis, size), room)
                for name in self.figures.categories], size

    def make(self, width: float) -> InkDrawing:
        return self._bars(width) if self.horizontal else self._columns(width)

    # ---------------------------------------------------------------- columns

    def vertical_frame(self, width: float, marker: str = "square") -> "Frame":
        """A chart with its categories along the bottom and its values up the left: the drawing with its legend
        and unit, and where the axis, the categories' bands and their names go."""
        box = self.theme.measures.box("chart")
        axis = self.style("chart_axis")
        scale = self.scale()
        drawing = InkDrawing(width, box.height)
        drawing.initialFillColor = drawing.initialStrokeColor = self.theme.palette.black
        top = box.height - self.legend(drawing, width, box.height, marker=marker)
        if self.chart.unit:
            drawing.add(self.label(self.chart.unit, 0, top - axis.fontSize, axis))
            top -= axis.leading
        ticks = scale.ticks
        tick_texts = [self.words.number(tick) for tick in ticks]
        left = max(self.width_of(text, axis) for text in tick_texts) + box.padding
        band = (width - left) / len(self.figures.categories)
        lines, size = self.category_lines(band - box.gap, axis)
        leading = axis.leading * size / axis.fontSize
        bottom = box.padding + max(len(item) for item in lines) * leading
        return Frame(drawing, scale, top, ticks, tick_texts, left, band, lines, size, leading, bottom)

    def draw_axes(self, drawing: InkDrawing, width: float, y: Callable[[float], float], left: float, band: float,
                  ticks: list[float], tick_texts: list[str], lines: list[list[str]], size: float, leading: float,
                  bottom: float) -> None:
        """The value axis's gridlines and tick labels, then (where value labels' paper goes: `knock_at`, over
        the grid and under the marks) the categories' names under their bands."""
        box, axis = self.theme.measures.box("chart"), self.style("chart_axis")
        for tick, text in zip(ticks, tick_texts):
            drawing.add(Line(left, y(tick), width, y(tick), strokeColor=self.theme.palette.named("rule"),
                             strokeWidth=self.theme.measures.rule_width))
            drawing.add(self.label(text, left - box.padding, y(tick) - axis.fontSize * MIDDLE, axis, anchor="end"))
        self.knock_at = len(drawing.contents)
        for index, name in enumerate(lines):
            centre = left + (index + 0.5) * band
            for number, line in enumerate(name):
                drawing.add(self.label(line, centre, bottom - box.padding - size * ASCENT - number * leading, axis,
                                       anchor="middle", size=size))

    def _columns(self, width: float) -> InkDrawing:
        theme = self.theme
        box = theme.measures.box("chart")
        value = self.style("chart_label")
        palette = theme.palette
        count, many = len(self.figures.categories), len(self.figures.series)
        drawing, scale, top, ticks, tick_texts, left, band, lines, size, leading, bottom = self.vertical_frame(width)
        plot_top = top - value.leading - box.gap
        lowest = min([0.0] + [v for s in self.figures.series for v in s.values] if not self.stacked else
                     [0.0] + [sum(v for s in self.figures.series if (v := s.values[i]) < 0) for i in range(count)])
        # room under the axis for the label under the lowest bar, less what the axis leaves below that bar
        depth = (lowest - scale.low) / (scale.high - scale.low) * (plot_top - bottom)
        plot_bottom = bottom + (max(0.0, value.leading + box.gap - depth) if lowest < 0 else 0.0)
        span = plot_top - plot_bottom
        y = lambda v: plot_bottom + scale.position(v) * span  # noqa: E731
        self.plot = (left, plot_bottom, width, plot_top)
        self.y_of = y
        self.draw_axes(drawing, width, y, left, band, ticks, tick_texts, lines, size, leading, bottom)
        group = band * box.ratio
        bar_width = group if self.stacked else (group - box.gap / 2 * (many - 1)) / many
        self.bars = []
        labels: list[Placement] = []
        for index in range(count):
            start = left + index * band + (band - group) / 2
            up = down = 0.0
            for number, (series, color) in enumerate(zip(self.figures.series, self.colors)):
                amount = series.values[index]
                if self.stacked:
                    low, high, up, down = stacked_span(amount, up, down)
                    x = start
                else:
                    low, high = sorted((0.0, amount))
                    x = start + number * (bar_width + box.gap / 2)
                rect = Rect(x, y(low), bar_width, y(high) - y(low), fillColor=color,
                            strokeColor=palette.white if self.stacked else None,
                            strokeWidth=box.offset if self.stacked else 0)
                drawing.add(rect)
                self.bars.append(Bar(index, number, amount, rect))
                centre = x + bar_width / 2
                texts = self.value_text(amount)
                if self.stacked:
                    ink = palette.on(color, value.fontSize, theme.fonts.is_bold(value.fontName))
                    middle = (y(low) + y(high)) / 2 - value.fontSize * MIDDLE
                    inside = (x, y(low), x + bar_width, y(high))
                    options = [(t, b, centre, middle) for t in texts
                               if _within(b := label_box(centre, middle, self.width_of(t, value), value.fontSize,
                                                         "middle"), inside)]
                    labels.append(Placement(options, ink, texts[0], inside=True))
                else:
                    baseline = y(high) + box.gap if amount >= 0 else y(low) - box.gap - value.fontSize * ASCENT
                    labels.append(self._placement(texts, centre, baseline, value, "middle"))
            if self.stacked:
                for total, baseline in ((up, y(up) + box.gap), (down, y(down) - box.gap - value.fontSize * ASCENT)):
                    if total or (total == 0 and baseline > y(0)):
                        labels.append(self._placement(self.value_text(total), start + group / 2, baseline, value,
                                                      "middle"))
        drawing.add(Line(left, y(0), width, y(0), strokeColor=palette.black, strokeWidth=box.rule))
        self._labels(drawing, labels, (0, 0, width, top), [])
        return drawing

    # ---------------------------------------------------------------- bars

    def _bars(self, width: float) -> InkDrawing:
        theme, words = self.theme, self.words
        box = theme.measures.box("chart")
        axis, value = self.style("chart_axis"), self.style("chart_label")
        palette = theme.palette
        count, many = len(self.figures.categories), len(self.figures.series)
        scale = self.scale()
        ticks = scale.ticks
        tick_texts = [words.number(tick) for tick in ticks]
        names = max(self.width_of(name, axis) for name in self.figures.categories)
        column = min(names, width * box.ratio / 2)
        lines, size = self.category_lines(column, axis)
        leading = axis.leading * size / axis.fontSize
        thickness = box.width * (1 if self.stacked else many) * box.ratio
        band = max(box.width * (1 if self.stacked else many), max(len(item) for item in lines) * leading + box.gap)
        probe = InkDrawing(width, 0)
        legend = self.legend(probe, width, 0)
        unit = axis.leading if self.chart.unit else 0.0
        height = legend + unit + count * band + box.padding + axis.leading
        drawing = InkDrawing(width, height)
        drawing.initialFillColor = drawing.initialStrokeColor = palette.black
        top = height - self.legend(drawing, width, height)
        left = column + box.padding
        positive = [self.width_of(self.value_text(v)[0], value) for s in self.figures.series for v in s.values
                    if v >= 0]
        negative = [self.width_of(self.value_text(v)[0], value) for s in self.figures.series for v in s.values
                    if v < 0]
        if self.stacked:
            positive = [self.width_of(self.value_text(sum(v for s in self.figures.series
                                                          if (v := s.values[i]) > 0))[0], value) for i in range(count)]
        right = width - (max(positive, default=0.0) + box.gap)
        start = left + (max(negative, default=0.0) + box.gap if scale.low < 0 else 0.0)
        right = max(right, start + (width - start) / 2)  # labels too wide for the room: some are left out
        half_tick = max(self.width_of(ticks and tick_texts[-1], axis) / 2, 0.0)
        right = min(right, width - half_tick)
        x = lambda v: start + scale.position(v) * (right - start)  # noqa: E731
        self.x_of = x
        if self.chart.unit:
            drawing.add(self.label(self.chart.unit, left, top - axis.fontSize, axis))
            top -= unit
        plot_top, plot_bottom = top, top - count * band
        self.plot = (start, plot_bottom, right, plot_top)
        for tick, text in zip(ticks, tick_texts):
            drawing.add(Line(x(tick), plot_bottom, x(tick), plot_top, strokeColor=palette.named("rule"),
                             strokeWidth=theme.measures.rule_width))
            drawing.add(self.label(text, x(tick), plot_bottom - box.padding - axis.fontSize * ASCENT, axis,
                                   anchor="middle"))
        self.knock_at = len(drawing.contents)
        self.bars = []
        labels: list[Placement] = []
        for index, name in enumerate(lines):
            middle = plot_top - (index + 0.5) * band
            first = middle + (len(name) - 1) * leading / 2 - size * MIDDLE
            for number, line in enumerate(name):
                drawing.add(self.label(line, column, first - number * leading, axis, anchor="end", size=size))
            edge = middle + thickness / 2
            bar = thickness if self.stacked else (thickness - box.gap / 2 * (many - 1)) / many
            up = down = 0.0
            for number, (series, color) in enumerate(zip(self.figures.series, self.colors)):
                amount = series.values[index]
                if self.stacked:
                    low, high, up, down = stacked_span(amount, up, down)
                    y = edge - bar
                else:
                    low, high = sorted((0.0, amount))
                    y = edge - (number + 1) * bar - number * box.gap / 2
                rect = Rect(x(low), y, x(high) - x(low), bar, fillColor=color,
                            strokeColor=palette.white if self.stacked else None,
                            strokeWidth=box.offset if self.stacked else 0)
                drawing.add(rect)
                self.bars.append(Bar(index, number, amount, rect))
                baseline = y + bar / 2 - value.fontSize * MIDDLE
                texts = self.value_text(amount)
                if self.stacked:
                    ink = palette.on(color, value.fontSize, theme.fonts.is_bold(value.fontName))
                    centre = (x(low) + x(high)) / 2
                    inside = (x(low), y, x(high), y + bar)
                    options = [(t, b, centre, baseline) for t in texts
                               if _within(b := label_box(centre, baseline, self.width_of(t, value), value.fontSize,
                                                         "middle"), inside)]
                    labels.append(Placement(options, ink, texts[0], inside=True))
                elif amount >= 0:
                    labels.append(self._placement(texts, x(high) + box.gap, baseline, value, "start"))
                else:
                    labels.append(self._placement(texts, x(low) - box.gap, baseline, value, "end"))
            if self.stacked:
                baseline = edge - bar / 2 - value.fontSize * MIDDLE
                if up:
                    labels.append(self._placement(self.value_text(up), x(up) + box.gap, baseline, value, "start"))
                if down:
                    labels.append(self._placement(self.value_text(down), x(down) - box.gap, baseline, value, "end"))
        drawing.add(Line(x(0), plot_bottom, x(0), plot_top, strokeColor=palette.black, strokeWidth=box.rule))
        self._labels(drawing, labels, (0, 0, width, height), [])
        return drawing

    # ---------------------------------------------------------------- labels

    def _placement(self, texts: tuple[str, str], x: float, baseline: float, style: ParagraphStyle,
                   anchor: str) -> Placement:
        options = [(text, label_box(x, baseline, self.width_of(text, style), style.fontSize, anchor), x, baseline)
                   for text in dict.fromkeys(texts)]
        return Placement(options, style.textColor, texts[0], anchor)

    def _labels(self, drawing: InkDrawing, labels: list[Placement], bounds: Box,
                obstacles: list[Box]) -> None:
        value = self.style("chart_label")
        spacing = value.fontSize * (self.theme.measures.box("chart").spacing - 1)
        bars = [_rect_box(bar.rect) for bar in self.bars]
        # a label never meets a bar but its own (a stacked part's label lies inside it)
        for label in labels:
            own = [b for b in bars if label.options and _within(label.options[0][1], b)]
            label.options = [option for option in label.options
                             if not any(_overlap(option[1], b) for b in bars if b not in own)]
        dropped = place_consistently(labels, obstacles, [], bounds, spacing)
        self.dropped += [label.text for label in dropped]
        self.draw_labels(drawing, labels, value)


def _within(inner: Box, outer: Box) -> bool:
    return inner[0] >= outer[0] and inner[1] >= outer[1] and inner[2] <= outer[2] and inner[3] <= outer[3]


def _overlap(first: Box, second: Box) -> bool:
    return first[0] < second[2] and second[0] < first[2] and first[1] < second[3] and second[1] < first[3]


def _rect_box(rect: Rect) -> Box:
    return (rect.x, rect.y, rect.x + rect.width, rect.y + rect.height)


__all__ = ["Bar", "BarChart", "label_box", "wrap_words", "RLColor"]
