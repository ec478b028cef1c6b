"""Two-column text: headings bound to their text, columns that start where they can, no internal errors.

Regression for issue 12 item 1: KeepTogether inside BalancedColumns put a FrameBreak into a
column ("_FrameBreak.wrap should never be called") at some page-break positions, and columns
whose first part did not fit the rest of a page raised "cannot make initial split".
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Spacer

from reportgen.layout.blocks.columns import KeepWithNext
from reportgen.layout.paragraph import Paragraph
from reportgen.model.report import Fonts
from reportgen.pipeline import build
from reportgen.theme.fonts import register_fonts
from tests.conftest import page_texts

HEAD = "meta: {title: T, organization: O}\nsections:\n"


def words(count: int, word: str) -> str:
    return " ".join([word] * count)


def two_column_spec(title: int, body: int, subsections: int, lead: int = 30) -> str:
    """A text section in two columns: lead, stats, two photos, subsections of 2-4 paragraphs;
    every paragraph ends in a marker word the PDF must contain."""
    lines = ["  - type: text", f"    title: '{words(title, 'Title')}'", "    columns: 2",
             f"    lead: '{words(lead, 'lead')}'", "    stats:"]
    lines += [f"      - {{value: '{i * 10}%', label: Label {i}}}" for i in range(4)]
    lines += [f"    body: '{words(body, 'body')} bodyend'", "    images:",
              "      - {file: assets/photos/wide.jpg, alt: A}", "      - {file: assets/photos/tall.jpg, alt: B}",
              "    subsections:"]
    for sub in range(subsections):
        lines += [f"      - title: Heading{sub}", "        body: |"]
        for paragraph in range(2 + sub % 3):
            lines += [f"          {words(body // 2 + 7 * paragraph + sub, 'para')} end{sub}x{paragraph}", ""]
    return HEAD + "\n".join(lines) + "\n"


@pytest.fixture
def photos(spec_dir: Path) -> Path:
    Image.new("RGB", (900, 600), (40, 90, 160)).save(spec_dir / "assets" / "photos" / "wide.jpg")
    Image.new("RGB", (600, 900), (140, 90, 60)).save(spec_dir / "assets" / "photos" / "tall.jpg")
    return spec_dir


# (title words, body words, subsections): the first three crashed before the fix
@pytest.mark.parametrize("title, body, subsections", [
    (1, 80, 4), (4, 130, 2), (34, 80, 2), (1, 20, 2), (10, 45, 4), (16, 80, 4), (22, 130, 2), (37, 80, 4),
    (28, 130, 4), (7, 20, 4), (31, 45, 2), (13, 80, 2),
])
def test_two_columns_with_subsections_stats_and_photos_always_lay_out(photos: Path, title: int, body: int,
                                                                       subsections: int):
    spec = photos / "report.yaml"
    spec.write_text(two_column_spec(title, body, subsections), encoding="utf-8")
    result = build(spec, photos / "out" / "report.pdf")
    text = "".join(page_texts(result.output))
    assert "bodyend" in text
    for sub in range(subsections):
        assert f"Heading{sub}" in text
        for paragraph in range(2 + sub % 3):
            assert f"end{sub}x{paragraph}" in text


@pytest.mark.parametrize("lead", [487, 496])
def test_columns_that_cannot_start_at_the_foot_of_a_page_start_on_the_next(photos: Path, lead: int):
    """The columns begin with a heading bound to a photo; 86 pt are left below the lead."""
    spec = photos / "report.yaml"
    spec.write_text(HEAD + f"""\
  - type: text
    title: Title
    columns: 2
    lead: '{words(lead, "lead")}'
    subsections:
      - title: Pictured
        images: [{{file: assets/photos/wide.jpg, alt: A}}]
      - title: Second
        body: '{words(300, "two")} twoend'
""", encoding="utf-8")
    result = build(spec, photos / "out" / "report.pdf")
    pages = page_texts(result.output)
    assert len(pages) == 2 and "Pictured" not in pages[0] and "Pictured" in pages[1]
    assert "twoend" in pages[1]


@pytest.fixture
def style() -> ParagraphStyle:
    return ParagraphStyle("body", fontName=register_fonts(Fonts()).body, fontSize=10, leading=12)


def test_a_heading_moves_on_with_its_text_rather_than_end_a_column(style: ParagraphStyle):
    heading, text = Paragraph("Heading", style), Paragraph(words(200, "word"), style)
    pair = KeepWithNext(heading, text)
    assert pair.wrap(200, 10_000)[1] > 100
    assert pair.split(200, 20) == []  # the heading fits, no line of its text does: both move on
    first, rest = pair.split(200, 60)
    assert isinstance(first, KeepWithNext) and first._content[0] is heading
    assert first.wrap(200, 60)[1] <= 60 and 0 < rest.wrap(200, 10_000)[1] < text.wrap(200, 10_000)[1]


def test_a_pair_at_the_top_of_a_frame_gives_way_rather_than_stall(style: ParagraphStyle):
    class Frame:
        _atTop = 1

    heading, block = Paragraph("Heading", style), Spacer(10, 500)  # a block that cannot split
    pair = KeepWithNext(heading, block)
    assert pair.split(200, 100) == []
    pair._frame = Frame()
    assert pair.split(200, 100) == [heading, block]


def test_splitting_a_pair_leaves_it_as_it_was(style: ParagraphStyle):
    heading, text = Paragraph("Heading", style), Paragraph(words(200, "word"), style)
    pair = KeepWithNext(heading, text)
    pair.wrap(200, 10_000)
    before = dict(pair.__dict__)
    assert len(pair.split(200, 60)) == 2
    assert pair.split(150, 20) == []  # a trial at another width
    assert pair.__dict__.keys() == before.keys()
    assert all(pair.__dict__[name] is value or pair.__dict__[name] == value for name, value in before.items())
