"""Layout findings in the PDF: the layout's warnings in, each stored on the page it was raised on out (and back).

The layout knows when it set a figure smaller or could not fit text; the PDF does not. Each
warning is kept in its page's /PieceInfo (the PDF's place for an application's private data),
so `reportgen preflight` can report it later from the file alone, with its page number.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pikepdf
from pikepdf import Dictionary, Name

from reportgen.diagnostics import Diagnostic, Severity
from reportgen.layout import LayoutLog

APPLICATION = Name("/Reportgen")
FIXED_DATE = "D:20000101000000Z"  # ReportLab's invariant date: no clock time enters the file


@dataclass
class PageTracker:
    """A page decoration: remembers how many layout warnings existed when each page began."""

    log: LayoutLog
    starts: list[int] = field(default_factory=list)  # starts[n - 1]: warnings logged before page n

    def __call__(self, canvas: object, page: int) -> None:
        while len(self.starts) < page:
            self.starts.append(len(self.log.diagnostics))

    def pages(self) -> list[tuple[int, Diagnostic]]:
        """Each warning with the page being drawn when it was raised (page 1 for ones raised before)."""
        placed = []
        for index, diagnostic in enumerate(self.log.diagnostics):
            page = sum(1 for start in self.starts if start <= index) or 1
            placed.append((page, diagnostic))
        return placed


def store_findings(pdf: pikepdf.Pdf, findings: list[tuple[int, Diagnostic]]) -> None:
    by_page: dict[int, list[Diagnostic]] = {}
    for page, diagnostic in findings:
        by_page.setdefault(min(max(page, 1), len(pdf.pages)), []).append(diagnostic)
    for page, diagnostics in sorted(by_page.items()):
        entries = pikepdf.Array([Dictionary(Severity=Name("/" + d.severity.value), Path=pikepdf.String(d.dotted_path),
                                            Message=pikepdf.String(d.message), Hint=pikepdf.String(d.hint or ""))
                                 for d in diagnostics])
        page_object = pdf.pages[page - 1].obj
        page_object.PieceInfo = Dictionary({str(APPLICATION): Dictionary(
            LastModified=pikepdf.String(FIXED_DATE), Private=Dictionary(Findings=entries))})
        page_object.LastModified = pikepdf.String(FIXED_DATE)


def read_findings(page: pikepdf.Page) -> list[Diagnostic]:
    piece = page.obj.get("/PieceInfo")
    data = piece.get(str(APPLICATION)) if piece is not None else None
    entries = data.get("/Private", Dictionary()).get("/Findings", []) if data is not None else []
    found = []
    for entry in entries:
        severity = Severity.ERROR if entry.get("/Severity") == Name("/error") else Severity.WARNING
        found.append(Diagnostic(str(entry.get("/Message", "")), hint=str(entry.get("/Hint", "")) or None,
                                severity=severity, path=tuple(filter(None, [str(entry.get("/Path", ""))]))))
    return found
