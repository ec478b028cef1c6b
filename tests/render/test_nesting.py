"""The structure tree nests as the document does: the contents as nested TOCs of Reference/Link entries, the
pillars overview as a list, pillar sections under the strategic plan, figures with their layout box, and
floated photos read where the spec lists them."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Callable

import pikepdf
import pytest

from reportgen.model import report as model
from reportgen.pipeline import BuildOptions, build, check_spec
from reportgen.sections.pillar import Pillar
from reportgen.sections.pillars_overview import PillarsOverview
from tests.conftest import MINIMAL, ROOT
from tests.render.reader import Read, Reader


def letters(text: str) -> str:
    return re.sub(r"[^0-9a-z]", "", text.lower())


@pytest.fixture(scope="module")
def report() -> model.Report:
    return check_spec(ROOT / "report.yaml")[1]  # type: ignore[return-value]


@pytest.fixture(scope="module")
def reader(default_build) -> Reader:  # type: ignore[no-untyped-def]
    return Reader(default_build.output)


def roles(element: Read) -> list[str]:
    return [kid.role for kid in element.kids]


def test_the_contents_nest_the_pillars_in_a_toc_of_their_own(reader: Reader, report: model.Report):
    """TOC -> TOCI -> Reference -> Link for every entry; the pillars' TOCIs in a TOC inside the strategic
    plan's TOCI, as the contents page indents them and the bookmarks nest them."""
    (toc,) = [e for e in reader.root.walk() if e.role == "TOC" and e.kids and e.kids[0].role == "TOCI"
              and all(e is not inner for outer in reader.root.walk() if outer.role == "TOCI" for inner in outer.kids)]
    for entry in (e for e in toc.walk() if e.role == "TOCI"):
        assert roles(entry)[0] == "Reference" and roles(entry.kids[0]) == ["Link"]
        assert roles(entry) in (["Reference"], ["Reference", "TOC"])
    overview = next(s for s in report.sections if isinstance(s, PillarsOverview))
    pillars = [s for s in report.sections if isinstance(s, Pillar)]
    (parent,) = [entry for entry in toc.kids if roles(entry) == ["Reference", "TOC"]]
    assert letters(overview.title) in letters(parent.kids[0].text)
    nested = parent.kids[1]
    assert len(nested.kids) == len(pillars)  # each pillar's title (then its page number, drawn in a form) in its Link
    assert all(re.fullmatch(letters(p.title) + "[0-9]*", letters(entry.kids[0].kids[0].text))
               for p, entry in zip(pillars, nested.kids))
    # every other section with a contents entry is a top-level TOCI, in spec order
    assert len(toc.kids) + len(nested.kids) == sum(1 for e in toc.walk() if e.role == "TOCI")


def test_the_pillars_overview_is_a_list(reader: Reader, report: model.Report):
    """One L with an LI per pillar: its number the Lbl, its title the LBody's Link (which holds the words)."""
    pillars = [s for s in report.sections if isinstance(s, Pillar)]
    overview = next(s for s in report.sections if isinstance(s, PillarsOverview))
    (section,) = [e for e in reader.root.walk() if e.role == "Sect" and e.kids
                  and letters(e.kids[0].text) == letters(overview.title)]
    (tiles,) = [kid for kid in section.kids if kid.role == "L"]
    assert [roles(item) for item in tiles.kids] == [["Lbl", "LBody"]] * len(pillars)
    assert [item.kids[0].text.strip() for item in tiles.kids] == [str(p.number) for p in pillars]
    assert [roles(item.kids[1]) for item in tiles.kids] == [["Link"]] * len(pillars)
    assert [letters(item.kids[1].kids[0].text) for item in tiles.kids] == [letters(p.title) for p in pillars]
    assert "P" not in [kid.role for kid in section.kids if any(grand.role == "Link" for grand in kid.kids)]


