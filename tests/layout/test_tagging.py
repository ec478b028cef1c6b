"""The tagging mechanism: declared semantics made into elements in story order before drawing, split
paragraphs kept whole, marked content written in one place and never nested, links owned by construction."""

from __future__ import annotations

import io
import re

import pytest
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import KeepTogether, Spacer
from reportlab.platypus.flowables import BalancedColumns

from reportgen.layout.tagging import (DECORATION, Artifact, MarkedContent, PlacedLink, Semantics, StructureLog,
                                      TaggedParagraph, declare_structure, link_drawn, tagged)
from tests.conftest import ROOT

STYLE = ParagraphStyle("body", fontName="Helvetica", fontSize=10, leading=12)


def tagging_canvas(log: StructureLog) -> Canvas:
    """A plain canvas carrying a structure log, as render.canvas.TaggedCanvas does."""
    canvas = Canvas(io.BytesIO(), initialFontName="Helvetica")
    canvas.structure = log  # type: ignore[attr-defined]
    return canvas


def marks(canvas: Canvas, start: int) -> list[str]:
    return [line for line in canvas._code[start:] if line.endswith(("BDC", "EMC"))]


def test_a_split_paragraph_is_one_element_with_content_on_both_pages():
    log = StructureLog()
    paragraph = TaggedParagraph("word " * 400, STYLE)
    declare_structure([paragraph], log.section())
    first, second = paragraph.split(300, 200)
    canvas = tagging_canvas(log)
    for piece in (first, second):
        piece.wrapOn(canvas, 300, 10_000)
        piece.drawOn(canvas, 50, 50)
        canvas.showPage()
    (element,) = log.root.kids[0].kids
    assert element.role == "P" and first.semantics is second.semantics is paragraph.semantics
    assert log.element(paragraph.semantics) is element
    assert element.content == [MarkedContent(1, 0), MarkedContent(2, 0)]


def test_story_order_looks_inside_containers_and_groups_list_items():
    log = StructureLog()
    section = log.section()
    heading = TaggedParagraph("Heading", STYLE, role="H2")
    items = [TaggedParagraph(f"item {n}", STYLE, label="\u2022") for n in range(3)]
    closing = TaggedParagraph("After the list", STYLE)
    story = [KeepTogether([heading, items[0]]), Spacer(0, 4), BalancedColumns(items[1:] + [closing], nCols=2)]
    declare_structure(story, section)
    assert [kid.role for kid in section.kids] == ["H2", "L", "P"]
    (lst,) = [kid for kid in section.kids if kid.role == "L"]
    assert [[inner.role for inner in item.kids] for item in lst.kids] == [["Lbl", "LBody"]] * 3
    assert [log.element(item.semantics) for item in items] == lst.kids


def test_every_element_exists_before_anything_is_drawn():
    """Reading order is spec order: drawing the second paragraph first does not put it first."""
    log = StructureLog()
    first, second = TaggedParagraph("first", STYLE), TaggedParagraph("second", STYLE)
    declare_structure([first, second], log.section())
    canvas = tagging_canvas(log)
    for paragraph in (second, first):
        paragraph.wrapOn(canvas, 300, 100)
        paragraph.drawOn(canvas, 50, 50)
    elements = log.root.kids[0].kids
    assert [log.element(first.semantics), log.element(second.semantics)] == elements
    assert [element.content[0].mcid for element in elements] == [1, 0]  # drawn second, read first


def test_marked_content_and_artifacts_never_nest():
    log = StructureLog()
    element = Semantics("P")
    log.declare(log.section(), [element])
    canvas = tagging_canvas(log)
    start = len(canvas._code)
    with tagged(canvas, element):
        with tagged(canvas, DECORATION):  # inside content: joins the content
            canvas.drawString(0, 0, "a")
        with tagged(canvas, element):
            canvas.drawString(0, 10, "b")
    with tagged(canvas, Semantics(artifact=Artifact("Pagination", "Footer"))):
        with tagged(canvas, element):  # inside an artifact: stays decoration
            canvas.drawString(0, 20, "3")
    assert marks(canvas, start) == ["/P <</MCID 0>> BDC", "EMC", "/Artifact <</Type /Pagination /Subtype /Footer>> BDC",
                                    "EMC"]
    assert len(log.element(element).content) == 1


def test_only_declared_elements_can_be_drawn():
    log = StructureLog()
    canvas = tagging_canvas(log)
    group = Semantics(children=(Semantics("P"),))
    log.declare(log.section(), [group])
    with pytest.raises(ValueError, match="never declared"), tagged(canvas, Semantics("P")):
        pass
    with pytest.raises(ValueError, match="group cannot own content"), tagged(canvas, group):
        pass
    with pytest.raises(ValueError, match="declared twice"):
        log.declare(log.root, [group])
    with pytest.raises(ValueError, match="only a Link has a target"):
        Semantics("P", target="https://example.org")
    assert marks(canvas, 0) == []


def test_a_paragraph_declares_a_link_per_target_and_owns_its_annotations():
    log = StructureLog()
    paragraph = TaggedParagraph('See <a href="https://example.org/a">the agency</a> and '
                                '<a href="#money">the budget</a>.', STYLE)
    declare_structure([paragraph], log.section())
    element = log.element(paragraph.semantics)
    assert [(kid.role, kid.target, kid.attributes) for kid in element.kids] == [
        ("Link", "https://example.org/a", {"Alt": "the agency"}), ("Link", "#money", {"Alt": "the budget"})]
    canvas = tagging_canvas(log)
    with tagged(canvas, paragraph.semantics):
        link_drawn(canvas, {"Subtype": "Link"}, "#money")
        link_drawn(canvas, {"Subtype": "Link"}, "https://example.org/a")
    agency, budget = element.kids
    assert [(link.page, link.description) for link in agency.content if isinstance(link, PlacedLink)] == [
        (1, "the agency (https://example.org/a)")]
    assert [(link.page, link.description) for link in budget.content if isinstance(link, PlacedLink)] == [
        (1, "the budget")]
    with pytest.raises(ValueError, match="outside the element that declares it"):
        link_drawn(canvas, {"Subtype": "Link"}, "https://example.org/a")  # no paragraph open any more


def test_no_block_writes_marked_content_by_hand():
    """BDC/EMC and the canvas's code list appear in the tagging mechanism only."""
    source = ROOT / "src" / "reportgen"
    mechanism = source / "layout" / "tagging.py"
    offenders = [f"{path.relative_to(source)}:{number}" for path in sorted(source.rglob("*.py")) if path != mechanism
                 for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                 if re.search(r"\b(BDC|EMC|BMC)\b|/MCID|/Artifact\b", line)]
    assert offenders == []
    assert "BDC" in mechanism.read_text(encoding="utf-8")  # the check would catch the mechanism itself
    blocks = [path.name for path in (source / "layout" / "blocks").glob("*.py")
              if re.search(r"structure_role|StructureNode|_code\b", path.read_text(encoding="utf-8"))]
    assert blocks == []


def test_a_spans_actual_text_is_a_pdf_string_of_any_text():
    """The ActualText of a hyphenated word's span: a literal string with its brackets and backslashes
    escaped, or UTF-16BE (with its mark) for text beyond ASCII."""
    from reportgen.layout.tagging import content_string

    assert content_string("a(b)c\\d") == "(a\\(b\\)c\\\\d)"
    assert content_string("élève") == "<FEFF00E9006C00E80076" + "0065>"
