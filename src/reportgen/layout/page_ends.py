"""Page ends kept between builds: a build's inputs in, the page ends its runt-page layouts settled on out.

Avoiding a runt page lays the report out again with the page before it ending higher (reportgen.pipeline,
layout.runts); a long report may take all three layouts. The page ends the last layout used depend only on
what the layout reads - the validated report, the files it names, the mode, the code and its libraries - so
a build whose inputs are those of the build before lays out once, with those page ends, and gives the same
PDF. Any change to any input (an edit, a replaced photo, another reportgen) finds no entry, and lays out
as many times as it takes. Nothing read back is trusted beyond its seal (reportgen.cache).
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from functools import lru_cache
from typing import Iterable

from reportgen.cache import read_cached, write_cached

_VERSION = 1
_ENTRY = f"page-ends-v{_VERSION}.json"
_PACKAGE = Path(__file__).resolve().parents[1]  # reportgen's own files: the layout's code and data


@lru_cache(maxsize=1)
def _code_identity() -> str:
    """Each file of the reportgen package (code, stylesheet, fonts) by path, size and time, as JSON (read once a
    process: the code running, which a watch session's rebuilds share)."""
    found = []
    for folder, folders, files in os.walk(_PACKAGE):
        folders[:] = sorted(name for name in folders if name != "__pycache__")
        for name in sorted(files):
            if name.endswith((".pyc", ".pyo")):
                continue
            path = os.path.join(folder, name)
            try:
                info = os.stat(path)
            except OSError:
                continue
            found.append([os.path.relpath(path, _PACKAGE), info.st_size, info.st_mtime_ns])
    return json.dumps(found, ensure_ascii=False)


def layout_key(report: object, files: Iterable[Path], mode: str) -> str:
    """What a layout depends on, hashed: the validated report (its repr names every value it holds), the
    size and time of each file it names, the mode and the code (reportgen's files, ReportLab's, HarfBuzz's)."""
    import reportlab
    import uharfbuzz

    named = []
    for path in sorted({str(path) for path in files}):
        try:
            info = os.stat(path)
            named.append([path, info.st_size, info.st_mtime_ns])
        except OSError:
            named.append([path, None, None])
    digest = hashlib.sha256(repr(report).encode("utf-8", "surrogatepass"))
    digest.update(json.dumps([named, mode, reportlab.Version, uharfbuzz.version_string(), uharfbuzz.__version__,
                              _code_identity()], ensure_ascii=False).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def kept_page_ends(cache_dir: Path | None, key: str) -> dict[int, float] | None:
    """The page ends the last layout of a build with these inputs used (page: points it ends higher), or None."""
    if cache_dir is None:
        return None
    data = read_cached(cache_dir / _ENTRY)
    try:
        entry = json.loads(data) if data else None
        if not isinstance(entry, dict) or entry.get("key") != key:
            return None
        return {int(page): float(points) for page, points in entry["ends"]}
    except (ValueError, TypeError, KeyError):
        return None


def keep_page_ends(cache_dir: Path | None, key: str, ends: dict[int, float]) -> None:
    """Keep the page ends a build's last layout used, for the next build with the same inputs."""
    if cache_dir is not None:
        write_cached(cache_dir / _ENTRY, json.dumps({"key": key, "ends": sorted(ends.items())}).encode("utf-8"))
