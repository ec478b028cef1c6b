"""Page flow read from a PDF: each page's lines (size, column, position) in; body lines, headings and column feet out."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pdfplumber

BODY_SIZES = (9.0, 10.0)  # body text (9.6 pt): a line of running text
HEADING_SIZES = (15.0, 27.0)  # a heading (H2) and a section's title (H1), as the shipped stylesheet sets them
FOOTER_BAND = 0.9          # small lines (footer size, 7.5 pt) below this share of the page height are the footer
FOOTER_SIZE = 8.0


@dataclass(frozen=True)
class Line:
    page: int      # 1-based
    top: float     # from the page's top, points
    bottom: float
    x0: float
    x1: float
    size: float
    text: str

    @property
    def body(self) -> bool:
        return BODY_SIZES[0] <= self.size <= BODY_SIZES[1]

    @property
    def heading(self) -> bool:
        return any(abs(self.size - size) < 0.05 for size in HEADING_SIZES)

    @property
    def text_line(self) -> bool:
        """A line of text under a heading: body, lead, a card's or a stat's label (smaller than a heading)."""
        return self.size < min(HEADING_SIZES) - 1


def page_lines(pdf: Path) -> list[list[Line]]:
    """Per page, its lines of words top to bottom (words of one size on one baseline, split into columns
    where a gap wider than a gutter's half parts them); the footer left out."""
    pages: list[list[Line]] = []
    with pdfplumber.open(str(pdf)) as document:
        for number, page in enumerate(document.pages, start=1):
            rows: dict[tuple[float, float], list[dict]] = defaultdict(list)
            for word in page.extract_words(extra_attrs=["size"], keep_blank_chars=False):
                if word["bottom"] > page.height * FOOTER_BAND and word["size"] < FOOTER_SIZE:
                    continue
                rows[(round(word["bottom"], 0), round(word["size"], 1))].append(word)
            lines = []
            for (bottom, size), words in rows.items():
                words.sort(key=lambda w: w["x0"])
                run = [words[0]]
                for word in words[1:] + [None]:  # type: ignore[list-item]
                    if word is not None and word["x0"] - run[-1]["x1"] < 9:
                        run.append(word)
                        continue
                    lines.append(Line(number, min(w["top"] for w in run), bottom, run[0]["x0"], run[-1]["x1"], size,
                                      " ".join(w["text"] for w in run)))
                    run = [word] if word is not None else []
            pages.append(sorted(lines, key=lambda line: (line.x0 > page.width / 2 and _two_columns(lines, page.width),
                                                          line.bottom, line.x0)))
    return pages


def _two_columns(lines: list[Line], width: float) -> bool:
    return sum(1 for line in lines if line.body and line.x0 > width / 2) >= 2


def body_lines(page: list[Line]) -> int:
    return sum(1 for line in page if line.body)


def column_of(line: Line, page: list[Line]) -> list[Line]:
    """The lines of the column `line` is in: those overlapping it horizontally, top to bottom."""
    return sorted((other for other in page if other.x0 < line.x1 and line.x0 < other.x1), key=lambda l: l.bottom)


def _continues(line: Line, page: list[Line], pages: list[list[Line]]) -> bool:
    """Whether the text goes on in the next column (the right one, when `line` is in the left column of
    two) or at the top of the next page with a line of text, not a heading."""
    right = [other for other in page if other.x0 > line.x1 and other.text_line]
    if right:
        return not min(right, key=lambda other: other.bottom).heading
    following = [other for other in pages[line.page] if other.text_line or other.heading] if line.page < len(pages) else []
    return bool(following) and not min(following, key=lambda other: (other.x0 > 300, other.bottom)).heading


def stranded_headings(pages: list[list[Line]], least: int = 2) -> list[Line]:
    """Headings followed in their column, on their page, by fewer than `least` lines of text before the
    column ends, while their text goes on in the next column or page."""
    found = []
    for page in pages:
        for line in page:
            if not line.heading:
                continue
            below = [other for other in column_of(line, page) if other.bottom > line.bottom]
            following = 0
            for other in below:
                if other.heading:
                    break
                following += other.text_line
            if following < least and not any(other.heading for other in below[:1]) and _continues(line, page, pages):
                found.append(line)
    return found


def heading_pages(pages: list[list[Line]]) -> dict[str, int]:
    """Each heading's text (its first line) and the page it is on."""
    return {line.text: line.page for page in pages for line in page if line.heading}
