"""Language of parts: a section's, a quote's, a card's, a stat's and an image's `language` is its structure
element's /Lang in the PDF, and a section's or card's text is hyphenated with that language's patterns."""

from __future__ import annotations

import random
import re
from pathlib import Path
from typing import Callable, Iterator

import pikepdf
import pyphen
from PIL import Image

from reportgen.pipeline import build, check_spec
from reportgen.theme import build_theme
from tests.conftest import page_texts

# long French words whose French and English break points differ (éta-blis-se-ments, étab-lisse-ments), mixed
# so that line ends fall on different words
_WORDS = ("établissements développement gouvernementales anticonstitutionnellement extraordinaire accompagnement "
          "enseignement responsabilités professionnalisation").split()
FRENCH = " ".join(random.Random(4).choices(_WORDS, k=120))

SPEC = """\
meta:
  title: Languages of parts
  organization: O
  language: en-US
sections:
  - type: cover
    image: {file: photo.png, alt: Une salle de classe, language: fr}
  - type: text
    title: In English
    body: Education for everyone.
    stats:
      - {value: "5", label: five}
      - {value: "7", label: siete, language: es-MX}
    images:
      - {file: photo.png, alt: Estudiantes en un aula, caption: Estudiantes, language: es}
  - type: text
    title: En français
    language: fr
    body: Une éducation pour tous.
  - type: quote
    text: La educación es el arma más poderosa.
    author: Nelson Mandela
    language: es
  - type: cards
    title: Cards
    cards:
      - {title: English card, body: Trained educators.}
      - {title: Tarjeta, body: Educadores formados., language: es,
         stat: {value: "6,000", label: educators, language: en}}
"""


def elements(node: pikepdf.Object) -> Iterator[pikepdf.Dictionary]:
    """Every structure element under `node`, in reading order."""
    kids = node.get("/K")
    if kids is None:
        return
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            yield kid
            yield from elements(kid)


def described(element: pikepdf.Dictionary) -> tuple[str, str | None, str | None]:
    """(role, /Lang, alt or actual text) of an element."""
    words = element.get("/Alt", element.get("/ActualText"))
    return (str(element.S)[1:], str(element.Lang) if "/Lang" in element else None,
            str(words) if words is not None else None)


def write_photo(folder: Path) -> None:
    Image.new("RGB", (400, 300), (90, 120, 160)).save(folder / "photo.png")


def test_every_part_with_a_language_carries_lang(write_spec: Callable[[str], Path], tmp_path: Path):
    spec = write_spec(SPEC)
    write_photo(spec.parent)
    result = build(spec, tmp_path / "out.pdf")
    with pikepdf.open(result.output) as pdf:
        assert str(pdf.Root.Lang) == "en-US"
        found = [described(element) for element in elements(pdf.Root.StructTreeRoot)]
    langs = {(role, words): lang for role, lang, words in found if words is not None}
    assert langs[("Figure", "Une salle de classe")] == "fr"  # the cover photo's alt text
    assert langs[("Figure", "Estudiantes en un aula")] == "es"
    assert langs[("P", "5 \u2014 five")] is None  # in the document's language: no /Lang of its own
    assert langs[("P", "7 \u2014 siete")] == "es-MX"
    assert langs[("P", "6,000 \u2014 educators")] == "en"  # an English figure on a Spanish card
    sects = [(lang, index) for index, (role, lang, _) in enumerate(found) if role == "Sect"]
    section_langs = [lang for lang, _ in sects]
    # cover, English text, French text, Spanish quote, cards (English card, Spanish card)
    assert section_langs == [None, None, "fr", "es", None, None, "es"]
    [caption] = [lang for role, lang, _ in found if role == "Caption"]
    assert caption == "es"


def test_the_quote_is_read_in_its_language(write_spec: Callable[[str], Path], tmp_path: Path):
    spec = write_spec(SPEC)
    write_photo(spec.parent)
    with pikepdf.open(build(spec, tmp_path / "out.pdf").output) as pdf:
        sects = [element for element in elements(pdf.Root.StructTreeRoot) if element.S == "/Sect"]
        [quote] = [sect for sect in sects if any(kid.S == "/BlockQuote" for kid in elements(sect))]
        assert str(quote.Lang) == "es"


def _line_end_breaks(text: str) -> list[tuple[str, str]]:
    """(head, tail) of each word hyphenated at a line end: 'éta-\\nblissements' -> ('éta', 'blissements')."""
    return re.findall(r"(\w+)-\n(\w+)", text)


def _break_points(word: str, language: str) -> set[int]:
    return {len(head) for head, _ in pyphen.Pyphen(lang=language).iterate(word)}


def test_a_french_sections_text_is_hyphenated_with_french_patterns(write_spec: Callable[[str], Path],
                                                                   tmp_path: Path):
    body = " ".join(_WORDS[:5] * 40)
    spec = write_spec(f"""\
meta: {{title: Hyphenation, organization: O, language: en-US}}
sections:
  - type: text
    title: Français
    language: fr
    body: {body}
  - type: text
    title: Anglais
    body: {body}
""")
    result = build(spec, tmp_path / "out.pdf")
    text = "\n".join(page_texts(result.output))
    french, english = text.split("Anglais", 1)
    _assert_hyphenated_in(french, "fr_FR", "en_US")
    _assert_hyphenated_in(english, "en_US", "fr_FR")


def _assert_hyphenated_in(text: str, language: str, other: str) -> None:
    breaks = _line_end_breaks(text)
    assert len(breaks) >= 5, text[:400]
    for head, tail in breaks:  # every break is one the part's own language allows
        assert len(head) in _break_points(head + tail, language), (head, tail, language)
    # and some are breaks the other language would never make (éta-blissements, not étab-lisse-ments)
    assert any(len(head) not in _break_points(head + tail, other) for head, tail in breaks), (language, breaks)


def test_a_cards_text_is_hyphenated_in_the_cards_language(write_spec: Callable[[str], Path], tmp_path: Path):
    # card text is set ragged and unhyphenated by default: the stylesheet justifies and hyphenates it here
    spec = write_spec(f"""\
meta: {{title: Hyphenation, organization: O, language: en-US}}
theme: {{styles: {{card.body: {{alignment: justify, hyphenation: true}}}}}}
sections:
  - type: cards
    title: Cards
    cards:  # wide: a row each, so the French card is drawn (and its text extracted) before the English one
      - {{title: Française, body: {FRENCH}, language: fr, wide: true}}
      - {{title: English, body: {FRENCH}, wide: true}}
""")
    text = "\n".join(page_texts(build(spec, tmp_path / "out.pdf").output))
    french, english = text.split("English", 1)
    _assert_hyphenated_in(french, "fr_FR", "en_US")
    _assert_hyphenated_in(english, "en_US", "fr_FR")
    # a card in the document's language inside a section in another is set in the document's language
    _, report, _ = check_spec(spec)
    theme = build_theme(report, cache_dir=tmp_path)
    assert theme.for_language("fr").for_language("en-US").styles is theme.styles
