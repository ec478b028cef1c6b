"""Typography figures: a PDF in, the measures of issue 14's table out (word spacing, hyphenation, kerning,
ligatures, baseline alignment, line length), as a readable table or JSON.

    python benchmarks/typography.py build/report.pdf
    python benchmarks/typography.py build/report.pdf --json

How the text is read (glyph positions from pdfplumber, in content-stream order):
- Body text is the most common font family and size by glyph count (override with --family/--size);
  bold and italic of that family at that size are body text too.
- A line is a run of consecutive body glyphs on one baseline, moving right. Lines are grouped into
  columns by left edge (within 16 pt, so bullets stay in their column) and right edge: a column's
  right edge is an x at which two or more lines end (within 0.1 pt; a line whose last mark hangs into
  the margin ends there too); a line ends flush within 0.5 pt of it. A column with one such line only
  has no edge, so its lines are ragged (a two-line paragraph alone beside a float is missed).
- A paragraph is a run of lines in one column one leading apart (the body leading is the most
  common baseline step); a paragraph continues across a column or page turn when the column's last
  line is flush. A justified line ends flush and is not its paragraph's last line.
- A word space is the gap between the last glyph of one word and the first of the next; the natural
  space is the space glyph's advance at that size (from the font's widths, else from the space glyphs).
- Kerning: content streams (pages and form XObjects) are parsed with pikepdf; a TJ array with a
  non-zero number in it is a kerned run. A bare Tj is a run shown without adjustments: it is decoded
  with its font's ToUnicode map and shaped again with HarfBuzz (uharfbuzz) in the font file it was
  subset from (found by its PostScript name: reportgen's bundled fonts and assets/fonts beside the
  PDF's folder or its parent); a run the font would kern inside a word is an unkerned run (pairs
  with a word space are left out: reportgen shapes words, and the line breaker sets word spaces).
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Iterable

import pdfplumber
import pikepdf

from reportgen.print.content import to_unicode_map

HYPHENS = "-\u00ad\u2010"
HANGING = HYPHENS + ".,;:!?\u2019\u201d\"')\u2013\u2014"
LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl"}
FLUSH = 0.5  # pt: a line ends flush when it ends this close to its column's right edge
LEVEL = 0.5  # pt: two baselines are level when this close
SAME_COLUMN_LEFT = 16.0  # pt: left edges this close belong to one column (bullet indents are 13 pt)
UNEVEN = 0.75  # natural spaces: two consecutive lines whose spaces differ by more show a change of grey
TIGHT = 0.75  # a justified line with a space narrower than this many natural spaces is tight
WORD_GAP_EM = 0.15  # a gap wider than this many ems between glyphs is a word space, space glyph or not


@dataclass
class Glyph:
    text: str
    x0: float
    x1: float
    baseline: float
    font: str
    size: float


@dataclass
class Line:
    page: int  # 1-based
    glyphs: list[Glyph]
    column: int = -1  # index into the page's columns
    group: int = -1  # columns sharing a left edge (text narrowed beside a float) form one group
    flush: bool = False
    justified: bool = False
    paragraph_end: bool = False  # the last line of its paragraph
    column_end: bool = False  # the last line of its column on the page
    continues: bool = False  # the next line (same paragraph) is in another column or on another page

    @property
    def baseline(self) -> float:
        return self.glyphs[0].baseline

    @property
    def x0(self) -> float:
        return self.glyphs[0].x0

    @property
    def x1(self) -> float:
        return self.glyphs[-1].x1

    @property
    def text(self) -> str:
        out = [self.glyphs[0].text]
        for before, glyph in zip(self.glyphs, self.glyphs[1:]):
            if glyph.text != " " and before.text != " " and glyph.x0 - before.x1 > WORD_GAP_EM * glyph.size:
                out.append(" ")
            out.append(glyph.text)
        return "".join(out)

    def word_spaces(self) -> list[tuple[float, float]]:
        """(gap, font size) for every space between words: last glyph of a word to the first of the next."""
        spaces = []
        previous: Glyph | None = None
        spaced = False
        for glyph in self.glyphs:
            if glyph.text.isspace():
                spaced = True
                continue
            if previous is not None and (spaced or glyph.x0 - previous.x1 > WORD_GAP_EM * glyph.size):
                spaces.append((glyph.x0 - previous.x1, glyph.size))
            previous, spaced = glyph, False
        return spaces


@dataclass
class Column:
    left: float
    right: float
    group: int
    confirmed: bool  # two or more lines end at `right` (a justified edge, not one ragged line's end)
    lines: list[Line] = field(default_factory=list)

    @property
    def top(self) -> float:
        return max(line.baseline for line in self.lines)

    @property
    def bottom(self) -> float:
        return min(line.baseline for line in self.lines)


@dataclass
class TypographyFigures:
    """The figures of issue 14's table for one PDF (justified body text unless the name says otherwise)."""

    pdf: str
    pages: int
    body_font: str
    body_size: float
    natural_space: float  # pt, the body font's space glyph at body size
    leading: float  # pt, the most common baseline step between body lines
    body_pages: int
    body_lines: int
    justified_lines: int
    mean_space_ratio: float  # mean word space / natural space, over all spaces of justified lines
    mean_line_space_ratio: float  # the same, averaged per line (each line's mean space) instead
    lines_over_2x: int  # justified lines with a word space wider than 2x natural
    lines_over_3x: int
    tight_lines: int  # justified lines with a space narrower than TIGHT natural spaces
    uneven_pairs: int  # consecutive justified lines whose mean spaces differ by more than UNEVEN natural spaces
    hyphenated_lines: int  # body lines ending in a hyphen after a letter
    hyphenated_runs: int  # runs of 3 or more consecutive hyphenated lines in one paragraph
    longest_hyphenated_run: int
    short_hyphen_tails: int  # hyphens leaving 1-2 letters on the next line (coun-ty)
    capitalised_hyphenations: int  # hyphenated words starting with a capital (Ingle-wood)
    hyphen_tail_last_lines: int  # paragraphs whose last line is one word after a hyphenated line
    hyphens_at_turns: int  # hyphenated line ends that are the last line of a column or page
    tj_operators: int  # Tj, ' and " operators (unkerned runs)
    tj_arrays: int  # TJ operators
    kerned_tj_arrays: int  # TJ arrays with at least one non-zero adjustment
    unkerned_runs: int  # bare Tj runs whose text the font's kerning (kern/GPOS, via HarfBuzz) would adjust
    unchecked_runs: int  # bare Tj runs in a font whose file was not found (not judged)
    ligature_glyphs: int  # body glyphs that are ligatures (fi, fl, ff, ffi, ffl)
    ligatures_extracting_as_letters: int  # of those, the ones whose extracted text is the letters ("fi")
    fi_fl_in_text: int  # occurrences of "fi"/"fl" in the body text (ligature glyphs counted as their letters)
    two_column_pages: int
    right_column_lines: int  # right-column body lines facing left-column text (a left baseline within half a line)
    right_column_level: int  # of those, level with a left-column baseline (within 0.5 pt)
    single_column_pages: int
    single_column_chars_mean: float  # characters (spaces included) per justified line, widest measure, one column
    single_column_chars_max: int  # the longest line there, any line
    single_column_chars_by_page: dict[int, float] = field(default_factory=dict)  # page -> mean of its widest measure
    over_3x_lines: list[str] = field(default_factory=list)  # "p12: text of the line" for each 3x line
    hyphenated_run_examples: list[str] = field(default_factory=list)

    def percent(self, part: int, whole: int) -> float:
        return 100.0 * part / whole if whole else 0.0

    @property
    def hyphenated_percent(self) -> float:
        return self.percent(self.hyphenated_lines, self.body_lines)

    @property
    def over_2x_percent(self) -> float:
        return self.percent(self.lines_over_2x, self.justified_lines)

    @property
    def over_3x_percent(self) -> float:
        return self.percent(self.lines_over_3x, self.justified_lines)

    @property
    def level_percent(self) -> float:
        return self.percent(self.right_column_level, self.right_column_lines)

    @property
    def kerned(self) -> bool:
        """Every run of text is kerned as its font asks: TJ arrays carry adjustments, and no bare Tj is a run
        the font would kern (a bare Tj is a run without a kerning pair), every font found."""
        return self.kerned_tj_arrays > 0 and self.unkerned_runs == 0 and self.unchecked_runs == 0

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.update(hyphenated_percent=round(self.hyphenated_percent, 1), over_2x_percent=round(self.over_2x_percent, 1),
                    over_3x_percent=round(self.over_3x_percent, 1), level_percent=round(self.level_percent, 1),
                    kerned=self.kerned)
        return data


