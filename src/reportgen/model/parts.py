"""Pieces several section blocks share: the section base (`id`, `bookmark`), stat figures, image references, tables.

Each block's own models live in its module under `reportgen.sections`; the pieces here are the ones
more than one block uses, kept in the model stage so a block can import them without a cycle.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from reportgen.diagnostics import Diagnostic, SpecPath
from reportgen.model.base import Before, Model, field
from reportgen.model.data import CsvFile
from reportgen.model.types import AltText, ImagePath, LanguageTag, Text, Words

MAX_STATS = 100  # stat blocks in one section or subsection: past that a grid is a table, and a mistake
MAX_TABLE_ROWS = 5_000  # rows of one table (a CSV's bound too): far more than a report prints
MAX_TABLE_COLUMNS = 50


class Stat(Model):
    value: Text
    label: Text = ""
    heading: Words | None = None
    language: LanguageTag | None = None


class ImageRef(Model):
    file: ImagePath
    caption: Text | None = None
    alt: AltText | None = None
    language: LanguageTag | None = None


def _image_shorthand(value: object) -> object:
    """`image: assets/x.jpg` is short for `image: {file: assets/x.jpg}`."""
    return {"file": value} if isinstance(value, str) else value


ImageField = Annotated[ImageRef, Before(_image_shorthand, accepts={"type": "string", "description": "the image file alone"})]


Alignment = Literal["left", "right", "center"]


class Table(Model):
    """A data table, laid out after the section's body (or the subsection's) in the body font with tabular
    figures: its header row repeated where it breaks across pages or columns, a row never split."""

    title: Words | None = field(None, description="The table's caption, above it (its Caption for screen readers).",
                                example="Our schools")
    columns: tuple[Text, ...] = field((), max_length=MAX_TABLE_COLUMNS,
                                      description="The header row: one name per column (or `data`).",
                                      example="[School, Students, Graduation rate]")
    rows: tuple[tuple[Text, ...], ...] = field((), max_length=MAX_TABLE_ROWS,
                                               description="The rows, each a list of as many cells as there are "
                                                           "columns, printed as written.",
                                               example='[[Central Juvenile Hall, 412, "88%"]]')
    total: tuple[Text, ...] | None = field(None, description="A totals row, set apart under the rows; as many "
                                                             "cells as columns.", example='[All schools, 730, "89%"]')
    align: tuple[Alignment, ...] = field((), description="Each column's alignment: `left`, `right` or `center`. "
                                                         "By default a column of figures is right-aligned on the "
                                                         "decimal point (as is one set `right`), any other left.",
                                         example="[left, right, right]")
    data: CsvFile | None = field(None, description="A CSV file (UTF-8, comma-separated) instead of `columns` and "
                                                   "`rows`: its first line is the header row. Plain numbers in it "
                                                   "(1250.5) are printed in the report's language (1,250.5; "
                                                   "1 250,5 in French); other cells as written.",
                                 example="assets/data/schools.csv")
    source: Text | None = field(None, description="A note under the table: where the figures come from.",
                                example="California Department of Education")
    id: Text | None = field(None, description="An anchor name, for `[links](#id)` to the table.", example="schools")
    span: Literal["full", "column"] = field("full", description="`full`: the table spans the text area (in "
                                            "two-column text, the columns above it are balanced and the text goes "
                                            "on under it); `column`: it is set inside a column of two-column text (in one-column "
                                            "text, at the text's measure).",
                                            example="column")


Break = Literal["page", "column", "none"]  # where a section starts: see `section_break`


class SectionBase(Model):
    id: Text | None = None
    bookmark: Words | None = None
    language: LanguageTag | None = None
    # `break:` is a Python keyword, so the field is declared by name; read it with `section_break(section)`
    __annotations__["break"] = "Break | None"
    vars()["break"] = None


def section_break(section: SectionBase) -> Break | None:
    """The section's `break:` as the spec gives it (None: the stylesheet's default for its type)."""
    return getattr(section, "break")


def table_problems(table: Table, path: SpecPath) -> list[Diagnostic]:
    """What no single field of a table can see: its cells from `columns` and `rows` or from `data` (not both),
    every row, the totals row and `align` as long as the header, an anchor name that can be one."""
    problems: list[Diagnostic] = []
    if table.data is not None and (table.columns or table.rows):
        given = "columns" if table.columns else "rows"
        problems.append(Diagnostic(f"a table takes its cells from `data` or from `columns` and `rows`, not both",
                                   path + (given,), f"remove `{given}` (the CSV's first line is the header row), "
                                   "or remove `data`"))
        return problems
    if table.data is None:
        if not table.columns:
            problems.append(Diagnostic("a table needs its header row: `columns`, or a CSV file in `data`",
                                       path, "add `columns: [Name, Figure]` and `rows:`, or `data: assets/data/x.csv`"))
            return problems
        if not table.rows:
            problems.append(Diagnostic("the table has a header row but no rows", path + ("columns",),
                                       "add `rows:`, each a list of one cell per column"))
        for index, row in enumerate(table.rows):
            if len(row) != len(table.columns):
                problems.append(Diagnostic(f"this row has {len(row)} cell{'' if len(row) == 1 else 's'}, the table "
                                           f"has {len(table.columns)} columns", path + ("rows", index),
                                           'give one cell per column; an empty cell is ""'))
    count = len(table.data.header) if table.data is not None else len(table.columns)
    if table.total is not None and len(table.total) != count:
        problems.append(Diagnostic(f"the totals row has {len(table.total)} cells, the table has {count} columns",
                                   path + ("total",), 'give one cell per column; an empty cell is ""'))
    if table.align and len(table.align) != count:
        problems.append(Diagnostic(f"`align` names {len(table.align)} column{'' if len(table.align) == 1 else 's'}, "
                                   f"the table has {count}", path + ("align",), "give one alignment per column"))
    if table.id is not None and not re.fullmatch(r"[A-Za-z][\w-]*", table.id):
        problems.append(Diagnostic(f"id {table.id!r} is not a valid anchor name", path + ("id",),
                                   "use letters, digits, - and _, starting with a letter"))
    return problems
