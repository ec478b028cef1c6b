"""The baseline grid: measured from the PDF, the right column's lines stand on the left column's grid (the body
leading), with headings, photos with captions and stat rows between the paragraphs; the grid is a stylesheet
property (`grid.step`), validated, and `0 pt` turns it off."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import pytest

from reportgen.model.report import TextSettings
from reportgen.theme.stylesheet import resolve, whole_steps
from tests.conftest import CliResult
from tests.layout.baselines import share_level, two_column_pages

WORDS = ("Educators across the county met to share what works in their classrooms and how the office can help "
         "them reach every student, in every district, all year long. ")
SPEC = f"""\
meta: {{title: T, organization: O}}
theme: {{styles: {{STYLES}}}}
sections:
  - type: text
    title: Programs
    columns: 2
    lead: A lead paragraph above the columns.
    body: |
      {WORDS * 3}

      {WORDS * 2}

      - {WORDS}
      - A short item.
    subsections:
      - title: Wellness and Belonging in the Schools of the County
        body: |
          {WORDS * 2}

          {WORDS * 4}
        stats: [{{value: "92%", label: Graduation rate}}, {{heading: Nearly, value: "2 Million", label: Students}}]
        images: [{{file: assets/photos/photo.jpg, alt: A photo, caption: A caption long enough to run over two lines of
          the column it stands in}}]
      - title: Staff
        body: |
          {WORDS * 3}

          {WORDS * 5}
"""


@pytest.fixture
def two_columns(write_spec: Callable[[str], Path], cli: Callable[..., CliResult], tmp_path: Path
                ) -> Callable[[str], Path]:
    def build(styles: str = "") -> Path:
        out = tmp_path / f"grid-{abs(hash(styles))}.pdf"
        result = cli("build", str(write_spec(SPEC.replace("STYLES", styles))), "-o", str(out))
        assert result.code == 0, result.err
        return out
    return build


def test_whole_steps_rounds_up_or_to_the_nearest_step():
    assert whole_steps(14.0, 14.0) == 14.0
    assert whole_steps(14.000001, 14.0) == 14.0  # float noise is not a step
    assert whole_steps(15.0, 14.0) == 28.0
    assert whole_steps(7.7, 14.0, nearest=True) == 14.0
    assert whole_steps(4.2, 14.0, nearest=True) == 0.0
    assert whole_steps(15.0, 0.0) == 15.0  # no grid


def test_text_on_the_grid_is_spaced_in_whole_steps():
    resolved = resolve(TextSettings())
    assert resolved["grid"]["step"] == TextSettings().leading
    assert resolved["body"]["space_after"] == 14.0
    wider = resolve(TextSettings(leading=16.0))
    assert wider["grid"]["step"] == 16.0 and wider["body"]["space_after"] == 16.0


def test_the_default_reports_columns_share_one_grid(default_build):
    pages = two_column_pages(default_build.output)
    assert len(pages) >= 6  # the pillars and the schools section
    on_grid, lines = share_level(pages, 14.0)
    assert on_grid >= 0.9 * lines, [(page.page, len(page.on_grid(14.0)), len(page.right)) for page in pages]
    level, _ = share_level(pages)  # level with a left line, where the left column has one (no photo beside)
    assert level >= 0.7 * lines  # before the grid: 37 of 162
    for page in pages:  # page by page too (before the grid: page 13's 0 of 11, page 16's 0 of 16)
        assert len(page.on_grid(14.0)) >= 0.9 * len(page.right), (page.page, page.right)


def test_a_generated_two_column_spec_keeps_its_columns_on_the_grid(two_columns):
    """Its body lines, that is: a stat row's figures and labels stand on their own baselines."""
    pages = two_column_pages(two_columns())
    assert pages
    on_grid, lines = share_level(pages, 14.0, body=True)
    assert lines > 20 and on_grid >= 0.9 * lines, [(p.page, len(p.on_grid(14.0, p.body())), len(p.body()))
                                                   for p in pages]
    level, _ = share_level(pages, body=True)
    assert level >= 0.9 * lines


def test_without_a_grid_the_columns_drift(two_columns):
    """The test above can fail: with `grid: {step: 0pt}` the same spec's columns do not line up."""
    pages = two_column_pages(two_columns("grid: {step: 0pt}"))
    on_grid, lines = share_level(pages, 14.0, body=True)
    assert on_grid < 0.9 * lines


def test_a_grid_step_that_is_not_a_length_is_a_located_error(write_spec, cli):
    spec = write_spec(SPEC.replace("STYLES", "grid: {step: wide}"))
    result = cli("validate", str(spec))
    assert result.code != 0
    assert "report.yaml:2:" in result.err and "step" in result.err, result.err
