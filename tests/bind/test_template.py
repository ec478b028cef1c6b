"""reportgen.bind's Template: load_template reads a spec's data sets and plans its editions (each key
unique and file-safe, each output a plain, distinct .pdf name, every problem located at the data file's
cell or the spec); Template.bind fills one edition's expressions; pipeline.build builds it."""

from __future__ import annotations

import hashlib
import re
import textwrap
from pathlib import Path

import pytest

from reportgen.bind import load_template
from reportgen.diagnostics import ReportError
from reportgen.pipeline import BuildOptions, BuildSession, build, check_spec
from tests.bind.helpers import BUDGET_YAML, SCHOOLS_CSV, bind_errors, column_of, line_of, load_errors, project
from tests.conftest import ROOT, page_texts

TAIL = "sections: [{type: text, title: T, body: b}]\n"
EDITIONS = """\
data: {schools: d/schools.csv, budget: d/budget.yaml}
editions: {rows: schools, key: code}
"""


def schools(tmp_path: Path, csv: str, editions: str = "{rows: schools, key: code}") -> Path:
    return project(tmp_path, f"data: {{schools: d/schools.csv}}\neditions: {editions}\n"
                   "meta: {title: '{{ edition.name }}', organization: O}\n" + TAIL, {"d/schools.csv": csv})


# ---------------------------------------------------------------- missing keys and names

def test_a_missing_column_names_the_spec_position_the_row_and_a_did_you_mean(tmp_path: Path) -> None:
    spec = project(tmp_path, EDITIONS + textwrap.dedent("""\
        meta: {title: T, organization: O}
        sections:
          - type: text
            title: "{{ edition.name }} at a Glance"
            body: "Welcome to {{ edition.nmae }}."
        """), {"d/schools.csv": SCHOOLS_CSV, "d/budget.yaml": BUDGET_YAML})
    template = load_template(spec)
    found, = bind_errors(template, "b2")
    line = line_of(spec, "edition.nmae")
    assert (found.file, found.line, found.column) == (str(spec), line, column_of(spec, line, "{{"))
    assert found.path == ("sections", 0, "body")
    csv = tmp_path / "d" / "schools.csv"
    assert found.message == f"{{{{ edition.nmae }}}}: the row at line 3 of {csv} has no 'nmae'"
    assert "did you mean 'name'?" in (found.hint or "") and f"{csv}:3" in (found.hint or "")
    assert str(found).startswith(f"{spec}:{line}:{found.column}: sections[0].body: {{{{ edition.nmae }}}}:")
    # the same through the pipeline's check, for the edition asked for
    with pytest.raises(ReportError) as raised:
        check_spec(spec, edition="c3")
    assert [str(d) for d in raised.value.diagnostics] == [str(found).replace("line 3", "line 4")
                                                          .replace(f"{csv}:3", f"{csv}:4")]


def test_edition_without_editions_is_located(tmp_path: Path) -> None:
    spec = project(tmp_path, "data: {budget: budget.yaml}\nmeta: {title: 'For {{ edition.name }}', organization: O}\n"
                   + TAIL, {"budget.yaml": BUDGET_YAML})
    found, = bind_errors(load_template(spec))
    assert (found.line, found.column) == (2, column_of(spec, 2, "{{"))
    assert found.message == "`edition` names an edition's row, and this spec has no `editions:`"


def test_a_spec_with_editions_binds_one_edition_at_a_time(tmp_path: Path) -> None:
    spec = schools(tmp_path, SCHOOLS_CSV.replace('"12,5x"', "3"))
    template = load_template(spec)
    assert [(e.index, e.key, e.output) for e in template.editions] == [(0, "a1", "a1.pdf"), (1, "b2", "b2.pdf"),
                                                                        (2, "c3", "c3.pdf")]
    assert template.editions[1].where == (str(tmp_path / "d" / "schools.csv"), 3, 1)
    found, = bind_errors(template)
    assert found.message == "this spec makes 3 editions (one per row of schools)" and found.path == ("editions",)
    with pytest.raises(ReportError, match="there is no edition 'z9'"):
        template.edition("z9")
    assert template.bind(template.edition("b2")).document.data["meta"]["title"] == "Beta School"


# ---------------------------------------------------------------- keys and outputs

