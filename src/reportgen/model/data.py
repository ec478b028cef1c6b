"""Data from CSV: a file beside the spec in, a header and rows of located cells out (or a located error)."""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Mapping

from reportgen.diagnostics import Diagnostic, Severity, SpecPath
from reportgen.model.base import JsonSchema, Kind, Parse, SpecError

# Bounds far above any report's table (a school's report card has a few dozen rows): past them a file
# is a mistake (a whole database exported) and a located error beats minutes of layout.
MAX_CSV_BYTES = 4 << 20     # 4 MB
MAX_CSV_ROWS = 5_000
MAX_CSV_COLUMNS = 50
MAX_CELL_CHARACTERS = 1_000

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# a number as a spreadsheet exports it: an optional sign, digits, an optional decimal point and digits
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")


class DataError(SpecError):
    """A problem inside a data file: the message and hint, with the file (as shown), its line and column."""

    def __init__(self, message: str, hint: str | None, file: str, line: int, column: int):
        super().__init__(message, hint)
        self.file, self.line, self.column = file, line, column

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.message}" + (f" ({self.hint})" if self.hint else "")

    def diagnostic(self, path: SpecPath, severity: Severity = Severity.ERROR) -> Diagnostic:
        """The problem as a block's check reports it: at the spec's `data:` (`path`), located in the file."""
        return Diagnostic(self.message, path, self.hint, self.file, self.line, self.column, severity)


@dataclass(frozen=True)
class Cell:
    """One cell as written in the file (quotes removed), with where it starts (1-based line and column)."""

    text: str
    line: int
    column: int


@dataclass(frozen=True)
class CsvData:
    """A CSV file read: its path, its name as shown in problems, the header row and the rows below it
    (every row as long as the header)."""

    path: Path
    shown: str
    header: tuple[Cell, ...]
    rows: tuple[tuple[Cell, ...], ...]

    def error(self, cell: Cell, message: str, hint: str | None = None) -> DataError:
        """A problem at `cell`, located in this file."""
        return DataError(message, hint, self.shown, cell.line, cell.column)

    def number(self, cell: Cell, what: str = "a number") -> float:
        """The cell's value as a number (a plain number as spreadsheets export it: 1250.5, -3, +0.25); a located
        DataError when it is anything else."""
        value = plain_number(cell.text)
        if value is None:
            column = self.column_of(cell)
            named = f" in column {column!r}" if column else ""
            raise self.error(cell, f"expected {what}{named}, got {cell.text.strip()!r}" if cell.text.strip()
                             else f"expected {what}{named}, the cell is empty",
                             "write a plain number such as 1250.5, without separators, currency signs or units "
                             "(put the unit in the title)")
        return value

    def column_of(self, cell: Cell) -> str | None:
        """The header of the column `cell` is in, or None when it is not a cell of this file's rows."""
        for row in self.rows:
            for index, candidate in enumerate(row):
                if candidate is cell:
                    return self.header[index].text
        return None


def plain_number(text: str) -> float | None:
    """The value of a plain number (`1250.5`, `-3`; spaces around allowed), or None for any other text."""
    text = text.strip()
    if not _PLAIN_NUMBER.fullmatch(text):
        return None
    return float(text)


def read_csv(path: Path, shown: str | None = None, *, max_rows: int = MAX_CSV_ROWS,
             max_bytes: int = MAX_CSV_BYTES) -> CsvData:
    """Read a CSV file: UTF-8 with or without a byte order mark, commas, double quotes; the first row is
    the header. Blank lines are skipped. Raises DataError at the line and column of the first problem.
    The bounds are a table's; a spec's `data:` (edition rows) reads with larger ones."""
    shown = shown or str(path)
    try:
        with path.open("rb") as stream:
            raw = stream.read(max_bytes + 1)
    except OSError as error:
        raise DataError(f"cannot read the file: {error.strerror or error}", None, shown, 1, 1) from None
    if len(raw) > max_bytes:
        raise DataError(f"the file is larger than {max_bytes >> 20} MB, far more than a table or chart can show",
                        "export only the rows and columns the report prints", shown, 1, 1)
    text = _decode(raw, shown)
    records = _records(text, shown, max_rows)
    if not records:
        raise DataError("the file is empty: a CSV needs a header row, then one row per line",
                        "write the column names on the first line, e.g. School,Students", shown, 1, 1)
    header, rows = records[0], records[1:]
    if len(header) > MAX_CSV_COLUMNS:
        cell = header[MAX_CSV_COLUMNS]
        raise DataError(f"the header has {len(header)} columns, more than the {MAX_CSV_COLUMNS} a page can show",
                        "keep the columns the report prints", shown, cell.line, cell.column)
    if not rows:
        last = header[-1]
        raise DataError("the file has a header row but no rows below it", "add a line for each row of data",
                        shown, last.line + 1, 1)
    if len(rows) > max_rows:
        cell = rows[max_rows][0]
        raise DataError(f"the file has {len(rows):,} rows, more than the {max_rows:,} a report may print",
                        "export only the rows the report prints", shown, cell.line, cell.column)
    for row in rows:
        if len(row) != len(header):
            at = row[len(header)] if len(row) > len(header) else row[-1]
            column = at.column if len(row) > len(header) else at.column + len(at.text)
            raise DataError(f"this row has {len(row)} cell{'' if len(row) == 1 else 's'}, the header has {len(header)}",
                            "give every row one cell per column (an empty cell is two commas: ,,); quote a cell "
                            'that holds a comma: "1,250"', shown, at.line, column)
    return CsvData(path, shown, tuple(header), tuple(tuple(row) for row in rows))


