"""Page flow, read from the PDF: short sections continue on the page (`break:`), no heading ends a column, no runt
page, no page ending early before a photo, and the blank page before the back cover is announced (issue 17)."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import pdfplumber
import pytest

from reportgen.diagnostics import ReportError
from reportgen.pipeline import BuildOptions, BuildResult, build
from tests.layout.flow_reader import Line, body_lines, heading_pages, page_lines, stranded_headings

CORPUS = Path(__file__).parents[1] / "corpus" / "flow.yaml"
OUTSIDE = BuildOptions(allow_outside=True)  # the corpus takes the repository's photos, two folders up
FRAME_FOOT = 792 - 64.8  # Letter, the default bottom margin: where a body page's text area ends
LINE = 14.0              # the body's leading

WORDS = ("the pantry served families across the county with fresh produce and staples while volunteers sorted "
         "donations every week").split()


def words(count: int, seed: int) -> str:
    return " ".join(WORDS[(seed * 5 + index * 3) % len(WORDS)] for index in range(count)).capitalize() + "."


def paragraphs(count: int, length: int, seed: int = 0, indent: int = 6) -> str:
    return "|\n" + "\n\n".join(" " * indent + words(length, seed + index) for index in range(count))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[BuildResult, list[list[Line]]]:
    result = build(CORPUS, tmp_path_factory.mktemp("flow") / "flow.pdf", OUTSIDE)
    return result, page_lines(result.output)


def test_short_sections_continue_on_the_page(corpus: tuple[BuildResult, list[list[Line]]]):
    result, pages = corpus
    assert result.pages == 12  # 16 when every section started a page
    assert heading_pages(pages) == {
        "Contents": 2, "A Note on Our Numbers": 2, "Highlights": 2,  # a one-line note and three cards: one page
        "Our Programs": 3, "Mobile Pantry": 3, "School Backpacks": 3, "Senior Boxes": 4, "Community Kitchens": 4,
        "Fresh Produce Rescue": 5, "Stories from the Shelves": 6, "A Warehouse Morning": 6, "The Drivers": 7,
        "Harvest Week": 9, "Thank You": 10, "Looking Ahead": 10}
    assert not result.warnings


def test_no_heading_ends_a_column(corpus: tuple[BuildResult, list[list[Line]]]):
    assert stranded_headings(corpus[1]) == []


def test_no_runt_page(corpus: tuple[BuildResult, list[list[Line]]]):
    result, pages = corpus
    texts = {number: sum(line.text_line for line in page) for number, page in enumerate(pages, start=1)}
    blank = [number for number, page in enumerate(pages, start=1) if not page]
    assert blank == [11]  # before the back cover, announced (below)
    short = [number for number, count in texts.items() if count < 10 and number not in (1, 11, 12)]
    assert short == []  # the cover and the back cover have no body text


def test_no_page_ends_early_before_a_photo(corpus: tuple[BuildResult, list[list[Line]]]):
    result, pages = corpus
    with pdfplumber.open(str(result.output)) as pdf:
        tops = {number: min(image["top"] for image in page.images)
                for number, page in enumerate(pdf.pages, start=1) if page.images and 2 < number < 12}
    for number, top in tops.items():
        if top < 80 and number > 1:  # a photo at the top of a page: the page before is full
            foot = max(line.bottom for line in pages[number - 2] if line.text_line)
            assert foot > FRAME_FOOT - 3 * LINE, (number, foot)
    # the last photo of "Stories from the Shelves" is set a little smaller at the foot of page 9, not alone on 10
    assert 9 in tops and 10 not in tops


def test_the_blank_before_the_back_cover_is_a_note(corpus: tuple[BuildResult, list[list[Line]]]):
    result, _ = corpus
    [note] = [note for note in result.notes if "left blank" in note.message]
    assert note.path == ("sections", 8) and "page 11 is left blank so that the back cover lands on an even page" \
        in note.message and "even_page: false" in (note.hint or "")
    assert not [warning for warning in result.warnings if "blank" in warning.message]


def test_even_page_false_leaves_the_blank_out(tmp_path: Path):
    text = CORPUS.read_text(encoding="utf-8").replace("../../assets", str(CORPUS.parents[2] / "assets"))
    spec = tmp_path / "flow.yaml"
    spec.write_text(text.replace("url: www.example.org", "url: www.example.org\n    even_page: false"), encoding="utf-8")
    result = build(spec, tmp_path / "out.pdf", OUTSIDE)
    assert result.pages == 11 and not [note for note in result.notes if "left blank" in note.message]
    assert "Harbour Food Bank" in page_lines(result.output)[-1][0].text


def test_the_cli_says_so_with_v(cli: Callable, tmp_path: Path):
    quiet = cli("build", "--allow-outside", str(CORPUS), "-o", str(tmp_path / "a.pdf"))
    loud = cli("build", "-v", "--allow-outside", str(CORPUS), "-o", str(tmp_path / "b.pdf"))
    assert quiet.code == 0 and "left blank" not in quiet.err
    assert "flow.yaml:" in loud.err and "note: sections[8]: page 11 is left blank" in loud.err
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()  # second build warm


SHORT = """\
meta: {title: T, organization: O}
sections:
  - type: text
    title: First
    body: BODY
  - type: text
    title: Second
    BREAK
    body: A short note.
