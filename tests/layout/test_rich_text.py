"""Rich text on the page (issue 17 item 4): CommonMark in a spec in, read back from the PDF: numbered lists'
markers and hanging indents, nested lists, sub-headings tagged one level below their heading, block quotes
indented, hard line breaks; the same bytes from a warm build (the parse read from the build cache)."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import pdfplumber
import pytest

from reportgen.pipeline import build
from tests.render.test_structure import read_tree, spaced

SPEC = """\
meta: {title: T, organization: O}
sections:
  - type: text
    title: Our Schools
    body: |
      A first paragraph, plain text set at the body's left edge.

      ### What we did

      3. Third step of the plan
      4. Fourth step, a longer one that certainly wraps onto a second line of the measure, to show that the text of its second line hangs where the first began
         - nested first
         - nested second

      Between the lists.

      9. Ninth
      10. Tenth

      > Quoted words that stand apart from the text.

      A line with a hard break  
      and another\\
      and the last.
    subsections:
      - title: A Subsection
        body: |
          Its text.

          ### Deeper Down

          Under the sub-heading.
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("rich")
    (folder / "report.yaml").write_text(SPEC, encoding="utf-8")
    output = folder / "report.pdf"
    build(folder / "report.yaml", output)
    return output


def lines(pdf: Path) -> list[tuple[float, str, list[dict]]]:
    """(baseline from the top, text, words) of every line of page 1, top to bottom."""
    with pdfplumber.open(pdf) as document:
        found = document.pages[0].extract_words(keep_blank_chars=False, use_text_flow=True)
    rows: list[list[dict]] = []
    for word in sorted(found, key=lambda w: w["bottom"]):  # a bold label's bottom is a hair from its text's
        if rows and word["bottom"] - rows[-1][0]["bottom"] < 2:
            rows[-1].append(word)
        else:
            rows.append([word])
    return [(row[0]["bottom"], " ".join(w["text"] for w in sorted(row, key=lambda w: w["x0"])),
             sorted(row, key=lambda w: w["x0"])) for row in rows]


def line(pdf: Path, start: str) -> list[dict]:
    (found,) = [words for _, text, words in lines(pdf) if text.startswith(start)]
    return found


def test_numbered_lists_print_their_numbers_from_the_first(built: Path):
    texts = [text for _, text, _ in lines(built)]
    assert "3. Third step of the plan" in texts
    assert any(text.startswith("4. Fourth step") for text in texts)
    assert "9. Ninth" in texts and "10. Tenth" in texts
    tree = read_tree(built)
    labels = [[spaced(item.kids[0].text) for item in lst.kids] for lst in tree.of("L")]
    assert ["3.", "4."] in labels and ["9.", "10."] in labels


def test_a_numbered_items_lines_hang_at_one_indent_and_numbers_stand_flush_right(built: Path):
    rows = lines(built)
    fourth = next(index for index, (_, text, _) in enumerate(rows) if text.startswith("4. Fourth"))
    first_line, second_line = rows[fourth][2], rows[fourth + 1][2]
    assert abs(second_line[0]["x0"] - first_line[1]["x0"]) < 0.5  # the item's text: one left edge
    ninth, tenth = line(built, "9. Ninth"), line(built, "10. Tenth")
    assert abs(ninth[1]["x0"] - tenth[1]["x0"]) < 0.5  # one list: one indent, room for "10."
    assert abs(ninth[0]["x1"] - tenth[0]["x1"]) < 0.5  # the numbers end on one edge
    body = line(built, "A first paragraph")[0]["x0"]
    assert tenth[0]["x0"] >= body and tenth[1]["x0"] - tenth[0]["x1"] >= 3  # a gap between number and text


