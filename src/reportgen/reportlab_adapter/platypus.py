"""ReportLab's layout internals: reportgen's questions about frames, containers and paragraphs in, answers from platypus's private attributes out.

The layout half of reportgen.reportlab_adapter (which documents the whole and lists `PRIVATE_NAMES`).
Import it only after reportgen.reportlab_setup.prepare_reportlab(): it imports reportlab.platypus.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache

from reportlab.lib.enums import TA_JUSTIFY
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import BaseDocTemplate, Flowable
from reportlab.platypus import Paragraph as _Paragraph
from reportlab.platypus.flowables import BalancedColumns, ImageAndFlowables, _ContainerSpace, _listWrapOn
from reportlab.platypus.frames import Frame
from reportlab.platypus.paragraph import (_InjectedFrag, _nbspCount, _SHYWord, _SHYWordHS, _split_blParaHard,
                                          _split_blParaSimple, _SplitFragHY, _SplitFragLL)

from reportgen.linebreak import LOOSE
from reportgen.reportlab_adapter import marked_text, placed_lines_text
from reportgen.reportlab_adapter.linebreaking import broken_lines, ends_in_hyphen, line_count
from reportgen.reportlab_adapter.shaping import style_shaping, tag_fragments, written_text


# ---------------------------------------------------------------- documents and frames

class DocTemplate(BaseDocTemplate):
    """BaseDocTemplate with a hook, `finish_build`, that runs once the story is laid out and the
    document is about to be saved."""

    def finish_build(self) -> None:
        """Called after the last page, before the PDF is written."""

    def _endBuild(self) -> None:  # noqa: N802 (ReportLab's name)
        self.finish_build()
        super()._endBuild()


def flowable_frame(flowable: Flowable) -> Frame | None:
    """The frame asking a flowable to wrap or split, when it is a frame (ReportLab sets it meanwhile)."""
    return getattr(flowable, "_frame", None)


def frame_is_at_top(frame: Frame | None, default: bool = False) -> bool:
    """Whether nothing has been placed in `frame` yet (`default` without a frame)."""
    return bool(getattr(frame, "_atTop", default)) if frame is not None else default


def frame_height(frame: Frame | None, default: float | None = None) -> float | None:
    """The height a frame holds in all (`default` without a frame)."""
    return getattr(frame, "_height", default)


def current_frame(flowable: Flowable) -> Frame:
    """The frame of the document template laying out `flowable`."""
    return flowable._doctemplateAttr("frame")


def container_children(flowable: object) -> list[object]:
    """What a container holds (KeepTogether, balanced columns, text beside an image, KeepInFrame):
    the flowables it lays out, image first; nothing for any other flowable."""
    children: list[object] = []
    for name in ("_I", "_content", "_flowables"):
        inner = getattr(flowable, name, None)
        children += list(inner) if isinstance(inner, (list, tuple)) else [inner] if inner is not None else []
    return children


def container_content(flowable: Flowable) -> list[Flowable]:
    """The flowables of a KeepTogether, BalancedColumns or text beside an image (the text)."""
    return flowable._content  # type: ignore[attr-defined]


def image_of(flowable: ImageAndFlowables) -> Flowable:
    """The image of text wrapped beside an image."""
    return flowable._I


def is_container(flowable: Flowable) -> bool:
    """Whether ReportLab lays out `flowable`'s content itself (KeepTogether and kin, balanced columns)."""
    return isinstance(flowable, (BalancedColumns, _ContainerSpace))


class Container(_ContainerSpace, Flowable):
    """A flowable holding others, as KeepTogether does: its space before and after are those of its
    `content`."""

    @property
    def content(self) -> list[Flowable]:
        return self._content

    @content.setter
    def content(self, flowables: list[Flowable]) -> None:
        self._content = flowables


def stacked_height(flowables: list[Flowable], width: float) -> float:
    """Height of flowables stacked in a frame `width` wide, spacing between them included."""
    return _listWrapOn(flowables, width, None)[1]


