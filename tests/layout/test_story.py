"""The story's page structure: the back cover is always the last, even page."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import pytest

from reportgen import pipeline
from tests.conftest import page_texts

HEAD = """\
meta: {title: T, organization: O}
sections:
  - {type: cover, title: Front}
"""


@pytest.mark.parametrize("middle, pages", [("", 2), ("  - {type: quote, text: Between}\n", 4),
                                           ("  - {type: quote, text: One}\n  - {type: quote, text: Two}\n", 4)])
def test_the_back_cover_lands_on_an_even_page(write_spec: Callable[[str], Path], tmp_path: Path,
                                              middle: str, pages: int):
    spec = write_spec(HEAD + middle + "  - {type: back_cover, organization: Back Office}\n")
    result = pipeline.build(spec, tmp_path / "out.pdf")
    texts = page_texts(result.output)
    assert result.pages == len(texts) == pages
    assert "Back Office" in texts[-1] and all("Back Office" not in text for text in texts[:-1])
