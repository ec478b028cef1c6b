"""A stat's year-over-year change (issue 18): printed beside its figure with an arrow drawn from its sign, in a
colour from the theme (never colour alone), read aloud in words, and a located error when its sign is unreadable."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import pdfplumber
import pikepdf
import pytest

from reportgen.diagnostics import ReportError
from reportgen.model.contrast import contrast_ratio, from_hex
from reportgen.model.parts import change_direction, change_magnitude
from reportgen.pipeline import BuildOptions, build, check_spec
from tests.print.conftest import RGB_OPERATORS, content_operators
from tests.render.reader import Reader

CHANGES = """\
meta: {title: Changes, organization: O, year: "2023-24"}
sections:
  - type: text
    title: Students
    stats:
      - {value: "1.4 Million", label: Students, change: "+12%", since: "2022-23"}
      - {value: "88%", label: Graduation rate, change: "\u22123 pts", since: "2022-23", better: up}
      - {value: "4%", label: Dropout rate, change: "-1 pt", better: down}
      - {value: "80", label: Districts, change: "0%"}
    body: Some text.
  - type: pillar
    number: 1
    title: Pillar one
    goal: A goal.
    stats:
      - {value: "6,000", label: Educators trained, change: "+500", since: "2022-23"}
    body: Text.
  - type: financials
    title: Money
    stats:
      - {value: "$627 Million", label: Budget, change: "+4%", since: "2022-23", better: up}
  - type: cards
    title: Highlights
    columns: 3
    cards:
      - title: Literacy
        stat: {value: "6,000", label: Educators trained, change: "+8%", since: "2022-23", better: up}
        body: Trained in structured literacy.
      - title: Absences
        stat: {value: "12%", label: Chronic absence, change: "\u22122 pts", better: down}
        body: Fewer students missed school.