def test_pillar_sections_are_under_the_strategic_plan_with_h2_headings(reader: Reader, report: model.Report):
    """The outline nests the pillars under the strategic plan; so does the tree: each pillar's Sect is a child
    of the overview's Sect, after its own content, and its heading is an H2 (no level skipped, none beside it)."""
    pillars = [s for s in report.sections if isinstance(s, Pillar)]
    overview = next(s for s in report.sections if isinstance(s, PillarsOverview))
    top = [kid for kid in reader.root.kids if kid.role == "Sect"]
    (plan,) = [s for s in top if s.kids and letters(s.kids[0].text) == letters(overview.title)]
    assert plan.kids[0].role == "H1"
    nested = [kid for kid in plan.kids if kid.role == "Sect"]
    assert [(s.kids[0].role, s.kids[0].attributes.get("ActualText")) for s in nested] == \
        [("H2", f"Pillar {p.number}: {p.title}") for p in pillars]
    assert roles(plan)[-len(pillars):] == ["Sect"] * len(pillars)  # read after the plan's own text
    for section in nested:  # no H1 inside a pillar: its own headings sit below its H2
        assert not [e for e in section.walk() if e.role == "H1"]
    # heading levels never skip: each heading is at most one level below the one before it
    levels = [int(e.role[1]) for e in reader.root.walk() if re.fullmatch(r"H[1-6]", e.role)]
    assert levels[0] == 1 and all(b <= a + 1 for a, b in zip(levels, levels[1:]))
    # and the rest of the document stays at the top level
    assert all(kid.role != "H2" for s in top if s is not plan for kid in s.kids[:1])


def test_a_quote_between_two_pillars_nests_with_them_and_one_after_them_does_not(
        write_spec: Callable[[str], Path], tmp_path: Path):
    spec = MINIMAL + """\
  - type: pillars_overview
    title: The Plan
  - type: pillar
    number: 1
    title: First Pillar
    body: One.
  - type: quote
    text: Between the pillars.
  - type: pillar
    number: 2
    title: Second Pillar
    body: Two.
  - type: quote
    text: After the pillars.
"""
    output = tmp_path / "out.pdf"
    build(write_spec(spec), output)
    reader = Reader(output)
    (plan,) = [s for s in reader.root.kids if s.kids and letters(s.kids[0].text) == "theplan"]
    assert [(kid.role, roles(kid)[:1]) for kid in plan.kids if kid.role == "Sect"] == \
        [("Sect", ["H2"]), ("Sect", ["BlockQuote"]), ("Sect", ["H2"])]
    assert "afterthepillars" in letters(reader.root.kids[-1].text)
    with pikepdf.open(output) as pdf:  # the bookmarks nest the same way
        outline = pdf.open_outline()
        plan_item = next(item for item in outline.root if item.title == "The Plan")
        assert [child.title for child in plan_item.children] == ["First Pillar", "Second Pillar"]


def _images_drawn(pdf: pikepdf.Pdf) -> dict[tuple[int, int], list[tuple[float, float, float, float]]]:
    """(page, MCID) -> the rectangles (x0, y0, x1, y1, in page coordinates) of the images drawn in that sequence,
    from the content streams: the current matrix (q, Q, cm) applied to the unit square each Do paints."""
    drawn: dict[tuple[int, int], list[tuple[float, float, float, float]]] = {}
    for number, page in enumerate(pdf.pages):
        images = {str(name) for name, xobject in page.obj.Resources.get("/XObject", {}).items()
                  if xobject.get("/Subtype") == pikepdf.Name.Image}
        matrix, saved, open_ids = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0), [], []
        for operands, operator in pikepdf.parse_content_stream(page):
            op = str(operator)
            if op == "q":
                saved.append(matrix)
            elif op == "Q":
                matrix = saved.pop()
            elif op == "cm":
                a, b, c, d, e, f = (float(value) for value in operands)
                A, B, C, D, E, F = matrix
                matrix = (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E,
                          e * B + f * D + F)
            elif op in ("BDC", "BMC"):
                properties = operands[1] if op == "BDC" and len(operands) > 1 else None
                open_ids.append(int(properties.MCID) if isinstance(properties, pikepdf.Dictionary)
                                and "/MCID" in properties else None)
            elif op == "EMC":
                open_ids.pop()
            elif op == "Do" and str(operands[0]) in images:
                mcid = next((m for m in reversed(open_ids) if m is not None), None)
                A, B, C, D, E, F = matrix
                xs = [E + A * x + C * y for x, y in ((0, 0), (1, 0), (0, 1), (1, 1))]
                ys = [F + B * x + D * y for x, y in ((0, 0), (1, 0), (0, 1), (1, 1))]
                drawn.setdefault((number, mcid), []).append((min(xs), min(ys), max(xs), max(ys)))
    return drawn


