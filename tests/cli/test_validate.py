"""`reportgen validate`: every problem as FILE:LINE:COL: path: message, or as JSON; exit 0 or 1."""

import json
from pathlib import Path
from typing import Callable

from tests.conftest import HEAD_PIE, CliResult

BROKEN = """\
meta:
  title: T
  organization: O
sections:
  - type: pillar
    number: one
    title: P
  - type: text
    title: Photos
    images: [assets/photos/missing.jpg]
"""


def test_clean_spec(cli: Callable[..., CliResult], minimal_spec: Path):
    result = cli("validate", str(minimal_spec))
    assert (result.code, result.out, result.err) == (0, f"{minimal_spec}: valid\n", "")


def test_every_problem_with_its_position(cli: Callable[..., CliResult], write_spec: Callable[[str], Path]):
    spec = write_spec(BROKEN)
    result = cli("validate", str(spec))
    assert result.code == 1
    lines = result.err.splitlines()
    assert lines[0] == f"{spec}:6:13: sections[0].number: expected a whole number, got 'one'"
    assert lines[1].startswith(f"{spec}:10:14: sections[1].images[0].file: file not found: assets/photos/missing.jpg")
    assert lines[2] == f"{spec}: 2 errors, 0 warnings"
    assert result.out == ""


def test_json_for_ci(cli: Callable[..., CliResult], write_spec: Callable[[str], Path]):
    spec = write_spec(BROKEN)
    result = cli("validate", str(spec), "--format", "json")
    assert result.code == 1
    problems = json.loads(result.out)
    assert [(p["line"], p["column"], p["path"], p["severity"]) for p in problems] == [
        (6, 13, "sections[0].number", "error"), (10, 14, "sections[1].images[0].file", "error")]
    assert problems[0]["file"] == str(spec) and problems[0]["message"] == "expected a whole number, got 'one'"


def test_json_clean_is_an_empty_list(cli: Callable[..., CliResult], minimal_spec: Path):
    result = cli("validate", str(minimal_spec), "--format", "json")
    assert (result.code, json.loads(result.out)) == (0, [])


def test_warnings_pass_unless_strict(cli: Callable[..., CliResult], write_spec: Callable[[str], Path]):
    spec = write_spec(HEAD_PIE)
    relaxed = cli("validate", str(spec))
    assert relaxed.code == 0 and relaxed.out == f"{spec}: valid (1 warning)\n"
    assert f"{spec}:9:21: warning: sections[0].pie.slices[1].percent:" in relaxed.err
    strict = cli("validate", str(spec), "--strict", "--format", "json")
    assert strict.code == 1 and [p["severity"] for p in json.loads(strict.out)] == ["error"]
    text = cli("validate", str(spec), "--strict")  # promoted problems print as errors, as build --strict does
    assert text.code == 1 and ": warning:" not in text.err
    assert f"{spec}:9:21: sections[0].pie.slices[1].percent:" in text.err
    assert text.err.splitlines()[-1] == f"{spec}: 1 error, 0 warnings"


def test_font_without_the_glyphs_is_reported(cli: Callable[..., CliResult], write_spec: Callable[[str], Path]):
    spec = write_spec("meta: {title: T, organization: O}\nsections:\n  - type: quote\n    text: \"\u4e2d\u6587\"\n")
    result = cli("validate", str(spec))
    assert result.code == 1
    assert f"{spec}:4:11: sections[0].text:" in result.err


def test_missing_spec(cli: Callable[..., CliResult], tmp_path: Path):
    result = cli("validate", str(tmp_path / "nope.yaml"))
    assert result.code == 1 and "nope.yaml: spec file not found" in result.err