def test_a_duplicate_key_is_located_at_its_cell(tmp_path: Path) -> None:
    spec = schools(tmp_path, "name,code\nA,x1\nB,x2\nC,X1\n")
    found, = load_errors(spec)
    csv = str(tmp_path / "d" / "schools.csv")
    assert (found.file, found.line, found.column) == (csv, 4, 3)
    assert found.message == f"the key 'X1' is used twice (first the row at line 2 of {csv})"
    assert found.path == ("editions", "key")


@pytest.mark.parametrize("key", ["../up", "a b", "-x", "con", "x.", "é1"])
def test_a_file_unsafe_key_is_located_at_its_cell(tmp_path: Path, key: str) -> None:
    spec = schools(tmp_path, f'name,code\nA,x1\nB,"{key}"\n')
    found, = load_errors(spec)
    assert (found.file, found.line, found.column) == (str(tmp_path / "d" / "schools.csv"), 3, 3)
    assert found.message == f"the key {key!r} is not file-safe"
    assert "letters, digits" in (found.hint or "")


def test_an_empty_key_and_a_missing_key_column(tmp_path: Path) -> None:
    found, = load_errors(schools(tmp_path, "name,code\nA,\n"))
    assert found.message == "the key '' is not file-safe" and (found.line, found.column) == (2, 3)
    found, = load_errors(schools(tmp_path, "name,kode\nA,x\n"))
    assert found.message == "schools has no column 'code'" and found.hint == "its columns are name, kode"
    assert found.file.endswith("template.yaml") and found.line == 2


@pytest.mark.parametrize("output, said", [
    ("../{{ edition.code }}.pdf", "the edition's file name '../x1.pdf' is not a plain file name"),
    ("out/{{ edition.code }}.pdf", "the edition's file name 'out/x1.pdf' is not a plain file name"),
    (".{{ edition.code }}.pdf", "is not a plain file name"),
    ("{{ edition.code }}", "the edition's file name 'x1' does not end in .pdf"),
    ("{{ edition.code }}.txt", "'x1.txt' does not end in .pdf"),
])
def test_unsafe_output_names_are_errors(tmp_path: Path, output: str, said: str) -> None:
    spec = schools(tmp_path, "name,code\nA,x1\nB,x2\n", f"{{rows: schools, key: code, output: '{output}'}}")
    found = load_errors(spec)
    assert said in found[0].message
    assert found[0].path == ("editions", "output")
    assert (found[0].file, found[0].line) == (str(tmp_path / "d" / "schools.csv"), 2)


def test_colliding_output_names_are_errors(tmp_path: Path) -> None:
    spec = schools(tmp_path, "name,code,district\nA,x1,north\nB,x2,south\nC,x3,NORTH\n",
                   "{rows: schools, key: code, output: '{{ edition.district | lower }}.pdf'}")
    found, = load_errors(spec)
    csv = str(tmp_path / "d" / "schools.csv")
    assert found.message == f"two editions would write north.pdf (the first the row at line 2 of {csv})"
    assert (found.file, found.line) == (csv, 4)
    assert "include the key" in (found.hint or "")


def test_editions_rows_must_name_a_list_of_rows(tmp_path: Path) -> None:
    spec = project(tmp_path, "data: {budget: b.yaml}\neditions: {rows: budget, key: code}\n"
                   "meta: {title: T, organization: O}\n" + TAIL, {"b.yaml": BUDGET_YAML})
    found, = load_errors(spec)
    assert found.message == "budget is a mapping: editions need rows" and found.line == 2
    spec.write_text(spec.read_text().replace("rows: budget", "rows: budgte"))
    found, = load_errors(spec)
    assert found.message == "'budgte' is not a data set (data: names budget)"


def test_editions_from_a_yaml_list(tmp_path: Path) -> None:
    spec = project(tmp_path, "data: {people: p.yaml}\neditions: {rows: people, key: id, output: '{{ edition.id }}-r.pdf'}\n"
                   "meta: {title: '{{ edition.name }}', organization: O}\n" + TAIL,
                   {"p.yaml": "- {id: ada, name: Ada}\n- {id: grace, name: Grace}\n"})
    template = load_template(spec)
    assert [(e.key, e.output, e.where[1]) for e in template.editions] == [("ada", "ada-r.pdf", 1),
                                                                           ("grace", "grace-r.pdf", 2)]
    assert template.bind(template.editions[1]).document.data["meta"]["title"] == "Grace"


# ---------------------------------------------------------------- values

