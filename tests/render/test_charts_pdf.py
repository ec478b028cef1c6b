"""Charts in a built PDF: their labels in the text, a Figure and its data Table in the structure tree, contrast,
CMYK only in print, and both PDF/UA checkers clean."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest

from reportgen.pipeline import BuildOptions, build
from tests.conftest import page_texts
from tests.print.conftest import RGB_OPERATORS, content_operators
from tests.render.reader import Reader

SPEC = """\
meta: {title: Chart Report, organization: Test Office}
sections:
  - type: text
    title: Enrollment
    body: Enrollment fell for five years running.
    charts:
      - type: column
        id: enrollment
        title: Students enrolled
        categories: ["2019-20", "2020-21", "2021-22", "2022-23", "2023-24"]
        series:
          - {name: Students, values: [1.98, 1.94, 1.89, 1.87, 1.85]}
        unit: Million
        source: California Department of Education
      - type: bar
        title: Spending per student
        stacked: true
        categories: [Central Juvenile Hall, Los Padrinos, Camp Afflerbaugh]
        series:
          - {name: State, values: [14500, 21200, 6800]}
          - {name: Federal, values: [10000, 10000, 5000]}
  - type: text
    title: Outcomes
    columns: 2
    body: |
      Graduation rates rose.

      They rose again.
    charts:
      - type: line
        title: Graduation rate
        span: column
        categories: ["2021", "2022", "2023"]
        series:
          - {name: County, values: [83.1, 84.5, 88.1]}
          - {name: State, values: [83.6, 87.5, 86.4]}
        unit: "%"
      - type: column
        title: Change in enrollment
        categories: [North, South]
        series:
          - {name: 2022-23, values: [12, -3]}
          - {name: 2023-24, values: [15, -6]}
  - type: pillar
    number: 1
    title: Improve Outcomes
    body: A pillar with a chart.
    charts:
      - type: donut
        title: Where the money goes
        categories: [Instruction, Support, Facilities]
        series:
          - {name: Budget, values: [303, 147, 118]}
