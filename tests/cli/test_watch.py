"""`reportgen watch`: edits in a real folder rebuild the PDF; a broken edit keeps the last good one."""

import queue
import threading
import time
from pathlib import Path
from typing import Callable

import pytest
from PIL import Image

from reportgen.cli.watch import Outcome, watch
from reportgen.pipeline import BuildOptions
from tests.conftest import MINIMAL, page_texts

pytest.importorskip("watchfiles")
TIMEOUT = 30.0


def save(path: Path, text: str) -> None:
    """Write the way careful editors do (a temporary file renamed over the spec), so a build never
    sees a half-written spec."""
    temporary = path.with_suffix(".tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)


def test_edits_rebuild_and_a_broken_edit_keeps_the_last_good_pdf(minimal_spec: Path):
    output = minimal_spec.parent / "build" / "report.pdf"
    outcomes: "queue.Queue[Outcome]" = queue.Queue()
    stop = threading.Event()
    worker = threading.Thread(target=watch, args=(minimal_spec, output, BuildOptions(), outcomes.put),
                              kwargs={"stop": stop, "max_builds": 4}, daemon=True)
    worker.start()
    try:
        first = outcomes.get(timeout=TIMEOUT)
        assert first.ok and first.pages is not None and first.changed == []
        original = output.read_bytes()

        save(minimal_spec, MINIMAL.replace("this is a letter", "this is an edited letter"))
        edited = outcomes.get(timeout=TIMEOUT)
        assert edited.ok, edited.diagnostics
        assert minimal_spec.resolve() in edited.changed
        assert output.read_bytes() != original
        assert any("this is an edited letter" in text for text in page_texts(output))
        good = output.read_bytes()

        save(minimal_spec, MINIMAL.replace("type: letter", "type: lettre"))
        broken = outcomes.get(timeout=TIMEOUT)
        assert not broken.ok
        assert "unknown section type 'lettre'" in str(broken.diagnostics[0])
        assert output.read_bytes() == good

        (minimal_spec.parent / "notes.txt").write_text("not watched", encoding="utf-8")
        (minimal_spec.parent / "assets" / "photos" / "photo.jpg").touch()  # an image change rebuilds
        image_change = outcomes.get(timeout=TIMEOUT)
        assert [path.name for path in image_change.changed] == ["photo.jpg"]
        assert not image_change.ok  # the spec is still broken
    finally:
        stop.set()
        worker.join(timeout=TIMEOUT)
    assert not worker.is_alive()


def test_stop_event_ends_the_loop(spec_dir: Path, write_spec: Callable[[str], Path]):
    spec = write_spec(MINIMAL)
    stop = threading.Event()
    outcomes: list[Outcome] = []
    worker = threading.Thread(target=watch, args=(spec, spec_dir / "r.pdf", BuildOptions(), outcomes.append),
                              kwargs={"stop": stop}, daemon=True)
    worker.start()
    deadline = time.monotonic() + TIMEOUT
    while not outcomes and time.monotonic() < deadline:  # the first build, once the watch is armed
        time.sleep(0.02)
    stop.set()
    worker.join(timeout=TIMEOUT)
    assert not worker.is_alive() and len(outcomes) == 1 and outcomes[0].ok


def test_a_photo_outside_the_spec_folder_is_watched_too(tmp_path: Path):
    """With --allow-outside a spec may name files beside its folder; changing one rebuilds."""
    shared = tmp_path / "shared"
    shared.mkdir()
    photo = shared / "cover.jpg"
    Image.new("RGB", (600, 400), (200, 40, 40)).save(photo, quality=80)
    (tmp_path / "unrelated.jpg").write_bytes(photo.read_bytes())
    folder = tmp_path / "report"
    folder.mkdir()
    spec = folder / "report.yaml"
    save(spec, MINIMAL.replace("  - type: cover\n", "  - type: cover\n    image: {file: ../shared/cover.jpg, alt: A}\n"))
    outcomes: "queue.Queue[Outcome]" = queue.Queue()
    stop = threading.Event()
    worker = threading.Thread(target=watch, args=(spec, folder / "report.pdf", BuildOptions(allow_outside=True),
                                                  outcomes.put), kwargs={"stop": stop, "max_builds": 3}, daemon=True)
    worker.start()
    try:
        first = outcomes.get(timeout=TIMEOUT)
        assert first.ok, first.diagnostics
        assert photo.resolve() in first.inputs
        (tmp_path / "unrelated.jpg").touch()  # outside and not named by the spec: ignored
        Image.new("RGB", (600, 400), (40, 200, 40)).save(photo.with_suffix(".tmp.jpg"), quality=80)
        photo.with_suffix(".tmp.jpg").replace(photo)  # replaced the way image editors save
        changed = outcomes.get(timeout=TIMEOUT)
        assert changed.ok and [path.name for path in changed.changed] == ["cover.jpg"]
        photo.touch()  # and watched again after the replacement
        assert outcomes.get(timeout=TIMEOUT).changed == [photo.resolve()]
    finally:
        stop.set()
        worker.join(timeout=TIMEOUT)
    assert not worker.is_alive()


def test_the_builds_own_cache_writes_are_no_change(write_spec: Callable[[str], Path], spec_dir: Path):
    spec = write_spec(MINIMAL.replace("  - type: cover\n", "  - type: cover\n    image: {file: assets/photos/photo.jpg, alt: A}\n"))
    outcomes: "queue.Queue[Outcome]" = queue.Queue()
    stop = threading.Event()
    worker = threading.Thread(target=watch, args=(spec, spec_dir / "build" / "report.pdf", BuildOptions(), outcomes.put),
                              kwargs={"stop": stop}, daemon=True)
    worker.start()
    try:
        assert outcomes.get(timeout=TIMEOUT).ok
        time.sleep(1.0)  # longer than a batch of changes
        assert list((spec_dir / "build" / ".cache").glob("*.jpg"))  # the build wrote its cache ...
        assert outcomes.empty()  # ... and did not take that for an edit
    finally:
        stop.set()
        worker.join(timeout=TIMEOUT)


def test_an_internal_error_is_reported_and_the_watch_builds_again(minimal_spec: Path,
                                                                   monkeypatch: pytest.MonkeyPatch):
    """A bug in reportgen (any exception) during a rebuild ends that build, never the watch."""
    from reportgen import pipeline

    real_build, calls = pipeline.build, []

    def build_with_a_bug_once(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(args)
        if len(calls) == 2:
            raise ValueError("format not resolved, probably missing URL scheme or undefined destination target")
        return real_build(*args, **kwargs)

    monkeypatch.setattr(pipeline, "build", build_with_a_bug_once)
    output = minimal_spec.parent / "build" / "report.pdf"
    outcomes: "queue.Queue[Outcome]" = queue.Queue()
    stop = threading.Event()
    worker = threading.Thread(target=watch, args=(minimal_spec, output, BuildOptions(), outcomes.put),
                              kwargs={"stop": stop, "max_builds": 3}, daemon=True)
    worker.start()
    try:
        assert outcomes.get(timeout=TIMEOUT).ok
        good = output.read_bytes()
        save(minimal_spec, MINIMAL.replace("this is a letter", "this is an edited letter"))
        crashed = outcomes.get(timeout=TIMEOUT)
        assert not crashed.ok and len(crashed.diagnostics) == 1
        line = str(crashed.diagnostics[0])
        assert line.startswith(f"{minimal_spec}: internal error: ValueError: format not resolved")
        assert "please report it" in line
        assert output.read_bytes() == good
        save(minimal_spec, MINIMAL.replace("this is a letter", "this is a letter edited again"))
        again = outcomes.get(timeout=TIMEOUT)
        assert again.ok, again.diagnostics
        assert any("this is a letter edited again" in text for text in page_texts(output))
    finally:
        stop.set()
        worker.join(timeout=TIMEOUT)
    assert not worker.is_alive()


def test_the_cli_watch_prints_an_internal_error_and_goes_on(cli, minimal_spec: Path, monkeypatch: pytest.MonkeyPatch):
    """Through `reportgen watch`: the line is printed as an error and the command does not fail."""
    from reportgen import pipeline
    from reportgen.cli import watch as watch_command

    def broken_build(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("a bug")

    def one_build(spec, output, options, report, **_):  # type: ignore[no-untyped-def]
        report(watch_command.build_once(spec, output, options))
        return 1

    monkeypatch.setattr(pipeline, "build", broken_build)
    monkeypatch.setattr(watch_command, "watch", one_build)
    result = cli("watch", str(minimal_spec), "-o", str(minimal_spec.parent / "out.pdf"))
    assert result.code == 0
    assert f"{minimal_spec}: internal error: RuntimeError: a bug (run `reportgen build -v` on this spec for " \
           "details; please report it)" in result.err
    assert "build failed;" in result.err


def test_a_change_to_a_tables_csv_rebuilds(write_spec: Callable[[str], Path], spec_dir: Path):
    data = spec_dir / "assets" / "data"
    data.mkdir(parents=True)
    save(data / "figures.csv", "Year,Students\n2023,1250\n")
    spec = write_spec(MINIMAL + "  - type: text\n    title: Figures\n    tables: [{data: assets/data/figures.csv}]\n")
    output = spec_dir / "build" / "report.pdf"
    outcomes: "queue.Queue[Outcome]" = queue.Queue()
    stop = threading.Event()
    worker = threading.Thread(target=watch, args=(spec, output, BuildOptions(), outcomes.put),
                              kwargs={"stop": stop, "max_builds": 2}, daemon=True)
    worker.start()
    try:
        first = outcomes.get(timeout=TIMEOUT)
        assert first.ok, first.diagnostics
        assert (data / "figures.csv").resolve() in first.inputs
        save(data / "figures.csv", "Year,Students\n2023,1250\n2024,1312\n")
        changed = outcomes.get(timeout=TIMEOUT)
        assert changed.ok and [path.name for path in changed.changed] == ["figures.csv"]
        assert any("1,312" in text for text in page_texts(output))
    finally:
        stop.set()
        worker.join(timeout=TIMEOUT)
    assert not worker.is_alive()
