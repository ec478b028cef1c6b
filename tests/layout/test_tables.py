"""Data tables: every cell printed, the header again after a break, figures on the decimal point, the structure
a screen reader needs, CSV problems at the CSV's line and column, CMYK only in print."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Callable

import pdfplumber
import pikepdf
import pytest

from reportgen.diagnostics import ReportError
from reportgen.model.walk import iter_files
from reportgen.pipeline import BuildOptions, build, check_spec
from tests.conftest import page_texts

SCHOOLS = [(f"School {number:02d} {'Community Day' if number % 7 == 0 else 'Academy'}", 80 + number * 37 % 2300,
            f"{70 + number * 13 % 300 / 10:.1f}") for number in range(60)]

SPEC = """\
meta: {{title: Tables, organization: O{language}}}
sections:
  - type: text
    title: Our Schools
    body: |
      The schools of the county. See [the table](#schools).
    tables:
      - title: Our schools
        id: schools
        columns: [School, Students, Graduation rate]
        rows:
          - [Central Juvenile Hall, 412, "88%"]
          - [Los Padrinos, 318, "91.5%"]
          - [Camp Afflerbaugh-Paige, "1,204", "7.25%"]
        total: [All schools, "1,934", "89%"]
        source: California Department of Education
      - title: Every school
        data: assets/data/schools.csv
"""


def write_csv(folder: Path, rows: list[tuple[str, int, str]] = SCHOOLS, name: str = "schools.csv") -> Path:
    data = folder / "assets" / "data"
    data.mkdir(parents=True, exist_ok=True)
    path = data / name
    path.write_text("School,Students,Graduation rate\n" + "".join(f"{s},{n},{r}\n" for s, n, r in rows),
                    encoding="utf-8")
    return path


@pytest.fixture
def tables_pdf(write_spec: Callable[..., Path], spec_dir: Path, tmp_path: Path) -> Path:
    write_csv(spec_dir)
    output = tmp_path / "tables.pdf"
    build(write_spec(SPEC.format(language="")), output)
    return output


def test_every_cell_is_printed_and_the_csv_numbers_in_english(tables_pdf: Path):
    text = re.sub(r"\s+", " ", " ".join(page_texts(tables_pdf)))
    for cell in ("Central Juvenile Hall 412 88%", "Los Padrinos 318 91.5%", "All schools 1,934 89%",
                 "California Department of Education"):
        assert cell in text
    for school, students, rate in SCHOOLS:
        assert f"{school} {students:,} {rate}" in text  # a CSV's 1254 printed 1,254


def test_a_long_table_repeats_its_header_and_never_splits_a_row(tables_pdf: Path):
    pages = page_texts(tables_pdf)
    with_rows = [index for index, page in enumerate(pages) if "Academy" in page]
    assert len(with_rows) >= 2  # the 60 rows break across pages
    for index in with_rows[1:]:
        text = re.sub(r"\s+", " ", pages[index])
        first_row = re.search(r"School \d\d (Academy|Community Day)", text)
        assert first_row and text[:first_row.start()].endswith("School Students Graduation rate ")  # the header again
        assert "Every school" not in text  # the title once
    seen = [school for page in pages for school, _, _ in SCHOOLS if school in page]
    assert seen == [school for school, _, _ in SCHOOLS]  # every row once, whole, in order


def test_figures_stand_on_the_decimal_point(tables_pdf: Path):
    with pdfplumber.open(tables_pdf) as pdf:
        words = pdf.pages[0].extract_words(extra_attrs=["size"])
        chars = pdf.pages[0].chars

    def units_right(word: dict) -> float:
        """The right edge of a figure's units digit (the last digit before its decimal point)."""
        inside = [c for c in chars if word["x0"] - 0.01 <= c["x0"] and c["x1"] <= word["x1"] + 0.01
                  and abs(c["top"] - word["top"]) < 0.5]
        text = "".join(c["text"] for c in inside)
        digits = re.match(r"[\d,]*\d", text).end()
        return inside[digits - 1]["x1"]

    rates = [w for w in words if w["text"] in ("88%", "91.5%", "7.25%", "89%")]
    assert len(rates) == 4
    edges = [units_right(w) for w in rates]
    assert max(edges) - min(edges) < 0.05, edges  # one vertical line through the units digits
    assert len({round(w["x1"], 1) for w in rates}) > 1  # ... though the figures end apart
    students = [w for w in words if w["text"] in ("412", "318", "1,204", "1,934")]
    assert max(w["x1"] for w in students) - min(w["x1"] for w in students) < 0.05


def _elements(node: object):
    if isinstance(node, pikepdf.Dictionary):
        if "/S" in node:
            yield node
        kids = node.get("/K")
        for kid in (kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []):
            yield from _elements(kid)


def test_tables_read_as_tables_with_header_scopes(tables_pdf: Path):
    with pikepdf.open(tables_pdf) as pdf:
        tables = [e for e in _elements(pdf.Root.StructTreeRoot) if str(e.S) == "/Table"]
        assert len(tables) == 2
        first = tables[0]
        kinds = [str(kid.S) for kid in first.K]
        assert kinds == ["/Caption", "/THead", "/TBody", "/TFoot"]
        scopes = [(str(th.get("/A", {}).get("/Scope")), str(th.get("/A", {}).get("/O")))
                  for th in _elements(first) if str(th.S) == "/TH"]
        assert scopes[:3] == [("/Column", "/Table")] * 3
        assert scopes[3:] == [("/Row", "/Table")] * 4  # the schools' names head their rows, the total's too
        assert "/BBox" in first.A  # where it is drawn (PDF/UA)
        long = tables[1]
        rows = [e for e in _elements(long) if str(e.S) == "/TR"]
        assert len(rows) == 61  # the header once (its repeats are artifacts) and every row
        cells = [e for e in _elements(long) if str(e.S) in ("/TH", "/TD")]
        assert len(cells) == 61 * 3


def test_outloud_and_pdfua_find_nothing(tables_pdf: Path):
    pytest.importorskip("outloud")
    pytest.importorskip("pdfua")
    from tests.render.test_pdf_ua import assert_both_checkers_pass

    assert_both_checkers_pass(tables_pdf)


def test_a_csv_s_numbers_in_french(write_spec: Callable[..., Path], spec_dir: Path, tmp_path: Path):
    write_csv(spec_dir, [("École Centrale", 1250, "12.5"), ("Lycée Nord", 98, "3.25")])
    output = tmp_path / "fr.pdf"
    build(write_spec(SPEC.format(language=", language: fr-FR").replace("#schools", "#ecoles")
                     .replace("id: schools", "id: ecoles")), output)
    text = re.sub(r"\s+", " ", " ".join(page_texts(output)))  # U+202F, French's thousands separator, is a space
    assert "École Centrale 1 250 12,5" in text
    # CLDR's separator is U+202F, which the body font lacks: set, like every number in running text, as a space
    assert "1 250" in " ".join(page_texts(output))
    assert "Lycée Nord 98 3,25" in text


def test_the_csv_is_an_input_of_the_build(write_spec: Callable[..., Path], spec_dir: Path, tmp_path: Path):
    csv = write_csv(spec_dir)
    spec = write_spec(SPEC.format(language=""))
    _, report, _ = check_spec(spec)
    assert csv.resolve() in [path for _, path in iter_files(report)]  # watch, the layout key, protected files
    result = build(spec, tmp_path / "out.pdf")
    assert csv.resolve() in result.inputs


@pytest.mark.parametrize("content, where, words", [
    (b"School,Students\nA,1\nB,2,3\n", "schools.csv:3:5:", "this row has 3 cells, the header has 2"),
    (b"School,Students\nA,1\nZ\xe9rich,2\n", "schools.csv:3:2:", "byte 0xE9 is not UTF-8 text"),
    (b"", "schools.csv:1:1:", "the file is empty"),
])
def test_csv_problems_name_the_file_line_and_column(write_spec: Callable[..., Path], spec_dir: Path,
                                                    tmp_path: Path, content: bytes, where: str, words: str):
    data = spec_dir / "assets" / "data"
    data.mkdir(parents=True, exist_ok=True)
    (data / "schools.csv").write_bytes(content)
    with pytest.raises(ReportError) as caught:
        build(write_spec(SPEC.format(language="")), tmp_path / "out.pdf")
    shown = [str(d) for d in caught.value.diagnostics]
    assert any(line.startswith(str(spec_dir / "assets" / "data") + "/" + where) and words in line
               for line in shown), shown


def test_spec_problems_are_located_in_the_spec(write_spec: Callable[..., Path], tmp_path: Path):
    spec = write_spec("""\
        meta: {title: T, organization: O}
        sections:
          - type: text
            title: X
            tables:
              - {columns: [A, B], rows: [[x, 1], [y, 2, 3]], total: [t], align: [left, right, up]}
              - {columns: [A], rows: [[x]], data: assets/data/none.csv}
        """)
    with pytest.raises(ReportError) as caught:
        build(spec, tmp_path / "out.pdf")
    shown = "\n".join(str(d) for d in caught.value.diagnostics)
    assert re.search(r"report\.yaml:6:\d+: sections\[0\]\.tables\[0\]\.align\[2\]: 'up' is not allowed", shown)
    assert re.search(r"report\.yaml:7:\d+: sections\[0\]\.tables\[1\]\.data: file not found", shown)
    spec.write_text(spec.read_text().replace(", align: [left, right, up]", "").replace(
        "\n      - {columns: [A], rows: [[x]], data: assets/data/none.csv}", ""))
    with pytest.raises(ReportError) as caught:
        build(spec, tmp_path / "out.pdf")
    shown = "\n".join(str(d) for d in caught.value.diagnostics)
    assert re.search(r"report\.yaml:6:\d+: sections\[0\]\.tables\[0\]\.rows\[1\]: this row has 3 cells, the table "
                     r"has 2 columns", shown)
    assert re.search(r"report\.yaml:6:\d+: sections\[0\]\.tables\[0\]\.total: the totals row has 1 cells", shown)


def test_a_table_wider_than_its_column_is_a_located_error(write_spec: Callable[..., Path], tmp_path: Path):
    word = "Superintendentialadministrationdepartment"
    spec = write_spec(f"""\
        meta: {{title: T, organization: O}}
        sections:
          - type: pillar
            number: 1
            title: P
            body: Text.
            tables:
              - span: column
                columns: [{word}, {word}B, Figure]
                rows: [[{word}, {word}, 1]]
        """)
    with pytest.raises(ReportError) as caught:
        build(spec, tmp_path / "out.pdf")
    [problem] = caught.value.diagnostics
    assert re.match(r".*report\.yaml:8:\d+: sections\[0\]\.tables\[0\]: the table is \d+ pt wide at its narrowest",
                    str(problem))
    assert "wider than the 239 pt it is set in" in problem.message
    assert "or set it full width (remove `span: column`)" in (problem.hint or "")


def test_two_column_text_sets_a_full_width_table_across_and_a_column_table_in_a_column(
        write_spec: Callable[..., Path], tmp_path: Path):
    spec = write_spec("""\
        meta: {title: T, organization: O}
        sections:
          - type: pillar
            number: 1
            title: P
            body: |
              First paragraph of the pillar's text, in two columns.

              Second paragraph of the pillar's text, in two columns.
            tables:
              - {columns: [Year, Inside], rows: [["2022", "1.5"], ["2023", "12.25"]], span: column}
              - {columns: [Year, Across], rows: [["2022", "1.5"], ["2023", "12.25"]]}
        """)
    output = tmp_path / "out.pdf"
    build(spec, output)
    with pdfplumber.open(output) as pdf:
        words = pdf.pages[0].extract_words()
    width = 612 - 64.8 - 50.4  # the text area of a Letter page between the default margins
    column = (width - 18) / 2

    def table_span(header: str) -> float:
        right = next(w for w in words if w["text"] == header)
        left = next(w for w in words if w["text"] == "Year" and abs(w["top"] - right["top"]) < 1)
        return right["x1"] - left["x0"]

    assert table_span("Inside") <= column  # in a column ...
    assert table_span("Across") > column + 18  # ... and across both
    across = next(w for w in words if w["text"] == "Across")
    text = [w for w in words if w["text"] in ("First", "Second")]
    assert all(across["top"] > w["top"] for w in text)  # under the columns of text


def test_print_mode_tables_are_cmyk_only(write_spec: Callable[..., Path], spec_dir: Path, tmp_path: Path):
    write_csv(spec_dir)
    output = tmp_path / "print.pdf"
    build(write_spec(SPEC.format(language="")), output, BuildOptions(print_mode=True))
    with pikepdf.open(output) as pdf:
        for page in pdf.pages:
            operators = {str(op) for _, op in pikepdf.parse_content_stream(page)}
            assert operators.isdisjoint({"rg", "RG", "g", "G"})
            assert "k" in operators


def test_fifty_columns_are_refused_with_a_hint_not_drawn_over_each_other(write_spec: Callable[..., Path],
                                                                         tmp_path: Path):
    columns = ", ".join(f"Column{number}" for number in range(50))
    cells = ", ".join(str(number * 1000) for number in range(50))
    spec = write_spec(f"""\
        meta: {{title: T, organization: O}}
        sections:
          - type: text
            title: X
            tables:
              - {{columns: [{columns}], rows: [[{cells}]]}}
        """)
    with pytest.raises(ReportError) as caught:
        build(spec, tmp_path / "out.pdf")
    [problem] = caught.value.diagnostics
    assert problem.line == 6 and problem.path == ("sections", 0, "tables", 0)
    assert "wider than the 497 pt it is set in" in problem.message
    assert problem.hint.startswith("shorten the longest words of its widest columns ('Column")
    assert "give it fewer columns" in problem.hint
