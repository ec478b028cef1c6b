"""A PDF in, its text lines' baselines by column out: how well a two-column page's columns line up.

A line is a run of characters on one baseline (the text matrix's y, read with pdfplumber) with no gap
wider than the page's column gutter; a line entirely left of the text area's middle is the left
column's, entirely right of it the right column's. A page is two-column when at least five body-size
lines start at each column's left edge. Run as a script: `python tests/layout/baselines.py PDF`.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import pdfplumber

GAP = 14.0  # a horizontal gap wider than this ends a line (the gutter is 18 pt; a loose word space is narrower)
LEVEL = 0.5  # baselines within this are level


@dataclass(frozen=True)
class Line:
    baseline: float  # from the page's top, in points
    x0: float
    x1: float
    size: float  # most of its characters'
    text: str


@dataclass(frozen=True)
class PageColumns:
    page: int  # 1-based
    left: list[Line]
    right: list[Line]  # lines of any size (headings, captions, stat figures)
    body_size: float

    def body(self) -> list[Line]:
        """The right column's lines of running text (the body's size)."""
        return [line for line in self.right if abs(line.size - self.body_size) < 0.05]

    def level(self, lines: list[Line] | None = None) -> list[Line]:
        """The right column's lines (or `lines` of it) whose baseline is level with a left-column baseline."""
        return [line for line in (self.right if lines is None else lines) if any(abs(line.baseline - other.baseline) <= LEVEL for other in self.left)]

    def on_grid(self, step: float, lines: list[Line] | None = None) -> list[Line]:
        """The right column's lines on the left column's grid: a whole number of `step`s from a left baseline
        (level with one, or with where one would be beside a photo or below a shorter column)."""
        def off(line: Line, other: Line) -> float:
            rest = (line.baseline - other.baseline) % step
            return min(rest, step - rest)
        return [line for line in (self.right if lines is None else lines)
                if any(off(line, other) <= LEVEL for other in self.left)]


def lines_of(page: pdfplumber.page.Page) -> list[Line]:
    rows: dict[float, list[dict]] = {}
    for char in page.chars:
        if not char["text"].strip():
            continue
        rows.setdefault(round(page.height - char["matrix"][5], 1), []).append(char)
    lines = []
    for baseline, chars in sorted(rows.items()):
        chars.sort(key=lambda char: char["x0"])
        run = [chars[0]]
        for char in chars[1:] + [None]:
            if char is not None and char["x0"] - run[-1]["x1"] <= GAP:
                run.append(char)
                continue
            sizes = [round(c["size"], 2) for c in run]
            lines.append(Line(baseline, run[0]["x0"], run[-1]["x1"], max(set(sizes), key=sizes.count),
                              "".join(c["text"] for c in run)))
            run = [char] if char is not None else []
    return lines


def two_column_pages(path: Path, body_size: float = 9.6) -> list[PageColumns]:
    """The pages with two columns of body text, each with its column lines."""
    found = []
    with pdfplumber.open(str(path)) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            lines = lines_of(page)
            body = [line for line in lines if abs(line.size - body_size) < 0.05]
            if not body:
                continue
            left_edge, right_edge = min(line.x0 for line in body), max(line.x1 for line in body)
            middle = (left_edge + right_edge) / 2
            starts = [line for line in body if line.x0 > middle and abs(line.x0 - min(
                (other.x0 for other in body if other.x0 > middle), default=0)) < 1]
            lefts = [line for line in body if abs(line.x0 - left_edge) < 1 and line.x1 < middle]
            if len(starts) < 5 or len(lefts) < 5:
                continue
            top = min(line.baseline for line in starts + lefts) - 1
            bottom = max(line.baseline for line in starts + lefts) + 1
            inside = [line for line in lines if top <= line.baseline <= bottom]
            found.append(PageColumns(number, [line for line in inside if line.x1 < middle],
                                     [line for line in inside if line.x0 > middle], body_size))
    return found


def share_level(pages: list[PageColumns], step: float | None = None, body: bool = False) -> tuple[int, int]:
    """(right-column lines level with a left baseline, or on the left's grid of `step`; right-column lines), of all
    lines or of the `body` text's."""
    def chosen(page: PageColumns) -> list[Line]:
        return page.body() if body else page.right
    return (sum(len(page.level(chosen(page)) if step is None else page.on_grid(step, chosen(page))) for page in pages),
            sum(len(chosen(page)) for page in pages))


if __name__ == "__main__":
    pages = two_column_pages(Path(sys.argv[1]))
    step = float(sys.argv[2]) if len(sys.argv) > 2 else 14.0
    for page in pages:
        print(f"page {page.page}: {len(page.level())} of {len(page.right)} right-column baselines level, "
              f"{len(page.on_grid(step))} on the left column's {step:g} pt grid")
    for name, measured in (("level", share_level(pages)), ("on the grid", share_level(pages, step)),
                           ("body level", share_level(pages, body=True)),
                           ("body on the grid", share_level(pages, step, body=True))):
        print(f"all, {name}: {measured[0]} of {measured[1]} ({100 * measured[0] / max(1, measured[1]):.0f}%)")
