"""Formatted numbers kept between builds: the build cache's entry in, a memo the generated words format through out.

CLDR formatting (Babel) costs a build ~20 ms to import and to load a language's data, for the few
numbers a report generates (a pie's percentages and amounts). What Babel wrote for a number, pattern
and language is kept in the build cache, keyed by the installed Babel's files, so a build whose numbers
were all formatted before does not import it. Deleting the entry only costs that time again.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
from pathlib import Path
from typing import Iterator, MutableMapping

from reportgen.cache import read_cached, write_cached

_VERSION = 1


def _babel_identity() -> str:
    """Which Babel formats: its package file's path, size and time (another Babel, another entry)."""
    found = importlib.util.find_spec("babel")
    if found is None or found.origin is None:
        return "none"
    try:
        info = os.stat(found.origin)
    except OSError:
        return "unknown"
    return f"{found.origin}:{info.st_size}:{info.st_mtime_ns}"


class NumberFormats(MutableMapping[str, str]):
    """The formatted numbers of the build cache (model.strings.Words's memo), written back by `save` when
    this build formatted any new one."""

    def __init__(self, cache_dir: Path | None) -> None:
        self._path: Path | None = None
        self._known: dict[str, str] = {}
        self._added = False
        if cache_dir is not None:
            digest = hashlib.sha256(_babel_identity().encode("utf-8", "surrogatepass")).hexdigest()[:16]
            self._path = cache_dir / f"number-formats-{digest}-v{_VERSION}.json"
            data = read_cached(self._path)
            try:
                kept = json.loads(data) if data else {}
            except ValueError:
                kept = {}
            if isinstance(kept, dict):
                self._known = {key: text for key, text in kept.items() if isinstance(key, str) and isinstance(text, str)}

    def __getitem__(self, key: str) -> str:
        return self._known[key]

    def __setitem__(self, key: str, text: str) -> None:
        if self._known.get(key) != text:
            self._known[key] = text
            self._added = True

    def __delitem__(self, key: str) -> None:
        del self._known[key]
        self._added = True

    def __iter__(self) -> Iterator[str]:
        return iter(self._known)

    def __len__(self) -> int:
        return len(self._known)

    def save(self) -> None:
        """Keep the numbers in the build cache (only when this build formatted a new one)."""
        if self._path is not None and self._added:
            write_cached(self._path, json.dumps(self._known, sort_keys=True, ensure_ascii=False).encode("utf-8"))
            self._added = False
