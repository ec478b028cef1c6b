"""`reportgen preview [SPEC or PDF]`: a PDF (built from the spec when given one) in, PNGs out.

Writes page-001.png ... one per page at --dpi, and contact-sheet.png: every page as a thumbnail,
laid out as the reader sees the printed report, in spreads: page 1 alone on the right, then 2-3,
4-5, ... and the last even page alone on the left. A print PDF's pages are shown trimmed (its TrimBox:
the page the reader holds); --bleed shows the whole sheet, with the bleed, crop marks and slug.
"""

from __future__ import annotations

import argparse
import re
import stat
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any, Sequence

from reportgen.cli.build import add_cache_option, add_spec_options, options_from
from reportgen.cli.console import Console, count
from reportgen.diagnostics import Diagnostic, ReportError
from reportgen.output import PNG, Protected, Staging, output_problems, protected_files

if TYPE_CHECKING:
    from PIL import Image

DEFAULT_DIR = "build/preview"
CONTACT_SHEET = "contact-sheet.png"
PAGE_FILE = re.compile(r"^page-\d+\.png$")
THUMB_HEIGHT = 260      # pixels of one page on the contact sheet
SPREADS_PER_ROW = 4
GAP = 36                # between spreads, and around the sheet
LABEL_HEIGHT = 26
SHEET_GROUND = (228, 230, 233)
LABEL_COLOUR = (91, 103, 112)


def add_parser(commands: Any) -> argparse.ArgumentParser:
    parser = commands.add_parser("preview", help="render pages to PNG and a contact sheet of spreads",
                                 description="Render a PDF (or build a spec, then render it) to one PNG per page "
                                             "and a contact sheet of reader spreads.")
    add_spec_options(parser, output=False)
    add_cache_option(parser)
    parser.add_argument("-o", "--output", default=DEFAULT_DIR, help=f"folder for the PNGs (default: {DEFAULT_DIR})")
    parser.add_argument("--pages", help="pages to render, e.g. 3-7 or 1,4,9-12 (default: all)")
    parser.add_argument("--dpi", type=int, default=100, help="resolution of the page PNGs (default: 100)")
    parser.add_argument("--edition", metavar="KEY", help="a spec with editions: preview the edition with this key")
    parser.add_argument("--bleed", action="store_true",
                        help="a print PDF's whole sheet: bleed, crop marks and slug (default: the trimmed page)")
    return parser


def parse_pages(text: str | None, total: int) -> list[int]:
    """'3-7,10' -> [3, 4, 5, 6, 7, 10]; None -> every page. Raises ReportError when out of range."""
    if not text:
        return list(range(1, total + 1))
    pages: set[int] = set()
    for part in text.split(","):
        match = re.fullmatch(r"\s*(\d+)\s*(?:-\s*(\d*)\s*)?", part)
        if not match:
            raise ReportError([Diagnostic(f"--pages: {part.strip()!r} is not a page or a range", hint="e.g. 3-7 or 1,4,9-12")])
        first = int(match.group(1))
        last = first if match.group(2) is None else int(match.group(2) or total)
        if not 1 <= first <= last <= total:
            raise ReportError([Diagnostic(f"--pages: {part.strip()} is outside pages 1-{total}")])
        pages.update(range(first, last + 1))
    return sorted(pages)


def run(arguments: argparse.Namespace, console: Console) -> int:
    if not 20 <= arguments.dpi <= 600:
        raise ReportError([Diagnostic(f"--dpi {arguments.dpi} is outside 20-600")])
    source, folder = Path(arguments.spec), Path(arguments.output)
    _check_folder(folder)  # before the build; each PNG is checked again as it is written
    with tempfile.TemporaryDirectory(prefix="reportgen-preview-") as scratch:
        if source.suffix.lower() == ".pdf":
            if not source.is_file():
                raise ReportError([Diagnostic("PDF not found", file=str(source))])
            pdf, protected = source, [Protected(source, "the PDF previewed")]
        else:
            from reportgen import pipeline

            pdf = Path(scratch) / "report.pdf"
            with console.working(f"building {source}"):
                result = pipeline.build(source, pdf, options_from(arguments), edition=arguments.edition)
            console.diagnostics(result.warnings)
            protected = protected_files(source, (((), path) for path in result.inputs))
        written = render(pdf, folder, arguments.pages, arguments.dpi, console, protected, bleed=arguments.bleed)
    console.result(f"{arguments.output}: {count(len(written) - 1, 'page')} and {CONTACT_SHEET}")
    return 0


def _check_folder(folder: Path) -> None:
    """The PNGs' folder is a folder, or a new path."""
    try:
        status = folder.stat()
    except FileNotFoundError:
        return
    except OSError as error:
        raise ReportError([Diagnostic(f"cannot write PNGs into {folder}: {error.strerror}")]) from None
    if not stat.S_ISDIR(status.st_mode):
        raise ReportError([Diagnostic(f"cannot write PNGs into {folder}: it is not a folder",
                                      hint="preview -o names a folder for the page PNGs, e.g. build/preview")])


def _save(image: Image.Image, path: Path, protected: list[Protected], **options: Any) -> None:
    """Save a PNG through a temporary file of its own, refusing what output.py refuses."""
    with Staging(path, protected, magic=PNG) as staging:
        with staging.writing():
            image.save(staging.path, "PNG", **options)
        staging.commit()


