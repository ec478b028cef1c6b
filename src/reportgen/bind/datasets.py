"""Data sets: the files named under a spec's `data:` in, values that remember where they were written out.

A CSV is a list of rows (DataMap, the header's names as keys); a YAML or JSON file is a mapping or a list.
Every mapping (DataMap) and every value (DataText, DataInt, DataFloat) carries its file, line and column,
so a missing key or a bad value is told where it was written. Expressions see these values as plain
text and numbers.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportgen.diagnostics import ReportError
from reportgen.model.data import CsvData, DataError, read_csv
from reportgen.spec import parse_spec
from reportgen.spec.loader import MAX_SPEC_BYTES, SourceMap

Where = tuple[str, "int | None", "int | None"]  # the data file as shown, its line and column (1-based)

# a CSV cell that is a number as spreadsheets export it, without leading zeros (a code "0042" stays text)
_CSV_NUMBER = re.compile(r"-?(0|[1-9][0-9]*)(\.[0-9]+)?")
# Edition rows may be many (every school of a state: ~10,000); a table's or chart's CSV stays smaller.
MAX_ROWS = 100_000
MAX_DATA_BYTES = 64 << 20


class DataText(str):
    """Text from a data file, with where it was written."""

    where: Where

    def __new__(cls, text: str, where: Where) -> "DataText":
        value = super().__new__(cls, text)
        value.where = where
        return value


class _Written:
    """A number from a data file, shown as written (`str`: 1250.50 stays 1250.50), with where."""

    where: Where
    text: str

    def __str__(self) -> str:
        return self.text


class DataInt(_Written, int):
    """A whole number from a data file."""

    def __new__(cls, number: int, where: Where, text: str | None = None) -> "DataInt":
        value = super().__new__(cls, number)
        value.where, value.text = where, text if text is not None else str(number)
        return value


class DataFloat(_Written, float):
    """A number from a data file."""

    def __new__(cls, number: float, where: Where, text: str | None = None) -> "DataFloat":
        value = super().__new__(cls, number)
        value.where, value.text = where, text if text is not None else repr(number)
        return value


class DataMap(dict):  # type: ignore[type-arg]
    """A mapping from a data file (a CSV row, a YAML mapping): what it is (`what`, for messages: "the row of
    schools.csv at line 4") and where each key was written."""

    what: str
    where: Where
    keys_at: dict[str, Where]

    def key_where(self, key: str) -> Where:
        return self.keys_at.get(key, self.where)


def plain(value: Any) -> Any:
    """A data value as plain YAML data (str, int, float, bool, None, lists and dicts) for the model."""
    if isinstance(value, DataText):
        return str.__str__(value)
    if isinstance(value, DataInt):
        return int(value)
    if isinstance(value, DataFloat):
        return float(value)
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    return value


@dataclass(frozen=True)
class DataSet:
    """One file under `data:`: its name, path, how problems name it, and its value (a DataMap or a list);
    `csv` is the file as a table's or chart's `data:` reads it (CSV only)."""

    name: str
    path: Path
    shown: str
    value: Any
    csv: CsvData | None = None

    @property
    def rows(self) -> list[Any] | None:
        """The rows when the data set is a list, else None."""
        return self.value if isinstance(self.value, list) else None

    def describe(self) -> str:
        if isinstance(self.value, list):
            return f"a list of {len(self.value):,} row{'' if len(self.value) == 1 else 's'}"
        return "a mapping"


def read_data_set(name: str, path: Path, shown: str) -> DataSet:
    """Read the data file at `path`; raises DataError (a problem inside the file) or ReportError."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        table = read_csv(path, shown, max_rows=MAX_ROWS, max_bytes=MAX_DATA_BYTES)
        return DataSet(name, path, shown, _csv_rows(table), table)
    try:
        with path.open("rb") as stream:
            raw = stream.read(MAX_SPEC_BYTES + 1)
    except OSError as error:
        raise DataError(f"cannot read the file: {error.strerror or error}", None, shown, 1, 1) from None
    if len(raw) > MAX_SPEC_BYTES:
        raise DataError(f"the file is larger than {MAX_SPEC_BYTES >> 20} MB", "a YAML or JSON data file holds the "
                        "figures a report prints; put long lists of rows in a CSV", shown, 1, 1)
    try:
        document = parse_spec(raw, file=shown, base_dir=path.parent, lists=True)
    except ReportError:
        if suffix == ".json":
            value = _json(raw, shown)  # JSON YAML does not read as YAML 1.1 (rare): no positions, but the values
            return DataSet(name, path, shown, _located(value, (), None, shown))
        raise
    return DataSet(name, path, shown, _located(document.data, (), document.source, shown))


def _json(raw: bytes, shown: str) -> Any:
    if not raw.strip():
        raise DataError("the data file is empty", "write a mapping ({\"total\": 1250}) or a list ([{\"name\": ...}])",
                        shown, 1, 1)
    try:
        value = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        raise DataError(f"byte 0x{raw[error.start]:02X} is not UTF-8 text", "save the file as UTF-8", shown, 1, 1) from None
    except json.JSONDecodeError as error:
        raise DataError(f"not valid JSON: {error.msg}", None, shown, error.lineno, error.colno) from None
    if not isinstance(value, (dict, list)):
        raise DataError("the top level of the data file is not a mapping or a list", None, shown, 1, 1)
    return value


def _csv_rows(table: CsvData) -> list[DataMap]:
    names = [cell.text for cell in table.header]
    rows = []
    for row in table.rows:
        mapping = DataMap()
        first = row[0]
        mapping.what = f"the row at line {first.line} of {table.shown}"
        mapping.where = (table.shown, first.line, None)
        mapping.keys_at = {}
        for name, cell in zip(names, row):
            where = (table.shown, cell.line, cell.column)
            mapping[name] = _cell(cell.text, where)
            mapping.keys_at[name] = where
        rows.append(mapping)
    return rows


def _cell(text: str, where: Where) -> Any:
    stripped = text.strip()
    if _CSV_NUMBER.fullmatch(stripped):
        return DataInt(int(stripped), where, text) if "." not in stripped else DataFloat(float(stripped), where, text)
    return DataText(text, where)


def _located(value: Any, path: tuple[Any, ...], source: SourceMap | None, shown: str) -> Any:
    """YAML data as DataMap, lists and located values."""
    def where(at: tuple[Any, ...], key: bool = False) -> Where:
        position = source.locate(at, key=key) if source is not None else None
        return (shown, position.line, position.column) if position is not None else (shown, None, None)

    if isinstance(value, dict):
        mapping = DataMap()
        mapping.where = where(path)
        line = mapping.where[1]
        mapping.what = f"the mapping at line {line} of {shown}" if path and line else shown
        mapping.keys_at = {}
        for key, item in value.items():
            mapping[str(key)] = _located(item, path + (str(key),), source, shown)
            mapping.keys_at[str(key)] = where(path + (str(key),))
        return mapping
    if isinstance(value, list):
        return [_located(item, path + (index,), source, shown) for index, item in enumerate(value)]
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return DataInt(value, where(path))
    if isinstance(value, float):
        return DataFloat(value, where(path))
    if isinstance(value, str):
        return DataText(value, where(path))
    return DataText(str(value), where(path))  # a date: as written
