"""Theme stage: fonts registered by role (and the shipped ones by default), colours per output, styles."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab import rl_config
from reportlab.lib.colors import CMYKColor
from reportlab.pdfbase import pdfmetrics

from reportgen.model.report import Report
from reportgen.theme import build_theme
from reportgen.theme.fonts import shipped_font
from reportgen.theme.hyphenation import hyphenator
from tests.conftest import ROOT


def report(**theme: object) -> Report:
    return Report.from_data({"meta": {"title": "T", "organization": "O"}, "theme": theme,
                              "sections": [{"type": "cover"}]})


def test_fonts_are_registered_under_names_unique_to_their_contents(spec_dir: Path):
    """A name means one family's bytes: the same files anywhere give the same names (and fonts
    parsed once); other bytes for one weight rename that family and leave the other alone."""
    from tests.conftest import copy_fonts

    shipped = build_theme(report()).fonts
    assert shipped.body.startswith("Body-") and shipped.display_black.startswith("Display-Black-")
    assert shipped.files["Body"] == shipped_font("OpenSans-Regular.ttf")
    assert pdfmetrics.getFont(shipped.body).face.filename == str(shipped_font("OpenSans-Regular.ttf"))
    fonts = copy_fonts(spec_dir)
    (fonts / "Other.ttf").write_bytes((fonts / "Lato-Bold.ttf").read_bytes())
    given = {"body": {"regular": str(fonts / "OpenSans-Regular.ttf")}, "display": {"bold": str(fonts / "Other.ttf"),
                                                                      "black": str(fonts / "Lato-Black.ttf")}}
    copied = build_theme(Report.from_data({"meta": {"title": "T", "organization": "O"}, "theme": {"fonts": given},
                                           "sections": [{"type": "cover"}]},
                                          context={"base_dir": spec_dir, "allow_outside": True})).fonts
    assert copied.files["Body"] == fonts / "OpenSans-Regular.ttf"
    assert (copied.body, copied.display_bold) == (shipped.body, shipped.display_bold)  # the same bytes
    given["display"]["bold"] = str(fonts / "OpenSans-Bold.ttf")  # other bytes for the display family
    changed = build_theme(Report.from_data({"meta": {"title": "T", "organization": "O"}, "theme": {"fonts": given},
                                            "sections": [{"type": "cover"}]},
                                           context={"base_dir": spec_dir, "allow_outside": True})).fonts
    assert changed.body == shipped.body and changed.display != shipped.display
    assert changed.display_bold != shipped.display_bold
    assert pdfmetrics.getFont(changed.display_bold).face.name == b"OpenSans-Bold"
    assert pdfmetrics.getFont(shipped.display_bold).face.name == b"Lato-Bold"
    assert changed.describe(changed.display_bold) == ("the display font OpenSans-Bold", ("theme", "fonts", "display", "bold"))


def test_reportlab_is_set_up_once_and_drawings_start_in_the_body_font():
    """Text a drawing draws without naming a font would use the embedded body font, not Helvetica."""
    from reportgen.reportlab_setup import prepare_reportlab

    prepare_reportlab()
    prepare_reportlab()
    assert rl_config.defaultGraphicsFontName == build_theme(report()).fonts.body
    assert rl_config.useA85 == 0


def test_missing_display_weights_fall_back_to_given_ones(spec_dir):
    from tests.conftest import copy_fonts

    fonts = copy_fonts(spec_dir)
    spec = Report.from_data(
        {"meta": {"title": "T", "organization": "O"}, "sections": [{"type": "cover"}],
         "theme": {"fonts": {"display": {"regular": str(fonts / "OpenSans-Regular.ttf"),
                                         "bold": str(fonts / "OpenSans-Bold.ttf")}}}},
        context={"base_dir": spec_dir, "allow_outside": True})
    theme = build_theme(spec)
    assert theme.fonts.files["Display-Black"].name == "OpenSans-Bold.ttf"  # black falls back to the bold given
    assert theme.fonts.files["Display-Light"].name == "OpenSans-Regular.ttf"
    assert theme.fonts.files["Body"] == shipped_font("OpenSans-Regular.ttf")


def test_print_colours_are_cmyk_and_text_black_is_pure_k():
    theme = build_theme(report(), cmyk=True)
    assert isinstance(theme.palette.named("primary"), CMYKColor)
    black = theme.palette.black
    assert (black.cyan, black.magenta, black.yellow, black.black) == (0, 0, 0, 1)
    assert theme.styles.body.textColor == black


@pytest.mark.parametrize("word, splits", [("LACOE", []), ("2023-24", []), ("education", None)])
def test_acronyms_and_figures_are_never_hyphenated(word: str, splits: list | None):
    result = hyphenator("en_US")(word)
    assert result == splits if splits is not None else result


def test_a_font_with_damaged_tables_is_a_located_error(cli, write_spec, spec_dir: Path):
    """Complete in length but garbage inside (the cmap here): ReportLab's parser fails with
    struct.error, which becomes an error at the font's field."""
    import struct

    data = bytearray((ROOT / "src" / "reportgen" / "fonts" / "Lato-Regular.ttf").read_bytes())
    for index in range(struct.unpack(">H", data[4:6])[0]):
        tag, _, offset, _ = struct.unpack(">4sIII", data[12 + 16 * index:28 + 16 * index])
        if tag == b"cmap":
            data[offset:offset + 64] = b"\xff" * 64
    (spec_dir / "assets" / "Damaged.ttf").write_bytes(bytes(data))
    spec = write_spec("meta: {title: T, organization: O}\ntheme: {fonts: {body: {regular: assets/Damaged.ttf}}}\n"
                      "sections: [{type: text, title: X, body: hi}]\n")
    result = cli("build", str(spec), "-o", str(spec_dir / "out.pdf"))
    assert result.code == 1 and "internal error" not in result.err
    assert (f"{spec}:2:33: theme.fonts.body.regular: Damaged.ttf is not a usable TrueType font: its tables are "
            "damaged (error: unpack requires") in result.err
