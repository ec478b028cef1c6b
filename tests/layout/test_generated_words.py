"""Generated words in the report's language: bookmarks, pillar labels, link /Contents and the pie's alt text
of French and Spanish builds, read back from the PDF; meta.strings overrides; located errors for bad keys."""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterator

import pikepdf
import pytest
from babel.numbers import format_percent
from pypdf import PdfReader

from reportgen.diagnostics import ReportError
from reportgen.model.strings import BUILT_IN, PLACEHOLDERS, Strings, words_for
from reportgen.pipeline import build, check_spec

SPEC = """\
meta:
  title: {title}
  organization: O
  language: {language}
{strings}sections:
  - type: cover
  - type: contents
  - type: pillars_overview
    title: {plan}
    body: {plan}.
  - type: pillar
    number: 1
    title: {pillar}
    goal: {pillar}.
    body: {pillar}.
  - type: financials
    title: Budget
    pie:
      title: Budget
      slices:
        - {{label: A, amount: 4800000}}
        - {{label: B, amount: 3300000}}
        - {{label: C, amount: 1900000, display: "1,9 M"}}
  - type: back_cover
    url: www.example.org
"""
FRENCH = {"title": "Rapport annuel", "language": "fr-FR", "plan": "Notre plan", "pillar": "Réussir ensemble",
          "strings": ""}
SPANISH = {"title": "Informe anual", "language": "es-US", "plan": "Nuestro plan", "pillar": "Aprender juntos",
           "strings": ""}
ENGLISH_WORDS = ("Cover", "Contents", "Pillar", "PILLAR", "Go to", "Ring chart", "slices", "clockwise")


def _spec(write_spec: Callable[..., Path], values: dict[str, str], name: str = "report.yaml") -> Path:
    return write_spec(SPEC.format(**values), name=name)


def _outline(pdf: pikepdf.Pdf) -> list[str]:
    titles: list[str] = []

    def walk(items: list) -> None:
        for item in items:
            titles.append(str(item.title))
            walk(item.children)

    with pdf.open_outline() as outline:
        walk(outline.root)
    return titles


def _elements(node: object) -> Iterator[pikepdf.Dictionary]:
    if isinstance(node, pikepdf.Array):
        for kid in node:
            yield from _elements(kid)
    elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
        yield node
        if "/K" in node:
            yield from _elements(node.K)


def _read(path: Path) -> dict[str, list[str]]:
    """What a reader hears of the generated words: bookmarks, Alt and ActualText by role, link /Contents, page text."""
    with pikepdf.open(path) as pdf:
        elements = list(_elements(pdf.Root.StructTreeRoot.K))
        return {"outline": _outline(pdf),
                "alt": [str(e.Alt) for e in elements if "/Alt" in e and str(e.S) == "/Figure"],
                # a pillar band's heading (an H2 in the strategic plan's Sect, an H1 without one)
                "heading": [str(e.ActualText) for e in elements
                            if "/ActualText" in e and str(e.S) in ("/H1", "/H2")],
                "links": [str(a.Contents) for page in pdf.pages for a in page.get("/Annots", [])
                          if "/Contents" in a and "/Dest" in a],
                "text": [page.extract_text() or "" for page in PdfReader(str(path)).pages]}


@pytest.fixture
def french(write_spec: Callable[..., Path], tmp_path: Path) -> dict[str, list[str]]:
    return _read(build(_spec(write_spec, FRENCH), tmp_path / "fr.pdf").output)


def test_a_french_report_has_french_bookmarks(french):
    assert french["outline"] == ["Couverture", "Sommaire", "Notre plan", "Réussir ensemble", "Budget",
                                 "Quatrième de couverture"]


def test_a_french_report_has_french_pillar_labels_and_contents(french):
    assert french["heading"] == ["Pilier 1\u00a0: Réussir ensemble"]  # French puts a no-break space before a colon
    text = "\n".join(french["text"])
    assert "PILIER 1" in text and "PILLAR" not in text
    assert "Sommaire" in french["text"][1]  # the contents page's heading (its section has no title)


def test_a_french_reports_links_say_where_they_go_in_french(french):
    assert french["links"] == ["Aller à Notre plan", "Aller à Réussir ensemble", "Aller à Budget",
                               "Aller à Pilier 1\u00a0: Réussir ensemble"]


def test_a_french_pies_alt_text_and_percentages_are_french(french):
    nineteen = format_percent(0.19, locale="fr_FR")  # CLDR's French percent: a no-break space before %
    assert nineteen in ("19\u00a0%", "19\u202f%")
    [alt] = french["alt"]
    # amounts as CLDR groups French digits (a narrow no-break space), a slice's own `display` as written
    assert alt == (f"Graphique en anneau\u00a0: Budget. 3\u00a0secteurs, dans le sens des aiguilles d\u2019une montre "
                   f"depuis le haut\u00a0: A, 4\u202f800\u202f000, 48\u00a0%\u00a0; B, 3\u202f300\u202f000, 33\u00a0%\u00a0; "
                   f"C, 1,9 M, {nineteen}.")
    budget = next(text for text in french["text"] if "Budget" in text and "A" in text)
    # the legend and the ring print it too (text extraction may give the no-break space as a space)
    assert budget.replace("\u00a0", " ").replace("\u202f", " ").count("19 %") == 2
    assert "19%" not in budget


