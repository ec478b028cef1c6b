"""Hyphenation: a language code in, a word -> [(head, tail), ...] function for ReportLab (with the break points reportgen's line breaker uses) out.

The discipline (Bringhurst's, and the issue's): at least 2 letters before a hyphen and 3 after it;
no words under 6 letters, no capitalised words (unless asked for), no acronyms (LACOE), figures
(2023-24), URLs or e-mail addresses. A compound's own hyphen (well-known) is its only break point
(community-|centered, never communi-ty-centered), and not after a figure (20-year-|old) or, where
capitalised words do not break, a capitalised part (School-based, Jean-Luc).
A capitalised word's breaks are offered apart (`last_resort`): the line breaker takes one only to
save a line from spaces far too wide (reportgen.linebreak's Costs.last_resort).

The patterns are the TeX ones pyphen ships (Liang's algorithm). Parsing them takes pyphen ~40 ms
per process, so the parsed table is kept beside the image cache as JSON and read back in ~4 ms
(JSON, not marshal or pickle: a cache file is data, and neither of those is safe to load from a
damaged or planted file). Pyphen is imported only to fill that cache, or for a dictionary with non-standard
breaks, which the table cannot hold.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterator

from reportgen.cache import read_cached, write_cached

Splits = Callable[[str], list[tuple[str, str]]]
Patterns = dict[str, tuple[int, tuple[int, ...]]]  # read back from JSON as lists, used alike

LEFT, RIGHT = 2, 3  # the shortest head and tail a break leaves
SHORTEST = 6  # letters: shorter words (and parts of a hyphenated word) never break
CACHE_VERSION = 2


def hyphenator(language: str, cache_dir: Path | None = None, capitalized: bool = False,
               last_resort: bool = False) -> "Hyphenator":
    """Splits of a word, longest head first, as ReportLab asks for them; `.breaks(word)` gives the
    break points of a whole word (punctuation included) for reportgen's line breaker.
    `capitalized`: whether capitalised words (Inglewood, August) may break; if not, `last_resort`:
    whether `.last_resort(word)` offers their breaks for the line breaker's last resort.

    Loading is lazy: nothing is read until the first word needs breaking."""
    return _hyphenator(language.replace("-", "_"), cache_dir, capitalized, last_resort)


@lru_cache(maxsize=16)
def _hyphenator(language: str, cache_dir: Path | None, capitalized: bool, last_resort: bool) -> "Hyphenator":
    return Hyphenator(language, cache_dir, capitalized, last_resort)


_NOT_WORDS = re.compile(r"[@/\\:]|www\.|\.[A-Za-z]")  # e-mail addresses, URLs, paths, domain names


_POSSESSIVE = re.compile(r"['\u2019][^\W\d_]{1,2}$")  # 's, 're, 'll: an ending after an apostrophe


class Hyphenator:
    """A language's hyphenation with the discipline above; callable as ReportLab's hyphenator."""

    def __init__(self, language: str, cache_dir: Path | None, capitalized: bool, last_resort: bool = False) -> None:
        self.language, self.cache_dir, self.capitalized = language, cache_dir, capitalized
        self.offers_last_resort = last_resort and not capitalized
        self._table: _Table | _PyphenTable | None = None
        self._splits: dict[str, list[tuple[str, str]]] = {}
        self._breaks: dict[str, list[tuple[int, bool]]] = {}
        self._last_resort: dict[str, list[tuple[int, bool]]] = {}
        self._identity: str | None = None

    def identity(self) -> str:
        """What its answers depend on besides the code: the language, the setting and a hash of the
        patterns (reportgen.reportlab_adapter.linebreaking keys its kept line breaks with it)."""
        if self._identity is None:
            path = dictionary_path(self.language)
            try:
                patterns = hashlib.sha256(path.read_bytes()).hexdigest()[:20]
            except OSError:
                patterns = "?"
            self._identity = f"{self.language}:{self.capitalized}:{self.offers_last_resort}:{path.name}:{patterns}"
        return self._identity

    def __call__(self, word: str) -> list[tuple[str, str]]:
        """ReportLab's question: the (head, tail) splits of a word of letters, longest head first."""
        found = self._splits.get(word)
        if found is None:
            found = self._splits[word] = self._split(word)
        return found

    def _split(self, word: str, capitalized: bool | None = None) -> list[tuple[str, str]]:
        letters = [ch for ch in word if ch.isalpha()]
        if (len(letters) < SHORTEST or sum(ch.isupper() for ch in letters) > 1 or not word.isalpha()
                or (word[0].isupper() and not (self.capitalized if capitalized is None else capitalized))):
            return []  # short words, acronyms (LA-COE), figures, capitalised words
        if self._table is None:
            self._table = _load(self.language, self.cache_dir)
        return list(self._table.iterate(word))

    def breaks(self, word: str) -> list[tuple[int, bool]]:
        """Where a word as set (with its punctuation: "(well-known),") may end a line: character
        offsets, each with whether a hyphen is added there; in order."""
        found = self._breaks.get(word)
        if found is None:
            found = self._breaks[word] = self._find_breaks(word)
        return found

    def last_resort(self, word: str) -> list[tuple[int, bool]]:
        """The breaks of a capitalised word (Super-intendent's) where capitalised words do not break
        (`breaks` gives none), for the line breaker's last resort; none for any other word, or when
        the hyphenator offers no last resort."""
        if not self.offers_last_resort:
            return []
        found = self._last_resort.get(word)
        if found is None:
            found = self._last_resort[word] = [] if self.breaks(word) else self._find_breaks(word, True)
        return found

    def _find_breaks(self, word: str, capitalized: bool | None = None) -> list[tuple[int, bool]]:
        if _NOT_WORDS.search(word):
            return []  # figures break only after their own hyphen ("20-year-old"), never inside
        start, stop = 0, len(word)
        while start < stop and not word[start].isalnum():
            start += 1
        while stop > start and not word[stop - 1].isalnum():
            stop -= 1
        core = word[start:stop]
        if not core:
            return []
        found: list[tuple[int, bool]] = []
        offset = start
        parts = core.split("-")
        for number, part in enumerate(parts):
            stem = _POSSESSIVE.sub("", part)  # Superintendent's: the stem breaks, its ending stays whole
            if len(parts) == 1 and stem.isalpha() and (stem == part or len(stem) >= SHORTEST):
                heads = self(stem) if capitalized is None else self._split(stem, capitalized)
                found += [(offset + len(head), True) for head, _ in reversed(heads)]
            offset += len(part) + 1
            if number < len(parts) - 1 and len(part) >= LEFT and len(parts[number + 1]) >= RIGHT \
                    and not any(ch.isdigit() for ch in part) \
                    and (not part[:1].isupper() or (self.capitalized if capitalized is None else capitalized)):
                found.append((offset, False))  # after the word's own hyphen (School-based: as a capitalised word)
        return found


