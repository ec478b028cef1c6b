"""Stat blocks: a list of stats in, a grid of big figures over their labels out.

A figure never overflows its cell: a long one is set smaller (and logged as a warning),
and the row wraps to further lines when more blocks are given than fit across. A grid
taller than half a page splits between its lines.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from reportlab.lib.colors import Color as RLColor
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph

from reportgen.diagnostics import SpecPath
from reportgen.layout.blocks.base import LayoutLog, SpecFlowable, must_split
from reportgen.layout.markup import plain
from reportgen.model.report import Stat
from reportgen.theme import Theme

RULE = 2.5
RULE_GAP = 7.0


@dataclass
class _Cell:
    heading: Paragraph | None
    value: Paragraph
    label: Paragraph | None
    height: float = 0.0


def rows_for(count: int, width: float, min_cell: float, gutter: float) -> list[int]:
    """How many stats go on each row: as few rows as fit, spread evenly (5 -> 3 + 2)."""
    if count == 0:
        return []
    across = max(1, min(count, int((width + gutter) // (min_cell + gutter))))
    rows = math.ceil(count / across)
    base, extra = divmod(count, rows)
    return [base + (1 if index < extra else 0) for index in range(rows)]


class StatRow(SpecFlowable):
    def __init__(self, theme: Theme, stats: tuple[Stat, ...], color: RLColor, spec_path: SpecPath, log: LayoutLog,
                 first: int = 0, counts: list[int] | None = None):
        super().__init__()
        self.theme, self.stats, self.color, self.spec_path, self.log = theme, stats, color, spec_path, log
        self.first, self.counts = first, counts  # a split grid: its first stat and its stats per line
        self.spaceAfter = theme.measures.block_gap

    def _cells(self, first: int, count: int, cell_width: float) -> list[_Cell]:
        styles, measures = self.theme.styles, self.theme.measures
        cells = []
        for index in range(first, first + count):
            stat = self.stats[index]
            value_style = styles.colored("stat_value", self.color)
            size = measures.stat_value_size * styles.stat_value.fontSize / 30.0
            natural = stringWidth(stat.value, value_style.fontName, size)
            if natural > cell_width:
                fitted = max(measures.stat_min_value_size, math.floor(size * cell_width / natural * 10) / 10)
                self.log.warn(f"stat figure {stat.value!r} was set at {fitted:g} pt instead of {size:g} pt to fit "
                              f"its cell", self.spec_path + (index, "value"), "shorten the figure or give fewer stats")
                size = fitted
            value_style = value_style.clone(f"{value_style.name}-{size}", fontSize=size, leading=size * 1.08)
            cells.append(_Cell(
                Paragraph(plain(stat.heading), styles.stat_heading) if stat.heading else None,
                Paragraph(plain(stat.value), value_style),
                Paragraph(plain(stat.label), styles.stat_label) if stat.label else None))
        return cells

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        measures = self.theme.measures
        self.width = available_width
        self.layout: list[tuple[float, list[_Cell], float]] = []  # (cell width, cells, row height)
        total = 0.0
        counts = self.counts
        if counts is None:
            counts = rows_for(len(self.stats) - self.first, available_width, measures.stat_min_width, measures.gutter)
        position = self.first
        for count in counts:
            cell_width = (available_width - measures.gutter * (count - 1)) / count
            cells = self._cells(position, count, cell_width)
            position += count
            for cell in cells:
                cell.height = RULE + RULE_GAP + sum(
                    p.wrap(cell_width, 10_000)[1] + (2 if p is cell.value else 0)
                    for p in (cell.heading, cell.value, cell.label) if p is not None)
            row_height = max(cell.height for cell in cells)
            self.layout.append((cell_width, cells, row_height))
            total += row_height
        total += measures.block_gap * max(0, len(self.layout) - 1)
        self.height = total
        return (available_width, total)

    def split(self, available_width: float, available_height: float) -> list:
        height = self.wrap(available_width, available_height)[1]
        if not must_split(self, height, share=0.5) or len(self.layout) < 2:  # a big grid splits between lines
            return []
        gap = self.theme.measures.block_gap
        used, lines = 0.0, 0
        while lines < len(self.layout) - 1 and used + self.layout[lines][2] <= available_height:
            used += self.layout[lines][2] + gap
            lines += 1
        if lines == 0:
            return []
        counts = [len(cells) for _, cells, _ in self.layout]
        middle = self.first + sum(counts[:lines])
        return [StatRow(self.theme, self.stats, self.color, self.spec_path, self.log, self.first, counts[:lines]),
                StatRow(self.theme, self.stats, self.color, self.spec_path, self.log, middle, counts[lines:])]

    def draw(self) -> None:
        canvas = self.canv
        gutter, gap = self.theme.measures.gutter, self.theme.measures.block_gap
        top = self.height
        for cell_width, cells, row_height in self.layout:
            for column, cell in enumerate(cells):
                x = column * (cell_width + gutter)
                canvas.setFillColor(self.color)
                canvas.rect(x, top - RULE, min(cell_width, 42.0), RULE, stroke=0, fill=1)
                y = top - RULE - RULE_GAP
                for paragraph in (cell.heading, cell.value, cell.label):
                    if paragraph is None:
                        continue
                    height = paragraph.wrap(cell_width, 10_000)[1]
                    paragraph.drawOn(canvas, x, y - height)
                    y -= height + (2 if paragraph is cell.value else 0)
            top -= row_height + gap
