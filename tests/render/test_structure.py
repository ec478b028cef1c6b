"""The structure tree read back from built PDFs: headings, figures, reading order, artifacts, PDF/UA checks,
and how it is written (inside ReportLab's save, without pikepdf)."""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pikepdf
import pytest

from reportgen.model import report as model
from reportgen.model.walk import iter_images
from reportgen.pipeline import build, check_spec
from reportgen.render.footer import footer_text
from reportgen.sections.back_cover import BackCover
from reportgen.sections.cover import Cover
from reportgen.sections.financials import Financials
from reportgen.sections.pillar import Pillar
from reportgen.sections.quote import Quote
from tests.conftest import MINIMAL, ROOT
from tests.render.reader import Reader

outloud = pytest.importorskip("outloud", reason="outloud (the PDF/UA checker) is in the test extra")
from outloud.model import Document  # noqa: E402

KITCHEN_SINK = """\
meta:
  title: Kitchen Sink Report
  organization: Test Agency
  language: en-GB
sections:
  - type: cover
    image: {file: assets/photos/photo.jpg, alt: A blue test photo}
  - type: contents
  - type: text
    title: Two Columns
    columns: 2
    stats:
      - {value: "12", label: Schools}
      - {heading: About, value: "3,400", label: Students}
    body: |
      First paragraph with a [link to the agency](https://example.org/agency) in it.

      Second paragraph, long enough to wrap over several lines of the narrow column so that balanced columns have something to split between them when they lay out the text.
    subsections:
      - title: A Subsection
        body: |
          Subsection text that follows its heading.

          - a bullet item
          - another bullet item
        images:
          - {file: assets/photos/photo.jpg, caption: A caption under the photo, alt: Children reading}
    images:
      - {file: assets/photos/photo.jpg, alt: ""}
      - assets/photos/photo.jpg
  - type: quote
    text: A quotation to set apart.
    author: Someone Wise
  - type: cards
    title: Cards
    cards:
      - {title: Wide Card, wide: true, body: "Text of the wide card that runs in two columns beside its title.", stat: {value: "99", label: Things Done}}
      - {title: Small Card, body: Short text.}
  - type: financials
    title: Money
    pie:
      title: Budget
      total: "$10 Million"
      slices:
        - {label: Teaching, amount: 6, display: "$6 Million"}
        - {label: Buildings, amount: 3, display: "$3 Million"}
        - {label: Other, amount: 1}
  - type: back_cover
    url: www.example.org
"""


@dataclass
class Element:
    role: str
    text: str
    alt: str | None
    actual_text: str | None
    depth: int
    kids: list[Element] = field(default_factory=list)

    def walk(self):  # type: ignore[no-untyped-def]
        yield self
        for kid in self.kids:
            yield from kid.walk()

    def all_text(self) -> str:
        return " ".join(part for part in [self.text] + [kid.all_text() for kid in self.kids] if part)


@dataclass
class Tagged:
    root: Element
    pages: int
    tagged_text: dict[int, str]     # page index -> text of all marked content owned by elements
    artifact_text: dict[int, str]   # page index -> text drawn as artifacts

    def of(self, *roles: str) -> list[Element]:
        return [element for element in self.root.walk() if element.role in roles]


def read_tree(path: Path) -> Tagged:
    """The structure tree with each element's own marked-content text (via the checker's content walker)."""
    document = Document(str(path))
    pdf = pikepdf.open(path)
    index = {page.obj.objgen: number for number, page in enumerate(pdf.pages)}
    contents = {number: document.content(number) for number in range(len(pdf.pages))}

    def element(node: pikepdf.Dictionary, depth: int, page: int | None) -> Element:
        if node.get("/Pg") is not None:
            page = index[node.Pg.objgen]
        kids = node.get("/K")
        kids = list(kids) if isinstance(kids, pikepdf.Array) else [kids]
        texts, children = [], []
        for kid in kids:
            if isinstance(kid, int):
                texts.append(contents[page].mcid_text.get((None, kid), ""))
            elif kid.get("/Type") == pikepdf.Name.MCR:
                texts.append(contents[index[kid.Pg.objgen]].mcid_text.get((None, int(kid.MCID)), ""))
            elif kid.get("/Type") != pikepdf.Name.OBJR:
                children.append(element(kid, depth + 1, page))
        optional = {key: str(node[key]) if key in node else None for key in ("/Alt", "/ActualText")}
        return Element(str(node.S)[1:], " ".join(texts), optional["/Alt"], optional["/ActualText"], depth, children)

    root = element(pdf.Root.StructTreeRoot.K[0], 0, None)
    tagged = {n: " ".join(r.text for r in c.runs if r.mcid is not None and not r.artifact) for n, c in contents.items()}
    artifacts = {n: "".join(r.text for r in c.runs if r.artifact) for n, c in contents.items()}
    return Tagged(root, len(pdf.pages), tagged, artifacts)