def render(pdf: Path, folder: Path, pages_text: str | None, dpi: int, console: Console,
           protected: list[Protected] | None = None, *, bleed: bool = False) -> list[Path]:
    """Write the page PNGs and the contact sheet; returns the files written. Nothing in `protected`
    (the spec and its files) is replaced or removed. Pages are cut to their TrimBox unless `bleed`."""
    from reportgen.pdfium import PDFIUM

    with PDFIUM:  # (PDFium is not thread-safe: reportgen.pdfium)
        return _render(pdf, folder, pages_text, dpi, console, protected, bleed)


def trim_crop(page: Any) -> tuple[float, float, float, float]:
    """What to cut off a PDFium page (left, bottom, right, top, in points) to show its TrimBox: nothing
    for a page without one (a screen PDF) or with one no smaller than what is shown."""
    shown = page.get_cropbox()
    trim = page.get_trimbox(fallback_ok=True)
    crop = (trim[0] - shown[0], trim[1] - shown[1], shown[2] - trim[2], shown[3] - trim[3])
    if any(amount < 0 for amount in crop) or trim[2] - trim[0] <= 0 or trim[3] - trim[1] <= 0:
        return (0.0, 0.0, 0.0, 0.0)
    return crop


def _render(pdf: Path, folder: Path, pages_text: str | None, dpi: int, console: Console,
            protected: list[Protected] | None, bleed: bool = False) -> list[Path]:
    protected = list(protected or [])
    import pypdfium2  # imported here: only `preview` needs it

    try:
        document = pypdfium2.PdfDocument(str(pdf))
    except pypdfium2.PdfiumError as error:
        raise ReportError([Diagnostic(f"cannot read the PDF: {error}", file=str(pdf))]) from None
    try:
        pages = parse_pages(pages_text, len(document))
        _check_folder(folder)
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise ReportError([Diagnostic(f"cannot create the folder {folder}: {error.strerror}")]) from None
        if pages_text is None:  # a full preview replaces the previous one's pages (only PNGs, never links)
            for stale in folder.iterdir():
                if PAGE_FILE.match(stale.name) and not stale.is_symlink() \
                        and not output_problems(stale, protected, magic=PNG):
                    stale.unlink()
        written: list[Path] = []
        thumbnails: dict[int, Image.Image] = {}
        for done, number in enumerate(pages, start=1):
            console.status(f"rendering page {number} ({done} of {len(pages)})")
            page = document[number - 1]
            crop = (0.0, 0.0, 0.0, 0.0) if bleed else trim_crop(page)
            image = page.render(scale=dpi / 72, crop=crop).to_pil().convert("RGB")
            path = folder / f"page-{number:03d}.png"
            _save(image, path, protected, optimize=False)
            written.append(path)
            thumbnails[number] = _thumbnail(image)
        console.clear_status()
    finally:
        document.close()
    sheet = contact_sheet(thumbnails)
    sheet_path = folder / CONTACT_SHEET
    _save(sheet, sheet_path, protected)
    written.append(sheet_path)
    console.detail(f"{sheet_path}: {sheet.width}x{sheet.height} px")
    return written


def _thumbnail(image: Image.Image) -> Image.Image:
    from PIL import Image as PILImage

    width = max(1, round(image.width * THUMB_HEIGHT / image.height))
    return image.resize((width, THUMB_HEIGHT), PILImage.Resampling.LANCZOS)


def spreads(numbers: Sequence[int]) -> list[tuple[int | None, int | None]]:
    """Reader spreads (left, right): page 1 alone on the right, then (2, 3), (4, 5), ..."""
    pairs: dict[int, list[int | None]] = {}
    for number in sorted(numbers):
        pair = pairs.setdefault(number // 2, [None, None])
        pair[0 if number % 2 == 0 else 1] = number
    return [(left, right) for _, (left, right) in sorted(pairs.items())]


def contact_sheet(thumbnails: dict[int, Image.Image]) -> Image.Image:
    """All thumbnails as spreads, SPREADS_PER_ROW to a row, each labelled with its page numbers."""
    from PIL import Image as PILImage, ImageDraw

    page_width = max(image.width for image in thumbnails.values())
    pairs = spreads(list(thumbnails))
    per_row = min(SPREADS_PER_ROW, len(pairs))
    rows = -(-len(pairs) // per_row)
    cell_width, cell_height = 2 * page_width, THUMB_HEIGHT + LABEL_HEIGHT
    sheet = PILImage.new("RGB", (GAP + per_row * (cell_width + GAP), GAP + rows * (cell_height + GAP)), SHEET_GROUND)
    draw = ImageDraw.Draw(sheet)
    font = _label_font()
    for index, (left, right) in enumerate(pairs):
        x = GAP + (index % per_row) * (cell_width + GAP)
        y = GAP + (index // per_row) * (cell_height + GAP)
        for side, number in enumerate((left, right)):
            if number is None:
                continue
            image = thumbnails[number]
            page_x = x + side * page_width
            draw.rectangle((page_x + 3, y + 3, page_x + image.width + 3, y + image.height + 3), fill=(196, 199, 204))
            sheet.paste(image, (page_x, y))
        if left is not None and right is not None:  # the fold between facing pages
            draw.line((x + page_width, y, x + page_width, y + THUMB_HEIGHT - 1), fill=(160, 164, 170), width=1)
        label = "–".join(str(n) for n in (left, right) if n is not None)
        draw.text((x + cell_width / 2, y + THUMB_HEIGHT + LABEL_HEIGHT / 2 + 2), label, fill=LABEL_COLOUR,
                  font=font, anchor="mm")
    return sheet


def _label_font() -> Any:
    from importlib.resources import files

    from PIL import ImageFont

    try:
        return ImageFont.truetype(str(files("reportgen") / "fonts" / "OpenSans-Regular.ttf"), 15)
    except OSError:
        return ImageFont.load_default()
