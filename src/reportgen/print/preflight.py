"""Preflight: a PDF file in, what a print shop (or Acrobat's PDF/X-4 profile) would flag out, page by page, rule by rule.

Each rule is one function registered with an id, a severity and advice (see `RULES`): document
rules (encryption, output intent and profile, PDF/X identification, optional content, trim size)
and page rules (boxes, colour spaces everywhere, spot colours listed, fonts, ink coverage,
hairlines, white overprint, small text in several inks, image resolution, printing annotations,
text at the trim, and the layout's own findings stored in the file). A finding has its page (or
none, for the document), its rule, a severity ("error", "warning" or "info": listed, never a
failure) and what to do.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Union

import pikepdf
from pikepdf import Name

from reportgen.diagnostics import Diagnostic, ReportError, Severity
from reportgen.print.boxes import Box, contains, margins, read_box
from reportgen.print.colour import read_gamut_notes
from reportgen.print.content import PageContent, read_page
from reportgen.print.findings import read_findings, read_image_sources

MIN_BLEED = 8.5  # points: 3 mm, the least most print shops accept
SIZE_TOLERANCE = 0.01  # rounding of pixel sizes: 1% below the target is still on target
SHOWN_PER_PAGE = 3  # text problems listed on one page before "and N more"
ERROR, WARNING, INFO = "error", "warning", "info"
PRINT_FLAG, HIDDEN_FLAG = 4, 2  # annotation /F bits
# Total area coverage limits (%) by printing condition, matched in the output intent's identifier and info.
INK_LIMITS = (("FOGRA39", 330.0), ("ISO COATED V2", 330.0), ("GRACOL", 320.0), ("CGATS21", 320.0),
              ("TR006", 320.0), ("SWOP", 300.0), ("TR 001", 300.0), ("TR001", 300.0), ("FOGRA29", 300.0))
DEFAULT_INK_LIMIT = 300.0  # an unknown condition: the most common limit, and the safest


@dataclass(frozen=True)
class PreflightSettings:
    safe_zone: float = 9.0
    min_ppi: float = 300.0  # below: a warning
    error_ppi: float | None = None  # below: an error (`reportgen preflight`: 150; a build judges its photos itself)
    max_ppi: float = 600.0
    min_bleed: float = MIN_BLEED
    min_line: float = 0.25  # points, after the transformation: thinner strokes may not print
    small_text: float = 12.0  # points: smaller text in several inks risks misregistration
    ink_limit: float | None = None  # total area coverage (%); None: from the output condition
    layout_findings: bool = True  # report the layout's findings stored in the PDF
    as_notes: frozenset[str] = frozenset()  # rules whose findings are notes here (listed, never failing)


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str  # ERROR, WARNING or INFO
    page: int | None
    message: str
    advice: str | None = None

    @property
    def text(self) -> str:
        return (f"page {self.page}: " if self.page is not None else "") + self.message

    def diagnostic(self, file: str, with_rule: bool = False) -> Diagnostic:
        """As a diagnostic naming `file`; `with_rule` ends the message with the rule's id ("[hairline]")."""
        severity = Severity.ERROR if self.severity == ERROR else Severity.WARNING
        message = f"{self.text} [{self.rule}]" if with_rule else self.text
        return Diagnostic(message, hint=self.advice, file=file, severity=severity, detail=f"rule {self.rule}")

    def as_dict(self) -> dict[str, object]:
        return {"page": self.page, "rule": self.rule, "severity": self.severity, "message": self.message,
                "advice": self.advice}


@dataclass(frozen=True)
class Hit:
    """What a check found; page, severity and advice default to the page checked and the rule's own."""

    message: str
    page: int | None = None
    severity: str | None = None
    advice: str | None = None


Found = Iterator[Union[str, Hit]]


@dataclass
class Document:
    pdf: pikepdf.Pdf
    settings: PreflightSettings
    claimed: str | None  # the PDF/X version claimed in the info dictionary or XMP
    intent: pikepdf.Dictionary | None  # the GTS_PDFX output intent
    ink_limit: float