@pytest.mark.parametrize("mode", ["screen", "print"])
def test_figures_have_the_layout_box_of_the_picture_as_drawn(default_build, tmp_path: Path, mode: str):
    """Every Figure has /A << /O /Layout /BBox >>: for a photo, the rectangle its image is drawn in, within 1 pt
    (in page coordinates, so in print mode shifted by the bleed); a cropped one (the cover) shows only part of
    its image: its box lies inside the image's and inside the page."""
    output = default_build.output
    if mode == "print":
        output = tmp_path / "print.pdf"
        build(ROOT / "report.yaml", output, BuildOptions(print_mode=True))
    reader = Reader(output)
    drawn = _images_drawn(reader.pdf)
    figures = [e for e in reader.root.walk() if e.role == "Figure"]
    nodes: list[pikepdf.Dictionary] = []

    def collect(node: pikepdf.Dictionary) -> None:
        if node.get("/S") == pikepdf.Name.Figure:
            nodes.append(node)
        for kid in node.get("/K", []) if isinstance(node.get("/K"), pikepdf.Array) else []:
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                collect(kid)

    collect(reader.pdf.Root.StructTreeRoot.K[0])
    assert len(nodes) == len(figures) >= 10
    matched = cropped = 0
    for figure, node in zip(figures, nodes):
        layout = node.A
        assert layout.O == pikepdf.Name.Layout
        box = [float(value) for value in layout.BBox]
        page = figure.own[0][0]
        width, height = (float(value) for value in reader.pdf.pages[page].MediaBox[2:])
        assert 0 <= box[0] < box[2] <= width and 0 <= box[1] < box[3] <= height
        rectangles = [rect for own in figure.own for rect in drawn.get(own, [])]
        if not rectangles:  # the pie: drawn with paths, its box the ring's drawing
            continue
        (image,) = rectangles
        if all(abs(a - b) <= 1 for a, b in zip(box, image)):
            matched += 1
        else:  # cropped to its frame: inside the picture as drawn
            assert image[0] - 1 <= box[0] and image[1] - 1 <= box[1] and box[2] <= image[2] + 1 \
                and box[3] <= image[3] + 1
            cropped += 1
    assert matched >= 10 and cropped <= 2


TWO_COLUMNS = MINIMAL + """\
  - type: text
    title: Programs
    columns: 2
    body: |
      The first paragraph says what the programs are for and whom they serve across the county this year.

      The second paragraph says how they were paid for, and by whom, over the three years of the plan.

      The programs did three things:

      - trained six thousand teachers
      - opened twelve community schools
      - placed seven hundred adults in jobs
    images:
      - {file: assets/photos/photo.jpg, caption: A community school, alt: Pupils at a community school}
"""


def test_a_photo_spread_through_two_columns_is_read_after_the_text(write_spec: Callable[[str], Path],
                                                                   tmp_path: Path):
    """The layout puts the photo after the third paragraph, in whichever column it lands, before the list
    that paragraph introduces; a reader gets the sentence, then its list, then the photo and its caption (the
    spec lists the images after the body), while the page still draws the photo where it landed."""
    output = tmp_path / "out.pdf"
    build(write_spec(TWO_COLUMNS), output)
    reader = Reader(output)
    (section,) = [s for s in reader.root.kids if s.kids and letters(s.kids[0].text) == "programs"]
    assert roles(section) == ["H1", "P", "P", "P", "L", "Figure", "Caption"]
    sentence, items = section.kids[3], section.kids[4]
    assert letters(sentence.text) == "theprogramsdidthreethings"
    assert [letters(item.kids[1].text) for item in items.kids] == \
        ["trainedsixthousandteachers", "openedtwelvecommunityschools", "placedsevenhundredadultsinjobs"]
    assert section.kids[5].attributes["Alt"] == "Pupils at a community school"
    assert letters(section.kids[6].text) == "acommunityschool"
    # drawn where the layout put it: after the sentence, before the list (MCIDs count up in drawing order)
    figure, first_item = section.kids[5].own[0], items.kids[0].kids[1].own[0]
    assert figure[0] == first_item[0] and sentence.own[-1][1] < figure[1] < first_item[1]


def test_no_figure_is_read_between_a_sentence_and_its_list(reader: Reader):
    """In the default report, a paragraph ending in a colon is always followed by its list."""
    for element in reader.root.walk():
        for before, after in zip(element.kids, element.kids[1:]):
            if before.role == "P" and before.text.rstrip().endswith(":"):
                assert after.role == "L", (before.text[-60:], after.role)