class ImageBesideText:
    """Mixin for a flowable that text can wrap beside (ImageAndFlowables) at its wrapped size."""

    width: float
    height: float

    def _restrictSize(self, available_width: float, available_height: float) -> tuple[float, float]:  # noqa: N802
        return (self.width, self.height)

    def _unRestrictSize(self) -> None:  # noqa: N802
        return None


# ---------------------------------------------------------------- paragraphs

# ReportLab's two ways of turning a run of broken lines back into fragments that use the lines alone
_LINE_SPLITTERS = (_split_blParaSimple, _split_blParaHard)

REBREAK_LINES = 80  # a paragraph split after a hyphen is broken again up to this long (else the split moves up a line)
_WRAP_STATE = ("blPara", "height", "_width_max", "_splitLongWordCount", "_hyphenations", "frags", "loosest")


def paragraph_lines(paragraph: _Paragraph) -> list:
    """The lines of a wrapped paragraph (ReportLab's line objects)."""
    return paragraph.blPara.lines


def line_extra_space(line: object) -> float:
    """The room a line of a wrapped paragraph leaves at its end."""
    return line.extraSpace if hasattr(line, "extraSpace") else line[0]  # type: ignore[index]


def justified_spacing(paragraph: _Paragraph, above: float = 0.0) -> list[tuple[int, float, str]]:
    """The lines a wrapped, justified paragraph stretches when ReportLab draws it wider than `above` natural
    spaces: each one's number (from 0), the width of its spaces in natural spaces (as drawn: at the line's
    glyph scaling), and its text. Lines drawn at their natural spacing (the last, unless a split continues
    it; one before a forced break; a line of one word) are left out."""
    style = paragraph.style
    broken = getattr(paragraph, "blPara", None)
    if style.alignment != TA_JUSTIFY or broken is None:
        return []
    lines = broken.lines
    justify_last = bool(getattr(paragraph, "_JustifyLast", False))  # a split's first piece: its last line goes on
    most_words = style.justifyLastLine  # ReportLab justifies a last line of more words than this (0: never)
    spacing = []
    for number, line in enumerate(lines):
        if broken.kind == 1:  # FragLines: fragments of text (and inline objects) in their fonts
            if getattr(line, "lineBreak", False):
                continue
            frags = [f for f in line.words if not hasattr(f, "cbDefn")]
            texts = [f.text for f in frags]
            extra, words = line.extraSpace, line.wordCount
            font = next(((f.fontName, f.fontSize) for f in frags if f.text.strip()), (style.fontName, style.fontSize))
        else:  # (room left, words) in the paragraph's font
            extra, words, font = line[0], len(line[1]), (style.fontName, style.fontSize)
            frags, texts = [], [" ".join(line[1])]
        last = number == len(lines) - 1 and not justify_last and not (most_words and words > most_words)
        spaces = words + sum(_nbspCount(text) for text in texts) - 1  # as ReportLab counts them to justify
        natural = stringWidth(" ", *font)
        if last or extra <= 1e-8 or spaces <= 0 or natural <= 0:
            continue
        factor = (1.0 + extra / spaces / natural) * getattr(line, "scale", 1.0)  # (scaled glyphs: spaces too)
        if factor <= above:
            continue
        written = [written_text(text, frag.fontName) for frag, text in zip(frags, texts)] if frags else \
            [written_text(texts[0], style.fontName)]
        spacing.append((number, factor, " ".join("".join(written).split())))
    return spacing


def color_links(paragraph: _Paragraph, color: object) -> None:
    """Draw the words of a paragraph's links (its fragments inside an <a>) in `color` (a ReportLab colour)."""
    for fragment in paragraph.frags:
        if getattr(fragment, "link", None) and not hasattr(fragment, "cbDefn"):
            fragment.textColor = color


