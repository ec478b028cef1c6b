"""The build cache: an output path in, the folder beside it where builds keep work for the next one out.

Placed images, proofs that an image's bytes decode, and parsed hyphenation patterns live there;
deleting the folder only costs time. Writes are atomic and never fail a build.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def build_cache(output: Path) -> Path:
    """The cache folder of the build writing `output`."""
    return output.parent / ".cache"


def write_cached(path: Path, data: bytes) -> None:
    """Write a cache file atomically (parallel builds may write the same one); a cache that cannot
    be written only costs time."""
    temporary = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except OSError:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
