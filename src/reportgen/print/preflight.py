"""Preflight: a PDF file in, what a print shop would reject (page by page) out, as diagnostics.

Errors: fonts not embedded, RGB or spot colour, missing or inconsistent page boxes, text cut
off at the trim. Warnings: images below 300 or above 600 effective ppi at their placed size,
text inside the safe zone (closer to the trim than the safe distance), rich black text, thin bleed, no output
intent, and the layout's own findings stored in the file (a figure set smaller to fit, overset text).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pikepdf

from reportgen.diagnostics import Diagnostic, ReportError, Severity
from reportgen.print.boxes import Box, contains, margins, read_box
from reportgen.print.content import PageContent, TextRun, read_page
from reportgen.print.colour import read_gamut_notes
from reportgen.print.findings import read_findings

MIN_BLEED = 8.5  # points: 3 mm, the least most print shops accept
SIZE_TOLERANCE = 0.01  # rounding of pixel sizes: 1% below the target is still on target
SHOWN_PER_PAGE = 3  # text problems listed on one page before "and N more"


@dataclass(frozen=True)
class PreflightSettings:
    safe_zone: float = 9.0
    min_ppi: float = 300.0
    max_ppi: float = 600.0
    layout_findings: bool = True  # report the layout's findings stored in the PDF


def preflight(path: str | Path, settings: PreflightSettings = PreflightSettings()) -> list[Diagnostic]:
    """Every problem found in the PDF at `path`; raises ReportError when it cannot be read at all."""
    path = Path(path)
    try:
        pdf = pikepdf.open(path)
    except pikepdf.PasswordError:
        raise ReportError.single(f"{path} is encrypted", hint="print shops need an unencrypted PDF") from None
    except (pikepdf.PdfError, OSError) as error:
        raise ReportError.single(f"{path} cannot be read as a PDF: {error}") from None
    with pdf:
        report = _Report(str(path))
        _check_document(pdf, report)
        first_trim: Box | None = None
        for number, page in enumerate(pdf.pages, start=1):
            trim = _check_boxes(page, number, report)
            if trim is not None:
                size = (round(trim[2] - trim[0], 1), round(trim[3] - trim[1], 1))
                if first_trim is None:
                    first_trim = size  # type: ignore[assignment]
                elif size != first_trim:
                    report.warn(number, f"trim size {size[0]:g} x {size[1]:g} pt differs from page 1's "
                                        f"{first_trim[0]:g} x {first_trim[1]:g} pt")
            try:
                content = read_page(page)
            except pikepdf.PdfError as error:
                report.error(number, f"content cannot be read: {error}")
                continue
            _check_fonts(content, number, report)
            _check_colours(content, number, report)
            _check_images(content, number, settings, report)
            if trim is not None:
                _check_text(content.text, trim, number, settings.safe_zone, report)
            rich = [run for run in content.text if run.rich_black]
            if rich:
                report.warn(number, f"{len(rich)} text run{'s' if len(rich) != 1 else ''} in rich black, "
                                    f"e.g. {_snippet(rich[0].text)!r}", "set black text in 100% K only")
            if settings.layout_findings:
                for finding in read_findings(page):
                    report.add(number, f"layout: {finding.message}" + (f" ({finding.dotted_path})" if finding.path else ""),
                               finding.severity, finding.hint)
        if settings.layout_findings:  # the colours the output profile cannot reach, as notes (never failing)
            for note in read_gamut_notes(pdf):
                report.add(None, note.message + (f" ({note.dotted_path})" if note.path else ""), Severity.NOTE, note.hint)
    return report.diagnostics


class _Report:
    def __init__(self, file: str):
        self.file = file
        self.diagnostics: list[Diagnostic] = []

    def add(self, page: int | None, message: str, severity: Severity, hint: str | None = None) -> None:
        prefix = f"page {page}: " if page is not None else ""
        self.diagnostics.append(Diagnostic(prefix + message, hint=hint, file=self.file, severity=severity))

    def error(self, page: int | None, message: str, hint: str | None = None) -> None:
        self.add(page, message, Severity.ERROR, hint)

    def warn(self, page: int | None, message: str, hint: str | None = None) -> None:
        self.add(page, message, Severity.WARNING, hint)


def _check_document(pdf: pikepdf.Pdf, report: _Report) -> None:
    intents = pdf.Root.get("/OutputIntents")
    pdfx = pdf.trailer.get("/Info", pikepdf.Dictionary()).get("/GTS_PDFXVersion")
    if not intents:
        report.warn(None, "no output intent: the printing condition is not stated (not PDF/X)",
                    "give print.output_intent.icc in the spec")
    elif not any("/DestOutputProfile" in intent for intent in intents):
        report.error(None, "the output intent has no embedded ICC profile")
    if pdfx is not None and str(pdfx).startswith("PDF/X-4") and pdf.pdf_version < "1.6":
        report.error(None, f"PDF/X-4 needs PDF 1.6 or later, the file is PDF {pdf.pdf_version}")
    if pdfx is not None and str(pdf.trailer.Info.get("/Trapped", "")) not in ("/True", "/False"):
        report.error(None, "PDF/X needs /Trapped set to True or False in the document information")


def _check_boxes(page: pikepdf.Page, number: int, report: _Report) -> Box | None:
    media = read_box(page, "/MediaBox")
    trim = read_box(page, "/TrimBox")
    bleed = read_box(page, "/BleedBox")
    if trim is None:
        report.error(number, "no TrimBox: the finished page size is not stated", "build with --print")
        return None
    if bleed is None:
        report.error(number, "no BleedBox: the page has no bleed", "build with --print")
        return trim
    if not contains(bleed, trim):
        report.error(number, "the TrimBox is not inside the BleedBox")
    elif min(margins(bleed, trim)) < MIN_BLEED:
        report.warn(number, f"bleed is only {min(margins(bleed, trim)):.1f} pt on one side "
                            f"(print shops want at least {MIN_BLEED:g} pt, 3 mm)")
    if media is not None and not contains(media, bleed):
        report.error(number, "the BleedBox is not inside the MediaBox")
    crop = read_box(page, "/CropBox")
    if crop is not None and not contains(crop, bleed):
        report.error(number, "the CropBox cuts into the bleed")
    return trim


def _check_fonts(content: PageContent, number: int, report: _Report) -> None:
    for name, embedded in sorted(content.fonts.items()):
        if not embedded:
            report.error(number, f"font {name} is not embedded", "embed every font (reportgen always does)")


def _check_colours(content: PageContent, number: int, report: _Report) -> None:
    labels = {"rgb": "RGB", "spot": "spot (Separation/DeviceN)", "lab": "Lab", "other": "device-independent or unknown"}
    for family in ("rgb", "spot", "lab", "other"):
        if family in content.colours:
            how = ", ".join(sorted(content.colours[family]))
            message = f"{labels[family]} colour in a print PDF (used by {how})"
            if family in ("rgb", "spot"):
                report.error(number, message, "convert to CMYK")
            else:
                report.warn(number, message)


def _check_images(content: PageContent, number: int, settings: PreflightSettings, report: _Report) -> None:
    for image in content.images:
        ppi = image.effective_ppi
        width, height = image.placed
        size = f"{image.pixels[0]} x {image.pixels[1]} px placed at {width / 72:.2f} x {height / 72:.2f} in"
        if ppi < settings.min_ppi * (1 - SIZE_TOLERANCE):
            report.warn(number, f"image {image.name.lstrip('/')} is {ppi:.0f} ppi ({size}), below {settings.min_ppi:g} ppi",
                        "supply a larger photo or place it smaller")
        elif ppi > settings.max_ppi * (1 + SIZE_TOLERANCE):
            report.warn(number, f"image {image.name.lstrip('/')} is {ppi:.0f} ppi ({size}), above {settings.max_ppi:g} ppi",
                        "downsample it: the extra pixels only make the file larger")


def _check_text(runs: list[TextRun], trim: Box, number: int, safe_zone: float, report: _Report) -> None:
    left, bottom, right, top = trim
    cut, unsafe = [], []
    for run in runs:
        x0, y0, x1, y1 = run.box
        clearance = min(x0 - left, y0 - bottom, right - x1, top - y1)
        if clearance < -0.5:
            cut.append((run, clearance))
        elif clearance < safe_zone - 0.5:
            unsafe.append((run, clearance))
    for items, problem, severity in ((cut, "runs past the trim edge and will be cut off", Severity.ERROR),
                                     (unsafe, f"is inside the {safe_zone:g} pt safe zone", Severity.WARNING)):
        for run, clearance in items[:SHOWN_PER_PAGE]:
            where = f"{abs(clearance):.1f} pt past" if clearance < 0 else f"{clearance:.1f} pt from"
            report.add(number, f"text {_snippet(run.text)!r} {problem} ({where} the trim)", severity,
                       "keep text inside the safe zone")
        if len(items) > SHOWN_PER_PAGE:
            report.add(number, f"... and {len(items) - SHOWN_PER_PAGE} more such text runs", severity)


def _snippet(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 40 else text[:37] + "..."