def letters(text: str) -> str:
    return re.sub(r"[^0-9a-z]", "", text.lower())


def spaced(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="session")
def default_tree(default_build) -> Tagged:  # type: ignore[no-untyped-def]
    return read_tree(default_build.output)


@pytest.fixture(scope="session")
def default_report() -> model.Report:
    return check_spec(ROOT / "report.yaml")[1]  # type: ignore[return-value]


# ---------------------------------------------------------------- the default report

def test_default_report_passes_the_pdf_ua_checker(default_build):
    result = outloud.check(str(default_build.output))
    assert result.error is None
    failures = [f"{f.rule} p.{f.page}: {f.message}" for f in result.findings if f.severity == "error"]
    assert failures == []
    assert result.errors == 0


def test_document_level_entries(default_build, default_report):
    with pikepdf.open(default_build.output) as pdf:
        assert pdf.Root.MarkInfo.Marked is True
        assert str(pdf.Root.Lang) == default_report.meta.language
        assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
        with pdf.open_metadata() as xmp:
            assert xmp["dc:title"] == default_report.meta.title
            assert xmp["pdfuaid:part"] == "1"
        for page in pdf.pages:
            assert page.obj.Tabs == pikepdf.Name.S
            for annotation in page.obj.get("/Annots", []):
                assert str(annotation.Contents).strip()
                assert "/StructParent" in annotation


def test_headings_follow_the_spec(default_tree, default_report):
    """Every section's title is an H1, but a pillar's: its Sect is under the strategic plan's, its title an H2."""
    expected = []
    for section in default_report.sections:
        if isinstance(section, Cover):
            expected.append(section.title or default_report.meta.title)
        elif getattr(section, "title", None) and not isinstance(section, (Quote, BackCover, Pillar)):
            expected.append(section.title)
    assert [spaced(h.text) for h in default_tree.of("H1")] == [spaced(t) for t in expected]
    pillars = [h.actual_text for h in default_tree.of("H2") if h.actual_text]
    assert pillars == [f"Pillar {s.number}: {s.title}" for s in default_report.sections if isinstance(s, Pillar)]


def test_subsection_card_and_pillar_titles_are_h2_in_spec_order(default_tree, default_report):
    expected = []
    for section in default_report.sections:
        expected += [sub.title for sub in getattr(section, "subsections", ())]
        expected += [card.title for card in getattr(section, "cards", ())]
        expected += [section.title] if isinstance(section, Pillar) else []
        pie = section.pie if isinstance(section, Financials) else None
        expected += [pie.title] if pie is not None and pie.title else []  # a heading above the chart
    assert [spaced(h.text) for h in default_tree.of("H2")] == [spaced(t) for t in expected]


def test_every_image_is_a_figure_with_its_alt_text(default_tree, default_report):
    alts = Counter(image.alt for _, image in iter_images(default_report.sections) if image.alt)
    figures = Counter(f.alt for f in default_tree.of("Figure") if not f.alt.startswith("Ring chart"))
    assert figures == alts


