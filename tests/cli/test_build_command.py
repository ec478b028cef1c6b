from pathlib import Path

from tests.conftest import MINIMAL, cache_of


def test_build_prints_one_line_and_exits_zero(cli, minimal_spec: Path, tmp_path: Path):
    output = tmp_path / "out" / "report.pdf"
    result = cli("build", str(minimal_spec), "-o", str(output))
    assert result.code == 0, result.err
    assert output.exists()
    [line] = result.out.strip().splitlines()
    assert line.startswith(f"{output}: 2 pages in ") and line.endswith(" s")


def test_invalid_spec_exits_one_with_located_messages_and_no_traceback(cli, write_spec, tmp_path: Path):
    spec = write_spec(MINIMAL.replace("type: letter", "type: lettre"))
    result = cli("build", str(spec), "-o", str(tmp_path / "r.pdf"))
    assert result.code == 1
    assert "report.yaml:7:11: sections[1].type: unknown section type 'lettre' (did you mean 'letter'?)" in result.err
    assert "Traceback" not in result.err
    assert not (tmp_path / "r.pdf").exists()


def test_bad_usage_exits_two(cli):
    assert cli("build", "--no-such-flag").code == 2
    assert cli().code == 2


def test_a_failed_build_leaves_the_previous_pdf_untouched(cli, write_spec, tmp_path: Path):
    output = tmp_path / "report.pdf"
    good = write_spec(MINIMAL)
    assert cli("build", str(good), "-o", str(output)).code == 0
    before = output.read_bytes()
    write_spec(MINIMAL.replace("title: A Message", "title: [unclosed"))
    result = cli("build", str(good), "-o", str(output))
    assert result.code == 1
    assert output.read_bytes() == before
    # no staging file left behind; the build cache (parsed fonts, shaped words) is kept on purpose, in the
    # user's cache folder (not beside the PDF)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
    assert all(not p.name.startswith(".") for p in cache_of(good, output).iterdir())  # no half-written entry


def test_python_dash_m_entry_point(minimal_spec: Path, tmp_path: Path):
    import subprocess
    import sys
    result = subprocess.run([sys.executable, "-m", "reportgen", "build", str(minimal_spec), "-o",
                             str(tmp_path / "m.pdf")], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "m.pdf").exists()
