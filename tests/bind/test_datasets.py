"""reportgen.bind.datasets through a spec: CSV, YAML and JSON data files read into located values; every
problem with a data file (or with a value from one) told at the file, line and column it is written."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen.bind import load_template
from reportgen.diagnostics import Diagnostic, ReportError
from reportgen.pipeline import check_spec
from tests.bind.helpers import BUDGET_YAML, SCHOOLS_CSV, bind_errors, column_of, line_of, load_errors, project

TAIL = "sections: [{type: text, title: T, body: b}]\n"


def check_errors(spec: Path, edition: str | None = None) -> list[Diagnostic]:
    with pytest.raises(ReportError) as raised:
        check_spec(spec, edition=edition)
    return raised.value.diagnostics


def test_an_unknown_data_set_is_located_with_a_did_you_mean(tmp_path: Path) -> None:
    spec = project(tmp_path, """\
        data: {budget: budget.yaml}
        meta: {title: "Total {{ budgte.total }}", organization: O}
        """ + TAIL, {"budget.yaml": BUDGET_YAML})
    found, = bind_errors(load_template(spec))
    assert (found.file, found.line, found.column) == (str(spec), 2, column_of(spec, 2, "{{"))
    assert found.path == ("meta", "title")
    assert found.message == "{{ budgte.total }}: 'budgte' is not a data set (data: names budget)"
    assert "did you mean 'budget'?" in (found.hint or "")


def test_a_missing_key_of_a_yaml_mapping_names_its_file(tmp_path: Path) -> None:
    spec = project(tmp_path, """\
        data: {budget: budget.yaml}
        meta: {title: T, organization: "{{ budget.office.nmae }}"}
        """ + TAIL, {"budget.yaml": BUDGET_YAML})
    found, = bind_errors(load_template(spec))
    assert found.line == 2 and found.column == column_of(spec, 2, "{{")
    assert "the mapping at line 6 of" in found.message and found.message.endswith("has no 'nmae'")
    assert "did you mean 'name'?" in (found.hint or "")
    assert "budget.yaml:6:" in (found.hint or "")


def test_json_data_files_are_read_with_positions(tmp_path: Path) -> None:
    spec = project(tmp_path, """\
        data: {figures: figures.json}
        meta: {title: "Year {{ figures.year }}", organization: "{{ figures.schools[1].name }}"}
        sections:
          - {type: text, title: "{{ figures.schools[0].students | number }} students", body: b}
        """, {"figures.json": '{\n  "year": 2024,\n  "schools": [\n    {"name": "A", "students": 1200},\n'
                                   '    {"name": "B", "students": 980}\n  ]\n}\n'})
    bound = load_template(spec).bind()
    assert bound.document.data["meta"] == {"title": "Year 2024", "organization": "B"}
    assert bound.document.data["sections"][0]["title"] == "1,200 students"
    assert bound.origins[("meta", "organization")][1] == (str(tmp_path / "figures.json"), 5, 14)

    spec.write_text(spec.read_text().replace("schools[1].name", "schools[1].nmae"))
    found, = bind_errors(load_template(spec))
    assert "the mapping at line 5 of" in found.message and "figures.json has no 'nmae'" in found.message
    assert "figures.json:5:" in (found.hint or "")


def test_a_yaml_list_at_the_top_is_a_list_of_rows(tmp_path: Path) -> None:
    spec = project(tmp_path, """\
        data: {people: people.yaml}
        meta: {title: "{{ people[1].name }}", organization: "{{ people | length }} people"}
        """ + TAIL, {"people.yaml": "- {name: Ada, role: Chair}\n- {name: Grace, role: Member}\n"})
    template = load_template(spec)
    assert template.data_sets["people"].describe() == "a list of 2 rows"
    assert template.bind().document.data["meta"] == {"title": "Grace", "organization": "2 people"}


@pytest.mark.parametrize("name, content, said", [
    ("empty.csv", "", "the file is empty: a CSV needs a header row"),
    ("empty.yaml", "", "the data file is empty"),
    ("blank.yaml", "\n# nothing\n", "the data file is empty"),
    ("empty.json", "", "the data file is empty"),
])
def test_an_empty_data_file_is_an_error_at_the_file(tmp_path: Path, name: str, content: str, said: str) -> None:
    spec = project(tmp_path, f"data: {{e: d/{name}}}\nmeta: {{title: T, organization: O}}\n" + TAIL,
                   {f"d/{name}": content})
    found, = load_errors(spec)
    assert found.file.endswith(f"d/{name}") and (found.line, found.column) == (1, 1)
    assert said in found.message


def test_a_data_file_outside_the_spec_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "shared.yaml").write_text("year: 2024\n")
    folder = tmp_path / "spec"
    spec = project(folder, "data:\n  shared: ../shared.yaml\nmeta: {title: '{{ shared.year }}', organization: O}\n"
                   + TAIL)
    found, = load_errors(spec)
    assert (found.file, found.line, found.column) == (str(spec), 2, 11)
    assert found.path == ("data", "shared")
    assert "leads outside the spec's folder" in found.message and "--allow-outside" in (found.hint or "")
    bound = load_template(spec, allow_outside=True).bind()
    assert bound.document.data["meta"]["title"] == 2024


@pytest.mark.parametrize("entry, said", [
    ("edition: d.yaml", "'edition' cannot name a data set: `edition` is each edition's row"),
    ("self: d.yaml", "'self' cannot name a data set"),
    ("2x: d.yaml", "'2x' cannot name a data set"),
    ("notes: notes.txt", "notes.txt is not a data file reportgen reads"),
    ("gone: gone.csv", "file not found: gone.csv"),
])
def test_bad_data_entries_are_located_in_the_spec(tmp_path: Path, entry: str, said: str) -> None:
    spec = project(tmp_path, f"data:\n  {entry}\nmeta: {{title: T, organization: O}}\n" + TAIL,
                   {"d.yaml": "a: 1\n", "notes.txt": "x\n"})
    found, = load_errors(spec)
    assert found.file == str(spec) and found.line == 2
    assert said in found.message


def test_csv_cells_numbers_and_codes(tmp_path: Path) -> None:
    spec = project(tmp_path, """\
        data: {schools: schools.csv}
        editions: {rows: schools, key: code}
        meta: {title: "{{ edition.name }}", organization: "{{ edition.students }}", subtitle: "{{ edition.students ~ '!' }}"}
        """ + TAIL, {"schools.csv": "code,name,students\nx1,A,0042\nx2,B,1250.50\nx3,C,-3\n"})
    template = load_template(spec)
    metas = [template.bind(edition).document.data["meta"] for edition in template.editions]
    assert metas[0]["organization"] == "0042"  # a code with leading zeros stays text
    assert metas[1]["organization"] == 1250.5 and metas[2]["organization"] == -3
    assert [meta["subtitle"] for meta in metas] == ["0042!", "1250.50!", "-3!"]  # as written, inside text

    spec.write_text(spec.read_text().replace("edition.students ~ '!'", "edition.students + 1"))
    template = load_template(spec)
    assert template.bind(template.editions[1]).document.data["meta"]["subtitle"] == 1251.5
    found, = bind_errors(template, "x1")  # text does not add up
    assert found.path == ("meta", "subtitle") and "{{ edition.students + 1 }} cannot be worked out" in found.message


def test_a_bad_csv_cell_for_a_number_field_is_told_at_the_spec_with_the_cells_position(tmp_path: Path) -> None:
    spec = project(tmp_path, """\
        data: {schools: d/schools.csv}
        editions: {rows: schools, key: code}
        meta: {title: "{{ edition.name }}", organization: O}
        sections:
          - type: financials
            title: Budget
            pie:
              slices:
                - {label: Instruction, amount: "{{ edition.instruction }}"}
                - {label: Other, amount: 10}
        """, {"d/schools.csv": SCHOOLS_CSV})
    check_spec(spec, edition="a1")  # 12.5: a number
    found = check_errors(spec, edition="c3")
    problem, = [d for d in found if d.path[-1:] == ("amount",)]
    line = line_of(spec, "{{ edition.instruction }}")
    assert (problem.file, problem.line) == (str(spec), line)
    assert problem.path == ("sections", 0, "pie", "slices", 0, "amount")
    assert "'12,5x'" in problem.message
    cell = SCHOOLS_CSV.splitlines()[3].index('"12,5x"') + 1  # the CSV's line 4, at the cell's opening quote
    assert problem.hint == f"the value comes from {{{{ edition.instruction }}}} ({tmp_path / 'd' / 'schools.csv'}:4:{cell})"
    column = column_of(spec, line, '"{{ edition.instruction')  # the value as written, its quote included
    assert str(problem) == (f"{spec}:{line}:{column}: "
                            f"sections[0].pie.slices[0].amount: expected a number, got '12,5x' ({problem.hint})")


def test_a_chart_or_table_may_name_a_csv_data_set_and_not_a_yaml_one(tmp_path: Path) -> None:
    files = {"d/enrolment.csv": "School,2023,2024\nCentral,412,398\nEast,318,335\n", "d/budget.yaml": BUDGET_YAML}
    spec = project(tmp_path, """\
        data: {enrolment: d/enrolment.csv, budget: d/budget.yaml}
        meta: {title: T, organization: O}
        sections:
          - type: text
            title: Schools
            charts:
              - {type: column, title: Students, data: enrolment}
            tables:
              - {title: Students, data: enrolment}
        """, files)
    _, report, _ = check_spec(spec)
    chart, table = report.sections[0].charts[0], report.sections[0].tables[0]
    assert chart.data is table.data is not None  # the data set's one table
    assert chart.data.path == tmp_path / "d" / "enrolment.csv"
    assert [[cell.text for cell in row] for row in chart.data.rows] == [["Central", "412", "398"], ["East", "318", "335"]]

    spec.write_text(spec.read_text().replace("data: enrolment}\n    tables", "data: budget}\n    tables")
                    .replace("{title: Students, data: enrolment}", "{title: Students, data: enrolmnt}"))
    found = check_errors(spec)
    shown = {d.path: d for d in found}
    chart = shown[("sections", 0, "charts", 0, "data")]
    assert chart.line == 7 and "the data set 'budget' is a YAML or JSON file; a table's or chart's data is a CSV" \
        in chart.message
    table = shown[("sections", 0, "tables", 0, "data")]
    assert table.line == 9 and "'enrolmnt' is not a data set" in table.message
