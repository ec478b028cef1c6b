"""Total-fit line breaking: the breaker on its own (boxes in, breaks out) and through reportgen's
Paragraph (ReportLab's lines, shaped and not): justified lines end flush, spaces stay within
bounds, hyphens keep their discipline, no hyphen at a split, and a huge paragraph does not hang."""

from __future__ import annotations

import re
import time

import pytest
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph as _ReportLabParagraph

from reportgen.layout.paragraph import Paragraph
from reportgen.linebreak import FORCED, GLUE, HYPHEN, Boxes, Costs, break_lines, first_fit, total_fit
from reportgen.model.report import Fonts
from reportgen.reportlab_adapter.linebreaking import ends_in_hyphen
from reportgen.theme.fonts import register_fonts
from reportgen.theme.hyphenation import hyphenator

TEXT = ("The Los Angeles County Office of Education supports eighty school districts and their students with "
        "professional development, comprehensive <b>accountability</b> systems, <i>technology</i> services and "
        "extraordinary collaboration across communities; its educators strengthen partnerships, modernize "
        "infrastructure and expand opportunities for multilingual learners, foster youth and adult learners. ")
WIDTH = 239.4


def _style(shaping: int = 0, alignment: int = TA_JUSTIFY, capitalized: bool = False,
           last_resort: bool = False) -> ParagraphStyle:
    return ParagraphStyle(f"body-{shaping}-{alignment}", fontName=register_fonts(Fonts()).body, fontSize=9.6,
                          leading=14, alignment=alignment,
                          hyphenationLang=hyphenator("en_US", None, capitalized, last_resort),
                          embeddedHyphenation=1, splitLongWords=1, shaping=shaping)


def _line_text(line: object) -> str:
    return "".join(word.text for word in line.words if hasattr(word, "text"))  # type: ignore[attr-defined]


def _hangs(line: object) -> float:
    """How much wider than the measure a line is set for the marks hanging into its margins."""
    from reportgen.reportlab_adapter.linebreaking import HANG_LEFT, HANG_RIGHT

    parts = [w for w in line.words if getattr(w, "text", "")]  # type: ignore[attr-defined]
    first, last = parts[0], parts[-1]
    text_end = str(last.text).rstrip()
    return (HANG_LEFT.get(str(first.text)[:1], 0.0) * stringWidth(str(first.text)[:1], first.fontName, first.fontSize)
            + HANG_RIGHT.get(text_end[-1:], 0.0) * stringWidth(text_end[-1:], last.fontName, last.fontSize))


def _space_ratios(paragraph: Paragraph) -> list[float]:
    """Each justified line's word space in natural spaces, from ReportLab's lines as it will draw them."""
    space = stringWidth(" ", paragraph.style.fontName, paragraph.style.fontSize)
    ratios = []
    for line in paragraph.blPara.lines[:-1]:
        gaps = line.wordCount - 1
        if gaps > 0:  # (a line of scaled glyphs has its spaces scaled too)
            ratios.append((space + line.extraSpace / gaps) * getattr(line, "scale", 1.0) / space)
    return ratios


# ---------------------------------------------------------------- the breaker alone

def _boxes(words: list[float], space: float = 3.0) -> Boxes:
    kinds = [GLUE] * len(words)
    kinds[-1] = FORCED
    return Boxes(words, [space] * (len(words) - 1) + [0.0], kinds, [0.0] * len(words), [1] * len(words))


def _demerits(breaks, boxes: Boxes, costs: Costs = Costs()) -> float:
    """Total fit's objective for a breaking without hyphens: (1 + 100|r|^3)^2 a line, a one-word last line penalised."""
    total = sum((1 + 100 * abs(r) ** 3) ** 2 for r in breaks.ratios[:-1])
    runt = len(breaks.ends) > 1 and breaks.ends[-1] - breaks.ends[-2] == 1
    return total + (1 + (costs.runt if runt else 0)) ** 2


def test_total_fit_sets_paragraphs_no_worse_than_first_fit_and_usually_better():
    better = 0
    for seed in range(30):
        words = [12.0 + (seed * 31 + i * 17) % 40 for i in range(60)]
        boxes = _boxes(words)
        greedy, optimal = first_fit(boxes, [200.0]), total_fit(boxes, [200.0])
        assert optimal is not None and optimal.optimal and not greedy.optimal
        assert all(r >= -1 for r in optimal.ratios)
        assert _demerits(optimal, boxes) <= _demerits(greedy, boxes) + 1e-6
        better += _demerits(optimal, boxes) < _demerits(greedy, boxes) * 0.9
    assert better >= 10


