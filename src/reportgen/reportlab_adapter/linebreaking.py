"""ReportLab's words to reportgen's line breaker and back: a paragraph and its line widths in, ReportLab's broken lines out.

ReportLab breaks lines first-fit (Paragraph.breakLines). reportgen's Paragraph asks `broken_lines`
first: it measures the paragraph's words as ReportLab does (its frag words, shaped by HarfBuzz when
the style has `shaping=1`), offers hyphenation points as reportgen.theme.hyphenation allows them,
lets reportgen.linebreak choose the breaks, and builds the same line structure ReportLab's
breakLines builds (FragLine lines in a ParaLines of kind 1), so ReportLab draws and justifies the
lines, and splits the paragraph between them, as its own. Paragraphs it does not handle (inline
images, soft hyphens, right-to-left or CJK text, leaders, auto leading) get None: ReportLab breaks them.

The breaker's decisions (where each line ends, and the lines' adjustment ratios) are kept in the build
cache by a `BreakStore` (a style's `reportgen_breaks`), keyed by a hash of everything they depend on:
the measured words (text, font, size, shaped width), the line widths, the alignment, the costs, the
hyphenation (language, setting, patterns), and the source of the breaking code itself; a warm build
looks no word up for hyphenation and runs no total fit, it only cuts the words and builds the lines.
"""

from __future__ import annotations

import hashlib
import re
from array import array
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Sequence

from reportlab.lib.enums import TA_JUSTIFY
from reportlab.lib.rl_accel import sameFrag
from reportlab.pdfbase.pdfmetrics import getAscentDescent, getFont, stringWidth
from reportlab.pdfbase.ttfonts import ShapedStr, _sdSimple
from reportlab.platypus.paragraph import (
    _FK_BREAK,
    FragLine,
    ParaLines,
    _getFragWords,
    _handleBulletWidth,
    _HSFrag,
    _SHYWord,
    _SplitFrag,
    _SplitFragH,
    _SplitFragHS,
    _SplitFragHY,
)

from reportlab.platypus import paragraph as _paragraph

from reportgen.linebreak import (FORCED, GLUE, HYPHEN, NONE, Boxes, Breaks, Costs, break_lines, glyph_scale,
                                  space_factor)
from reportgen.reportlab_adapter.breakstore import BREAKS, Decisions
from reportgen.reportlab_adapter.shaping import SHAPING


def shapeFragWord(word: Any) -> Any:  # noqa: N802 (ReportLab's name)
    """ReportLab's shaping of a frag word, looked up when called: reportgen.reportlab_setup wraps it so that a
    fragment shapes with its build's shaper and features (reportlab_adapter.shaping); a ReportLab without
    shaping leaves the word as it is."""
    shape = getattr(_paragraph, "shapeFragWord", None)
    return shape(word) if shape is not None else word


COSTS = Costs()

# Hanging punctuation (optical margin alignment, as microtype protrudes it): the share of a mark's width that
# may stand outside the measure, at a justified line's end (right) or start (left). Light marks hang most.
HANG_RIGHT = {"-": 0.7, "\u2010": 0.7, "\u00ad": 0.7, ".": 0.6, ",": 0.6, ":": 0.4, ";": 0.4, "\u2019": 0.6,
              "\u201d": 0.5, "'": 0.6, '"': 0.5, "!": 0.2, "?": 0.2, ")": 0.2, "\u2013": 0.3, "\u2014": 0.2}
HANG_LEFT = {"\u2018": 0.6, "\u201c": 0.5, "'": 0.6, '"': 0.5, "(": 0.2}


# A figure and the word of magnitude after it stay on one line ($4.7 billion, 2 million, 19 percent): the space
# between them is set as a space but never broken. (English, Spanish and French.)
MAGNITUDES = frozenset({"hundred", "thousand", "million", "millions", "billion", "billions", "trillion", "percent",
                        "mil", "millón", "millones", "billón", "billones", "cien", "ciento", "por", "milliers",
                        "million", "milliard", "milliards", "pour", "%"})
_FIGURE = re.compile(r"^[(\[]?[$€£¥]?\d[\d,.\u202f\u00a0]*$")


def _tied(word: str, following: str) -> bool:
    """Whether the space between two words is never a line end: a figure before its magnitude."""
    return bool(_FIGURE.match(word)) and following.rstrip(".,;:!?)]\u2019\u201d").lower() in MAGNITUDES


