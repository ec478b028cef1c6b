"""`reportgen build`: exit codes, the summary line, --strict, -q, atomic writes."""

from pathlib import Path
from typing import Callable

from tests.conftest import HEAD_PIE, CliResult


def test_build_writes_the_pdf_and_one_line(cli: Callable[..., CliResult], minimal_spec: Path):
    output = minimal_spec.parent / "out" / "report.pdf"
    result = cli("build", str(minimal_spec), "-o", str(output))
    assert result.code == 0, result.err
    assert output.read_bytes().startswith(b"%PDF")
    assert result.out.startswith(f"{output}: ") and result.out.rstrip().endswith(" s")
    assert result.err == ""


def test_warning_is_printed_and_strict_makes_it_an_error(cli: Callable[..., CliResult],
                                                          write_spec: Callable[[str], Path]):
    spec = write_spec(HEAD_PIE)
    output = spec.parent / "report.pdf"
    relaxed = cli("build", str(spec), "-o", str(output))
    assert relaxed.code == 0
    assert "warning: sections[0].pie.slices[1].percent: the printed percentages add up to 101" in relaxed.err
    first = output.read_bytes()

    strict = cli("build", str(spec), "-o", str(output), "--strict")
    assert strict.code == 1
    assert "warning:" not in strict.err
    assert "report.yaml:9:21: sections[0].pie.slices[1].percent: the printed percentages add up to 101" in strict.err
    assert "1 error; nothing was written" in strict.err
    assert output.read_bytes() == first


def test_quiet_prints_nothing_on_success(cli: Callable[..., CliResult], write_spec: Callable[[str], Path]):
    spec = write_spec(HEAD_PIE)
    result = cli("build", str(spec), "-o", str(spec.parent / "r.pdf"), "-q")
    assert (result.code, result.out, result.err) == (0, "", "")


def test_verbose_adds_size(cli: Callable[..., CliResult], minimal_spec: Path):
    result = cli("build", str(minimal_spec), "-o", str(minimal_spec.parent / "r.pdf"), "-v")
    assert result.code == 0 and " bytes; 0 warnings" in result.err


def test_invalid_spec_keeps_the_earlier_pdf(cli: Callable[..., CliResult], write_spec: Callable[[str], Path]):
    spec = write_spec("meta: {title: T, organization: O}\nsections:\n  - type: cover\n")
    output = spec.parent / "report.pdf"
    assert cli("build", str(spec), "-o", str(output)).code == 0
    good = output.read_bytes()
    write_spec("meta: {title: T, organization: O}\nsections:\n  - type: pillar\n    number: x\n    title: P\n")
    result = cli("build", str(spec), "-o", str(output))
    assert result.code == 1
    assert f"{spec}:4:13: sections[0].number: expected a whole number, got 'x'" in result.err
    assert "Traceback" not in result.err
    assert output.read_bytes() == good


def test_usage_errors_exit_2(cli: Callable[..., CliResult]):
    assert cli("build", "--no-such-option").code == 2
    assert cli().code == 2


def test_build_does_not_import_watch_or_preview_libraries():
    import subprocess
    import sys

    code = ("import sys, reportgen.cli.main; "
            "print(sorted(m for m in ('watchfiles', 'pypdfium2', 'reportlab') if m in sys.modules))")
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert output.strip() == "[]"