@dataclass
class PageCheck:
    number: int
    page: pikepdf.Page
    content: PageContent
    document: Document
    boxes: dict[str, Box | None] = field(default_factory=dict)

    @property
    def settings(self) -> PreflightSettings:
        return self.document.settings

    @property
    def paint_area(self) -> Box | None:
        """What is printed and kept: the bleed box (the trim, or the media box, without one)."""
        return self.boxes["/BleedBox"] or self.boxes["/TrimBox"] or self.boxes["/MediaBox"]


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str
    advice: str
    scope: str  # "document" or "page"
    check: Callable[..., Found]


RULES: list[Rule] = []


def rule(id: str, severity: str, advice: str, scope: str = "page") -> Callable[[Callable[..., Found]], Callable[..., Found]]:
    def register(check: Callable[..., Found]) -> Callable[..., Found]:
        RULES.append(Rule(id, severity, advice, scope, check))
        return check
    return register


# ---------------------------------------------------------------- running

def preflight(path: str | Path, settings: PreflightSettings = PreflightSettings()) -> list[Diagnostic]:
    """Every problem found in the PDF at `path` (spot colours and other notes left out); raises
    ReportError when it cannot be read at all."""
    return [finding.diagnostic(str(path)) for finding in preflight_findings(path, settings) if finding.severity != INFO]


def preflight_findings(path: str | Path, settings: PreflightSettings = PreflightSettings()) -> list[Finding]:
    """Every finding, notes included, in rule order: the document's, then page by page."""
    with _open(Path(path)) as pdf:
        document = _document(pdf, settings)
        found = [finding for item in RULES if item.scope == "document"
                 for finding in _run(item, item.check(document), None, settings.as_notes)]
        for number, page in enumerate(pdf.pages, start=1):
            found += _check_page(document, number, page)
        if settings.layout_findings:  # the colours the output profile cannot reach, as notes (never failing)
            found += [Finding("gamut", INFO, None, note.message + (f" ({note.dotted_path})" if note.path else ""),
                              note.hint) for note in read_gamut_notes(pdf)]
    return found


def _open(path: Path) -> pikepdf.Pdf:
    def problem(message: str, hint: str | None = None) -> ReportError:
        return ReportError([Diagnostic(message, hint=hint, file=str(path))])

    try:
        return pikepdf.open(path)
    except pikepdf.PasswordError:
        raise problem("the PDF is encrypted with a password", "print shops need an unencrypted PDF") from None
    except FileNotFoundError:
        raise problem("no such file") from None
    except OSError as error:
        raise problem(f"cannot be read: {error.strerror or error}") from None
    except pikepdf.PdfError as error:
        if not _starts_like_a_pdf(path):
            raise problem("is not a PDF (it does not start with %PDF-)") from None
        reason = str(error).replace(str(path), "").lstrip(": ")
        raise problem(f"cannot be read as a PDF: {reason}", "export it again") from None


def _starts_like_a_pdf(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return b"%PDF-" in handle.read(1024)
    except OSError:
        return False


def _document(pdf: pikepdf.Pdf, settings: PreflightSettings) -> Document:
    info = pdf.trailer.get("/Info") or pikepdf.Dictionary()
    claimed = info.get("/GTS_PDFXVersion")
    if claimed is None:
        claimed = _xmp_version(pdf)
    intents = [i for i in pdf.Root.get("/OutputIntents") or [] if i.get("/S") == Name.GTS_PDFX]
    intent = intents[0] if intents else None
    limit = settings.ink_limit if settings.ink_limit is not None else _condition_limit(intent)
    return Document(pdf, settings, str(claimed) if claimed is not None else None, intent, limit)


def _xmp_version(pdf: pikepdf.Pdf) -> str | None:
    """pdfxid:GTS_PDFXVersion in the XMP metadata (None without one, or when the XMP cannot be read)."""
    if "/Metadata" not in pdf.Root:
        return None
    try:
        metadata = pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False)
        value = metadata.get("pdfxid:GTS_PDFXVersion")
    except Exception:  # noqa: BLE001 (damaged XMP reads as none)
        return None
    return str(value) if value else None


def _condition_limit(intent: pikepdf.Dictionary | None) -> float:
    if intent is None:
        return DEFAULT_INK_LIMIT
    described = " ".join(str(intent.get(key, "")) for key in ("/OutputConditionIdentifier", "/OutputCondition",
                                                               "/Info")).upper()
    return next((limit for name, limit in INK_LIMITS if name in described), DEFAULT_INK_LIMIT)