def _hang(character: str, table: dict[str, float], font: str, size: float) -> float:
    """How far a mark may hang into the margin (0 for a letter)."""
    share = table.get(character)
    return share * _glyph_width(character, font, size) if share else 0.0


def _words_digest(words: list[_Word]) -> str:
    """A hash of what the breaker sees of the words: their kind, measured width and pieces' text (with
    their lengths: any character may occur in a text), font, size, raise and inline objects."""
    kinds: dict[type, int] = {}    # each kind of word, numbered as first met (the names are hashed too)
    heads: dict[int, int] = {}     # each frag, numbered as first met (a paragraph's words share its frags)
    named: list[str] = []          # the kinds' names and the frags' parts of the text, in those numbers
    widths, pieces, lengths, texts = array("d"), array("q"), array("q"), []
    for item in words:
        word = item.word
        kind = kinds.get(type(word))
        if kind is None:
            kind = kinds[type(word)] = len(kinds)
            named.append(f"\x1e{type(word).__name__}")
        widths.append(word[0])
        plain = item.plain
        pieces.append(-1 - kind)  # a word starts: its kind, then its pieces' frags
        for frag, text in plain[1:]:
            head = heads.get(id(frag))
            if head is None:
                head = heads[id(frag)] = len(heads)
                named.append(f"\x1f{frag.fontName}:{float(frag.fontSize)!r}:{hasattr(frag, 'cbDefn')}:"
                             f"{bool(getattr(frag, 'rise', 0))}:{getattr(frag, '_fkind', None)}:")
            pieces.append(head)
            lengths.append(len(text))
            texts.append(text)
    digest = hashlib.sha256("\x1d".join(named).encode("utf-8", "surrogatepass"))
    for column in (widths, pieces, lengths):
        digest.update(b"\x1d" + column.tobytes())
    digest.update("".join(texts).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _hyphenation_identity(hyphenation: Any) -> str:
    """What a style's hyphenation answers depend on (reportgen.theme.hyphenation's identity); "none"
    without hyphenation, and an identity of this process alone for another hyphenator."""
    identity = getattr(hyphenation, "identity", None)
    return identity() if callable(identity) else ("none" if not hyphenation else f"unknown:{id(hyphenation)}")


@dataclass
class Broken:
    """A paragraph broken by reportgen: ReportLab's lines, the frag words they use (the paragraph's
    new `frags`), the widest line, how many lines end in a hyphen, the loosest justified line's
    space (in natural spaces) and whether total fit chose the breaks."""

    lines: Any
    frags: list
    width_max: float
    hyphens: int
    loosest: float
    optimal: bool


@dataclass
class _Measured:
    """A paragraph's words as measured for the breaker, kept while its frags are those words (`frags`) or
    the frag words its last breaking made of them (`broken`): what breaking at other widths reuses."""

    frags: list
    words: list["_Word"]
    broken: list | None = None
    boxes_by_width: dict = field(default_factory=dict)  # (justified, narrowest, first width) -> boxes
    digest: str | None = None          # _words_digest(words), the break store's key part
    elastic: bool | None = None        # whether its letters may be scaled (see _elastic)
    lengths: list[int] | None = None   # each word's length in characters, to check kept decisions

    def holds(self, frags: list) -> bool:
        return _same(self.frags, frags) or _same(self.broken, frags)


@dataclass
class _Word:
    """A frag word, as measured and as written."""

    word: list            # ReportLab's frag word, as measured (shaped when shaping)
    plain: list           # the same before shaping, for cutting


@lru_cache(maxsize=512)
def _glyph_width(character: str, font: str, size: float) -> float:
    """The width of a space or hyphen (registered font names name their content: the cache is safe)."""
    return stringWidth(character, font, size)


def _eligible(paragraph: Any) -> bool:
    style = paragraph.style
    auto_leading = getattr(paragraph, "autoLeading", getattr(style, "autoLeading", ""))
    return (not style.wordWrap and not style.endDots and auto_leading in ("", "off")
            and bool(paragraph.frags))


def _is_break(word: list) -> bool:
    return getattr(word[1][0], "_fkind", None) == _FK_BREAK


def _hyphenable(word: list) -> bool:
    """Whether a frag word can be cut between characters: text only, no raised or inline objects."""
    return all(text and not hasattr(frag, "cbDefn") and not getattr(frag, "rise", 0) for frag, text in word[1:])


def _word_text(word: list) -> str:
    return "".join(text for _, text in word[1:])


def _cut(word: list, start: int, stop: int) -> list[tuple[Any, str]]:
    """The (frag, text) parts of characters start..stop of a frag word."""
    parts, offset = [], 0
    for frag, text in word[1:]:
        end = offset + len(text)
        a, b = max(start, offset), min(stop, end)
        if a < b:
            parts.append((frag, text[a - offset:b - offset]))
        offset = end
    return parts


def _parts_width(parts: Sequence[tuple[Any, str]]) -> float:
    return sum(stringWidth(text, frag.fontName, frag.fontSize) for frag, text in parts)


def _measured_words(paragraph: Any, widths: Sequence[float], shaping: bool) -> list[_Word] | None:
    words = _getFragWords(paragraph.frags, widths[0])
    result = []
    plain: dict[int, Any] = {}  # frags of no inline object: the shaping they carry (None: ReportLab's)
    for word in words:
        if len(word) == 2 and id(frag := word[1][0]) in plain and not isinstance(word, _SHYWord):  # nearly every word
            carried = plain[id(frag)]
            if not shaping:
                result.append(_Word(word, word))
            elif carried is not None:  # (shaping.shape_fragment_word's choice, without its calls)
                result.append(_Word(carried[0].shape_word(word, carried[1]), word))
            else:
                result.append(_Word(shapeFragWord(word), word))
            continue
        if isinstance(word, _SHYWord) or any(getattr(getattr(f, "cbDefn", None), "width", 0) for f, _ in word[1:]):
            return None  # soft hyphens or inline images: ReportLab's own breaking
        if len(word) == 2 and "cbDefn" not in word[1][0].__dict__:
            plain[id(word[1][0])] = getattr(word[1][0], SHAPING, None)
        result.append(_Word(shapeFragWord(word) if shaping else word, word))
    return result


def _elastic(words: list[_Word]) -> bool:
    """Whether a justified paragraph's lines may scale their glyphs: not when a word is a link, underlined,
    struck through, on a background colour or carries a callback (ReportLab places their rectangles and
    anchors at unscaled widths)."""
    for item in words:
        for frag, _ in item.plain[1:]:
            state = frag.__dict__
            if state.get("link") or state.get("us_lines") or state.get("backColor") or "cbDefn" in state:
                return False
    return True


def _same(these: list | None, those: list) -> bool:
    """Whether two lists hold the same objects (a list of frag words, or a copy of it)."""
    return these is not None and (these is those or (len(these) == len(those)
                                                    and all(a is b for a, b in zip(these, those))))


def _fits_one_line(words: list[_Word], width: float) -> bool:
    """Whether the words, at their natural spacing, fit on one line (no hyphenation to look up)."""
    total = 0.0
    for item in words:
        word = item.word
        if _is_break(word):
            return False
        last = word[-1][0]
        total += word[0] + (_glyph_width(" ", last.fontName, last.fontSize) if isinstance(word, _HSFrag) else 0.0)
        if total > width:
            return False
    return True


def _word_boxes(item: _Word, hyphenate: Any, last_resort: Any = None) -> tuple[list[tuple[int, bool]], tuple[tuple, ...]]:
    """A word's break points (when `hyphenate` is given; `last_resort`'s when it has none of those) and
    its boxes: (width, space, kind, extra, word start, penalty) each."""
    word, plain = item.word, item.plain
    text = _word_text(plain)
    written = [frag for frag, part in plain[1:] if part] or [plain[1][0]]  # the frags of its first and last marks
    first, last_frag = written[0], written[-1]
    lead = _hang(text[:1], HANG_LEFT, first.fontName, first.fontSize)
    penalty = 0.0
    breaks = hyphenate(text) if hyphenate is not None and _hyphenable(plain) else []
    if not breaks and last_resort is not None and hyphenate is not None and _hyphenable(plain):
        breaks = last_resort(text)
        penalty = COSTS.last_resort
    last = word[-1][0]
    glue = isinstance(word, _HSFrag)
    space = _glyph_width(" ", last.fontName, last.fontSize) if glue else 0.0
    tail = (GLUE, space) if glue else (NONE, 0.0)
    end = _hang(text[-1:], HANG_RIGHT, last_frag.fontName, last_frag.fontSize)
    if not breaks:
        width = float(word[0])
        return breaks, ((width, tail[1], tail[0], 0.0, 1 if width > 0 else 0, 0.0, end, lead),)
    offsets = [0] + [offset for offset, _ in breaks] + [len(text)]
    pieces = [_parts_width(_cut(plain, a, b)) for a, b in zip(offsets, offsets[1:])]
    total = sum(pieces)
    scale = word[0] / total if total > 0 else 1.0
    boxes = []
    for piece, (offset, hyphen) in enumerate(breaks):
        frag = _cut(plain, offset - 1, offset)[0][0]
        extra = _glyph_width("-", frag.fontName, frag.fontSize) if hyphen else 0.0
        mark = "-" if hyphen else text[offset - 1]
        boxes.append((pieces[piece] * scale, 0.0, HYPHEN, extra, 1 if piece == 0 else 0, penalty,
                      _hang(mark, HANG_RIGHT, frag.fontName, frag.fontSize), lead if piece == 0 else 0.0))
    boxes.append((pieces[-1] * scale, tail[1], tail[0], 0.0, 0, 0.0, end, 0.0))
    return breaks, tuple(boxes)


def _boxes(words: list[_Word], hyphenate: Any, narrowest: float | None, cache: dict, elastic: bool = False,
           last_resort: Any = None, tie_width: float | None = None) -> tuple[Boxes, list[tuple[int, int]], list[list[tuple[int, bool]]]]:
    """The line breaker's boxes, for each the word and the piece of it (0 for a word's first), and
    each word's break points. Words are hyphenated when `hyphenate` is given and (with a
    `narrowest` line, for ragged text) only those wider than it; their glyphs may be scaled when
    `elastic`; a justified paragraph's words without breaks offer `last_resort`'s; a figure and its magnitude
    are tied (_tied) where the two fit in `tie_width`. `cache` holds the boxes of words of one frag (by text, font, size and measured width)
    across paragraphs."""
    widths: list[float] = []
    spaces: list[float] = []
    kinds: list[int] = []
    extras: list[float] = []
    starts: list[int] = []
    penalties: list[float] = []
    hang_end: list[float] = []
    hang_start: list[float] = []
    origin: list[tuple[int, int]] = []
    breaks_of_words: list[list[tuple[int, bool]]] = []
    for index, item in enumerate(words):
        word = item.word
        if _is_break(word):
            if kinds and kinds[-1] == GLUE:
                kinds[-1], spaces[-1] = NONE, 0.0
            widths.append(0.0), spaces.append(0.0), kinds.append(FORCED), extras.append(0.0), starts.append(0)
            penalties.append(0.0), hang_end.append(0.0), hang_start.append(0.0)
            origin.append((index, 0))
            breaks_of_words.append([])
            continue
        wanted = hyphenate if narrowest is None or word[0] > narrowest else None
        rescue = last_resort if narrowest is None else None
        if len(item.plain) == 2:
            frag, text = item.plain[1]
            key = (text, frag.fontName, frag.fontSize, word[0], isinstance(word, _HSFrag), wanted is not None,
                   rescue is not None)
            found = cache.get(key)
            if found is None:
                found = cache[key] = _word_boxes(item, wanted, rescue)
        else:
            found = _word_boxes(item, wanted, rescue)
        word_breaks, boxes = found
        breaks_of_words.append(word_breaks)
        for piece, (width, space, kind, extra, start, penalty, end, lead) in enumerate(boxes):
            widths.append(width), spaces.append(space), kinds.append(kind), extras.append(extra), starts.append(start)
            penalties.append(penalty), hang_end.append(end), hang_start.append(lead)
            origin.append((index, piece))
        if kinds[-1] == GLUE and index + 1 < len(words) and _tied(_word_text(item.plain), _word_text(words[index + 1].plain)) \
                and (tie_width is None or word[0] + spaces[-1] + words[index + 1].word[0] <= tie_width):
            kinds[-1] = NONE  # (the space stays, as a space that does not break; not where the two overfill a line)
    if kinds:
        kinds[-1], spaces[-1] = FORCED, 0.0
    hanging = elastic  # (punctuation hangs where glyphs may scale: justified text without links)
    return (Boxes(widths, spaces, kinds, extras, starts, widths if elastic else None,
                  penalties if any(penalties) else None, hang_end if hanging else None,
                  hang_start if hanging else None), origin, breaks_of_words)


def _pieces(item: _Word, cuts: Sequence[tuple[int, bool]], shaping: bool) -> list[list]:
    """A frag word cut at the given breaks ((character offset, hyphen added) pairs, in order):
    ReportLab's split frag words, the heads carrying their hyphen."""
    if not cuts:
        return [item.word]
    plain = item.plain
    text_length = len(_word_text(plain))
    offsets = [0] + [offset for offset, _ in cuts] + [text_length]
    pieces = []
    for number, (a, b) in enumerate(zip(offsets, offsets[1:])):
        parts = _cut(plain, a, b)
        if number < len(cuts):
            hyphen = cuts[number][1]
            if hyphen:
                frag, text = parts[-1]
                parts[-1] = (frag, text + "-")
            kind = _SplitFragHY if hyphen else _SplitFragH
        else:
            kind = _SplitFragHS if isinstance(plain, _HSFrag) else _SplitFrag
        piece = kind([_parts_width(parts), *parts])
        pieces.append(shapeFragWord(piece) if shaping else piece)
    return pieces


def _mergeable(frag: Any) -> Any:
    """The frag, when ReportLab's sameFrag would find its clone the same as it (then the identity
    test stands in for sameFrag); None for frags sameFrag never merges."""
    state = frag.__dict__
    return None if "cbDefn" in state or "lineBreak" in state else frag


@lru_cache(maxsize=256)
def _extent(font: str, size: float) -> tuple[float, float]:
    """A font's ascent and descent at a size (registered font names name their content: the cache is safe)."""
    return getAscentDescent(font, size)


def _joined(texts: list[str]) -> str:
    """Texts concatenated as ReportLab's ShapedStr concatenates them one by one (a plain text's characters
    as simple glyphs), in one step: a line's words were added to their part one at a time, each addition
    copying the part's glyphs so far."""
    if len(texts) == 1:
        return texts[0]
    if not any(isinstance(text, ShapedStr) for text in texts):
        return "".join(texts)
    data: list = []
    for text in texts:
        data.extend(text.__shapeData__ if isinstance(text, ShapedStr) else [_sdSimple] * len(text))
    return ShapedStr("".join(texts), shapeData=data)


def _frag_line(words: list[list], max_width: float, first: int, join_breaks: bool) -> tuple[Any, float]:
    """One of ReportLab's FragLines (as its breakLines builds them) from the frag words on the line,
    and its natural width."""
    parts: list[Any] = []
    count = 0
    current = space = 0.0
    line_break = False
    g = source = None  # the part being extended, and the frag it was cloned from
    texts: list[str] = []  # the texts of part g so far (joined when the part is done)
    tail = ""  # the last of them that is not empty
    max_size = max_ascent = min_descent = None
    measured = spaced = None  # the frags whose extent and space were looked up last (a line's words share frags)
    for word in words:
        f = word[1][0]
        if getattr(f, "_fkind", None) == _FK_BREAK:
            parts.append(f.clone())
            line_break = join_breaks
            continue
        width, text = word[0], word[1][1]
        if parts:
            current = current + space + width if width > 0 else current
        else:
            current = width
        if text:
            count += 1
        for frag, _ in word[1:]:
            if frag is measured:
                continue
            measured = frag
            size = frag.fontSize
            ascent, descent = _extent(frag.fontName, size)
            if max_size is None:
                max_size, max_ascent, min_descent = size, ascent, descent
            else:
                if size > max_size:
                    max_size = size
                if ascent > max_ascent:
                    max_ascent = ascent
                if descent < min_descent:
                    min_descent = descent
        if g is None:
            g, source = f.clone(), _mergeable(f)
            parts.append(g)
            texts, tail = [text], text
        elif f is not source and not sameFrag(g, f):
            g.text = _joined(texts)
            if space:
                for previous in reversed(parts):
                    if previous._fkind == 0:
                        if not previous.text.endswith(" "):
                            previous.text += " "
                        break
            g, source = f.clone(), _mergeable(f)
            parts.append(g)
            texts, tail = [text], text
        elif space:
            if tail.endswith(" "):
                texts.append(text)
            else:
                texts += (" ", text)
                tail = " "
            tail = text or tail
        else:
            texts.append(text)
            tail = text or tail
        last = word[-1][0]
        if isinstance(word, _HSFrag):
            if last is not spaced:
                spaced, space_width = last, _glyph_width(" ", last.fontName, last.fontSize)
            space = space_width
        else:
            space = 0.0
        rest = False
        for frag, piece in word[2:]:
            g.text = _joined(texts)
            g, source = frag.clone(), _mergeable(frag)
            texts, tail = [piece], piece
            rest = rest or bool(piece)
            parts.append(g)
        if not text and rest:
            count += 1
    if g is not None:
        g.text = _joined(texts)
    if max_size is None:
        f = words[0][1][0]
        max_size = f.fontSize
        max_ascent, min_descent = getAscentDescent(f.fontName, f.fontSize)
    line = FragLine(extraSpace=max_width - current, wordCount=count, lineBreak=line_break, words=parts,
                    fontSize=max_size, ascent=max_ascent, descent=min_descent, maxWidth=max_width, sFW=first)
    return line, current


def broken_lines(paragraph: Any, widths: list[float], no_hyphen_at: int | None = None,
                 memo: dict | None = None) -> Broken | None:
    """The paragraph's lines at `widths` (first line, the others), or None to leave it to ReportLab.
    `memo` keeps the measured words and boxes between breakings (at other widths, or again), for
    as long as the paragraph's frags are those words, or the frag words made from them."""
    decided = _decided(paragraph, widths, no_hyphen_at, memo)
    if decided is None:
        return None
    words, decisions, widths, shaping, justified, measured = decided
    broken = _assemble(words, decisions, widths, shaping, not paragraph.style.justifyBreaks, justified,
                       bool(measured.elastic))
    if memo is not None:
        measured.broken = broken.frags
    return broken


def line_count(paragraph: Any, widths: list[float], memo: dict | None = None) -> int | None:
    """How many lines `broken_lines` would break the paragraph into at `widths`, without making them
    (the line count is all a search for a width asks); None to leave it to ReportLab."""
    decided = _decided(paragraph, widths, None, memo)
    return None if decided is None else len(decided[1][0])


def _decided(paragraph: Any, widths: list[float], no_hyphen_at: int | None,
             memo: dict | None) -> tuple[list[_Word], Decisions, list[float], bool, bool, _Measured] | None:
    """The paragraph's measured words and the break decisions at `widths` (kept ones, or the
    breaker's), with the widths as the lines have them, whether it is shaped and justified, and
    its measured words' memo entry; None when ReportLab breaks it."""
    if not _eligible(paragraph):
        return None
    style = paragraph.style
    widths = list(widths)
    _handleBulletWidth(paragraph.bulletText, style, widths)
    justified = style.alignment == TA_JUSTIFY
    hyphenate = getattr(style.hyphenationLang, "breaks", None) if callable(style.hyphenationLang) else None
    shaping = bool(getattr(style, "shaping", 0)) and bool(getattr(getFont(style.fontName), "shapable", False))
    measured = memo.get("words") if memo is not None else None
    if measured is None or not measured.holds(paragraph.frags):
        words = _measured_words(paragraph, widths, shaping)
        if not words:
            return None
        measured = _Measured(paragraph.frags, words)
        if memo is not None:
            memo["words"] = measured
    words, boxes_by_width = measured.words, measured.boxes_by_width
    justify_last = bool(getattr(paragraph, "_JustifyLast", False))
    store = getattr(style, BREAKS, None)
    key = decisions = None
    if store is not None:
        if measured.digest is None:
            measured.elastic = justified and _elastic(words)
            measured.digest = _words_digest(words) + (":elastic" if measured.elastic else "")
            measured.lengths = [len(_word_text(item.plain)) for item in words]
        key = store.key(measured.digest, widths, justified, justify_last, no_hyphen_at,
                        _hyphenation_identity(style.hyphenationLang))
        decisions = store.get(key, measured.lengths)
    if decisions is None:
        narrowest = min(widths)
        box_key = (justified, narrowest, widths[0])
        found = boxes_by_width.get(box_key)
        if found is None:
            wanted = hyphenate if hyphenate is not None and not _fits_one_line(words, widths[0]) else None
            cache = getattr(style.hyphenationLang, "words", None)
            if cache is None:
                cache = memo.setdefault("boxes", {}) if memo is not None else {}
            if measured.elastic is None:
                measured.elastic = justified and _elastic(words)
            last_resort = getattr(style.hyphenationLang, "last_resort", None) if wanted is not None else None
            found = boxes_by_width[box_key] = _boxes(words, wanted, None if justified else narrowest, cache,
                                                     measured.elastic, last_resort, tie_width=narrowest)
        boxes, origin, breaks_of_words = found
        breaks = break_lines(boxes, widths, COSTS, justified=justified, justify_last=justify_last,
                             no_hyphen_at=no_hyphen_at)
        decisions = _decisions(boxes, origin, breaks_of_words, breaks)
        if store is not None:
            store.put(key, decisions)
    return words, decisions, widths, shaping, justified, measured


def _decisions(boxes: Boxes, origin: list[tuple[int, int]], breaks_of_words: list[list[tuple[int, bool]]],
               breaks: Breaks) -> Decisions:
    """The breaker's choice as decisions: each line's end as a word and the break inside it (if any)."""
    ends = []
    for end in breaks.ends:
        index, piece = origin[end]
        if boxes.kinds[end] == HYPHEN:
            offset, hyphen = breaks_of_words[index][piece]
            ends.append((index, offset, hyphen))
        else:
            ends.append((index, -1, False))
    return ends, list(breaks.ratios), breaks.optimal


def _assemble(words: list[_Word], decisions: Decisions, widths: Sequence[float], shaping: bool,
              join_breaks: bool, justified: bool, elastic: bool = False) -> Broken:
    """ReportLab's lines from the decisions; a justified line of scaled glyphs (`elastic`) carries its
    scaling (`scale`) and the room it leaves at that scaling (`extraSpace`, which ReportLab shares
    out between its spaces)."""
    ends, ratios, optimal = decisions
    cuts: dict[int, list[tuple[int, bool]]] = {}
    for index, offset, hyphen in ends:
        if offset >= 0:
            cuts.setdefault(index, []).append((offset, hyphen))
    frags: list[list] = []
    start_of: list[int] = []  # index in frags of each word's first piece
    for index, item in enumerate(words):
        start_of.append(len(frags))
        frags.extend(_pieces(item, cuts.get(index, ()), shaping))
    lines = []
    width_max = 0.0
    hyphens = 0
    loosest = 1.0
    first = 0
    used: dict[int, int] = {}  # the cuts of each word that lines ended at so far
    last = len(ends) - 1
    for number, (index, offset, _) in enumerate(ends):
        if offset >= 0:
            cut = used[index] = used.get(index, 0) + 1
            stop = start_of[index] + cut
            hyphens += 1
        else:
            stop = start_of[index] + len(cuts.get(index, ())) + 1
        width = widths[min(number, len(widths) - 1)]
        lead = 0.0
        if elastic:  # punctuation hanging into the margins widens the line by as much (see _word_boxes)
            lead, end = _line_hangs(frags[first:stop])
            width += lead + end
        line, natural = _frag_line(frags[first:stop], width, first, join_breaks)
        if lead:
            line.shift = lead
        if elastic and number < len(ratios) and ratios[number] and not line.lineBreak:
            scale = round(glyph_scale(ratios[number], COSTS), 4)
            if scale != 1.0:
                line.scale = scale
                line.extraSpace = width / scale - natural
        lines.append(line)
        width_max = max(width_max, natural)
        if justified and number < len(ratios) and not line.lineBreak and number != last:
            loosest = max(loosest, space_factor(ratios[number], COSTS))
        first = stop
    return Broken(ParaLines(kind=1, lines=lines), frags, width_max, hyphens, loosest, optimal)


def _line_hangs(words: list[list]) -> tuple[float, float]:
    """How far a line of frag words hangs into the left and right margins (as its boxes said)."""
    head_part = next(((frag, text) for word in words if not _is_break(word) for frag, text in word[1:] if text), None)
    if head_part is None:
        return 0.0, 0.0
    last, tail = next((frag, text) for word in reversed(words) if not _is_break(word)
                      for frag, text in reversed(word[1:]) if text)
    first, head = head_part
    return (_hang(head[:1], HANG_LEFT, first.fontName, first.fontSize),
            _hang(tail[-1:], HANG_RIGHT, last.fontName, last.fontSize))


def ends_in_hyphen(line: Any) -> bool:
    """Whether a line of a wrapped paragraph ends in a hyphen (added or the word's own)."""
    words = line.words if hasattr(line, "words") else line[1]
    for word in reversed(words):
        text = getattr(word, "text", word if isinstance(word, str) else "")
        if text.strip():
            return text.rstrip().endswith(("-", "\u00ad", "\u2010"))
    return False
