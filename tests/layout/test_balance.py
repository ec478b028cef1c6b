"""Display type, measured from the PDF: a multi-line title, heading or quote is balanced (its last line is never one
word); a letter's salutation and a body of short statements (a mission, a vision) are set flush left, not justified."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Callable

import pdfplumber

from tests.conftest import CliResult

SPEC = """\
meta: {title: T, organization: O}
sections:
  - type: letter
    title: A Message from the Los Angeles County Superintendent of Schools
    body: |
      Dear Los Angeles County Students, Families, Educators, Partners, Board Members and Community Members of the Region,

      WORDS

      WORDS
    signature: {name: A Name, role: A Role}
  - type: quote
    text: The content of a book holds the power of education and it is with this power that we can shape our future and change lives.
    author: Malala Yousafzai
  - type: text
    title: Los Angeles County Office of Education Schools
    body: |
      **Mission Statement:** Improving the lives of students and our educational community through service, leadership and advocacy.

      **Vision Statement:** A culture of excellence in ALL we do.
    subsections:
      - title: Wellness Programs for the Students of the County of Los Angeles Everywhere
        body: WORDS
""".replace("WORDS", "As we reflect on the past year, I am filled with pride and gratitude for the resilience and "
            "dedication shown by our entire educational community across the county. " * 3)


def lines(pdf: Path) -> list[list[tuple[float, float, float, float, str]]]:
    """Per page: (baseline, size, x0, x1, text) of each line of words, top to bottom."""
    pages = []
    with pdfplumber.open(str(pdf)) as document:
        for page in document.pages:
            rows: dict[tuple[float, float], list[dict]] = defaultdict(list)
            for word in page.extract_words(extra_attrs=["size"]):
                rows[(round(word["bottom"], 0), round(word["size"], 1))].append(word)
            pages.append(sorted((bottom, size, min(w["x0"] for w in words), max(w["x1"] for w in words),
                                 " ".join(w["text"] for w in sorted(words, key=lambda w: w["x0"])))
                                for (bottom, size), words in rows.items()))
    return pages


def display_blocks(page: list[tuple[float, float, float, float, str]], smallest: float = 14.0) -> list[list[str]]:
    """Runs of consecutive lines of one display size (a title, heading or quote over several lines)."""
    blocks: list[list[str]] = []
    previous = None
    for bottom, size, _, _, text in page:
        if size < smallest:
            previous = None
            continue
        if previous is not None and previous[1] == size and bottom - previous[0] < 1.6 * size:
            blocks[-1].append(text)
        else:
            blocks.append([text])
        previous = (bottom, size)
    return blocks


def test_multi_line_headings_and_quotes_end_on_more_than_one_word(write_spec: Callable[[str], Path],
                                                                  cli: Callable[..., CliResult]):
    spec = write_spec(SPEC)
    out = spec.parent / "balance.pdf"
    result = cli("build", str(spec), "-o", str(out))
    assert result.code == 0, result.err
    blocks = [block for page in lines(out) for block in display_blocks(page) if len(block) > 1]
    assert len(blocks) >= 4, blocks  # the letter's and the text's titles, the quote, the subsection heading
    for block in blocks:
        assert len(block[-1].split()) > 1, block
        # balanced: no line far shorter than the others (greedy set "Schools" alone under a full line)
        assert min(map(len, block)) >= 0.5 * max(map(len, block)), block


def test_the_salutation_and_short_statements_are_flush_left(write_spec: Callable[[str], Path],
                                                           cli: Callable[..., CliResult]):
    spec = write_spec(SPEC)
    out = spec.parent / "left.pdf"
    assert cli("build", str(spec), "-o", str(out)).code == 0
    pages = lines(out)
    letter = [line for line in pages[0] if abs(line[1] - 9.6) < 0.05]
    measure = max(x1 for _, _, _, x1, _ in letter)  # justified lines reach the measure
    salutation = next(line for line in letter if line[4].startswith("Dear"))
    assert salutation[3] < measure - 1, (salutation, measure)  # its first line ragged, not stretched to the measure
    assert sum(1 for line in letter if abs(line[3] - measure) < 1) >= 3  # the letter's text stays justified
    text = next(page for page in pages if any(line[4].startswith("Mission") for line in page))
    body = [line for line in text if abs(line[1] - 9.6) < 0.05]
    mission = next(index for index, line in enumerate(body) if line[4].startswith("Mission"))
    measure = max(x1 for _, _, _, x1, _ in body)
    assert body[mission][3] < measure - 10, body[mission]
    assert not body[mission][4].endswith("-")  # ragged statements are not hyphenated
