"""Awkward content: long words and titles, big figures, many stats, huge paragraphs and cards, tall images.

Each is laid out sensibly (all of its text in the PDF, nothing lost) or reported as an error
that names its spec path; never an endless loop and never ReportLab's bare LayoutError.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Callable

import pytest
from PIL import Image
from pypdf import PdfReader

from tests.conftest import page_texts

HEAD = "meta: {title: T, organization: O}\nsections:\n"


@pytest.fixture
def build_spec(cli, write_spec: Callable[[str], Path], spec_dir: Path):
    """Write a spec, build it; returns (result, pdf path)."""
    def run(text: str, *options: str):
        spec = write_spec(HEAD + text)
        output = spec_dir / "out" / "report.pdf"
        result = cli("build", str(spec), "-o", str(output), *options)
        assert "Traceback" not in result.err and "LayoutError" not in result.err
        assert "internal error" not in result.err, result.err
        return result, output
    return run


def words(n: int, word: str = "word") -> str:
    return " ".join([word] * n)


def joined(path: Path) -> str:
    """The PDF's text with line breaks, spaces and end-of-line hyphens removed."""
    return "".join(page_texts(path)).replace("-\n", "").replace("\n", "").replace(" ", "")


def test_word_and_url_longer_than_a_column(build_spec):
    word = "Supercalifragilistic" * 20
    url = "https://example.org/" + "path/" * 60
    result, pdf = build_spec(f"  - type: pillar\n    number: 1\n    title: P\n"
                             f"    body: '{word} and [{url}]({url}) end.'\n")
    assert result.code == 0, result.err
    text = joined(pdf)
    assert word in text and url in text


def test_title_longer_than_the_page_splits_in_a_text_section(build_spec):
    title = words(900, "Title")
    result, pdf = build_spec(f"  - type: text\n    title: '{title}'\n    body: after\n")
    assert result.code == 0, result.err
    assert joined(pdf).count("Title") == 900 and len(page_texts(pdf)) > 1


def test_title_longer_than_the_page_is_an_error_naming_the_section(build_spec):
    result, pdf = build_spec("  - {type: pillar, number: 1, title: '%s'}\n" % words(900, "Title"))
    assert result.code == 1
    [message, summary] = result.err.splitlines()
    assert message.startswith(f"{pdf.parent.parent / 'report.yaml'}:3:5: sections[0]: the ")
    assert re.search(r"is \d+ pt tall but a page holds (792|673) pt", message)
    assert not pdf.exists()


@pytest.mark.parametrize("section, expected", [
    ("{type: quote, text: '%s'}", r"3:25: sections\[0\]\.text: the quote runs \d+ pt past its page, even set at 60% "
                                  r"of its size \(shorten the quote by about \d+ characters\)"),
    ("{type: cover, title: '%s'}", r"3:26: sections\[0\]\.title: the cover's text needs \d+ pt but the cover has "
                                   r"\d+ pt for it, even with the type at 60% of its size \(shorten the title by about "
                                   r"\d+ characters\)"),
])
def test_full_page_text_longer_than_the_page_is_located_at_the_field(build_spec, section: str, expected: str):
    """Full pages fit their text down to a floor; past it the error names the field and how much to cut,
    never the generic 'split it into smaller items' (issue 12, item 3)."""
    result, pdf = build_spec("  - " + section % words(900, "Title") + "\n")
    assert result.code == 1
    [message, summary] = result.err.splitlines()
    assert message.startswith(f"{pdf.parent.parent / 'report.yaml'}:")
    assert re.search(expected, message), message
    assert not pdf.exists()


def test_thirty_character_stat_figures_fit_and_sixty_are_reported(build_spec):
    figure = "123456789012345678901234567890"
    result, pdf = build_spec("  - type: pillar\n    number: 1\n    title: P\n    stats:\n"
                             + "".join(f"      - {{value: '{figure}', label: Label {i}}}\n" for i in range(4)))
    assert result.code == 0
    assert joined(pdf).count(figure) == 4  # one to a line, each whole on its line
    strict, _ = build_spec("  - type: pillar\n    number: 1\n    title: P\n    stats:\n"
                           f"      - {{value: '{figure * 2}'}}\n", "--strict")
    assert strict.code == 1 and "sections[0].stats: stat figures were set at" in strict.err


