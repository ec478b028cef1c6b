"""Paragraphs that remember their line breaks: ReportLab's Paragraph, wrapped once per width."""

from __future__ import annotations

import copy

from reportlab.platypus import Flowable
from reportlab.platypus import Paragraph as _Paragraph

_WRAP_STATE = ("blPara", "height", "_width_max", "_splitLongWordCount", "_hyphenations")


def width_key(width: float) -> float:
    """Widths equal to a thousandth of a point share breaks: frames and columns arrive at one width
    by different sums (239.4, 239.40000000000003, 239.399999), and a line that fits one of them and
    not another would overhang by less than 0.001 pt."""
    return round(width, 3)


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

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        """Split as ReportLab does; the two pieces of a split at the same line share their breaks
        with the pieces of earlier trial splits there."""
        pieces = super().split(availWidth, availHeight)
        if len(pieces) == 2 and isinstance(pieces[1], Paragraph) and hasattr(pieces[0], "blPara"):
            key = (width_key(availWidth), len(pieces[0].blPara.lines))
            pieces[0]._breaks_by_width, pieces[1]._breaks_by_width = self._breaks_of_pieces.setdefault(key, ({}, {}))
        return pieces

    def __deepcopy__(self, memo: dict) -> "Paragraph":
        clone = copy.copy(self)
        clone.frags = [copy.copy(fragment) for fragment in self.frags]
        return clone