def _two_piece_words(count: int) -> Boxes:
    """`count` words of two pieces each (18 and 22 pt, 3 pt spaces): a hyphen is possible after every
    first piece."""
    widths, kinds, extras, starts, spaces = [], [], [], [], []
    for _ in range(count):
        widths += [18.0, 22.0]
        kinds += [HYPHEN, GLUE]
        extras += [3.0, 0.0]
        starts += [1, 0]
        spaces += [0.0, 3.0]
    kinds[-1], spaces[-1] = FORCED, 0.0
    return Boxes(widths, spaces, kinds, extras, starts)


def test_a_hyphen_is_taken_only_when_it_pays_and_never_three_in_a_row():
    boxes = _two_piece_words(40)
    kinds = boxes.kinds
    breaks = total_fit(boxes, [131.0], Costs(hyphen=50, consecutive_hyphen=50))
    assert breaks is not None
    hyphenated = [kinds[end] == HYPHEN for end in breaks.ends]
    assert not any(all(hyphenated[i:i + 3]) for i in range(len(hyphenated) - 2))
    assert not hyphenated[-2]  # never a hyphen before the last line


def test_no_hyphen_at_the_line_asked_for():
    boxes = _two_piece_words(30)
    kinds = boxes.kinds
    costs = Costs(hyphen=50, consecutive_hyphen=50)
    free = total_fit(boxes, [150.0], costs)
    assert free is not None
    turn = next(index for index, end in enumerate(free.ends) if kinds[end] == HYPHEN)
    kept = total_fit(boxes, [150.0], costs, no_hyphen_at=turn)
    assert kept is not None and kinds[kept.ends[turn]] != HYPHEN


def test_a_pathological_paragraph_falls_back_to_first_fit_in_bounded_time():
    boxes = _boxes([20.0 + (i * 7) % 30 for i in range(50_000)])
    start = time.perf_counter()
    breaks = break_lines(boxes, [240.0], Costs())
    assert time.perf_counter() - start < 5.0
    assert not breaks.optimal and breaks.ends[-1] == 49_999


# ---------------------------------------------------------------- through ReportLab

@pytest.mark.parametrize("shaping", [0, 1])
def test_justified_lines_end_flush_and_never_overflow(shaping: int):
    paragraph = Paragraph(TEXT * 3, _style(shaping))
    paragraph.wrap(WIDTH, 10_000)
    lines = paragraph.blPara.lines
    assert paragraph.blPara.kind == 1 and len(lines) > 10
    for line in lines[:-1]:
        # ReportLab's justification spreads extraSpace over the spaces: the line ends at the measure (its
        # hanging punctuation past it)
        assert line.maxWidth == pytest.approx(WIDTH + _hangs(line))
        natural = line.maxWidth - line.extraSpace
        assert natural <= line.maxWidth + 0.01 or line.wordCount > 1
    ratios = _space_ratios(paragraph)
    assert min(ratios) >= 2 / 3 - 1e-6  # spaces shrink to two thirds at most
    assert max(ratios) < 3.0
    # ReportLab's own first fit on the same text and measure sets it looser
    greedy = _ReportLabParagraph(TEXT * 3, _style(shaping))
    greedy.wrap(WIDTH, 10_000)
    space = stringWidth(" ", greedy.style.fontName, 9.6)
    theirs = [(space + line.extraSpace / (line.wordCount - 1)) / space
              for line in greedy.blPara.lines[:-1] if line.wordCount > 1]
    assert sum(ratios) / len(ratios) < sum(theirs) / len(theirs)
    assert max(ratios) <= max(theirs)


@pytest.mark.parametrize("shaping", [0, 1])
def test_lines_draw_as_measured(shaping: int):
    """The words of each line, measured as drawn, plus its extra space, fill the measure."""
    paragraph = Paragraph(TEXT * 2, _style(shaping))
    paragraph.wrap(WIDTH, 10_000)
    space = stringWidth(" ", paragraph.style.fontName, 9.6)
    for line in paragraph.blPara.lines[:-1]:
        text = "".join(str(w.text) for w in line.words)
        drawn = sum(stringWidth(str(w.text), w.fontName, w.fontSize) for w in line.words)
        assert text.count(" ") == line.wordCount - 1
        # kerning and ligatures make the shaped line a little narrower than the sum of its glyphs
        # a line of scaled glyphs is drawn at its scaling: its glyphs, spaces and extra space alike
        assert (drawn + line.extraSpace) * getattr(line, "scale", 1.0) == pytest.approx(
            WIDTH + _hangs(line), abs=0.01 if not shaping else 3.0)
        assert space > 0


