"""Footer formats: only the five placeholders and doubled braces; anything else between braces is a located
error with the placeholders in its hint, found fast (no str.format on user text, so no width to expand)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from reportgen.diagnostics import ReportError
from reportgen.model import validate
from reportgen.model.footer import PLACEHOLDERS, Piece, footer_line, parse_footer
from reportgen.pipeline import build
from reportgen.spec import load_spec

PLACEHOLDER_LIST = "{page}, {title}, {subtitle}, {organization}, {year}"


def test_placeholders_and_braces_parse():
    pieces, problems = parse_footer("{{x}} {page}|{title}")
    assert problems == []
    assert pieces == [Piece("{"), Piece("x"), Piece("}"), Piece(" "), Piece(name="page"), Piece("|"),
                      Piece(name="title")]
    assert set(PLACEHOLDERS) == {"page", "title", "subtitle", "organization", "year"}


@pytest.mark.parametrize("template, offset, text, message", [
    ("{title:>9}", 0, "{title:>9}", "`{title:>9}` is not a footer placeholder (footers take no format specs"),
    ("A {title.x}", 2, "{title.x}", "`{title.x}` is not a footer placeholder (footers take no format specs"),
    ("{title!r}", 0, "{title!r}", "`{title!r}` is not a footer placeholder"),
    ("{title:{year}} | {page}", 0, "{title:{year}}", "`{title:{year}}` is not a footer placeholder"),
    ("{0}", 0, "{0}", "`{0}` is not a footer placeholder"),
    ("{}", 0, "{}", "`{}` is not a footer placeholder"),
    ("{pgae}", 0, "{pgae}", "`{pgae}` is not a footer placeholder"),
    ("Page {page", 5, "{", "a `{` that no `}` closes"),
    ("title} {page}", 5, "}", "a `}` that no `{` opens"),
])
def test_anything_else_between_braces_is_a_problem(template: str, offset: int, text: str, message: str):
    [problem] = parse_footer(template)[1]
    assert (problem.offset, problem.text) == (offset, text)
    assert problem.message.startswith(message)
    assert PLACEHOLDER_LIST in problem.hint and "{{ and }}" in problem.hint
    assert footer_line(template, {"page": "1", "title": "T"}) == template  # never formatted


def test_a_misspelt_placeholder_gets_did_you_mean():
    [problem] = parse_footer("{titel}")[1]
    assert problem.hint.startswith("did you mean `{title}`?")


def test_a_runaway_template_is_bounded():
    started = time.perf_counter()
    pieces, problems = parse_footer("{a" * 1_000_000)
    assert len(problems) == 5
    assert time.perf_counter() - started < 0.5


def test_the_format_width_injection_is_a_located_error_at_once(write_spec, tmp_path: Path):
    spec = write_spec('meta:\n  title: T\n  organization: O\n  year: ">99999999"\n'
                      'footer:\n  odd: "{page}  |  {title:{year}}"\nsections:\n  - {type: text, title: A, body: x}\n')
    for run in (lambda: validate(load_spec(spec)), lambda: build(spec, tmp_path / "r.pdf")):
        started = time.perf_counter()
        with pytest.raises(ReportError) as caught:
            run()
        assert time.perf_counter() - started < 0.5
        [message] = [str(d) for d in caught.value.diagnostics]
        assert message.split("/")[-1].startswith(
            "report.yaml:6:20: footer.odd: `{title:{year}}` is not a footer placeholder")
        assert PLACEHOLDER_LIST in message
