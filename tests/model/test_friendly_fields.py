"""Where designers naturally go: an address as one block of lines, `items:` for `cards:`, columns written
as text, text sizes with units, a photo path that differs only in case."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from reportgen.diagnostics import ReportError
from reportgen.model import validate
from reportgen.spec import parse_spec

HEAD = "meta: {title: T, organization: O}\n"


def build_model(text: str, base: Path | None = None):
    report, _ = validate(parse_spec(text, file="r.yaml", base_dir=base))
    return report


def errors_of(text: str, base: Path | None = None) -> list[str]:
    with pytest.raises(ReportError) as caught:
        validate(parse_spec(text, file="r.yaml", base_dir=base))
    return [str(diagnostic) for diagnostic in caught.value.diagnostics]


def test_an_address_may_be_one_block_of_lines():
    block = build_model(HEAD + "sections:\n  - type: back_cover\n    address: |\n      9300 Imperial Highway\n\n"
                        "      Downey, CA 90242\n")
    listed = build_model(HEAD + "sections:\n  - type: back_cover\n"
                         "    address: [9300 Imperial Highway, 'Downey, CA 90242']\n")
    assert block.sections[0].address == listed.sections[0].address == ("9300 Imperial Highway", "Downey, CA 90242")
    assert errors_of(HEAD + "sections:\n  - type: back_cover\n    address: 42\n") == [
        "r.yaml:4:14: sections[0].address: expected a list, got 42"]


def test_items_in_a_cards_section_is_told_once_as_cards():
    assert errors_of(HEAD + "sections:\n  - type: cards\n    title: C\n    items:\n      - {title: A}\n") == [
        "r.yaml:5:5: sections[0].items: unknown key 'items' (did you mean 'cards'?)"]
    assert errors_of(HEAD + "sections:\n  - type: financials\n    title: F\n    pie:\n      items: []\n") == [
        "r.yaml:6:7: sections[0].pie.items: unknown key 'items' (did you mean 'slices'?)"]


@pytest.mark.parametrize("kind, value, columns", [("text", '"2"', 2), ("text", "'1'", 1), ("cards", '"3"', 3),
                                                  ("cards", "2.0", 2)])
def test_columns_written_as_text_are_accepted(kind: str, value: str, columns: int):
    body = "body: x" if kind == "text" else "cards: [{title: A}]"
    report = build_model(HEAD + f"sections:\n  - {{type: {kind}, title: T, columns: {value}, {body}}}\n")
    assert report.sections[0].columns == columns


def test_columns_out_of_range_say_which_are_allowed():
    assert errors_of(HEAD + 'sections:\n  - {type: cards, title: T, columns: "4", cards: [{title: A}]}\n') == [
        "r.yaml:3:38: sections[0].columns: '4' is not allowed (expected 2 or 3)"]


def test_text_sizes_take_units_like_every_length():
    report = build_model(HEAD + "theme:\n  text: {size: 10pt, leading: 5mm}\nsections: [{type: contents}]\n")
    assert report.theme.text.size == 10.0
    assert report.theme.text.leading == pytest.approx(5 * 72 / 25.4)
    assert build_model(HEAD + "theme: {text: {size: '9.5'}}\nsections: [{type: contents}]\n").theme.text.size == 9.5
    assert errors_of(HEAD + "theme:\n  text: {size: 2in, leading: 12furlongs}\nsections: [{type: contents}]\n") == [
        "r.yaml:3:16: theme.text.size: must be at most 72.0, got '2in'",
        "r.yaml:3:30: theme.text.leading: unknown unit 'furlongs' in '12furlongs'; use one of pt, in, mm, cm, pc, px"]


def test_a_photo_path_differing_only_in_case_gets_did_you_mean(tmp_path: Path):
    (tmp_path / "assets" / "Photos").mkdir(parents=True)
    Image.new("RGB", (8, 8)).save(tmp_path / "assets" / "Photos" / "Cover.JPG")
    text = HEAD + "sections:\n  - type: cover\n    image: {file: assets/photos/cover.jpg, alt: A}\n"
    assert errors_of(text, tmp_path) == [
        "r.yaml:4:19: sections[0].image.file: file not found: assets/photos/cover.jpg "
        "(did you mean `assets/Photos/Cover.JPG`? file names are case-sensitive)"]
    missing = HEAD + "sections:\n  - type: cover\n    image: {file: assets/photos/nothing.jpg, alt: A}\n"
    assert errors_of(missing, tmp_path) == [
        f"r.yaml:4:19: sections[0].image.file: file not found: assets/photos/nothing.jpg "
        f"(looked in {tmp_path / 'assets' / 'photos'})"]
