"""The build cache trusts nothing it reads back: planted links, cut or garbage entries are rebuilt, and
the PDF is the same bytes as a clean build's."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

import pytest
from PIL import Image

from reportgen.cache import read_cached, write_cached
from reportgen.pipeline import build
from reportgen.theme.hyphenation import _hyphenator

SPEC = """\
meta: {title: T, organization: O}
sections:
  - type: text
    title: Photos
    body: Extraordinarily comprehensive internationalization considerations notwithstanding, the
      superintendent's administrative responsibilities encompass multidisciplinary collaboration.
    images:
      - {file: assets/photos/photo.jpg, alt: A blue photo}
"""


@pytest.fixture
def clean(write_spec: Callable[[str], Path], tmp_path: Path) -> tuple[Path, bytes, list[str]]:
    """The spec, a clean build's PDF bytes, and the names of the cache entries that build wrote."""
    spec = write_spec(SPEC)
    output = build(spec, tmp_path / "clean" / "report.pdf").output
    names = sorted(path.name for path in (output.parent / ".cache").iterdir())
    assert any(name.endswith(".jpg") for name in names) and any("inspected" in name for name in names) \
        and any(name.startswith("hyphenation-") for name in names)
    return spec, output.read_bytes(), names


def _damage(cache: Path, how: str, outside: Path) -> None:
    for entry in list(cache.iterdir()):
        if how == "symlink":  # a link under the entry's name, to a file outside the spec's folder
            entry.unlink()
            entry.symlink_to(outside)
        elif how == "truncated":
            entry.write_bytes(entry.read_bytes()[: entry.stat().st_size // 2])
        elif how == "garbage":
            entry.write_bytes(b"\x00\xffnot a cache entry" * 50)
        elif how == "unsealed":  # the bare payload, as caches before the seal held it
            entry.write_bytes(entry.read_bytes().split(b"\n", 2)[2])


@pytest.mark.parametrize("how", ["symlink", "truncated", "garbage", "unsealed"])
def test_damaged_or_planted_cache_entries_are_rebuilt_and_the_pdf_is_a_clean_builds(
        clean: tuple[Path, bytes, list[str]], tmp_path: Path, how: str):
    spec, clean_pdf, names = clean
    outside = tmp_path / "elsewhere" / "secret.jpg"
    outside.parent.mkdir()
    Image.new("RGB", (900, 600), (200, 30, 30)).save(outside)  # a red photo: it must not reach the PDF
    planted = outside.read_bytes()
    output = tmp_path / "out" / "report.pdf"
    build(spec, output)
    _damage(output.parent / ".cache", how, outside)
    _hyphenator.cache_clear()  # as in a new process: the patterns are read from the cache again
    result = build(spec, output)
    assert output.read_bytes() == clean_pdf
    assert result.warnings == []
    cache = output.parent / ".cache"
    assert sorted(path.name for path in cache.iterdir()) == names
    assert all(not path.is_symlink() and read_cached(path) is not None for path in cache.iterdir())  # rebuilt
    assert outside.read_bytes() == planted  # replacing the link never wrote through it
    assert build(spec, output) and output.read_bytes() == clean_pdf  # and the rebuilt entries are used


def test_a_cache_folder_that_is_a_link_out_is_neither_read_nor_written(clean: tuple[Path, bytes, list[str]],
                                                                        tmp_path: Path):
    spec, clean_pdf, names = clean
    planted = tmp_path / "planted"
    build(spec, planted / "report.pdf")  # a real cache, with the right names, somewhere else
    for entry in (planted / ".cache").iterdir():
        entry.write_bytes(b"garbage")
    output = tmp_path / "out" / "report.pdf"
    output.parent.mkdir()
    (output.parent / ".cache").symlink_to(planted / ".cache")
    _hyphenator.cache_clear()
    build(spec, output)
    assert output.read_bytes() == clean_pdf
    assert all(entry.read_bytes() == b"garbage" for entry in (planted / ".cache").iterdir())


def test_read_cached_refuses_all_but_a_sealed_regular_file(tmp_path: Path):
    cache = tmp_path / ".cache"
    write_cached(cache / "entry", b"payload")
    assert read_cached(cache / "entry") == b"payload"
    assert read_cached(cache / "absent") is None
    (cache / "entry").rename(cache / "other")  # a sealed entry under another name belongs to that name
    assert read_cached(cache / "other") is None
    os.mkfifo(cache / "pipe")  # must not block
    assert read_cached(cache / "pipe") is None
    (cache / "folder").mkdir()
    assert read_cached(cache / "folder") is None
    write_cached(cache / "entry", b"")
    assert read_cached(cache / "entry") == b""