def test_no_english_generated_word_is_left_in_a_french_report(french):
    heard = french["outline"] + french["alt"] + french["heading"] + french["links"] + french["text"]
    left = {word for word in ENGLISH_WORDS for text in heard if word in text}
    assert left == set()


def test_a_spanish_report_has_spanish_words(write_spec, tmp_path):
    spanish = _read(build(_spec(write_spec, SPANISH), tmp_path / "es.pdf").output)
    assert spanish["outline"][:2] == ["Portada", "Índice"] and spanish["outline"][-1] == "Contraportada"
    assert spanish["heading"] == ["Pilar 1: Aprender juntos"]
    assert "PILAR 1" in "\n".join(spanish["text"])
    assert spanish["links"][0] == "Ir a Nuestro plan"
    [alt] = spanish["alt"]
    # CLDR's es-US (Spanish as written in the US) groups and writes percentages as US English does; es-ES does not
    assert alt == ("Gráfico de anillo de Budget. 3 sectores, en el sentido de las agujas del reloj desde arriba: "
                   "A, 4,800,000, 48%; B, 3,300,000, 33%; C, 1,9 M, 19%.")
    assert (words_for("es-ES").number(4800000), words_for("es-ES").percent(19)) == ("4.800.000", "19\u00a0%")


def test_meta_strings_override_the_built_in_words(write_spec, tmp_path):
    strings = '  strings:\n    pillar: "Axe {number}"\n    go_to: "Consulter {title}"\n    percent: "0%"\n'
    result = build(_spec(write_spec, {**FRENCH, "strings": strings}), tmp_path / "fr.pdf")
    french = _read(result.output)
    assert french["heading"] == ["Axe 1\u00a0: Réussir ensemble"]  # the built-in heading around the spec's label
    assert "AXE 1" in "\n".join(french["text"])
    assert french["links"][-1] == "Consulter Axe 1\u00a0: Réussir ensemble"
    assert french["alt"][0].endswith("C, 1,9 M, 19%.")  # the spec's percent pattern
    assert french["outline"][0] == "Couverture"  # what it does not override stays French


def test_a_language_without_words_of_its_own_reads_english_with_its_own_numbers(write_spec, tmp_path):
    german = _read(build(_spec(write_spec, {**FRENCH, "language": "de-DE"}), tmp_path / "de.pdf").output)
    assert german["outline"][0] == "Cover" and german["heading"] == ["Pillar 1: Réussir ensemble"]
    assert german["alt"][0] == ("Ring chart of Budget. 3 slices, clockwise from the top: A, 4.800.000, 48\u00a0%; "
                                f"B, 3.300.000, 33\u00a0%; C, 1,9 M, {format_percent(0.19, locale='de_DE')}.")
    assert words_for("de-DE").number(1234567) == "1.234.567" and words_for("fr-CA").number(1234567) == "1\u00a0234\u00a0567"


def test_an_unknown_key_or_placeholder_in_meta_strings_is_a_located_error(write_spec):
    strings = '  strings:\n    pilar: "Axe {number}"\n    go_to: "Consulter {titel}"\n    percent: "19 pour cent"\n'
    with pytest.raises(ReportError) as caught:
        check_spec(_spec(write_spec, {**FRENCH, "strings": strings}))
    messages = [str(d) for d in caught.value.diagnostics]
    assert any("report.yaml:6:5: meta.strings.pilar: unknown key 'pilar' (did you mean 'pillar'?)" in m for m in messages), messages
    assert any("report.yaml:7:12: meta.strings.go_to: `{titel}` is not a placeholder here; did you mean `{title}`?" in m
               for m in messages), messages
    assert any("report.yaml:8:14: meta.strings.percent: '19 pour cent' is not a CLDR number pattern" in m
               for m in messages), messages


def test_every_built_in_table_has_the_keys_and_placeholders_of_the_model():
    assert set(PLACEHOLDERS) == set(Strings.fields)
    assert {"en", "es", "fr"} <= set(BUILT_IN)
    assert set(BUILT_IN["en"]) == set(PLACEHOLDERS) - {"number", "percent"}  # English: every word
    for language, table in BUILT_IN.items():
        assert set(table) <= set(PLACEHOLDERS), language
        for key, template in table.items():
            Strings.from_data({key: template})  # each one is a valid override: its placeholders are the key's


def test_anchor_names_stay_english_in_every_language(write_spec):
    spec = _spec(write_spec, {**FRENCH, "plan": "Notre plan [sommaire](#contents) et [fin](#back-cover)"})
    check_spec(spec)  # `#contents` and `#back-cover` name the French report's Sommaire and back cover


def test_a_section_in_another_language_has_that_languages_words(write_spec, tmp_path):
    spec = _spec(write_spec, {**FRENCH, "language": "en-US"}).read_text(encoding="utf-8").replace(
        "    number: 1\n", "    number: 1\n    language: es-MX\n")
    english = _read(build(write_spec(spec, name="mixed.yaml"), tmp_path / "mixed.pdf").output)
    assert english["heading"] == ["Pilar 1: Réussir ensemble"]  # the Spanish pillar's own heading
    assert "PILAR 1" in "\n".join(english["text"])
    assert english["outline"][0] == "Cover" and english["links"][-1] == "Go to Pillar 1: Réussir ensemble"
