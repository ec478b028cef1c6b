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
from tests.conftest import cache_of

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
    names = sorted(path.name for path in cache_of(spec, output).iterdir())
    assert any(name.endswith(".jpg") for name in names) and any("inspected" in name for name in names) \
        and any(name.startswith("hyphenation-") for name in names)
    return spec, output.read_bytes(), names


def _damage(cache: Path, how: str, outside: Path) -> None:
    for entry in list(cache.iterdir()):
        if entry.name.startswith("font-"):
            continue  # a font is parsed once a process (ReportLab's registry): this one read it already
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
    _damage(cache_of(spec, output), how, outside)
    _hyphenator.cache_clear()  # as in a new process: the patterns are read from the cache again
    result = build(spec, output)
    assert output.read_bytes() == clean_pdf
    assert result.warnings == []
    cache = cache_of(spec, output)
    assert sorted(path.name for path in cache.iterdir()) == names
    assert [path.name for path in cache.iterdir() if path.is_symlink() or read_cached(path) is None] == []  # rebuilt
    assert outside.read_bytes() == planted  # replacing the link never wrote through it
    assert build(spec, output) and output.read_bytes() == clean_pdf  # and the rebuilt entries are used


def test_a_cache_folder_that_is_a_link_out_is_neither_read_nor_written(clean: tuple[Path, bytes, list[str]],
                                                                        tmp_path: Path):
    spec, clean_pdf, names = clean
    planted = cache_of(spec, tmp_path / "planted" / "report.pdf")  # a real cache, with the right names
    for entry in planted.iterdir():
        entry.write_bytes(b"garbage")
    output = spec.parent / "build" / "report.pdf"  # its cache: build/.cache, here a link to the planted one
    assert cache_of(spec, output) == spec.parent / "build" / ".cache"
    output.parent.mkdir()
    (output.parent / ".cache").symlink_to(planted)
    _hyphenator.cache_clear()
    build(spec, output)
    assert output.read_bytes() == clean_pdf
    assert all(entry.read_bytes() == b"garbage" for entry in planted.iterdir())


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


def test_the_cache_is_never_beside_an_output_outside_build(cli, write_spec: Callable[[str], Path], tmp_path: Path,
                                                          user_cache: Path):
    """-o elsewhere/out.pdf leaves out.pdf alone there; the cache is the project's, in the user's cache folder
    (here the test's REPORTGEN_CACHE_DIR); an output inside the spec's build/ keeps it in build/.cache."""
    spec = write_spec(SPEC)
    elsewhere = tmp_path / "desktop" / "out.pdf"
    assert cli("build", str(spec), "-o", str(elsewhere)).code == 0
    assert sorted(path.name for path in elsewhere.parent.iterdir()) == ["out.pdf"]
    assert not (spec.parent / ".cache").exists() and not (spec.parent / "build").exists()
    kept = cache_of(spec, elsewhere)
    assert kept.parent.parent == user_cache.resolve() and any(path.suffix == ".jpg" for path in kept.iterdir())
    inside = spec.parent / "build" / "report.pdf"
    assert cli("build", str(spec), "-o", str(inside)).code == 0
    assert (spec.parent / "build" / ".cache").is_dir() and inside.read_bytes() == elsewhere.read_bytes()


def test_no_cache_reads_and_writes_none_and_gives_the_same_bytes(cli, write_spec: Callable[[str], Path],
                                                                 tmp_path: Path, user_cache: Path):
    spec = write_spec(SPEC)
    cold = tmp_path / "cold" / "report.pdf"
    assert cli("build", "--no-cache", str(spec), "-o", str(cold)).code == 0
    inside = spec.parent / "build" / "report.pdf"
    assert cli("build", "--no-cache", str(spec), "-o", str(inside)).code == 0
    assert list(user_cache.iterdir()) == [] and sorted(p.name for p in inside.parent.iterdir()) == ["report.pdf"]
    warm = tmp_path / "warm" / "report.pdf"
    for _ in range(2):  # cold, then warm from the cache
        assert cli("build", str(spec), "-o", str(warm)).code == 0
        assert warm.read_bytes() == cold.read_bytes()
    assert cache_of(spec, warm).is_dir()


def test_without_an_override_the_cache_is_the_platforms_user_cache(tmp_path: Path):
    from platformdirs import user_cache_dir

    from reportgen.cache import build_cache

    folder = build_cache(tmp_path / "x" / "out.pdf", tmp_path / "my project", environ={})
    assert folder.parent == Path(user_cache_dir("reportgen", appauthor=False)).resolve() / "projects"
    assert folder.name.startswith("my_project-")
    assert build_cache(tmp_path / "x" / "out.pdf", tmp_path / "other", environ={}) != folder
    assert build_cache(tmp_path / "p" / "build" / "a" / "r.pdf", tmp_path / "p", environ={}) \
        == tmp_path.resolve() / "p" / "build" / ".cache"