@dataclass(frozen=True)
class LinePiece:
    """One text a paragraph's line draws (one `_textOut`): the text as drawn (glyphs: may be shaped), its font,
    and the link target it is part of (None: no link)."""

    text: str
    font: str | None
    target: str | None

    def written(self, part: str | None = None) -> str:
        """The piece's text (or `part` of it, a slice) as written: ligatures spelled out."""
        part = self.text if part is None else part
        return written_text(part, self.font) if self.font and part else str(part)


def line_pieces(paragraph: _Paragraph) -> list[list[LinePiece]] | None:
    """The texts a wrapped paragraph's drawing writes, line by line, in the order it writes them; None when
    its drawing writes others too (leader dots) or it is not wrapped."""
    broken = getattr(paragraph, "blPara", None)
    if broken is None or getattr(paragraph.style, "endDots", None):
        return None
    lines: list[list[LinePiece]] = []
    for line in broken.lines:
        if broken.kind == 0:
            lines.append([LinePiece(" ".join(line[1]), paragraph.style.fontName, None)])
            continue
        words = line.words
        pieces = []
        for frag in words:
            if hasattr(frag, "cbDefn"):
                if frag is words[-1]:
                    pieces.append(LinePiece("", None, None))
                continue
            links = getattr(frag, "link", None) or ()
            target = links[-1][1] if links else None
            pieces.append(LinePiece(frag.text, frag.fontName, target or None))
        lines.append(pieces)
    return lines


def width_key(width: float) -> float:
    """Widths equal to a thousandth of a point share breaks: frames and columns arrive at one width
    by different sums (239.4, 239.40000000000003, 239.399999), and a line that fits one of them and
    not another would overhang by less than 0.001 pt."""
    return round(width, 3)


class _Remainder(Sequence):
    """The fragments of a paragraph's last lines, made only if they are asked for.

    ReportLab gives the second piece of a split the fragments of all the lines that did not fit,
    and breaks them into lines again: on every page of a long paragraph, the whole rest of it.
    The lines are already known (the same greedy breaking from the start of a line gives the
    same lines), so the piece takes them as they are, and these fragments are only made when
    the piece is broken at another width."""

    def __init__(self, make: Callable, lines: object, start: int, stop: int):
        self.make, self._arguments, self._items = make, (lines, start, stop), None
        self._length = 1 if make is _split_blParaSimple else sum(  # (processed: about one per word)
            len(line.words) for line in lines.lines[start:stop])  # type: ignore[attr-defined]

    def _made(self) -> list:
        if self._items is None:
            self._items = self.make(*self._arguments)
        return self._items

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, index):  # type: ignore[no-untyped-def]
        return self._made()[index]

    def __iter__(self) -> Iterator:
        return iter(self._made())

    def fresh(self) -> "_Remainder":
        """An unmade copy (a copied paragraph must not share fragments ReportLab may alter)."""
        return _Remainder(self.make, *self._arguments) if self._items is None else \
            [copy.copy(fragment) for fragment in self._items]  # type: ignore[return-value]


def _ends_whole(pieces: list[Flowable]) -> bool:
    """Whether a split gave two pieces, the first ending in a whole word (no hyphen at the turn)."""
    return len(pieces) == 2 and hasattr(pieces[0], "blPara") and not ends_in_hyphen(pieces[0].blPara.lines[-1])


def _piece_state(broken: object, start: int, stop: int, frags: list, leading: float, loosest: float) -> tuple:
    """The wrap state of a piece of a paragraph broken into FragLines: lines start..stop, their
    frag word indexes counted from the piece's first."""
    lines = broken.lines[start:stop]  # type: ignore[attr-defined]
    base = lines[0].sFW
    rebased = [line.clone(sFW=line.sFW - base) for line in lines]
    width_max = max((line.maxWidth - line.extraSpace for line in lines), default=0.0)
    hyphens = sum(ends_in_hyphen(line) for line in lines)
    return (broken.clone(lines=rebased), len(lines) * leading, width_max, 0, hyphens,  # type: ignore[attr-defined]
            frags, loosest)


