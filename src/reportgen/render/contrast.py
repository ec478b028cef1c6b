"""Contrast check (WCAG 2.1 AA): the finished PDF and what each marked-content sequence was drawn for in, a located warning per text too faint on its ground out."""

from __future__ import annotations

import ctypes
import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from reportgen.cache import read_cached, write_cached
from reportgen.diagnostics import Diagnostic, Severity, SpecPath
from reportgen.layout.tagging import MarkedContent, StructureLog
from reportgen.model.contrast import (LARGE_BOLD_SIZE, LARGE_SIZE, RGB, contrast_ratio, hex_of, nearest_passing, passes,
                                     required_ratio)
from reportgen.model.report import Report
from reportgen.model.walk import iter_text
from reportgen.pdfium import PDFIUM
from reportgen.render.glyphs import NEVER_DRAWN, source_field

SCALE = 0.5          # the background is rendered at 36 dpi: a 7 pt line is still 3 pixels tall
FLAT = 8             # a background whose pixels differ by no more than this (0..255, per channel) is one colour
BOLD_WEIGHT = 600    # a font this heavy or heavier is bold for WCAG's large-text rule


@dataclass(frozen=True)
class TextRun:
    """One text object as drawn: its page, the spec item it was drawn for, its words (read only when it
    fails: "" when it passes), its colour and the average colour under it, its size in points and
    weight (bold is read only between 14 and 18 pt, where it matters), and whether its ground is one colour."""

    page: int
    item: SpecPath
    text: str
    color: RGB
    ground: RGB
    size: float
    bold: bool
    flat: bool

    @property
    def ratio(self) -> float:
        return contrast_ratio(self.color, self.ground)

    @property
    def needed(self) -> float:
        return required_ratio(self.size, self.bold)


def contrast_problems(pdf: Path, structure: StructureLog, report: Report,
                      cache_dir: Path | None = None) -> list[Diagnostic]:
    """One warning per spec field, text colour and required ratio whose text falls short, at its worst run.

    With a `cache_dir`, the findings are kept there, keyed by everything they depend on: the PDF's bytes,
    what each marked-content sequence was drawn for, the spec's texts and paper colour, and the code of the
    check. A build that draws the same PDF again (a warm build of an unchanged spec) reads them back and
    does not render its pages again."""
    texts = [(path, text) for path, text in iter_text(report)
             if not any(part in NEVER_DRAWN for part in path if isinstance(part, str))]
    entry = None
    if cache_dir is not None:
        entry = cache_dir / f"contrast-{_key(pdf, structure, texts, report.theme.colors.paper.hex)}.json"
        kept = _read_findings(entry)
        if kept is not None:
            return kept
    found = _problems(pdf, structure, report, texts)
    if entry is not None:
        write_cached(entry, json.dumps([[d.message, list(d.path), d.hint, d.severity.value, d.detail]
                                        for d in found]).encode("utf-8"))
    return found


@lru_cache(maxsize=1)
def _code() -> bytes:
    """The check's code, which its findings depend on (read once a process: the code running)."""
    here = Path(__file__).resolve()
    digest = hashlib.sha256()
    for path in (here, here.parents[1] / "model" / "contrast.py", here.parent / "glyphs.py"):
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"?")
    return digest.digest()


def _key(pdf: Path, structure: StructureLog, texts: list[tuple[SpecPath, str]], paper: str) -> str:
    digest = hashlib.sha256(_code())
    digest.update(pdf.read_bytes())
    drawn = sorted((key.page, key.mcid, list(item)) for key, item in structure.drawn_for.items())
    artifacts = sorted((page, [list(item) for item in items]) for page, items in structure.artifacts_for.items())
    digest.update(json.dumps([drawn, artifacts, [[list(path), text] for path, text in texts], paper],
                             ensure_ascii=False).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:40]


def _read_findings(entry: Path) -> list[Diagnostic] | None:
    """Kept findings, or None when the entry is absent or not a list of findings (then the check runs)."""
    data = read_cached(entry)
    if data is None:
        return None
    try:
        rows = json.loads(data)
        found = []
        for message, path, hint, severity, detail in rows:
            if not (isinstance(message, str) and isinstance(path, list) and all(
                    isinstance(part, (str, int)) and not isinstance(part, bool) for part in path)
                    and isinstance(hint, (str, type(None))) and isinstance(detail, (str, type(None)))):
                return None
            found.append(Diagnostic(message, tuple(path), hint, severity=Severity(severity), detail=detail))
        return found
    except (ValueError, TypeError):
        return None


