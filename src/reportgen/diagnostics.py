"""Diagnostics shared by every stage: a problem with a spec path, a position and a hint.

Library code collects diagnostics and raises `ReportError` with all of them at once;
only the command-line interface prints them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import Enum
from typing import Iterable, Sequence

SpecPath = tuple[str | int, ...]


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"  # information (a colour the press cannot reach): never fails a build or --strict


@dataclass(frozen=True)
class Diagnostic:
    """One problem found in a spec, its files or its layout."""

    message: str
    path: SpecPath = ()
    hint: str | None = None
    file: str | None = None
    line: int | None = None
    column: int | None = None
    severity: Severity = Severity.ERROR
    detail: str | None = None  # where exactly (a page, a line's text): printed with -v only

    @property
    def dotted_path(self) -> str:
        return format_path(self.path)

    def located(self, file: str | None, line: int | None, column: int | None) -> "Diagnostic":
        return replace(self, file=self.file or file, line=self.line or line, column=self.column or column)

    def __str__(self) -> str:
        where = self.file or "<spec>"
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        text = f"{where}: "
        if self.severity is Severity.WARNING:
            text += "warning: "
        elif self.severity is Severity.NOTE:
            text += "note: "
        if self.path:
            text += f"{self.dotted_path}: "
        text += self.message
        if self.hint:
            text += f" ({self.hint})"
        return text

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "path": self.dotted_path,
            "severity": self.severity.value,
            "message": self.message,
            "hint": self.hint,
            "detail": self.detail,
        }


def format_path(path: Sequence[str | int]) -> str:
    """('sections', 3, 'stats', 0) -> 'sections[3].stats[0]'."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


class ReportError(Exception):
    """Raised by any stage with every diagnostic it found."""

    def __init__(self, diagnostics: Iterable[Diagnostic]):
        self.diagnostics = list(diagnostics)
        super().__init__("\n".join(str(d) for d in self.diagnostics))

    @classmethod
    def single(cls, message: str, path: SpecPath = (), hint: str | None = None) -> "ReportError":
        return cls([Diagnostic(message, path, hint)])
