"""What the reference says the cover's year and a pie's title do is what the PDF shows (issue 17)."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import pdfplumber
import pytest

from reportgen.pipeline import build
from reportgen.sections.cover import cover_year

COVER = """\
meta: {{title: {title}, organization: O, year: "{year}"}}
sections:
  - type: cover{extra}
"""


def cover_words(path: Path) -> list[str]:
    with pdfplumber.open(str(path)) as pdf:
        return [word["text"].replace("–", "-") for word in pdf.pages[0].extract_words()]


@pytest.mark.parametrize("title, year, extra, shown", [
    ("Our Year in Review", "2023-24", "", True),                    # meta.year, on the cover
    ("Our Year in Review", "2023-24", "\n    year: '2024'", "2024"),  # cover.year wins
    ("Annual Report 2023-24", "2023-24", "", False),                # the title says it: not twice
    ("Annual Report 2023–24", "2023-24", "", False),                # whatever the dash
    ("Our Year in Review", "2023-24", "\n    year: ''", False),      # "" for none
])
def test_the_cover_shows_the_year_once(write_spec: Callable[[str], Path], tmp_path: Path, title: str, year: str,
                                       extra: str, shown: bool | str):
    spec = write_spec(COVER.format(title=title, year=year, extra=extra))
    words = cover_words(build(spec, tmp_path / "cover.pdf").output)
    expected = shown if isinstance(shown, str) else year
    count = sum(expected in word for word in words)
    title_count = sum(expected in word for word in title.replace("–", "-").split())
    assert count == title_count + (1 if shown else 0), words


def test_cover_year_compares_as_a_reader_would():
    assert cover_year("2023-24", "ANNUAL REPORT  2023–24") is None
    assert cover_year("2023-24", "Annual Report") == "2023-24"
    assert cover_year(None, "T") is None and cover_year("  ", "T") is None


PIE = """\
meta: {title: T, organization: O}
sections:
  - type: financials
    title: Budget
    pie:
      title: Where the Money Goes
      total: "$10"
      total_label: Total budget
      slices:
        - {label: Alpha, amount: 6}
        - {label: Beta, amount: 4}
"""


def test_a_pies_title_is_a_heading_above_the_chart_and_its_total_label_is_in_the_hole(
        write_spec: Callable[[str], Path], tmp_path: Path):
    output = build(write_spec(PIE), tmp_path / "pie.pdf").output
    with pdfplumber.open(str(output)) as pdf:
        page = pdf.pages[0]
        words = page.extract_words(extra_attrs=["size"])
        curves = [c for c in page.curves if c.get("fill")]
    ring_top = min(c["top"] for c in curves)  # the wedges (pdfplumber: top is from the page's top)
    ring = (min(c["x0"] for c in curves), max(c["x1"] for c in curves), max(c["bottom"] for c in curves))
    heading = [w for w in words if w["text"] in ("Where", "Money", "Goes")]
    assert len(heading) == 3 and all(w["bottom"] < ring_top for w in heading)  # above the chart
    body = [w for w in words if w["text"] == "Alpha"][0]
    assert heading[0]["size"] > body["size"]  # set as a heading, not as the small centre label
    label = [w for w in words if w["text"] in ("Total", "budget")]
    assert len(label) == 2
    for word in label:  # inside the ring's box, under the total
        assert ring[0] < word["x0"] < word["x1"] < ring[1] and ring_top < word["top"] < ring[2]
    total = [w for w in words if w["text"] == "$10"][0]
    assert total["bottom"] <= label[0]["top"] + 0.5


def test_a_caption_on_the_cover_photo_is_a_warning_not_lost_silently(write_spec: Callable[[str], Path],
                                                                     tmp_path: Path):
    """ImageRef.caption is 'a line printed under the photo'; the cover's full-bleed photo has no such line."""
    spec = write_spec("meta: {title: T, organization: O}\nsections:\n  - type: cover\n"
                      "    image: {file: assets/photos/photo.jpg, alt: A, caption: Photo by Someone}\n")
    result = build(spec, tmp_path / "cover.pdf")
    (warning,) = [w for w in result.warnings if w.path == ("sections", 0, "image", "caption")]
    assert "caption is not printed" in warning.message and warning.line == 4
    assert "Someone" not in " ".join(cover_words(result.output))


def test_a_total_wider_than_the_hole_is_set_smaller_with_its_word_space_kept(write_spec: Callable[[str], Path],
                                                                             tmp_path: Path):
    """pie.center's `ratio` is the share of the hole its text may take: '$627 Million' (about 97 pt at 17 pt)
    is set smaller to fit it on one line, its space a space (it was squeezed to below nothing: '$627Million')."""
    spec = write_spec(PIE.replace('total: "$10"', 'total: "$627 Million"'))
    output = build(spec, tmp_path / "pie.pdf").output
    with pdfplumber.open(str(output)) as pdf:
        page = pdf.pages[0]
        hole = [c for c in page.curves if c.get("fill") and tuple(c["non_stroking_color"]) == (1, 1, 1)][0]
        chars = [c for c in page.chars if hole["x0"] < c["x0"] < hole["x1"] and hole["top"] < c["top"] < hole["bottom"]]
    total = [c for c in chars if c["size"] > 10]
    assert "".join(c["text"] for c in total) == "$627 Million"
    assert 17 * 0.7 <= total[0]["size"] < 17 and len({c["size"] for c in total}) == 1  # one line, smaller
    space = total[4]
    assert space["text"] == " " and total[5]["x0"] >= space["x0"] + 0.2 * space["size"]  # a visible word space
    width = total[-1]["x1"] - total[0]["x0"]
    inner = hole["x1"] - hole["x0"] + 2 * 0.6  # the paper disc ends pie.hole.offset inside the ring's inner edge
    assert width <= inner * 0.86 + 0.1  # within pie.center's share of the hole