def test_strings_with_no_expression_are_left_exactly_as_written(tmp_path: Path) -> None:
    spec = project(tmp_path, """\
        data: {budget: budget.yaml}
        meta: {title: "Budget {{ budget.year }}", organization: "O {a} }} %s 50% {% x %}", subtitle: '  spaced  '}
        sections:
          - {type: text, title: "Kept {braces}", body: "Line one\\n\\n  indented"}
          - {type: text, title: "{{ budget.office.name }}", body: plain}
        """, {"budget.yaml": BUDGET_YAML})
    template = load_template(spec)
    written = template.document.data
    bound = template.bind().document.data
    assert bound["meta"]["title"] == "Budget 2024"
    assert bound["meta"]["organization"] is written["meta"]["organization"] == "O {a} }} %s 50% {% x %}"
    assert bound["meta"]["subtitle"] is written["meta"]["subtitle"]
    assert bound["sections"][0] is written["sections"][0]  # untouched: the very same mapping
    assert bound["sections"][1]["body"] is written["sections"][1]["body"]
    assert written["meta"]["title"] == "Budget {{ budget.year }}"  # the template is not changed by binding
    assert bound["sections"][1]["title"] == "County Office"


def test_a_spec_without_expressions_binds_to_itself(tmp_path: Path) -> None:
    spec = project(tmp_path, "meta: {title: T, organization: O}\n" + TAIL)
    template = load_template(spec)
    assert template.bind().document is template.document


def test_one_expression_takes_the_native_value_and_is_checked_as_written(tmp_path: Path) -> None:
    spec = project(tmp_path, """\
        data: {budget: d/budget.yaml}
        meta: {title: T, organization: O}
        sections:
          - type: financials
            title: Budget
            pie: {slices: "{{ budget.slices }}"}
          - type: letter
            title: A Message
            body: Hello.
            signature: "{{ budget.signer }}"
        """, {"d/budget.yaml": BUDGET_YAML + "signer: {name: Debra Duardo, role: Superintendent}\n"})
    bound = load_template(spec).bind()
    slices = bound.document.data["sections"][0]["pie"]["slices"]
    assert slices == [{"label": "Instruction", "amount": 60}, {"label": "Support", "amount": 40}]
    assert type(slices[0]["amount"]) is int and type(slices[0]["label"]) is str  # plain data for the model
    _, report, _ = check_spec(spec)
    assert [(s.label, s.amount) for s in report.sections[0].pie.slices] == [("Instruction", 60), ("Support", 40)]
    assert (report.sections[1].signature.name, report.sections[1].signature.role) == ("Debra Duardo", "Superintendent")

    # a value the field refuses is told at the spec, with the data file's line of the very value
    budget = tmp_path / "d" / "budget.yaml"
    budget.write_text(budget.read_text().replace("amount: 40", "amount: lots"))
    with pytest.raises(ReportError) as raised:
        check_spec(spec)
    problem, = [d for d in raised.value.diagnostics if d.path[-1:] == ("amount",)]
    assert problem.path == ("sections", 0, "pie", "slices", 1, "amount")
    assert (problem.file, problem.line) == (str(spec), line_of(spec, "budget.slices"))
    assert f"the value comes from {{{{ budget.slices }}}} ({budget}:5:" in (problem.hint or "")


# ---------------------------------------------------------------- building

ROWS = 20
E2E = """\
data: {schools: schools.csv, shared: shared.yaml}
editions: {rows: schools, key: code, output: "{{ edition.code }}.pdf"}
meta:
  title: "{{ edition.name }} Report {{ shared.year }}"
  organization: "{{ edition.name }}"
  language: "{{ edition.language }}"
sections:
  - type: text
    title: "{{ edition.name }} at a Glance"
    body: "{{ edition.name }} taught {{ edition.students | number }} students."
    stats:
      - {value: "{{ edition.students | number }}", label: Students}
      - {value: "{{ edition.budget | money(digits=0) }}", label: Budget}
      - {value: "{{ edition.rate | percent(1) }}", label: Graduation}
"""


def e2e_rows() -> list[dict[str, object]]:
    return [{"code": f"s{i:02d}", "name": f"School {i:02d}", "language": "fr-FR" if i % 5 == 4 else "en-US",
             "students": 1000 + i * 1111, "budget": 250000 + i * 10000, "rate": f"0.{800 + i}"} for i in range(ROWS)]