def test_pie_alt_text_names_every_slice(default_tree, default_report):
    pie = next(s.pie for s in default_report.sections if isinstance(s, Financials) and s.pie)
    (figure,) = [f for f in default_tree.of("Figure") if f.alt.startswith("Ring chart")]
    for slice_ in pie.slices:
        assert slice_.label in figure.alt and slice_.display in figure.alt
    percents = re.findall(r"(\d+)%", figure.alt)
    assert len(percents) == len(pie.slices) and sum(map(int, percents)) == 100
    (section,) = [s for s in default_tree.root.kids if figure in s.kids]
    legend = section.kids[section.kids.index(figure) + 1]
    assert legend.role == "L"
    assert [(item.kids[0].role, item.kids[1].role) for item in legend.kids] == [("Lbl", "LBody")] * len(pie.slices)
    assert [letters(item.all_text()) for item in legend.kids] == \
        [letters(f"{p}% {s.label} {s.display}") for p, s in zip(percents, pie.slices)]


def test_footers_are_artifacts_never_content(default_tree, default_report):
    checked = 0
    for index in range(default_tree.pages):
        page = index + 1
        footer = footer_text(default_report.footer.even if page % 2 == 0 else default_report.footer.odd,
                             default_report, page)
        if spaced(footer) in spaced(default_tree.artifact_text[index]):
            checked += 1
            assert spaced(footer) not in spaced(default_tree.tagged_text[index])
    assert checked > default_tree.pages / 2


def test_stats_read_as_one_unit_each(default_tree, default_report):
    units = [p.actual_text for p in default_tree.of("P") if p.actual_text]
    pillar = next(s for s in default_report.sections if isinstance(s, Pillar))
    stat = pillar.stats[0]
    assert f"{stat.value} \u2014 {stat.label}" in units


def test_two_column_body_reads_down_each_column_in_turn(default_tree, default_report):
    pillar = next(s for s in default_report.sections if isinstance(s, Pillar))
    (section,) = [e for e in default_tree.of("Sect") if e.kids and e.kids[0].role == "H2"
                  and e.kids[0].actual_text == f"Pillar {pillar.number}: {pillar.title}"]
    assert spaced(section.kids[0].text) == spaced(pillar.title)
    units = {f"{stat.value} \u2014 {stat.label}" for stat in pillar.stats}  # stat blocks read as one unit
    read = "".join(letters(e.text) for e in section.walk()
                   if e.role in ("P", "LBody") and e.actual_text not in units)
    expected = "".join(letters(text.text) for text in (pillar.goal, pillar.lead, pillar.body))
    assert read == expected


# ---------------------------------------------------------------- test specs

@pytest.mark.parametrize("text", [MINIMAL, KITCHEN_SINK], ids=["minimal", "kitchen-sink"])
def test_test_specs_pass_the_pdf_ua_checker(write_spec: Callable[[str], Path], tmp_path: Path, text: str):
    output = tmp_path / "out.pdf"
    build(write_spec(text), output)
    result = outloud.check(str(output))
    assert result.error is None
    assert [f"{f.rule}: {f.message}" for f in result.findings if f.severity == "error"] == []


def test_kitchen_sink_structure(write_spec: Callable[[str], Path], tmp_path: Path):
    output = tmp_path / "out.pdf"
    result = build(write_spec(KITCHEN_SINK), output)
    tree = read_tree(output)
    assert [w.path for w in result.warnings] == [("sections", 2, "images", 1, "alt")]  # the image without alt
    assert sorted(f.alt for f in tree.of("Figure") if not f.alt.startswith("Ring")) == \
        ["A blue test photo", "Children reading"]  # alt "" and no alt: artifacts
    (caption,) = tree.of("Caption")
    assert spaced(caption.text) == "A caption under the photo"
    (bullets,) = [lst for lst in tree.of("L") if any("bullet" in item.all_text() for item in lst.kids)]
    assert [spaced(item.all_text()) for item in bullets.kids] == ["\u2022 a bullet item", "\u2022 another bullet item"]
    # a link in running text holds its words (no Alt standing in for them); its paragraph reads around it
    inline = {spaced(link.text): link for link in tree.of("Link")}
    assert {"link to the agency", "www.example.org"} <= set(inline)
    assert inline["link to the agency"].alt is None and inline["www.example.org"].alt is None
    (first,) = [p for p in tree.of("P") if any(kid is inline["link to the agency"] for kid in p.kids)]
    assert spaced(first.text) == "First paragraph with a in it."
    assert [spaced(entry.all_text()) for entry in tree.of("TOCI")] == ["Two Columns 3", "Cards 5", "Money 6"]
    assert all([kid.role for kid in entry.kids] == ["Reference"] and [kid.role for kid in entry.kids[0].kids] == ["Link"]
               for entry in tree.of("TOCI"))
    assert [q.role for q in tree.of("BlockQuote")[0].kids] == ["P", "P"]
    with pikepdf.open(output) as pdf:
        assert str(pdf.Root.Lang) == "en-GB"


