"""The hyphenation table: the same breaks as pyphen, a disk cache that is used, and lazy loading."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pyphen
import pytest

from reportgen.theme import hyphenation
from reportgen.theme.hyphenation import hyphenator

WORDS = ["education", "superintendent", "comprehensive", "accountability", "extraordinary", "students",
         "Strategic", "collaboration", "hyphenation", "a", "an", "to", "wellness", "Los", "Angeles",
         "opportunities", "professional", "infrastructure", "possibilities"]


def test_breaks_match_pyphen_within_the_discipline(tmp_path: Path):
    """pyphen's breaks with 2 letters before and 3 after; capitalised words and words under 6
    letters not at all."""
    reference = pyphen.Pyphen(lang="en_US", left=2, right=3)
    splits = hyphenator("en_US", tmp_path)
    for word in WORDS:
        expected = [] if word[0].isupper() or len(word) < 6 else list(reference.iterate(word))
        assert splits(word) == expected, word
    assert splits("superintendent")[0] == ("superinten", "dent")
    assert splits("accountability")[0] == ("accountabil", "ity")  # never "accountabili-ty"
    assert hyphenator("en_US", tmp_path, capitalized=True)("Inglewood") == [("Ingle", "wood"), ("In", "glewood")]


@pytest.mark.parametrize("word, breaks", [
    ("county.", []),                      # "coun-ty" would leave 2 letters
    ("Inglewood", []), ("August,", []),   # capitalised
    ("LACOE", []), ("2023-24", []), ("$733,700", []),  # acronyms, figures
    ("www.lacoe.edu", []), ("https://lacoe.edu/x", []), ("info@lacoe.edu", []),
    ("(education),", [(3, True), (4, True), (6, True)]),  # punctuation kept out: (ed-u-ca-tion)
    ("well-established", [(5, False)]),  # a compound breaks at its own hyphen only (not well-estab-lished)
    ("community-centered", [(10, False)]),  # (the default report had community-cen-tered)
    ("self-care", [(5, False)]),  # after its own hyphen; "care" is too short to hyphenate
    ("20-year-old", [(8, False)]),  # never inside a figure, nor right after one: 20-year-|old
    ("7-12", []), ("2023-24,", []),  # ... and not before a tail of under 3 characters
    ("superintendent\u2019s", [(2, True), (5, True), (7, True), (10, True)]),  # the stem breaks, not "\u2019s"
    ("children's,", [(4, True)]),
    ("county\u2019s", []),  # its stem "county" leaves 2 letters either way
])
def test_break_points_keep_the_discipline(tmp_path: Path, word: str, breaks: list):
    found = hyphenator("en_US", tmp_path).breaks(word)
    assert found == breaks
    for offset, _ in found:
        assert offset >= 2 and len(word.rstrip("(),.")) - offset >= 3


def test_the_parsed_table_is_cached_and_read_back(tmp_path: Path):
    hyphenator("en_US", tmp_path)("education")
    [cache] = tmp_path.glob("hyphenation-hyph_en_US-*.json")
    # a fresh process with the cache filled must not import pyphen at all
    code = ("import sys; from pathlib import Path; from reportgen.theme.hyphenation import hyphenator; "
            f"print(hyphenator('en-US', Path({str(tmp_path)!r}))('education')); print('pyphen' in sys.modules)")
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split("\n")
    assert output[:2] == ["[('educa', 'tion'), ('edu', 'cation'), ('ed', 'ucation')]", "False"]
    assert cache.stat().st_size > 10_000


@pytest.mark.parametrize("damage", [b"{not json", b"[1, 2]", b"{}"])
def test_a_damaged_cache_is_parsed_again(tmp_path: Path, damage: bytes):
    hyphenator("en_US", tmp_path)("education")
    [cache] = tmp_path.glob("hyphenation-*.json")
    cache.write_bytes(damage)
    table = hyphenation._load("en_US", tmp_path)
    assert list(table.iterate("education"))[0] == ("educa", "tion")
    assert cache.read_bytes() != damage


@pytest.mark.parametrize("language, name", [("en_US", "hyph_en_US.dic"), ("de_DE", "hyph_de_DE.dic"),
                                            ("en_GB", "hyph_en_GB.dic"), ("xx_YY", "hyph_en_US.dic")])
def test_dictionary_lookup_falls_back_to_american_english(language: str, name: str):
    assert hyphenation.dictionary_path(language).name == name
