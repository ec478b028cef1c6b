"""Balanced columns: flowables in, columns that start where they can and keep headings with their text out.

`Columns` is ReportLab's BalancedColumns, except that when not even its first part fits in what is
left of a frame it moves to the next one (ReportLab raises "cannot make initial split").

`KeepWithNext` binds a heading to the block after it. ReportLab's KeepTogether moves its content on by inserting a FrameBreak when it splits. Inside
balanced columns that FrameBreak lands in a column's content, which ReportLab then tries to
measure ("_FrameBreak.wrap should never be called"), and columns ignore `keepWithNext`. This
binding splits the way a paragraph does, so columns and frames can both handle it: the heading
with the first lines of the block that fit, then the rest of the block.
"""

from __future__ import annotations

import copy

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, PageBreak
from reportlab.platypus.flowables import BalancedColumns

from reportgen.layout.limits import COLUMN_HEIGHT, EPSILON
from reportgen.reportlab_adapter.platypus import Container, container_content, flowable_frame, frame_is_at_top

UNBOUNDED = COLUMN_HEIGHT


class KeepWithNext(Container):
    """`first` (a heading) drawn above `second`, never at the foot of a column without it.

    Split at height h: the heading with the part of `second` that fits below it, and the rest
    of `second`; when `second` cannot give a part, nothing (the pair moves on whole), unless
    the pair is at the top of a frame already: then the binding gives way and each part is
    placed (and split) on its own, so an oversized pair can never stall the layout."""

    def __init__(self, first: Flowable, second: Flowable):
        super().__init__()
        self.content = [first, second]
        self._heights = (0.0, 0.0)

    def _gap(self) -> float:
        first, second = self.content
        return max(first.getSpaceAfter(), second.getSpaceBefore())  # frames overlap the two spaces

    def _heights_at(self, width: float) -> tuple[float, float]:
        canvas = getattr(self, "canv", None)
        first, second = self.content
        return (first.wrapOn(canvas, width, UNBOUNDED)[1], second.wrapOn(canvas, width, UNBOUNDED)[1])

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self._heights = self._heights_at(availWidth)
        self.width = availWidth
        self.height = self._heights[0] + self._gap() + self._heights[1]
        return availWidth, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        canvas = getattr(self, "canv", None)
        first, second = self.content
        room = availHeight - self._heights_at(availWidth)[0] - self._gap()  # this binding itself is left as it is
        if room > 0:
            pieces = second.splitOn(canvas, availWidth, room)
            if len(pieces) >= 2:
                return [KeepWithNext(first, pieces[0]), *pieces[1:]]
        frame = flowable_frame(self)
        if frame is not None and frame_is_at_top(frame):
            return [first, second]
        return []

    def draw(self) -> None:
        canvas: Canvas = self.canv
        first, second = self.content
        first.drawOn(canvas, 0, self.height - self._heights[0])
        second.drawOn(canvas, 0, 0)

    def __deepcopy__(self, memo: dict) -> "KeepWithNext":
        clone = copy.copy(self)
        clone.content = [copy.deepcopy(part, memo) for part in self.content]
        return clone

    def __repr__(self) -> str:
        return f"KeepWithNext({self.content[0]!r}, {self.content[1]!r})"

    def identity(self, maxLen: int | None = None) -> str:  # noqa: N803 (ReportLab's name)
        return f"<KeepWithNext> containing {self.content[0].identity(maxLen)}"


class Columns(BalancedColumns):
    """`count` balanced columns `gutter` apart, without padding; the last may be `slack` (a share of the
    others' height) shorter (the stylesheet's columns.ratio)."""

    def __init__(self, flowables: list[Flowable], count: int, gutter: float, slack: float):
        super().__init__(flowables, nCols=count, innerPadding=gutter, leftPadding=0, rightPadding=0, topPadding=0,
                         bottomPadding=0, endSlack=slack)
        self.count, self.gutter = count, gutter

    def _starts_in(self, width: float, height: float) -> bool:
        """Whether the first part of the content (whole or split) fits in `height` of every column."""
        canvas = getattr(self, "canv", None)
        column = (width - self.gutter * (self.count - 1)) / self.count
        for part in container_content(self):
            if hasattr(part, "frameAction"):
                continue
            part_height = part.wrapOn(canvas, column, UNBOUNDED)[1]
            if part_height <= EPSILON:
                continue
            return part_height <= self.count * height or \
                len(copy.deepcopy(part).splitOn(canvas, column, self.count * height)) >= 2
        return True

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        frame = flowable_frame(self)
        if frame is not None and not frame_is_at_top(frame) and not self._starts_in(availWidth, availHeight):
            frame.add_generated_content(PageBreak(), self)  # as BalancedColumns does when `needed` is not there
            return 0, 0
        return super().wrap(availWidth, availHeight)
