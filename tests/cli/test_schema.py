"""`reportgen schema`: the JSON Schema from the model; the committed copy is current and accepts the real spec."""

import json
from pathlib import Path
from typing import Callable

import pytest
import yaml

from tests.conftest import ROOT, CliResult

SCHEMA_FILE = ROOT / "schema" / "report.schema.json"


def test_schema_prints_json(cli: Callable[..., CliResult]):
    result = cli("schema")
    assert result.code == 0
    schema = json.loads(result.out)
    assert schema["title"] == "reportgen report.yaml"
    assert schema["required"] == ["meta", "sections"]
    assert schema["$defs"]["Colors"]["properties"]["primary"]["default"] == "#003A70"
    assert "Example: Annual Report 2023-24" in schema["$defs"]["Meta"]["properties"]["title"]["description"]


def test_committed_schema_is_current(cli: Callable[..., CliResult]):
    assert SCHEMA_FILE.read_text(encoding="utf-8") == cli("schema").out, \
        "schema/report.schema.json is stale: run `make schema`"


def test_schema_output_file(cli: Callable[..., CliResult], tmp_path: Path):
    target = tmp_path / "sub" / "report.schema.json"
    result = cli("schema", "-o", str(target))
    assert result.code == 0 and result.out == f"{target}: JSON Schema written\n"
    assert json.loads(target.read_text(encoding="utf-8"))["type"] == "object"


def test_schema_accepts_the_real_report_and_rejects_a_typo():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    data = yaml.safe_load((ROOT / "report.yaml").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    data["sections"][0]["colour"] = "#112233"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)
    data["sections"][0].pop("colour")
    data["page"]["margins"]["top"] = "three inches"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)