def _check_page(document: Document, number: int, page: pikepdf.Page) -> list[Finding]:
    try:
        content = read_page(page, read_image_sources(page))
    except (pikepdf.PdfError, ValueError, TypeError, KeyError, AttributeError) as error:
        return [Finding("content", ERROR, number, f"the content cannot be read: {error}", "export the PDF again")]
    check = PageCheck(number, page, content, document,
                      {name: read_box(page, name) for name in ("/MediaBox", "/CropBox", "/BleedBox", "/TrimBox", "/ArtBox")})
    return [finding for item in RULES if item.scope == "page"
            for finding in _run(item, item.check(check), number, check.settings.as_notes)]


def _run(item: Rule, found: Iterable[str | Hit], page: int | None, as_notes: frozenset[str] = frozenset()) -> list[Finding]:
    findings = []
    for hit in found:
        hit = hit if isinstance(hit, Hit) else Hit(hit)
        severity = INFO if item.id in as_notes else hit.severity or item.severity
        findings.append(Finding(item.id, severity, hit.page if hit.page is not None else page,
                                hit.message, hit.advice or item.advice or None))
    return findings


# ---------------------------------------------------------------- document rules

@rule("encryption", ERROR, "save the PDF without security: print workflows cannot process encrypted files",
      scope="document")
def check_encryption(document: Document) -> Found:
    if document.pdf.is_encrypted:
        yield "the PDF is encrypted (PDF/X forbids encryption)"


@rule("output-intent", ERROR, "give print.output_intent.icc in the spec (the press's CMYK profile)", scope="document")
def check_output_intent(document: Document) -> Found:
    if document.intent is None and document.claimed:
        yield f"the file claims {document.claimed} but has no GTS_PDFX output intent"
    elif document.intent is None:
        yield Hit("no output intent: the printing condition is not stated (not PDF/X)", severity=WARNING)


@rule("output-profile", ERROR, "embed the press's CMYK (output-class) ICC profile as the output intent",
      scope="document")
def check_output_profile(document: Document) -> Found:
    if document.intent is None:
        return
    profile = document.intent.get("/DestOutputProfile")
    if not isinstance(profile, pikepdf.Stream):
        if document.claimed or "/DestOutputProfileRef" not in document.intent:
            yield "the output intent has no embedded ICC profile"
        return
    header = profile.read_bytes()[:20]
    device_class, space = header[12:16].decode("latin-1"), header[16:20].decode("latin-1").strip()
    if space != "CMYK":
        yield f"the output profile is an {space or 'unknown'}-class profile ({device_class}), not CMYK: " \
              "a press prints CMYK"
    elif device_class != "prtr":
        yield f"the output profile is a {device_class!r} profile, not an output (printer) profile"


@rule("pdfx-version", ERROR, "set GTS_PDFXVersion (PDF/X-4) in both the document information and the XMP metadata",
      scope="document")
def check_pdfx_version(document: Document) -> Found:
    pdf = document.pdf
    info = pdf.trailer.get("/Info") or pikepdf.Dictionary()
    in_info = str(info["/GTS_PDFXVersion"]) if "/GTS_PDFXVersion" in info else None
    in_xmp = _xmp_version(pdf)
    if in_info is None and in_xmp is None:
        return
    if in_info is None:
        yield f"the XMP metadata claims {in_xmp} but the document information has no GTS_PDFXVersion"
    elif in_xmp is None:
        yield f"the document information claims {in_info} but the XMP metadata has no pdfxid:GTS_PDFXVersion"
    elif in_info != in_xmp:
        yield f"GTS_PDFXVersion differs: {in_info} in the document information, {in_xmp} in the XMP metadata"
    claimed = in_info or in_xmp or ""
    if claimed.startswith("PDF/X-4") and pdf.pdf_version < "1.6":
        yield f"PDF/X-4 needs PDF 1.6 or later, the file is PDF {pdf.pdf_version}"
    if str(info.get("/Trapped", "")) not in ("/True", "/False"):
        yield Hit("PDF/X needs /Trapped set to True or False in the document information",
                  advice="set /Trapped /False (reportgen does not trap)")


@rule("optional-content", ERROR, "give every optional-content configuration a Name, and no AS entry in the "
      "default one (PDF/X-4)", scope="document")
