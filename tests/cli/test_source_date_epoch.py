"""SOURCE_DATE_EPOCH: a whole number of seconds sets the PDF's dates; anything else fails `validate` and
`build` with an error naming the variable (ReportLab would fail with a traceback), and no PDF is written."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from reportgen.environment import check_environment
from tests.conftest import MINIMAL

HINT = ("a whole number of seconds since 1970-01-01 00:00 UTC, e.g. SOURCE_DATE_EPOCH=$(git log -1 --format=%ct); "
        "or unset it for the fixed date 2000-01-01")


@pytest.mark.parametrize("value, problem", [
    ("garbage", "SOURCE_DATE_EPOCH is 'garbage', not a whole number of seconds"),
    ("1.5e9", "SOURCE_DATE_EPOCH is '1.5e9', not a whole number of seconds"),
    ("-5", "SOURCE_DATE_EPOCH is -5, a time before 1970"),
    ("253402300800", "SOURCE_DATE_EPOCH is 253402300800, a time after the year 9999"),
    ("9" * 400, "SOURCE_DATE_EPOCH is " + "9" * 37 + "..., a time after the year 9999"),
])
def test_bad_values_are_errors_naming_the_variable(value: str, problem: str):
    [diagnostic] = check_environment({"SOURCE_DATE_EPOCH": value})
    assert str(diagnostic) == f"<environment>: {problem} ({HINT})"


@pytest.mark.parametrize("value", ["", "  ", "0", "1700000000", " 1700000000 ", "253402300799"])
def test_good_values_and_empty_pass(value: str):
    assert check_environment({"SOURCE_DATE_EPOCH": value}) == []
    assert check_environment({}) == []


@pytest.mark.parametrize("command", ["build", "validate"])
def test_the_cli_fails_loudly(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str):
    spec = tmp_path / "report.yaml"
    spec.write_text(MINIMAL + "  - {type: nope}\n", encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "garbage")
    arguments = [command, str(spec)] + (["-o", str(tmp_path / "out.pdf")] if command == "build" else [])
    result = cli(*arguments)
    assert result.code == 1 and "internal error" not in result.err
    lines = result.err.splitlines()
    # the environment's problem and the spec's, at once
    assert lines[0] == f"<environment>: SOURCE_DATE_EPOCH is 'garbage', not a whole number of seconds ({HINT})"
    assert lines[1].startswith(f"{spec}:12:12: sections[2].type: unknown section type 'nope'")
    assert not (tmp_path / "out.pdf").exists()


def test_a_good_value_dates_the_pdf(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    spec = tmp_path / "report.yaml"
    spec.write_text(MINIMAL, encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14 22:13:20 UTC
    result = cli("build", str(spec), "-o", str(tmp_path / "out.pdf"))
    assert result.code == 0, result.err
    assert PdfReader(str(tmp_path / "out.pdf")).metadata["/CreationDate"].startswith("D:20231114221320")