def test_hyphenation_discipline_on_real_text():
    paragraph = Paragraph(TEXT * 4 + "Inglewood Alcaraz August Pasadena Lancaster Whittier Montebello " * 6,
                          _style())
    paragraph.wrap(150.0, 10_000)
    lines = paragraph.blPara.lines
    ends = [ends_in_hyphen(line) for line in lines]
    assert any(ends)
    assert not any(all(ends[i:i + 3]) for i in range(len(ends) - 2))  # no runs of three
    assert not ends[-2]  # the last line is never a word's tail
    texts = [_line_text(line).strip() for line in lines]
    for before, after, hyphen in zip(texts, texts[1:], ends):
        if hyphen and not before.endswith("-" * 2):
            head = before.split(" ")[-1].rstrip("-")
            tail = after.split(" ")[0].rstrip(".,;")
            assert len(head.lstrip("(")) >= 2 and len(tail) >= 3, (head, tail)
            assert not head[:1].isupper(), head  # no capitalised words by default


def test_capitalised_words_hyphenate_when_the_stylesheet_allows():
    names = "Inglewood Montebello Pasadena Lancaster Whittier Alhambra " * 10
    plain = Paragraph(names, _style(capitalized=False))
    allowed = Paragraph(names, _style(capitalized=True))
    plain.wrap(120.0, 10_000), allowed.wrap(120.0, 10_000)
    assert not any(ends_in_hyphen(line) for line in plain.blPara.lines)
    assert any(ends_in_hyphen(line) for line in allowed.blPara.lines)


def test_ragged_text_hyphenates_only_a_word_too_long_for_the_line():
    paragraph = Paragraph(TEXT * 2, _style(alignment=TA_LEFT))
    paragraph.wrap(WIDTH, 10_000)
    assert not any(ends_in_hyphen(line) for line in paragraph.blPara.lines)
    narrow = Paragraph("an extraordinarily interdisciplinary collaboration", _style(alignment=TA_LEFT))
    narrow.wrap(60.0, 10_000)
    assert any(ends_in_hyphen(line) for line in narrow.blPara.lines)


def test_a_split_never_leaves_a_hyphen_at_the_turn():
    """Whatever the height the paragraph is split at, the first piece's last line is whole."""
    paragraph = Paragraph(TEXT * 3, _style())
    paragraph.wrap(WIDTH, 10_000)
    hyphenated = [index for index, line in enumerate(paragraph.blPara.lines[:-2]) if ends_in_hyphen(line)]
    assert hyphenated, "the text must hyphenate somewhere for this test to mean anything"
    for index in hyphenated:
        piece = Paragraph(TEXT * 3, _style())
        piece.wrap(WIDTH, 10_000)
        first, rest = piece.split(WIDTH, (index + 1) * 14 + 1)
        rest.wrap(WIDTH, 10_000)
        assert not ends_in_hyphen(first.blPara.lines[-1])
        words = [w for line in first.blPara.lines + rest.blPara.lines for w in _line_text(line).split()]
        assert " ".join(words).replace("- ", "").split() == " ".join(
            _line_text(line) for line in paragraph.blPara.lines).replace("- ", "").split()


def test_split_pieces_keep_the_lines_of_the_whole():
    paragraph = Paragraph(TEXT * 3, _style())
    paragraph.wrap(WIDTH, 10_000)
    whole = [_line_text(line) for line in paragraph.blPara.lines]
    first, rest = paragraph.split(WIDTH, 5 * 14 + 1)
    first.wrap(WIDTH, 10_000), rest.wrap(WIDTH, 10_000)
    pieces = [_line_text(line) for line in first.blPara.lines + rest.blPara.lines]
    if not ends_in_hyphen(paragraph.blPara.lines[4]):
        assert pieces == whole
    assert len(first.blPara.lines) == 5


