"""Layout findings in the PDF: the layout's warnings (and the images' files) in, each stored on its page out (and back).

The layout knows when it set a figure smaller or could not fit text, and which file each image
came from; the PDF does not. Each warning, and each image's file, is kept in its page's
/PieceInfo (the PDF's place for an application's private data), so `reportgen preflight` can
report it later from the file alone, with its page number and the image's file name.
"""

from __future__ import annotations

import hashlib
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
        _private(pdf.pages[page - 1].obj).Findings = entries


def _private(page_object: pikepdf.Object) -> pikepdf.Dictionary:
    """The page's reportgen /PieceInfo private dictionary, made when missing."""
    if "/PieceInfo" not in page_object:
        page_object.PieceInfo = Dictionary()
    if str(APPLICATION) not in page_object.PieceInfo:
        page_object.PieceInfo[str(APPLICATION)] = Dictionary(LastModified=pikepdf.String(FIXED_DATE),
                                                             Private=Dictionary())
        page_object.LastModified = pikepdf.String(FIXED_DATE)
    return page_object.PieceInfo[str(APPLICATION)].Private


def store_image_sources(pdf: pikepdf.Pdf, sources: dict[bytes, str]) -> None:
    """Record, on each page, the file each of its image XObjects (forms' included) was encoded from,
    matched by the SHA-256 of the embedded (JPEG) data; images that match nothing are left out."""
    known: dict[tuple[int, int], str | None] = {}
    for page in pdf.pages:
        found = _page_sources(page.obj, sources, known, set())
        if found:
            _private(page.obj).Images = Dictionary({name: pikepdf.String(source) for name, source in sorted(found.items())})


def _page_sources(owner: pikepdf.Object, sources: dict[bytes, str], known: dict, seen: set) -> dict[str, str]:
    found: dict[str, str] = {}
    for name, xobject in ((owner.get("/Resources") or Dictionary()).get("/XObject") or Dictionary()).items():
        if not isinstance(xobject, pikepdf.Stream) or xobject.objgen in seen:
            continue
        if xobject.get("/Subtype") == Name.Image:
            if xobject.objgen not in known:
                known[xobject.objgen] = sources.get(hashlib.sha256(xobject.read_raw_bytes()).digest())
            if known[xobject.objgen] is not None:
                found[name] = known[xobject.objgen]
        elif xobject.get("/Subtype") == Name.Form:
            found.update(_page_sources(xobject, sources, known, seen | {xobject.objgen}))
    return found


def read_image_sources(page: pikepdf.Page) -> dict[str, str]:
    """Image XObject name -> the file it came from, as recorded by `store_image_sources`."""
    piece = page.obj.get("/PieceInfo")
    data = piece.get(str(APPLICATION)) if piece is not None else None
    images = data.get("/Private", Dictionary()).get("/Images") if data is not None else None
    return {str(name): str(source) for name, source in images.items()} if images is not None else {}


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
