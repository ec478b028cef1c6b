"""ReportLab can cycle forever placing flowables that fit nowhere (a letter's bullet kept with a portrait
beside it, on a small page): the build ends in a located error naming the section, in seconds (found by the
layout fuzzer, issue 12: 'never a hang'); the bound is far above what a real page takes."""

from __future__ import annotations

import time
from pathlib import Path

from PIL import Image

from tests.conftest import run_cli

SPEC = """\
meta: {title: T, organization: district}
page:
  size: a5
  margins: {top: 191pt, bottom: 184pt, inside: 51pt, outside: 126pt}
sections:
  - type: letter
    title: improvement services community Education achievement a district achievement 467280 District teachers community Services families Teachers
    body: '- students education education Of District A achievement budget improvement www.lacoe.edu www.lacoe.edu'
    signature: {name: improvement Year families literacy}
    image: {file: assets/tall.jpg, alt: development students, caption: health and Community teachers WWWWWWW}
"""


def test_a_layout_that_cycles_ends_in_a_located_error(tmp_path: Path):
    (tmp_path / "assets").mkdir()
    Image.new("L", (1, 40), 120).save(tmp_path / "assets" / "tall.jpg")
    spec = tmp_path / "report.yaml"
    spec.write_text(SPEC, encoding="utf-8")
    started = time.perf_counter()
    result = run_cli("build", str(spec), "-o", str(tmp_path / "out" / "report.pdf"))
    assert time.perf_counter() - started < 30
    assert result.code == 1 and "internal error" not in result.err
    assert result.err.startswith(f"{spec}:6:5: sections[0]: this section cannot be laid out on page 1: its parts keep "
                                 "moving on to the next page without one fitting (give it more room")
    assert not (tmp_path / "out" / "report.pdf").exists()