def test_bullet_lists_have_a_label_and_a_body_per_item(default_tree, default_report):
    pillar = next(s for s in default_report.sections if isinstance(s, Pillar) and
                  any(b.kind == "bullet" for b in s.body.blocks))
    items = [b.text for b in pillar.body.blocks if b.kind == "bullet"]
    lists = [element for element in default_tree.of("L")
             if all(item.kids and item.kids[0].role == "Lbl" for item in element.kids)
             and any(letters(items[0]) == letters(item.kids[-1].all_text()) for item in element.kids)]
    (found,) = lists
    assert [(item.role, [kid.role for kid in item.kids]) for item in found.kids] == [("LI", ["Lbl", "LBody"])] * len(items)
    assert [item.kids[0].all_text().strip() for item in found.kids] == ["\u2022"] * len(items)
    assert [letters(item.kids[1].all_text()) for item in found.kids] == [letters(text) for text in items]


def test_hyphenated_words_read_whole_and_paragraphs_as_written(default_build, default_report):
    """A word the layout broke across lines ('pro-' / 'vided') reaches a reader whole, through an /ActualText on
    that word's marked content only: no paragraph carries one, and every paragraph of the spec's text reads
    exactly as written (line ends read as spaces, links amid their paragraph's words)."""
    from reportgen.model.richtext import RichText
    from reportgen.model.walk import walk

    written = {" ".join(block.text.split()) for _, value in walk(default_report) if isinstance(value, RichText)
               for block in value.blocks}
    reader = Reader(default_build.output)
    elements = list(reader.root.walk())
    # (a stat or a pillar band's heading reads as one unit through its ActualText: never a paragraph of text)
    covered = [e for e in elements if "ActualText" in e.attributes]
    assert covered and not [e.attributes["ActualText"] for e in covered if e.attributes["ActualText"] in written
                            or any(kid.role == "Link" for kid in e.walk())]
    assert written <= {spaced(e.text) for e in elements if e.role in ("P", "LBody")}
    assert len([span for span in reader.spans if span[:-1] and span.isalpha()]) > 20  # the words hyphenated


# ---------------------------------------------------------------- how the tree is written

def test_a_screen_build_tags_the_pdf_without_importing_pikepdf(minimal_spec: Path, tmp_path: Path):
    """The tree goes in while ReportLab saves the file, so a screen build never loads pikepdf."""
    output = tmp_path / "out.pdf"
    code = ("import sys; from reportgen.pipeline import build; "
            f"build({str(minimal_spec)!r}, {str(output)!r}); print('pikepdf' in sys.modules)")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "False"
    tree = read_tree(output)
    assert [spaced(h.text) for h in tree.of("H1")] == ["Annual Report 2023-24", "A Message"]


def test_attribute_strings_keep_brackets_backslashes_and_any_script(write_spec: Callable[[str], Path],
                                                                    tmp_path: Path):
    alts = ["Pupils (ages 5\\6) read :) \u201cquietly\u201d", "\u03a9mega \u2014 \u0394elta \u00e9t\u00e9"]
    spec = MINIMAL.replace("  - type: cover\n", "  - type: cover\n    image: {file: assets/photos/photo.jpg, alt: %s}\n"
                           % _yaml_string(alts[0]))
    spec += "  - type: text\n    title: Photos\n    body: Text.\n    images:\n"
    spec += f"      - {{file: assets/photos/photo.jpg, alt: {_yaml_string(alts[1])}}}\n"
    output = tmp_path / "out.pdf"
    build(write_spec(spec), output)
    assert [f.alt for f in read_tree(output).of("Figure")] == alts