def family(fontname: str) -> str:
    """'ABCDEF+OpenSans-Bold' -> 'OpenSans'."""
    return fontname.split("+", 1)[-1].split("-", 1)[0].split(",", 1)[0]


def read_glyphs(page: Any) -> list[Glyph]:
    return [Glyph(c["text"], c["x0"], c["x1"], c["matrix"][5], c["fontname"], round(c["size"], 2))
            for c in page.chars if c.get("upright", True)]


def body_style(pages: list[list[Glyph]]) -> tuple[str, float]:
    counts = Counter((family(g.font), round(g.size, 1)) for glyphs in pages for g in glyphs if not g.text.isspace())
    if not counts:
        raise ValueError("the PDF has no text")
    return counts.most_common(1)[0][0]


def split_lines(page_number: int, glyphs: Iterable[Glyph]) -> list[Line]:
    """Consecutive glyphs on one baseline, moving right, form a line (trailing spaces dropped); a jump of
    more than 3 em to the right starts another (text drawn side by side, not a word space)."""
    lines: list[Line] = []
    current: list[Glyph] = []
    for glyph in glyphs:
        if current and (abs(glyph.baseline - current[-1].baseline) > 0.1 or glyph.x0 < current[-1].x1 - 1.0
                        or glyph.x0 - current[-1].x1 > 3 * glyph.size):
            lines.append(Line(page_number, current))
            current = []
        current.append(glyph)
    if current:
        lines.append(Line(page_number, current))
    out = []
    for line in lines:
        while line.glyphs and line.glyphs[-1].text.isspace():
            line.glyphs.pop()
        while line.glyphs and line.glyphs[0].text.isspace():
            line.glyphs.pop(0)
        if line.glyphs:
            out.append(line)
    return out


