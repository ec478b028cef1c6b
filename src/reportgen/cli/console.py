"""Terminal output: results on stdout, diagnostics and progress on stderr, shaped by -q / -v.

Progress (a ticking "building ..." line, "page 5 of 32") is drawn only when stderr is a terminal,
so logs and CI output stay clean.
"""

from __future__ import annotations

import sys
import threading
import time
from contextlib import contextmanager
from typing import Iterator, Sequence

from reportgen.diagnostics import Diagnostic, Severity

PROGRESS_DELAY = 1.0  # seconds before a ticking progress line appears


class Console:
    def __init__(self, quiet: bool = False, verbose: bool = False):
        self.quiet, self.verbose = quiet, verbose
        self.stdout_is_data = False  # `-o -`: the PDF goes to stdout, so results go to stderr

    @property
    def interactive(self) -> bool:
        return not self.quiet and sys.stderr.isatty()

    def result(self, text: str) -> None:
        """The command's outcome, e.g. 'build/report.pdf: 32 pages in 0.9 s' (silent with -q)."""
        if not self.quiet:
            print(text, file=sys.stderr if self.stdout_is_data else sys.stdout, flush=True)

    def built(self, output: object, pages: int, seconds: float, prefix: str = "") -> None:
        """The one line a successful build prints: 'build/report.pdf: 30 pages in 0.52 s'."""
        self.result(f"{prefix}{output}: {count(pages, 'page')} in {seconds:.2f} s")

    def detail(self, text: str) -> None:
        """Extra information shown with -v."""
        if self.verbose and not self.quiet:
            print(text, file=sys.stderr, flush=True)

    def notice(self, text: str) -> None:
        """Something the build did on its own (not a problem): shown unless -q."""
        if not self.quiet:
            print(text, file=sys.stderr, flush=True)

    def error(self, text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    def diagnostics(self, diagnostics: Sequence[Diagnostic], prefix: str = "") -> None:
        """Errors always; warnings unless -q; with -v, each one's detail (where exactly) under it.
        `prefix` goes before each one (an edition's key: 'lincoln-high: ')."""
        for diagnostic in diagnostics:
            if diagnostic.severity is Severity.ERROR or not self.quiet:
                print(f"{prefix}{diagnostic}", file=sys.stderr, flush=True)
                if diagnostic.detail:
                    self.detail(f"  {diagnostic.detail}")

    def status(self, text: str) -> None:
        """Rewrite the progress line (terminal only)."""
        if self.interactive:
            sys.stderr.write("\r\033[K" + text)
            sys.stderr.flush()

    def clear_status(self) -> None:
        if self.interactive:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()

    @contextmanager
    def working(self, label: str) -> Iterator[None]:
        """Show '<label> ... 2.5 s' while the body runs, once it has taken over PROGRESS_DELAY."""
        if not self.interactive:
            yield
            return
        done = threading.Event()
        started = time.perf_counter()

        def tick() -> None:
            if done.wait(PROGRESS_DELAY):
                return
            while not done.wait(0.25):
                self.status(f"{label} ... {time.perf_counter() - started:.1f} s")

        ticker = threading.Thread(target=tick, daemon=True)
        ticker.start()
        try:
            yield
        finally:
            done.set()
            ticker.join()
            self.clear_status()


def count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
