"""Stat blocks: a list of stats in, a grid of big figures over their labels out.

A figure never overflows its cell: a long one is set smaller (a warning, recorded when the row's
first line is drawn, so once however often the row is measured or split),
and the row wraps to further lines when more blocks are given than fit across. A grid
taller than half a page splits between its lines. Every line of the grid has one figure size and
one baseline: a qualifier above one figure ("Nearly") takes the same room above all of them. Rows
given `siblings` (the stats of sibling pillars, say) share one grid: as many across and one
figure size, what the hardest of them needs. Every size is the stylesheet's (`stat`, `stat.figure`,
`stat.label`, `stat.heading`).

A stat's `change` stands beside its figure, on the figure's baseline (under it, above the label, when the
cell is too narrow), after an arrow drawn from its sign (a triangle up or down, two bars when level: no
font need have the glyph); it is in `stat.change`'s colour, or, when the stat says which way is `better`, in the
theme's `positive` or `negative` colour, darkened where WCAG asks more contrast of it on its ground. The
stat reads aloud as one unit with its change in words: "1.4 Million \u2014 Students, up 12% since 2022-23".
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable

from reportlab.lib.colors import Color as RLColor
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle

from reportgen.diagnostics import Diagnostic, Severity, SpecPath
from reportgen.layout.blocks.base import LayoutLog, SpecFlowable, fitted_size, must_split
from reportgen.layout.blocks.columns import UNBOUNDED
from reportgen.layout.limits import MEASURE_SLACK, SPLIT_SHARE
from reportgen.layout.markup import plain
from reportgen.layout.paragraph import Paragraph, width_key
from reportgen.layout.tagging import DECORATION, Semantics, tagged
from reportgen.model.parts import Direction, change_direction, change_magnitude
from reportgen.model.report import Stat
from reportgen.model.strings import ENGLISH, Words
from reportgen.reportlab_adapter.shaping import line_width
from reportgen.theme import Theme

WordsOf = Callable[[str | None], Words]  # the generated words of a stat's language (None: the section's)



def shrink_limit(theme: Theme) -> float:
    """The share of their design size figures may shrink to so that more sit across (stat.figure's `floor`);
    smaller than that, it is reported."""
    return theme.measures.box("stat.figure").floor


@dataclass
class Change:
    """A stat's change as set in a cell: its paragraph, where it stands (beside the figure or under it), its
    arrow's direction and colour, and the arrow's size."""

    paragraph: Paragraph
    direction: Direction
    color: RLColor
    beside: bool = False
    x: float = 0.0  # the text's left edge, from the cell's (the arrow is before it)
    width: float = 0.0  # the text's measure
    arrow: float = 0.0  # the arrow's width
    padding: float = 0.0  # between the arrow and the text
    gap: float = 0.0  # between the figure and the arrow, beside it
    rise: float = 0.0  # the arrow's height as a share of the type size
    bar: float = 0.0  # a level change's bars: their thickness, and the space between them


@dataclass
class _Cell:
    heading: Paragraph | None
    value: Paragraph
    label: Paragraph | None
    change: Change | None = None
    height: float = 0.0
    qualifier: float = 0.0  # the room above the figure: its line's tallest qualifier, so figures share a baseline

    def parts(self, width: float) -> list[tuple[Paragraph, float, float, float]]:
        """(paragraph, its top below the cell's text top, its left edge, its measure) of the qualifier, figure,
        change and label in a cell `width` wide, measured and drawn alike."""
        value_top = self.qualifier
        below_value = value_top + self.value.height + self.value.getSpaceAfter()
        parts = []
        if self.heading is not None:
            parts.append((self.heading, value_top - self.heading.height - self.heading.getSpaceAfter(), 0.0, width))
        parts.append((self.value, value_top, 0.0, width))
        change, placed = self.change, []
        if change is not None:
            if change.beside:  # its first baseline on the figure's (a paragraph's is its type size below its top)
                top = value_top + self.value.style.fontSize - change.paragraph.style.fontSize
            else:
                top = below_value
                below_value += change.paragraph.height + change.paragraph.getSpaceAfter()
            placed.append((change.paragraph, top, change.x, change.width))
        if self.label is not None:
            parts.append((self.label, below_value, 0.0, width))
        return parts + placed  # drawn in the order it is read: figure, label, change (the P's ActualText's)


def change_printed(stat: Stat, words: Words) -> str:
    """The change as printed: as written, with its `since` ("+12% since 2022-23")."""
    assert stat.change is not None
    return words("change_since", change=stat.change, since=stat.since) if stat.since else stat.change


def change_said(stat: Stat, words: Words) -> str | None:
    """The change as read aloud, in words: "up 12% since 2022-23" (None without one)."""
    if stat.change is None:
        return None
    direction = change_direction(stat.change)
    if direction == "level":
        key = "change_either" if stat.change.startswith("\u00b1") else "change_level"
    else:
        key = f"change_{direction}"
    said = words(key, change=change_magnitude(stat.change))
    return words("change_since", change=said, since=stat.since) if stat.since else said


def change_color(theme: Theme, stat: Stat, ground: RLColor) -> RLColor:
    """The change's colour on `ground`: the theme's positive or negative one when the stat says which way is
    `better` (stat.change's otherwise, and for a level change), made legible there as WCAG asks of its size."""
    assert stat.change is not None
    style, palette = theme.styles.stat_change, theme.palette
    direction = change_direction(stat.change)
    color = style.textColor
    if stat.better is not None and direction != "level":
        color = palette(palette.colors.positive if direction == stat.better else palette.colors.negative)
    return palette.legible(color, ground, style.fontSize, theme.fonts.is_bold(style.fontName))


def set_change(theme: Theme, stat: Stat, words: Words, color: RLColor, width: float, figure: float) -> Change:
    """The change of `stat` in a cell `width` wide whose figure is `figure` wide on its line: beside the figure
    when the two fit, else under it."""
    style, box = theme.styles.stat_change, theme.measures.box("stat.change")
    text = change_printed(stat, words)
    paragraph = Paragraph(plain(text), theme.styles.colored("stat_change", color))
    assert stat.change is not None
    change = Change(paragraph, change_direction(stat.change), color, arrow=box.width, padding=box.padding,
                    gap=box.gap, rise=box.ratio, bar=box.rule)
    natural = line_width(text, style) + MEASURE_SLACK  # shaped, as the paragraph measures it
    beside = figure + box.gap + box.width + box.padding
    if figure >= 0 and beside + natural <= width:
        change.beside, change.x, change.width = True, beside, natural
    else:
        change.x, change.width = box.width + box.padding, max(1.0, width - box.width - box.padding)
    return change


def draw_arrow(canvas: object, change: Change, x: float, baseline: float) -> None:
    """The change's arrow before its text (x: the text's left edge): a triangle pointing up or down, two bars
    when level, in the change's colour, stat.change's `ratio` of its type size tall (about a capital's height),
    on its first baseline."""
    rise, left = change.paragraph.style.fontSize * change.rise, x - change.padding - change.arrow
    canvas.setFillColor(change.color)  # type: ignore[attr-defined]
    if change.direction == "level":  # two bars, an equals sign (one would read as a minus), `rule` thick and apart
        bar, middle = change.bar, baseline + rise / 2
        for bottom in (middle - bar - bar / 2, middle + bar / 2):
            canvas.rect(left, bottom, change.arrow, bar, stroke=0, fill=1)  # type: ignore[attr-defined]
        return
    tip, base = (baseline + rise, baseline) if change.direction == "up" else (baseline, baseline + rise)
    path = canvas.beginPath()  # type: ignore[attr-defined]
    path.moveTo(left, base)
    path.lineTo(left + change.arrow, base)
    path.lineTo(left + change.arrow / 2, tip)
    path.close()
    canvas.drawPath(path, stroke=0, fill=1)  # type: ignore[attr-defined]


@dataclass
class _Grid:
    """The whole grid at one width, shared by the pieces of a split: its figure size, its lines
    (cell width, cells, height), where each line starts (height above it, first stat)."""

    size: float
    lines: list[tuple[float, list[_Cell], float]]
    tops: list[float]
    firsts: list[int]


def figure_style(theme: Theme, color: RLColor, size: float) -> ParagraphStyle:
    """stat.figure in `color` at `size` (a figure set smaller to fit), its leading shrunk alike: one style for
    measuring and drawing, for stat rows and cards."""
    design = theme.styles.stat_value
    return theme.styles.colored("stat_value", color).clone(f"stat_value-{size}", fontSize=size,
                                                          leading=design.leading * size / design.fontSize)


def rows_for(count: int, across: int) -> list[int]:
    """How many stats go on each row with at most `across` per row, spread evenly (5 -> 3 + 2)."""
    if count == 0:
        return []
    rows = math.ceil(count / max(1, min(count, across)))
    base, extra = divmod(count, rows)
    return [base + (1 if index < extra else 0) for index in range(rows)]


class ChangeLine(SpecFlowable):
    """A change set under a figure in a stack (a card's head): its arrow, then its text in the rest of the width."""

    def __init__(self, change: Change):
        super().__init__()
        self.change = change
        self.spaceAfter = change.paragraph.getSpaceAfter()

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        indent = self.change.arrow + self.change.padding
        self.height = self.change.paragraph.wrap(max(1.0, available_width - indent), UNBOUNDED)[1]
        return (available_width, self.height)

    def draw(self) -> None:
        indent = self.change.arrow + self.change.padding
        paragraph = self.change.paragraph
        paragraph.drawOn(self.canv, indent, 0)
        draw_arrow(self.canv, self.change, indent, self.height - paragraph.style.fontSize)


def stat_text(stat: Stat, words: Words = ENGLISH) -> str:
    """A stat as one unit for a screen reader: "Nearly 2 Million \u2014 Students Served", its change after it in
    the words of its language (", up 12% since 2022-23")."""
    figure = " ".join(part for part in (stat.heading, stat.value) if part)
    text = f"{figure} \u2014 {stat.label}" if stat.label else figure
    said = change_said(stat, words)
    return f"{text}, {said}" if said else text


class StatRow(SpecFlowable):
    def __init__(self, theme: Theme, stats: tuple[Stat, ...], color: RLColor, spec_path: SpecPath, log: LayoutLog,
                 span: tuple[int, int] | None = None, grids: dict[float, _Grid] | None = None,
                 rows: list[int] | None = None, semantics: Semantics | None = None,
                 siblings: tuple[tuple[Stat, ...], ...] = (), words: WordsOf | None = None):
        super().__init__()
        self.theme, self.stats, self.color, self.spec_path, self.log = theme, stats, color, spec_path, log
        self.words: WordsOf = words or (lambda language: ENGLISH)
        # the rows sharing this one's grid (its own stats among them)
        self.siblings = tuple(group for group in siblings if len(group) == len(stats)) or (stats,)
        self.span, self.rows = span, rows  # a split grid: the lines it draws, of a grid with these stats per line
        self.grids: dict[float, _Grid] = grids if grids is not None else {}  # measured once per width, shared
        self.spaceAfter = theme.measures.block_gap
        # each stat is one P, read left to right, row by row; the pieces of a split grid share them
        self.semantics = semantics or Semantics(children=tuple(Semantics(
            "P", actual_text=stat_text(stat, self.words(stat.language)), lang=stat.language) for stat in stats))

    def _figure_size(self, stats: tuple[Stat, ...], cell_width: float) -> float:
        style = self.theme.styles.stat_value
        return fitted_size([stat.value for stat in stats], style, style.fontSize,
                           cell_width - self.theme.measures.stat_figure_air, self.theme.measures.stat_min_value_size)

    def _across(self, stats: tuple[Stat, ...], width: float) -> tuple[int, float]:
        """As many across as fit without shrinking `stats`' figures too far, and their figure size."""
        measures, design = self.theme.measures, self.theme.styles.stat_value.fontSize
        widest = max(1, int((width + measures.gutter) // (measures.stat_min_width + measures.gutter)))
        for across in range(min(widest, len(stats)), 0, -1):
            rows = rows_for(len(stats), across)
            cell_width = (width - measures.gutter * (rows[0] - 1)) / rows[0]
            size = self._figure_size(stats, cell_width)
            if size >= design * shrink_limit(self.theme) or across == 1:
                return across, size
        return 1, self._figure_size(stats, width)

    def _plan(self, width: float) -> tuple[list[int], float]:
        """Rows and a figure size shared by this row and its siblings: the fewest across any of them needs, the
        smallest size any of them takes at that width."""
        gutter = self.theme.measures.gutter
        across = min(self._across(stats, width)[0] for stats in self.siblings)
        rows = rows_for(len(self.stats), across)
        cell_width = (width - gutter * (rows[0] - 1)) / rows[0]
        return rows, min(self._figure_size(stats, cell_width) for stats in self.siblings)

    def _cells(self, first: int, count: int, size: float, width: float) -> list[_Cell]:
        styles = self.theme.styles
        value_style = figure_style(self.theme, self.color, size)
        paper = self.theme.palette.named("paper")  # a stat row stands on the page
        cells = []
        for index in range(first, first + count):
            stat = self.stats[index]
            value = Paragraph(plain(stat.value), value_style)
            change = None
            if stat.change is not None:  # beside a figure of one line set from the left (a figure is one word)
                value.wrap(width, UNBOUNDED)
                one_line = value.height < 2 * value_style.leading and value_style.alignment == TA_LEFT
                figure = line_width(stat.value, value_style, size=size) if one_line else -1.0
                change = set_change(self.theme, stat, self.words(stat.language), change_color(self.theme, stat, paper),
                                    width, figure)
            cells.append(_Cell(
                Paragraph(plain(stat.heading), styles.stat_heading) if stat.heading else None, value,
                Paragraph(plain(stat.label), styles.stat_label) if stat.label else None, change))
        return cells

    def _grid(self, width: float) -> _Grid:
        """The whole grid at `width`, measured once (a split grid's pieces only look up their lines)."""
        key = width_key(width)
        grid = self.grids.get(key)
        if grid is not None:
            return grid
        measures = self.theme.measures
        planned, size = self._plan(width)
        rows = self.rows if self.rows is not None else planned
        grid = _Grid(size, [], [0.0], [0])
        for count in rows:
            cell_width = (width - measures.gutter * (count - 1)) / count
            cells = self._cells(grid.firsts[-1], count, size, cell_width)
            for cell in cells:
                for paragraph in (cell.heading, cell.value, cell.label):
                    if paragraph is not None:
                        paragraph.wrap(cell_width, UNBOUNDED)
                if cell.change is not None:
                    cell.change.paragraph.wrap(cell.change.width, UNBOUNDED)
            qualifier = max((cell.heading.height + cell.heading.getSpaceAfter() for cell in cells if cell.heading),
                            default=0.0)
            for cell in cells:
                cell.qualifier = qualifier
                cell.height = measures.stat_rule + measures.stat_rule_gap + max(
                    top + paragraph.height for paragraph, top, _, _ in cell.parts(cell_width))
            row_height = max(cell.height for cell in cells)
            grid.lines.append((cell_width, cells, row_height))
            grid.tops.append(grid.tops[-1] + row_height + measures.block_gap)
            grid.firsts.append(grid.firsts[-1] + count)
        self.grids[key] = grid
        return grid

    def _lines(self, width: float) -> tuple[int, list[tuple[float, list[_Cell], float]], float]:
        """The first stat, the lines (cell width, cells, row height) and the height of this piece at `width`."""
        grid = self._grid(width)
        start, stop = self.span if self.span is not None else (0, len(grid.lines))
        height = grid.tops[stop] - grid.tops[start] - (self.theme.measures.block_gap if stop > start else 0.0)
        return grid.firsts[start], grid.lines[start:stop], height

    def _figure_problem(self, width: float) -> Diagnostic | None:
        """The warning for figures set smaller than stat.figure's `floor` of their size, from the piece that draws
        the first line (the pieces of a split share one grid, so one warning for the row)."""
        size, design = self._grid(width).size, self.theme.styles.stat_value.fontSize
        if (self.span is not None and self.span[0] > 0) or size >= design * shrink_limit(self.theme):
            return None
        return Diagnostic(f"stat figures were set at {size:g} pt instead of {design:g} pt to fit their cells",
                          self.spec_path, "shorten the longest figure or give fewer stats", severity=Severity.WARNING)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        self.first, self.layout, self.height = self._lines(available_width)
        self.problem = self._figure_problem(available_width)  # recorded when drawn: the width it is drawn at
        return (available_width, self.height)

    def split(self, available_width: float, available_height: float) -> list:
        """New pieces; this row is left as it is (as ReportLab's flowable contract asks)."""
        _, layout, height = self._lines(available_width)
        if not must_split(self, height, share=SPLIT_SHARE) or len(layout) < 2:  # a big grid splits between lines
            return []
        gap = self.theme.measures.block_gap
        used, lines = 0.0, 0
        while lines < len(layout) - 1 and used + layout[lines][2] <= available_height:
            used += layout[lines][2] + gap
            lines += 1
        if lines == 0:
            return []
        grid = self.grids[width_key(available_width)]
        start, stop = self.span if self.span is not None else (0, len(grid.lines))
        rows = [len(cells) for _, cells, _ in grid.lines]
        return [StatRow(self.theme, self.stats, self.color, self.spec_path, self.log, span, self.grids, rows,
                        self.semantics, self.siblings, self.words) for span in ((start, start + lines), (start + lines, stop))]

    def draw(self) -> None:
        if self.problem is not None:
            self.log.add(self.problem)
        canvas = self.canv
        gutter, gap = self.theme.measures.gutter, self.theme.measures.block_gap
        rule = self.theme.measures.stat_rule
        top = self.height
        units = iter(self.semantics.children[self.first:self.first + sum(len(cells) for _, cells, _ in self.layout)])
        for cell_width, cells, row_height in self.layout:
            for column, cell in enumerate(cells):
                x = column * (cell_width + gutter)
                with tagged(canvas, DECORATION):
                    canvas.setFillColor(self.color)
                    canvas.rect(x, top - rule, min(cell_width, self.theme.measures.stat_rule_length), rule,
                                stroke=0, fill=1)
                text_top = top - rule - self.theme.measures.stat_rule_gap
                with tagged(canvas, next(units)):  # the arrow too: the P's ActualText says the change in words
                    for paragraph, below, left, measure in cell.parts(cell_width):
                        height = paragraph.wrap(measure, UNBOUNDED)[1]
                        paragraph.drawOn(canvas, x + left, text_top - below - height)
                        if cell.change is not None and paragraph is cell.change.paragraph:
                            draw_arrow(canvas, cell.change, x + left, text_top - below - paragraph.style.fontSize)
            top -= row_height + gap