def check_optional_content(document: Document) -> Found:
    properties = document.pdf.Root.get("/OCProperties")
    if not isinstance(properties, pikepdf.Dictionary):
        return
    default = properties.get("/D")
    if not isinstance(default, pikepdf.Dictionary):
        yield "the optional-content properties have no default configuration (D)"
        return
    if "/Name" not in default:
        yield "the default optional-content configuration has no Name"
    if "/AS" in default and (document.claimed or "").startswith("PDF/X-4"):
        yield "the default optional-content configuration has an AS entry (PDF/X-4 forbids it)"
    for index, config in enumerate(properties.get("/Configs") or [], start=1):
        if isinstance(config, pikepdf.Dictionary) and "/Name" not in config:
            yield f"optional-content configuration {index} has no Name"


@rule("trim-size", WARNING, "give every page the same finished size", scope="document")
def check_trim_size(document: Document) -> Found:
    first: tuple[float, float] | None = None
    for number, page in enumerate(document.pdf.pages, start=1):
        trim = read_box(page, "/TrimBox") or read_box(page, "/ArtBox")
        if trim is None:
            continue
        size = (round(trim[2] - trim[0], 1), round(trim[3] - trim[1], 1))
        if first is None:
            first = size
        elif size != first:
            yield Hit(f"trim size {size[0]:g} x {size[1]:g} pt differs from page 1's {first[0]:g} x {first[1]:g} pt",
                      page=number)


# ---------------------------------------------------------------- page rules: boxes

@rule("trim-box", ERROR, "build with --print: every page needs a TrimBox (or an ArtBox), not both")
def check_trim_box(check: PageCheck) -> Found:
    trim, art = check.boxes["/TrimBox"], check.boxes["/ArtBox"]
    if trim is None and art is None:
        yield Hit("no TrimBox: the finished page size is not stated")
    elif trim is not None and art is not None:
        yield "the page has both a TrimBox and an ArtBox (PDF/X allows one of them)"


@rule("box-nesting", ERROR, "keep TrimBox inside BleedBox inside MediaBox, and the CropBox around the bleed")
def check_box_nesting(check: PageCheck) -> Found:
    media, crop, bleed = check.boxes["/MediaBox"], check.boxes["/CropBox"], check.boxes["/BleedBox"]
    finished = check.boxes["/TrimBox"] or check.boxes["/ArtBox"]
    name = "TrimBox" if check.boxes["/TrimBox"] is not None else "ArtBox"
    if finished is not None and bleed is not None and not contains(bleed, finished):
        yield f"the {name} is not inside the BleedBox"
    if media is not None and bleed is not None and not contains(media, bleed):
        yield "the BleedBox is not inside the MediaBox"
    if media is not None and finished is not None and not contains(media, finished):
        yield f"the {name} is not inside the MediaBox"
    if crop is not None and bleed is not None and not contains(crop, bleed):
        yield "the CropBox cuts into the bleed"


@rule("bleed", WARNING, "extend the art and the BleedBox at least 3 mm past the trim")
def check_bleed(check: PageCheck) -> Found:
    bleed, trim = check.boxes["/BleedBox"], check.boxes["/TrimBox"] or check.boxes["/ArtBox"]
    if trim is None:
        return
    if bleed is None:
        yield Hit("no BleedBox: the page has no bleed", severity=ERROR, advice="build with --print")
    elif contains(bleed, trim) and min(margins(bleed, trim)) < check.settings.min_bleed - 0.01:
        yield (f"bleed is only {min(margins(bleed, trim)):.1f} pt on one side "
               f"(print shops want at least {check.settings.min_bleed:g} pt, 3 mm)")


# ---------------------------------------------------------------- page rules: colour

COLOUR_LABELS = {"rgb": "RGB", "lab": "Lab", "other": "device-independent or unknown"}


@rule("colour-rgb", ERROR, "convert to CMYK through the output profile")
def check_rgb(check: PageCheck) -> Found:
    if "rgb" in check.content.colours:
        yield f"RGB colour in a print PDF (used by {', '.join(sorted(check.content.colours['rgb']))})"


@rule("colour-other", WARNING, "convert to CMYK, or check the press converts it as intended")
def check_other_colour(check: PageCheck) -> Found:
    for family in ("lab", "other"):
        if family in check.content.colours:
            yield (f"{COLOUR_LABELS[family]} colour in a print PDF "
                   f"(used by {', '.join(sorted(check.content.colours[family]))})")


