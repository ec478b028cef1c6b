"""Paragraphs that remember their line breaks: ReportLab's Paragraph, wrapped once per width, split in linear time."""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator, Sequence

from reportlab.platypus import Flowable
from reportlab.platypus import Paragraph as _Paragraph
from reportlab.platypus.paragraph import _split_blParaHard, _split_blParaSimple

# ReportLab's two ways of turning a run of broken lines back into fragments that use the lines alone
_LINE_SPLITTERS = (_split_blParaSimple, _split_blParaHard)

_WRAP_STATE = ("blPara", "height", "_width_max", "_splitLongWordCount", "_hyphenations")


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
        self._length = 1 if make is _split_blParaSimple else sum(
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


class Paragraph(_Paragraph):
    """A Paragraph that breaks its lines once per width.

    Balanced columns copy and re-wrap their paragraphs at the same column width for every trial
    split; line breaking (with hyphenation) is the costliest step of a build. The breaks depend
    only on the text, style and width, so copies share one cache of them (and the pieces of a
    split at the same line share theirs), and a copy duplicates only the fragment objects
    ReportLab may alter when it splits (it never alters line breaks)."""

    def __init__(self, *arguments: object, **options: object):
        self._breaks_by_width: dict[float, tuple] = {}
        self._breaks_of_pieces: dict[tuple[float, int], tuple[dict, dict]] = {}
        super().__init__(*arguments, **options)

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
        style = self.style
        self._wrapWidths = [availWidth - (style.leftIndent + style.firstLineIndent) - style.rightIndent,
                            availWidth - style.leftIndent - style.rightIndent]
        for name, value in zip(_WRAP_STATE, state):
            setattr(self, name, value)
        return availWidth, self.height

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
        """Split as ReportLab does, except that the second piece keeps the line breaks of this one
        (no breaking the rest again); the two pieces of a split at the same line share their breaks
        with the pieces of earlier trial splits there."""
        key = width_key(availWidth)
        state = self._breaks_by_width.get(key)
        broken = getattr(self, "blPara", None)
        pieces = super().split(availWidth, availHeight)
        if len(pieces) == 2 and isinstance(pieces[1], Paragraph) and hasattr(pieces[0], "blPara"):
            first, rest = pieces
            lines = len(first.blPara.lines)
            first._breaks_by_width, rest._breaks_by_width = self._breaks_of_pieces.setdefault((key, lines), ({}, {}))
            if (state is not None and state[0] is broken and isinstance(rest.__dict__.get("frags"), _Remainder)
                    and getattr(self, "autoLeading", getattr(self.style, "autoLeading", "")) in ("", "off")
                    and self.style.wordWrap != "CJK"):
                # only the rest: the first piece is broken again, as ReportLab does (its justified
                # lines' spacing comes out a rounding error apart from the whole paragraph's)
                rest._breaks_by_width.setdefault(key, (broken.clone(lines=broken.lines[lines:]),  # type: ignore
                                                       (len(broken.lines) - lines) * rest.style.leading,  # type: ignore
                                                       *state[2:]))
        return pieces

    def __deepcopy__(self, memo: dict) -> "Paragraph":
        clone = copy.copy(self)
        frags = self.frags
        clone.frags = frags.fresh() if isinstance(frags, _Remainder) else [copy.copy(fragment) for fragment in frags]
        return clone
