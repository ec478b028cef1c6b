"""benchmarks/typography.py: small PDFs drawn here with known spacing, hyphens, columns and TJ arrays in,
the tool's figures checked against what was drawn."""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from tests.conftest import ROOT

FONT, SIZE, LEADING = "MeasureOpenSans", 9.6, 14.0


def _load():
    if "typography" in sys.modules:
        return sys.modules["typography"]
    spec = importlib.util.spec_from_file_location("typography", ROOT / "benchmarks" / "typography.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["typography"] = module
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


typography = _load()


def _font() -> str:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, str(ROOT / "src" / "reportgen" / "fonts" / "OpenSans-Regular.ttf")))
    return FONT


def natural() -> float:
    return pdfmetrics.stringWidth(" ", _font(), SIZE)


def draw(canvas: Canvas, x: float, y: float, lines: list[str], right: float | None = None,
         split: bool = False) -> None:
    """Lines from baseline y down, one leading apart; with `right`, every line but the last (every line if
    `split`: the paragraph goes on in the next column) is justified to it with word spacing (Tw), as
    ReportLab sets justified text."""
    _font()
    for index, text in enumerate(lines):
        words = text.count(" ")
        spacing = 0.0
        if right is not None and (split or index < len(lines) - 1) and words:
            spacing = (right - x - pdfmetrics.stringWidth(text, FONT, SIZE)) / words
        obj = canvas.beginText(x, y - index * LEADING)
        obj.setFont(_font(), SIZE)
        obj.setWordSpace(spacing)
        obj.textOut(text)
        canvas.drawText(obj)


def ratio(text: str, x: float, right: float) -> float:
    """The word space of `text` justified from x to right, over the natural space (computed from the metrics)."""
    words = text.count(" ")
    return 1 + (right - x - pdfmetrics.stringWidth(text, FONT, SIZE)) / words / natural()


JUSTIFIED = ["The district expanded structured literacy training in eighty local schools",  # nearly natural
             "Families across the county joined evening sessions for all children",  # loose: 2.2x
             "Our educators launched after-school tutoring in the regions",  # very loose: 4.1x
             "The end."]


def test_a_justified_paragraph_gives_its_word_spaces_over_the_natural_space(tmp_path: Path):
    path = tmp_path / "justified.pdf"
    canvas = Canvas(str(path), pagesize=(400, 400), invariant=1)
    draw(canvas, 50, 350, JUSTIFIED, right=370)
    draw(canvas, 50, 200, ["A second paragraph, set ragged,", "ends here."])  # not justified: ragged
    canvas.save()
    expected = [ratio(text, 50, 370) for text in JUSTIFIED[:3]]
    assert expected[0] < 1.5 and 2 < expected[1] < 3 and expected[2] > 3  # what the lines were built to be

    figures = typography.measure(path)

    assert figures.body_size == SIZE and figures.body_font == "OpenSans"  # the embedded font's name
    assert figures.natural_space == pytest.approx(natural(), abs=0.001)
    assert figures.leading == LEADING
    assert figures.body_lines == 6 and figures.justified_lines == 3
    assert figures.mean_line_space_ratio == pytest.approx(sum(expected) / 3, abs=0.01)
    spaces = [text.count(" ") for text in JUSTIFIED[:3]]
    per_space = sum(r * n for r, n in zip(expected, spaces)) / sum(spaces)
    assert figures.mean_space_ratio == pytest.approx(per_space, abs=0.01)
    assert (figures.lines_over_2x, figures.lines_over_3x) == (2, 1)
    assert figures.over_3x_lines == ["p1: Our educators launched after-school tutoring in the regions"]
    assert figures.hyphenated_lines == 0 and figures.single_column_pages == 1
    assert figures.single_column_chars_mean == pytest.approx(sum(len(t) for t in JUSTIFIED[:3]) / 3, abs=0.1)
    assert figures.single_column_chars_max == len(JUSTIFIED[0])


def test_hyphenation_runs_short_tails_capitals_and_a_hyphen_tail_last_line_are_counted(tmp_path: Path):
    path = tmp_path / "hyphens.pdf"
    canvas = Canvas(str(path), pagesize=(400, 400), invariant=1)
    draw(canvas, 50, 350, ["Partners across the coun-",  # leaves "ty" (2 letters)
                           "ty supported the families of Ingle-",  # a capitalised word hyphenated
                           "wood with services that were inter-",
                           "national in scope and reached exam-",  # a run of four hyphenated lines
                           "ple."])  # the paragraph's last line is a hyphen tail
    draw(canvas, 50, 250, ["A well-known line ends with a dash -", "and this paragraph does not hyphen-", "ate twice."])
    canvas.save()

    figures = typography.measure(path)

    assert figures.body_lines == 8
    assert figures.hyphenated_lines == 5  # "dash -" follows a space: not a hyphenated word
    assert (figures.hyphenated_runs, figures.longest_hyphenated_run) == (1, 4)
    assert figures.short_hyphen_tails == 1
    assert figures.capitalised_hyphenations == 1
    assert figures.hyphen_tail_last_lines == 1  # "ple." ends its paragraph; "ate twice." is two words
    assert figures.hyphens_at_turns == 0