def test_twenty_editions_build_with_one_session_and_hold_their_figures(tmp_path: Path) -> None:
    rows = e2e_rows()
    header = list(rows[0])
    csv = ",".join(header) + "\n" + "".join(",".join(str(row[name]) for name in header) + "\n" for row in rows)
    spec = project(tmp_path, E2E, {"schools.csv": csv, "shared.yaml": "year: 2023-24\n"})
    out = tmp_path / "editions"
    out.mkdir()
    session = BuildSession()
    digests = {}
    for row in rows:
        key = str(row["code"])
        result = build(spec, out / f"{key}.pdf", session=session, edition=key)
        assert result.pages >= 1 and not [w for w in result.warnings if "expression" in w.message]
        digests[key] = hashlib.sha256((out / f"{key}.pdf").read_bytes()).hexdigest()
    assert len(set(digests.values())) == ROWS
    for row in rows:
        text = re.sub(r"\s+", " ", " ".join(page_texts(out / f"{row['code']}.pdf"))).replace("\u202f", " ")
        students = int(row["students"])  # type: ignore[call-overload]
        french = row["language"] == "fr-FR"
        figure = f"{students:,}".replace(",", " ") if french else f"{students:,}"
        assert f"{row['name']} at a Glance" in text
        assert f"{row['name']} taught {figure} students." in text
        rate = float(str(row["rate"])) * 100
        assert (f"{rate:.1f}".replace(".", ",") + " %" if french else f"{rate:.1f}%") in text
        budget = f"{int(row['budget']):,}"  # type: ignore[call-overload]
        assert (budget.replace(",", " ") if french else "$" + budget) in text
    # the same edition again in that session, and in a fresh session (as a new worker would): the same bytes
    again = build(spec, tmp_path / "again.pdf", session=session, edition="s07").output
    fresh = build(spec, tmp_path / "fresh.pdf", session=BuildSession(), edition="s07").output
    assert hashlib.sha256(again.read_bytes()).hexdigest() == digests["s07"]
    assert hashlib.sha256(fresh.read_bytes()).hexdigest() == digests["s07"]
    cold = build(spec, tmp_path / "cold.pdf", BuildOptions(cache=False), edition="s19").output  # no cache at all
    assert hashlib.sha256(cold.read_bytes()).hexdigest() == digests["s19"]


def docs_template() -> str:
    text = (ROOT / "docs" / "spec.md").read_text(encoding="utf-8")
    found = re.search(r"^```yaml template\n(.*?)^```", text, re.S | re.M)
    assert found, "docs/spec.md has no ```yaml template block"
    return found.group(1)


DOCS_DATA = {
    "assets/data/budget-2024.yaml": "year: 2024\ntotal: 18250000\n",
    "assets/data/schools.csv": "code,name,language,students\n"
                               "lincoln-hs,Lincoln High School,en-US,1842\n"
                               "ecole-23,École Vingt-Trois,fr-FR,612\n",
}


def test_the_docs_template_example_binds(tmp_path: Path) -> None:
    spec = project(tmp_path, docs_template(), DOCS_DATA, name="report.yaml")
    template = load_template(spec)
    assert [e.output for e in template.editions] == ["lincoln-hs.pdf", "ecole-23.pdf"]
    meta = template.bind(template.edition("ecole-23")).document.data["meta"]
    assert meta == {"title": "École Vingt-Trois Annual Report 2024", "organization": "École Vingt-Trois",
                    "language": "fr-FR"}
    stats = template.bind(template.edition("lincoln-hs")).document.data["sections"][0]["stats"]
    assert stats == [{"value": "1,842", "label": "Students"}, {"value": "$18,250,000.00", "label": "Budget"}]


def test_the_docs_template_example_builds(tmp_path: Path) -> None:
    """The docs' example as written, with its two data files: each edition's figures in its language."""
    spec = project(tmp_path, docs_template(), DOCS_DATA, name="report.yaml")
    session = BuildSession()
    english = build(spec, tmp_path / "lincoln-hs.pdf", edition="lincoln-hs", session=session)
    text = re.sub(r"\s+", " ", " ".join(page_texts(english.output)))
    for figure in ("Lincoln High School at a Glance", "1,842", "$18,250,000.00"):
        assert figure in text
    french = build(spec, tmp_path / "ecole-23.pdf", edition="ecole-23", session=session)
    text = re.sub(r"\s+", " ", " ".join(page_texts(french.output))).replace("\u202f", " ")
    for figure in ("École Vingt-Trois", "612", "18 250 000,00 $US"):
        assert figure in text


