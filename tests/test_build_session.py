"""A build session (pipeline.BuildSession) keeps what its builds parsed of the build cache, and changes
nothing else: every build through one gives the bytes it gives alone in a fresh process, whatever the
session built before (another spec, a failed build), and leaves the same build cache on disk."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reportgen.cache import CACHE_ENV, CacheMemory, write_cached
from reportgen.diagnostics import ReportError
from reportgen.pipeline import BuildOptions, BuildSession, build
from tests.conftest import cache_of
from tests.test_build_state import alone, digest, specs  # noqa: F401  (fixtures: A and B, their bytes alone)


def cache_files(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())
            if path.name.startswith(("shaped-words-", "line-breaks-"))}


def test_builds_through_one_session_give_the_bytes_each_gives_alone(specs: dict[str, Path], alone: dict[str, str],
                                                                   tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    import reportgen.cache

    reads: list[str] = []
    original = reportgen.cache.read_cached

    def counted(path: Path) -> bytes | None:
        if path.name.startswith(("shaped-words-", "line-breaks-")):
            reads.append(path.name)
        return original(path)

    monkeypatch.setattr(reportgen.cache, "read_cached", counted)
    session = BuildSession()
    out = tmp_path / "out"
    for name in ("a", "b", "a", "a", "b", "b"):  # one folder: each build reads what the one before kept
        build(specs[name], out / f"{name}.pdf", session=session)
        assert digest(out / f"{name}.pdf") == alone[name], name
        if len(reads) == 2:
            assert sorted(name[:6] for name in reads) == ["line-b", "shaped"]  # the first build read them
    assert len(reads) == 2  # ... and no later one read them again
    kept = session.memory._entries
    assert {kind for _, kind in kept} == {"shaped-words", "line-breaks", "font-bytes"}  # the session did keep them
    assert all(path.parent == cache_of(specs["a"], out / "a.pdf") for path, kind in kept if kind != "font-bytes")
    assert {path.name for path, kind in kept if kind == "font-bytes"} >= {"OpenSans-Regular.ttf", "Lato-Black.ttf"}


def test_a_failed_build_through_the_session_changes_nothing_after_it(specs: dict[str, Path], alone: dict[str, str],
                                                                    tmp_path: Path):
    session = BuildSession()
    build(specs["b"], tmp_path / "b.pdf", session=session)
    with pytest.raises(ReportError) as failed:
        build(specs["a-failing"], tmp_path / "failed.pdf", session=session)
    assert "pt tall but a page holds" in failed.value.diagnostics[0].message
    build(specs["b"], tmp_path / "b.pdf", session=session)
    assert digest(tmp_path / "b.pdf") == alone["b"]
    with pytest.raises(ReportError):
        build(specs["a-failing"], tmp_path / "failed.pdf", BuildOptions(print_mode=True), session=session)
    build(specs["a"], tmp_path / "a.pdf", session=session)
    assert digest(tmp_path / "a.pdf") == alone["a"]


def test_the_build_cache_on_disk_is_the_one_builds_without_a_session_leave(specs: dict[str, Path], tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch):
    session = BuildSession()
    caches = {}
    for name in ("a", "b", "b", "a"):
        for kind in ("with", "without"):  # two user cache folders: two caches of the one project
            monkeypatch.setenv(CACHE_ENV, str(tmp_path / kind))
            build(specs[name], tmp_path / kind / "report.pdf", session=session if kind == "with" else None)
            caches[kind] = cache_of(specs[name], tmp_path / kind / "report.pdf")
        assert caches["with"] != caches["without"]
        assert cache_files(caches["with"]) == cache_files(caches["without"]), name
    assert len(cache_files(caches["with"])) == 2


def test_a_cache_file_changed_under_the_session_is_read_again(specs: dict[str, Path], alone: dict[str, str],
                                                             tmp_path: Path):
    session = BuildSession()
    build(specs["a"], tmp_path / "a.pdf", session=session)
    shutil.rmtree(cache_of(specs["a"], tmp_path / "a.pdf"))  # another process cleared the cache: the session's copies stand for nothing
    assert all(session.memory.get(path, kind) is None for path, kind in list(session.memory._entries)
               if kind != "font-bytes")  # the font files themselves are where they were
    build(specs["a"], tmp_path / "a.pdf", session=session)
    assert digest(tmp_path / "a.pdf") == alone["a"]
    assert len(cache_files(cache_of(specs["a"], tmp_path / "a.pdf"))) == 2  # written anew, as without a session


def test_cache_memory_keeps_a_value_while_the_file_is_the_one_read(tmp_path: Path):
    memory = CacheMemory()
    entry = tmp_path / "entry.json"
    assert memory.get(entry, "kind") is None
    write_cached(entry, b"{}")
    memory.put(entry, "kind", {"parsed": True})
    assert memory.get(entry, "kind") == {"parsed": True}
    assert memory.get(entry, "other") is None
    write_cached(entry, b'{"a": 1}')  # rewritten (a new file renamed into place)
    assert memory.get(entry, "kind") is None
    entry.unlink()
    memory.put(entry, "kind", {"parsed": True})  # nothing there (a cache that could not be written): not kept
    assert memory.get(entry, "kind") is None
