"""What -o may replace: never the spec, a file it names, a device, pipe or folder, or a file that is not
reportgen's own output; `-o -` is standard output; one temporary file per write, stale ones removed."""

from __future__ import annotations

import errno
import io
import os
import socket
import stat
import subprocess
import sys
import time
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Callable

import pytest

from reportgen.cli import main as cli_main
from reportgen.diagnostics import ReportError
from reportgen.output import STALE_AFTER, Staging, remove_stale
from tests.conftest import MINIMAL, CliResult

PHOTO_SPEC = MINIMAL + """\
  - type: text
    title: Photos
    body: A photo.
    images: [{file: assets/photos/photo.jpg, alt: A blue photo}]
"""


def temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".reportgen-tmp") or ".staging" in p.name)


def refused(result: CliResult, output: Path, why: str) -> None:
    assert result.code == 1, result.err
    assert f"cannot write {output}: {why}" in result.err, result.err
    assert "1 error; nothing was written" in result.err and "internal error" not in result.err


def test_the_spec_itself_is_refused_and_left_alone(cli: Callable[..., CliResult], minimal_spec: Path):
    before = minimal_spec.read_bytes()
    refused(cli("build", str(minimal_spec), "-o", str(minimal_spec)), minimal_spec,
            "it is the spec itself; writing there would destroy it")
    assert minimal_spec.read_bytes() == before
    assert temporaries(minimal_spec.parent) == []


def test_links_to_the_spec_and_its_files_are_refused(cli: Callable[..., CliResult], write_spec, spec_dir: Path):
    spec = write_spec(PHOTO_SPEC)
    photo = spec_dir / "assets" / "photos" / "photo.jpg"
    before = photo.read_bytes()
    (spec_dir / "link.pdf").symlink_to(spec)
    os.link(photo, spec_dir / "hard.pdf")
    refused(cli("build", str(spec), "-o", str(spec_dir / "link.pdf")), spec_dir / "link.pdf", "it is the spec itself")
    for output in (photo, spec_dir / "hard.pdf"):
        refused(cli("build", str(spec), "-o", str(output)), output,
                "it is photo.jpg, the file sections[2].images[0].file names; writing there would destroy it")
    assert photo.read_bytes() == before and (spec_dir / "link.pdf").is_symlink()


