"""A print build writes its PDF once: ReportLab's PDF stays in memory, print production saves the
finished file into the one staging file, which is renamed into place."""

from __future__ import annotations

import builtins
import os
from pathlib import Path

import pikepdf
import pytest

from reportgen.pipeline import BuildOptions, build
from tests.conftest import MINIMAL, cache_of


def test_a_print_build_writes_one_file_once_and_renames_it(write_spec, spec_dir: Path,
                                                             monkeypatch: pytest.MonkeyPatch):
    spec = write_spec(MINIMAL)
    output = spec_dir / "out" / "report.pdf"
    build(spec, output, BuildOptions(print_mode=True))  # warm: caches written, folder made
    writes: list[tuple[str, str]] = []
    renames: list[tuple[str, str]] = []
    real_open, real_replace = builtins.open, os.replace

    def recording_open(file, mode="r", *args, **kwargs):  # type: ignore[no-untyped-def]
        if isinstance(file, (str, os.PathLike)) and any(flag in mode for flag in "wax+") \
                and Path(file).parent == output.parent:
            writes.append((Path(file).name, mode))
        return real_open(file, mode, *args, **kwargs)

    def recording_replace(source, target, *args, **kwargs):  # type: ignore[no-untyped-def]
        renames.append((Path(source).name, Path(target).name))
        return real_replace(source, target, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", recording_open)
    monkeypatch.setattr(os, "replace", recording_replace)
    build(spec, output, BuildOptions(print_mode=True))
    kept = cache_of(spec, output)  # before undo: this test's user cache folder (conftest)
    monkeypatch.undo()
    assert len(writes) == 1 and writes[0][0].endswith(".reportgen-tmp"), writes
    assert renames == [(writes[0][0], "report.pdf")]
    with pikepdf.open(output) as pdf:  # the file in place is print production's
        assert "/TrimBox" in pdf.pages[0] and "/BleedBox" in pdf.pages[0]
    # nothing else beside it (the build cache is in the user's cache folder), and no staging file in the cache
    assert sorted(path.name for path in output.parent.iterdir()) == ["report.pdf"]
    assert not [path for path in kept.iterdir() if path.name.startswith(".")]