"""
VALUE_LABELS = ["1.98 Million", "1.85 Million", "14,500", "31,200", "88.1%", "-6", "15", "303", "53%", "26%"]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("charts")
    spec = folder / "report.yaml"
    spec.write_text(SPEC, encoding="utf-8")
    return {mode: build(spec, folder / f"{mode}.pdf", BuildOptions(print_mode=mode == "print"))
            for mode in ("screen", "print")}


def test_the_build_is_clean(built):
    for result in built.values():
        assert result.warnings == []  # contrast included: every chart label passes


def test_every_value_label_is_in_the_text(built):
    text = " ".join(page_texts(built["screen"].output)).replace("\u00a0", " ")
    for label in VALUE_LABELS:
        assert label in text
    assert "California Department of Education" in text


def figures_and_tables(path: Path):
    reader = Reader(path)
    found = []
    for element in reader.root.walk():
        roles = [kid.role for kid in element.kids]
        for index, role in enumerate(roles):
            if role == "Figure" and index + 1 < len(roles) and roles[index + 1] in ("Table", "L"):
                table = next(kid for kid in element.kids[index + 1:] if kid.role == "Table")
                found.append((element.kids[index], table))
    return found


def test_each_chart_is_a_figure_then_its_data_table(built):
    pairs = figures_and_tables(built["screen"].output)
    assert len(pairs) == 5
    figure, table = pairs[0]
    alt = figure.attributes["Alt"]
    assert alt.startswith("Column chart of Students enrolled, in Million:")
    for value in ("1.98", "1.94", "1.89", "1.87", "1.85"):
        assert value in alt
    rows = [[(cell.role, cell.text) for cell in row.kids] for row in table.kids]
    assert rows[0] == [("TH", "Category"), ("TH", "Students")]
    assert rows[1] == [("TD", "2019-20"), ("TD", "1.98 Million")]
    _, stacked = pairs[1]
    rows = [[(cell.role, cell.text) for cell in row.kids] for row in stacked.kids]
    assert rows[1] == [("TH", "Central Juvenile Hall"), ("TD", "14,500"), ("TD", "10,000")]


def test_header_cells_carry_their_scope(built):
    with pikepdf.open(built["screen"].output) as pdf:
        scopes = []

        def walk(node):
            if isinstance(node, pikepdf.Dictionary):
                if node.get("/S") == pikepdf.Name.TH:
                    scopes.append(str(node.A.Scope))
                kids = node.get("/K")
                for kid in (kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []):
                    walk(kid)

        walk(pdf.Root.StructTreeRoot)
    assert set(scopes) == {"/Column", "/Row"} and scopes.count("/Row") == 6  # the two tables of several series


def test_print_charts_are_cmyk_only(built):
    with pikepdf.open(built["print"].output) as pdf:
        operators = content_operators(pdf)
        assert {page: found & RGB_OPERATORS for page, found in operators.items() if found & RGB_OPERATORS} == {}


def test_both_pdf_ua_checkers_pass(built):
    outloud = pytest.importorskip("outloud")
    pytest.importorskip("pdfua")
    from pdfua.model import Severity as PdfuaSeverity

    from tests.render import pdfua_check

    for result in built.values():
        report = outloud.check(str(result.output))
        assert report.error is None and report.errors == 0
        assert pdfua_check.problems(pdfua_check.check(result.output), PdfuaSeverity.INFO) == []


def test_a_chart_reads_its_figures_from_a_csv_file(write_spec, spec_dir):
    data = spec_dir / "assets" / "data"
    data.mkdir(parents=True)
    (data / "schools.csv").write_bytes("\ufeffSchool,2023,2024\nCentral,412,398\nLos Padrinos,318,335\n".encode())
    spec = write_spec("""\
        meta: {title: T, organization: O}
        sections:
          - type: text
            title: Schools
            charts:
              - {type: column, title: Students by school, data: assets/data/schools.csv}
        """)
    result = build(spec, spec_dir / "out.pdf")
    text = " ".join(page_texts(result.output))
    for label in ("412", "398", "318", "335", "Central", "Los Padrinos", "2023", "2024"):
        assert label in text
    (figure, table), = figures_and_tables(result.output)
    assert "Central, 412" in figure.attributes["Alt"] and "2024: Central, 398" in figure.attributes["Alt"]
    assert [cell.text for cell in table.kids[0].kids] == ["School", "2023", "2024"]


def test_a_bad_csv_cell_is_located_in_the_csv_file(write_spec, spec_dir, cli):
    data = spec_dir / "assets" / "data"
    data.mkdir(parents=True)
    (data / "schools.csv").write_text("School,Students\nCentral,412\nLos Padrinos,3l8\n", encoding="utf-8")
    spec = write_spec("""\
        meta: {title: T, organization: O}
        sections:
          - type: text
            title: Schools
            charts:
              - {type: bar, data: assets/data/schools.csv}
        """)
    result = cli("build", str(spec), "-o", str(spec_dir / "out.pdf"))
    assert result.code != 0
    assert "schools.csv:3:14: sections[0].charts[0].data: expected a number in column 'Students', got '3l8'" in result.err


def test_a_chart_id_is_a_link_target_and_unique(write_spec, spec_dir, cli):
    spec = write_spec("""\
        meta: {title: T, organization: O}
        sections:
          - type: text
            title: Schools
            body: See [the chart](#enrollment).
            charts:
              - {type: column, id: enrollment, categories: [a, b], series: [{name: S, values: [1, 2]}]}
              - {type: line, id: enrollment, categories: [a, b], series: [{name: S, values: [1, 2]}]}
        """)
    result = cli("validate", str(spec))
    assert "the link `#enrollment` goes to no section" not in result.err
    assert "sections[0].charts[1].id: id 'enrollment' is already used by sections[0].charts[0]" in result.err


def test_the_starter_uses_every_chart_type():
    import yaml

    from reportgen.model.charts import Chart
    from tests.conftest import ROOT

    starter = yaml.safe_load((ROOT / "src" / "reportgen" / "cli" / "template" / "report.yaml").read_text(encoding="utf-8"))
    kinds = {chart["type"] for section in starter["sections"] for chart in section.get("charts", [])}
    assert kinds == set(Chart.fields["type"].type.__args__)