@pytest.mark.parametrize("kind", ["folder", "named pipe", "socket", "device"])
def test_anything_but_a_regular_file_is_refused(cli: Callable[..., CliResult], minimal_spec: Path, tmp_path: Path,
                                                kind: str):
    output = tmp_path / "special"
    if kind == "folder":
        output.mkdir()
    elif kind == "named pipe":
        os.mkfifo(output)
    elif kind == "socket":
        server = socket.socket(socket.AF_UNIX)
        server.bind(str(output))
    else:  # a /dev/null of our own: the real one is never put at risk
        if os.geteuid() != 0:
            pytest.skip("making a device node needs root")
        os.mknod(output, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    mode = os.lstat(output).st_mode
    result = cli("build", str(minimal_spec), "-o", str(output))
    word = "a device" if kind == "device" else f"a {kind}"
    refused(result, output, f"it is {word}, not a file reportgen may replace")
    assert "reportgen validate" in result.err and "-o -" in result.err  # how to check without a file
    assert os.lstat(output).st_mode == mode and temporaries(tmp_path) == []


def test_an_existing_file_is_replaced_only_if_it_is_a_pdf_or_empty(cli: Callable[..., CliResult], minimal_spec: Path,
                                                                   tmp_path: Path):
    notes = tmp_path / "notes.pdf"
    notes.write_text("my notes, not a PDF")
    result = cli("build", str(minimal_spec), "-o", str(notes))
    refused(result, notes, "it exists and is not a PDF, and reportgen replaces only its own output")
    assert "delete it first if it may go" in result.err and notes.read_text() == "my notes, not a PDF"
    for name, content in (("empty.pdf", b""), ("earlier.pdf", b"%PDF-1.4 an earlier build\n")):
        (tmp_path / name).write_bytes(content)
        assert cli("build", str(minimal_spec), "-o", str(tmp_path / name)).code == 0
        assert (tmp_path / name).read_bytes().startswith(b"%PDF-1.4\n%")
    assert temporaries(tmp_path) == []


def test_dash_o_dash_writes_the_pdf_to_standard_output(minimal_spec: Path, tmp_path: Path, cli):
    stdout, stderr = io.TextIOWrapper(io.BytesIO()), io.StringIO()
    with redirect_stdout(stdout), redirect_stderr(stderr):
        code = cli_main(["build", str(minimal_spec), "-o", "-"])
    assert code == 0, stderr.getvalue()
    stdout.flush()
    written = stdout.buffer.getvalue()  # type: ignore[attr-defined]
    assert cli("build", str(minimal_spec), "-o", str(tmp_path / "file.pdf")).code == 0
    assert written == (tmp_path / "file.pdf").read_bytes()  # the very same PDF
    assert "<standard output>: 2 pages in" in stderr.getvalue()  # the result line stays off the PDF
    assert not (minimal_spec.parent / "build").exists()  # no cache or file left anywhere


def test_dash_o_dash_is_refused_where_it_cannot_work(cli: Callable[..., CliResult], minimal_spec: Path):
    several = cli("build", str(minimal_spec), str(minimal_spec.with_name("b.yaml")), "-o", "-")
    assert several.code == 2 and "standard output (-o -) holds one PDF" in several.err
    watching = cli("watch", str(minimal_spec), "-o", "-")
    assert watching.code == 1 and "reportgen watch: watch writes a PDF file on every change" in watching.err


def test_schema_and_preview_follow_the_same_rules(cli: Callable[..., CliResult], minimal_spec: Path, tmp_path: Path):
    before = minimal_spec.read_bytes()
    schema = cli("schema", "-o", str(minimal_spec))
    assert schema.code == 1 and f"reportgen schema: cannot write {minimal_spec}: it exists and is not a JSON file" \
        in schema.err
    assert minimal_spec.read_bytes() == before
    target = tmp_path / "schema.json"
    assert cli("schema", "-o", str(target)).code == 0 and cli("schema", "-o", str(target)).code == 0
    assert target.read_text().startswith("{") and temporaries(tmp_path) == []
    preview = cli("preview", str(minimal_spec), "-o", str(minimal_spec))
    assert preview.code == 1 and f"cannot write PNGs into {minimal_spec}: it is not a folder" in preview.err
    assert minimal_spec.read_bytes() == before


def test_batch_builds_refuse_per_spec(cli: Callable[..., CliResult], write_spec, spec_dir: Path):
    first, second = write_spec(MINIMAL, "a.yaml"), write_spec(MINIMAL, "b.yaml")
    out = spec_dir / "out"
    out.mkdir()
    (out / "a.pdf").write_text("keep me")
    result = cli("build", str(first), str(second), "-o", str(out), "-j", "1")
    assert result.code == 1 and f"cannot write {out / 'a.pdf'}: it exists and is not a PDF" in result.err
    assert (out / "a.pdf").read_text() == "keep me" and (out / "b.pdf").read_bytes().startswith(b"%PDF-")


def test_the_target_is_checked_again_just_before_the_rename(tmp_path: Path):
    output = tmp_path / "report.pdf"
    with pytest.raises(ReportError, match="it exists and is not a PDF"):
        with Staging(output) as staging:
            staging.path.write_bytes(b"%PDF-1.4 new\n")
            output.write_text("written by someone else meanwhile")
            staging.commit()
    assert output.read_text() == "written by someone else meanwhile" and temporaries(tmp_path) == []


def test_disk_full_is_a_clear_error_and_the_earlier_pdf_is_untouched(cli: Callable[..., CliResult],
                                                                     minimal_spec: Path, tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch):
    from reportlab.pdfbase.pdfdoc import PDFDocument

    output = tmp_path / "build" / "report.pdf"
    assert cli("build", str(minimal_spec), "-o", str(output)).code == 0
    earlier = output.read_bytes()

    def full_disk(self: object, filename: str, canvas: object) -> None:
        with open(filename, "wb") as stream:
            stream.write(b"%PDF-1.4 the first few kilobytes")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(PDFDocument, "SaveToFile", full_disk)
    result = cli("build", str(minimal_spec), "-o", str(output))
    refused(result, output, "No space left on device")
    assert "free some space on that disk" in result.err
    assert output.read_bytes() == earlier and temporaries(output.parent) == []


def _dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_stale_temporary_files_are_removed_and_live_ones_kept(cli: Callable[..., CliResult], minimal_spec: Path,
                                                              tmp_path: Path):
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        killed = tmp_path / f".report.pdf.{_dead_pid()}-0a1b2c3d.reportgen-tmp"  # its build was SIGKILLed
        live = tmp_path / f".other.pdf.{sleeper.pid}-0a1b2c3d.reportgen-tmp"    # a build still running
        old = tmp_path / f".old.pdf.{sleeper.pid}-99aa.reportgen-tmp"            # pid reused long after
        legacy = tmp_path / "..report.pdf.staging.k2j4h5.tmp"                     # earlier reportgen versions
        unrelated = tmp_path / ".report.pdf.notes"
        for path in (killed, live, old, legacy, unrelated):
            path.write_bytes(b"%PDF-1.4 partial")
        hours_ago = time.time() - 2 * STALE_AFTER
        for path in (old, legacy):
            os.utime(path, (hours_ago, hours_ago))
        assert cli("build", str(minimal_spec), "-o", str(tmp_path / "report.pdf")).code == 0
        assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == sorted([live.name,
                                                                                               unrelated.name])
        assert remove_stale(tmp_path) == []  # nothing else to remove
    finally:
        sleeper.kill()
        sleeper.wait()
    assert remove_stale(tmp_path) == [live]  # its process is gone now


def test_a_reader_that_stops_early_is_no_internal_error(minimal_spec: Path):
    """`reportgen build -o - | head -c 100`: a plain message and exit 1, not a BrokenPipeError (found in review).
    The pipe is shrunk to one page before the build starts, so the PDF can never fit in it whole."""
    import fcntl
    import subprocess
    import sys

    read_end, write_end = os.pipe()
    fcntl.fcntl(write_end, getattr(fcntl, "F_SETPIPE_SZ", 1031), 4096)
    process = subprocess.Popen([sys.executable, "-c", "import sys; from reportgen.cli import main; "
                                "raise SystemExit(main(sys.argv[1:]))", "build", str(minimal_spec), "-o", "-"],
                               stdout=write_end, stderr=subprocess.PIPE)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as reader:
        assert reader.read(100).startswith(b"%PDF-")
    assert process.stderr is not None
    error = process.stderr.read().decode()
    assert process.wait(timeout=60) == 1
    assert "standard output was closed before the whole PDF was written" in error and "internal error" not in error
