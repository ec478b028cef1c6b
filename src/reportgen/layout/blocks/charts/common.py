"""What every chart shares: its figures, words and colours in; a tagged Figure (the drawing) and its data Table out.

A chart is read as a Figure whose alt text is written from its data in the report's language, then as a
Table of the same figures (a header row of the series' names, a row per category: TH scoped to its row,
then a TD per series), so a screen reader can go through the numbers. The table's cells are drawn as
invisible text (render mode 3) over the chart, the content their elements need; the contrast check passes
invisible text by.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing, Rect
from reportlab.lib.colors import Color as RLColor
from reportlab.lib.styles import ParagraphStyle

from reportgen.diagnostics import SpecPath
from reportgen.layout.blocks.base import LayoutLog, SpecFlowable
from reportgen.layout.blocks.pie import InkDrawing, Label, _segment_meets_box
from reportgen.layout.tagging import Semantics, layout_box, tagged
from reportgen.model.charts import Chart, Series, csv_figures
from reportgen.model.strings import Words
from reportgen.reportlab_adapter.shaping import shaped_text
from reportgen.theme import Theme

Box = tuple[float, float, float, float]  # left, bottom, right, top
INVISIBLE = 3  # PDF text render mode: neither filled nor stroked


@dataclass(frozen=True)
class Figures:
    """A chart's figures, from its spec (`categories`, `series`) or its CSV file; `header` names the categories'
    column of the data table (the CSV's first header), None for the generated word."""

    categories: tuple[str, ...]
    series: tuple[Series, ...]
    header: str | None = None


def figures_of(chart: Chart) -> Figures:
    """The chart's figures as given, or as its CSV file holds them (validation checked that it can)."""
    if chart.data is not None:
        categories, series = csv_figures(chart.data)
        return Figures(categories, series, chart.data.header[0].text.strip() or None)
    return Figures(chart.categories, chart.series)


def series_colors(theme: Theme, count: int) -> list[RLColor]:
    """The chart colours in turn, lighter on each round after the first (as a pie's slices)."""
    palette = theme.palette
    colours = len(palette.colors.chart)
    keep = theme.measures.box("pie.tint").ratio
    return [palette(palette.chart(index).tint(1 - keep ** (index // colours))) for index in range(count)]


def with_unit(number: str, unit: str | None) -> str:
    """A value label: the number, then its unit after a no-break space ("%" set close)."""
    if not unit:
        return number
    return f"{number}{unit}" if unit == "%" else f"{number}\u00a0{unit}"


def chart_alt_text(chart: Chart, figures: Figures, words: Words) -> str:
    """The chart in words: its kind, title and unit, then every value by category (by series when several)."""
    if chart.alt:
        return chart.alt
    name = words(f"chart_{chart.type}")
    if chart.title:
        name = words("chart_titled", chart=name, title=chart.title)
    if chart.unit:
        name = words("chart_in", chart=name, unit=chart.unit)
    separator = words("list_separator")

    def values(series: Series) -> str:
        return separator.join(words("chart_value", category=category, value=words.number(value))
                              for category, value in zip(figures.categories, series.values))

    if chart.type == "donut":
        from reportgen.model.figures import pie_shares

        amounts = figures.series[0].values
        shares = pie_shares(amounts, [None] * len(amounts))
        listed = separator.join(words("chart_slice", label=category, amount=with_unit(words.number(value), chart.unit),
                                      percent=words.percent(share.printed_percent))
                                for category, value, share in zip(figures.categories, amounts, shares))
    elif len(figures.series) == 1:
        listed = values(figures.series[0])
    else:
        listed = words("series_separator").join(words("chart_series", name=series.name, values=values(series))
                                                for series in figures.series)
    return words("chart_data", chart=name, values=listed)


def overlaps(first: Box, second: Box, clearance: float = 0.0) -> bool:
    return not (first[2] + clearance <= second[0] or second[2] + clearance <= first[0]
                or first[3] + clearance <= second[1] or second[3] + clearance <= first[1])


@dataclass
class Placement:
    """One value label to place: its options (text, box, x, baseline), best first; its full text (named in
    the warning when it is left out); the option taken (or None)."""

    options: list[tuple[str, Box, float, float]]
    color: RLColor
    text: str = ""
    anchor: str = "start"
    inside: bool = False  # on its bar (a stacked part's): no paper under it
    chosen: tuple[str, Box, float, float] | None = None


def place_labels(labels: Iterable[Placement], obstacles: list[Box], segments: list[tuple[tuple[float, float], tuple[float, float]]],
                 bounds: Box, clearance: float) -> list[Placement]:
    """Each label at its first option that stays inside `bounds` and meets no label placed before it, no
    obstacle (another bar, a marker) and no line segment; the labels none of whose options can: returned."""
    placed: list[Box] = []
    dropped = []
    for label in labels:
        for option in label.options:
            box = option[1]
            inside = box[0] >= bounds[0] - 0.01 and box[1] >= bounds[1] - 0.01 and box[2] <= bounds[2] + 0.01 \
                and box[3] <= bounds[3] + 0.01
            if inside and not any(overlaps(box, other, clearance) for other in placed) \
                    and not any(overlaps(box, other) for other in obstacles) \
                    and not any(_segment_meets_box(a, b, box) for a, b in segments):
                label.chosen = option
                placed.append(box)
                break
        else:
            dropped.append(label)
    return dropped


def place_consistently(labels: list[Placement], obstacles: list[Box],
                       segments: list[tuple[tuple[float, float], tuple[float, float]]], bounds: Box,
                       clearance: float) -> list[Placement]:
    """`place_labels` with every label in its full text (its unit), or, when that leaves some out, every label
    shortened alike (a chart never mixes "86.4%" and "86.4"), whichever leaves fewer out; those left out returned."""
    def variant(short: bool) -> list[Placement]:
        return [Placement([o for o in label.options if (o[0] == label.text) != short]
                          or ([] if short else label.options), label.color, label.text, label.anchor, label.inside)
                for label in labels]

    full = variant(False)
    dropped = place_labels(full, obstacles, segments, bounds, clearance)
    chosen = full
    if dropped:
        short = variant(True)
        if any(label.options for label in short):
            fewer = place_labels(short, obstacles, segments, bounds, clearance)
            if len(fewer) < len(dropped):
                chosen, dropped = short, fewer
    for label, placed in zip(labels, chosen):
        label.chosen = placed.chosen
    return [labels[chosen.index(label)] for label in dropped]


class ChartFlowable(SpecFlowable):
    """A chart's drawing, read as a Figure then a data Table. Subclasses make `self.drawing` in `wrap`."""

    def __init__(self, theme: Theme, chart: Chart, figures: Figures, spec_path: SpecPath, words: Words,
                 log: LayoutLog):
        super().__init__()
        self.theme, self.chart, self.figures, self.spec_path, self.words, self.log = \
            theme, chart, figures, spec_path, words, log
        self.spaceBefore = theme.measures.block_gap / 2
        self.spaceAfter = theme.measures.block_gap
        self.colors = series_colors(theme, len(figures.series))
        self.figure = Semantics("Figure", alt=chart_alt_text(chart, figures, words))
        self.header = tuple(Semantics("TH", scope="Column") for _ in range(len(figures.series) + 1))
        # a category heads its row where that is a table's shape (more values than headers); a table of one
        # series reads its categories as data, headed by the column's TH (heuristic checkers call a table with
        # more headers than data cells shredded)
        count, many = len(figures.categories), len(figures.series)
        row_header = count * many >= 1 + many + count
        self.rows = tuple((Semantics("TH", scope="Row") if row_header else Semantics("TD"),)
                          + tuple(Semantics("TD") for _ in figures.series) for _ in figures.categories)
        self.table = Semantics("Table", children=(Semantics("TR", children=self.header),) + tuple(
            Semantics("TR", children=row) for row in self.rows))
        self.semantics = Semantics(children=self.parts())
        self.drawing: Drawing = InkDrawing(0, 0)
        self.dropped: list[str] = []

    def parts(self) -> tuple[Semantics, ...]:
        return (self.figure, self.table)

    # ---------------------------------------------------------------- text in the drawing

    def style(self, name: str) -> ParagraphStyle:
        return getattr(self.theme.styles, name)

    def label(self, text: str, x: float, y: float, style: ParagraphStyle, color: RLColor | None = None,
              anchor: str = "start", size: float | None = None) -> Label:
        """A shaped string whose `x` is its start, centre or end (`anchor`), its baseline at `y`."""
        size = style.fontSize if size is None else size
        shaped, width = shaped_text(text, style, size=size)
        left = x - width / 2 if anchor == "middle" else x - width if anchor == "end" else x
        return Label(left, y, shaped, text, fontName=style.fontName, fontSize=size,
                     fillColor=style.textColor if color is None else color, textAnchor="start")

    def width_of(self, text: str, style: ParagraphStyle, size: float | None = None) -> float:
        return shaped_text(text, style, size=style.fontSize if size is None else size)[1]

    def value_text(self, value: float) -> tuple[str, str]:
        """A value label, with its unit and (shorter) without."""
        number = self.words.number(value)
        return with_unit(number, self.chart.unit), number

    @staticmethod
    def value_text_of(words: Words, value: float, unit: str | None) -> str:
        return with_unit(words.number(value), unit)

    def legend(self, drawing: Drawing, width: float, top: float, marker: str = "square") -> float:
        """The series' names with their colours, in rows across `width` from `top` down; only with several
        series. Returns the height taken (0 without a legend)."""
        if len(self.figures.series) < 2:
            return 0.0
        style = self.style("chart_axis")
        box = self.theme.measures.box("chart")
        swatch = style.fontSize
        text_color = self.theme.palette.black
        x, y = 0.0, top - style.leading
        rows = 1
        for series, color in zip(self.figures.series, self.colors):
            item = swatch + box.gap + self.width_of(series.name, style) + box.padding * 2
            if x > 0 and x + item > width:
                x, y, rows = 0.0, y - style.leading * box.spacing, rows + 1
            if marker == "line":
                from reportgen.layout.blocks.charts.line import marker_shapes
                for shape in marker_shapes(x, y + swatch * 0.35, swatch, color, self.theme):
                    drawing.add(shape)
            else:
                drawing.add(Rect(x, y, swatch, swatch * 0.8, fillColor=color, strokeColor=None))
            drawing.add(self.label(series.name, x + swatch + box.gap, y, style, text_color))
            x += item
        return rows * style.leading * box.spacing + box.padding

    def draw_labels(self, drawing: Drawing, labels: list[Placement], style: ParagraphStyle) -> None:
        """The placed value labels; under each beside its bar or point, a patch of paper over the grid lines
        (drawn under the bars and lines, at `knock_at`), so a label reads on paper alone."""
        paper = self.theme.palette.named("paper")
        pad = self.theme.measures.box("chart").offset
        self.value_labels = []
        patches = []
        for label in labels:
            if label.chosen is None:
                continue
            text, box, _, baseline = label.chosen
            shape = self.label(text, box[0], baseline, style, label.color)
            drawing.add(shape)
            self.value_labels.append(shape)
            if not label.inside:
                patches.append(Rect(box[0] - pad, box[1] - pad, box[2] - box[0] + 2 * pad, box[3] - box[1] + 2 * pad,
                                    fillColor=paper, strokeColor=None))
        at = getattr(self, "knock_at", len(drawing.contents))
        drawing.contents[at:at] = patches

    def report_dropped(self) -> None:
        if not self.dropped:
            return
        shown = ", ".join(self.dropped[:6]) + (", ..." if len(self.dropped) > 6 else "")
        count = len(self.dropped)
        self.log.warn(f"{count} value label{'s' if count > 1 else ''} of this chart {'have' if count > 1 else 'has'} "
                      f"no room clear of the bars, lines and other labels and {'are' if count > 1 else 'is'} left "
                      f"out ({shown}); the values are still read in the chart's data table",
                      self.spec_path, "give the chart fewer categories or series, a shorter `unit`, or use "
                      "`type: bar`, whose labels have the room of its bars' length")

    # ---------------------------------------------------------------- drawing

    def split(self, available_width: float, available_height: float) -> list:
        return []

    def draw(self) -> None:
        canvas = self.canv
        self.report_dropped()  # as drawn (a trial wrap at another width is no problem)
        if self.chart.id:
            canvas.bookmarkHorizontal(self.chart.id, 0, self.height)
        with tagged(canvas, self.figure):
            renderPDF.draw(self.drawing, canvas, 0, 0)
        layout_box(canvas, self.figure, 0, 0, self.drawing.width, self.drawing.height)
        self.draw_table()

    def draw_table(self) -> None:
        """The data table, cell by cell as invisible text over the chart, each cell its element's content."""
        canvas = self.canv
        style = self.style("chart_axis")
        size = style.fontSize
        header = [self.figures.header or self.words("chart_category")] + [s.name for s in self.figures.series]
        rows = [header] + [[category] + [self.value_text(s.values[i])[0] for s in self.figures.series]
                           for i, category in enumerate(self.figures.categories)]
        cells = [self.header] + list(self.rows)
        columns = len(header)
        pitch = self.drawing.width / columns
        step = min(size * 1.2, self.drawing.height / max(1, len(rows)))
        canvas.saveState()
        canvas.setFillColor(self.theme.palette.black)
        for row_index, (texts, semantics) in enumerate(zip(rows, cells)):
            y = self.drawing.height - (row_index + 1) * step
            for column, (text, cell) in enumerate(zip(texts, semantics)):
                with tagged(canvas, cell):
                    line = canvas.beginText(column * pitch, y)
                    line.setTextRenderMode(INVISIBLE)
                    line.setFont(style.fontName, min(size, step))
                    line.textOut(text)
                    canvas.drawText(line)
        canvas.restoreState()
        layout_box(canvas, self.table, 0, 0, self.drawing.width, self.drawing.height)
