"""What one field may ask of the layout is bounded (issue 12, item 11): past the limits a located error
arrives at once, instead of minutes of line breaking."""

from __future__ import annotations

import time

import pytest
from pathlib import Path
from typing import Callable

from reportgen.model.report import MAX_STATS
from reportgen.model.types import MAX_PARAGRAPH_WORDS, MAX_TEXT_CHARACTERS
from tests.conftest import CliResult

HEAD = "meta: {title: T, organization: O}\nsections:\n"


def _validate(cli: Callable[..., CliResult], write_spec: Callable[[str], Path], text: str) -> tuple[CliResult, Path, float]:
    spec = write_spec(HEAD + text)
    started = time.perf_counter()
    result = cli("validate", str(spec))
    return result, spec, time.perf_counter() - started


def test_a_title_past_the_limit_is_located_and_quick(cli, write_spec):
    result, spec, seconds = _validate(cli, write_spec, f"  - type: text\n    title: '{'x' * (MAX_TEXT_CHARACTERS + 1)}'\n")
    assert result.code == 1 and seconds < 2
    assert result.err.splitlines()[0] == (
        f"{spec}:4:12: sections[0].title: the text is 10,001 characters long, more than the 10,000 a field may hold "
        "(shorten it; long text belongs in a `body`, in paragraphs separated by blank lines)")


def test_a_title_at_the_limit_is_accepted_by_the_model(cli, write_spec):
    from reportgen.sections.text import TextSection

    section = TextSection.from_data({"type": "text", "title": "x" * MAX_TEXT_CHARACTERS}, context={})
    assert len(section.title) == MAX_TEXT_CHARACTERS


def test_a_paragraph_past_the_limit_names_the_paragraph(cli, write_spec):
    body = "Short first paragraph.\\n\\n" + " ".join(["word"] * (MAX_PARAGRAPH_WORDS + 1))
    result, spec, seconds = _validate(cli, write_spec, f"  - type: text\n    title: T\n    body: \"{body}\"\n")
    assert result.code == 1 and seconds < 5
    assert result.err.splitlines()[0] == (
        f"{spec}:5:11: sections[0].body: paragraph 2 has 20,001 words, more than the 20,000 one paragraph may hold "
        "(split it into paragraphs with blank lines between them)")


def test_the_same_words_in_paragraphs_are_fine(cli, write_spec):
    from reportgen.sections.text import TextSection

    body = "\n\n".join(" ".join(["word"] * 1000) for _ in range(MAX_PARAGRAPH_WORDS // 1000 + 1))
    section = TextSection.from_data({"type": "text", "title": "T", "body": body}, context={})
    assert len(section.body.blocks) == MAX_PARAGRAPH_WORDS // 1000 + 1


def test_too_many_stats_is_located_at_the_list(cli, write_spec):
    stats = "".join(f"      - {{value: '{i}'}}\n" for i in range(MAX_STATS + 1))
    result, spec, _ = _validate(cli, write_spec, f"  - type: text\n    title: T\n    stats:\n{stats}")
    assert result.code == 1
    assert result.err.splitlines()[0] == (
        f"{spec}:6:7: sections[0].stats: has 101 items (a section holds at most 100 stats; keep the headline "
        "figures and put the rest in the text)")


def test_the_schema_bounds_text_as_the_validator_does():
    import jsonschema

    from reportgen.model.reference import json_schema

    schema = json_schema()
    spec = {"meta": {"title": "x" * (MAX_TEXT_CHARACTERS + 1), "organization": "O"},
            "sections": [{"type": "text", "title": "T"}]}
    assert not jsonschema.Draft202012Validator(schema).is_valid(spec)
    spec["meta"]["title"] = "x" * MAX_TEXT_CHARACTERS
    assert jsonschema.Draft202012Validator(schema).is_valid(spec)


def test_numbers_written_with_long_exponents_are_numbers():
    """`1e-300` and `1e100` (PyYAML reads them as text) are numbers, as docs/spec.md promises; exponents stop
    at 307 each way, so no number written as text becomes infinity or zero (found in review)."""
    from reportgen.sections.financials import Slice

    for written, value in (("1e-300", 1e-300), ("1e100", 1e100), ("2.5E+307", 2.5e307), ("1e-07", 1e-7)):
        assert Slice.from_data({"label": "a", "amount": written}, context={}).amount == value
    for written in ("1e308", "1e-400"):
        with pytest.raises(Exception, match="expected a number"):
            Slice.from_data({"label": "a", "amount": written}, context={})