"""


@pytest.mark.parametrize("written, pages", [("", 1), ("break: none", 1), ("break: page", 2), ("break: column", 2)])
def test_break_decides_where_a_section_starts(write_spec: Callable, tmp_path: Path, written: str, pages: int):
    spec = write_spec(SHORT.replace("BODY", words(60, 1)).replace("BREAK", written))
    result = build(spec, tmp_path / "r.pdf")
    assert result.pages == pages
    assert heading_pages(page_lines(result.output))["Second"] == pages


def test_a_long_section_starts_a_page_unless_break_none(write_spec: Callable, tmp_path: Path):
    text = SHORT.replace("BODY", words(60, 1)).replace("    body: A short note.\n", "    body: " + paragraphs(9, 80, indent=6) + "\n")
    assert heading_pages(page_lines(build(write_spec(text.replace("BREAK", "")), tmp_path / "a.pdf").output))["Second"] == 2
    assert heading_pages(page_lines(build(write_spec(text.replace("BREAK", "break: none")), tmp_path / "b.pdf").output))["Second"] == 1


def test_a_pillar_or_a_section_after_a_full_page_starts_a_page(write_spec: Callable, tmp_path: Path):
    spec = write_spec("meta: {title: T, organization: O}\nsections:\n  - {type: text, title: First, body: One.}\n"
                      "  - {type: pillar, number: 1, title: Pillar, goal: A goal., body: Two.}\n"
                      "  - {type: quote, text: A quote., author: Someone}\n  - {type: text, title: After, body: Three.}\n")
    pages = heading_pages(page_lines(build(spec, tmp_path / "r.pdf").output))
    assert pages["First"] == 1 and pages["After"] == 4


@pytest.mark.parametrize("value, message", [
    ("nones", "sections[1].break: 'nones' is not allowed (did you mean 'none'? (expected 'page', 'column' or 'none'))"),
    ("Page", "sections[1].break: 'Page' is not allowed (did you mean 'page'?"),
])
def test_a_misspelt_break_is_located_with_did_you_mean(write_spec: Callable, tmp_path: Path, value: str, message: str):
    spec = write_spec(SHORT.replace("BODY", "One.").replace("BREAK", f"break: {value}"))
    with pytest.raises(ReportError) as raised:
        build(spec, tmp_path / "r.pdf")
    [problem] = [str(d) for d in raised.value.diagnostics]
    assert "report.yaml:8:12: " in problem and message in problem


def test_a_full_page_cannot_continue_a_page(write_spec: Callable, tmp_path: Path):
    spec = write_spec("meta: {title: T, organization: O}\nsections:\n  - {type: text, title: A, body: One.}\n"
                      "  - {type: quote, text: A quote., author: Someone, break: none}\n")
    with pytest.raises(ReportError) as raised:
        build(spec, tmp_path / "r.pdf")
    [problem] = [str(d) for d in raised.value.diagnostics]
    assert "sections[1].break: a quote section is a page of its own" in problem and "report.yaml:4:" in problem


RUNT = """\
meta: {title: T, organization: O}
sections:
  - type: text
    title: Section
    columns: COLUMNS
    body: BODY
  - type: quote
    text: A quote.
    author: Someone
"""


@pytest.mark.parametrize("columns, count, last", [(2, 10, 10), (2, 10, 25), (1, 7, 70)])
def test_a_runt_page_is_avoided_by_the_page_before(write_spec: Callable, tmp_path: Path, columns: int, count: int,
                                                   last: int):
    body = paragraphs(count - 1, 70) + "\n\n      " + words(last, 99)  # 4 to 7 lines past a full page on main
    result = build(write_spec(RUNT.replace("COLUMNS", str(columns)).replace("BODY", body)), tmp_path / "r.pdf")
    pages = page_lines(result.output)
    assert result.pages == 3 and body_lines(pages[1]) >= 10 and not result.warnings
    foot = max(line.bottom for line in pages[0] if line.body)
    assert foot > FRAME_FOOT - 7 * LINE  # the page before gives a few lines, no more
    again = build(write_spec(RUNT.replace("COLUMNS", str(columns)).replace("BODY", body)), tmp_path / "again.pdf")
    assert again.output.read_bytes() == result.output.read_bytes()  # laid out again, warm: the same bytes


def test_a_runt_page_that_cannot_be_avoided_is_a_warning_at_its_section(write_spec: Callable, tmp_path: Path):
    spec = write_spec("meta: {title: T, organization: O}\nsections:\n  - type: text\n    title: First\n"
                      "    body: " + paragraphs(5, 74) + "\n  - type: text\n    title: Second\n    break: none\n"
                      "    body: " + paragraphs(1, 30, 3) + "\n\n      " + words(40, 4) + "\n"
                      "  - {type: quote, text: A quote., author: Someone}\n")
    result = build(spec, tmp_path / "r.pdf")
    runts = [warning for warning in result.warnings if "a page under 10 lines" in warning.message]
    assert [(warning.path, warning.line) for warning in runts] == [(("sections", 1), 15)]  # "- type: text"
    assert runts[0].message.startswith("“Second” ends on page 2 with ")