"""
MUTED, POSITIVE, NEGATIVE = from_hex("#5B6770"), from_hex("#2E7D32"), from_hex("#C62828")


@pytest.fixture(scope="module")
def changes(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("changes")
    (folder / "report.yaml").write_text(CHANGES, encoding="utf-8")
    result = build(folder / "report.yaml", folder / "out.pdf")
    assert [w for w in result.warnings if "WCAG" in w.message] == []  # every change passes the contrast check
    return result.output


def words_of(path: Path, page: int) -> list[dict]:
    """The page's words with their size, colour and baseline (its first character's text matrix y, in PDF space)."""
    with pdfplumber.open(path) as pdf:
        chars = pdf.pages[page].chars
        words = pdf.pages[page].extract_words(extra_attrs=["size", "non_stroking_color"])
    for found in words:
        first = next(c for c in chars if abs(c["x0"] - found["x0"]) < 0.01 and abs(c["top"] - found["top"]) < 0.01)
        found["baseline"] = first["matrix"][5]
    return words


def word(words: list[dict], text: str, nth: int | None = None) -> dict:
    """The one word `text` on the page (or, for a word printed several times, its `nth`)."""
    found = [w for w in words if w["text"] == text]
    if nth is not None:
        return found[nth]
    (only,) = found
    return only


def baseline(found: dict) -> float:
    return found["baseline"]


def arrows(path: Path, page: int) -> list[tuple[str, float, float, float, tuple]]:
    """Every filled triangle on the page: ('up' or 'down', its left, right and base's y in PDF space, colour)."""
    found = []
    with pdfplumber.open(path) as pdf:
        height = pdf.pages[page].height
        for curve in pdf.pages[page].curves:
            points = [(x, height - top) for x, top in curve["pts"]]
            corners = list(dict.fromkeys(points))
            if len(corners) != 3 or not curve["fill"]:
                continue
            ys = sorted(y for _, y in corners)
            apex = ys[2] if ys[0] == pytest.approx(ys[1], abs=0.01) else ys[0]
            base = ys[0] if apex == ys[2] else ys[2]
            found.append(("up" if apex > base else "down", min(x for x, _ in corners), max(x for x, _ in corners),
                          base, tuple(curve["non_stroking_color"])))
    return sorted(found, key=lambda arrow: (-arrow[3], arrow[1]))


def test_the_sign_gives_the_direction():
    assert [change_direction(c) for c in ("+12%", "\u22123 pts", "-1 pt", "\u00b12%", "0%", "+0.0%", "-0")] == [
        "up", "down", "down", "level", "level", "level", "level"]
    assert [change_magnitude(c) for c in ("+12%", "\u22123 pts", "+ 4", "0%")] == ["12%", "3 pts", "4", "0%"]


def test_the_change_stands_beside_the_figure_on_its_baseline(changes: Path):
    words = words_of(changes, 0)
    figure, change, since = word(words, "88%"), word(words, "\u22123"), words[words.index(word(words, "\u22123")) + 3]
    assert since["text"] == "2022-23"  # "−3 pts since 2022-23", on one line
    assert baseline(change) == pytest.approx(baseline(figure), abs=0.05)
    assert change["size"] == pytest.approx(9.0) and figure["size"] == pytest.approx(28.0)
    # after the figure: the gap (6 pt), the arrow (7 pt) and its padding (3 pt)
    assert change["x0"] == pytest.approx(figure["x1"] + 6 + 7 + 3, abs=0.6)
    label = word(words, "Graduation")
    assert label["top"] > figure["bottom"] - 0.5  # the label stays under the figure
    assert baseline(word(words, "-1")) == pytest.approx(baseline(word(words, "4%")), abs=0.05)


def test_a_change_too_wide_to_stand_beside_goes_under_the_figure(changes: Path):
    words = words_of(changes, 0)
    figure, change, label = word(words, "Million"), word(words, "+12%"), word(words, "Students", 1)
    figure_left = word(words, "1.4")["x0"]
    assert change["top"] > figure["bottom"] - 1 and label["top"] > change["bottom"]  # figure, change, label
    assert change["x0"] == pytest.approx(figure_left + 7 + 3, abs=0.6)  # after its arrow, at the cell's edge


def test_the_arrow_points_the_way_of_the_sign(changes: Path):
    words = words_of(changes, 0)
    found = arrows(changes, 0)
    assert [direction for direction, *_ in found] == ["down", "up", "down"]  # -3 pts, +12% (under), -1 pt
    by_word = {"\u22123": found[0], "+12%": found[1], "-1": found[2]}
    for text, (_, left, right, base, _) in by_word.items():
        change = word(words, text)
        assert right == pytest.approx(change["x0"] - 3, abs=0.6) and right - left == pytest.approx(7, abs=0.01)
        # standing on the text's baseline, as tall as its capitals (0.7 of 9 pt): base down for up, tip down for down
        bottom = base if by_word[text][0] == "up" else base - 0.7 * 9
        assert bottom == pytest.approx(baseline(change), abs=0.05)
    # level: two bars (an equals sign), no triangle, before "0%"
    with pdfplumber.open(changes) as pdf:
        zero = word(words, "0%")
        bars = [r for r in pdf.pages[0].rects if r["width"] == pytest.approx(7, abs=0.01)
                and r["x1"] == pytest.approx(zero["x0"] - 3, abs=0.6)]
    assert len(bars) == 2


def test_colour_by_which_way_is_better_and_never_alone(changes: Path):
    words = words_of(changes, 0)

    def colour(text: str) -> tuple:
        return tuple(round(v, 3) for v in word(words, text)["non_stroking_color"])

    def rounded(rgb) -> tuple:
        return tuple(round(v, 3) for v in rgb)
    assert colour("+12%") == rounded(MUTED)  # no `better`: reportgen does not guess, stat.change's colour
    assert colour("\u22123") == rounded(NEGATIVE)  # better: up, and it fell
    assert colour("-1") == rounded(POSITIVE)  # better: down, and it fell
    assert colour("0%") == rounded(MUTED)
    for _, _, _, _, fill in arrows(changes, 0):  # each arrow in its change's colour
        assert rounded(fill) in {rounded(MUTED), rounded(NEGATIVE), rounded(POSITIVE)}
    for rgb in (MUTED, NEGATIVE, POSITIVE):
        assert contrast_ratio(rgb, (1.0, 1.0, 1.0)) >= 4.5  # 9 pt text on paper


def test_the_stat_reads_its_change_in_words(changes: Path):
    reader = Reader(changes)
    said = [element.text for element in reader.root.walk() if element.role == "P" and "since" in element.text
            or element.role == "P" and ("down" in element.text or "unchanged" in element.text)]
    assert "1.4 Million \u2014 Students, up 12% since 2022-23" in said
    assert "88% \u2014 Graduation rate, down 3 pts since 2022-23" in said
    assert "4% \u2014 Dropout rate, down 1 pt" in said
    assert "80 \u2014 Districts, unchanged" in said
    assert "6,000 \u2014 Educators trained, up 500 since 2022-23" in said  # a pillar's
    assert "$627 Million \u2014 Budget, up 4% since 2022-23" in said  # the financial highlights'
    assert "6,000 \u2014 Educators trained, up 8% since 2022-23" in said  # a card's
    assert "12% \u2014 Chronic absence, down 2 pts" in said
    text = reader.text()
    assert "\u22123 pts" not in text and "+12%" not in text  # the printed change is replaced by its words


def test_pillar_financial_and_card_changes_are_drawn(changes: Path):
    pillar = words_of(changes, 1)
    assert baseline(word(pillar, "+500")) == pytest.approx(baseline(word(pillar, "6,000", 0)), abs=0.05)
    assert baseline(word(pillar, "+4%")) == pytest.approx(baseline(word(pillar, "Million")), abs=0.05)
    cards = [w for w in pillar if w["text"] in ("+8%", "\u22122")]
    assert len(cards) == 2  # under each card's figure
    drawn = arrows(changes, 1)
    for text, direction in (("+500", "up"), ("+4%", "up"), ("+8%", "up"), ("\u22122", "down")):
        change = word(pillar, text)
        (arrow,) = [a for a in drawn if a[2] == pytest.approx(change["x0"] - 3, abs=0.6)
                    and abs(a[3] - baseline(change)) < 9]
        assert arrow[0] == direction, text
    assert len(drawn) == 4


def test_in_french_the_change_reads_in_french(write_spec: Callable[[str], Path], tmp_path: Path):
    spec = write_spec(CHANGES.replace("year: \"2023-24\"}", "year: \"2023-24\", language: fr-FR}"))
    result = build(spec, tmp_path / "fr.pdf")
    said = [element.text for element in Reader(result.output).root.walk() if element.role == "P"]
    assert "1.4 Million \u2014 Students, en hausse de 12% depuis 2022-23" in said
    assert "80 \u2014 Districts, inchang\u00e9" in said
    assert "depuis" in [w["text"] for w in words_of(result.output, 0)]  # printed in the report's language


@pytest.mark.parametrize("written, message, hint", [
    ('"12%"', "the change '12%' has no sign", '"+12%"'),
    ("+12", "was read as a number, which drops a plus sign", 'quote it: "+12"'),
    ('"+"', "has no number after its sign", '"\u00b10"'),
    ('"\u20133 pts"', "starts with a dash, not a minus sign", "\u2212"),
    ('"up 3"', "does not start with a signed number", '"0%"'),
])
def test_an_unreadable_sign_is_a_located_error(write_spec: Callable[[str], Path], written: str, message: str,
                                               hint: str):
    spec = write_spec(CHANGES.replace('change: "+12%"', f"change: {written}"))
    with pytest.raises(ReportError) as caught:
        check_spec(spec)
    (problem,) = caught.value.diagnostics
    assert message in problem.message and hint in (problem.hint or "")
    assert (problem.line, problem.path) == (6, ("sections", 0, "stats", 0, "change"))
    assert problem.column == CHANGES.splitlines()[5].index("change:") + len("change: ") + 1


def test_since_and_better_without_a_change_are_located_errors(write_spec: Callable[[str], Path]):
    spec = write_spec(CHANGES.replace('change: "0%"', 'since: "2022-23", better: up'))
    with pytest.raises(ReportError) as caught:
        check_spec(spec)
    problems = caught.value.diagnostics
    assert [(p.line, p.path[-1]) for p in problems] == [(9, "since"), (9, "better")]
    assert all("has no `change`" in p.message and "add the change" in (p.hint or "") for p in problems)


def test_print_mode_draws_the_changes_in_cmyk_alone(changes: Path, tmp_path: Path):
    result = build(changes.parent / "report.yaml", tmp_path / "print.pdf", BuildOptions(print_mode=True))
    with pikepdf.open(result.output) as pdf:
        operators = content_operators(pdf)
        assert {page: found & RGB_OPERATORS for page, found in operators.items() if found & RGB_OPERATORS} == {}
        assert "k" in operators[1]
    with pdfplumber.open(result.output) as pdf:
        fills = {tuple(c["non_stroking_color"]) for page in pdf.pages for c in page.curves}
    assert fills and all(len(fill) == 4 for fill in fills)  # the arrows, in CMYK


def test_both_pdf_ua_checkers_pass_with_changes(changes: Path):
    pytest.importorskip("outloud", reason="outloud (a PDF/UA checker) is in the test extra")
    pytest.importorskip("pdfua", reason="pdfua (a PDF/UA checker, from PyPI) is in the test extra")
    from tests.render.test_pdf_ua import assert_both_checkers_pass

    assert_both_checkers_pass(changes)


def test_the_stylesheet_sets_the_change_and_a_centred_figure_takes_it_under(write_spec: Callable[[str], Path],
                                                                            tmp_path: Path):
    styled = CHANGES.replace("sections:", "theme:\n  styles:\n    stat.change: {color: text, size: 10pt}\n"
                             "    stat.figure: {alignment: center}\nsections:", 1)
    result = build(write_spec(styled), tmp_path / "styled.pdf")
    words = words_of(result.output, 0)
    change, figure, label = word(words, "\u22123"), word(words, "88%"), word(words, "Graduation")
    assert change["size"] == pytest.approx(10.0)
    assert tuple(round(v, 3) for v in word(words, "+12%")["non_stroking_color"]) == (0.118, 0.118, 0.118)
    assert figure["bottom"] - 1 < change["top"] and change["bottom"] < label["top"]  # under the centred figure


def test_a_cards_change_stands_between_its_figure_and_its_label(changes: Path):
    words = words_of(changes, 1)
    figure, change, label = word(words, "12%"), word(words, "\u22122"), word(words, "Chronic")
    assert figure["bottom"] - 1 < change["top"] and change["bottom"] < label["top"]
    assert tuple(round(v, 3) for v in change["non_stroking_color"]) == tuple(round(v, 3) for v in POSITIVE)
