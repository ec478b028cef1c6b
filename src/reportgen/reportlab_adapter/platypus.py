"""ReportLab's layout internals: reportgen's questions about frames, containers and paragraphs in, answers from platypus's private attributes out.

The layout half of reportgen.reportlab_adapter (which documents the whole and lists `PRIVATE_NAMES`).
Import it only after reportgen.reportlab_setup.prepare_reportlab(): it imports reportlab.platypus.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator, Sequence

from reportlab.platypus import BaseDocTemplate, Flowable
from reportlab.platypus import Paragraph as _Paragraph
from reportlab.platypus.flowables import BalancedColumns, ImageAndFlowables, _ContainerSpace, _listWrapOn
from reportlab.platypus.frames import Frame
from reportlab.platypus.paragraph import _processed_frags, _split_blParaHard, _split_blParaSimple

from reportgen.reportlab_adapter.shaping import style_shaping, tag_fragments


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

_WRAP_STATE = ("blPara", "height", "_width_max", "_splitLongWordCount", "_hyphenations")


class _ProcessedSplitter:
    """ReportLab's split of a paragraph whose fragments its line breaking replaced by frag words (one
    per word: every shaped paragraph, any with mixed fonts), over the frag words of the breaking the
    lines came from (their `sFW` index them), not whatever breaking the paragraph saw last."""

    def __init__(self, words: list):
        self.frags = words

    def __call__(self, lines: object, start: int, stop: int) -> list:
        return _Paragraph._split_blParaProcessed(self, lines, start, stop)  # type: ignore[arg-type]


def _kept_fragments(paragraph: _Paragraph) -> object:
    """The fragments a wrapped paragraph's lines need back when its breaks are reused: the frag words
    ReportLab's breaking made (their lines index them), or a split's unmade rest; None for plain
    fragments, which breaking leaves as they are."""
    frags = paragraph.__dict__.get("frags")
    return frags if isinstance(frags, _Remainder) or _processed_frags(frags) else None


def paragraph_lines(paragraph: _Paragraph) -> list:
    """The lines of a wrapped paragraph (ReportLab's line objects)."""
    return paragraph.blPara.lines


def line_extra_space(line: object) -> float:
    """The room a line of a wrapped paragraph leaves at its end."""
    return line.extraSpace if hasattr(line, "extraSpace") else line[0]  # type: ignore[index]


def hyphenation_count(paragraph: _Paragraph) -> int:
    """How many words ReportLab hyphenated when it last wrapped `paragraph`."""
    return getattr(paragraph, "_hyphenations", 0)


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
                breaks[key] = (*(getattr(self, name, 0) for name in _WRAP_STATE), _kept_fragments(self))
                self._fragments_of = breaks[key][-1]
            return size
        self.width = availWidth
        style = self.style
        self._wrapWidths = [availWidth - (style.leftIndent + style.firstLineIndent) - style.rightIndent,
                            availWidth - style.leftIndent - style.rightIndent]
        for name, value in zip(_WRAP_STATE, state):
            setattr(self, name, value)
        kept = state[-1]
        if kept is not None and self.__dict__.get("_fragments_of") is not kept:
            # the lines index the frag words of their breaking: this paragraph's own copies of them
            self.frags = kept.fresh() if isinstance(kept, _Remainder) else [copy.copy(word) for word in kept]
            self._fragments_of = kept
        return availWidth, self.height

    def _get_split_blParaFunc(self) -> Callable:  # noqa: N802 (ReportLab's name)
        """ReportLab's line splitter, with the rest of a split (the lines to the end) left unmade."""
        frags = self.__dict__.get("frags")
        make = frags.make if isinstance(frags, _Remainder) else super()._get_split_blParaFunc()
        if getattr(make, "__func__", None) is _Paragraph._split_blParaProcessed:
            make = _ProcessedSplitter(self.frags)
        if make not in _LINE_SPLITTERS and not isinstance(make, _ProcessedSplitter):
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
                                                       *state[2:-1], rest.__dict__["frags"]))
        return pieces

    def __deepcopy__(self, memo: dict) -> "Paragraph":
        clone = copy.copy(self)
        frags = self.frags
        clone.frags = frags.fresh() if isinstance(frags, _Remainder) else [copy.copy(fragment) for fragment in frags]
        return clone