def _line_widths(style: object, width: float) -> list[float]:
    """A paragraph's first and other lines' widths in a frame `width` wide, as ReportLab's wrap has them."""
    return [width - (style.leftIndent + style.firstLineIndent) - style.rightIndent,  # type: ignore[attr-defined]
            width - style.leftIndent - style.rightIndent]  # type: ignore[attr-defined]


class Paragraph(_Paragraph):
    """A Paragraph that breaks its lines with reportgen's line breaker (total fit for justified
    text: reportgen.reportlab_adapter.linebreaking), once per width.

    Balanced columns copy and re-wrap their paragraphs at the same column width for every trial
    split; line breaking (with hyphenation) is the costliest step of a build. The breaks depend
    only on the text, style and width, so copies share one cache of them (and the pieces of a
    split at the same line share theirs), and a copy duplicates only the fragment objects
    ReportLab may alter when it splits (it never alters line breaks)."""

    loosest: float = 1.0  # the widest space of a justified line, in natural spaces (1 when ReportLab broke it)
    optimal: bool = True   # False when first fit broke a justified paragraph (too long for total fit)

    def __init__(self, *arguments: object, **options: object):
        self._breaks_by_width: dict[float, tuple] = {}
        self._measured: dict[str, object] = {}  # the words as measured for the line breaker (shared by copies)
        self._breaks_of_pieces: dict[tuple[float, int], tuple[dict, dict]] = {}
        super().__init__(*arguments, **options)
        shaping = style_shaping(self.style)
        if shaping is not None:  # ReportLab shapes a fragment's words with its build's shaper and features
            tag_fragments(self.frags, *shaping)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        breaks = self._breaks_by_width
        key = width_key(availWidth)
        state = breaks.get(key)
        if state is None:
            size = super().wrap(availWidth, availHeight)
            if hasattr(self, "blPara"):
                breaks[key] = tuple(getattr(self, name, 0) for name in _WRAP_STATE)
            return size
        self.width = availWidth
        self._wrapWidths = _line_widths(self.style, availWidth)
        for name, value in zip(_WRAP_STATE, state):
            setattr(self, name, value)
        # the frag words those lines use (a list of its own: ReportLab's split slices and re-marks it)
        self.frags = list(self.frags)
        return availWidth, self.height

    def line_count(self, availWidth: float, availHeight: float) -> int:  # noqa: N803
        """How many lines `wrap(availWidth, availHeight)` would break the paragraph into; the lines are
        made (and the paragraph wrapped at that width) only when reportgen's breaker does not break it."""
        state = self._breaks_by_width.get(width_key(availWidth))
        if state is not None:
            return len(state[0].lines)
        style = self.style
        if availWidth >= 1.0 and style.wordWrap != "CJK":  # (narrower: ReportLab's wrap answers)
            count = line_count(self, _line_widths(style, availWidth), self._measured)
            if count is not None:
                return count
        self.wrap(availWidth, availHeight)
        return len(paragraph_lines(self))

    def breakLines(self, width: float | list[float], no_hyphen_at: int | None = None) -> object:  # noqa: N802
        widths = list(width) if isinstance(width, (list, tuple)) else [width]
        if no_hyphen_at is None:
            broken = broken_lines(self, widths, no_hyphen_at, self._measured)
        else:
            # a split's breaking again with a line kept whole: balanced columns try the same split
            # of a paragraph (or its copies, which share `_measured`) many times
            turns = self._measured.setdefault("turns", {})
            key = (tuple(width_key(w) for w in widths), no_hyphen_at, id(self.style))
            broken = turns.get(key)
            if broken is None:
                broken = turns[key] = broken_lines(self, widths, no_hyphen_at, self._measured)
        if broken is None:
            self.loosest, self.optimal = 1.0, True
            return super().breakLines(width)
        self.frags = list(broken.frags)
        self._width_max, self._splitLongWordCount, self._hyphenations = broken.width_max, 0, broken.hyphens
        self.loosest, self.optimal = broken.loosest, broken.optimal
        return broken.lines

    def beginText(self, x: float, y: float) -> object:  # noqa: N802 (ReportLab's name)
        """The text object drawing the paragraph: one that scales and shifts the lines reportgen's breaker set
        with scaled glyphs or punctuation hanging into the left margin (a FragLine's `scale`, `shift`), when any is."""
        lines = getattr(getattr(self, "blPara", None), "lines", ())
        placed = [(getattr(line, "scale", 1.0), getattr(line, "shift", 0.0)) for line in lines]
        moved = any(placing != (1.0, 0.0) for placing in placed)
        pieces = line_pieces(self)
        plan = self.mark_lines(pieces) if pieces is not None else None
        if plan is not None:  # (on a tagged canvas: the lines as a reader should get them)
            return marked_text(self.canv, x, y, placed if moved else None, plan)
        if moved:
            return placed_lines_text(self.canv, x, y, placed)
        return super().beginText(x, y)

    def mark_lines(self, pieces: list[list[LinePiece]]) -> list[list[tuple[str, list[str]]]] | None:
        """What to write for each piece of text the paragraph's lines draw (`pieces`, see line_pieces): per line,
        per piece, (its text, the texts and reportgen.reportlab_adapter.Operators to write in its place); None:
        the texts as they are. (reportgen.layout.tagging marks words and links for readers.)"""
        return None

    def _split_blParaProcessed(self, blPara: object, start: int, stop: int) -> list:  # noqa: N802, N803
        """ReportLab's: the frag words of lines start..stop; a head that ends the piece in its hyphen
        is marked as such on a copy (ReportLab marks the paragraph's own, which then reads the
        hyphen as part of the word when it is broken again)."""
        if not stop:
            return []
        lines = blPara.lines  # type: ignore[attr-defined]
        first = lines[start].sFW
        last = lines[stop].sFW if stop != len(lines) else len(self.frags)
        words = self.frags[first:last]
        while words and isinstance(words[-1], _InjectedFrag):
            del words[-1]
        if words and isinstance(words[-1], _SplitFragHY):
            head = copy.copy(words[-1])
            head.__class__ = _SHYWordHS if isinstance(head, _SHYWord) else _SplitFragLL
            words[-1] = head
        return words

    def _get_split_blParaFunc(self) -> Callable:  # noqa: N802 (ReportLab's name)
        """ReportLab's line splitter, with the rest of a split (the lines to the end) left unmade."""
        frags = self.__dict__.get("frags")
        make = frags.make if isinstance(frags, _Remainder) else super()._get_split_blParaFunc()
        if make not in _LINE_SPLITTERS:
            return make

        def split_lines(lines: object, start: int, stop: int) -> object:
            if start > 0 and stop == len(lines.lines):  # type: ignore[attr-defined]
                return _Remainder(make, lines, start, stop)
            return make(lines, start, stop)
        return split_lines

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        """Split as ReportLab does, except that the pieces keep the line breaks of this paragraph
        (no breaking them again), and that the last line before the split never ends in a hyphen
        (the paragraph is broken again with that line kept whole); the two pieces of a split at the
        same line share their breaks with the pieces of earlier trial splits there."""
        pieces = self._split(availWidth, availHeight)
        if len(pieces) == 2 and hasattr(pieces[0], "blPara") and getattr(self, "blPara", None) is not None \
                and self.blPara.kind == 1 and ends_in_hyphen(pieces[0].blPara.lines[-1]):
            turn = len(pieces[0].blPara.lines) - 1
            moved: list[Flowable] = []
            if self.optimal and len(self.blPara.lines) <= REBREAK_LINES:
                kept = {name: getattr(self, name, 0) for name in _WRAP_STATE}
                self.blPara = self.breakLines(self._wrapWidths, no_hyphen_at=turn)
                self.height = len(self.blPara.lines) * self.style.leading
                # (kept whole, the line may come out far too loose: then the split moves up a line)
                if len(self.blPara.lines) > turn and not ends_in_hyphen(self.blPara.lines[turn]) \
                        and (self.loosest <= LOOSE or self.loosest <= kept["loosest"]):
                    moved = self._split(availWidth, availHeight, (turn,))
                for name, value in kept.items():
                    setattr(self, name, value)
            if not _ends_whole(moved):  # a long paragraph, or no good breaking: the split moves up a line
                moved = self._split(availWidth, availHeight - self.style.leading)
            if _ends_whole(moved):
                pieces = moved
        return pieces

    def _split(self, availWidth: float, availHeight: float, variant: tuple = ()) -> list[Flowable]:  # noqa: N803
        key = width_key(availWidth)
        state = self._breaks_by_width.get(key)
        broken = getattr(self, "blPara", None)
        pieces = super().split(availWidth, availHeight)
        if len(pieces) == 2 and isinstance(pieces[1], Paragraph) and hasattr(pieces[0], "blPara"):
            first, rest = pieces
            lines = len(first.blPara.lines)
            first._breaks_by_width, rest._breaks_by_width = self._breaks_of_pieces.setdefault(
                (key, lines, *variant), ({}, {}))
            if broken is not None and (state is not None and state[0] is broken or variant) \
                    and getattr(self, "autoLeading", getattr(self.style, "autoLeading", "")) in ("", "off") \
                    and self.style.wordWrap != "CJK":
                leading = self.style.leading
                if broken.kind == 1 and isinstance(self.frags[0], list) and hasattr(broken.lines[0], "sFW"):
                    first._breaks_by_width.setdefault(key, _piece_state(broken, 0, lines, first.frags, leading,
                                                                        self.loosest))
                    rest._breaks_by_width.setdefault(key, _piece_state(broken, lines, len(broken.lines), rest.frags,
                                                                       leading, self.loosest))
                elif isinstance(rest.__dict__.get("frags"), _Remainder):
                    rest._breaks_by_width.setdefault(key, (broken.clone(lines=broken.lines[lines:]),
                                                           (len(broken.lines) - lines) * leading,
                                                           *(state or (0,) * len(_WRAP_STATE))[2:5], rest.frags, 1.0))
        return pieces

    def __deepcopy__(self, memo: dict) -> "Paragraph":
        clone = copy.copy(self)
        frags = self.frags
        clone.frags = frags.fresh() if isinstance(frags, _Remainder) else [
            _list_copy(fragment) if _plain_list(type(fragment)) else copy.copy(fragment) for fragment in frags]
        return clone


_PLAIN = frozenset(vars(type("_Plain", (list,), {})))  # what a class statement gives every list subclass


@lru_cache(maxsize=64)
def _plain_list(kind: type) -> bool:
    """Whether copy.copy copies a `kind` (a frag word: a list subclass) as `_list_copy` does: no class
    between it and list defines any special name (a copy, reduce or state hook) of its own, but for
    the empty list of slot names copy.copy itself notes on a class it copied (copyreg)."""
    bases = kind.__mro__
    return issubclass(kind, list) and all(
        not (name.startswith("__") and name.endswith("__")) or name in _PLAIN or (name == "__slotnames__" and value == [])
        for base in bases[:bases.index(list)] for name, value in vars(base).items())


def _list_copy(word: list) -> list:
    """copy.copy of a frag word (a plain list subclass, `_plain_list`), without its reduce protocol: a new
    object of the same class holding the same items and attributes."""
    clone = type(word).__new__(type(word))
    clone.extend(word)
    state = getattr(word, "__dict__", None)
    if state:
        clone.__dict__.update(state)
    return clone
