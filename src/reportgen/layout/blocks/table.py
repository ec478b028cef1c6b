"""Data tables: a spec table (cells written or read from CSV) in, ruled rows that break between pages out.

The body font with tabular figures (stylesheet `table.cell`), a header row repeated where the table
breaks across pages or columns (drawn again as a pagination artifact: read once), a row never split,
an optional totals row, zebra stripes or hairlines from the stylesheet (`table`), figures right-aligned
on the decimal point, long cells wrapping. Columns take their natural widths, the text columns sharing
what is left of the width; a table whose narrowest setting (every column at its longest word, figures
unbroken) is wider than its column is an error with a hint. Read as Table: its Caption (the title),
THead, TBody and TFoot of TR, TH with a Scope (Column for the header row, Row for a first column of
labels) and TD; a CSV's plain numbers are printed in the report's language (model.strings.Words).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from reportgen.diagnostics import SpecPath
from reportgen.layout.blocks.base import LayoutLog, SpecFlowable, must_split
from reportgen.layout.limits import MEASURE_HEIGHT, TABLE_ROWS_KEPT
from reportgen.layout.markup import plain
from reportgen.layout.paragraph import Paragraph
from reportgen.layout.tagging import DECORATION, Artifact, Semantics, layout_box, tagged
from reportgen.model.data import plain_number
from reportgen.model.parts import Table
from reportgen.model.strings import Words
from reportgen.reportlab_adapter.shaping import line_width
from reportgen.theme import Theme

PAGINATION = Semantics(artifact=Artifact("Pagination"))  # a header row drawn again after a break
_PLACEHOLDER = re.compile(r"[-–—−]|n/?a|N/?A|\*|")  # what a figure column may hold besides figures
_FIGURE = re.compile(r"[(]?[+−-]?[$€£¥]?[+−-]?\d[\d,.\u00a0\u202f' ]*(\s?(%|pts?|[kKMB]|Million|Billion))?[)]?%?")
_WORD = re.compile(r"\S+")
_YEAR = re.compile(r"1[89]\d\d|2[01]\d\d")


def is_figure(text: str) -> bool:
    """Whether a cell is a figure: a number with its signs, separators, currency and a short unit ("$1.2M", "88%");
    a year (2023) names a row, it is not a quantity."""
    text = text.strip()
    return bool(_FIGURE.fullmatch(text)) and not _YEAR.fullmatch(text)


def figure_column(cells: list[str]) -> bool:
    """A column of figures: every cell a figure or a placeholder (—, n/a, empty), at least one a figure."""
    stripped = [cell.strip() for cell in cells]
    return any(is_figure(c) for c in stripped) and all(is_figure(c) or _PLACEHOLDER.fullmatch(c) for c in stripped)


def decimal_tail(text: str, mark: str) -> str:
    """What of a figure stands right of its units digit: the decimal mark and decimals, a unit ("%")."""
    found = re.search(rf"\d({re.escape(mark)}\d+)?\D*$", text.strip())
    return found.group()[1:] if found else ""


@dataclass(frozen=True)
class TableCells:
    """A table's text: the header, the rows and the totals row, each cell as printed."""

    header: list[str]
    rows: list[list[str]]
    total: list[str] | None


def table_cells(table: Table, words: Words) -> TableCells:
    """The cells of a spec table as printed: written ones as written; a CSV's plain numbers in the language."""
    total = list(table.total) if table.total is not None else None
    if table.data is None:
        return TableCells(list(table.columns), [list(row) for row in table.rows], total)
    header = [cell.text for cell in table.data.header]
    rows = [[words.written_number(cell.text) if plain_number(cell.text) is not None else cell.text for cell in row]
            for row in table.data.rows]
    return TableCells(header, rows, total)


@dataclass
class _Layout:
    """The table set at one width: column widths, each row's cell paragraphs and height."""

    width: float
    columns: list[float]
    head: list[Paragraph]
    head_height: float
    rows: list[list[Paragraph]]
    heights: list[float]
    total: list[Paragraph] | None
    total_height: float
    title: Paragraph | None
    title_height: float
    source: Paragraph | None
    source_height: float
    below: list[float]  # below[i]: the height of rows 0 to i - 1 (so a piece's height is one subtraction)


