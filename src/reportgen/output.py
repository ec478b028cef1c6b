"""Output files: the path a command is asked to write in; refusals, or the one temporary file it writes and renames into place, out.

reportgen replaces only what it could have written itself: a new path, an empty file, or an
existing file of the kind it writes (a PDF for `build`, a PNG for `preview`, JSON for `schema`).
It refuses the spec, every file the spec names (photos, fonts, colour profiles), anything that is
not a regular file (a folder, a device such as /dev/null, a named pipe, a socket), a symbolic link
(the rename would replace the link, not what it points at) and a file of another kind, before the
work starts and again just before the rename.

Each write goes to a temporary file of its own beside the target, `.<name>.<pid>-<random>.reportgen-tmp`,
renamed over the target when complete, so a failed or interrupted command never leaves a partial
file. Temporary files of that pattern that a killed process left behind (its pid is gone, or the
file is over an hour old) are removed when the next command writes to that folder.
"""

from __future__ import annotations

import errno
import os
import re
import secrets
import stat
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from reportgen.diagnostics import Diagnostic, ReportError, SpecPath, format_path

STDOUT = "-"                     # `-o -`: standard output
TEMPORARY_SUFFIX = ".reportgen-tmp"
STALE_AFTER = 3600.0             # seconds; older temporary files are removed whoever left them
PDF, PNG, JSON = b"%PDF-", b"\x89PNG", b"{"
_TEMPORARY = re.compile(r"^\..*\.(?P<pid>\d+)-[0-9a-f]+" + re.escape(TEMPORARY_SUFFIX) + "$")
_LEGACY = re.compile(r"^\.\..+\.staging\..+\.tmp$|^\..+\.staging$")  # what earlier versions left behind
_KINDS = {PDF: "a PDF", PNG: "a PNG image", JSON: "a JSON file"}
_WHY_NOT = "to check a spec without writing anything, run `reportgen validate`; `-o -` writes the PDF to standard output"


@dataclass(frozen=True)
class Protected:
    """A file the output must never replace, and what it is ('the spec', 'sections[2].image')."""

    path: Path
    what: str


def protected_files(spec: Path, files: Iterable[tuple[SpecPath, Path]] = ()) -> list[Protected]:
    """The spec and every (spec path, file) it names."""
    return [Protected(Path(spec), "the spec"), *(Protected(file, f"the file {format_path(where)} names")
                                                    for where, file in files)]


def output_problems(output: Path, protected: Iterable[Protected] = (), magic: bytes = PDF) -> list[Diagnostic]:
    """Why `output` must not be written (nothing when it may): see the module docstring."""
    try:
        status: os.stat_result | None = os.stat(output)  # follows a link: what it points at is what counts
    except (FileNotFoundError, NotADirectoryError):
        status = None  # a new path (a file where a folder should be: prepare_folder says which)
    except OSError as error:
        return [_cannot(output, error.strerror or str(error))]
    for item in protected if status is not None else ():
        try:
            other = os.stat(item.path)
        except OSError:
            continue
        if (other.st_dev, other.st_ino) == (status.st_dev, status.st_ino):  # also a hard link or a symlink to it
            what = "the spec itself" if item.what == "the spec" else f"{item.path.name}, {item.what}"
            return [_cannot(output, f"it is {what}; writing there would destroy it",
                            "choose another path with -o, e.g. build/report.pdf")]
    if os.path.islink(output):  # the rename would replace the link itself, not what it points at
        try:
            target = os.readlink(output)
        except OSError:
            target = "?"
        return [_cannot(output, f"it is a symbolic link (to {target}), which the new file would replace",
                        f"give the path it points at with -o ({os.path.realpath(output)}), or remove the link")]
    if status is None:
        return []
    if not stat.S_ISREG(status.st_mode):
        return [_cannot(output, f"it is {_file_kind(status.st_mode)}, not a file reportgen may replace", _WHY_NOT)]
    if status.st_size == 0:
        return []
    try:
        with open(output, "rb") as stream:
            head = stream.read(len(magic))
    except OSError as error:
        return [_cannot(output, f"cannot read it to check that it is {_KINDS[magic]}: {error.strerror}")]
    if head != magic:
        return [_cannot(output, f"it exists and is not {_KINDS[magic]}, and reportgen replaces only its own output",
                        "delete it first if it may go, or choose another path with -o")]
    return []


