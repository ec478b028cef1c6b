"""Output problems: missing folders are created, unusable ones are clear errors, and an interrupted
build leaves the previous PDF untouched with no temporary file behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import MINIMAL


def leftovers(folder: Path) -> list[str]:
    """Hidden files a build left beside its output: staging files, and half-written entries inside the
    build cache (the cache folder itself is kept on purpose: every build keeps its parsed fonts there)."""
    cache = folder / ".cache"
    inside = sorted(f".cache/{p.name}" for p in cache.iterdir() if p.name.startswith(".")) if cache.is_dir() else []
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".") and p.name != ".cache") + inside


def test_missing_output_folders_are_created(cli, minimal_spec: Path, tmp_path: Path):
    output = tmp_path / "a" / "b" / "c" / "report.pdf"
    result = cli("build", str(minimal_spec), "-o", str(output))
    assert result.code == 0, result.err
    assert output.read_bytes().startswith(b"%PDF-")
    assert leftovers(output.parent) == []


def test_output_folder_under_a_file_is_a_clear_error(cli, minimal_spec: Path, tmp_path: Path):
    (tmp_path / "notes.txt").write_text("x")
    result = cli("build", str(minimal_spec), "-o", str(tmp_path / "notes.txt" / "out" / "report.pdf"))
    assert result.code == 1
    assert f"cannot create the output folder {tmp_path / 'notes.txt' / 'out'}: {tmp_path / 'notes.txt'} is a file" \
        in result.err
    assert ":1:1:" not in result.err  # not a problem in the spec, so no spec position


def test_output_that_is_a_folder_is_a_clear_error(cli, minimal_spec: Path, tmp_path: Path):
    (tmp_path / "report.pdf").mkdir()
    result = cli("build", str(minimal_spec), "-o", str(tmp_path / "report.pdf"))
    assert result.code == 1
    assert f"cannot write {tmp_path / 'report.pdf'}: it is a folder, not a file reportgen may replace" in result.err
    assert leftovers(tmp_path) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write into read-only folders")
def test_read_only_output_folder_is_a_clear_error(cli, minimal_spec: Path, tmp_path: Path):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        result = cli("build", str(minimal_spec), "-o", str(folder / "report.pdf"))
    finally:
        folder.chmod(0o700)
    assert result.code == 1 and f"cannot write to {folder}" in result.err


def test_failed_build_keeps_the_earlier_pdf(cli, write_spec, tmp_path: Path):
    spec = write_spec(MINIMAL)
    output = tmp_path / "out" / "report.pdf"
    assert cli("build", str(spec), "-o", str(output)).code == 0
    before = output.read_bytes()
    write_spec(MINIMAL + "  - {type: quote, text: '" + " ".join(["word"] * 1900) + "'}\n")  # too long for its page
    result = cli("build", str(spec), "-o", str(output))
    assert result.code == 1 and "sections[2].text: the quote runs" in result.err
    assert output.read_bytes() == before
    assert leftovers(output.parent) == []


@pytest.fixture(scope="module")
def slow_spec(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A spec that takes a few seconds to lay out (about 400 pages)."""
    folder = tmp_path_factory.mktemp("slow")
    body = " ".join(["word"] * 3000)
    sections = "".join(f"  - {{type: text, title: Section {i}, body: '{body}'}}\n" for i in range(100))
    spec = folder / "report.yaml"
    spec.write_text("meta: {title: T, organization: O}\nsections:\n" + sections)
    return spec


@pytest.mark.parametrize("sent, code", [(signal.SIGTERM, 143), (signal.SIGINT, 130), (signal.SIGHUP, 129)])
def test_interrupted_build_leaves_the_previous_pdf_and_no_temporary_files(slow_spec: Path, tmp_path: Path,
                                                                          sent: signal.Signals, code: int):
    output = tmp_path / "report.pdf"
    output.write_bytes(b"%PDF-1.4 the previous build\n")
    process = subprocess.Popen([sys.executable, "-m", "reportgen", "build", str(slow_spec), "-o", str(output)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 30
    while not leftovers(tmp_path) and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)  # wait until the build is writing its temporary file
    assert process.poll() is None, "the build ended before it could be interrupted"
    time.sleep(0.3)  # midway through the layout
    process.send_signal(sent)
    _, err = process.communicate(timeout=30)
    assert process.returncode == code, err
    assert "interrupted; any earlier PDF is untouched" in err and "Traceback" not in err
    assert output.read_bytes() == b"%PDF-1.4 the previous build\n"
    assert leftovers(tmp_path) == []