@rule("spot-colours", INFO, "tell the print shop which spot inks the job needs (PDF/X-4 allows them)")
def check_spots(check: PageCheck) -> Found:
    if check.content.spots:
        yield f"spot colours: {', '.join(sorted(check.content.spots))}"


@rule("ink-limit", ERROR, "lower the colour's total ink (convert it through the output profile, or use less CMY "
      "under the black)")
def check_ink_limit(check: PageCheck) -> Found:
    area, limit = check.paint_area, check.document.ink_limit
    over = [(coverage, where) for coverage, where in check.content.inks
            if coverage > limit + 0.5 and (area is None or _inside(area, where))]
    if over:
        coverage, (x, y) = max(over)
        yield f"total ink {coverage:.0f}% above the {limit:g}% limit (at x {x:.0f}, y {y:.0f} pt)"


@rule("image-ink", WARNING, "convert the image through the output profile (its black generation keeps ink "
      "within the limit)")
def check_image_ink(check: PageCheck) -> Found:
    limit = check.document.ink_limit
    for image in check.content.images:
        if image.ink is not None and image.ink > limit + 0.5:
            yield f"{_image_name(image)} reaches {image.ink:.0f}% total ink, above the {limit:g}% limit"


@rule("hairline", ERROR, "draw lines at least 0.25 pt wide after scaling: thinner ones break up or vanish on press")
def check_hairlines(check: PageCheck) -> Found:
    area, least = check.paint_area, check.settings.min_line
    thin = [(width, where) for width, where in check.content.hairlines
            if width < least - 0.001 and (area is None or _inside(area, where))]
    if thin:
        width, (x, y) = min(thin)
        more = f" (and {len(thin) - 1} more)" if len(thin) > 1 else ""
        yield f"a {width:.2f} pt line, thinner than {least:g} pt, at x {x:.0f}, y {y:.0f} pt{more}"


@rule("white-overprint", ERROR, "turn overprint off for white: white that overprints vanishes on press")
def check_white_overprint(check: PageCheck) -> Found:
    if check.content.white_overprint:
        what, (x, y) = check.content.white_overprint[0]
        count = len(check.content.white_overprint)
        yield f"white {what} set to overprint at x {x:.0f}, y {y:.0f} pt" + (f" ({count} in all)" if count > 1 else "")


@rule("small-text-inks", WARNING, "set text below 12 pt in one ink (a pure K or a single process colour)")
def check_small_text_inks(check: PageCheck) -> Found:
    limit = check.settings.small_text
    runs = [run for run in check.content.text if run.font_size < limit - 0.01 and run.inks > 1]
    if runs:
        run = runs[0]
        inks = "/".join(f"{name}{round(v * 100)}" for name, v in zip("CMYK", run.fill[1]) if v > 0.001)
        yield (f"{len(runs)} text run{'s' if len(runs) != 1 else ''} below {limit:g} pt in several inks, "
               f"e.g. {_snippet(run.text)!r} at {run.font_size:.1f} pt in {inks}")


@rule("rich-black", WARNING, "set black text in 100% K only")
def check_rich_black(check: PageCheck) -> Found:
    rich = [run for run in check.content.text if run.rich_black]
    if rich:
        yield f"{len(rich)} text run{'s' if len(rich) != 1 else ''} in rich black, e.g. {_snippet(rich[0].text)!r}"


# ---------------------------------------------------------------- page rules: fonts, images, text, annotations

@rule("fonts-embedded", ERROR, "embed every font (reportgen always does)")
def check_fonts(check: PageCheck) -> Found:
    for name, embedded in sorted(check.content.fonts.items()):
        if not embedded:
            yield f"font {name} is not embedded"


