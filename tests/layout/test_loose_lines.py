"""Loose lines: a justified line drawn with spaces wider than LOOSE_SPACE natural spaces is one located layout
warning for its paragraph, naming the spec item; `-v` shows the page and the line."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Callable

import pdfplumber
import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth

from reportgen.diagnostics import ReportError, Severity
from reportgen.layout.limits import LOOSE_SPACE
from reportgen.pipeline import BuildOptions, build, check_spec
from reportgen.theme import build_theme

FILLER = ("A paragraph of ordinary words that sets well enough in a column of its own width, and then goes on "
          "for a while longer so that it takes several lines.")
URL = "www.example.org/annualreportsupplementarytables"
LOOSE = f"The tables are at {URL} for anyone who would like to read them in full."

SPEC = f"""\
meta:
  title: Loose lines
  organization: O
theme:
  text:
    hyphenate: false
    justify: {{justify}}
sections:
  - type: text
    title: Links
    columns: 2
    body: |
      {FILLER}

      {FILLER}

      {LOOSE}

      {FILLER}
    subsections:
      - title: More
        body: |
          {FILLER}

          {LOOSE}

          {LOOSE}
"""
WARNING = re.compile(r"a justified line is set with spaces (\d+\.\d+)x their natural width \(\"([^\"]*)\"\)")


def _loose(warnings: list) -> list:
    return [w for w in warnings if WARNING.search(w.message)]


def test_a_loose_line_is_one_located_warning_per_paragraph(write_spec: Callable[[str], Path], tmp_path: Path):
    spec = write_spec(SPEC.format(justify="true"))
    result = build(spec, tmp_path / "out.pdf")
    loose = _loose(result.warnings)
    # the body's one loose paragraph, and the subsection's two (alike, but two): one warning each, however often
    # they were wrapped and copied for balancing the columns
    assert [(str(w).split(": warning: ")[0], w.dotted_path) for w in loose] == [
        (f"{spec}:12:11", "sections[0].body"), (f"{spec}:22:15", "sections[0].subsections[0].body"),
        (f"{spec}:22:15", "sections[0].subsections[0].body")]
    first = loose[0]
    assert first.severity is Severity.WARNING
    factor, quoted = WARNING.search(first.message).groups()
    assert quoted == "The tables are at" and float(factor) > LOOSE_SPACE
    assert str(first) == (f"{spec}:12:11: warning: sections[0].body: a justified line is set with spaces {factor}x "
                          'their natural width ("The tables are at") '
                          "(rephrase it, or allow hyphenation or a wider measure)")
    assert first.detail == 'on page 1: "The tables are at"'
    assert first.detail not in str(first)  # printed with -v only


def test_the_reported_spacing_is_the_spacing_drawn(write_spec: Callable[[str], Path], tmp_path: Path):
    spec = write_spec(SPEC.format(justify="true"))
    result = build(spec, tmp_path / "out.pdf")
    reported = float(WARNING.search(_loose(result.warnings)[0].message).group(1))
    _, report, _ = check_spec(spec)
    body = build_theme(report, cache_dir=tmp_path).styles.body
    natural = stringWidth(" ", body.fontName, body.fontSize)
    with pdfplumber.open(result.output) as pdf:
        words = pdf.pages[0].extract_words(keep_blank_chars=False, x_tolerance=1.0)
    line = next(i for i, w in enumerate(words) if w["text"] == "The" and words[i + 1]["text"] == "tables")
    the, tables, are, at = words[line:line + 4]
    assert [w["text"] for w in (the, tables, are, at)] == ["The", "tables", "are", "at"]
    assert {round(w["top"], 1) for w in (the, tables, are, at)} == {round(the["top"], 1)}  # one line
    gaps = [b["x0"] - a["x1"] for a, b in ((the, tables), (tables, are), (are, at))]
    assert all(gap / natural == pytest.approx(reported, rel=0.01) for gap in gaps), (gaps, natural, reported)
    assert URL in pdf_text(result.output)


def pdf_text(path: Path) -> str:
    with pdfplumber.open(path) as pdf:
        return " ".join(page.extract_text() or "" for page in pdf.pages)


def test_ragged_text_is_never_loose(write_spec: Callable[[str], Path], tmp_path: Path):
    result = build(write_spec(SPEC.format(justify="false")), tmp_path / "out.pdf")
    assert _loose(result.warnings) == [] and "The tables are at" in pdf_text(result.output)


def test_strict_fails_on_a_loose_line(write_spec: Callable[[str], Path], tmp_path: Path):
    spec = write_spec(SPEC.format(justify="true"))
    with pytest.raises(ReportError) as caught:
        build(spec, tmp_path / "out.pdf", BuildOptions(strict=True))
    assert len(_loose(caught.value.diagnostics)) == 3
    assert not (tmp_path / "out.pdf").exists()


def test_the_cli_shows_where_with_v_only(write_spec: Callable[[str], Path], tmp_path: Path, cli):
    spec = write_spec(SPEC.format(justify="true"))
    plain = cli("build", str(spec), "-o", str(tmp_path / "out.pdf"))
    verbose = cli("build", "-v", str(spec), "-o", str(tmp_path / "out.pdf"))
    assert plain.code == verbose.code == 0
    heading = (f"{spec}:12:11: warning: sections[0].body: a justified line is set with spaces ")
    assert heading in plain.err and heading in verbose.err
    assert 'on page 1: "The tables are at"' not in plain.err
    assert '\n  on page 1: "The tables are at"\n' in verbose.err


def test_a_paragraph_split_over_two_pages_is_warned_about_once(minimal_spec: Path, tmp_path: Path):
    from reportlab.pdfgen.canvas import Canvas

    from reportgen.layout.blocks.base import LayoutLog, Origin
    from reportgen.layout.markup import TextParagraph
    from reportgen.reportlab_adapter.platypus import justified_spacing

    _, report, _ = check_spec(minimal_spec)
    style = build_theme(report, cache_dir=tmp_path).styles.body.clone("unhyphenated", hyphenationLang="")
    log = LayoutLog()
    paragraph = TextParagraph(" ".join([LOOSE] * 4), style, origin=Origin(("sections", 1, "body"), log))
    width = stringWidth(URL, style.fontName, style.fontSize) + 1
    _, height = paragraph.wrap(width, 10_000)
    first, rest = paragraph.split(width, height / 2)
    canvas = Canvas(str(tmp_path / "pieces.pdf"))
    for piece in (first, rest):
        piece.wrap(width, 10_000)
        assert max(factor for _, factor, _ in justified_spacing(piece)) > LOOSE_SPACE  # each piece has a loose line
        piece.drawOn(canvas, 0, 0)
        canvas.showPage()
    [warning] = log.diagnostics
    assert warning.path == ("sections", 1, "body") and warning.detail.startswith("on page 1: ")
