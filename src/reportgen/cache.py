"""The build cache: a project and an output path in, the folder where builds keep work for the next one out.

Where: `<project>/build/.cache` when the output is inside the project's `build/` folder (the default
output), otherwise a folder of the user's cache (the platform's convention, platformdirs: e.g.
~/.cache/reportgen/projects/<hash of the project folder>), never beside an arbitrary output file;
REPORTGEN_CACHE_DIR names another root for the latter (tests, CI).

Placed images, proofs that an image's bytes decode, and parsed hyphenation patterns live there;
deleting the folder only costs time. Writes are atomic and never fail a build.

Nothing read back is trusted: each entry carries a hash of its name and payload, and is used only
if it is a regular file (not a symbolic link, a device or a pipe) directly inside a cache folder
that is itself no symbolic link, and the hash matches. Anything else - a link planted under an
entry's name, a file cut short, garbage - reads as absent, is rebuilt, and the rebuilt entry
replaces it.
"""

from __future__ import annotations

import hashlib
import os
from array import array
from base64 import b64decode, b64encode
import stat
import tempfile
from pathlib import Path
from typing import Mapping

MAGIC = b"reportgen-cache 1\n"
_DIGEST = 64  # hex characters of a SHA-256
_HEADER = len(MAGIC) + _DIGEST + 1
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)  # a planted named pipe must not block the open


CACHE_ENV = "REPORTGEN_CACHE_DIR"  # the root of the user's build caches, instead of the platform's


def build_cache(output: Path, project: Path, environ: Mapping[str, str] = os.environ) -> Path:
    """The cache folder of a build of the spec in the folder `project` writing `output` (see the module
    docstring): under the project's build/ when `output` is inside it, else in the user's cache."""
    project = project.resolve()
    build = project / "build"
    if output.resolve().parent.is_relative_to(build):
        return build / ".cache"
    root = environ.get(CACHE_ENV) or _user_cache_root()
    digest = hashlib.sha256(os.fsencode(project)).hexdigest()[:20]
    name = "".join(c if c.isascii() and (c.isalnum() or c in "._-") else "_" for c in project.name[:40])
    return Path(root).resolve() / "projects" / f"{name.lstrip('.') or 'root'}-{digest}"


def _user_cache_root() -> str:
    from platformdirs import user_cache_dir  # imported when needed (start-up time)

    return user_cache_dir("reportgen", appauthor=False)


def _seal(name: str, payload: bytes) -> bytes:
    return hashlib.sha256(name.encode("utf-8", "surrogatepass") + b"\0" + payload).hexdigest().encode()


def read_cached(path: Path) -> bytes | None:
    """The payload of the cache entry at `path`, or None when there is none that verifiably belongs
    to this name (see the module docstring)."""
    try:
        folder = os.open(path.parent, os.O_RDONLY | _DIRECTORY | _NOFOLLOW)
    except OSError:
        return None  # no cache folder, or a symbolic link (to anywhere) in its place
    try:
        handle = os.open(path.name, os.O_RDONLY | _NOFOLLOW | _NONBLOCK, dir_fd=folder)
    except OSError:
        return None
    finally:
        os.close(folder)
    try:
        if not stat.S_ISREG(os.fstat(handle).st_mode):
            return None
        with os.fdopen(handle, "rb") as stream:
            handle = -1
            data = stream.read()
    except OSError:
        return None
    finally:
        if handle >= 0:
            os.close(handle)
    if not data.startswith(MAGIC) or len(data) < _HEADER or data[_HEADER - 1:_HEADER] != b"\n":
        return None
    payload = data[_HEADER:]
    return payload if data[len(MAGIC):_HEADER - 1] == _seal(path.name, payload) else None


def write_cached(path: Path, data: bytes) -> None:
    """Write a cache entry atomically (parallel builds may write the same one), sealed with its
    hash; a cache that cannot be written (or whose folder is a symbolic link) only costs time."""
    temporary = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if not stat.S_ISDIR(os.lstat(path.parent).st_mode):
            return  # a link in the cache folder's place: never write through it
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
        with os.fdopen(handle, "wb") as stream:
            stream.write(MAGIC + _seal(path.name, data) + b"\n" + data)
        os.replace(temporary, path)  # replaces a planted link itself, never what it points at
    except OSError:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)


# ---------------------------------------------------------------- numbers in entries

_INTEGER_CODES = ("b", "h", "i", "q")  # array type codes, narrowest first
_FLOAT_CODES = ("f", "d")


def pack_numbers(values: list) -> list | None:
    """A column of numbers as JSON data that reads back fast (`unpack_numbers`): the ints, or the floats,
    whichever there are more of, in base64 (the narrowest array type that holds them exactly), and the
    others as they are, by index; None when not all are numbers."""
    ints = [type(value) is int for value in values]
    if not all(whole or type(value) is float for value, whole in zip(values, ints)):
        return None
    integral = sum(ints) * 2 >= len(values)
    column = [value if whole == integral else 0 for value, whole in zip(values, ints)]
    others = [[index, value] for index, (value, whole) in enumerate(zip(values, ints)) if whole != integral]
    for code in _INTEGER_CODES if integral else _FLOAT_CODES:
        try:
            packed = array(code, column)
        except OverflowError:
            continue
        if integral or packed.tolist() == column:
            return [code, b64encode(packed.tobytes()).decode(), others]
    return None


def unpack_numbers(column: list) -> list:
    """The numbers `pack_numbers` wrote, ints and floats as they were."""
    code, packed, others = column
    if code not in _INTEGER_CODES and code not in _FLOAT_CODES:
        raise ValueError("damaged column of numbers")
    numbers = array(code)
    numbers.frombytes(b64decode(packed, validate=True))
    values = numbers.tolist()
    for index, value in others:
        if type(index) is not int or type(value) not in (int, float) or not 0 <= index < len(values):
            raise ValueError("damaged column of numbers")
        values[index] = value
    return values


class CacheMemory:
    """Build-cache entries a build session keeps in memory, in the form their readers parsed them into
    (reportgen.pipeline.BuildSession): an entry's path in, what its reader made of it out, as long as
    the file is still the one read or written (the same inode, size and modification time). So a
    session's build reads exactly what a build without one would read from disk, without parsing it.

    A reader hands out nothing of a kept value that a build may change (each reader copies where needed).
    One session serves one caller's builds, one at a time."""

    def __init__(self) -> None:
        self._entries: dict[tuple[Path, str], tuple[tuple[int, ...], object]] = {}

    @staticmethod
    def signature(path: Path) -> tuple[int, ...] | None:
        """What identifies the file at `path` as it is now (None when there is no regular file)."""
        try:
            found = os.lstat(path)
        except OSError:
            return None
        if not stat.S_ISREG(found.st_mode):
            return None
        return (found.st_dev, found.st_ino, found.st_size, found.st_mtime_ns)

    def get(self, path: Path, kind: str) -> object | None:
        """What a reader of `kind` kept for the entry at `path`, if the file is unchanged since."""
        kept = self._entries.get((path, kind))
        if kept is None:
            return None
        if kept[0] != self.signature(path):
            del self._entries[(path, kind)]
            return None
        return kept[1]

    def put(self, path: Path, kind: str, value: object, signature: tuple[int, ...] | None = None) -> None:
        """Keep `value`, which a reader of `kind` made of the entry at `path` as it was before reading
        (`signature`, taken then) or just after writing it (None: taken now)."""
        signature = signature if signature is not None else self.signature(path)
        if signature is None:
            self._entries.pop((path, kind), None)  # not written (a read-only cache): nothing to stand for
        else:
            self._entries[(path, kind)] = (signature, value)
