"""Glyph coverage is checked where the font is chosen: each character a font is asked to draw but lacks
is a located error in build and validate alike; text that is never drawn is never checked."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import pytest

from reportgen.theme.fonts import shipped_font
from tests.conftest import CliResult, page_texts

HEAD = "meta: {title: T, organization: O}\nsections:\n"


def without(font: str, characters: str, destination: Path) -> Path:
    """A shipped font whose character map lacks some characters (a display face without Hungarian, say)."""
    ttlib = pytest.importorskip("fontTools.ttLib")  # installed with the test dependencies (outloud)
    face = ttlib.TTFont(str(shipped_font(font)), lazy=True)
    for table in face["cmap"].tables:
        for character in characters:
            table.cmap.pop(ord(character), None)
    path = destination / f"{Path(font).stem}-without.ttf"
    face.save(str(path))
    return path


def both(cli: Callable[..., CliResult], spec: Path) -> tuple[CliResult, CliResult]:
    output = spec.parent / "out" / "report.pdf"
    output.unlink(missing_ok=True)
    built, validated = cli("build", str(spec), "-o", str(output)), cli("validate", str(spec))
    assert "internal error" not in built.err + validated.err
    if built.code:
        assert not output.exists()
    return built, validated


def test_a_title_the_cover_font_cannot_draw_is_located_at_meta_title(cli, write_spec, spec_dir: Path):
    """meta.title is drawn in the display font on the cover: checked against it, not guessed as body text."""
    black = without("Lato-Black.ttf", "\u0151", spec_dir)
    spec = write_spec(f"meta:\n  organization: O\n  title: \"Gy\u0151r\"\ntheme: {{fonts: {{display: {{black: {black.name}}}}}}}\n"
                      "sections: [{type: cover}, {type: text, title: About, body: Text.}]\n")
    for result in both(cli, spec):
        assert result.code == 1
        assert (f"{spec}:3:10: meta.title: '\u0151' (U+0151 LATIN SMALL LETTER O WITH DOUBLE ACUTE) is not in the "
                f"display font {black.stem}") in result.err
        assert "theme.fonts.display.black" in result.err  # the field that chooses the font
        assert result.err.count("U+0151") == 1  # the footer's body font has it: only the cover is reported


def test_the_same_title_in_a_footer_is_checked_against_the_footer_font(cli, write_spec, spec_dir: Path):
    body = without("OpenSans-Regular.ttf", "\u0151", spec_dir)
    spec = write_spec(f"meta: {{title: \"Gy\u0151r\", organization: O}}\ntheme: {{fonts: {{body: {{regular: {body.name}}}}}}}\n"
                      "footer: {odd: '{title} | {page}', even: '{page}'}\n"
                      "sections: [{type: text, title: About, body: Text.}]\n")
    for result in both(cli, spec):
        assert result.code == 1
        assert f"{spec}:1:15: meta.title: '\u0151' (U+0151 LATIN SMALL LETTER O WITH DOUBLE ACUTE) is not in " \
               f"the body font {body.stem}" in result.err


def test_shipped_fonts_draw_gyor_and_report_what_the_display_font_lacks(cli, write_spec, spec_dir: Path):
    spec = write_spec("meta: {title: \"Gy\u0151r\", organization: O}\nsections: [{type: cover}]\n")
    built, validated = both(cli, spec)
    assert built.code == validated.code == 0, built.err
    assert "Gy\u0151r" in page_texts(spec_dir / "out" / "report.pdf")[0]
    # U+FFFD (text pasted through a broken encoding): Open Sans has it, the cover's Lato Black does not
    spec = write_spec("meta:\n  organization: O\n  title: \"Gy\ufffdr\"\nsections: [{type: cover}]\n")
    for result in both(cli, spec):
        assert result.code == 1
        assert f"{spec}:3:10: meta.title: '\ufffd' (U+FFFD REPLACEMENT CHARACTER) is not in the display font " \
               "Lato-Black" in result.err


def test_invisible_characters_the_font_lacks_are_reported(cli, write_spec):
    spec = write_spec(HEAD + "  - type: text\n    title: T\n    body: \"Emoji \U0001F469\u200d\U0001F4BB and "
                             "\u202eright-to-left.\"\n")
    for result in both(cli, spec):
        assert result.code == 1
        [line] = [line for line in result.err.splitlines() if "U+200D" in line]
        assert line.startswith(f"{spec}:5:11: sections[0].body: ")
        assert "'\\u200d' (U+200D ZERO WIDTH JOINER)" in line and "U+202E RIGHT-TO-LEFT OVERRIDE" in line
        assert "body font OpenSans-Regular" in line


def test_text_that_is_never_drawn_is_not_checked(cli, write_spec):
    spec = write_spec("meta: {title: T, organization: O, keywords: ['\u4e2d\u6587', 'a\u200db', '\ue000'],"
                      " subject: '\u2603'}\nsections:\n  - {type: text, title: T, body: b, id: t,"
                      " images: [{file: assets/photos/photo.jpg, alt: '\u4e2d\u6587 \u200d'}]}\n")
    built, validated = both(cli, spec)
    assert built.code == validated.code == 0, built.err + validated.err


def test_a_title_drawn_twice_in_two_fonts_is_reported_for_each(cli, write_spec):
    """A section title is set in the title font and, on the contents page, in the contents font."""
    spec = write_spec(HEAD + "  - {type: contents}\n  - {type: text, title: \"Caf\u00e9 \u4e2d\", body: b}\n")
    built, validated = both(cli, spec)
    assert built.err.splitlines()[:-1] == validated.err.splitlines()[:-1]
    lines = [line for line in built.err.splitlines() if "U+4E2D" in line]
    assert len(lines) == 2 and all(line.startswith(f"{spec}:4:25: sections[1].title: ") for line in lines)
    assert {line.split("not in the ")[1].split(",")[0] for line in lines} == {
        "display font Lato-Black", "display font Lato-Bold"}


def test_a_later_build_in_the_same_process_draws_with_its_own_fonts(cli, write_spec, spec_dir: Path):
    """ReportLab keeps the first font registered under a name: watch and preview build again and again."""
    black = without("Lato-Black.ttf", "\u0151", spec_dir)
    custom = write_spec(f"meta: {{title: Gyor, organization: O}}\ntheme: {{fonts: {{display: {{black: {black.name}}}}}}}\n"
                        "sections: [{type: cover}]\n", name="custom.yaml")
    assert cli("build", str(custom), "-o", str(spec_dir / "custom.pdf")).code == 0
    shipped = write_spec("meta: {title: \"Gy\u0151r\", organization: O}\nsections: [{type: cover}]\n")
    result = cli("build", str(shipped), "-o", str(spec_dir / "shipped.pdf"))
    assert result.code == 0, result.err
    assert "Gy\u0151r" in page_texts(spec_dir / "shipped.pdf")[0]


def test_a_character_is_blamed_on_the_field_whose_font_lacks_it(cli, write_spec):
    """'ẞ' is in the display font (titles, stat figures) but not in Open Sans (body, labels, captions): the
    errors name the body, the stat label and the caption, never the title that also holds it; a body drawn
    after a stat row is the section's text, not the stat row's (found in review, issue 12 item 5)."""
    spec = write_spec(HEAD + '  - type: text\n    title: "Straße ẞ"\n    stats: [{value: "ẞ 12", label: "A label ẞ"}]\n'
                      '    body: "Caption ẞ here"\n'
                      '    images: [{file: assets/photos/photo.jpg, alt: x, caption: "Caption ẞ"}]\n')
    built, validated = both(cli, spec)
    assert built.code == validated.code == 1
    located = sorted(line.split(": '")[0] for line in validated.err.splitlines()[:-1])
    assert located == [f"{spec}:5:36: sections[0].stats[0].label", f"{spec}:6:11: sections[0].body",
                       f"{spec}:7:63: sections[0].images[0].caption"], validated.err
    assert built.err.splitlines()[:-1] == validated.err.splitlines()[:-1]