def test_a_hyphen_at_a_column_turn_and_level_baselines_on_a_two_column_page(tmp_path: Path):
    left = ["The first column carries a paragraph that", "continues into the second column after a hyphen-"]
    right = ["ated word, which a careful compositor avoids", "at any turn.", "A new paragraph."]
    level_path, offset_path = tmp_path / "level.pdf", tmp_path / "offset.pdf"
    for path, shift in ((level_path, 0.0), (offset_path, 3.0)):
        canvas = Canvas(str(path), pagesize=(700, 400), invariant=1)
        draw(canvas, 50, 350, left, right=320, split=True)
        draw(canvas, 360, 350 - shift, right[:2], right=630)
        draw(canvas, 360, 350 - shift - 2 * LEADING - 7, right[2:])
        canvas.save()

    level = typography.measure(level_path)
    offset = typography.measure(offset_path)

    assert level.hyphens_at_turns == 1 and level.hyphenated_lines == 1
    assert level.two_column_pages == 1
    assert (level.right_column_level, level.right_column_lines) == (2, 2)  # the third line is below the left column
    assert level.level_percent == 100
    assert (offset.right_column_level, offset.right_column_lines) == (0, 2)  # 3 pt lower: both face left lines, neither level
    assert level.single_column_pages == 0


def test_kerned_tj_arrays_bare_tj_and_ligature_glyphs_are_counted(tmp_path: Path):
    path = tmp_path / "kerned.pdf"
    pdf = pikepdf.new()
    font = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
                                                BaseFont=pikepdf.Name.Helvetica))
    content = b"BT /F1 12 Tf 72 700 Td [(A) -80 (V)] TJ 0 -14 Td [(no) 0 (kern)] TJ 0 -14 Td (plain) Tj ET"
    page = pikepdf.Page(pikepdf.Dictionary(Type=pikepdf.Name.Page, MediaBox=[0, 0, 612, 792],
                                           Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font)),
                                           Contents=pdf.make_stream(content)))
    pdf.pages.append(page)
    pdf.save(path)
    # (Helvetica is no font file reportgen has: its bare Tj is counted but cannot be judged)
    assert typography.count_text_operators(path) == (1, 2, 1, 0, 1)

    # drawn in a fresh process: ReportLab's font registry is process-wide, and registerFont gives a new name
    # the font registered first with the same face (OpenSans) - after a reportgen build in this process,
    # reportgen's, whose ToUnicode maps ligatures to their letters
    ligature_path = tmp_path / "ligature.pdf"
    script = (f"import sys; sys.path[:0] = [{str(ROOT)!r}]\n"
              "from reportlab.pdfgen.canvas import Canvas\n"
              "from tests.benchmarks.test_typography import draw\n"
              f"canvas = Canvas({str(ligature_path)!r}, pagesize=(400, 400), invariant=1)\n"
              "draw(canvas, 50, 350, ['A \\ufb01eld of \\ufb02owers, and a fine flag', 'without one.'])\n"
              "canvas.save()\n")
    subprocess.run([sys.executable, "-c", script], check=True, timeout=60, cwd=ROOT)
    figures = typography.measure(ligature_path)
    assert figures.ligature_glyphs == 2
    assert figures.ligatures_extracting_as_letters == 0  # their ToUnicode says U+FB01, not "fi"
    assert figures.fi_fl_in_text == 4  # the ligatures read as their letters, and "fine flag"
    assert figures.tj_operators == 2 and figures.kerned_tj_arrays == 0 and not figures.kerned


def test_a_bare_tj_the_font_would_kern_is_an_unkerned_run(tmp_path: Path):
    """Text drawn unshaped in a bundled font: a run with kerning pairs inside its words ("AVATAR", "Today")
    is unkerned; one whose only pair is with a word space (Lato's " A") is not; in a fresh process (see above)."""
    path = tmp_path / "unkerned.pdf"
    fonts = ROOT / "src" / "reportgen" / "fonts"
    script = (f"import sys; sys.path[:0] = [{str(ROOT)!r}]\n"
              "from reportlab.pdfgen.canvas import Canvas\n"
              "from reportlab.pdfbase import pdfmetrics\n"
              "from reportlab.pdfbase.ttfonts import TTFont\n"
              f"pdfmetrics.registerFont(TTFont('LatoTest', {str(fonts / 'Lato-Bold.ttf')!r}))\n"
              f"canvas = Canvas({str(path)!r}, pagesize=(400, 400), invariant=1)\n"
              "canvas.setFont('LatoTest', 12)\n"
              "canvas.drawString(50, 350, 'AVATAR Today')\n"
              "canvas.drawString(50, 330, 'one Albert')\n"
              "canvas.save()\n")
    subprocess.run([sys.executable, "-c", script], check=True, timeout=60, cwd=ROOT)
    tj, arrays, kerned, unkerned, unchecked = typography.count_text_operators(path)
    assert (tj, arrays, kerned, unchecked) == (2, 0, 0, 0)
    assert unkerned == 1


def test_the_command_prints_a_table_and_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    path = tmp_path / "justified.pdf"
    canvas = Canvas(str(path), pagesize=(400, 400), invariant=1)
    draw(canvas, 50, 350, JUSTIFIED, right=370)
    canvas.save()
    assert typography.main([str(path)]) == 0
    table = capsys.readouterr().out
    assert re.search(r"lines with a space > 2x natural +2 of 3 \(67%\)", table)
    assert "p1: Our educators launched after-school tutoring in the regions" in table
    assert typography.main([str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["justified_lines"] == 3 and data["lines_over_3x"] == 1 and data["over_2x_percent"] == 66.7
