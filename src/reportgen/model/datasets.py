"""The spec's `data:` and `editions:` fields: raw values in, checked data-file paths and the editions setting out.

The files themselves are read by reportgen.bind (which fills the spec's `{{ }}` expressions from them);
the model keeps their paths, so a build follows them (watch) and never writes over them.
"""

from __future__ import annotations

import keyword
import re
from pathlib import Path
from typing import Annotated, Any, Mapping

from reportgen.model.base import After, EachEntry, JsonSchema, Kind, Model, ModelError, Parse, Problem, SpecError
from reportgen.model.types import _inside_spec_folder

DATA_SUFFIXES = (".csv", ".yaml", ".yml", ".json")
# names an expression cannot use for a data set: Jinja's words, and the one reportgen gives each edition's row
RESERVED_NAMES = frozenset({"edition", "true", "false", "none", "True", "False", "None", "and", "or", "not", "in",
                            "is", "if", "else", "elif", "for", "loop", "self"})
NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _data_file(value: object, context: Mapping[str, Any] | None = None) -> Path:
    """A data file beside the spec (the photos' rules for paths): CSV, YAML or JSON, told by its suffix."""
    path = _inside_spec_folder(value, context)
    if path.suffix.lower() not in DATA_SUFFIXES:
        raise SpecError(f"{path.name} is not a data file reportgen reads",
                        "give a .csv file (rows), or a .yaml, .yml or .json file (a mapping or a list)")
    return path


def _data_name(name: str, path: Path) -> None:
    """A data set's name is what expressions call it (`{{ budget.total }}`): a plain name, not a reserved one."""
    if not NAME.fullmatch(name) or keyword.iskeyword(name):
        raise ModelError([Problem((), f"{name!r} cannot name a data set: expressions call it by this name",
                                  "use letters, digits and _, starting with a letter (e.g. budget, schools_2024)",
                                  "unknown_key")])
    if name in RESERVED_NAMES:
        why = ("`edition` is each edition's row" if name == "edition" else f"{name!r} is a word of the expressions")
        raise ModelError([Problem((), f"{name!r} cannot name a data set: {why}", "choose another name",
                                  "unknown_key")])


DataPath = Annotated[Path, Parse(_data_file, uses_context=True), Kind("data file (.csv, .yaml, .json)"),
                     JsonSchema({"type": "string", "pattern": r"(?i)\.(csv|ya?ml|json)$",
                                 "description": "a CSV, YAML or JSON file path relative to the spec's folder"})]
DataFiles = Annotated[dict[str, DataPath], EachEntry(_data_name)]


def _output_name(text: str) -> str:
    if not text.strip():
        raise SpecError("is empty", 'name each edition\'s PDF, e.g. "{{ edition.code }}.pdf"')
    return text


class Editions(Model):
    """One PDF per row of a data set: `reportgen build SPEC -o FOLDER` writes FOLDER/<output> for each row."""

    rows: str
    key: str
    output: Annotated[str, After(_output_name), JsonSchema({"type": "string", "pattern": r"\S"})] | None = None


__all__ = ["DATA_SUFFIXES", "DataFiles", "DataPath", "Editions", "RESERVED_NAMES"]
