"""The tagging layer: elements in story order, split paragraphs kept whole, marked content never nested."""

from __future__ import annotations

import io

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import KeepTogether, Spacer
from reportlab.platypus.flowables import BalancedColumns

from reportgen.layout.tagging import (LIST_ITEM, MarkedContent, StructureLog, TaggedParagraph, artifact,
                                      assign_structure, marked)

STYLE = ParagraphStyle("body", fontName="Helvetica", fontSize=10, leading=12)


def test_a_split_paragraph_is_one_element_with_content_on_both_pages():
    log = StructureLog()
    paragraph = TaggedParagraph("word " * 400, STYLE)
    assign_structure([paragraph], log.section())
    first, second = paragraph.split(300, 200)
    canvas = Canvas(io.BytesIO(), initialFontName="Helvetica")
    for piece in (first, second):
        piece.wrapOn(canvas, 300, 10_000)
        piece.drawOn(canvas, 50, 50)
        canvas.showPage()
    element = log.root.kids[0].kids[0]
    assert element.role == "P" and first.structure is element and second.structure is element
    assert [(kid.page, kid.mcid) for kid in element.kids if isinstance(kid, MarkedContent)] == [(1, 0), (2, 0)]


def test_story_order_looks_inside_containers_and_groups_list_items():
    log = StructureLog()
    section = log.section()
    heading = TaggedParagraph("Heading", STYLE, role="H2")
    items = [TaggedParagraph(f"item {n}", STYLE, bulletText="\u2022", role=LIST_ITEM) for n in range(3)]
    closing = TaggedParagraph("After the list", STYLE)
    story = [KeepTogether([heading, items[0]]), Spacer(0, 4), BalancedColumns(items[1:] + [closing], nCols=2)]
    assign_structure(story, section)
    assert [kid.role for kid in section.kids] == ["H2", "L", "P"]
    (lst,) = [kid for kid in section.kids if kid.role == "L"]
    assert [[inner.role for inner in item.kids] for item in lst.kids] == [["LBody"]] * 3
    assert [item.structure for item in items] == [item.kids[0] for item in lst.kids]


def test_marked_content_and_artifacts_never_nest():
    log = StructureLog()
    element = log.section().child("P")
    canvas = Canvas(io.BytesIO(), initialFontName="Helvetica")
    start = len(canvas._code)
    with marked(canvas, element):
        with artifact(canvas):  # inside content: joins the content
            canvas.drawString(0, 0, "a")
        with marked(canvas, element):
            canvas.drawString(0, 10, "b")
    with artifact(canvas, "Pagination", "Footer"):
        with marked(canvas, element):  # inside an artifact: stays decoration
            canvas.drawString(0, 20, "3")
    operators = [line for line in canvas._code[start:] if line.endswith(("BDC", "EMC"))]
    assert operators == ["/P <</MCID 0>> BDC", "EMC", "/Artifact <</Type /Pagination /Subtype /Footer>> BDC", "EMC"]
    assert len(element.kids) == 1
