"""Card figures: long ones are set smaller to stay inside their card (a warning), too wide ones are a located error."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Callable

from reportgen.theme.styles import Measures
from tests.conftest import CliResult

NUMBER = "$1,234,567,890,123"  # 18 characters with no space: fits a third of the page only when set smaller
PHRASE = "Over two million students and families served across the county"  # 63 characters


def cards_spec(*figures: str) -> str:
    cards = "".join(f'      - {{title: Card{i}, body: Some text here., stat: {{value: "{figure}", label: Label}}}}\n'
                    for i, figure in enumerate(figures))
    return ("meta: {title: T, organization: O}\nsections:\n  - type: cards\n    title: Cards\n    columns: 3\n"
            "    cards:\n" + cards)


def words(pdf: Path) -> list[tuple[float, float, str]]:
    """(left, right, text) of every word on page 1, from pdftotext -bbox."""
    html = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    return [(float(x0), float(x1), text)
            for x0, x1, text in re.findall(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<',
                                           html)]


def test_long_figures_are_set_smaller_and_stay_inside_their_cards(write_spec: Callable[[str], Path],
                                                                   cli: Callable[..., CliResult]):
    spec = write_spec(cards_spec(NUMBER, PHRASE, "42"))
    output = spec.parent / "cards.pdf"
    result = cli("build", str(spec), "-o", str(output))
    assert result.code == 0
    assert re.search(r"report\.yaml:8:\d+: warning: sections\[0\]\.cards\[1\]\.stat\.value: card figures were set at "
                     r"[\d.]+ pt instead of 28 pt to fit their cards", result.err), result.err
    drawn = words(output)
    titles = {text: left for left, _, text in drawn if text.startswith("Card")}
    measures = Measures()
    card_width = (titles["Card2"] - titles["Card0"]) / 2 - measures.gutter
    for index, figure in enumerate((NUMBER, PHRASE)):
        card_left = titles[f"Card{index}"] - measures.card_rule - measures.card_padding
        inner_right = card_left + card_width - measures.card_padding
        placed = [(left, right) for left, right, text in drawn if text in figure.split()]
        assert len(placed) >= len(figure.split())  # every word of the figure is drawn
        for left, right in placed:
            assert card_left <= left and right <= inner_right + 0.5, (figure, left, right, inner_right)


def test_a_figure_too_wide_even_at_the_smallest_size_is_a_located_error(write_spec: Callable[[str], Path],
                                                                      cli: Callable[..., CliResult]):
    wide = "$1,234,567,890,123,456,789,012,345,678"  # 38 characters, no space
    spec = write_spec(cards_spec("42", wide, "7"))
    result = cli("build", str(spec), "-o", str(spec.parent / "cards.pdf"))
    match = re.search(r"report\.yaml:8:\d+: sections\[0\]\.cards\[1\]\.stat\.value: the figure '[^']+' is \d+ pt wide "
                      r"at 12 pt, the smallest size, but its card has \d+ pt \(shorten it by about (\d+) characters",
                      result.err)
    assert result.code == 1 and match and "internal error" not in result.err, result.err
    shorter = wide[:-int(match.group(1))]
    result = cli("build", str(write_spec(cards_spec("42", shorter, "7"))), "-o", str(spec.parent / "cards.pdf"))
    assert result.code == 0, result.err


def card_row(*figures: str, body_words: int = 400):
    """A row of cards with these figures and long bodies (taller than a page), wrapped at 468 pt."""
    from reportgen.layout.blocks.base import LayoutLog
    from reportgen.layout.blocks.cards import CardRow
    from reportgen.model.report import Report
    from reportgen.theme import build_theme

    body = " ".join(["text"] * body_words)
    report = Report.from_data({"meta": {"title": "T", "organization": "O"}, "sections": [
        {"type": "cards", "title": "Cards", "columns": 3,
         "cards": [{"title": f"Card{i}", "body": body, "stat": {"value": figure, "label": "Label"}}
                   for i, figure in enumerate(figures)]}]})
    theme, log = build_theme(report), LayoutLog()
    cards = list(enumerate(report.sections[0].cards))
    row = CardRow(theme, cards, 3, theme.palette.named("primary"), theme.palette.named("accent"),
                  ("sections", 0, "cards", 0), log=log)
    row.wrap(468, 800)
    return row, log


def draw(flowable) -> None:
    import io

    from reportlab.pdfgen.canvas import Canvas

    flowable.drawOn(Canvas(io.BytesIO()), 0, 0)


def test_splitting_a_card_row_leaves_it_as_it_was():
    row, _ = card_row(NUMBER, "42", "7")
    before = dict(row.__dict__)
    lists = {name: list(value) for name, value in before.items() if isinstance(value, list)}
    pieces = row.split(468, 400)
    assert len(pieces) == 2 and all(piece is not row for piece in pieces)
    row.split(300, 200)  # a trial at another width measures a copy
    assert row.__dict__.keys() == before.keys()
    assert all(row.__dict__[name] is value for name, value in before.items())
    assert {name: list(row.__dict__[name]) for name in lists} == lists


def test_a_split_card_row_reports_its_small_figures_once_when_drawn():
    row, log = card_row(NUMBER, "42", "7", body_words=1500)
    first, rest = row.split(468, 400)
    assert log.diagnostics == []  # measuring and splitting record nothing
    more = rest.split(468, 400)
    assert len(more) == 2  # over three pages
    for piece in (first, *more):
        piece.wrap(468, 800)
        draw(piece)
    [warning] = log.diagnostics
    assert warning.message.startswith("card figures were set at ") and warning.message.endswith(
        " pt instead of 28 pt to fit their cards")
    assert warning.path == ("sections", 0, "cards", 0, "stat", "value")


def test_a_cards_stat_label_is_set_apart_from_its_text(write_spec: Callable[[str], Path],
                                                      cli: Callable[..., CliResult]):
    """Measured from the PDF: the label under a card's figure is in another font than the card's text, with more
    room below it than the text's own leading (it ran straight into the text: the same font, 0 pt apart)."""
    import pdfplumber

    spec = write_spec("meta: {title: T, organization: O}\nsections:\n  - type: cards\n    title: Cards\n"
                      "    cards:\n      - {title: Alpha, body: Plainword text follows here., "
                      "stat: {value: '74', label: Labelword under it}}\n")
    result = cli("build", str(spec), "-o", str(spec.parent / "c.pdf"))
    assert result.code == 0, result.err
    with pdfplumber.open(str(spec.parent / "c.pdf")) as pdf:
        words = {word["text"]: word for word in pdf.pages[0].extract_words(extra_attrs=["fontname", "size"])}
    label, text = words["Labelword"], words["Plainword"]
    assert label["fontname"] != text["fontname"]
    assert text["bottom"] - label["bottom"] >= 11.8 + 4  # well over the card text's leading: the label's 6 pt space after