def test_each_expression_is_located_where_it_is_written(tmp_path: Path) -> None:
    """The second of two expressions on a line, and expressions in folded (>-) and literal (|) blocks."""
    spec = project(tmp_path, """\
        data: {s: s.csv}
        editions: {rows: s, key: code}
        meta:
          title: "{{ edition.name }} and {{ edition.nmae }}"
          organization: O
        sections:
          - type: text
            title: T
            lead: >-
              In 2024, {{ edition.name }} taught
              {{ edition.studnets | number }} students.
            body: |
              Line one {{ edition.name }}

              Line three {{ edition.nam }}
        """, {"s.csv": "code,name\na1,A\n"})
    found = bind_errors(load_template(spec), "a1")
    assert [(d.path[-1], d.line, d.column) for d in found] == [
        ("title", 4, column_of(spec, 4, "{{ edition.nmae")),
        ("lead", 11, column_of(spec, 11, "{{")),
        ("body", 15, column_of(spec, 15, "{{")),
    ]


def test_the_districts_example_builds_every_edition_with_its_figures(tmp_path: Path) -> None:
    import csv

    spec = ROOT / "examples" / "districts" / "template.yaml"
    with (spec.parent / "data" / "districts.csv").open(encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    template = load_template(spec)
    assert [e.key for e in template.editions] == [row["code"] for row in rows]
    session = BuildSession()
    for edition, row in zip(template.editions, rows):
        result = build(spec, tmp_path / edition.output, session=session, edition=edition.key)
        assert result.output.name == f"{row['code']}-2023-24.pdf" and result.pages == 3
        text = re.sub(r"\s+", " ", " ".join(page_texts(result.output)))
        students = f"{int(row['students']):,}"
        rate = f"{float(row['graduation_rate']) * 100:.1f}%"
        assert f"{row['name']} taught {students} students in {row['schools']} schools" in text
        assert rate in text and f"{row['superintendent']}, Superintendent" in text


def test_a_session_reads_the_data_again_when_a_data_file_changes(tmp_path: Path) -> None:
    spec = schools(tmp_path, "code,name\na1,Alpha Academy\n")
    session = BuildSession()
    first = session.template(spec, False)
    assert session.template(spec, False) is first  # read once while nothing changed
    check_spec(spec, edition="a1", session=session)
    (tmp_path / "d" / "schools.csv").write_text("code,name\na1,Alpha Lyceum Upper School\n")
    document, _, _ = check_spec(spec, edition="a1", session=session)
    assert document.data["meta"]["title"] == "Alpha Lyceum Upper School"
    assert session.template(spec, False) is not first


@pytest.mark.parametrize("editions, line, said", [
    ('{rows: schools, key: code, output: "{{ edition.nope }}.pdf"}', 2,
     "editions.output: {{ edition.nope }}: the row at line 2 of"),
    ("{rows: schools}", 2, "editions: missing required field 'key'"),
    ("[]", 2, "editions: expected a mapping with rows, key and output"),
    ('{rows: schools, key: code, output: ""}', 2, "editions.output: is empty"),
    ("{rows: schools, key: code, extra: 1}", 2, "editions.extra: unknown key 'extra'"),
])
def test_a_bad_editions_setting_is_located_in_the_spec(tmp_path: Path, editions: str, line: int, said: str) -> None:
    spec = schools(tmp_path, "code,name\na1,A\nb2,B\n", editions)
    found = load_errors(spec)
    assert found[0].file == str(spec) and found[0].line == line
    assert said in str(found[0])
    if "{{" in editions:
        assert found[0].column == column_of(spec, 2, "{{") and len(found) == 2  # one per row


def test_a_spec_with_no_data_is_not_bound(tmp_path: Path) -> None:
    """Before expressions, `{{` in a footer was a literal brace: a spec with no `data:` keeps it."""
    spec = project(tmp_path, "meta: {title: 'T {{ x }}', organization: O}\nfooter: {odd: '{{page}} {page}'}\n" + TAIL)
    template = load_template(spec)
    assert template.templated == [] and template.bind().document is template.document
    document, _, _ = check_spec(spec)
    assert document.data["meta"]["title"] == "T {{ x }}"
