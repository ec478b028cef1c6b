"""Bind stage: a spec document with `{{ … }}` expressions and its `data:` files in, one plain spec document
per report (or per edition) out, for the model to validate as if it had been written by hand.

spec -> bind -> model. `load_template` reads the spec, its data sets and its editions once; `Template.bind`
fills the expressions for one edition (or the one report) and says where each filled value came from,
so the model's problems with it name the data file's line too. Errors are collected and located.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator

from reportgen.bind.datasets import DataMap, DataSet, Where, plain, read_data_set
from reportgen.bind.pieces import OPEN, ExpressionError, pieces
from reportgen.diagnostics import Diagnostic, ReportError, SpecPath
from reportgen.model.base import INVALID, Problem, compile_field
from reportgen.model.data import CsvData, DataError
from reportgen.spec import SpecDocument, load_spec

if TYPE_CHECKING:
    from reportgen.bind.expressions import Evaluator

__all__ = ["Bound", "Edition", "Template", "load_template"]

# What a file-safe edition key is: a name every file system and URL takes as it is.
SAFE_KEY = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")
_RESERVED_FILE_NAMES = re.compile(r"(?i)(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?")  # Windows' device names
_UNSAFE_OUTPUT = re.compile(r"[\x00-\x1f\x7f/\\:*?\"<>|]")
MAX_LISTED = 20  # problems of one kind told one by one before "and N more"
UNBOUND = ("data", "editions")  # top-level fields whose strings are never expressions (editions.output is, per row)


@dataclass(frozen=True)
class Edition:
    """One edition: its row's index (from 0, in the rows' order), key, PDF file name and where the row is."""

    index: int
    key: str
    output: str
    where: Where


@dataclass(frozen=True)
class Bound:
    """One report's spec document with its expressions filled, and where each filled value came from:
    spec path -> (the expressions as written, the data file position of the value, if one)."""

    document: SpecDocument
    origins: dict[SpecPath, tuple[str, Where | None]]
    edition: Edition | None = None

    def explain(self, diagnostic: Diagnostic) -> Diagnostic:
        """A model problem with a filled value, told with the expression and the data it came from."""
        path = tuple(diagnostic.path)
        while path and path not in self.origins:
            path = path[:-1]
        if path not in self.origins:
            return diagnostic
        written, where = self.origins[path]
        said = f"the value comes from {written}" + (f" ({_where(where)})" if where else "")
        return replace(diagnostic, hint=f"{diagnostic.hint}; {said}" if diagnostic.hint else said)


def _where(where: Where) -> str:
    file, line, column = where
    return file + (f":{line}" if line else "") + (f":{column}" if line and column else "")


class Template:
    """A spec and its data sets, read once: the editions it makes (None without `editions:`) and, for each,
    its bound document."""

    def __init__(self, document: SpecDocument, data_sets: dict[str, DataSet], editions: tuple[Edition, ...] | None,
                 rows: str | None, digest: str) -> None:
        self.document = document
        self.data_sets = data_sets
        self.editions = editions
        self.rows = rows
        self.digest = digest  # sha256 of the spec's and the data files' bytes: which inputs these editions are of
        # A spec with no `data:` has nothing to bind: its strings stay as written, `{{` included (a footer's
        # `{{page}}` is a literal brace, as it was before expressions; no expression could look anything up).
        self.templated = list(_templated(document.data)) if "data" in document.data else []
        self._evaluators: dict[str, Evaluator] = {}

    @property
    def files(self) -> list[Path]:
        return [Path(self.document.file)] + [data.path for data in self.data_sets.values()]

    def csv_sets(self) -> dict[str, CsvData | None]:
        """The data sets a chart's or table's `data:` may name: a CSV's table, None for a YAML or JSON one."""
        return {name: data.csv for name, data in self.data_sets.items()}

    def edition(self, key: str) -> Edition:
        for edition in self.editions or ():
            if edition.key == key:
                return edition
        known = ", ".join(e.key for e in (self.editions or ())[:10])
        raise ReportError([Diagnostic(f"there is no edition {key!r}" if self.editions else
                                      "this spec has no `editions:`", ("editions", "key"),
                                      f"the editions are {known}, …" if self.editions else "build it without --edition",
                                      self.document.file)])

    def bind(self, edition: Edition | None = None) -> Bound:
        """The spec with every expression filled for `edition` (None: the one report of a spec without
        `editions:`). Raises ReportError with every expression's problem, located in the spec."""
        if self.editions is not None and edition is None:
            raise ReportError([self.document.locate(Diagnostic(
                f"this spec makes {len(self.editions):,} editions (one per row of {self.rows})", ("editions",),
                "build them into a folder: reportgen build SPEC -o build/editions/; or one of them with --edition KEY",
                ), key=True)])
        if not self.templated:
            return Bound(self.document, {}, edition)
        scope = self.scope(edition)
        evaluator = self._evaluator(self._language(scope))
        data = self.document.data
        origins: dict[SpecPath, tuple[str, Where | None]] = {}
        problems: list[Diagnostic] = []
        filled: list[tuple[SpecPath, Any]] = []
        for path, text in self.templated:
            try:
                value = evaluator.value(text, scope)
            except ExpressionError as error:
                problems.append(self._located(error, path, text, edition))
                continue
            where = getattr(value, "where", None)
            filled.append((path, plain(value)))
            origins[path] = (" ".join(f"{{{{ {p.source} }}}}" for p in pieces(text)), where)
            if isinstance(value, (dict, list)):
                origins.update((path + sub, (origins[path][0], at)) for sub, at in _positions(value))
        if problems:
            raise ReportError(problems)
        for path, value in filled:
            data = _set(data, path, value)
        return Bound(replace(self.document, data=data), origins, edition)

    def scope(self, edition: Edition | None) -> dict[str, Any]:
        scope: dict[str, Any] = {name: data.value for name, data in self.data_sets.items()}
        if edition is not None and self.rows is not None:
            scope["edition"] = self.data_sets[self.rows].value[edition.index]
        return scope

    def _language(self, scope: dict[str, Any]) -> str:
        """The report's language, for the number filters: meta.language, filled first when it is an expression."""
        meta = self.document.data.get("meta")
        language = meta.get("language") if isinstance(meta, dict) else None
        if isinstance(language, str) and OPEN in language:
            try:
                language = self._evaluator("en-US").value(language, scope)
            except ExpressionError:
                return "en-US"  # told when the field itself is filled
        return str(language) if isinstance(language, str) and language.strip() else "en-US"

    def _evaluator(self, language: str) -> Evaluator:
        if language not in self._evaluators:
            from reportgen.bind.expressions import Evaluator  # Jinja, only for a spec with expressions

            self._evaluators[language] = Evaluator(language)
        return self._evaluators[language]

    def _located(self, error: ExpressionError, path: SpecPath, text: str, edition: Edition | None) -> Diagnostic:
        hint = error.hint
        if error.data is not None:
            hint = (f"{hint}; " if hint else "") + f"the value is at {_where(error.data)}"
        message = error.message
        diagnostic = Diagnostic(message, path, hint)
        if error.piece is None:
            return self.document.locate(diagnostic)
        return self.document.locate_in_text(diagnostic, text, [(error.piece.start, text[error.piece.start:error.piece.end]),
                                                               (error.piece.start, OPEN)])


