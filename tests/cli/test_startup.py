"""What a screen build loads: none of the heavy imports it does not need (issue 7's start-up budget).

pydantic (gone from the model), pikepdf (print production only), pyphen (once its patterns are in
the build cache) and urllib/http/email (pulled in by xml.sax.saxutils) each cost 10-50 ms a process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Callable

from tests.conftest import MINIMAL

NEVER = ("pydantic", "pikepdf", "urllib.request", "http.client", "email")

SCRIPT = """
import json, sys
from reportgen.cli import main
code = main(["build", sys.argv[1], "-o", sys.argv[2], "-q"])
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def build_in_fresh_process(spec: Path, output: Path) -> set[str]:
    result = subprocess.run([sys.executable, "-c", SCRIPT, str(spec), str(output)], capture_output=True,
                            text=True, check=True)
    report = json.loads(result.stdout.splitlines()[-1])
    assert report["code"] == 0, result.stderr
    return set(report["modules"])


def test_a_screen_build_skips_the_heavy_imports(write_spec: Callable[[str], Path], tmp_path: Path):
    spec = write_spec(MINIMAL.replace("this is a letter.", "our superintendent's comprehensive "
                                      "accountability and collaboration possibilities. " * 40))
    output = tmp_path / "out" / "report.pdf"
    first = build_in_fresh_process(spec, output)  # fills the build cache (hyphenation patterns)
    assert "reportlab.platypus" in first and "pyphen" in first
    again = build_in_fresh_process(spec, output)
    assert output.stat().st_size > 1000
    loaded = [name for name in NEVER + ("pyphen",) if name in again]
    assert loaded == [], f"a screen build imported {loaded}"


def test_the_program_ends_at_once_with_everything_written(write_spec: Callable[[str], Path], tmp_path: Path):
    """`python -m reportgen` leaves the interpreter with os._exit (cli.run_program): what it printed
    reaches the pipe whole, the exit code is the command's, and the PDF is in place."""
    schema = subprocess.run([sys.executable, "-m", "reportgen", "schema"], capture_output=True, text=True)
    assert schema.returncode == 0 and json.loads(schema.stdout)["$schema"].startswith("https://json-schema.org/")
    spec = write_spec(MINIMAL)
    output = tmp_path / "report.pdf"
    built = subprocess.run([sys.executable, "-m", "reportgen", "build", str(spec), "-o", str(output)],
                           capture_output=True, text=True)
    assert built.returncode == 0 and output.read_bytes().rstrip().endswith(b"%%EOF")
    assert f"{output}: 2 pages in " in built.stdout
    usage = subprocess.run([sys.executable, "-m", "reportgen", "bogus"], capture_output=True, text=True)
    assert usage.returncode == 2 and "invalid choice: 'bogus'" in usage.stderr
    broken = write_spec(MINIMAL.replace("title:", "titel:", 1))
    failed = subprocess.run([sys.executable, "-m", "reportgen", "validate", str(broken)], capture_output=True, text=True)
    assert failed.returncode == 1 and "titel" in failed.stderr