def _yaml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


# ---------------------------------------------------------------- links and the whole tree

def _text_of(element: pikepdf.Dictionary, contents: dict, index: dict) -> str:
    """The text of an element's own marked content."""
    page = index[element.Pg.objgen] if "/Pg" in element else None
    kids = element.get("/K")
    texts = []
    for kid in (list(kids) if isinstance(kids, pikepdf.Array) else [kids]):
        if isinstance(kid, int):
            texts.append(contents[page].mcid_text.get((None, kid), ""))
        elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == pikepdf.Name.MCR:
            texts.append(contents[index[kid.Pg.objgen]].mcid_text.get((None, int(kid.MCID)), ""))
    return " ".join(texts)


def test_every_link_annotation_belongs_to_a_link_in_the_element_that_draws_it(default_build):
    """Each annotation's /StructParent is a Link element holding it (OBJR) whose parent is the
    paragraph (or contents entry) drawn with the link's words: owned by construction, not by overlap."""
    path = default_build.output
    document = Document(str(path))
    with pikepdf.open(path) as pdf:
        index = {page.obj.objgen: number for number, page in enumerate(pdf.pages)}
        contents = {number: document.content(number) for number in range(len(pdf.pages))}
        nums = pdf.Root.StructTreeRoot.ParentTree.Nums
        parents = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
        checked = Counter()
        for number, page in enumerate(pdf.pages):
            for annotation in page.obj.get("/Annots", []):
                link = parents[int(annotation.StructParent)]
                assert link.S == pikepdf.Name.Link
                assert any(kid.get("/Type") == pikepdf.Name.OBJR and kid.Obj.objgen == annotation.objgen
                           and index[kid.Pg.objgen] == number for kid in link.K if isinstance(kid, pikepdf.Dictionary))
                host = link.P
                text = _text_of(link, contents, index)
                assert "/Alt" not in link and text.strip()  # every Link holds its words as its own content
                description = str(annotation.Contents)
                if description.startswith("Go to "):  # a contents entry or pillar tile: the title it goes to
                    assert (str(host.S), str(host.P.S)) in (("/Reference", "/TOCI"), ("/LBody", "/LI"))
                    title = description.removeprefix("Go to ").split(": ", 1)[-1]
                    assert letters(title) in letters(text)
                else:  # a link in a paragraph's text: read amid the paragraph's words, then where it goes
                    assert str(host.S) in ("/P", "/LBody")
                    assert any(kid.objgen == link.objgen for kid in host.K if isinstance(kid, pikepdf.Dictionary))
                    assert description.startswith(spaced(text))
                    checked["inline"] += 1
                checked[str(host.S)] += 1
    assert checked["/Reference"] > 5 and checked["/LBody"] >= 5  # the contents entries, the pillar tiles
    assert checked["inline"] >= 3


STARTER_TREE = """\
Document
  Sect: Figure H1 P*2
  Sect: H1 TOC
    TOC: TOCI*6
      TOCI: Reference
        Reference: Link
      TOCI: Reference
        Reference: Link
      TOCI: Reference
        Reference: Link
      TOCI: Reference TOC
        Reference: Link
        TOC: TOCI*2
          TOCI: Reference
            Reference: Link
          TOCI: Reference
            Reference: Link
      TOCI: Reference
        Reference: Link
      TOCI: Reference
        Reference: Link
  Sect: H1 Figure P*5
    P: Link
  Sect: BlockQuote
    BlockQuote: P*2
  Sect: H1 P*5 L H2 Figure Table P Figure Caption
    L: LI*2
      LI: Lbl LBody
      LI: Lbl LBody
    Table: TR*6
      TR: TH*2
      TR: TD*2
      TR: TD*2
      TR: TD*2
      TR: TD*2
      TR: TD*2
  Sect: H1 Sect*2
    Sect: H2 P*2
    Sect: H2 P*2
  Sect: H1 P L Sect*2
    L: LI*2
      LI: Lbl LBody
        LBody: Link
      LI: Lbl LBody
        LBody: Link
    Sect: H2 P*3 H3 Figure Table Figure
      Table: TR*5
        TR: TH*3
        TR: TH TD*2
        TR: TH TD*2
        TR: TH TD*2
        TR: TH TD*2
    Sect: H2 P*2 H3 Figure L Table
      L: LI*3
        LI: Lbl LBody
        LI: Lbl LBody
        LI: Lbl LBody
      Table: TR*4
        TR: TH*2
        TR: TD*2
        TR: TD*2
        TR: TD*2
  Sect: H1 P*2 H2 Figure L Table P
    L: LI*3
      LI: Lbl LBody
      LI: Lbl LBody
      LI: Lbl LBody
    Table: Caption THead TBody TFoot
      THead: TR
        TR: TH*3
      TBody: TR*3
        TR: TH TD*2
        TR: TH TD*2
        TR: TH TD*2
      TFoot: TR
        TR: TH TD*2
  Sect: H1 P H2 Figure Table Figure
    Table: TR*4
      TR: TH*2
      TR: TD*2
      TR: TD*2
      TR: TD*2
  Sect: P*6
    P: Link
    P: Link
    P: Link
"""