def test_a_rows_figures_stand_on_one_baseline_whatever_their_titles_lines(write_spec: Callable[[str], Path],
                                                                        cli: Callable[..., CliResult]):
    # a one-line title beside two-line ones: its figure is set as low as theirs (p. 7 of the default report had
    # "7th" 14 pt above "297" and "74"); a card without a figure keeps its text right under its title
    spec = write_spec("meta: {title: T, organization: O}\nsections:\n  - type: cards\n    title: Cards\n"
                      "    columns: 3\n    cards:\n"
                      "      - {title: Professional Development Programs, body: Some text here., stat: {value: '297', label: L}}\n"
                      "      - {title: Advocacy, body: Some text here., stat: {value: '7th', label: L}}\n"
                      "      - {title: Business Enhancement System Transformation, body: Plain words here.}\n")
    output = spec.parent / "cards.pdf"
    assert cli("build", str(spec), "-o", str(output)).code == 0
    import pdfplumber

    with pdfplumber.open(output) as pdf:
        found = {w["text"]: w for w in pdf.pages[0].extract_words()}
    assert found["297"]["bottom"] == found["7th"]["bottom"]
    assert found["Advocacy"]["bottom"] < found["Professional"]["bottom"] + 20  # (its title is set as it is)
    assert found["Plain"]["top"] < found["297"]["top"]  # the figureless card's text is not pushed down
