"""Budget pie: slices with amounts in, a vector ring chart (reportlab.graphics) and its legend out.

Slices start at twelve o'clock and run clockwise; each sweep is its amount's share of 360
degrees, and a slice thinner than the white gap between slices (a share of a millionth, say) is
drawn as a hairline in its colour. Percentages on slices too thin to hold them move outside with
a leader line (spread apart so neighbouring tiny slices never overprint) as long as every leader line
stays over its own slice (within the slice's angles, outside the ring) and meets no other leader line or
label (the larger slices first); the others' are in the legend only, which always carries every label, amount and percentage. More slices than chart
colours get lighter tints, never a repeated colour.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Circle, Drawing, Line, String, Wedge
from reportlab.lib.attrmap import AttrMap, AttrMapValue
from reportlab.lib.colors import Color as RLColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.validators import isColorOrNone, isString

from reportgen.diagnostics import SpecPath
from reportgen.layout.blocks.base import SpecFlowable, fitted_size
from reportgen.layout.limits import (ANGLE_TOLERANCE, FULL_TURN, HALF_TURN, LINE_CLEARANCE, MEASURE_HEIGHT,
                                     TWELVE_O_CLOCK)
from reportgen.layout.markup import plain
from reportgen.layout.paragraph import Paragraph
from reportgen.reportlab_adapter.shaping import shaped_text
from reportgen.layout.tagging import DECORATION, Semantics, draw_tagged, layout_box, tagged
from reportgen.model.figures import Share, pie_shares
from reportgen.model.strings import ENGLISH, Words
from reportgen.sections.financials import Pie
from reportgen.theme import Theme
from reportgen.theme.styles import Box

# Sizes and proportions come from the stylesheet: pie (ring, slice gap, hairline, narrowest labelled slice),
# pie.hole, pie.label, legend.row, legend.value and pie.center (see docs/spec.md, "Stylesheet elements").


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
    position = TWELVE_O_CLOCK
    for share in shares:
        angles.append(SliceGeometry(position - share.degrees, position))
        position -= share.degrees
    return angles


class Label(String):
    """A percentage drawn shaped (`text` holds the font's glyphs, proportional figures among them) with the
    text it stands for (`source`: "48%")."""

    _attrMap = AttrMap(BASE=String, source=AttrMapValue(isString, desc="the text the shaped string stands for"))

    def __init__(self, x: float, y: float, text: str, source: str, **kw: object):
        super().__init__(x, y, text, **kw)
        self.source = source


class InkDrawing(Drawing):
    """A Drawing that starts in the theme's ink, not ReportLab's RGB black (which would put RGB into a print PDF)."""

    _attrMap = AttrMap(BASE=Drawing, initialFillColor=AttrMapValue(isColorOrNone),
                       initialStrokeColor=AttrMapValue(isColorOrNone))


def ring_drawing(shares: list[Share], colors: list[RLColor], diameter: float, theme: Theme,
                 words: Words = ENGLISH) -> Drawing:
    """The ring as a Drawing; its Wedge shapes carry the exact slice angles; percentages as `words` write them."""
    measures = theme.measures
    pie, hole, label = measures.box("pie"), measures.box("pie.hole"), measures.box("pie.label")
    size = diameter + 2 * pie.padding
    drawing = InkDrawing(size, size)
    drawing.initialFillColor = drawing.initialStrokeColor = theme.palette.black
    center = size / 2
    radius = diameter / 2
    white = theme.palette.white
    styles = theme.styles
    angles = slice_angles(shares)
    hairlines = []
    for share, angle, color in zip(shares, angles, colors):
        if radius * math.radians(angle.sweep) < pie.gap:  # narrower than the gap between slices
            hairlines.append((angle, color))
            continue
        wedge = Wedge(center, center, radius, angle.start, angle.end, radius1=radius * hole.ratio,
                      fillColor=color, strokeColor=white, strokeWidth=pie.gap)
        drawing.add(wedge)
    for angle, color in hairlines:  # over the white gaps, so that the slice stays visible
        theta = math.radians(angle.middle)
        # a wedge of no width cannot be drawn: a slice thinner than the gap is a line of pie.rule
        drawing.add(Line(center + radius * hole.ratio * math.cos(theta), center + radius * hole.ratio * math.sin(theta),
                         center + radius * math.cos(theta), center + radius * math.sin(theta),
                         strokeColor=color, strokeWidth=pie.rule))
    label_font, label_size = styles.legend_value.fontName, styles.legend_value.fontSize * label.ratio
    bold, paper = theme.fonts.is_bold(label_font), theme.palette.named("paper")
    for share, angle, color in zip(shares, angles, colors):
        theta = math.radians(angle.middle)
        text = words.percent(share.printed_percent)
        if angle.sweep >= pie.angle:  # thinner slices are labelled outside, below
            r = radius * (1 + hole.ratio) / 2
            shaped, width = shaped_text(text, styles.legend_value, size=label_size)  # centred on its shaped width
            drawing.add(Label(center + r * math.cos(theta) - width / 2, center + r * math.sin(theta) - label_size * label.rise,
                              shaped, text, fontName=label_font, fontSize=label_size,
                              fillColor=theme.palette.on(color, label_size, bold), textAnchor="start"))
    thin = [index for index in range(len(shares)) if angles[index].sweep < pie.angle]
    widths = {index: shaped_text(words.percent(shares[index].printed_percent), styles.legend_value,
                                 size=label_size)[1] for index in thin}
    for slice_index, leader in clear_outside_labels(thin, shares, angles, widths, center, radius, label_size,
                                                    size, label).items():
        color = colors[slice_index]
        drawing.add(Line(*leader.start, *leader.end, strokeColor=color, strokeWidth=label.rule))
        text = words.percent(shares[slice_index].printed_percent)
        shaped, _ = shaped_text(text, styles.legend_value, size=label_size)
        drawing.add(Label(leader.box[0], leader.end[1] - label_size * label.rise, shaped, text,
                          fontName=label_font, fontSize=label_size,
                          fillColor=theme.palette.legible(color, paper, label_size, bold), textAnchor="start"))
    drawing.add(Circle(center, center, radius * hole.ratio - hole.offset, fillColor=theme.palette.named("paper"),
                       strokeColor=None))
    return drawing


@dataclass(frozen=True)
class Leader:
    """An outside percentage: its leader line from `start` (just outside the ring) to `end`, and the
    label's box (left, bottom, right, top) beyond that end."""
    start: tuple[float, float]
    end: tuple[float, float]
    box: tuple[float, float, float, float]


def clear_outside_labels(thin: list[int], shares: list[Share], angles: list[SliceGeometry],
                         widths: dict[int, float], center: float, radius: float, label_size: float, size: float,
                         label: Box) -> dict[int, Leader]:
    """The outside percentages drawn, by slice index: of the slices in `thin` (too thin to hold their
    own), the larger first, each one that can join the others with every leader line over its own slice
    (outside the ring, within the slice's angles as seen from the centre: never across a neighbour)
    and meeting no other leader line or label; the rest are printed in the legend only (`widths`: each
    label's width)."""
    chosen: list[int] = []
    placed: dict[int, Leader] = {}
    for candidate in sorted(thin, key=lambda index: (-shares[index].degrees, index)):
        trial = sorted(chosen + [candidate])
        positions = outside_label_positions([angles[index] for index in trial], center, radius, label_size,
                                            size, label)
        leaders = {}
        for position, index in enumerate(trial):
            x1, y1, anchor = positions[position]
            theta = math.radians(angles[index].middle)
            reach = radius + label.gap
            left = x1 + label.padding if anchor == "start" else x1 - label.padding - widths[index]
            leaders[index] = Leader((center + reach * math.cos(theta), center + reach * math.sin(theta)), (x1, y1),
                                    (left, y1 - label_size * label.rise, left + widths[index],
                                     y1 + label_size * (1 - label.rise)))
        if _clear(list(leaders.values()), center, radius) and all(
                _over_own_slice(leader.end, angles[index], center) for index, leader in leaders.items()):
            chosen, placed = trial, leaders
    return placed


def _clear(leaders: list[Leader], center: float, radius: float) -> bool:
    """No leader line enters the ring or meets another leader line or another label's box."""
    for leader in leaders:
        if _distance_to_segment((center, center), leader.start, leader.end) < radius:
            return False
    for first, second in itertools.combinations(leaders, 2):
        if _segments_meet(first.start, first.end, second.start, second.end) \
                or _segment_meets_box(first.start, first.end, second.box) \
                or _segment_meets_box(second.start, second.end, first.box):
            return False
    return True


def _over_own_slice(end: tuple[float, float], angle: SliceGeometry, center: float) -> bool:
    """Whether a leader line from the middle of the slice `angle` to `end` stays within the slice's angles
    (the angle seen from the centre changes steadily along it, so its end decides)."""
    seen = math.degrees(math.atan2(end[1] - center, end[0] - center))
    off = (seen - angle.middle + HALF_TURN) % FULL_TURN - HALF_TURN
    return abs(off) <= angle.sweep / 2 + ANGLE_TOLERANCE


def _distance_to_segment(point: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
    (px, py), (ax, ay), (bx, by) = point, a, b
    dx, dy = bx - ax, by - ay
    length = dx * dx + dy * dy
    t = 0.0 if length == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length))
    return math.hypot(px - ax - t * dx, py - ay - t * dy)


