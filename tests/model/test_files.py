"""Files a spec names that the system cannot follow or that are cut short: located errors at the field,
never an internal error."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

import pytest

from reportgen.diagnostics import ReportError
from reportgen.model import validate
from reportgen.spec import load_spec
from tests.conftest import ROOT, CliResult

FONT = ROOT / "src" / "reportgen" / "fonts" / "OpenSans-Regular.ttf"
FONT_SPEC = """\
meta: {title: T, organization: O}
theme:
  fonts:
    body: {regular: assets/cut.ttf}
sections:
  - {type: text, title: X, body: hi}
"""
PHOTO_SPEC = """\
meta: {title: T, organization: O}
sections:
  - type: text
    title: X
    body: hi
    images:
      - {file: %s, alt: A}
"""


def errors(spec: Path) -> list[str]:
    with pytest.raises(ReportError) as caught:
        validate(load_spec(spec))
    return [str(d) for d in caught.value.diagnostics]


def _offsets(size: int) -> list[int]:
    """About 30 places to cut a font: the empty file, inside the header and the table directory, and
    spread over the tables up to the last byte."""
    return sorted({0, 1, 3, 4, 5, 11, 12, 13, 100, 200, 300, 315, 316, 317,
                   *(size * k // 16 for k in range(1, 16)), size - 1})


def test_a_font_cut_short_anywhere_is_a_located_error(write_spec: Callable[[str], Path], spec_dir: Path):
    spec = write_spec(FONT_SPEC)
    data = FONT.read_bytes()
    offsets = _offsets(len(data))
    assert len(offsets) >= 28
    for offset in offsets:
        (spec_dir / "assets" / "cut.ttf").write_bytes(data[:offset])
        found = errors(spec)
        assert len(found) == 1, (offset, found)
        assert found[0].startswith(f"{spec}:4:21: theme.fonts.body.regular: cut.ttf is not a usable TrueType font: "
                                   f"the file is cut short ({offset:,} bytes"), (offset, found)


def test_a_cut_font_fails_build_with_the_same_located_error(cli: Callable[..., CliResult],
                                                            write_spec: Callable[[str], Path], spec_dir: Path):
    spec = write_spec(FONT_SPEC)
    (spec_dir / "assets" / "cut.ttf").write_bytes(FONT.read_bytes()[:5000])
    result = cli("build", str(spec), "-o", str(spec_dir / "out.pdf"))
    assert result.code == 1 and "internal error" not in result.err
    assert (f"{spec}:4:21: theme.fonts.body.regular: cut.ttf is not a usable TrueType font: the file is cut short "
            f"(5,000 bytes of the {FONT.stat().st_size:,} its tables need)") in result.err
    (spec_dir / "assets" / "cut.ttf").write_bytes(FONT.read_bytes())  # the whole file builds
    assert cli("build", str(spec), "-o", str(spec_dir / "out.pdf")).code == 0


def test_a_name_over_255_characters_is_a_located_error(write_spec: Callable[[str], Path]):
    name = "a" * 300 + ".jpg"
    spec = write_spec(PHOTO_SPEC % f"assets/photos/{name}")
    assert errors(spec) == [f"{spec}:7:16: sections[0].images[0].file: the name '{'a' * 40}…{'a' * 12}.jpg' in this "
                            "path is 304 characters long; file and folder names may have at most 255 (rename the "
                            "file or folder with a shorter name)"]


def test_a_symlink_loop_is_a_located_error(write_spec: Callable[[str], Path], spec_dir: Path):
    os.symlink("loop-b.jpg", spec_dir / "loop-a.jpg")
    os.symlink("loop-a.jpg", spec_dir / "loop-b.jpg")
    spec = write_spec(PHOTO_SPEC % "loop-a.jpg")
    assert errors(spec) == [f"{spec}:7:16: sections[0].images[0].file: the path 'loop-a.jpg' is a loop of symbolic "
                            "links that never reaches a file (point the link at the real file, or give the file's "
                            "own path)"]


def test_a_font_path_that_loops_is_located_at_the_font_field(write_spec: Callable[[str], Path], spec_dir: Path):
    os.symlink("cut.ttf", spec_dir / "assets" / "cut.ttf")  # a link to itself
    assert [e.split(": ", 2)[1] for e in errors(write_spec(FONT_SPEC))] == ["theme.fonts.body.regular"]