def assign_columns(lines: list[Line]) -> list[Column]:
    """Group one page's lines into columns by left edge, then by the right edges lines end flush at."""
    lefts: list[list[Line]] = []
    for line in sorted(lines, key=lambda l: l.x0):
        if lefts and line.x0 - lefts[-1][0].x0 <= SAME_COLUMN_LEFT:
            lefts[-1].append(line)
        else:
            lefts.append([line])
    columns: list[Column] = []
    for number, group in enumerate(lefts):
        ends: Counter[float] = Counter()
        for line in group:  # a line may end at the edge, or hang its last mark past it
            ends[round(line.x1 * 10) / 10] += 1
            if line.glyphs[-1].text in HANGING and line.glyphs[-1].x0 < line.x1:
                ends[round(line.glyphs[-1].x0 * 10) / 10] += 1
        edges = sorted(x for x, n in ends.items() if n >= 2)
        merged: list[float] = []
        for x in edges:  # ends within FLUSH of each other are one edge (the furthest right)
            if merged and x - merged[-1] <= FLUSH:
                merged[-1] = x
            else:
                merged.append(x)
        group_columns = [Column(group[0].x0, x, number, True) for x in merged]
        if not merged or max(line.x1 for line in group) > merged[-1] + FLUSH:  # ragged lines wider than any edge
            group_columns.append(Column(group[0].x0, max(line.x1 for line in group) + FLUSH, number, False))
        for line in group:
            last = line.glyphs[-1]
            reach = last.x0 if last.text in HANGING else line.x1  # hanging punctuation may pass the edge
            column = next((c for c in group_columns if c.right >= reach - FLUSH), group_columns[-1])
            column.lines.append(line)
            line.flush = column.confirmed and (abs(line.x1 - column.right) <= FLUSH or (
                last.text in HANGING and last.x0 - FLUSH <= column.right <= line.x1 + FLUSH))
        columns += [c for c in group_columns if c.lines]
    columns.sort(key=lambda c: (c.left, c.right))
    for index, column in enumerate(columns):
        column.left = min(line.x0 for line in column.lines)
        for line in column.lines:
            line.column, line.group = index, column.group
    return columns


