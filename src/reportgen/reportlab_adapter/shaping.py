"""Text shaping with HarfBuzz: text, font, size and OpenType features in; ReportLab's shaped strings and words, their widths and drawn text out.

ReportLab 5.1 shapes with uharfbuzz (`ParagraphStyle(shaping=1)`, `drawString(..., shaping=True)`): kerning
and ligatures become `TJ` arrays, and justification still works. Three things are done here around it:

- A `Shaper` per build caches shaped words, by font (a registered name is a hash of the font's files),
  size, features and text: ReportLab shapes every word of a paragraph again each time it breaks it at a
  new width. Nothing is kept between builds, but for a build session's copy of what the build cache
  holds (reportgen.pipeline.BuildSession: the shaped strings themselves, not their JSON).
- Features are chosen per style (`features(figures)`): kerning and standard ligatures always (not
  ReportLab's default discretionary ligatures), and proportional or tabular lining figures where the
  stylesheet says so. A paragraph's fragments carry their style's shaper and features (`tag_fragments`);
  reportgen.reportlab_setup makes ReportLab's paragraph module shape through `shape_fragment_word`,
  which leaves fragments of any other paragraph to ReportLab as they were.
- A glyph with no code point of its own (Lato's "ti" ligature, say) gets one from its glyph index in
  plane 15's private-use area, the same whatever was shaped before (ReportLab numbers them in the order
  it meets them, so a font's subsets, and a PDF's bytes, would depend on earlier builds); the text each
  ligature stands for is recorded on the font (`glyph_texts`), for the ToUnicode map, so that copying
  and screen readers read "fi", not "ﬁ" or a private character.

Widths: `Shaper.width` is the sum of the shaped advances (kerning and ligatures included), exactly the
advance `draw_string` draws with; a shaped paragraph word's width (ReportLab's frag word width, word[0])
is the same sum, which ReportLab's line breaking uses.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Callable, Iterable
from itertools import repeat
from pathlib import Path
from typing import Any

import uharfbuzz
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import ShapeData, ShapedFragWord, ShapedStr, makeShapedFragWord, shapeFragWord

from reportgen.cache import CacheMemory, pack_numbers, unpack_numbers

Features = tuple[tuple[str, bool], ...]

BASE_FEATURES: Features = (("kern", True), ("liga", True), ("dlig", False))
FIGURE_FEATURES: dict[str, Features] = {
    "proportional": (("lnum", True), ("pnum", True)),
    "tabular": (("lnum", True), ("tnum", True)),
}
SHAPING = "reportgen_shaping"  # a paragraph fragment's attribute: (Shaper, Features)
CACHE_VERSION = 3              # of the shaped words kept in the build cache (bump when their form changes; 3: columns)
PRIVATE_BASE = 0xF0000         # a glyph without a code point is drawn as PRIVATE_BASE + its glyph index
_UNCHANGED = object()


def features(figures: str | None = None) -> Features:
    """The OpenType features of a style: kerning, standard ligatures, and `figures` ("proportional",
    "tabular" or None for the font's own)."""
    return BASE_FEATURES + FIGURE_FEATURES.get(figures or "", ())


def is_shapable(font_name: str) -> bool:
    """Whether ReportLab can shape text in the registered font (a TrueType font, uharfbuzz installed)."""
    return bool(getattr(pdfmetrics.getFont(font_name), "shapable", False))


def _prepare_font(font: Any) -> None:
    """Give every glyph of `font` without a code point the code point PRIVATE_BASE + its index (once)."""
    if getattr(font, "reportgen_private_glyphs", False):
        return
    _give_code_points(font, range(1, font.hbFace.glyph_count))  # not .notdef: a missing character stays itself
    font.reportgen_private_glyphs = True


def _prepare_codes(font: Any, codes: Iterable[int]) -> None:
    """Give the glyphs behind the private `codes` among `codes` their code points, as _prepare_font does for
    every glyph: all that words read back from the store draw with (every private glyph a shaped word holds
    has its text recorded, _record_texts), without measuring the font's other 500 glyphs (~10 ms a font)."""
    if getattr(font, "reportgen_private_glyphs", False):
        return
    count = font.hbFace.glyph_count
    glyphs = [code - PRIVATE_BASE for code in codes if code >= PRIVATE_BASE and 0 < code - PRIVATE_BASE < count]
    _give_code_points(font, glyphs)


def _give_code_points(font: Any, glyphs: Iterable[int]) -> None:
    """Each of `glyphs` that has no code point gets PRIVATE_BASE + its index, with its width; the font gets
    its record of what such glyphs stand for (`glyph_texts`)."""
    if not hasattr(font, "glyph_texts"):
        font.glyph_texts = {}
    face = font.face
    glyph_to_char, char_widths, char_to_glyph = face.glyphToChar, face.charWidths, face.charToGlyph
    hb_font = None
    for glyph in glyphs:
        if glyph not in glyph_to_char:
            if hb_font is None:
                hb_font = font.hbFont(1000)
            code = PRIVATE_BASE + glyph
            char_to_glyph[code] = glyph
            glyph_to_char[glyph] = [code]
            char_widths[code] = font.pdfScale(hb_font.get_glyph_h_advance(glyph))


def _presentation(code: int) -> bool:
    """A code point that stands for other characters when shaping yields it (ligatures, private glyphs)."""
    return code >= PRIVATE_BASE or 0xE000 <= code <= 0xF8FF or 0xFB00 <= code <= 0xFB4F


def _record_texts(font_of: Callable[[str], Any], pieces: list, text: str) -> None:
    """Note on each font the characters each ligature or private glyph of a shaped word stands for."""
    glyphs = [(frag.fontName, ch, data.cluster) for frag, shaped in pieces
              for ch, data in zip(shaped, shaped.__shapeData__)]
    for index, (font_name, ch, cluster) in enumerate(glyphs):
        if _presentation(ord(ch)):
            end = glyphs[index + 1][2] if index + 1 < len(glyphs) else len(text)
            source = text[cluster:max(end, cluster + 1)]
            if source and source != ch:
                font_of(font_name).glyph_texts.setdefault(ord(ch), source)


def unicode_text(font: Any, code: int) -> str:
    """The text a code point of a font's subset stands for in extracted text (ToUnicode)."""
    recorded = getattr(font, "glyph_texts", {}).get(code)
    if recorded is not None:
        return recorded
    if 0xFB00 <= code <= 0xFB06:
        return unicodedata.normalize("NFKC", chr(code))
    if code >= PRIVATE_BASE:
        return "\ufffd"
    return chr(code)


_PRESENTATIONS = re.compile("[\ue000-\uf8ff\ufb00-\ufb4f\U000f0000-\U0010ffff]")  # what _presentation tests


def written_text(text: str, font_name: str) -> str:
    """Shaped text in a font as its characters were written (ligatures and private glyphs spelled out)."""
    if not _PRESENTATIONS.search(text):
        return str(text)  # (nearly every text: nothing stands for other characters)
    font = pdfmetrics.getFont(font_name)
    return "".join(unicode_text(font, ord(ch)) if _presentation(ord(ch)) else ch for ch in text)


def _lacks_glyphs(word: list) -> bool:
    """Whether a frag word holds a character its font has no glyph for (a no-break space aside, which
    ReportLab draws as a space). HarfBuzz would draw "ő" missing from a font as "o" and a combining
    accent, and text extraction would give those two characters; unshaped, the glyph check reports it
    (reportgen.theme.fonts.SubsetTaggedFont) and the build stops."""
    for frag, text in word[1:]:
        if not hasattr(frag, "cbDefn"):
            glyphs = pdfmetrics.getFont(frag.fontName).face.charToGlyph
            if any(ord(ch) not in glyphs and ch != "\xa0" for ch in text):
                return True
    return False


def _stored_str(text: Any) -> list:
    """A ShapedStr as the build cache keeps it: its characters, clusters and advances, then the glyphs'
    own widths and their offsets only where they differ from the advances and from nothing (0 if not)."""
    data = text.__shapeData__
    advances = [glyph.x_advance for glyph in data]
    widths = [glyph.width for glyph in data]
    offsets = [value for glyph in data for value in (glyph.y_advance, glyph.x_offset, glyph.y_offset)]
    clusters = [glyph.cluster for glyph in data]
    return [str(text), 0 if clusters == list(range(len(data))) else clusters, advances,
            0 if widths == advances else widths, offsets if any(offsets) else 0]


def _shaped_str(chars: str, clusters: list | int, advances: list, widths: list | int, offsets: list | int) -> Any:
    """The ShapedStr `_stored_str` kept."""
    clusters = range(len(advances)) if clusters == 0 else clusters  # type: ignore[assignment]
    widths = advances if widths == 0 else widths
    if offsets == 0:
        y_advances = x_offsets = y_offsets = repeat(0)
    else:
        y_advances, x_offsets, y_offsets = offsets[0::3], offsets[1::3], offsets[2::3]  # type: ignore[index]
    # ShapeData's own __new__ (tuple's), mapped in C: no Python-level call per glyph
    return ShapedStr(chars, shapeData=list(map(tuple.__new__, repeat(ShapeData),
                                               zip(clusters, advances, y_advances, x_offsets, y_offsets, widths))))


def _packed_group(words: dict[str, list]) -> dict[str, object]:
    """Words of one style shaped as one piece each (text -> [width, *`_stored_str`]) as the build cache
    keeps them: their numbers in columns (reportgen.cache.pack_numbers), not a JSON number each."""
    results = list(words.values())
    own_widths = [index for index, result in enumerate(results) if result[4] != 0]
    offset_words = [index for index, result in enumerate(results) if result[5] != 0]
    packed = {"texts": list(words), "chars": [0 if result[1] == text else result[1] for text, result in words.items()],
              "width": pack_numbers([result[0] for result in results]),
              "advances": pack_numbers([advance for result in results for advance in result[3]]),
              "clusters": [[index, result[2]] for index, result in enumerate(results) if result[2] != 0],
              "own_widths": own_widths, "widths": pack_numbers([width for index in own_widths for width in results[index][4]]),
              "offset_words": offset_words,
              "offsets": pack_numbers([offset for index in offset_words for offset in results[index][5]])}
    if any(column is None for column in (packed["width"], packed["advances"], packed["widths"], packed["offsets"])):
        raise ValueError("a shaped word's numbers are not all numbers")
    return packed


def _unpacked_group(packed: dict) -> list[tuple[str, list]]:
    """(text, [width, *`_stored_str`]) of each word `_packed_group` kept."""
    texts, chars = [str(text) for text in packed["texts"]], packed["chars"]
    chars = [text if shaped == 0 else str(shaped) for text, shaped in zip(texts, chars, strict=True)]
    widths, advances = unpack_numbers(packed["width"]), unpack_numbers(packed["advances"])
    counts = [len(shaped) for shaped in chars]
    if len(widths) != len(texts) or sum(counts) != len(advances):
        raise ValueError("a damaged group of shaped words")
    clusters = {int(index): list(of_word) for index, of_word in packed["clusters"]}
    own = _per_word(packed["own_widths"], unpack_numbers(packed["widths"]), counts, 1)
    offsets = _per_word(packed["offset_words"], unpack_numbers(packed["offsets"]), counts, 3)
    made, start = [], 0
    for index, (text, shaped, count) in enumerate(zip(texts, chars, counts)):
        made.append((text, [widths[index], shaped, clusters.get(index, 0), advances[start:start + count],
                            own.get(index, 0), offsets.get(index, 0)]))
        start += count
    return made


def _per_word(indices: list, numbers: list, counts: list[int], per_glyph: int) -> dict[int, list]:
    """The numbers of the words `indices` (`per_glyph` numbers for each of their glyphs), one after another."""
    kept, start = {}, 0
    for index in indices:
        stop = start + per_glyph * counts[index]
        kept[index] = numbers[start:stop]
        start = stop
    if start != len(numbers):
        raise ValueError("a damaged group of shaped words")
    return kept


class Shaper:
    """Shaped text of one build, cached by font, size, features and text."""

    def __init__(self, cache_dir: Path | None = None, memory: CacheMemory | None = None) -> None:
        self._memory = memory  # a build session's (reportgen.pipeline.BuildSession): the store as read or saved last
        self._shaped_words: dict[tuple, object] = {}
        self._shaped_strings: dict[tuple, tuple[str, float]] = {}
        self._hb_fonts: dict[tuple[str, float], Any] = {}
        self._features: dict[Features, dict[str, bool]] = {}
        self._cache_dir = cache_dir
        self._stored: dict[tuple, object] | None = None  # the build cache's shaped words, read when first needed
        self._made = 0  # words HarfBuzz shaped in this build (the cache entry is written again only if any)
        self._ready_fonts: set[str] = set()
        self._texts: dict[str, dict[int, str]] = {}

    # -------------------------------------------------------------- the build cache

    def _cache_file(self) -> Path | None:
        if self._cache_dir is None:
            return None
        # HarfBuzz's version and the features: another HarfBuzz may shape the same words otherwise
        digest = hashlib.sha256(f"{uharfbuzz.version_string()}:{BASE_FEATURES}:{FIGURE_FEATURES}".encode()).hexdigest()[:16]
        return self._cache_dir / f"shaped-words-{digest}-v{CACHE_VERSION}.json"

    def _read_store(self) -> dict[tuple, object]:
        """The shaped words an earlier build kept (fonts are named by a hash of their files, so an entry
        can only match the font it was shaped in); nothing when there is no readable entry."""
        from reportgen.cache import read_cached

        stored: dict[tuple, object] = {}
        path = self._cache_file()
        if path is not None and self._memory is not None:
            kept = self._memory.get(path, "shaped-words")
            if kept is not None:
                stored, self._texts = kept  # type: ignore[misc]
                return stored
            signature = self._memory.signature(path)
        data = read_cached(path) if path is not None else None
        try:
            entry = json.loads(data) if data else {}
            for wanted, font, size, unchanged, changed in entry.get("groups", []):  # words of one piece, by style
                wanted, font, size = tuple((str(name), bool(on)) for name, on in wanted), str(font), float(size)
                for text in unchanged:
                    stored[(wanted, ((font, size, str(text)),))] = 0
                for text, result in _unpacked_group(changed):
                    stored[(wanted, ((font, size, text),))] = [result[0], [[0, *result[1:]]]]
            for wanted, pieces, result in entry.get("words", []):
                stored[(tuple((str(name), bool(on)) for name, on in wanted),
                        tuple((str(font), float(size), str(text)) for font, size, text in pieces))] = result
            self._texts = {str(font): {int(code): str(text) for code, text in texts.items()}
                           for font, texts in entry.get("texts", {}).items()}
        except (ValueError, TypeError, AttributeError, IndexError, KeyError):
            stored, self._texts = {}, {}  # a cache of another form: shaped again, and written anew
        if path is not None and self._memory is not None:
            self._memory.put(path, "shaped-words", (stored, self._texts), signature)
        return stored

    def _from_store(self, key: tuple) -> object:
        if self._stored is None:
            self._stored = self._read_store()
        stored = self._stored.get(key)
        if stored is None:
            return None
        for font_name, _, _ in key[1]:
            if font_name in self._ready_fonts:
                continue
            font = pdfmetrics.getFont(font_name)
            texts = self._texts.get(font_name, {})
            _prepare_codes(font, texts)  # the stored words' glyphs without a code point are among these
            for code, text in texts.items():
                font.glyph_texts.setdefault(code, text)
            self._ready_fonts.add(font_name)
        if stored == 0 or stored is _UNCHANGED:
            return _UNCHANGED
        if isinstance(stored, tuple):
            return stored  # made into shaped strings already (by this build or an earlier one of its session)
        width, parts = stored  # type: ignore[misc]
        made = (width, tuple((number, _shaped_str(*part)) for number, *part in parts))
        self._stored[key] = made  # a session's next build takes it as it is
        return made

    def save(self) -> None:
        """Keep this build's shaped words in the build cache (only when HarfBuzz shaped any: a build that
        found them all there leaves the entry as it is). Entries of words no longer set are dropped."""
        path = self._cache_file()
        if path is None or not self._made:
            return
        from reportgen.cache import write_cached

        groups: dict[tuple, dict[str, object]] = {}
        words = []
        for (wanted, pieces), hit in self._shaped_words.items():
            if hit is _UNCHANGED:
                result: object = 0
            else:
                width, parts = hit  # type: ignore[misc]
                result = [width, [[number, *_stored_str(text)] for number, text in parts]]
            if len(pieces) == 1 and (result == 0 or len(result[1]) == 1):  # type: ignore[index, arg-type]
                font, size, text = pieces[0]
                groups.setdefault((wanted, font, size), {})[text] = result if result == 0 else \
                    [result[0], *result[1][0][1:]]  # type: ignore[index]
            else:
                words.append([[list(item) for item in wanted], [list(piece) for piece in pieces], result])
        fonts = {font for _, pieces in self._shaped_words for font, _, _ in pieces}
        texts = {font: {str(code): text for code, text in sorted(pdfmetrics.getFont(font).glyph_texts.items())}
                 for font in sorted(fonts) if getattr(pdfmetrics.getFont(font), "glyph_texts", None)}
        try:
            grouped = [[[list(item) for item in wanted], font, size, [text for text, result in texts_of.items() if result == 0],
                        _packed_group({text: result for text, result in texts_of.items() if result != 0})]
                       for (wanted, font, size), texts_of in groups.items()]
        except ValueError:  # (cannot happen: HarfBuzz's positions are numbers) nothing is kept rather than a bad entry
            return
        write_cached(path, json.dumps({"groups": grouped, "words": words, "texts": texts},
                                      separators=(",", ":")).encode())
        if self._memory is not None:  # what a build would read back from the entry just written
            self._memory.put(path, "shaped-words", (dict(self._shaped_words), {
                font: {int(code): text for code, text in of_font.items()} for font, of_font in texts.items()}))

    def __deepcopy__(self, memo: dict) -> "Shaper":
        return self  # ReportLab deep-copies a style for <para> attributes: the cache stays one

    # -------------------------------------------------------------- paragraph words

    def shape_word(self, word: list, wanted: Features) -> list:
        """A ReportLab frag word ([width, (frag, text), ...]) shaped with `wanted` features: a
        ShapedFragWord with the same frags, or `word` itself when shaping changes nothing."""
        if isinstance(word, ShapedFragWord):
            return word  # shaped already (a piece of a hyphenated or split word)
        pieces = word[1:]
        if len(pieces) == 1:  # nearly every word: one fragment (the same tests as below, without generators)
            frag, text = pieces[0]
            if isinstance(text, ShapedStr):
                return word
            if hasattr(frag, "cbDefn"):
                return self._shape_new(word, wanted)
            key = (wanted, ((frag.fontName, float(frag.fontSize), text),))
        else:
            if any(isinstance(text, ShapedStr) for _, text in pieces):
                return word  # shaped already (a piece of a hyphenated or split word)
            if not pieces or any(hasattr(frag, "cbDefn") for frag, _ in pieces):
                return self._shape_new(word, wanted)  # anchors and links inside a word: not cached
            key = (wanted, tuple((frag.fontName, float(frag.fontSize), text) for frag, text in pieces))
        hit = self._shaped_words.get(key)
        if hit is None:
            hit = self._from_store(key)
            if hit is None:
                shaped = self._shape_new(word, wanted)
                self._made += 1
                if shaped is word:
                    hit = _UNCHANGED
                else:
                    index = {id(frag): number for number, (frag, _) in enumerate(pieces)}
                    hit = (shaped[0], tuple((index[id(frag)], text) for frag, text in shaped[1:]))
            self._shaped_words[key] = hit
        if hit is _UNCHANGED:
            return word
        width, parts = hit  # type: ignore[misc]
        if len(parts) == 1:
            number, text = parts[0]
            return makeShapedFragWord(word)([width, (pieces[number][0], text)])
        return makeShapedFragWord(word)([width, *((pieces[number][0], text) for number, text in parts)])

    def _shape_new(self, word: list, wanted: Features) -> list:
        if _lacks_glyphs(word):
            return word  # drawn unshaped, so the glyph check sees the character the font lacks (not a decomposition)
        if any(hasattr(frag, "cbDefn") for frag, _ in word[1:]):
            for frag, _ in word[1:]:
                if not hasattr(frag, "cbDefn"):
                    _prepare_font(pdfmetrics.getFont(frag.fontName))
            shaped = shapeFragWord(word, features=dict(wanted))
        else:
            shaped = self._shape_plain(word, wanted)
        if shaped is not word:
            text = "".join(text for frag, text in word[1:] if not hasattr(frag, "cbDefn"))
            _record_texts(pdfmetrics.getFont, [piece for piece in shaped[1:] if isinstance(piece[1], ShapedStr)], text)
        return shaped

    def _hb_font(self, font: Any, size: float) -> Any:
        key = (font.fontName, size)
        hb_font = self._hb_fonts.get(key)
        if hb_font is None:
            _prepare_font(font)
            hb_font = self._hb_fonts[key] = font.hbFont(size)
        return hb_font

    def _shape_plain(self, word: list, wanted: Features) -> list:
        """ReportLab's shapeFragWord (5.1) for a word of text fragments only, without its per-glyph
        costs (a glyph's name, a method call per scaled number): the same shaped word, or `word`."""
        pieces = word[1:]
        owners: list[int] = []
        for number, (_, text) in enumerate(pieces):
            owners.extend([number] * len(text))
        text = "".join(text for _, text in pieces)
        if not owners:
            return word
        font = pdfmetrics.getFont(pieces[0][0].fontName)
        buffer = uharfbuzz.Buffer()
        buffer.cluster_level = uharfbuzz.BufferClusterLevel.MONOTONE_CHARACTERS
        buffer.add_str(text)
        buffer.guess_segment_properties()
        uharfbuzz.shape(self._hb_font(font, pieces[0][0].fontSize), buffer, self._feature_dict(wanted))
        count = len(text)
        changed = shaped = False
        parts: list[tuple[object, ShapedStr]] = []
        total = 0.0
        owner, chars, data = -1, [], []  # the piece being made
        scale = size = 0.0
        glyph_to_char = char_widths = None
        for index, (info, position) in enumerate(zip(buffer.glyph_infos, buffer.glyph_positions)):
            cluster = info.cluster
            if owners[cluster] != owner:
                if owner >= 0:
                    parts.append((pieces[owner][0], ShapedStr("".join(chars), shapeData=data)))
                owner, chars, data = owners[cluster], [], []
                frag = pieces[owner][0]
                if frag.fontName != font.fontName or glyph_to_char is None:
                    font = pdfmetrics.getFont(frag.fontName)
                    _prepare_font(font)
                    face = font.face
                    glyph_to_char, char_widths, scale = face.glyphToChar, face.charWidths, 1000 / face.unitsPerEm
                size = frag.fontSize / 1000
            glyph = info.codepoint
            code = glyph_to_char[glyph][0] if glyph else ord(text[cluster])  # .notdef: the character it lacks
            width = char_widths.get(code, 0) if not glyph else char_widths[code]
            char = chr(code)
            x_advance, x_offset = position.x_advance * scale, position.x_offset * scale
            y_advance, y_offset = position.y_advance * scale, position.y_offset * scale
            if x_advance:
                total += x_advance * size
            shaped = shaped or x_offset != 0 or y_offset != 0 or index >= count or (
                text[index] == char and x_advance != width)
            changed = changed or shaped or index >= count or text[index] != char
            chars.append(char)
            data.append(ShapeData(cluster, x_advance, y_advance, x_offset, y_offset, width))
        parts.append((pieces[owner][0], ShapedStr("".join(chars), shapeData=data)))
        if not changed:
            return word
        return makeShapedFragWord(word)([total, *parts])

    def _feature_dict(self, wanted: Features) -> dict[str, bool]:
        made = self._features.get(wanted)
        if made is None:
            made = self._features[wanted] = dict(wanted)
        return made

    # -------------------------------------------------------------- strings on the canvas

    def shaped(self, text: str, font_name: str, size: float, wanted: Features) -> str:
        """`text` shaped in the font (a ShapedStr), or `text` when the font cannot be shaped."""
        return self._shaped_string(text, font_name, size, wanted)[0]

    def width(self, text: str, font_name: str, size: float, wanted: Features) -> float:
        """The advance of `text` as `draw_string` draws it (kerning and ligatures included)."""
        return self._shaped_string(text, font_name, size, wanted)[1]

    def _shaped_string(self, text: str, font_name: str, size: float, wanted: Features) -> tuple[str, float]:
        """`text` shaped (or as it is, when the font cannot be shaped) and its advance, worked out once."""
        key = (font_name, size, wanted, text)
        hit = self._shaped_strings.get(key)
        if hit is None:
            shaped = text
            if text and is_shapable(font_name):
                word = self.shape_word([pdfmetrics.stringWidth(text, font_name, size), (_Frag(font_name, size), text)],
                                       wanted)
                if len(word) == 2 and isinstance(word[1][1], ShapedStr):  # one font: one shaped piece
                    shaped = word[1][1]
            width = sum(data.x_advance for data in shaped.__shapeData__) * size / 1000 \
                if isinstance(shaped, ShapedStr) else pdfmetrics.stringWidth(text, font_name, size)
            hit = self._shaped_strings[key] = (shaped, width)
        return hit

    def draw_string(self, canvas: Any, x: float, y: float, text: str, font_name: str, size: float,
                    wanted: Features, align: str = "left") -> float:
        """Draw `text` shaped, starting at x ("left"), centred on it ("center") or ending at it
        ("right"), in the font and size given (which become the canvas's); returns the width drawn."""
        shaped, width = self._shaped_string(text, font_name, size, wanted)
        canvas.setFont(font_name, size)
        line = canvas.beginText(_aligned(x, width, align), y)
        line.textLine(shaped)
        canvas.drawText(line)
        return width


def _aligned(x: float, width: float, align: str) -> float:
    """Where a string `width` wide starts to begin at x ("left"), be centred on it or end at it ("right")."""
    return x - width if align == "right" else x - width / 2 if align == "center" else x


class _Frag:
    """The least of a paragraph fragment ReportLab's shaping reads (font and size)."""

    def __init__(self, font_name: str, size: float):
        self.fontName, self.fontSize = font_name, size


def style_shaping(style: Any) -> tuple[Shaper, Features] | None:
    """The shaper and features a ParagraphStyle was given (reportgen.theme.styles), if any."""
    return getattr(style, SHAPING, None)


def string_width(text: str, style: Any, *, font: str | None = None, size: float | None = None) -> float:
    """The width `draw_string` draws `text` with in `style` (its font and size unless given)."""
    font, size = font or style.fontName, style.fontSize if size is None else size
    shaping = style_shaping(style)
    if shaping is None:
        return pdfmetrics.stringWidth(text, font, size)
    return shaping[0].width(text, font, size, shaping[1])


def shaped_text(text: str, style: Any, *, font: str | None = None, size: float | None = None) -> tuple[str, float]:
    """`text` shaped in `style` (a string ReportLab's canvas draws with its kerning and ligatures, for a
    graphics String, say) and its width."""
    font, size = font or style.fontName, style.fontSize if size is None else size
    shaping = style_shaping(style)
    if shaping is None:
        return text, pdfmetrics.stringWidth(text, font, size)
    return shaping[0]._shaped_string(text, font, size, shaping[1])


def line_width(text: str, style: Any, *, font: str | None = None, size: float | None = None) -> float:
    """The width of `text` set on one line of a paragraph in `style`: its words shaped one by one,
    the spaces between them at the font's space width, as ReportLab's line breaking measures them."""
    font, size = font or style.fontName, style.fontSize if size is None else size
    words = text.split()
    space = pdfmetrics.stringWidth(" ", font, size)
    return sum(string_width(word, style, font=font, size=size) for word in words) + space * max(len(words) - 1, 0)


def draw_string(canvas: Any, x: float, y: float, text: str, style: Any, *, font: str | None = None,
                size: float | None = None, align: str = "left") -> float:
    """Draw `text` in `style` (its font and size unless given; the canvas keeps them), shaped when the
    style is, from x ("left"), centred on x ("center") or ending at x ("right"); returns its width."""
    font, size = font or style.fontName, style.fontSize if size is None else size
    shaping = style_shaping(style)
    if shaping is None:
        canvas.setFont(font, size)
        width = pdfmetrics.stringWidth(text, font, size)
        canvas.drawString(_aligned(x, width, align), y, text)
        return width
    return shaping[0].draw_string(canvas, x, y, text, font, size, shaping[1], align)


def install_paragraph_shaping() -> None:
    """Make ReportLab's paragraphs shape through `shape_fragment_word` (once; reportgen.reportlab_setup)."""
    from reportlab.platypus import paragraph

    if not hasattr(paragraph.shapeFragWord, "reportgen_original"):
        paragraph.shapeFragWord = shape_fragment_word(paragraph.shapeFragWord)


def tag_fragments(fragments: Any, shaper: Shaper, wanted: Features) -> None:
    """Make a paragraph's fragments shape with `shaper` and `wanted` features."""
    if isinstance(fragments, list):
        for fragment in fragments:
            if not isinstance(fragment, list):  # a split's pieces hold words of fragments tagged already
                setattr(fragment, SHAPING, (shaper, wanted))


def shape_fragment_word(original: Callable[..., list]) -> Callable[..., list]:
    """ReportLab's shapeFragWord, made to use a fragment's shaper and features when it carries them."""

    def shape(word: list, features: dict | None = None, force: bool = False) -> list:
        if len(word) == 2:  # one fragment (nearly every word)
            shaping = getattr(word[1][0], SHAPING, None)
            if shaping is not None:
                return shaping[0].shape_word(word, shaping[1])
            return original(word, force=force) if features is None else original(word, features, force)
        for frag, _ in word[1:]:
            shaping = getattr(frag, SHAPING, None)
            if shaping is not None:
                shaper, wanted = shaping
                return shaper.shape_word(word, wanted)
        return original(word, force=force) if features is None else original(word, features, force)

    shape.reportgen_original = original  # type: ignore[attr-defined]
    return shape


__all__ = ["BASE_FEATURES", "FIGURE_FEATURES", "SHAPING", "Features", "Shaper", "draw_string", "features",
           "install_paragraph_shaping", "is_shapable", "line_width", "shape_fragment_word", "shaped_text", "string_width",
           "style_shaping", "tag_fragments", "unicode_text"]
