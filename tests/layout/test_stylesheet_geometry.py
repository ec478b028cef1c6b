"""A designer's `theme.styles` override of a block's stylesheet sizes moves what the block draws, measured in
the PDF: the number that measures the block is the one that draws it."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import pdfplumber
import pytest

from reportgen.diagnostics import ReportError
from reportgen.pipeline import build, check_spec

SPEC = """\
meta: {{title: Geometry, organization: O}}
theme:
  styles: {styles}
sections:
  - type: text
    title: Photo
    body: Some text above the photo.
    images:
      - {{file: assets/photos/photo.jpg, caption: Caption under the photo, alt: A photo}}
"""


def caption_gap(pdf: Path) -> float:
    """Points from the photo's foot to the top of its caption's first letter."""
    with pdfplumber.open(pdf) as document:
        page = document.pages[0]
        [image] = page.images
        caption = [char for char in page.chars if char["top"] > image["bottom"]]
        return min(char["top"] for char in caption) - image["bottom"]


def test_the_photo_caption_gap_is_the_stylesheets_and_a_designer_can_change_it(
        write_spec: Callable[[str], Path], tmp_path: Path):
    shipped = caption_gap(build(write_spec(SPEC.format(styles="{}")), tmp_path / "a.pdf").output)
    wider = caption_gap(build(write_spec(SPEC.format(styles="{photo: {gap: 20pt}}"), "b.yaml"),
                              tmp_path / "b.pdf").output)
    assert wider - shipped == pytest.approx(15.0, abs=0.01)  # shipped photo.gap is 5pt


def test_a_blocks_property_is_validated_like_every_other(write_spec: Callable[[str], Path]):
    spec = write_spec(SPEC.format(styles="{photo: {gap: 2cm, pitch: 3pt}, quote.mark: {shares: [0.3, 2]}}"))
    with pytest.raises(ReportError) as caught:
        check_spec(spec)
    messages = [str(d).split("report.yaml:")[1] for d in caught.value.diagnostics]
    assert messages[0].startswith("3:30: theme.styles.photo.pitch: 'photo' has no property 'pitch'")
    assert messages[1].startswith("3:64: theme.styles.quote.mark.shares: 'quote.mark' takes 4 shares, got 2")
    assert messages[2].startswith("3:70: theme.styles.quote.mark.shares[1]: must be more than 0 and at most 1, got 2")