def body_leading(pages: list[list[Line]]) -> float:
    steps = Counter()
    for lines in pages:
        for before, line in zip(lines, lines[1:]):
            if line.group == before.group and 0 < before.baseline - line.baseline < 40:
                steps[round(before.baseline - line.baseline, 1)] += 1
    return steps.most_common(1)[0][0] if steps else 0.0


def mark_paragraphs(pages: list[list[Line]], leading: float) -> list[list[Line]]:
    """Mark paragraph ends, column ends and justified lines; return the paragraphs in reading order."""
    sequence = [line for lines in pages for line in lines]
    for lines in pages:
        last_in_column: dict[int, Line] = {}
        for line in lines:
            if line.group not in last_in_column or line.baseline < last_in_column[line.group].baseline:
                last_in_column[line.group] = line
        for line in last_in_column.values():
            line.column_end = True
    paragraphs: list[list[Line]] = []
    current: list[Line] = []
    for line, after in zip(sequence, sequence[1:] + [None]):  # type: ignore[list-item]
        current.append(line)
        same = (after is not None and after.page == line.page and after.group == line.group
                and abs(line.baseline - after.baseline - leading) <= 0.3)
        turn = (after is not None and line.column_end and line.flush
                and (after.page != line.page or after.group != line.group) and after.baseline > line.baseline)
        if same or turn:
            line.continues = turn
            continue
        line.paragraph_end = True
        paragraphs.append(current)
        current = []
    for line in sequence:
        line.justified = line.flush and not line.paragraph_end
    return paragraphs


def natural_spaces(path: Path) -> dict[str, float]:
    """Font name (as pdfplumber reports it) -> the space glyph's advance in 1/1000 em, from simple fonts' widths."""
    widths: dict[str, float] = {}
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            fonts = page.obj.get("/Resources", {}).get("/Font", {})
            for font in fonts.values():
                name = str(font.get("/BaseFont", ""))[1:]
                if name in widths or "/Widths" not in font:
                    continue
                first = int(font.get("/FirstChar", 0))
                values = font["/Widths"]
                if first <= 32 < first + len(values):
                    widths[name] = float(values[32 - first])
    return widths


def default_font_dirs(pdf_path: Path) -> list[Path]:
    """reportgen's bundled fonts, and assets/fonts beside the PDF and in its parent folder (build/report.pdf)."""
    here = Path(__file__).resolve().parents[1]
    folder = Path(pdf_path).resolve().parent
    return [here / "src" / "reportgen" / "fonts", folder / "assets" / "fonts", folder.parent / "assets" / "fonts"]