def _problems(pdf: Path, structure: StructureLog, report: Report,
              texts: list[tuple[SpecPath, str]]) -> list[Diagnostic]:
    failing = [run for run in text_runs(pdf, structure) if not passes(run.ratio, run.needed)]
    grouped: dict[tuple[SpecPath, str, float], list[TextRun]] = {}
    for run in failing:
        field = _field(texts, run.item, run.text)
        grouped.setdefault((field, hex_of(run.color), run.needed), []).append(run)
    paper = report.theme.colors.paper.hex
    def place(path: SpecPath) -> int:  # spec order, whatever the drawing order: a field's, or its item's first
        return next((index for index, (field, _) in enumerate(texts) if field[:len(path)] == path), len(texts))
    keys = sorted(grouped, key=lambda key: (place(key[0]), grouped[key][0].page))
    return [_warning(key[0], grouped[key], paper) for key in keys]


def _field(texts: list[tuple[SpecPath, str]], item: SpecPath, text: str) -> SpecPath:
    """The spec field a run's words come from: the field that holds exactly these words (a stat's "74")
    in the item being drawn, its list (a row of cards is drawn for its first) or its section, else the
    field the glyph log would trace a line of them to; a short run that no field holds exactly (a
    pillar's number) is the item's own."""
    line = " ".join(text.split())
    scopes = [item, item[:-1] if item and isinstance(item[-1], int) else item, item[:2]]  # a row of cards: its first
    for scope in dict.fromkeys(scope for scope in scopes if scope):
        for path, field_text in texts:
            if path[:len(scope)] == scope and " ".join(field_text.split()) == line:
                return path
    if len(line.split()) < 3:
        return item
    return source_field(texts, item, "", _words(text))


def _words(text: str) -> set[str]:
    """A drawn line and its words, as the glyph log keeps them (a hyphen at a line's end taken off)."""
    line = " ".join(text.split()).strip("-\u00ad\u2010")
    return {line, *(word.strip("-\u00ad\u2010") for word in line.split() if len(word) > 3)} - {""}


def _warning(path: SpecPath, runs: list[TextRun], paper: str) -> Diagnostic:
    worst = min(runs, key=lambda run: run.ratio)
    pages = sorted({run.page for run in runs})
    where = f"page{'s' if len(pages) > 1 else ''} {', '.join(str(p) for p in pages)}"
    size = f"{worst.size:.3g} pt{' bold' if worst.bold else ''}"
    ground = hex_of(worst.ground) if worst.flat else f"a photo ({hex_of(worst.ground)} under it, on average)"
    words = " ".join(worst.text.split())
    words = words if len(words) <= 40 else words[:39] + "…"
    message = (f"text {hex_of(worst.color)} on {ground} "
               f"has a contrast of {_ratio(worst.ratio)}, below the {worst.needed:g}:1 WCAG 2.1 AA asks of "
               f"{size} text (\"{words}\", {where})")
    hints = []
    text = nearest_passing(worst.color, worst.ground, worst.needed)
    if text is not None:
        hints.append(f"a text colour of {hex_of(text)} ({_ratio(contrast_ratio(text, worst.ground))})")
    if not worst.flat:
        hints.append("a darker or lighter part of the photo, or a band behind the text")
    elif hex_of(worst.ground) != paper:  # a band or a card, not the page itself
        ground_fix = nearest_passing(worst.ground, worst.color, worst.needed)
        if ground_fix is not None:
            hints.append(f"a background of {hex_of(ground_fix)} ({_ratio(contrast_ratio(worst.color, ground_fix))})")
    return Diagnostic(message, path, "passes with " + " or ".join(hints) if hints else None, severity=Severity.WARNING)


def _ratio(ratio: float) -> str:
    return f"{int(ratio * 100) / 100:.2f}:1"  # truncated, never rounded up to a pass


# ---------------------------------------------------------------- reading the PDF (pdfium)