def test_a_word_alone_on_a_justified_line_is_worse_than_any_loose_line():
    # one word that cannot be justified on a line of its own was priced like spaces at ~4.5 natural,
    # so a paragraph began "For" alone above a full line (the default report, p16)
    words = [18.0] + [60.0, 20.0, 55.0, 70.0] * 6
    boxes = _boxes(words, 2.5)
    breaks = total_fit(boxes, [100.0], Costs())
    assert breaks is not None and breaks.ends[0] > 0  # the first line holds more than the first word


# ---------------------------------------------------------------- scaled glyphs and the last resort

def test_justified_lines_scale_their_glyphs_within_two_percent():
    paragraph = Paragraph(TEXT * 3, _style(1))
    paragraph.wrap(WIDTH, 10_000)
    scales = [getattr(line, "scale", 1.0) for line in paragraph.blPara.lines]
    assert any(scale > 1.0 for scale in scales) and any(scale < 1.0 for scale in scales)
    assert all(0.98 <= scale <= 1.02 for scale in scales), scales
    assert scales[-1] == 1.0  # the last line is set at its natural width
    costs = Costs()
    assert max(_space_ratios(paragraph)) <= 1 + costs.tolerance * costs.stretch  # within the first pass's tolerance


def test_a_paragraph_with_a_link_or_underline_keeps_its_glyphs_unscaled():
    # ReportLab places a link's rectangle and an underline at unscaled widths
    for markup in ('<a href="https://www.lacoe.edu">www.lacoe.edu</a>', "<u>underlined</u>"):
        paragraph = Paragraph(TEXT + markup + " " + TEXT, _style(1))
        paragraph.wrap(WIDTH, 10_000)
        assert all(getattr(line, "scale", 1.0) == 1.0 for line in paragraph.blPara.lines)


def test_scaled_lines_are_drawn_flush_at_their_scaling(tmp_path):
    """Drawn into a PDF, every justified line's last glyph ends at the measure: the Tz a line is drawn at
    and the word spacing ReportLab gives it add up; the scaling is back to 100% after the paragraph."""
    import pdfplumber
    import re as _re
    from reportlab.platypus import SimpleDocTemplate

    output = tmp_path / "scaled.pdf"
    from reportgen.reportlab_adapter import Canvas
    document = SimpleDocTemplate(str(output), leftMargin=66, rightMargin=612 - 66 - 12 - WIDTH, topMargin=72,  # (6 pt padding)
                                 bottomMargin=72, pageCompression=0, pagesize=(612, 792))
    paragraph = Paragraph(TEXT * 2, _style(1))
    document.build([paragraph], canvasmaker=Canvas)
    content = output.read_bytes().decode("latin-1")
    values = [float(value) for value in _re.findall(r"([\d.]+) Tz", content)]
    assert values and all(98 <= value <= 102 for value in values) and values[-1] == 100
    with pdfplumber.open(output) as pdf:
        chars = [c for c in pdf.pages[0].chars if c["text"].strip()]
    lines: dict[float, list] = {}
    for char in chars:
        lines.setdefault(round(char["top"], 1), []).append(char)
    rows = [sorted(row, key=lambda c: c["x0"]) for _, row in sorted(lines.items())]
    assert len(rows) == len(paragraph.blPara.lines) >= 8
    for row, line in zip(rows[:-1], paragraph.blPara.lines):
        assert row[0]["x0"] == pytest.approx(72, abs=0.6)
        if not _hangs(line):  # (hanging punctuation: test_punctuation_hangs_into_the_margins)
            assert row[-1]["x1"] == pytest.approx(72 + WIDTH, abs=0.6)  # (the last glyph's side bearing)
    assert rows[-1][-1]["x1"] < 72 + WIDTH - 5


def test_a_capitalised_word_breaks_only_to_save_a_line_from_spaces_over_3x():
    text = ("For the first time, 48 students from the Superintendent\u2019s Student Advisory Council, representing "
            "80 school districts across Los Angeles County, collaborated on a joint project.")
    for width in range(150, 260):
        plain = Paragraph(text, _style(1))
        plain.wrap(float(width), 10_000)
        if max(_space_ratios(plain), default=1.0) > 3.0:
            break
    else:
        pytest.fail("no width leaves a line over 3x without the last resort")
    rescued = Paragraph(text, _style(1, last_resort=True))
    rescued.wrap(float(width), 10_000)
    assert max(_space_ratios(rescued)) <= 3.0
    heads = [_line_text(line).split()[-1] for line in rescued.blPara.lines if ends_in_hyphen(line)]
    assert any(head[:1].isupper() for head in heads), heads
    # where no line would be that loose, the last resort is never taken
    easy = Paragraph(text, _style(1, last_resort=True))
    easy.wrap(WIDTH, 10_000)
    assert not any(_line_text(line).split()[-1][:1].isupper() for line in easy.blPara.lines if ends_in_hyphen(line))