class DataTable(SpecFlowable):
    """One spec table, or a piece of it after a break (rows `first` to `last`; the title with the first, the
    totals row and source note with the last)."""

    def __init__(self, theme: Theme, table: Table, words: Words, spec_path: SpecPath, log: LayoutLog,
                 key: str | None = None):
        super().__init__()
        self.theme, self.table, self.spec_path, self.log, self.key = theme, table, spec_path, log, key
        self.cells = table_cells(table, words)
        self.box = theme.measures.box("table")
        self.spaceBefore, self.spaceAfter = self.box.space_before, self.box.space_after
        self.first, self.last = 0, len(self.cells.rows)
        self.mark = words.written_number("1.5")[1:-1] or "."  # the language's decimal mark
        count = len(self.cells.header)
        body = [row for row in self.cells.rows] + ([self.cells.total] if self.cells.total else [])
        self.figures = [figure_column([row[c] for row in body if c < len(row)]) for c in range(count)]
        given = table.align
        self.align = [given[c] if c < len(given) else ("right" if self.figures[c] else "left") for c in range(count)]
        self.decimal = [self.figures[c] and self.align[c] == "right" for c in range(count)]
        # the first column holds the rows' names when it is text: its cells are row headers, unless they would
        # outnumber the data cells (a short two-column table: a list of pairs, its header row enough)
        named = len(body)
        self.row_headers = count > 1 and not self.figures[0] and (count - 1) * named >= count + named
        self._semantics()
        self._layouts: dict[float, _Layout] = {}
        self.unfit: set[float] = set()  # widths it is wider than at its narrowest (an error): not set there
        self._measured: dict[float, list[float]] = {}

    # ------------------------------------------------------------ structure

    def _semantics(self) -> None:
        cells = self.cells
        self.caption = Semantics("Caption") if self.table.title else None
        self.head_cells = [Semantics("TH", scope="Column") for _ in cells.header]
        head = Semantics("THead", children=(Semantics("TR", children=tuple(self.head_cells)),))

        def row(values: list[str]) -> tuple[Semantics, list[Semantics]]:
            kids = [Semantics("TH", scope="Row") if index == 0 and self.row_headers else Semantics("TD")
                    for index in range(len(values))]
            return Semantics("TR", children=tuple(kids)), kids

        made = [row(values) for values in cells.rows]
        self.row_cells = [kids for _, kids in made]
        parts = [head, Semantics("TBody", children=tuple(r for r, _ in made))]
        self.total_cells: list[Semantics] = []
        if cells.total is not None:
            total_row, self.total_cells = row(cells.total)
            parts.append(Semantics("TFoot", children=(total_row,)))
        self.element = Semantics("Table", children=((self.caption,) if self.caption else ()) + tuple(parts))
        self.source_semantics = Semantics("P") if self.table.source else None
        self.semantics = Semantics(children=(self.element,) + ((self.source_semantics,) if self.source_semantics
                                                                 else ()))

    # ------------------------------------------------------------ measuring

    def _style(self, base: ParagraphStyle, column: int, indent: float = 0.0) -> ParagraphStyle:
        alignment = {"left": TA_LEFT, "right": TA_RIGHT, "center": TA_CENTER}[self.align[column]]
        return ParagraphStyle(f"{base.name}-{alignment}-{indent:.2f}", parent=base, alignment=alignment,
                              rightIndent=indent)

    def _tails(self, style: ParagraphStyle, total_style: ParagraphStyle) -> list[float]:
        """Each decimal column's widest tail (decimal mark, decimals, unit), over its rows and totals row."""
        widest = [0.0] * len(self.cells.header)
        for values, used in [(row, style) for row in self.cells.rows] + (
                [(self.cells.total, total_style)] if self.cells.total else []):
            for column, text in enumerate(values):
                if self.decimal[column] and is_figure(text):
                    widest[column] = max(widest[column], line_width(decimal_tail(text, self.mark), used))
        return widest

    def _cell(self, text: str, base: ParagraphStyle, column: int, tails: list[float] | None) -> Paragraph:
        indent = 0.0
        if tails is not None and self.decimal[column] and is_figure(text):
            indent = tails[column] - line_width(decimal_tail(text, self.mark), base)
        elif tails is not None and self.decimal[column]:  # a dash for none: where a whole number's units stand
            indent = tails[column]
        return Paragraph(plain(text), self._style(base, column, indent))

    def _widths(self, width: float) -> list[float]:
        """Natural widths, the text columns sharing what is left; narrower, each column down to its longest word
        (figures never broken). A table that cannot fit is reported, and set at its narrowest, scaled to fit."""
        styles, pad = self.theme.styles, 2 * self.box.padding
        count = len(self.cells.header)
        natural, narrowest = [0.0] * count, [0.0] * count
        lines = [(self.cells.header, styles.table_head)] + [(row, styles.table_cell) for row in self.cells.rows]
        if self.cells.total is not None:
            lines.append((self.cells.total, styles.table_total))
        for values, style in lines:
            for column, text in enumerate(values[:count]):
                whole = line_width(text, style) + pad
                natural[column] = max(natural[column], whole)
                unbroken = self.figures[column] and style is not styles.table_head
                longest = whole if unbroken else max((line_width(w, style) for w in _WORD.findall(text)), default=0.0) + pad
                narrowest[column] = max(narrowest[column], longest)
        tails = self._tails(styles.table_cell, styles.table_total)
        for column in range(count):  # a decimal column's figures are as wide as the widest integer part and tail
            if self.decimal[column]:
                integers = max((line_width(text, styles.table_cell) - line_width(decimal_tail(text, self.mark),
                                                                                 styles.table_cell)
                                for text in (row[column] for row in self.cells.rows) if is_figure(text)), default=0.0)
                natural[column] = max(natural[column], integers + tails[column] + pad)
                narrowest[column] = max(narrowest[column], integers + tails[column] + pad)
        if sum(narrowest) > width:
            widest = sorted(range(count), key=lambda c: -narrowest[c])[:2]
            named = " and ".join(repr(self.cells.header[c]) for c in widest)
            self.log.error(f"the table is {sum(narrowest):.0f} pt wide at its narrowest (each column as wide as its "
                           f"longest word), wider than the {width:.0f} pt it is set in", self.spec_path,
                           f"shorten the longest words of its widest columns ({named}), give it fewer columns"
                           + (", or set it full width (remove `span: column`)" if self.table.span == "column" else ""))
            self.unfit.add(width)  # reported: it takes no room there, so the layout goes on to find every other problem
            return [w * width / sum(narrowest) for w in narrowest]
        if sum(natural) <= width:
            text_columns = [c for c in range(count) if not self.figures[c]] or list(range(count))
            share = sum(natural[c] for c in text_columns)
            extra = width - sum(natural)
            return [natural[c] + (extra * natural[c] / share if c in text_columns else 0.0) for c in range(count)]
        slack = [natural[c] - narrowest[c] for c in range(count)]
        spare = width - sum(narrowest)
        return [narrowest[c] + spare * slack[c] / sum(slack) for c in range(count)]

    def _layout(self, width: float) -> _Layout:
        made = self._layouts.get(width)
        if made is not None:
            return made
        styles, pad, gap = self.theme.styles, self.box.padding, self.box.gap
        columns = self._measured.get(width) or self._widths(width)
        tails = self._tails(styles.table_cell, styles.table_total)

        def set_row(values: list[str], style: ParagraphStyle, aligned: bool) -> tuple[list[Paragraph], float]:
            paragraphs = [self._cell(text, style, column, tails if aligned else None)
                          for column, text in enumerate(values)]
            height = max(p.wrap(columns[c] - 2 * pad, MEASURE_HEIGHT)[1] for c, p in enumerate(paragraphs))
            return paragraphs, height + 2 * gap

        head, head_height = set_row(self.cells.header, styles.table_head, False)
        rows, heights = [], []
        for values in self.cells.rows:
            paragraphs, height = set_row(values, styles.table_cell, True)
            rows.append(paragraphs)
            heights.append(height)
        total, total_height = (set_row(self.cells.total, styles.table_total, True) if self.cells.total is not None
                               else (None, 0.0))
        title = Paragraph(plain(self.table.title), styles.table_title) if self.table.title else None
        title_height = title.wrap(width, MEASURE_HEIGHT)[1] + title.getSpaceAfter() if title else 0.0
        source = Paragraph(plain(self.table.source), styles.table_source) if self.table.source else None
        source_height = source.wrap(width, MEASURE_HEIGHT)[1] + source.getSpaceBefore() if source else 0.0
        below = [0.0]
        for height in heights:
            below.append(below[-1] + height)
        made = self._layouts[width] = _Layout(width, columns, head, head_height, rows, heights, total, total_height,
                                               title, title_height, source, source_height, below)
        return made

    def _height(self, layout: _Layout, first: int, last: int) -> float:
        height = layout.head_height + layout.below[last] - layout.below[first]
        if first == 0:
            height += layout.title_height
        if last == len(layout.rows):
            height += layout.total_height + layout.source_height
        return height

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        if available_width not in self._measured:
            self._measured[available_width] = self._widths(available_width)
        if available_width in self.unfit:
            self.width, self.height = available_width, 0.0
            return (self.width, self.height)
        layout = self._layout(available_width)
        self.width, self.height = available_width, self._height(layout, self.first, self.last)
        return (self.width, self.height)

    def split(self, available_width: float, available_height: float) -> list:
        """Between rows, the header row again on top of the rest; at least TABLE_ROWS_KEPT rows on each side
        (all of them when there are fewer), so a title and header never stand alone at a page's foot."""
        layout = self._layout(available_width)
        count = self.last - self.first
        keep = min(TABLE_ROWS_KEPT, count)
        fits = self.first
        while fits < self.last and self._height(layout, self.first, fits + 1) <= available_height:
            fits += 1
        if fits == self.last:
            fits -= 1  # all the rows fit but not the totals row or note: the last rows go on with them
        fits = min(fits, self.last - keep)
        if fits - self.first < keep:
            if not must_split(self, self._height(layout, self.first, self.last)) or fits <= self.first:
                return []
        head, rest = self._piece(self.first, fits), self._piece(fits, self.last)
        return [head, rest]

    def _piece(self, first: int, last: int) -> DataTable:
        piece = SpecFlowable.__deepcopy__(self, {})
        piece.first, piece.last = first, last
        piece.__dict__.pop("_postponed", None)  # ReportLab's mark that this one moved on once: not the piece's
        piece.spaceBefore = self.spaceBefore if first == 0 else 0.0
        piece.spaceAfter = self.spaceAfter if last == len(self.cells.rows) else 0.0
        return piece

    # ------------------------------------------------------------ drawing

    def draw(self) -> None:
        if self.width in self.unfit:
            return
        canvas = self.canv
        layout = self._layout(self.width)
        pad, gap = self.box.padding, self.box.gap
        top = self.height
        if self.key is not None and self.first == 0:
            canvas.bookmarkHorizontal(self.key, 0, top)
        if layout.title is not None and self.first == 0:
            assert self.caption is not None
            with tagged(canvas, self.caption):
                layout.title.drawOn(canvas, 0, top - layout.title.height)
            top -= layout.title_height
        table_top = top
        palette, measures = self.theme.palette, self.theme.measures

        def cells(paragraphs: list[Paragraph], semantics: list[Semantics] | None, height: float, y: float,
                  bottom: bool = False) -> None:
            """A row's cells, each from its row's top (`bottom`: down on the rule under them, as headers stand)."""
            x = 0.0
            for column, paragraph in enumerate(paragraphs):
                inner = layout.columns[column] - 2 * pad
                paragraph.wrap(inner, MEASURE_HEIGHT)
                owner = semantics[column] if semantics is not None else PAGINATION
                with tagged(canvas, owner):  # an empty cell is an empty sequence: its TH or TD stays in its row
                    paragraph.drawOn(canvas, x + pad, y + gap if bottom else y + height - gap - paragraph.height)
                x += layout.columns[column]

        # the header row: the table's own on its first piece, drawn again (an artifact) on the others
        head_y = top - layout.head_height
        cells(layout.head, self.head_cells if self.first == 0 else None, layout.head_height, head_y, bottom=True)
        y = head_y
        stripe = self.box.ratio
        ground = measures.table_background
        for index in range(self.first, self.last):
            height = layout.heights[index]
            y -= height
            if index % 2 == 1 and (ground is not None or stripe > 0):
                with tagged(canvas, DECORATION):
                    canvas.setFillColor(ground if ground is not None else
                                        palette.tint(palette.colors.primary, 1 - stripe))
                    canvas.rect(0, y, self.width, height, stroke=0, fill=1)
            if self.box.rule > 0 and index > self.first:
                with tagged(canvas, DECORATION):
                    canvas.setStrokeColor(palette.named("rule"))
                    canvas.setLineWidth(self.box.rule)
                    canvas.line(0, y + height, self.width, y + height)
            cells(layout.rows[index], self.row_cells[index], height, y)
        head_rule = self.theme.measures.box("table.head").rule
        with tagged(canvas, DECORATION):
            canvas.setStrokeColor(palette.named("primary"))
            canvas.setLineWidth(head_rule)
            canvas.line(0, head_y, self.width, head_y)
        if self.last == len(layout.rows):
            if layout.total is not None:
                y -= layout.total_height
                with tagged(canvas, DECORATION):
                    canvas.setStrokeColor(palette.named("primary"))
                    canvas.setLineWidth(self.theme.measures.box("table.total").rule)
                    canvas.line(0, y + layout.total_height, self.width, y + layout.total_height)
                cells(layout.total, self.total_cells, layout.total_height, y)
            with tagged(canvas, DECORATION):  # the table's foot
                canvas.setStrokeColor(palette.named("primary"))
                canvas.setLineWidth(head_rule)
                canvas.line(0, y, self.width, y)
            if layout.source is not None and self.source_semantics is not None:
                with tagged(canvas, self.source_semantics):
                    layout.source.drawOn(canvas, 0, y - layout.source_height)
        layout_box(canvas, self.element, 0, y, self.width, table_top - y)
