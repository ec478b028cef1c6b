"""Language tags: a spec's text in, a BCP 47 tag (RFC 5646's syntax, a primary language CLDR knows) or a located fix out.

The primary languages known are CLDR's, from Babel: the languages it has locale data for (found by listing
its data folder, without importing Babel: the common case costs no import) and, for a rarer code or a
hint, the languages it names in English (Babel imported then, ~0.1 s). "did you mean" hints turn what
designers write instead (`fr_FR`, `EN-us`, `English`, `english_us`, `Français`) into the tag meant.
"""

from __future__ import annotations

import difflib
import importlib.util
import re
from functools import lru_cache
from pathlib import Path

from reportgen.model.base import SpecError

_ALNUM = "[A-Za-z0-9]"
# RFC 5646 section 2.1, the langtag production: language (with extlang), script, region, variants,
# extensions, private use; then a tag of private use alone and the irregular grandfathered tags
_LANGTAG = (rf"(?P<language>[A-Za-z]{{2,3}}(-[A-Za-z]{{3}}){{0,3}}|[A-Za-z]{{4,8}})"
            rf"(-(?P<script>[A-Za-z]{{4}}))?"
            rf"(-(?P<region>[A-Za-z]{{2}}|[0-9]{{3}}))?"
            rf"(-({_ALNUM}{{5,8}}|[0-9]{_ALNUM}{{3}}))*"
            rf"(-[0-9A-WYZa-wyz](-{_ALNUM}{{2,8}})+)*"
            rf"(-[xX](-{_ALNUM}{{1,8}})+)?")
_PRIVATE = rf"[xX](-{_ALNUM}{{1,8}})+"
IRREGULAR = ("en-GB-oed", "i-ami", "i-bnn", "i-default", "i-enochian", "i-hak", "i-klingon", "i-lux", "i-mingo",
             "i-navajo", "i-pwn", "i-tao", "i-tay", "i-tsu", "sgn-BE-FR", "sgn-BE-NL", "sgn-CH-DE")
WELL_FORMED = re.compile(rf"{_LANGTAG}|{_PRIVATE}")
# the JSON Schema's pattern (ECMA-262 has no named groups or inline flags): what WELL_FORMED accepts
SCHEMA_PATTERN = "^(" + re.sub(r"\?P<\w+>", "", _LANGTAG) + f"|{_PRIVATE}|" + "|".join(
    "".join(f"[{ch.lower()}{ch.upper()}]" if ch.isalpha() else ch for ch in tag) for tag in IRREGULAR) + ")$"
EXAMPLES = "give a BCP 47 tag such as en-US, es, fr-CA or zh-Hant"


def canonical(tag: str) -> str:
    """The tag in BCP 47's usual case: language lower, script title, region upper (`EN-us` -> `en-US`)."""
    parts = tag.split("-")
    out = [parts[0].lower()]
    for index, part in enumerate(parts[1:], 1):
        if len(parts[index - 1]) == 1:  # after a singleton (an extension, x-): lower case
            out.append(part.lower())
        elif len(part) == 2:
            out.append(part.upper())
        elif len(part) == 4 and part.isalpha():
            out.append(part.title())
        else:
            out.append(part.lower())
    return "-".join(out)


def _irregular(tag: str) -> str | None:
    return next((known for known in IRREGULAR if known.lower() == tag.lower()), None)


def check_language_tag(value: str) -> str:
    """The tag as written when it is well-formed and its primary language is known (any case: BCP 47 tags
    are case-insensitive; `language_case_hint` tells the usual one); else SpecError with the tag meant."""
    if not value.strip():
        raise SpecError("the language tag is empty: the PDF would name no language for its text",
                        EXAMPLES + ", or remove the key")
    match = WELL_FORMED.fullmatch(value)
    if _irregular(value) is not None or (match is not None and match.group("language") is None):
        return value  # grandfathered, or private use (x-...)
    if match is not None:
        primary = match.group("language").split("-")[0].lower()
        if known_language(primary):
            return value
        raise SpecError(f"{value!r} is not a language tag: {primary!r} is not a language code",
                        _hint(value) or "give a BCP 47 tag: an ISO 639 language code, such as en, es or fr, and "
                                        "optionally a region, as in en-US")
    raise SpecError(f"{value!r} is not a language tag" + (": a BCP 47 tag joins its parts with '-', not '_'"
                                                          if "_" in value else ""), _hint(value) or EXAMPLES)