class _Kerning:
    """Whether a font would kern a run of text: the font files by PostScript name, shaped with HarfBuzz."""

    def __init__(self, font_dirs: Iterable[Path]):
        from reportlab.pdfbase.ttfonts import TTFontFile

        self.files: dict[str, Path] = {}
        for folder in font_dirs:
            for path in sorted(Path(folder).glob("*.[ot]tf")) if Path(folder).is_dir() else ():
                try:
                    name = TTFontFile(str(path), validate=0).name
                except Exception:  # not a font ReportLab reads: not one reportgen embeds either
                    continue
                self.files.setdefault(name.decode() if isinstance(name, bytes) else str(name), path)
        self.fonts: dict[str, Any] = {}

    def font(self, base_font: str) -> Any:
        name = base_font.lstrip("/").split("+", 1)[-1]
        if name not in self.fonts:
            import uharfbuzz as hb

            path = self.files.get(name)
            self.fonts[name] = hb.Font(hb.Face(hb.Blob.from_file_path(str(path)))) if path else None
        return self.fonts[name]

    def would_kern(self, font: Any, text: str) -> bool:
        """Whether HarfBuzz (kern, GPOS) moves any glyph of `text` from its advance width, between two
        glyphs of a word (a pair with a word space is left out: reportgen shapes words, and a word space's
        width is the line breaker's to set)."""
        import uharfbuzz as hb

        buffer = hb.Buffer()
        buffer.add_str(text)
        buffer.guess_segment_properties()
        hb.shape(font, buffer, {"kern": True, "liga": True})
        infos, positions = buffer.glyph_infos, buffer.glyph_positions
        for index, (info, position) in enumerate(zip(infos, positions)):
            following = infos[index + 1].cluster if index + 1 < len(infos) else None
            if text[info.cluster].isspace() or (following is not None and text[following].isspace()):
                continue
            if position.x_advance != font.get_glyph_h_advance(info.codepoint) or position.x_offset:
                return True
        return False


def count_text_operators(path: Path, font_dirs: Iterable[Path] | None = None) -> tuple[int, int, int, int, int]:
    """(Tj/'/" operators, TJ operators, TJ arrays with a non-zero adjustment, bare Tj runs the font would
    kern, bare Tj runs in fonts not found) over pages and form XObjects."""
    tj = arrays = kerned = unkerned = unchecked = 0
    kerning = _Kerning(font_dirs if font_dirs is not None else default_font_dirs(path))
    maps: dict[tuple[int, int], dict[int, str]] = {}
    seen: set[tuple[int, int]] = set()
    with pikepdf.open(path) as pdf:
        def streams(resources: Any) -> Iterable[Any]:
            for xobject in (resources or {}).get("/XObject", {}).values():
                if xobject.get("/Subtype") == "/Form" and xobject.objgen not in seen:
                    seen.add(xobject.objgen)
                    yield xobject
                    yield from streams(xobject.get("/Resources"))

        targets: list[Any] = []
        for page in pdf.pages:
            targets.append(page)
            targets += list(streams(page.obj.get("/Resources")))
        for target in targets:
            fonts = (target.obj if hasattr(target, "obj") else target).get("/Resources", {}).get("/Font", {})
            current = None
            for operands, operator in pikepdf.parse_content_stream(target):
                name = str(operator)
                if name == "Tf":
                    current = fonts.get(str(operands[0]))
                elif name in ("Tj", "'", '"'):
                    tj += 1
                    if current is None:
                        unchecked += 1
                        continue
                    font = kerning.font(str(current.get("/BaseFont", "")))
                    if font is None:
                        unchecked += 1
                        continue
                    key = current.objgen
                    if key not in maps:
                        maps[key] = to_unicode_map(current)
                    text = "".join(maps[key].get(byte, "") for byte in bytes(operands[-1]))
                    if len(text) > 1 and kerning.would_kern(font, text):
                        unkerned += 1
                elif name == "TJ":
                    arrays += 1
                    if any(_nonzero(item) for item in operands[0]):
                        kerned += 1
    return tj, arrays, kerned, unkerned, unchecked