def _templated(data: Any, path: SpecPath = ()) -> Iterator[tuple[SpecPath, str]]:
    """(path, text) of every string holding `{{`, outside the fields that are never expressions."""
    if isinstance(data, dict):
        for key, value in data.items():
            if path or key not in UNBOUND:
                yield from _templated(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _templated(value, path + (index,))
    elif isinstance(data, str) and OPEN in data:
        yield path, data


def _set(data: Any, path: SpecPath, value: Any) -> Any:
    """`data` with the value at `path` replaced, the containers on the way copied (the rest shared)."""
    if not path:
        return value
    head, rest = path[0], path[1:]
    copy = dict(data) if isinstance(data, dict) else list(data)
    copy[head] = _set(data[head], rest, value)  # type: ignore[index]
    return copy


def _positions(value: Any, path: SpecPath = ()) -> Iterator[tuple[SpecPath, Where]]:
    """The data file position of each value inside a filled list or mapping, by its path below it."""
    if isinstance(value, dict):
        for key, item in value.items():
            at = getattr(item, "where", None) or (value.key_where(key) if isinstance(value, DataMap) else None)
            if at is not None:
                yield path + (key,), at
            yield from _positions(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            at = getattr(item, "where", None)
            if at is not None:
                yield path + (index,), at
            yield from _positions(item, path + (index,))


# ---------------------------------------------------------------- reading a template

def load_template(spec_path: str | Path, *, allow_outside: bool = False) -> Template:
    """Read the spec, the files under its `data:` and its `editions:`; raises ReportError with every problem."""
    document = load_spec(spec_path)
    raw = document.data
    context = {"base_dir": document.base_dir, "allow_outside": allow_outside, "spec_file": document.file}
    problems: list[Diagnostic] = []
    data_sets: dict[str, DataSet] = {}
    if "data" in raw:
        from reportgen.model.report import Report

        found: list[Problem] = []
        paths = compile_field(Report.fields["data"])(raw["data"], ("data",), found, context)
        problems += [document.locate(Diagnostic(p.message, p.path, p.hint), key=p.at_key) for p in found]
        if paths is not INVALID:
            for name, path in paths.items():
                written = Path(str(raw["data"][name]))
                shown = str(Path(document.file).parent / written) if not written.is_absolute() else str(path)
                try:
                    data_sets[name] = read_data_set(name, path, shown)
                except DataError as error:
                    problems.append(error.diagnostic(("data", name)))
                except ReportError as error:
                    problems += error.diagnostics
    editions, rows = None, None
    if isinstance(raw.get("editions"), dict) and not problems:
        editions, rows, found_problems = _editions(document, raw["editions"], data_sets)
        problems += found_problems
    elif "editions" in raw and not isinstance(raw.get("editions"), dict) and raw.get("editions") is not None:
        problems.append(document.locate(Diagnostic("expected a mapping with rows, key and output", ("editions",),
                                                   "editions: {rows: schools, key: code}")))
    if problems:
        raise ReportError(problems)
    return Template(document, data_sets, editions, rows, _digest(document, data_sets))


def _digest(document: SpecDocument, data_sets: dict[str, DataSet]) -> str:
    hasher = hashlib.sha256(document.source.text.encode("utf-8", "surrogatepass"))
    for name, data in sorted(data_sets.items()):
        hasher.update(b"\0" + name.encode() + b"\0")
        try:
            hasher.update(data.path.read_bytes())
        except OSError:
            pass
    return hasher.hexdigest()


def _editions(document: SpecDocument, raw: dict[str, Any], data_sets: dict[str, DataSet]
              ) -> tuple[tuple[Edition, ...] | None, str | None, list[Diagnostic]]:
    """The editions `editions:` asks for, or every problem with them (located in the spec or the data file)."""
    from reportgen.model.datasets import Editions

    found: list[Problem] = []
    setting = Editions.check(raw, ("editions",), found, {})
    if found:
        return None, None, [document.locate(Diagnostic(p.message, p.path, p.hint), key=p.at_key) for p in found]
    rows_name, key = setting.rows, setting.key
    data = data_sets.get(rows_name)
    if data is None:
        names = ", ".join(sorted(data_sets)) or "none"
        return None, None, [document.locate(Diagnostic(f"{rows_name!r} is not a data set (data: names {names})",
                                                       ("editions", "rows"), "name the CSV of the editions' rows under "
                                                       "`data:` and give its name here"))]
    rows = data.rows
    if rows is None or not rows or not all(isinstance(row, DataMap) for row in rows):
        return None, None, [document.locate(Diagnostic(
            f"{rows_name} is {data.describe() if rows is None or not rows else 'a list of values, not of rows'}: "
            "editions need rows", ("editions", "rows"), "give a CSV (one edition per line) or a YAML/JSON list of "
            "mappings"))]
    problems: list[Diagnostic] = []
    missing = [row for row in rows if key not in row]
    if missing:
        columns = ", ".join(str(name) for name in rows[0])
        return None, None, [document.locate(Diagnostic(
            f"{rows_name} has no column {key!r}" if len(missing) == len(rows) else
            f"{len(missing)} row(s) of {rows_name} have no {key!r}, the first {missing[0].what}",
            ("editions", "key"), f"its columns are {columns}"))]
    from reportgen.bind.expressions import Evaluator

    output = setting.output or f"{{{{ edition.{key} }}}}.pdf"
    evaluator = Evaluator("en-US")
    scope: dict[str, Any] = {name: value.value for name, value in data_sets.items()}
    seen_keys: dict[str, DataMap] = {}
    seen_outputs: dict[str, int] = {}
    editions = []
    told = 0
    for index, row in enumerate(rows):
        value = row[key]
        text = str(value) if value is not None else ""
        where = row.key_where(key)
        problem = None
        if not SAFE_KEY.fullmatch(text) or _RESERVED_FILE_NAMES.fullmatch(text) or text.endswith("."):
            problem = Diagnostic(f"the key {text!r} is not file-safe", ("editions", "key"),
                                 "a key is letters, digits, '.', '-' and '_' (starting with a letter or digit, at most "
                                 "100): it names the edition's files", *where)
        elif text.casefold() in seen_keys:
            first = seen_keys[text.casefold()]
            problem = Diagnostic(f"the key {text!r} is used twice (first {first.what})", ("editions", "key"),
                                 "each row's key names one edition: make it unique", *where)
        else:
            seen_keys[text.casefold()] = row
            scope["edition"] = row
            try:
                name = evaluator.value(output, scope) if OPEN in output else output
                name = str(name)
            except ExpressionError as error:
                problem = document.locate_in_text(Diagnostic(error.message, ("editions", "output"), error.hint),
                                                  output, [(error.piece.start, output[error.piece.start:error.piece.end])]
                                                  if error.piece else [])
            else:
                problem = _output_problem(document, name, seen_outputs, rows, where)
                if problem is None:
                    seen_outputs[name.casefold()] = index
                    editions.append(Edition(index, text, name, where))
        if problem is not None:
            told += 1
            if told <= MAX_LISTED:
                problems.append(problem if problem.file else document.locate(problem))
    if told > MAX_LISTED:
        problems.append(document.locate(Diagnostic(f"… and {told - MAX_LISTED:,} more problems with the editions",
                                                   ("editions",))))
    if problems:
        return None, None, problems
    return tuple(editions), rows_name, []


def _output_problem(document: SpecDocument, name: str, seen: dict[str, int], rows: list[DataMap],
                    where: Where) -> Diagnostic | None:
    path = ("editions", "output")
    hint = "a plain file name ending .pdf, no folders: e.g. \"{{ edition.code }}.pdf\""
    if _UNSAFE_OUTPUT.search(name) or name.startswith(".") or name.strip() != name:
        return Diagnostic(f"the edition's file name {name!r} is not a plain file name", path, hint, *where)
    if not name.lower().endswith(".pdf") or len(name) < 5:
        return Diagnostic(f"the edition's file name {name!r} does not end in .pdf", path, hint, *where)
    if len(name.encode("utf-8")) > 200:
        return Diagnostic(f"the edition's file name is {len(name.encode('utf-8'))} bytes long", path,
                          "keep it under 200 bytes", *where)
    if name.casefold() in seen:
        return Diagnostic(f"two editions would write {name} (the first {rows[seen[name.casefold()]].what})", path,
                          "include the key in the file name, e.g. \"{{ edition.code }}.pdf\"", *where)
    return None
