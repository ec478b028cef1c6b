"""Shaping (issue 14 item 3): kerning and ligatures from HarfBuzz in the PDF, the original characters in
extracted text, proportional figures where the stylesheet asks for them, missing glyphs still reported."""

from __future__ import annotations

import collections
import functools
import re
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream, NumberObject, FloatObject

from reportgen import theme as theme_module
from reportgen.model.report import Report
from reportgen.pipeline import build
from reportgen.reportlab_adapter.shaping import Shaper, features, string_width
from reportgen.theme import build_theme
from reportgen.theme.styles import build_styles
from tests.conftest import ROOT, cache_of, page_texts
from tests.render.test_glyphs import without

HEAD = "meta: {title: T, organization: O}\nsections:\n"


def text_spec(folder: Path, body: str, extra: str = "") -> Path:
    path = folder / "report.yaml"
    path.write_text(HEAD + f"  - type: text\n    title: T\n    body: \"{body}\"\n{extra}", encoding="utf-8")
    return path


def tj_arrays(pdf: Path) -> list[list]:
    """The operand arrays of every TJ on every page."""
    reader = PdfReader(str(pdf))
    arrays = []
    for page in reader.pages:
        for operands, operator in ContentStream(page.get_contents(), reader).operations:
            if operator == b"TJ":
                arrays.append(list(operands[0]))
    return arrays


def pdftotext(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout


def test_a_kerned_pair_is_a_tj_array_with_an_adjustment(tmp_path: Path):
    """"AV" alone in the body: two glyphs with a kern between them (Open Sans pulls V towards A)."""
    result = build(text_spec(tmp_path, "AV"), tmp_path / "out" / "report.pdf")
    pairs = [array for array in tj_arrays(result.output)
             if [type(item) for item in array][:3] in ([bytes, NumberObject, bytes], [bytes, FloatObject, bytes])
             or (len(array) == 3 and isinstance(array[1], (NumberObject, FloatObject)))]
    two_glyphs = [array for array in pairs if sum(len(getattr(item, "original_bytes", item)) for item in array[::2]) == 2]
    assert two_glyphs, tj_arrays(result.output)
    assert all(float(array[1]) > 0 for array in two_glyphs)  # a positive TJ number moves the V left: tighter
    assert "AV" in page_texts(result.output)[0]


def test_the_fi_ligature_is_one_glyph_that_extracts_as_fi(tmp_path: Path):
    result = build(text_spec(tmp_path, "The office finance figures."), tmp_path / "out" / "report.pdf")
    reader = PdfReader(str(result.output))
    maps = []
    for font in reader.pages[0]["/Resources"]["/Font"].values():
        font = font.get_object()
        if "/ToUnicode" in font:
            maps.append(font["/ToUnicode"].get_object().get_data().decode("latin-1"))
    # a code of the subset maps to two characters, f and i: the ligature glyph was drawn
    assert any("<00660069>" in cmap for cmap in maps), maps
    assert "office finance" in page_texts(result.output)[0]
    assert "office finance" in pdftotext(result.output)


def test_a_stat_figure_is_drawn_at_its_proportional_shaped_width(tmp_path: Path):
    import pdfplumber  # a test dependency (pyproject.toml)
    extra = "    stats: [{value: '111', label: Students}]\n"
    result = build(text_spec(tmp_path, "Body.", extra), tmp_path / "out" / "report.pdf")
    theme = build_theme(Report.from_data({"meta": {"title": "T", "organization": "O"}, "sections": [{"type": "cover"}]}))
    style = theme.styles.stat_value
    with pdfplumber.open(str(result.output)) as pdf:
        ones = [char for char in pdf.pages[0].chars if char["text"] == "1" and abs(char["size"] - style.fontSize) < 0.01]
    assert len(ones) == 3
    drawn = ones[-1]["x1"] - ones[0]["x0"]
    proportional = string_width("111", style)
    tabular = Shaper().width("111", style.fontName, style.fontSize, features("tabular"))
    assert drawn == pytest.approx(proportional, abs=0.05)
    assert proportional < tabular - 0.2 * style.fontSize  # Lato's proportional "1" is much narrower


def body_words(pdf: Path) -> collections.Counter:
    """The words of a PDF's pages above the footer (pdftotext, cropped at 750 pt from the top of a letter
    page, so a word hyphenated at a page turn rejoins its rest on the next page), line-end hyphens
    rejoined: the two builds break lines, and so hyphenate, differently. A multiset: a paragraph that
    flows past a photo at another line is read in another order."""
    pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True,
                                                            check=True).stdout).group(1))
    text = "\n".join(subprocess.run(["pdftotext", "-enc", "UTF-8", "-f", str(page), "-l", str(page), "-x", "0", "-y", "0",
                                     "-W", "612", "-H", "750", str(pdf), "-"], check=True, capture_output=True,
                                    text=True).stdout.strip() for page in range(1, pages + 1))
    text = re.sub(r"[-\u00ad]\n\s*", "", text)
    return collections.Counter(word.replace("-", "") for word in text.split())