def language_case_hint(tag: str) -> str | None:
    """The tag in its usual case when it is written otherwise (`EN-us`), else None."""
    usual = _irregular(tag) or canonical(tag)
    return usual if usual != tag else None


def _hint(value: str) -> str | None:
    """"did you mean 'fr-FR'?" for `fr_FR`, `EN_us`, `English`, `english_us`, `French (Canada)`, `Englsh`."""
    words = [word for word in re.split(r"[\s_\-()./,]+", value.strip()) if word]
    if not words:
        return None
    tag = "-".join(words)
    if WELL_FORMED.fullmatch(tag) and known_language(tag.split("-")[0].lower()):
        return f"did you mean {canonical(tag)!r}?"
    code = language_named(words[0])
    if code is None:
        return None
    regions = [region for word in words[1:] if (region := territory_named(word)) is not None]
    meant = "-".join([code, *regions[:1]])
    return f"did you mean {meant!r} ({english_name(code)})?"


# ---------------------------------------------------------------- CLDR's languages (Babel's locale data)

def _babel_data() -> Path | None:
    found = importlib.util.find_spec("babel")
    if found is None or not found.submodule_search_locations:
        return None
    return Path(list(found.submodule_search_locations)[0]) / "locale-data"


@lru_cache(maxsize=1)
def _locale_languages() -> frozenset[str]:
    """The primary languages Babel has locale data for (en, es, fr ... about 600), from its file names."""
    folder = _babel_data()
    if folder is None or not folder.is_dir():
        return frozenset()
    return frozenset(path.stem.split("_")[0].lower() for path in folder.glob("*.dat") if path.stem != "root")


@lru_cache(maxsize=1)
def _english_names() -> tuple[dict[str, str], dict[str, str]]:
    """CLDR's English names of languages and of regions, by code (Babel imported only here)."""
    try:
        from babel import Locale
    except ImportError:  # pragma: no cover (babel is a dependency)
        return {}, {}
    english = Locale("en")
    return dict(english.languages), dict(english.territories)


def known_language(primary: str) -> bool:
    """Whether a primary language subtag (lower case) is a language: CLDR's, or ISO 639's private use qaa-qtz."""
    if primary in _locale_languages():
        return True
    if len(primary) == 3 and "qaa" <= primary <= "qtz":
        return True
    return len(primary) in (2, 3) and primary in {code.split("_")[0].lower() for code in _english_names()[0]}


def english_name(code: str) -> str:
    return _english_names()[0].get(code, code)


def language_named(word: str) -> str | None:
    """The code of the language `word` names or spells closely (English, english, Englsh -> en), or is (EN -> en)."""
    lowered = word.lower()
    if len(lowered) in (2, 3) and known_language(lowered):
        return lowered
    names = {name.lower(): code for code, name in _english_names()[0].items() if "_" not in code}
    names.update(_OWN_NAMES)
    if lowered in names:
        return names[lowered]
    close = difflib.get_close_matches(lowered, list(names), n=1, cutoff=0.8)
    return names[close[0]] if close else None


def territory_named(word: str) -> str | None:
    """A region code for `word` (US, us, 419, Canada), or None."""
    territories = _english_names()[1]
    if word.upper() in territories and (len(word) == 2 and word.isalpha() or len(word) == 3 and word.isdigit()):
        return word.upper()
    by_name = {name.lower(): code for code, name in territories.items() if code.isalpha()}
    return by_name.get(word.lower())


# what the readers of these reports call their own languages (CLDR's English names cover the rest)
_OWN_NAMES = {"español": "es", "espanol": "es", "castellano": "es", "français": "fr", "francais": "fr",
              "deutsch": "de", "português": "pt", "portugues": "pt", "italiano": "it", "tiếng việt": "vi",
              "tagalog": "tl", "filipino": "fil", "中文": "zh", "한국어": "ko", "日本語": "ja", "հայերեն": "hy",
              "русский": "ru", "فارسی": "fa", "العربية": "ar"}
