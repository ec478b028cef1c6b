"""The layout fuzzer: random valid specs across every section type and layout field, each built in-process.

A build ends in a PDF or in located errors (every diagnostic has a spec line, or is a preflight
finding about the PDF), never another exception and never a hang (TIME_BOUND seconds per example).
`validate` and `build` give the same verdict on every spec (issue 12 item 4). Derandomized and short
in the suite; REPORTGEN_FUZZ_EXAMPLES=600 REPORTGEN_FUZZ_RANDOM=1 explores, and
tests/layout/fuzz_explore.py catalogues distinct failures with reproducers.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.layout.strategies import build_outcome, cli_verdicts, dump, fuzz, materialize, specs


def test_random_valid_specs_build_to_a_pdf_or_located_errors():
    @fuzz(20)
    @given(specs(), st.booleans())
    def check(spec: dict, strict: bool) -> None:
        outcome = build_outcome(spec, strict)
        assert outcome.failure is None, f"{outcome.failure}\n{outcome.detail}\n--- spec:\n{dump(spec)}"

    check()


def test_validate_and_build_agree_on_random_specs():
    @fuzz(15)
    @given(specs(), st.booleans())
    def check(spec: dict, strict: bool) -> None:
        validated, built = cli_verdicts(spec, strict)
        assert validated == built, f"validate {validated} but build {built}\n--- spec:\n{dump(spec)}"

    check()


def test_the_time_bound_turns_a_hang_into_a_finding(monkeypatch: pytest.MonkeyPatch):
    """The harness itself: a build that never ends is reported within the bound, not waited for."""
    import time

    import reportgen.pipeline

    def forever(*arguments, **keywords):  # type: ignore[no-untyped-def]
        while True:
            time.sleep(0.01)

    monkeypatch.setattr(reportgen.pipeline, "_lay_out_and_render", forever)
    started = time.perf_counter()
    outcome = build_outcome({"meta": {"title": "T", "organization": "O"}, "sections": [{"type": "contents"}]},
                            time_bound=0.5)
    assert outcome.failure is not None and outcome.failure.startswith("hang")
    assert time.perf_counter() - started < 5


def test_the_harness_accepts_located_errors_and_reports_unlocated_ones(monkeypatch: pytest.MonkeyPatch):
    """A valid spec builds (None); a spec error is located (None); an error without a line is a finding."""
    from reportgen.diagnostics import ReportError

    import reportgen.pipeline

    spec = {"meta": {"title": "T", "organization": "O"},
            "sections": [{"type": "text", "title": "A", "body": "x", "images": ["assets/p-40x1-RGB.png"]}]}
    assert build_outcome(spec).failure is None
    broken = dict(spec, sections=[{"type": "pillar", "number": 1, "title": "A"},
                                  {"type": "pillar", "number": 1, "title": "B"}])
    outcome = build_outcome(broken)
    assert outcome.failure is None and outcome.errors, outcome
    assert re.search(r"report\.yaml:9:\d+: sections\[1\]\.number: pillar number 1 is already used", outcome.errors[0])

    def unlocated(*arguments, **keywords):  # type: ignore[no-untyped-def]
        raise ReportError.single("something went wrong")

    monkeypatch.setattr(reportgen.pipeline, "_lay_out_and_render", unlocated)
    assert build_outcome(spec).failure == "unlocated error: something went wrong"


def test_materialize_writes_the_photos_a_spec_names(tmp_path):
    from PIL import Image

    path = materialize({"meta": {"title": "T", "organization": "O"},
                        "sections": [{"type": "cover", "image": {"file": "assets/p-3000x20-CMYK.jpg", "alt": ""}}]},
                       tmp_path)
    with Image.open(tmp_path / "assets" / "p-3000x20-CMYK.jpg") as image:
        assert (image.size, image.mode) == ((3000, 20), "CMYK")
    assert "p-3000x20-CMYK.jpg" in path.read_text(encoding="utf-8")