def test_the_default_report_extracts_the_same_words_as_an_unshaped_build(tmp_path: Path, default_build,
                                                                         monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(theme_module, "build_styles", functools.partial(build_styles, shaping=False))
    unshaped = build(ROOT / "report.yaml", tmp_path / "unshaped" / "report.pdf")
    shaped_pdf, unshaped_pdf = default_build.output, unshaped.output
    assert len(tj_arrays(unshaped_pdf)) == 0 < len(tj_arrays(shaped_pdf))  # the patch really turned shaping off
    shaped, plain = body_words(shaped_pdf), body_words(unshaped_pdf)
    assert sum(shaped.values()) > 5000
    assert shaped - plain == plain - shaped == collections.Counter()
    for word in ("Office", "financial", "significant", "reflect", "fieldwork"):  # ligatures among them (ffi, fi, fl)
        assert shaped[word] == plain[word] > 0, word


def test_a_glyph_the_body_font_lacks_is_reported_in_shaped_text(cli, write_spec, spec_dir: Path):
    """HarfBuzz would draw a missing "ő" as "o" and a combining accent; the word is drawn unshaped, and
    the glyph check reports the character, located."""
    body = without("OpenSans-Regular.ttf", "\u0151", spec_dir)
    spec = write_spec(f"meta: {{title: T, organization: O}}\ntheme: {{fonts: {{body: {{regular: {body.name}}}}}}}\n"
                      "sections:\n  - {type: text, title: About, body: \"The office in Gy\u0151r. To Wa AV.\"}\n")
    result = cli("build", str(spec), "-o", str(spec_dir / "out" / "report.pdf"))
    assert result.code == 1
    assert f"{spec}:4:38: sections[0].body: '\u0151' (U+0151 LATIN SMALL LETTER O WITH DOUBLE ACUTE) is not in " \
           f"the body font {body.stem}" in result.err


def test_unshaped_styles_carry_no_shaper():
    theme = build_theme(Report.from_data({"meta": {"title": "T", "organization": "O"}, "sections": [{"type": "cover"}]}))
    assert theme.styles.body.shaping == 1
    unshaped = build_styles(theme.fonts, theme.palette, Report.from_data(
        {"meta": {"title": "T", "organization": "O"}, "sections": [{"type": "cover"}]}).theme.text, shaping=False)
    assert not getattr(unshaped.body, "shaping", 0)


def test_a_warm_build_shapes_nothing_and_gives_the_same_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The shaped words of a build are kept in its build cache: the next build reads them, not HarfBuzz."""
    from reportgen.reportlab_adapter import shaping

    spec = text_spec(tmp_path, "The office finance figures: AV, To, Wa.", "    stats: [{value: '111', label: L}]\n")
    first = build(spec, tmp_path / "out" / "first.pdf")
    kept = cache_of(spec, first.output)
    assert list(kept.glob("shaped-words-*.json"))

    def no_shaping(*arguments: object) -> None:
        raise AssertionError("HarfBuzz was asked to shape in a warm build")

    monkeypatch.setattr(shaping.uharfbuzz, "shape", no_shaping)
    second = build(spec, tmp_path / "out" / "second.pdf")
    assert second.output.read_bytes() == first.output.read_bytes()
    next(kept.glob("shaped-words-*.json")).write_bytes(b"junk")
    with pytest.raises(AssertionError, match="HarfBuzz was asked"):  # a damaged entry is shaped again
        build(spec, tmp_path / "out" / "third.pdf")


def test_a_font_is_parsed_once_and_read_back_from_the_build_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFontFile

    from reportgen.theme import fonts

    path = fonts.shipped_font("Lato-Black.ttf")
    data = path.read_bytes()
    with fonts._registering:
        fonts._register("Cache-Test-Parsed", path, data, tmp_path)
    assert len(list(tmp_path.glob("font-*.json"))) == 1

    def no_parsing(*arguments: object, **options: object) -> None:
        raise AssertionError("the font was parsed again")

    monkeypatch.setattr(TTFontFile, "extractInfo", no_parsing)
    with fonts._registering:
        fonts._register("Cache-Test-Known", path, data, tmp_path)
    parsed, known = pdfmetrics.getFont("Cache-Test-Parsed").face, pdfmetrics.getFont("Cache-Test-Known").face
    for name in ("name", "familyName", "unitsPerEm", "ascent", "descent", "bbox", "charToGlyph", "charWidths",
                 "glyphToChar", "glyphPos", "hmetrics", "flags", "italicAngle", "stemV", "defaultWidth"):
        assert getattr(known, name) == getattr(parsed, name), name
    assert known.name.ustr == parsed.name.ustr and known._pdfScale(1229) == parsed._pdfScale(1229)
    assert pdfmetrics.stringWidth("Győr 177,000", "Cache-Test-Known", 12) == \
        pdfmetrics.stringWidth("Győr 177,000", "Cache-Test-Parsed", 12)


def test_the_fast_text_writer_writes_what_reportlab_writes():
    """reportgen's text object writes shaped text (kerned, ligatures, offsets) with ReportLab's operators,
    byte for byte; a run with vertical offsets is left to ReportLab."""
    import io

    from reportlab.pdfgen.textobject import PDFTextObject

    from reportgen.reportlab_adapter import Canvas

    theme = build_theme(Report.from_data({"meta": {"title": "T", "organization": "O"}, "sections": [{"type": "cover"}]}))
    shaper = Shaper()
    canvas = Canvas(io.BytesIO())
    words = ["AV", "To", "Wa", "office", "finance", "reflect", "177,000", "Yvonne's", "T.", "V-A", "Győr", "fi"]
    compared = 0
    for font in (theme.fonts.body, theme.fonts.display_black, theme.fonts.display_light):
        for wanted in (features(), features("proportional")):
            for word in words + [" ".join(words)]:
                text = shaper.shaped(word, font, 11.5, wanted)
                ours, theirs = canvas.beginText(0, 0), PDFTextObject(canvas, 0, 0)
                assert type(ours) is not PDFTextObject
                for writer in (ours, theirs):
                    writer.setFont(font, 11.5)
                assert ours._formatText(text) == theirs._formatText(text), (font, word)
                compared += 1
    assert compared == 3 * 2 * 13