def test_a_nested_list_is_inside_its_item(built: Path):
    tree = read_tree(built)
    (outer,) = [lst for lst in tree.of("L") if [spaced(i.kids[0].text) for i in lst.kids] == ["3.", "4."]]
    fourth_body = outer.kids[1].kids[1]
    assert fourth_body.role == "LBody"
    (inner,) = [kid for kid in fourth_body.kids if kid.role == "L"]
    assert [spaced(item.kids[1].all_text()) for item in inner.kids] == ["nested first", "nested second"]
    assert [spaced(item.kids[0].text) for item in inner.kids] == ["\u2022", "\u2022"]
    # drawn at the parent item's text
    fourth_text = line(built, "4. Fourth")[1]["x0"]
    nested = line(built, "\u2022 nested first")
    assert abs(nested[0]["x0"] - fourth_text) < 0.5 and nested[1]["x0"] > fourth_text + 5


def test_sub_headings_are_tagged_one_level_below_their_heading(built: Path):
    tree = read_tree(built)
    headings = [(element.role, spaced(element.text)) for element in tree.root.walk() if element.role[:1] == "H"]
    assert headings == [("H1", "Our Schools"), ("H2", "What we did"), ("H2", "A Subsection"), ("H3", "Deeper Down")]


def test_a_block_quote_is_indented_and_tagged(built: Path):
    body = line(built, "A first paragraph")[0]["x0"]
    quote = line(built, "Quoted words")[0]["x0"]
    assert quote - body == pytest.approx(18, abs=0.5)  # the stylesheet's blockquote indent
    tree = read_tree(built)
    (quoted,) = [q for q in tree.of("BlockQuote") if "Quoted words" in q.all_text()]
    assert [kid.role for kid in quoted.kids] == ["P"]


def test_hard_line_breaks_end_lines_and_read_as_spaces(built: Path):
    texts = [text for _, text, _ in lines(built)]
    assert {"A line with a hard break", "and another", "and the last."} <= set(texts)
    tree = read_tree(built)
    assert any(spaced(p.all_text()) == "A line with a hard break and another and the last." for p in tree.of("P"))


def test_a_warm_build_is_the_same_pdf(write_spec: Callable[[str], Path], tmp_path: Path):
    """The second build reads the rich text's parse from the build cache: the same bytes."""
    spec = write_spec(SPEC)
    first = tmp_path / "out" / "report.pdf"
    build(spec, first)
    cold = first.read_bytes()
    build(spec, first)
    assert first.read_bytes() == cold


def test_two_lists_in_a_row_are_two_lists_a_paragraphs_space_apart(write_spec: Callable[[str], Path], tmp_path: Path):
    spec = write_spec(SPEC.split("    body: |")[0] + "    body: |\n      - one\n      - two\n\n      1. first\n"
                      "      2. second\n\n      After the lists.\n")
    output = tmp_path / "lists.pdf"
    build(spec, output)
    tree = read_tree(output)
    assert [[spaced(item.kids[0].text) for item in lst.kids] for lst in tree.of("L")] == [["\u2022", "\u2022"],
                                                                                          ["1.", "2."]]
    rows = {text: bottom for bottom, text, _ in lines(output)}
    step = rows["\u2022 two"] - rows["\u2022 one"]  # items set close
    assert rows["1. first"] - rows["\u2022 two"] > step + 5
    assert rows["After the lists."] - rows["2. second"] == pytest.approx(step, abs=0.5)  # as a list ever ended


def test_a_list_in_a_lead_keeps_its_numbers(write_spec: Callable[[str], Path], tmp_path: Path):
    spec = write_spec(SPEC.split("    body: |")[0] + "    lead: |\n      Two goals:\n\n      1. first goal\n"
                      "      2. second goal\n    body: The body.\n")
    output = tmp_path / "lead.pdf"
    build(spec, output)
    texts = [text for _, text, _ in lines(output)]
    assert texts[1:5] == ["Two goals:", "1. first goal", "2. second goal", "The body."]
    rows = {text: bottom for bottom, text, _ in lines(output)}
    assert rows["The body."] - rows["2. second goal"] > rows["2. second goal"] - rows["1. first goal"] + 5
    assert [[spaced(item.kids[0].text) for item in lst.kids] for lst in read_tree(output).of("L")] == [["1.", "2."]]