def text_runs(pdf: Path, structure: StructureLog) -> list[TextRun]:
    """Every text object of every page of `pdf`, with its spec item and the colour under it.

    Judged from what is drawn, not from the spec's colours: pdfium (used here only) reads every text
    object of a page (its fill colour, size, weight, box and the marked-content sequence it is in),
    renders the page again without its text and averages the pixels under each box: a band, a card,
    the page or the region of a photo the words sit on."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    runs: list[TextRun] = []
    with PDFIUM:  # (PDFium is one library for the process, and not thread-safe: reportgen.pdfium)
        document = pdfium.PdfDocument(str(pdf))
        try:
            for index in range(len(document)):
                page = document[index]
                try:
                    runs += _page_runs(page, index + 1, structure, raw)
                finally:
                    page.close()
        finally:
            document.close()
    return runs


Box = tuple[float, float, float, float]


@dataclass
class _Found:
    handle: object   # the text object (a raw FPDF_PAGEOBJECT)
    box: Box
    sequence: tuple[str, int | None, int]  # mark name, MCID, the mark's identity
    color: RGB = (0.0, 0.0, 0.0)
    size: float = 0.0


def _page_runs(page: Any, number: int, structure: StructureLog, raw: Any) -> list[TextRun]:
    """The page's text objects (raw handles: the wrappers cost more than the reading), then the page
    rendered without them, then each judged against the pixels under it."""
    found: list[_Found] = []
    taken: list[object] = []  # text objects and forms holding text: taken out before rendering the ground
    handle = page.raw
    for index in range(raw.FPDFPage_CountObjects(handle)):
        obj = raw.FPDFPage_GetObject(handle, index)
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == raw.FPDF_PAGEOBJ_TEXT:
            taken.append(obj)
            if raw.FPDFTextObj_GetTextRenderMode(obj) == raw.FPDF_TEXTRENDERMODE_INVISIBLE:
                continue  # never seen (a chart's data table, for screen readers): no contrast to judge
            found.append(_Found(obj, _bounds(obj, raw), _sequence(obj, raw)))
        elif kind == raw.FPDF_PAGEOBJ_FORM:
            inner = _form_text(obj, raw)  # a form (a page number filled in at the end) is placed as a whole
            if inner:
                box, sequence = _bounds(obj, raw), _sequence(obj, raw)
                found += [_Found(text, box, sequence) for text in inner]
                taken.append(obj)
    if not found:
        return []
    items = _items(found, number, structure)
    for f in found:
        f.color, f.size = _colour_and_size(f.handle, raw)
    for obj in taken:  # pdfium renders the page's objects as they are now: no content stream is written
        raw.FPDFPage_RemoveObject(handle, obj)
    image = page.render(scale=SCALE).to_pil()
    judged = []
    for f, (ground, flat) in zip(found, _grounds(image, found, page.get_height())):
        bold = LARGE_BOLD_SIZE - 0.05 <= f.size < LARGE_SIZE - 0.05 and _bold(f.handle, raw)  # only there it matters
        judged.append((f, ground, flat, bold, passes(contrast_ratio(f.color, ground), required_ratio(f.size, bold))))
    for obj in taken:  # back in the page (which frees them with itself), its words readable again
        raw.FPDFPage_InsertObject(handle, obj)
    texts: dict[int, str] = {}
    if not all(judged_ok for *_, judged_ok in judged):  # the words are read only when they are reported
        textpage = page.get_textpage()
        texts = {id(f): " ".join(_text(f.handle, textpage, raw).split()) for f, *_, ok in judged if not ok}
        textpage.close()
    runs = []
    for f, ground, flat, bold, ok in judged:
        text = "" if ok else texts[id(f)]
        if ok or text:  # a space drawn alone is no text
            runs.append(TextRun(number, items[id(f)], text, f.color, ground, f.size, bold, flat))
    return runs


def _bounds(obj: object, raw: Any) -> Box:
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top)
    return left.value, bottom.value, right.value, top.value


def _form_text(form: object, raw: Any, depth: int = 0) -> list[object]:
    """The text objects inside a form XObject (and the forms inside it)."""
    texts: list[object] = []
    for index in range(raw.FPDFFormObj_CountObjects(form)):
        obj = raw.FPDFFormObj_GetObject(form, index)
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == raw.FPDF_PAGEOBJ_TEXT:
            texts.append(obj)
        elif kind == raw.FPDF_PAGEOBJ_FORM and depth < 4:
            texts += _form_text(obj, raw, depth + 1)
    return texts


def _sequence(handle: object, raw: Any) -> tuple[str, int | None, int]:
    """The outermost marked-content sequence the object is in: its tag, MCID and identity (pdfium
    shares one mark between the objects of one sequence); ("", None, 0) when unmarked."""
    if raw.FPDFPageObj_CountMarks(handle) < 1:
        return ("", None, 0)
    mark = raw.FPDFPageObj_GetMark(handle, 0)
    length = ctypes.c_ulong()
    buffer = ctypes.create_string_buffer(128)
    raw.FPDFPageObjMark_GetName(mark, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)), 128, length)
    name = buffer.raw[:length.value].decode("utf-16-le").rstrip("\0")
    value = ctypes.c_int()
    mcid = value.value if raw.FPDFPageObjMark_GetParamIntValue(mark, b"MCID", value) else None
    return (name, mcid, ctypes.cast(mark, ctypes.c_void_p).value or 0)


def _items(found: list[_Found], page: int, structure: StructureLog) -> dict[int, SpecPath]:
    """The spec item each text object was drawn for: an element's content by its MCID, an artifact's by
    its place among the page's artifacts (in drawing order; pdfium tells sequences apart by their mark)."""
    artifacts = structure.artifacts_for.get(page, [])
    seen: dict[int, int] = {}
    items: dict[int, SpecPath] = {}
    for f in found:
        name, mcid, identity = f.sequence
        if mcid is not None:
            items[id(f)] = tuple(structure.drawn_for.get(MarkedContent(page, mcid), ()))
        elif name == "Artifact":
            place = seen.setdefault(identity, len(seen))
            items[id(f)] = tuple(artifacts[place]) if place < len(artifacts) else ()
        else:
            items[id(f)] = ()
    return items


