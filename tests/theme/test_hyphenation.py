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


def test_breaks_match_pyphen(tmp_path: Path):
    reference = pyphen.Pyphen(lang="en_US")
    splits = hyphenator("en_US", tmp_path)
    for word in WORDS:
        assert splits(word) == list(reference.iterate(word)), word
    assert splits("superintendent")[0] == ("superinten", "dent")


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