@rule("image-resolution", WARNING, "supply a larger photo or place it smaller")
def check_images(check: PageCheck) -> Found:
    settings = check.settings
    for image in check.content.images:
        ppi = image.effective_ppi
        width, height = image.placed
        size = f"{image.pixels[0]} x {image.pixels[1]} px placed at {width / 72:.2f} x {height / 72:.2f} in"
        if settings.error_ppi is not None and ppi < settings.error_ppi * (1 - SIZE_TOLERANCE):
            yield Hit(f"{_image_name(image)} is {ppi:.0f} ppi ({size}), below {settings.error_ppi:g} ppi: "
                      "it will print visibly soft", severity=ERROR)
        elif ppi < settings.min_ppi * (1 - SIZE_TOLERANCE):
            yield f"{_image_name(image)} is {ppi:.0f} ppi ({size}), below {settings.min_ppi:g} ppi"
        elif ppi > settings.max_ppi * (1 + SIZE_TOLERANCE):
            yield Hit(f"{_image_name(image)} is {ppi:.0f} ppi ({size}), above {settings.max_ppi:g} ppi",
                      advice="downsample it: the extra pixels only make the file larger")


@rule("text-trim", ERROR, "keep text inside the safe zone")
def check_text(check: PageCheck) -> Found:
    trim = check.boxes["/TrimBox"] or check.boxes["/ArtBox"]
    if trim is None:
        return
    left, bottom, right, top = trim
    safe_zone = check.settings.safe_zone
    cut, unsafe = [], []
    for run in check.content.text:
        x0, y0, x1, y1 = run.box
        clearance = min(x0 - left, y0 - bottom, right - x1, top - y1)
        if clearance < -0.5:
            cut.append((run, clearance))
        elif clearance < safe_zone - 0.5:
            unsafe.append((run, clearance))
    for items, problem, severity in ((cut, "runs past the trim edge and will be cut off", ERROR),
                                     (unsafe, f"is inside the {safe_zone:g} pt safe zone", WARNING)):
        for run, clearance in items[:SHOWN_PER_PAGE]:
            where = f"{abs(clearance):.1f} pt past" if clearance < 0 else f"{clearance:.1f} pt from"
            yield Hit(f"text {_snippet(run.text)!r} {problem} ({where} the trim)", severity=severity)
        if len(items) > SHOWN_PER_PAGE:
            yield Hit(f"... and {len(items) - SHOWN_PER_PAGE} more such text runs", severity=severity)


@rule("annotation-print", ERROR, "make annotations non-printing (clear the Print flag) or move them outside the trim")
def check_annotations(check: PageCheck) -> Found:
    trim = check.boxes["/TrimBox"] or check.boxes["/ArtBox"] or check.boxes["/MediaBox"]
    drawn, empty = [], []
    for annotation in check.page.obj.get("/Annots") or []:
        if not isinstance(annotation, pikepdf.Dictionary) or str(annotation.get("/Subtype")) in (
                "/PrinterMark", "/TrapNet", "/Popup"):
            continue
        flags = int(annotation.get("/F", 0))
        if not flags & PRINT_FLAG or flags & HIDDEN_FLAG or "/Rect" not in annotation or trim is None:
            continue
        x0, y0, x1, y1 = (float(v) for v in annotation.Rect)
        if min(x0, x1) < trim[2] and max(x0, x1) > trim[0] and min(y0, y1) < trim[3] and max(y0, y1) > trim[1]:
            (drawn if "/AP" in annotation else empty).append(str(annotation.get("/Subtype", "/?"))[1:])
    if drawn:
        yield f"{len(drawn)} printing annotation{'s' if len(drawn) != 1 else ''} with an appearance inside the trim " \
              f"({', '.join(sorted(set(drawn)))})"
    if empty:
        yield Hit(f"{len(empty)} annotation{'s' if len(empty) != 1 else ''} flagged to print inside the trim "
                  f"({', '.join(sorted(set(empty)))}; no appearance, so nothing is printed)", severity=WARNING)


@rule("layout", WARNING, "")
def check_layout(check: PageCheck) -> Found:
    if not check.settings.layout_findings:
        return
    for finding in read_findings(check.page):
        where = f" ({finding.dotted_path})" if finding.path else ""
        yield Hit(f"layout: {finding.message}{where}", severity=finding.severity.value, advice=finding.hint)


def _inside(box: Box, point: tuple[float, float], tolerance: float = 0.5) -> bool:
    return box[0] - tolerance <= point[0] <= box[2] + tolerance and box[1] - tolerance <= point[1] <= box[3] + tolerance


def _image_name(image) -> str:  # noqa: ANN001 (a PlacedImage)
    at = f"at x {image.position[0]:.0f}, y {image.position[1]:.0f} pt"
    return f"image {image.source} {at}" if image.source else f"the image {at}"


def _snippet(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 40 else text[:37] + "..."