class BuildHyphenation:
    """One build's hyphenation for a style: the language's Hyphenator (shared by builds: its answers
    depend only on the word) and the build's own cache of words measured for the line breaker
    (reportgen.reportlab_adapter.linebreaking fills it: font, size and text in, widths out), so
    each word is measured and hyphenated once per build, not once per paragraph, and no build's
    measurements reach another's. Callable as ReportLab's hyphenator."""

    def __init__(self, hyphenator: Hyphenator) -> None:
        self.hyphenator = hyphenator
        self.words: dict = {}

    def __call__(self, word: str) -> list[tuple[str, str]]:
        return self.hyphenator(word)

    def breaks(self, word: str) -> list[tuple[int, bool]]:
        """Hyphenator.breaks."""
        return self.hyphenator.breaks(word)

    def last_resort(self, word: str) -> list[tuple[int, bool]]:
        """Hyphenator.last_resort."""
        return self.hyphenator.last_resort(word)

    def identity(self) -> str:
        """Hyphenator.identity."""
        return self.hyphenator.identity()


class _Table:
    """Liang's pattern table, as pyphen's HyphDict holds it."""

    def __init__(self, patterns: Patterns) -> None:
        self.patterns = patterns
        self.longest = max(map(len, patterns), default=1)

    def positions(self, word: str) -> list[int]:
        dotted = f".{word.lower()}."
        scores = [0] * (len(dotted) + 1)
        for start in range(len(dotted) - 1):
            for end in range(start + 1, min(start + self.longest, len(dotted)) + 1):
                pattern = self.patterns.get(dotted[start:end])
                if pattern:
                    offset, values = pattern
                    for index, value in enumerate(values, start + offset):
                        if value > scores[index]:
                            scores[index] = value
        last = len(word) - RIGHT
        return [index - 1 for index, score in enumerate(scores) if score % 2 and LEFT <= index - 1 <= last]

    def iterate(self, word: str) -> Iterator[tuple[str, str]]:
        for position in reversed(self.positions(word)):
            yield word[:position], word[position:]


class _PyphenTable:
    """A dictionary with non-standard breaks (Dutch 'omaatje' -> 'oma-tje'): pyphen itself."""

    def __init__(self, path: Path) -> None:
        import pyphen

        self.iterate = pyphen.Pyphen(filename=path, left=LEFT, right=RIGHT).iterate


def _load(language: str, cache_dir: Path | None) -> _Table | _PyphenTable:
    path = dictionary_path(language)
    data = path.read_bytes()
    if b"/" in data:
        return _PyphenTable(path)
    cache = None
    if cache_dir is not None:
        digest = hashlib.sha256(data).hexdigest()[:20]
        cache = cache_dir / f"hyphenation-{path.stem}-{digest}-v{CACHE_VERSION}.json"
        try:
            patterns = json.loads(read_cached(cache) or b"null")
            if isinstance(patterns, dict) and patterns:
                return _Table(patterns)
        except ValueError:
            pass  # absent or not valid: parse again
    import pyphen

    patterns: Patterns = {key: (offset, tuple(values)) for key, (offset, values) in pyphen.HyphDict(path).patterns.items()}
    if cache is not None:
        write_cached(cache, json.dumps(patterns, separators=(",", ":")).encode())
    return _Table(patterns)


def pattern_name(language: str) -> str | None:
    """The name of pyphen's patterns for a BCP 47 tag ("en-US" -> "en_US", "de" -> "de_DE", "fr-CA" -> "fr");
    None when pyphen has none for its language. Found without importing pyphen."""
    folder = _dictionaries()
    parts = language.replace("_", "-").split("-")
    base = parts[0].lower()
    region = next((part.upper() for part in parts[1:] if len(part) == 2 and part.isalpha()), None)
    candidates = ([f"{base}_{region}"] if region else []) + [base, f"{base}_{base.upper()}"]
    for name in candidates:
        if (folder / f"hyph_{name}.dic").is_file():
            return name
    others = sorted(path.stem[len("hyph_"):] for path in folder.glob(f"hyph_{base}_*.dic"))
    return others[0] if others else None


def _dictionaries() -> Path:
    spec = importlib.util.find_spec("pyphen")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("pyphen is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "dictionaries"


def dictionary_path(language: str) -> Path:
    """pyphen's pattern file for `language` (en_US, de_DE ...; en_US when there is none), found
    without importing pyphen."""
    folder = _dictionaries()
    candidate = folder / f"hyph_{language}.dic"
    return candidate if candidate.is_file() else folder / "hyph_en_US.dic"
