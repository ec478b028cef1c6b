"""`reportgen watch [SPEC]`: file changes in, a rebuild and one line per build out.

Watches the spec's folder (recursively, skipping .git, .venv and the like) for changes to the spec,
fonts, images, colour profiles and data (CSV), and the files the spec names outside that folder (allowed with
--allow-outside), debounced; each batch of changes rebuilds with `pipeline.build`, which writes
atomically, so a failed build leaves the last good PDF in place.
"""

from __future__ import annotations

import argparse
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from reportgen.cache import build_cache
from reportgen.cli.build import add_cache_option, add_spec_options, default_output, options_from
from reportgen.cli.console import Console
from reportgen.diagnostics import Diagnostic, ReportError
from reportgen.output import STDOUT, is_temporary

WATCHED_SUFFIXES = {".yaml", ".yml", ".ttf", ".otf", ".jpg", ".jpeg", ".png", ".tif", ".tiff", ".webp", ".gif",
                    ".icc", ".icm", ".csv"}
STEP_MS = 50        # a batch of changes ends after this long without another change
DEBOUNCE_MS = 800   # ... or after this long in any case


@dataclass
class Outcome:
    """One build's result: pages and seconds, or the diagnostics that stopped it."""

    pages: int | None
    seconds: float
    diagnostics: list[Diagnostic] = field(default_factory=list)
    changed: list[Path] = field(default_factory=list)
    inputs: list[Path] = field(default_factory=list)  # of a good build: the spec and the files it names

    @property
    def ok(self) -> bool:
        return self.pages is not None


def add_parser(commands: Any) -> argparse.ArgumentParser:
    parser = commands.add_parser("watch", help="rebuild whenever the spec, a font or an image changes",
                                 description="Build, then rebuild on every change to the spec, its fonts or its "
                                             "images. A failed build keeps the last good PDF. Ctrl-C stops.")
    add_spec_options(parser)
    add_cache_option(parser)
    parser.add_argument("--edition", metavar="KEY", help="a spec with editions: watch the edition with this key")
    return parser


def run(arguments: argparse.Namespace, console: Console) -> int:
    if arguments.output == STDOUT:
        raise ReportError([Diagnostic("watch writes a PDF file on every change; -o - (standard output) is for build",
                                      hint="give watch a file path with -o, e.g. build/report.pdf",
                                      file="reportgen watch")])
    output = Path(arguments.output or default_output(arguments.print_mode))

    def report(outcome: Outcome) -> None:
        stamp = time.strftime("%H:%M:%S")
        console.clear_status()
        if outcome.changed:
            console.detail(f"{stamp} changed: " + ", ".join(str(path) for path in outcome.changed))
        if outcome.ok:
            console.diagnostics(outcome.diagnostics)
            console.built(output, outcome.pages or 0, outcome.seconds, prefix=f"{stamp} ")
        else:
            console.diagnostics(outcome.diagnostics)
            console.error(f"{stamp} build failed; {output} is the last good build")
        console.status(f"watching {arguments.spec} (Ctrl-C stops)")

    try:
        watch(Path(arguments.spec), output, options_from(arguments), report, edition=arguments.edition)
    except KeyboardInterrupt:  # Ctrl-C is how a designer ends a watch
        console.clear_status()
    return 0


def build_once(spec: Path, output: Path, options: Any, changed: list[Path] | None = None,
               session: Any = None, edition: str | None = None) -> Outcome:
    from reportgen import pipeline

    started = time.perf_counter()
    try:
        result = pipeline.build(spec, output, options, session=session, edition=edition)
    except ReportError as error:
        return Outcome(None, time.perf_counter() - started, error.diagnostics, changed or [])
    except Exception as error:  # a bug in reportgen: reported like one, and the watch goes on
        return Outcome(None, time.perf_counter() - started, [Diagnostic(
            f"internal error: {type(error).__name__}: {error}", file=str(spec),
            hint="run `reportgen build -v` on this spec for details; please report it")], changed or [])
    return Outcome(result.pages, result.seconds, result.warnings, changed or [], result.inputs)


def watch(spec: Path, output: Path, options: Any, report: Callable[[Outcome], None], *,
          stop: threading.Event | None = None, max_builds: int | None = None, edition: str | None = None) -> int:
    """Build now, then after every relevant change until `stop` is set or `max_builds` builds ran.
    Returns the number of builds."""
    import watchfiles  # imported here: only `watch` needs it

    spec, output = spec.resolve(), output.resolve()
    ignored = {output}
    cache = build_cache(output, spec.parent)  # a build's own writes there are not changes
    inputs: set[Path] = set()  # the files the last good build read
    stamps: dict[Path, tuple[int, int, int] | None] = {}  # what they looked like when last built

    class Relevant(watchfiles.DefaultFilter):
        def __call__(self, change: watchfiles.Change, path: str) -> bool:
            candidate = Path(path)
            if not super().__call__(change, path) or candidate in ignored or is_temporary(candidate) \
                    or candidate.is_relative_to(cache):
                return False
            if candidate == spec or candidate in inputs:
                return True  # a file outside the spec's folder counts only if the spec names it
            return candidate.is_relative_to(spec.parent) and candidate.suffix.lower() in WATCHED_SUFFIXES

    from reportgen.pipeline import BuildSession

    session = BuildSession()  # this watch's builds keep what they parsed of the build cache

    def run_build(changed: list[Path]) -> None:
        outcome = build_once(spec, output, options, changed, session, edition)
        if outcome.ok:
            inputs.clear()
            inputs.update(outcome.inputs)
        stamps.clear()
        stamps.update({path: _stamp(path) for path in (spec, *inputs)})
        report(outcome)

    builds = 0
    while max_builds is None or builds < max_builds:
        roots = watch_roots(spec, inputs)
        armed = False
        # yield_on_timeout: the first (often empty) batch comes once the watcher is armed; builds
        # happen from then on, so no change made during a build or before the watch is missed
        for changes in watchfiles.watch(*roots, watch_filter=Relevant(), stop_event=stop, step=STEP_MS,
                                        debounce=DEBOUNCE_MS, rust_timeout=200, yield_on_timeout=True,
                                        raise_interrupt=True):
            changed = sorted({Path(path) for _, path in changes})
            if not armed:
                armed = True  # catch up on what changed while no watcher was armed
                missed = [path for path, before in stamps.items() if _stamp(path) != before]
                changed = sorted(set(changed) | set(missed))
                if builds and not changed:
                    continue
            elif not changed:
                continue
            run_build(changed)
            builds += 1
            if (max_builds is not None and builds >= max_builds) or watch_roots(spec, inputs) != roots \
                    or any(not path.is_relative_to(spec.parent) for path in changed):
                break  # done; or the spec names other outside files; or one was replaced: watch anew
        else:
            break  # stopped
    return builds


def _stamp(path: Path) -> tuple[int, int, int] | None:
    try:
        status = path.stat()
    except OSError:
        return None
    return (status.st_mtime_ns, status.st_size, status.st_ino)


def watch_roots(spec: Path, inputs: set[Path]) -> list[Path]:
    """The spec's folder (recursively), and each named file outside it (the file itself, not its
    folder, which may be large: a home folder, the system's fonts)."""
    return [spec.parent, *sorted(path for path in inputs if not path.is_relative_to(spec.parent) and path.is_file())]
