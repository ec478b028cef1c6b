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
