"""Writing a template project (a spec and its data files) into a folder, and reading a bind's errors."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from reportgen.bind import Template, load_template
from reportgen.diagnostics import Diagnostic, ReportError

SCHOOLS_CSV = """\
code,name,language,students,instruction
a1,Alpha School,en-US,12345,12.5
b2,Beta School,fr-FR,0042,7
c3,Gamma School,en-US,900,"12,5x"
"""
BUDGET_YAML = """\
year: 2024
total: 1250.5
slices:
  - {label: Instruction, amount: 60}
  - {label: Support, amount: 40}
office: {name: County Office, city: Downey}
"""


def project(folder: Path, spec: str, files: dict[str, str] | None = None, name: str = "template.yaml") -> Path:
    """`spec` (dedented) at folder/name and each of `files` (relative path -> text) beside it."""
    for relative, text in (files or {}).items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(spec), encoding="utf-8")
    return path


def load_errors(spec: Path) -> list[Diagnostic]:
    """The diagnostics load_template raises for `spec` (it must raise)."""
    with pytest.raises(ReportError) as raised:
        load_template(spec)
    return raised.value.diagnostics


def bind_errors(template: Template, key: str | None = None) -> list[Diagnostic]:
    """The diagnostics binding `key`'s edition (None: the one report) raises (it must raise)."""
    with pytest.raises(ReportError) as raised:
        template.bind(template.edition(key) if key is not None else None)
    return raised.value.diagnostics


def column_of(spec: Path, line: int, needle: str) -> int:
    """The 1-based column of `needle` on the spec's 1-based `line`."""
    text = spec.read_text(encoding="utf-8").splitlines()[line - 1]
    assert needle in text, (needle, text)
    return text.index(needle) + 1


def line_of(spec: Path, needle: str) -> int:
    """The 1-based line of the first line holding `needle`."""
    for number, text in enumerate(spec.read_text(encoding="utf-8").splitlines(), 1):
        if needle in text:
            return number
    raise AssertionError(needle)