def _decode(raw: bytes, shown: str) -> str:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line_start = raw.rfind(b"\n", 0, error.start) + 1
        line = raw.count(b"\n", 0, error.start) + 1
        column = len(raw[line_start:error.start].decode("utf-8", "replace")) + 1
        raise DataError(f"byte 0x{raw[error.start]:02X} is not UTF-8 text", "save the file as UTF-8 (in Excel: "
                        "Save As, 'CSV UTF-8'; in LibreOffice: character set Unicode (UTF-8))", shown, line,
                        column) from None
    for number, line_text in enumerate(text.splitlines(), 1):
        found = _CONTROL.search(line_text)
        if found:
            character = found.group()
            if unicodedata.category(character) == "Cc":
                raise DataError(f"the file holds the control character U+{ord(character):04X}",
                                "remove it; it is invisible in print", shown, number, found.start() + 1)
    return text


def _records(text: str, shown: str, max_rows: int = MAX_CSV_ROWS) -> list[list[Cell]]:
    """Every non-blank record of `text`, each cell located: csv reads the values, `_starts` finds where
    each one begins (the same excel dialect: commas, double quotes, "" inside quotes)."""
    lines = io.StringIO(text, newline="")
    reader = csv.reader(lines, strict=True)
    records: list[list[Cell]] = []
    consumed = 0  # characters of `text` the reader has read
    line = 1
    while True:
        start_line, start = line, consumed
        try:
            values = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            raise DataError(f"the line cannot be read as CSV: {error}",
                            'a quoted cell ends with " before the next comma; write a " inside quotes as ""',
                            shown, reader.line_num, 1) from None
        consumed = lines.tell()
        raw = text[start:consumed]
        line = start_line + raw.count("\n") + (raw.count("\r") - raw.count("\r\n"))
        if not values:
            continue  # a blank line
        starts = _starts(raw)
        if len(starts) != len(values):  # never for the excel dialect; located at the record's start if so
            starts = [(0, 0)] * len(values)
        cells = []
        for value, (line_offset, column) in zip(values, starts):
            if len(value) > MAX_CELL_CHARACTERS:
                raise DataError(f"the cell is {len(value):,} characters long, more than the {MAX_CELL_CHARACTERS:,} "
                                "a table cell may hold", "shorten it", shown, start_line + line_offset, column + 1)
            cells.append(Cell(value, start_line + line_offset, column + 1))
        records.append(cells)
        if len(records) > max_rows + 1:
            break
    return records


def _starts(raw: str) -> list[tuple[int, int]]:
    """Where each cell of one record begins: (lines after the record's first, column from 0)."""
    starts = []
    line, column, index, length = 0, 0, 0, len(raw)
    at_start = True
    quoted = False
    while index < length:
        char = raw[index]
        if at_start:
            starts.append((line, column))
            at_start = False
            quoted = char == '"'
            if quoted:
                index, column = index + 1, column + 1
                continue
        if quoted:
            if char == '"':
                if raw[index + 1:index + 2] == '"':
                    index, column = index + 2, column + 2
                    continue
                quoted = False
        elif char == ",":
            at_start = True
        elif char in "\r\n":
            break
        if char == "\n" or (char == "\r" and raw[index + 1:index + 2] != "\n"):
            line, column = line + 1, 0
        elif char != "\r":
            column += 1
        index += 1
    if at_start:
        starts.append((line, column))  # a record ending with a comma: an empty last cell
    return starts


def _csv_file(value: object, context: Mapping[str, Any] | None = None) -> CsvData:
    """A CSV file named by the spec: the path follows the photos' rules (types.AssetPath: inside the spec's
    folder unless --allow-outside, links resolved first), then the file is read."""
    from reportgen.model.types import _inside_spec_folder

    sets = (context or {}).get("data_sets") or {}
    if isinstance(value, str) and value in sets:  # a data set named under the spec's `data:`
        table = sets[value]
        if table is None:
            raise SpecError(f"the data set {value!r} is a YAML or JSON file; a table's or chart's data is a CSV",
                            "name a CSV data set, or write the rows in the spec")
        return table
    if isinstance(value, str) and re.fullmatch(r"[A-Za-z_]\w*", value) and not Path(value).suffix:
        names = ", ".join(sorted(sets))
        raise SpecError(f"{value!r} is not a data set" + (f" (data: names {names})" if names else ""),
                        "name a CSV under the spec's `data:`, or give the CSV file's path")
    path = _inside_spec_folder(value, context)
    if path.suffix.lower() not in (".csv", ".txt"):
        raise SpecError(f"{path.name} is not a CSV file", "give a .csv file (in a spreadsheet: Save As, CSV UTF-8)")
    spec_file = (context or {}).get("spec_file")
    written = Path(str(value))
    shown = str(Path(spec_file).parent / written) if spec_file and not written.is_absolute() else str(path)
    return read_csv(path, shown)


CsvFile = Annotated[CsvData, Parse(_csv_file, uses_context=True), Kind("CSV file"),
                    JsonSchema({"type": "string", "description": "a CSV file path relative to the spec's folder, or the name of "
                                                    "a CSV data set under the spec's data:"})]