def check_output(output: Path, protected: Iterable[Protected] = (), magic: bytes = PDF) -> None:
    problems = output_problems(output, protected, magic)
    if problems:
        raise ReportError(problems)


def _cannot(output: Path, why: str, hint: str | None = None) -> Diagnostic:
    return Diagnostic(f"cannot write {output}: {why}", hint=hint)


def _file_kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def prepare_folder(output: Path) -> None:
    """Create the output's folder (and its parents), or say clearly why not."""
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        blocker = next((p for p in (output.parent, *output.parent.parents) if p.exists() and not p.is_dir()),
                       output.parent)
        raise ReportError.single(f"cannot create the output folder {output.parent}: {blocker} is a file",
                                 hint="choose another output path with -o") from None
    except OSError as error:
        raise ReportError.single(f"cannot create the output folder {output.parent}: {error.strerror}") from None


def remove_stale(folder: Path, now: float | None = None) -> list[Path]:
    """Remove the temporary files killed processes left in `folder`; returns those removed."""
    now = time.time() if now is None else now
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        match = _TEMPORARY.match(entry.name)
        if match is None and not _LEGACY.match(entry.name):
            continue
        try:
            age = now - entry.stat(follow_symlinks=False).st_mtime
            if age > STALE_AFTER or (match is not None and not _alive(int(match["pid"]))):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            continue  # gone already, or not ours to remove
    return removed


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False  # os.kill(0, ...) would address the whole process group
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    except OverflowError:
        return False  # not a pid at all
    return True


@dataclass
class Staging:
    """The one temporary file a command writes beside `output`; `commit()` renames it into place,
    leaving the context without committing removes it."""

    output: Path
    protected: list[Protected] = field(default_factory=list)
    magic: bytes = PDF
    path: Path = field(init=False)
    committed: bool = field(default=False, init=False)

    def __enter__(self) -> "Staging":
        check_output(self.output, self.protected, self.magic)
        prepare_folder(self.output)
        remove_stale(self.output.parent)
        stem = self.output.name[:180]  # the temporary name stays within the 255 characters of a file name
        for _ in range(8):
            self.path = self.output.with_name(f".{stem}.{os.getpid()}-{secrets.token_hex(4)}{TEMPORARY_SUFFIX}")
            try:  # the umask applies, as to any file the user creates: a PDF is for sharing
                os.close(os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o666))
                return self
            except FileExistsError:
                continue
            except OSError as error:
                raise ReportError.single(f"cannot write to {self.output.parent}: {error.strerror}",
                                         hint="choose a writable output folder with -o") from None
        raise ReportError.single(f"cannot write to {self.output.parent}: no free temporary file name")

    @contextmanager
    def writing(self) -> Iterator[Path]:
        """Write the temporary file inside this block: a failed write (a full disk, say) is a clear
        error naming the output."""
        try:
            yield self.path
        except OSError as error:
            if error.errno is None:
                raise  # not the system refusing a write (Pillow's "cannot identify image file", say)
            raise ReportError.single(f"cannot write {self.output}: {error.strerror or error}",
                                     hint=_hint_for(error)) from None

    def commit(self) -> None:
        """Check the target again (it may have changed while the work ran), then rename into place."""
        check_output(self.output, self.protected, self.magic)
        with self.writing():
            os.replace(self.path, self.output)
        self.committed = True

    def __exit__(self, *exc: object) -> None:
        if not self.committed:
            try:
                os.unlink(self.path)
            except OSError:
                pass


def _hint_for(error: OSError) -> str:
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return "free some space on that disk, or choose another output folder with -o; any earlier file is untouched"
    return "-o names the file to write, in a writable folder; any earlier file is untouched"


def is_temporary(path: Path) -> bool:
    """Whether `path` is a temporary file of this module's pattern (watch ignores them)."""
    return _TEMPORARY.match(path.name) is not None
