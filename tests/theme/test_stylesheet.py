"""The layered stylesheet: the shipped file validates and covers every element; theme.styles changes exactly
the element it names in the PDF; a wrong element or property is a located error with did-you-mean."""

from __future__ import annotations

import subprocess
from collections import defaultdict
from pathlib import Path
from typing import Callable

import pytest
from pypdf import PdfReader

from reportgen.model.report import Report, TextSettings
from reportgen.model.styles import ELEMENTS
from reportgen.theme.stylesheet import SHIPPED, load_stylesheet, resolve, shipped
from tests.conftest import CliResult

SPEC = """\
meta: {title: T, organization: O}
theme:
  styles: STYLES
sections:
  - type: text
    title: Programs
    body: Plain body words here.
    stats: [{value: "92%", label: Graduation}]
    subsections: [{title: Wellness, body: More words.}]
  - type: cards
    title: Cards
    cards: [{title: Alpha, body: Card words.}]
"""


def sizes(pdf: Path) -> dict[str, set[float]]:
    """Font size (pt) of each word drawn on page 1."""
    found: dict[str, set[float]] = defaultdict(set)

    def visit(drawn: str, cm: list, tm: list, font: object, size: float) -> None:
        for word in drawn.split():
            found[word].add(round(size * tm[3] * cm[3], 2))
    PdfReader(str(pdf)).pages[0].extract_text(visitor_text=visit)
    return found


def lefts(pdf: Path) -> dict[str, float]:
    """Left edge (pt) of each word (first occurrence), from pdftotext -bbox."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    import re
    out: dict[str, float] = {}
    for x0, word in re.findall(r'<word xMin="([0-9.]+)" yMin="[0-9.]+" xMax="[0-9.]+" yMax="[0-9.]+">([^<]*)</word>',
                               html):
        out.setdefault(word, float(x0))
    return out


@pytest.fixture
def build_styles(write_spec: Callable[[str], Path], cli: Callable[..., CliResult], tmp_path: Path
                 ) -> Callable[[str], Path]:
    def run(styles: str) -> Path:
        spec = write_spec(SPEC.replace("STYLES", styles))
        out = tmp_path / f"out-{abs(hash(styles))}.pdf"
        result = cli("build", str(spec), "-o", str(out))
        assert result.code == 0, result.err
        return out
    return run


def test_the_shipped_stylesheet_validates_and_covers_every_element():
    text = (Path(__file__).resolve().parents[2] / "src" / "reportgen" / "theme" / SHIPPED).read_text()
    sheet = load_stylesheet(text)
    assert set(sheet) == set(ELEMENTS)
    for name, element in ELEMENTS.items():  # a box element's shipped values are complete
        if "font" not in element.properties:
            assert all(getattr(sheet[name], prop) is not None for prop in element.properties
                       if prop != "background"), name  # a card's background: a tint of its section's colour
    assert sheet["body"].size == TextSettings().size  # the design text the shipped sizes scale from
    with pytest.raises(ValueError, match=r"headng: unknown key 'headng' \(did you mean 'heading'\?\)"):
        load_stylesheet("headng: {size: 3pt}\n")


def test_layers_shipped_then_theme_text_then_theme_styles():
    assert resolve(TextSettings())["heading"]["size"] == 15.0
    assert resolve(TextSettings(size=12.0))["heading"]["size"] == 15.0 * 12.0 / 9.6  # theme.text scales it
    assert resolve(TextSettings(size=12.0))["cover.title"]["size"] == 46.0  # a fixed-size element does not
    assert resolve(TextSettings(leading=20.0))["lead"]["space_after"] == 0.9 * 20.0  # lines follow the leading
    assert resolve(TextSettings(leading=20.0))["body"]["space_after"] == 20.0  # on the grid: whole steps
    overrides = Report.from_data({"meta": {"title": "T", "organization": "O"}, "sections": [{"type": "contents"}],
                                  "theme": {"styles": {"heading": {"size": "14pt"}}}}).theme.styles
    assert resolve(TextSettings(size=12.0), overrides)["heading"]["size"] == 14.0  # most specific, as given
    assert shipped()["heading"].size == 15.0


def test_an_override_changes_exactly_its_element(build_styles: Callable[[str], Path]):
    base = sizes(build_styles("{}"))
    assert base["Wellness"] == {15.0} and base["92%"] == {28.0} and base["Plain"] == {9.6}

    heading = sizes(build_styles("{heading: {size: 13pt}}"))
    assert heading["Wellness"] == {13.0}
    assert {word: heading[word] for word in base if word != "Wellness"} == \
        {word: base[word] for word in base if word != "Wellness"}

    figure = sizes(build_styles("{stat.figure: {size: 22pt}}"))
    assert figure["92%"] == {22.0} and figure["Wellness"] == {15.0} and figure["Graduation"] == base["Graduation"]


def test_card_padding_moves_only_the_card_text(build_styles: Callable[[str], Path]):
    before, after = lefts(build_styles("{}")), lefts(build_styles("{card: {padding: 20pt}}"))
    assert after["Alpha"] - before["Alpha"] == pytest.approx(10.0, abs=0.05)  # 10 pt more padding
    assert after["Programs"] == before["Programs"] and after["Plain"] == before["Plain"]


def test_unknown_elements_and_properties_are_located_with_did_you_mean(write_spec: Callable[[str], Path],
                                                                      cli: Callable[..., CliResult]):
    spec = write_spec(SPEC.replace("STYLES", "\n    headng: {size: 14pt}\n    stat.figure: {sise: 30pt, padding: 2pt}"
                                             "\n    card: {colour: red}"))
    result = cli("validate", str(spec))
    assert result.code == 1
    lines = [line for line in result.err.splitlines() if "theme.styles" in line]
    assert lines == [
        f"{spec}:4:5: theme.styles.headng: unknown key 'headng' (did you mean 'heading'?)",
        f"{spec}:5:19: theme.styles.stat.figure.sise: unknown key 'sise' (did you mean 'size'?)",
        f"{spec}:6:12: theme.styles.card.colour: unknown key 'colour' (did you mean 'color'?)",
    ]
    spec = write_spec(SPEC.replace("STYLES", "{stat.figure: {padding: 2pt}, heading: {color: nope}}"))
    lines = [line for line in cli("validate", str(spec)).err.splitlines() if "theme.styles" in line]
    assert lines[0].startswith(f"{spec}:3:26: theme.styles.stat.figure.padding: 'stat.figure' has no property "
                               "'padding' (stat.figure takes font, size,")
    assert lines[1].startswith(f"{spec}:3:58: theme.styles.heading.color: not a colour: 'nope' (give a theme colour")
