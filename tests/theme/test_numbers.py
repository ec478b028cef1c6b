"""Generated numbers kept between builds (theme.numbers): a warm build does not import Babel, and prints
what Babel printed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Callable

from pypdf import PdfReader

from reportgen.cache import build_cache
from tests.conftest import HEAD_PIE

SCRIPT = """
import json, sys
from reportgen.cli import main
code = main(["build", sys.argv[1], "-o", sys.argv[2], "-q"])
print(json.dumps({"code": code, "babel": sorted(name for name in sys.modules if name.split(".")[0] == "babel")}))
"""

SPANISH_PIE = HEAD_PIE.replace("meta: {title: T, organization: O}", "meta: {title: T, organization: O, language: es}")


def _build(spec: Path, output: Path) -> list[str]:
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(spec), str(output)], capture_output=True, text=True,
                          check=True)
    report = json.loads(done.stdout.splitlines()[-1])
    assert report["code"] == 0, done.stderr
    return report["babel"]


def _text(pdf: Path) -> str:
    return " ".join(page.extract_text() for page in PdfReader(pdf).pages)


def test_a_warm_build_prints_the_kept_numbers_without_babel(write_spec: Callable[[str], Path], tmp_path: Path):
    spec = write_spec(SPANISH_PIE)
    output = tmp_path / "out" / "report.pdf"
    assert "babel.numbers" in _build(spec, output)  # the first build formats them
    first = output.read_bytes()
    assert "31 %" in _text(output)  # CLDR's Spanish percent: a space before the sign
    assert _build(spec, output) == []
    assert output.read_bytes() == first


def test_a_damaged_entry_is_formatted_again(write_spec: Callable[[str], Path], tmp_path: Path):
    spec = write_spec(SPANISH_PIE)
    output = tmp_path / "out" / "report.pdf"
    _build(spec, output)
    first = output.read_bytes()
    entries = list(build_cache(output, spec.parent).glob("number-formats-*.json"))
    assert entries, "the build kept no formatted numbers"
    for entry in entries:
        entry.write_bytes(entry.read_bytes().replace(b"31", b"99"))  # the seal no longer matches
    assert "babel.numbers" in _build(spec, output)
    assert output.read_bytes() == first
