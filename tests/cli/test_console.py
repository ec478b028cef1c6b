"""Progress appears only on a terminal, and never with -q."""

import io
import sys
import time

import pytest

from reportgen.cli import console as console_module
from reportgen.cli.console import Console


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(("stream", "quiet", "shown"), [(Terminal, False, True), (Terminal, True, False),
                                                         (io.StringIO, False, False)])
def test_progress_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch, stream: type, quiet: bool, shown: bool):
    err = stream()
    monkeypatch.setattr(sys, "stderr", err)
    monkeypatch.setattr(console_module, "PROGRESS_DELAY", 0.01)
    console = Console(quiet=quiet)
    with console.working("building report.yaml"):
        time.sleep(0.4)
    console.status("rendering page 1 (1 of 2)")
    assert ("building report.yaml ... " in err.getvalue()) is shown
    assert ("rendering page 1" in err.getvalue()) is shown
    if shown:
        assert err.getvalue().endswith("rendering page 1 (1 of 2)")