def _nonzero(item: Any) -> bool:
    """A TJ array element that is a non-zero number (strings are glyphs, not adjustments)."""
    if isinstance(item, (str, bytes, pikepdf.String)):
        return False
    try:
        return float(item) != 0.0
    except (TypeError, ValueError):
        return False


WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def hyphenated(line: Line) -> bool:
    text = line.text
    return len(text) >= 2 and text[-1] in HYPHENS and text[-2].isalpha()


def measure(pdf_path: str | Path, family_name: str | None = None, size: float | None = None) -> TypographyFigures:
    """Read `pdf_path` and measure its body text (the most common font family and size unless given)."""
    path = Path(pdf_path)
    with pdfplumber.open(path) as pdf:
        page_glyphs = [read_glyphs(page) for page in pdf.pages]
        page_count = len(pdf.pages)
    all_glyphs = [g for glyphs in page_glyphs for g in glyphs]
    guessed_family, guessed_size = body_style(page_glyphs)
    family_name, size = family_name or guessed_family, size or guessed_size
    is_body = lambda g: family(g.font) == family_name and abs(g.size - size) < 0.06  # noqa: E731
    pages: list[list[Line]] = []
    page_columns: list[list[Column]] = []
    for number, glyphs in enumerate(page_glyphs, start=1):
        lines = split_lines(number, (g for g in glyphs if is_body(g)))
        page_columns.append(assign_columns(lines) if lines else [])
        pages.append(lines)
    leading = body_leading(pages)
    paragraphs = mark_paragraphs(pages, leading)
    lines = [line for page in pages for line in page]

    # the natural space: the regular body font's space width from the PDF, else the space glyphs drawn
    widths = natural_spaces(path)
    body_fonts = Counter(g.font for g in all_glyphs if is_body(g) and not g.text.isspace())
    main_font = body_fonts.most_common(1)[0][0] if body_fonts else ""
    if main_font in widths:
        natural = widths[main_font] / 1000 * size
    else:
        drawn = [g.x1 - g.x0 for g in all_glyphs if g.text == " " and is_body(g)]
        natural = statistics.median(drawn) if drawn else 0.26 * size

    justified = [line for line in lines if line.justified]
    all_ratios: list[float] = []
    line_ratios: list[float] = []
    over_2x = over_3x = tight = 0
    over_3x_lines = []
    for line in justified:
        ratios = [gap / natural for gap, _ in line.word_spaces()]
        if not ratios:
            continue
        all_ratios += ratios
        line_ratios.append(statistics.fmean(ratios))
        if min(ratios) < TIGHT:
            tight += 1
        if max(ratios) > 2:
            over_2x += 1
        if max(ratios) > 3:
            over_3x += 1
            over_3x_lines.append(f"p{line.page}: {line.text}")

    uneven = 0  # consecutive justified lines of a paragraph whose mean spaces differ by more than UNEVEN
    for paragraph in paragraphs:
        means = [statistics.fmean(r) if (r := [gap / natural for gap, _ in line.word_spaces()]) and line.justified
                 else None for line in paragraph]
        uneven += sum(1 for a, b in zip(means, means[1:]) if a is not None and b is not None and abs(a - b) > UNEVEN)

    hyphen_count = runs = longest = short_tails = capitals = tail_last = turns = 0
    run_examples = []
    for paragraph in paragraphs:
        run = 0
        for index, line in enumerate(paragraph):
            if not hyphenated(line):
                run = 0
                continue
            hyphen_count += 1
            run += 1
            if run == 3:
                runs += 1
                run_examples.append(f"p{line.page}: " + " / ".join(l.text[-20:] for l in paragraph[index - 2:index + 1]))
            longest = max(longest, run if run >= 3 else 0)
            head = WORD.findall(line.text.rsplit(" ", 1)[-1])
            if head and head[-1][:1].isupper():
                capitals += 1
            if line.column_end:
                turns += 1
            if index + 1 < len(paragraph):
                following = paragraph[index + 1]
                tail = following.text.split(" ", 1)[0]
                letters = WORD.match(tail)
                if letters and len(letters.group(0)) <= 2:
                    short_tails += 1
                if following is paragraph[-1] and " " not in following.text:
                    tail_last += 1

    tj, arrays, kerned, unkerned, unchecked = count_text_operators(path)
    ligature_glyphs = [g for line in lines for g in line.glyphs
                       if g.text in LIGATURES or (len(g.text) > 1 and g.text in LIGATURES.values())]
    body_text = "\n".join(line.text for line in lines)
    for glyph, letters in LIGATURES.items():
        body_text = body_text.replace(glyph, letters)

    two_column = 0
    right_lines = level = 0
    single = 0
    single_chars: list[int] = []
    single_max = 0
    by_page: dict[int, float] = {}
    for columns in page_columns:
        if not columns:
            continue
        groups: dict[int, list[Line]] = {}
        for column in columns:
            groups.setdefault(column.group, []).extend(column.lines)
        pairs = [(a, b) for a in groups.values() for b in groups.values()
                 if max(l.x1 for l in a) < min(l.x0 for l in b)
                 and min(l.baseline for l in a) - LEVEL <= max(l.baseline for l in b)
                 and min(l.baseline for l in b) <= max(l.baseline for l in a) + LEVEL]
        if pairs:
            two_column += 1
            for left, right in pairs:
                baselines = [line.baseline for line in left]
                for line in right:
                    # a right-column line facing left-column text (a left baseline within half a line):
                    # lines beside a photo or a heading's space in the left column have nothing to be level with
                    if any(abs(line.baseline - b) < leading / 2 for b in baselines):
                        right_lines += 1
                        level += any(abs(line.baseline - b) <= LEVEL for b in baselines)
        elif len(groups) == 1:
            single += 1
            widest = max(columns, key=lambda c: c.right)
            counts = [len(line.text) for line in widest.lines if line.justified]
            single_chars += counts
            if counts:
                by_page[widest.lines[0].page] = round(statistics.fmean(counts), 1)
            single_max = max([single_max] + [len(line.text) for line in widest.lines])

    return TypographyFigures(
        pdf=str(path), pages=page_count, body_font=main_font.split("+")[-1] or family_name, body_size=size,
        natural_space=round(natural, 3), leading=leading, body_pages=sum(1 for page in pages if page),
        body_lines=len(lines), justified_lines=len(justified),
        mean_space_ratio=round(statistics.fmean(all_ratios), 3) if all_ratios else 0.0,
        mean_line_space_ratio=round(statistics.fmean(line_ratios), 3) if line_ratios else 0.0,
        lines_over_2x=over_2x, lines_over_3x=over_3x, tight_lines=tight, uneven_pairs=uneven, hyphenated_lines=hyphen_count, hyphenated_runs=runs,
        longest_hyphenated_run=longest, short_hyphen_tails=short_tails, capitalised_hyphenations=capitals,
        hyphen_tail_last_lines=tail_last, hyphens_at_turns=turns, tj_operators=tj, tj_arrays=arrays,
        kerned_tj_arrays=kerned, unkerned_runs=unkerned, unchecked_runs=unchecked, ligature_glyphs=len(ligature_glyphs),
        ligatures_extracting_as_letters=sum(1 for g in ligature_glyphs if g.text in ("ff", "fi", "fl", "ffi", "ffl")),
        fi_fl_in_text=body_text.count("fi") + body_text.count("fl"), two_column_pages=two_column,
        right_column_lines=right_lines, right_column_level=level, single_column_pages=single,
        single_column_chars_mean=round(statistics.fmean(single_chars), 1) if single_chars else 0.0,
        single_column_chars_max=single_max, single_column_chars_by_page=by_page, over_3x_lines=over_3x_lines, hyphenated_run_examples=run_examples)