def _text(handle: object, textpage: Any, raw: Any) -> str:
    """A text object's words, as pdfium's text page reads them."""
    count = raw.FPDFTextObj_GetText(handle, textpage.raw, None, 0)
    buffer = ctypes.create_string_buffer(max(count, 1) * 2)
    raw.FPDFTextObj_GetText(handle, textpage.raw, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)), count)
    return buffer.raw.decode("utf-16-le", "replace").rstrip("\0")


def _colour_and_size(handle: object, raw: Any) -> tuple[RGB, float]:
    """A text object's fill colour and its size in points, its matrix applied."""
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    raw.FPDFPageObj_GetFillColor(handle, r, g, b, a)
    size = ctypes.c_float()
    raw.FPDFTextObj_GetFontSize(handle, size)
    matrix = raw.FS_MATRIX()
    raw.FPDFPageObj_GetMatrix(handle, matrix)
    scale = abs(matrix.a * matrix.d - matrix.b * matrix.c) ** 0.5
    return (r.value / 255, g.value / 255, b.value / 255), size.value * scale


def _bold(handle: object, raw: Any) -> bool:
    """Whether the text object's font is bold: its descriptor's weight, else its name."""
    font = raw.FPDFTextObj_GetFont(handle)
    if not font:
        return False
    weight = raw.FPDFFont_GetWeight(font)
    if weight < 0:
        name = ctypes.create_string_buffer(256)
        raw.FPDFFont_GetBaseFontName(font, name, 256)
        base = name.value.decode("latin-1").lower()
        return any(word in base for word in ("bold", "black", "heavy"))
    return weight >= BOLD_WEIGHT


def _grounds(image: Any, found: list[_Found], height: float) -> list[tuple[RGB, bool]]:
    """The ground of each text object: the pixels under a whole paragraph (the objects of one sequence in
    one colour) when they are one colour, else those under each object's own box (a photo's region)."""
    groups: dict[tuple[int, RGB], list[int]] = {}
    for index, f in enumerate(found):
        groups.setdefault((f.sequence[2] or -index - 1, f.color), []).append(index)
    grounds: list[tuple[RGB, bool]] = [((1.0, 1.0, 1.0), True)] * len(found)
    for members in groups.values():
        boxes = [found[i].box for i in members]
        union = (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
        shared = _ground(image, union, height)
        for i in members:
            grounds[i] = shared if shared[1] or len(members) == 1 else _ground(image, found[i].box, height)
    return grounds


def _ground(image: Any, box: tuple[float, float, float, float], height: float) -> tuple[RGB, bool]:
    """The average colour of the rendered page (text taken out) under `box`, and whether it is one colour."""
    from PIL import Image

    left, bottom, right, top = box
    width_px, height_px = image.size
    x0 = min(max(int(left * SCALE), 0), width_px - 1)
    x1 = min(max(int(right * SCALE + 0.999), x0 + 1), width_px)
    y0 = min(max(int((height - top) * SCALE), 0), height_px - 1)
    y1 = min(max(int((height - bottom) * SCALE + 0.999), y0 + 1), height_px)
    region = image.crop((x0, y0, x1, y1))
    mean = region.resize((1, 1), Image.Resampling.BOX).getpixel((0, 0))
    spread = max(high - low for low, high in region.getextrema())
    return (mean[0] / 255, mean[1] / 255, mean[2] / 255), spread <= FLAT