def test_punctuation_hangs_into_the_margins(tmp_path):
    """Drawn into a PDF: a justified line ending in a comma, full stop or hyphen sets that mark partly past the
    measure (the letter before it ends inside), and a line starting with an opening quote starts left of it."""
    import pdfplumber
    from reportlab.platypus import SimpleDocTemplate

    from reportgen.reportlab_adapter import Canvas
    from reportgen.reportlab_adapter.linebreaking import HANG_LEFT, HANG_RIGHT

    output = tmp_path / "hanging.pdf"
    document = SimpleDocTemplate(str(output), leftMargin=66, rightMargin=612 - 66 - 12 - WIDTH, topMargin=72,
                                 bottomMargin=72, pageCompression=0, pagesize=(612, 792))
    text = ("\u201cEvery child deserves a champion,\u201d they said, and the county\u2019s educators, counsellors, "
            "librarians, coaches and families answered. ") * 6
    paragraph = Paragraph(text, _style(1))
    document.build([paragraph], canvasmaker=Canvas)
    with pdfplumber.open(output) as pdf:
        chars = [c for c in pdf.pages[0].chars if c["text"].strip()]
    rows: dict[float, list] = {}
    for char in chars:
        rows.setdefault(round(char["top"], 1), []).append(char)
    lines = [sorted(row, key=lambda c: c["x0"]) for _, row in sorted(rows.items())][:-1]
    right, left = 72 + WIDTH, 72
    hung_right = [row for row in lines if row[-1]["text"] in HANG_RIGHT]
    hung_left = [row for row in lines if row[0]["text"] in HANG_LEFT]
    assert hung_right and hung_left
    for row in hung_right:
        assert row[-1]["x1"] > right + 0.5 and row[-1]["x0"] < right  # the mark stands partly outside
        assert row[-2]["x1"] <= right + 0.1
    for row in hung_left:
        assert row[0]["x0"] < left - 0.5 < row[0]["x1"]
    for row in lines:
        if row[-1]["text"] not in HANG_RIGHT:
            assert row[-1]["x1"] == pytest.approx(right, abs=0.6)
        if row[0]["text"] not in HANG_LEFT:
            assert row[0]["x0"] == pytest.approx(left, abs=0.6)


def test_a_figure_and_its_magnitude_stay_on_one_line():
    text = ("The foundation provided $733,700 in direct support and Governor Newsom's $4.7 billion programme reached "
            "nearly 2 million students, 19 percent more than before, across 80 school districts. ") * 4
    for width in range(150, 260, 7):
        paragraph = Paragraph(text, _style(1))
        paragraph.wrap(float(width), 10_000)
        lines = [_line_text(line).split() for line in paragraph.blPara.lines]
        for line, following in zip(lines, lines[1:]):
            if re.fullmatch(r"\$?[\d.,]+", line[-1]):
                assert following[0].rstrip(",.") not in ("billion", "million", "percent"), (width, line, following)


@pytest.mark.parametrize("alignment", [TA_JUSTIFY, TA_CENTER])
def test_a_figure_and_its_magnitude_wider_than_the_line_break_between_them(alignment: int):
    """The tie is a preference: where "$627 Million" alone overfills the line, the space breaks (it neither
    runs past the measure nor shrinks below nothing)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    style = _style(1, alignment)
    whole = stringWidth("$627 Million", style.fontName, style.fontSize)
    for width in (whole * 0.94, whole * 0.7):
        paragraph = Paragraph("$627 Million", style)
        paragraph.wrap(width, 10_000)
        assert [_line_text(line).strip() for line in paragraph.blPara.lines] == ["$627", "Million"], width
    paragraph = Paragraph("$627 Million", style)
    paragraph.wrap(whole + 1, 10_000)
    assert [_line_text(line).strip() for line in paragraph.blPara.lines] == ["$627 Million"]
