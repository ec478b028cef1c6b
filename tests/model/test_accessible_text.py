"""Specs that would make a non-conforming PDF are located errors: a language tag that is not BCP 47 (with the
tag meant), an empty language, and blank titles, headings, bookmarks and alt text; all told at once."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import pytest

from reportgen.diagnostics import ReportError
from reportgen.model.languages import canonical, check_language_tag
from reportgen.model.base import SpecError
from reportgen.pipeline import check_spec

BAD = """\
meta:
  title: " "
  organization: O
  language: fr_FR
sections:
  - type: text
    title: "   "
    language: English
    body: Some text.
  - type: text
    title: Fine
    bookmark: ""
    body: Text.
    stats:
      - {value: "5", label: five, language: english_us}
    images:
      - {file: photo.png, alt: " ", language: Français}
  - type: quote
    text: Bonjour.
    language: ""
  - type: cards
    title: C
    cards:
      - {title: B, body: b, lang: es}
"""


def test_every_problem_is_located_with_the_fix(write_spec: Callable[[str], Path]):
    from PIL import Image

    spec = write_spec(BAD)
    Image.new("RGB", (8, 8)).save(spec.parent / "photo.png")
    with pytest.raises(ReportError) as caught:
        check_spec(spec)
    messages = [str(d).removeprefix(str(spec.parent) + "/") for d in caught.value.diagnostics]
    expected = [
        "report.yaml:2:10: meta.title: is blank: it would be an empty title or heading",
        "report.yaml:4:13: meta.language: 'fr_FR' is not a language tag: a BCP 47 tag joins its parts with '-', "
        "not '_' (did you mean 'fr-FR'?)",
        "report.yaml:7:12: sections[0].title: is blank",
        "report.yaml:8:15: sections[0].language: 'English' is not a language tag: 'english' is not a language code "
        "(did you mean 'en' (English)?)",
        "report.yaml:12:15: sections[1].bookmark: is empty",
        "report.yaml:15:45: sections[1].stats[0].language: 'english_us' is not a language tag",
        "report.yaml:17:32: sections[1].images[0].alt: is only spaces",
        "report.yaml:17:47: sections[1].images[0].language: 'Français' is not a language tag "
        "(did you mean 'fr' (French)?)",
        "report.yaml:20:15: sections[2].language: the language tag is empty: the PDF would name no language",
        "report.yaml:24:29: sections[3].cards[0].lang: unknown key 'lang' (did you mean 'language'?)",
    ]
    assert len(messages) == len(expected), "\n".join(messages)
    for message, start in zip(messages, expected):
        assert message.startswith(start), (message, start)
    assert "(did you mean 'en-US' (English)?)" in messages[5]
    assert 'write `alt: ""` if it is only decoration' in messages[6]


@pytest.mark.parametrize("written, meant", [("fr_FR", "fr-FR"), ("EN_us", "en-US"), ("English", "en"),
                                            ("english_us", "en-US"), ("Spanish (Mexico)", "es-MX"),
                                            ("Englsh", "en"), ("français", "fr"), ("es_419", "es-419"),
                                            ("zh_hant_tw", "zh-Hant-TW")])
def test_a_tag_that_is_not_bcp_47_names_the_tag_meant(written: str, meant: str):
    with pytest.raises(SpecError) as caught:
        check_language_tag(written)
    assert caught.value.hint is not None and caught.value.hint.startswith(f"did you mean {meant!r}")


@pytest.mark.parametrize("tag", ["en-US", "es", "es-419", "fr-CA", "zh-Hant-TW", "sr-Latn-RS", "de-CH-1996",
                                 "tlh", "x-klingon", "i-klingon", "qaa", "en-a-bbb-x-private", "EN-us"])
def test_well_formed_tags_of_known_languages_pass(tag: str):
    assert check_language_tag(tag) == tag


@pytest.mark.parametrize("tag", ["qq", "xx-US", "e", "en--US", "en-US-", "abcd", "english"])
def test_unknown_or_malformed_tags_are_refused(tag: str):
    with pytest.raises(SpecError):
        check_language_tag(tag)


def test_a_tag_in_unusual_case_is_a_warning_with_the_usual_case(write_spec: Callable[[str], Path], cli):
    spec = write_spec("meta: {title: T, organization: O, language: EN-us}\n"
                      "sections:\n  - {type: text, title: Hi, body: Text.}\n")
    _, _, warnings = check_spec(spec)
    [warning] = [str(w) for w in warnings if "language" in str(w)]
    assert "report.yaml:1:45: warning: meta.language: the language tag 'EN-us' is usually written 'en-US'" in warning
    assert cli("validate", "--strict", str(spec)).code != 0
    assert canonical("zh-hant-tw") == "zh-Hant-TW" and canonical("EN-a-BBB-x-ABC") == "en-a-bbb-x-abc"