def table(figures: TypographyFigures) -> str:
    f = figures
    rows = [
        ("body text", f"{f.body_font} {f.body_size:g} pt, natural space {f.natural_space:.2f} pt, leading {f.leading:g} pt"),
        ("body lines / justified", f"{f.body_lines} on {f.body_pages} of {f.pages} pages / {f.justified_lines}"),
        ("mean word space / natural", f"{f.mean_space_ratio:.2f} per space, {f.mean_line_space_ratio:.2f} per line"),
        ("lines with a space > 2x natural", f"{f.lines_over_2x} of {f.justified_lines} ({f.over_2x_percent:.0f}%)"),
        ("lines with a space > 3x natural", f"{f.lines_over_3x} ({f.over_3x_percent:.1f}%)"),
        ("lines with a space < 0.75x natural", f"{f.tight_lines} of {f.justified_lines} ({f.percent(f.tight_lines, f.justified_lines):.0f}%)"),
        ("neighbouring lines spaced > 0.75 apart", str(f.uneven_pairs)),
        ("hyphenated line ends", f"{f.hyphenated_lines} of {f.body_lines} body lines ({f.hyphenated_percent:.0f}%)"),
        ("runs of 3+ hyphenated lines", f"{f.hyphenated_runs} (longest {f.longest_hyphenated_run})"),
        ("hyphens leaving 1-2 letters", str(f.short_hyphen_tails)),
        ("capitalised words hyphenated", str(f.capitalised_hyphenations)),
        ("paragraphs ending in a hyphen tail", str(f.hyphen_tail_last_lines)),
        ("hyphens at a column or page turn", str(f.hyphens_at_turns)),
        ("kerning", f"{f.tj_operators} Tj, {f.tj_arrays} TJ ({f.kerned_tj_arrays} with adjustments); "
                    f"{f.unkerned_runs} Tj runs the font would kern" + (f", {f.unchecked_runs} in fonts not found"
                                                                        if f.unchecked_runs else "")),
        ("fi/fl ligatures", f"{f.ligature_glyphs} ligature glyphs ({f.ligatures_extracting_as_letters} extract as letters); "
                            f"{f.fi_fl_in_text} fi/fl in the body text"),
        ("right-column baselines level", f"{f.right_column_level} of {f.right_column_lines} ({f.level_percent:.0f}%) "
                                         f"on {f.two_column_pages} two-column pages"),
        ("characters per line, one column", f"{f.single_column_chars_mean:.0f} mean, {f.single_column_chars_max} max "
                                            f"on {f.single_column_pages} single-column pages ("
                                            + ", ".join(f"p{p} {n:.0f}" for p, n in f.single_column_chars_by_page.items())
                                            + ")"),
    ]
    width = max(len(name) for name, _ in rows)
    text = [f"{f.pdf}"] + [f"  {name.ljust(width)}  {value}" for name, value in rows]
    if f.over_3x_lines:
        text += ["", "lines with a space > 3x natural:"] + [f"  {line}" for line in f.over_3x_lines]
    if f.hyphenated_run_examples:
        text += ["", "runs of 3+ hyphenated lines:"] + [f"  {line}" for line in f.hyphenated_run_examples]
    return "\n".join(text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Measure a PDF's body-text typography (issue 14's figures).")
    parser.add_argument("pdf", type=Path, nargs="+")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--family", help="body font family (default: the most common)")
    parser.add_argument("--size", type=float, help="body font size in pt (default: the most common)")
    arguments = parser.parse_args(argv)
    results = [measure(path, arguments.family, arguments.size) for path in arguments.pdf]
    if arguments.json:
        data = [r.as_dict() for r in results]
        print(json.dumps(data[0] if len(data) == 1 else data, indent=2))
    else:
        print("\n\n".join(table(r) for r in results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