def _segments_meet(a: tuple[float, float], b: tuple[float, float], c: tuple[float, float],
                   d: tuple[float, float]) -> bool:
    def side(p: tuple[float, float], q: tuple[float, float], r: tuple[float, float]) -> float:
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

    d1, d2, d3, d4 = side(c, d, a), side(c, d, b), side(a, b, c), side(a, b, d)
    if ((d1 > 0) != (d2 > 0)) and ((d3 > 0) != (d4 > 0)) and 0 not in (d1, d2, d3, d4):
        return True
    return min(_distance_to_segment(a, c, d), _distance_to_segment(b, c, d),
               _distance_to_segment(c, a, b), _distance_to_segment(d, a, b)) < LINE_CLEARANCE  # touching counts


def _segment_meets_box(a: tuple[float, float], b: tuple[float, float], box: tuple[float, float, float, float]) -> bool:
    left, bottom, right, top = box
    inside = lambda p: left <= p[0] <= right and bottom <= p[1] <= top  # noqa: E731
    if inside(a) or inside(b):
        return True
    corners = [(left, bottom), (right, bottom), (right, top), (left, top)]
    return any(_segments_meet(a, b, corner, corners[k - 1]) for k, corner in enumerate(corners))


def outside_label_positions(angles: list[SliceGeometry], center: float, radius: float, label_size: float,
                            size: float, label: Box) -> dict[int, tuple[float, float, str]]:
    """Where each outside percentage goes: (x, y, text anchor) by position in `angles`.

    Labels sit on a circle just outside the ring, on the side of their slice. On each side they
    are spread apart vertically (keeping their order) so that no two overprint, then set back on
    that circle at their new height, which keeps them clear of the ring (`label`: the stylesheet's pie.label)."""
    reach = radius + label.offset
    spacing = label_size * label.spacing
    top, bottom = size - label_size, label_size
    placed: dict[int, tuple[float, float, str]] = {}
    for right in (True, False):
        side = [(center + reach * math.sin(math.radians(a.middle)), i) for i, a in enumerate(angles)
                if (math.cos(math.radians(a.middle)) >= 0) == right]
        side.sort(key=lambda item: -item[0])
        heights = [min(y, top) for y, _ in side]
        for k in range(1, len(heights)):  # push down what sits too close below its neighbour
            heights[k] = min(heights[k], heights[k - 1] - spacing)
        if heights and heights[-1] < bottom:  # then push back up from the bottom edge
            heights[-1] = bottom
            for k in range(len(heights) - 2, -1, -1):
                heights[k] = max(heights[k], heights[k + 1] + spacing)
        for y, (_, index) in zip(heights, side):
            rise = y - center
            across = math.sqrt(reach * reach - rise * rise) if abs(rise) < reach else 0.0
            x = center + across if right else center - across
            placed[index] = (x, y, "start" if right else "end")
    return placed


