"""docs/spec.md cannot drift from the model: every field of every model is documented, the tables
are current, and every YAML example in it is a valid spec (or section) that reportgen accepts."""

import json
import re
import textwrap

import pytest
import yaml

from reportgen.diagnostics import ReportError
from reportgen.model import validate
from reportgen.model.reference import (anchor, documented_models, heading_name, missing_notes, models,
                                       update_tables)
from reportgen.model.report import SECTION_TYPES
from reportgen.spec import parse_spec
from tests.conftest import ROOT

SPEC_DOC = ROOT / "docs" / "spec.md"
DOCUMENT = SPEC_DOC.read_text(encoding="utf-8")


def test_every_field_has_a_note():
    assert missing_notes() == []


def test_every_model_and_field_is_documented():
    for model in models():
        block = re.search(rf"<!-- fields {model.__name__} -->\n(.*?)<!-- /fields -->", DOCUMENT, re.S)
        assert block, f"docs/spec.md has no table for {model.__name__}"
        cell = r"((?:[^|\\]|\\.)+)"  # a table cell; "\|" is an escaped bar inside it
        rows = re.findall(rf"^\| `(\w+)` \| {cell} \| {cell} \|", block.group(1), re.M)
        assert [name for name, _, _ in rows] == list(model.fields), model.__name__
        assert all(kind.strip() and default.strip() for _, kind, default in rows)
        assert re.search(rf"^#+ {re.escape(heading_name(model))}$", DOCUMENT, re.M), \
            f"no heading {heading_name(model)!r} (links point to #{anchor(model)})"
    assert documented_models(DOCUMENT) == {model.__name__ for model in models()}


def test_tables_are_current():
    assert update_tables(DOCUMENT) == DOCUMENT, "docs/spec.md tables are stale: run `make docs`"


def test_the_reference_init_writes_is_docs_spec_md():
    packaged = ROOT / "src" / "reportgen" / "cli" / "template" / "spec.md"
    assert packaged.read_text(encoding="utf-8") == DOCUMENT, \
        "src/reportgen/cli/template/spec.md is not docs/spec.md: run scripts/update_spec_reference.py"


def test_every_section_type_has_a_heading_and_an_example():
    for kind in SECTION_TYPES:
        assert f"\n### {kind}\n" in DOCUMENT
        assert f"- type: {kind}" in DOCUMENT


EXAMPLES = re.findall(r"```yaml\n(.*?)```", DOCUMENT, re.S)
WRAPPER = "meta: {title: T, organization: O}\n"


def _as_spec(example: str) -> str:
    """Turn a documentation snippet into a whole spec."""
    data = yaml.safe_load(example)
    if isinstance(data, list):  # a section
        return WRAPPER + "sections:\n" + textwrap.indent(example, "  ")
    if "sections" in data:
        return example
    if "meta" in data:
        return example + "sections: [{type: contents}]\n"
    first = next(iter(data))
    if first in ("stats", "tables"):
        return WRAPPER + "sections:\n  - type: text\n    title: T\n" + textwrap.indent(example, "    ")
    if first == "image":
        return WRAPPER + "sections:\n  - type: cover\n" + textwrap.indent(example, "    ")
    if first == "body":
        return WRAPPER + "sections:\n  - type: text\n    title: T\n" + textwrap.indent(example, "    ")
    return WRAPPER + "sections: [{type: contents}]\n" + example


@pytest.mark.parametrize("example", EXAMPLES, ids=[f"example{i}" for i in range(len(EXAMPLES))])
def test_examples_are_valid(example: str):
    text = _as_spec(example).replace("$schema=schema/", "$schema=")
    if "assets/fonts/" in text:  # the repository ships its fonts inside the package, not in assets/
        text = text.replace("assets/fonts/", "src/reportgen/fonts/")
    try:
        validate(parse_spec(text, file="docs/spec.md", base_dir=ROOT))
    except ReportError as error:
        pytest.fail(f"example in docs/spec.md is invalid:\n{example}\n{error}")


@pytest.fixture(scope="module")
def committed_schema() -> dict:
    return json.loads((ROOT / "schema" / "report.schema.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("example", EXAMPLES, ids=[f"example{i}" for i in range(len(EXAMPLES))])
def test_examples_fit_the_json_schema(example: str, committed_schema: dict):
    """Editors check specs against schema/report.schema.json: it must accept what reportgen accepts
    (shorthands such as `image: PATH` included)."""
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.validate(yaml.safe_load(_as_spec(example)), committed_schema)
