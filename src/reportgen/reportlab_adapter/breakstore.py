"""Kept line breaks: a paragraph's key in, the line breaker's decisions an earlier build made for it out (and this build's kept for the next).

reportgen.reportlab_adapter.linebreaking asks a style's `BreakStore` (its `reportgen_breaks`) before it
breaks a paragraph, with a key hashing everything the decisions depend on; this module holds only
the store (no ReportLab import: reportgen.theme makes one per build, before ReportLab is prepared).
The entry is JSON in the build cache (reportgen.cache), read back only in the form decisions have.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import astuple
from functools import lru_cache
from pathlib import Path
from typing import Any, Sequence

import reportlab

from reportgen.cache import CacheMemory

BREAKS = "reportgen_breaks"  # a style's attribute: its build's BreakStore
BREAKS_VERSION = 1          # of the decisions kept in the build cache (bump when their form changes)

# A paragraph's break decisions: each line's end as (word index, character offset of the break inside
# the word, hyphen added) - offset -1 for a line ending after the word -, the lines' adjustment ratios,
# and whether total fit chose them.
Decisions = tuple[list[tuple[int, int, bool]], list[float], bool]


@lru_cache(maxsize=1)
def _source_digest() -> str:
    """A hash of the code the decisions depend on (the adapter, the breaker and its costs, the
    hyphenation, ReportLab's version), so a changed breaker never reads an older one's decisions.
    Read once a process: it describes the code this process runs (a source edited on disk meanwhile
    is not the code running), so every build would read the same three files to the same hash."""
    from reportgen.linebreak import Costs

    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256(f"{reportlab.Version}:{BREAKS_VERSION}:{astuple(Costs())!r}".encode())
    for path in (package / "linebreak.py", package / "theme" / "hyphenation.py",
                 package / "reportlab_adapter" / "linebreaking.py"):
        digest.update(_module_source(path))
    return digest.hexdigest()


def _module_source(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b"?"  # no source beside the package (a zipped install): the version stands for it


class BreakStore:
    """One build's line-break decisions, by key (see the module docstring): those an earlier build kept
    in the build cache, read when first asked for, and those this build made; `save` keeps the ones
    this build used for the next build."""

    def __init__(self, cache_dir: Path | None = None, memory: CacheMemory | None = None) -> None:
        self._cache_dir = cache_dir
        self._memory = memory  # a build session's (reportgen.pipeline.BuildSession): the entry as read or saved last
        self._stored: dict[str, Any] | None = None
        self._used: dict[str, Decisions] = {}
        self._made = 0
        self._source: str | None = None

    def _path(self) -> Path | None:
        return None if self._cache_dir is None else self._cache_dir / f"line-breaks-v{BREAKS_VERSION}.json"

    def key(self, words_digest: str, widths: Sequence[float], justified: bool, justify_last: bool,
            no_hyphen_at: int | None, hyphenation: str) -> str:
        """The key of a paragraph's decisions."""
        if self._source is None:
            self._source = _source_digest()
        text = f"{self._source}|{words_digest}|{[float(w) for w in widths]!r}|{justified}|{justify_last}|" \
               f"{no_hyphen_at}|{hyphenation}"
        return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]

    def get(self, key: str, lengths: Sequence[int]) -> Decisions | None:
        """The decisions kept under `key`, if they are decisions for words of these lengths (characters)."""
        found = self._used.get(key)
        if found is not None:
            return found
        if self._stored is None:
            self._stored = self._read()
        entry = self._stored.get(key)
        decisions = _valid_decisions(entry, lengths) if entry is not None else None
        if decisions is not None:
            self._used[key] = decisions
        return decisions

    def put(self, key: str, decisions: Decisions) -> None:
        self._used[key] = decisions
        self._made += 1

    def _read(self) -> dict[str, Any]:
        from reportgen.cache import read_cached

        path = self._path()
        signature = None
        if path is not None and self._memory is not None:
            kept = self._memory.get(path, "line-breaks")
            if kept is not None:
                return kept  # type: ignore[return-value]
            signature = self._memory.signature(path)
        data = read_cached(path) if path is not None else None
        try:
            entry = json.loads(data) if data else {}
        except ValueError:
            entry = {}
        entry = entry if isinstance(entry, dict) else {}
        if path is not None and self._memory is not None:
            self._memory.put(path, "line-breaks", entry, signature)  # read-only here: get copies what it hands out
        return entry

    def save(self) -> None:
        """Keep this build's decisions in the build cache (only when it made any: a build that found
        them all there leaves the entry as it is). Decisions no paragraph of this build used are dropped."""
        path = self._path()
        if path is None or not self._made:
            return
        from reportgen.cache import write_cached

        entries = {key: [[number for end in ends for number in (end[0], end[1], int(end[2]))], ratios, optimal]
                   for key, (ends, ratios, optimal) in self._used.items()}
        write_cached(path, json.dumps(entries, separators=(",", ":"), sort_keys=True).encode())
        if self._memory is not None:  # what a build would read back from the entry just written
            self._memory.put(path, "line-breaks", {key: [flat, list(ratios), optimal]
                                                   for key, (flat, ratios, optimal) in entries.items()})


def _valid_decisions(entry: Any, lengths: Sequence[int]) -> Decisions | None:
    """Decisions read back from the build cache, if they have the form of decisions for words of these lengths
    (anything else reads as absent: the paragraph is broken again)."""
    try:
        flat, ratios, optimal = entry
        if not (isinstance(flat, list) and isinstance(ratios, list) and isinstance(optimal, bool)
                and len(flat) % 3 == 0 and flat and all(type(n) is int for n in flat)
                and all(type(r) in (int, float) for r in ratios)):
            return None
        ends = [(flat[i], flat[i + 1], bool(flat[i + 2])) for i in range(0, len(flat), 3)]
        previous = (-1, 0)
        for index, offset, _ in ends:
            if not 0 <= index < len(lengths) or (index, offset if offset >= 0 else 1 << 62) <= previous:
                return None
            if offset >= 0 and not 0 < offset < lengths[index]:
                return None
            previous = (index, offset if offset >= 0 else 1 << 62)
        if ends[-1][0] != len(lengths) - 1 or ends[-1][1] != -1:
            return None
        return ends, [float(r) for r in ratios], optimal
    except (TypeError, ValueError):
        return None