def slice_colors(pie: Pie, theme: Theme) -> list[RLColor]:
    """A slice's own colour, else the chart colours in turn, lighter on each round after the first."""
    palette = theme.palette
    count = len(theme.palette.colors.chart)
    keep = theme.measures.box("pie.tint").ratio  # the colour's strength each round through the colours keeps
    colors = []
    for index, slice_ in enumerate(pie.slices):
        if slice_.color is not None:
            colors.append(palette(slice_.color))
        else:
            round_ = index // count
            colors.append(palette(palette.chart(index).tint(1 - keep ** round_)))
    return colors


def pie_alt_text(pie: Pie, shares: list[Share], words: Words = ENGLISH) -> str:
    """The chart in words (the report language's): every slice's label, printed amount and percentage,
    clockwise from the top."""
    chart = words("chart_of", title=pie.title) if pie.title else words("chart")
    if pie.total:
        chart = words("chart_total", chart=chart, total=pie.total)
    slices = words("list_separator").join(
        words("chart_slice", label=slice_.label, amount=slice_.display or words.number(slice_.amount),
              percent=words.percent(share.printed_percent)) for slice_, share in zip(pie.slices, shares))
    return words("chart_alt", chart=chart, count=words.number(len(pie.slices)), slices=slices)


class BudgetPie(SpecFlowable):
    """Read as a Figure whose alt text lists every slice, then its legend as a list (percentage as
    the label, slice name and amount as the body)."""

    def __init__(self, theme: Theme, pie: Pie, spec_path: SpecPath, words: Words = ENGLISH):
        super().__init__()
        self.theme, self.pie, self.spec_path, self.words = theme, pie, spec_path, words
        self.shares = pie_shares([s.amount for s in pie.slices], [s.percent for s in pie.slices])
        self.colors = slice_colors(pie, theme)
        self.angles = slice_angles(self.shares)
        self.spaceBefore = theme.measures.block_gap
        self.spaceAfter = theme.measures.block_gap
        self.figure = Semantics("Figure", alt=pie_alt_text(pie, self.shares, words))
        self.legend = [(Semantics("Lbl"), Semantics("LBody")) for _ in pie.slices]  # percentage, slice and amount
        self.semantics = Semantics(children=(self.figure, Semantics("L", children=tuple(
            Semantics("LI", children=item) for item in self.legend))))

    def _legend(self, index: int) -> tuple[Paragraph, Paragraph]:
        styles = self.theme.styles
        slice_ = self.pie.slices[index]
        value = styles.legend_value
        color = self.theme.palette.legible(self.colors[index], self.theme.palette.named("paper"), value.fontSize,
                                           self.theme.fonts.is_bold(value.fontName))
        percent = Paragraph(plain(self.words.percent(self.shares[index].printed_percent)),
                            styles.colored("legend_value", color))
        text = f"<b>{plain(slice_.label)}</b>"
        if slice_.display:
            text += f"<br/>{plain(slice_.display)}"
        return percent, Paragraph(text, styles.legend)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        measures = self.theme.measures
        row, value = measures.box("legend.row"), measures.box("legend.value")
        self.width = available_width
        self.diameter = min(measures.pie_size, available_width * measures.box("pie").ratio)
        self.drawing = ring_drawing(self.shares, self.colors, self.diameter, self.theme, self.words)
        self.legend_left = self.drawing.width + measures.gutter
        legend_width = available_width - self.legend_left
        self.percent_width = value.width
        self.rows = []
        legend_height = 0.0
        for index in range(len(self.pie.slices)):
            percent, text = self._legend(index)
            height = max(percent.wrap(self.percent_width, MEASURE_HEIGHT)[1],
                         text.wrap(legend_width - self.percent_width - row.padding, MEASURE_HEIGHT)[1])
            self.rows.append((percent, text, height))
            legend_height += height + row.gap
        self.legend_height = legend_height - row.gap
        self.height = max(self.drawing.height, self.legend_height)
        return (available_width, self.height)

    def split(self, available_width: float, available_height: float) -> list:
        return []

    def draw(self) -> None:
        canvas = self.canv
        row = self.theme.measures.box("legend.row")
        with tagged(canvas, self.figure):
            self._draw_ring()
        layout_box(canvas, self.figure, 0, self.height - self.drawing.height, self.drawing.width, self.drawing.height)
        y = self.height - (self.height - self.legend_height) / 2
        for (percent, text, height), color, (label, body) in zip(self.rows, self.colors, self.legend):
            draw_tagged(canvas, label, percent, self.legend_left, y - percent.height)
            draw_tagged(canvas, body, text, self.legend_left + self.percent_width + row.padding, y - text.height)
            with tagged(canvas, DECORATION):
                canvas.setStrokeColor(color)
                canvas.setLineWidth(self.theme.measures.rule_width)
                canvas.line(self.legend_left, y - height - row.offset, self.width, y - height - row.offset)
            y -= height + row.gap

    def _total_style(self, width: float) -> ParagraphStyle:
        """pie.center, set smaller (to its `floor` at most) when the total is wider than `width` on one line,
        its leading shrunk alike."""
        design = self.theme.styles.pie_center
        floor = self.theme.measures.box("pie.center").floor
        size = fitted_size([self.pie.total or ""], design, design.fontSize, width, design.fontSize * floor)
        if size == design.fontSize:
            return design
        return design.clone(f"pie_center-{size}", fontSize=size, leading=design.leading * size / design.fontSize)

    def _draw_ring(self) -> None:
        """The ring, and the total and its label in its hole (the title is a heading above the chart)."""
        canvas = self.canv
        styles = self.theme.styles
        renderPDF.draw(self.drawing, canvas, 0, self.height - self.drawing.height)
        center_x = self.drawing.width / 2
        center_y = self.height - self.drawing.height / 2
        measures = self.theme.measures
        hole = self.diameter * measures.box("pie.hole").ratio * measures.box("pie.center").ratio
        lines = []
        if self.pie.total:
            lines.append(Paragraph(plain(self.pie.total), self._total_style(hole)))
        if self.pie.total_label:
            lines.append(Paragraph(plain(self.pie.total_label), styles.pie_center_label))
        heights = [p.wrap(hole, MEASURE_HEIGHT)[1] for p in lines]
        y = center_y + sum(heights) / 2
        for paragraph, height in zip(lines, heights):
            paragraph.drawOn(canvas, center_x - hole / 2, y - height)
            y -= height