def _outline(element: pikepdf.Dictionary, depth: int, lines: list[str]) -> None:
    """The tree as lines "role: child roles" for each element with children, depth first."""
    kids = element.get("/K")
    children = [kid for kid in (list(kids) if isinstance(kids, pikepdf.Array) else [kids])
                if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") not in (pikepdf.Name.MCR, pikepdf.Name.OBJR)]
    roles = [str(kid.S)[1:] for kid in children]
    if roles:
        runs = []
        for role in roles:
            if runs and runs[-1][0] == role:
                runs[-1][1] += 1
            else:
                runs.append([role, 1])
        line = "  " * depth + f"{str(element.S)[1:]}: " + " ".join(r if n == 1 else f"{r}*{n}" for r, n in runs)
        lines.append(line)
    elif depth == 0:
        lines.append(str(element.S)[1:])
    for kid in children:
        _outline(kid, depth + 1, lines)


def test_the_starter_report_has_the_expected_tree(cli, tmp_path: Path):
    """`reportgen init` uses every section type: its tree, section by section, in spec order."""
    folder = tmp_path / "starter"
    assert cli("init", str(folder)).code == 0
    output = tmp_path / "starter.pdf"
    build(folder / "report.yaml", output)
    lines: list[str] = ["Document"]
    with pikepdf.open(output) as pdf:
        for section in pdf.Root.StructTreeRoot.K[0].K:
            _outline(section, 1, lines)
    assert "\n".join(lines) + "\n" == STARTER_TREE
    assert outloud.check(str(output)).errors == 0


def test_a_link_over_two_lines_is_one_link_element(write_spec: Callable[[str], Path], tmp_path: Path):
    """ReportLab draws a link broken over lines as one annotation per line; they are one link, so one
    Link element holds them all (before, each annotation got a Link element of its own)."""
    words = "a link whose words run on well past the end of the first line of this paragraph, " * 3 + "to here"
    spec = MINIMAL + ("  - type: text\n    title: Links\n    body: |\n"
                      f"      Before [{words}](https://example.org/long) and after it.\n")
    output = tmp_path / "out.pdf"
    build(write_spec(spec), output)
    with pikepdf.open(output) as pdf:
        annotations = [a for page in pdf.pages for a in page.obj.get("/Annots", [])
                       if "/A" in a and str(a.A.get("/URI", "")) == "https://example.org/long"]
        nums = pdf.Root.StructTreeRoot.ParentTree.Nums
        parents = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
        owners = {parents[int(a.StructParent)].objgen for a in annotations}
        (owner,) = [parents[int(a.StructParent)] for a in annotations[:1]]
        assert len(annotations) >= 2 and len(owners) == 1
        assert "/Alt" not in owner and owner.P.S == pikepdf.Name.P  # its words are its content, not an Alt
        assert [kid.Obj.objgen for kid in owner.K if isinstance(kid, pikepdf.Dictionary)] == \
            [a.objgen for a in annotations]
    (link,) = [element for element in Reader(output).root.walk() if element.role == "Link"]
    assert spaced(link.text) == words
    assert outloud.check(str(output)).errors == 0