def test_twenty_five_stats_in_one_pillar(build_spec):
    stats = "".join(f"      - {{value: '{1000 + i}', label: Label number {i}}}\n" for i in range(25))
    result, pdf = build_spec("  - type: pillar\n    number: 1\n    title: P\n    stats:\n" + stats)
    assert result.code == 0, result.err
    texts = page_texts(pdf)
    assert all(str(1000 + i) in "".join(texts) for i in range(25))
    assert "1000" in texts[0]  # the band is not left alone on its page


def test_a_hundred_long_stats_split_between_lines_across_pages(build_spec):
    stats = "".join(f"      - {{value: 'N{i:03d}', label: '{words(12, 'label')}'}}\n" for i in range(100))
    result, pdf = build_spec("  - type: financials\n    title: F\n    stats:\n" + stats)
    assert result.code == 0, result.err
    text = joined(pdf)
    assert all(f"N{i:03d}" in text for i in range(100))
    assert len(page_texts(pdf)) >= 3


def test_paragraph_of_five_thousand_words(build_spec):
    result, pdf = build_spec(f"  - type: pillar\n    number: 1\n    title: P\n    body: '{words(5000)}'\n")
    assert result.code == 0, result.err
    assert joined(pdf).count("word") == 5000


def test_card_taller_than_a_page_continues_on_the_next(build_spec):
    result, pdf = build_spec("  - type: cards\n    title: C\n    columns: 3\n    cards:\n"
                             f"      - {{title: Long, body: '{words(3000, 'ant')}'}}\n"
                             "      - {title: Short, body: cow}\n"
                             f"      - {{title: Medium, body: '{words(400, 'bee')}'}}\n")
    assert result.code == 0, result.err
    text = joined(pdf)
    assert text.count("ant") == 3000 and text.count("bee") == 400 and "cow" in text
    assert len(page_texts(pdf)) >= 4


def test_card_title_longer_than_a_page_splits_too(build_spec):
    result, pdf = build_spec("  - type: cards\n    title: C\n    cards:\n"
                             f"      - {{title: '{words(2000, 'Card')}', stat: {{value: '42', label: things}}}}\n")
    assert result.code == 0, result.err
    text = joined(pdf)
    assert text.count("Card") == 2000 and "42things" in text


def test_image_taller_than_the_frame_is_scaled_into_it(build_spec, spec_dir: Path):
    Image.new("RGB", (200, 8000), (200, 30, 30)).save(spec_dir / "assets" / "tall.png")
    result, pdf = build_spec("  - {type: text, title: T, body: b, images: [{file: assets/tall.png, "
                             f"caption: '{words(40, 'caption')}'}}]}}\n")
    assert result.code == 0, result.err
    [page] = PdfReader(str(pdf)).pages
    [image] = page.images
    assert image.image.height <= 8000 and "caption" in page.extract_text()


@pytest.mark.parametrize("section, path", [
    ("{type: text, title: T, body: b, images: [%s]}", "sections[0].images[0]"),
    ("{type: pillar, number: 1, title: T, body: b, images: [%s]}", "sections[0].images[0]"),  # in two columns
    ("{type: letter, title: T, body: b, image: %s}", "sections[0].image"),  # text set beside the portrait
])
def test_caption_longer_than_a_page_is_an_error_naming_the_image(build_spec, section: str, path: str):
    """A caption within the 10,000 characters a field may hold, but taller than a page with its photo."""
    image = f"{{file: assets/photos/photo.jpg, caption: '{words(1200, 'caption')}'}}"
    result, pdf = build_spec("  - " + section % image + "\n")
    assert result.code == 1
    assert f"{path}: the photo is" in result.err and "pt tall but a page holds 673 pt" in result.err
    assert not pdf.exists()
