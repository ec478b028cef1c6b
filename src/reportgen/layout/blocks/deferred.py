"""A photo that does not fit in what is left of a page is set a little smaller there, or lets the text after it fill the page first."""

from __future__ import annotations

import copy

from reportlab.platypus import Flowable, Indenter
from reportlab.platypus.flowables import ImageAndFlowables

from reportgen.layout.blocks.photo import Photo
from reportgen.layout.limits import FORCE_SPLIT
from reportgen.reportlab_adapter.platypus import Container, flowable_frame, frame_is_at_top


class PhotoOrText(Container):
    """`photo` and the flowables after it (`rest`, in reading order). Where the photo fits, or at the top of a
    frame, the photo and then the rest; where it fits at no less than the stylesheet's `photo.floor` of its
    height, a smaller copy of it there; else as much of the rest as fits (a paragraph split, at least two
    lines of it), and then the photo with what is left, on the next page. Another photo, text beside a
    photo or a change of indent in the rest ends what may move up: photos keep their order."""

    def __init__(self, photo: Flowable, rest: list[Flowable]):
        super().__init__()
        self.content = [photo, *rest]

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return availWidth, FORCE_SPLIT

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        canvas = getattr(self, "canv", None)
        photo, *rest = self.content
        needed = photo.wrapOn(canvas, availWidth, availHeight)[1] + photo.getSpaceBefore()
        if needed <= availHeight or frame_is_at_top(flowable_frame(self), default=True):
            return [photo, *rest]
        if isinstance(photo, Photo) and (smaller := photo.shrunk(availWidth, availHeight, canvas)) is not None:
            return [smaller, *rest]
        taken: list[Flowable] = []
        room = availHeight
        for index, flowable in enumerate(rest):
            if isinstance(flowable, (Photo, ImageAndFlowables, Indenter, PhotoOrText)):
                rest = rest[index:]
                break
            before = flowable.getSpaceBefore() if taken else 0.0
            height = flowable.wrapOn(canvas, availWidth, room)[1] + before
            if height <= room:
                taken.append(flowable)
                room -= height + flowable.getSpaceAfter()
                continue
            pieces = flowable.splitOn(canvas, availWidth, room - before) if room - before > 0 else []
            if len(pieces) >= 2:
                taken.append(pieces[0])
                rest = [*pieces[1:], *rest[index + 1:]]
            else:
                rest = rest[index:]
            break
        else:
            rest = []
        while taken and _keeps_with_next(taken[-1]):  # a heading never ends what moves up: it goes with its text
            rest.insert(0, taken.pop())
        if not taken:
            return []  # nothing fits beside the gap either: the photo moves on with its text, as before
        return [*taken, PhotoOrText(photo, rest)]

    def draw(self) -> None:
        return None

    def __deepcopy__(self, memo: dict) -> "PhotoOrText":
        clone = copy.copy(self)
        clone.content = [copy.deepcopy(part, memo) for part in self.content]
        return clone

    def __repr__(self) -> str:
        return f"PhotoOrText({self.content[0]!r}, {len(self.content) - 1} after it)"

    def identity(self, maxLen: int | None = None) -> str:  # noqa: N803 (ReportLab's name)
        return f"<PhotoOrText> containing {self.content[0].identity(maxLen)}"


def _keeps_with_next(flowable: Flowable) -> bool:
    """A heading (its style keeps it with the next flowable)."""
    style = getattr(flowable, "style", None)
    return bool(getattr(flowable, "keepWithNext", 0) or getattr(style, "keepWithNext", 0))


def photos_deferred(flowables: list[Flowable]) -> list[Flowable]:
    """One-column flowables with each photo in the flow (not beside text) bound to what follows it."""
    for index in range(len(flowables) - 1, -1, -1):
        if isinstance(flowables[index], Photo):
            flowables = [*flowables[:index], PhotoOrText(flowables[index], flowables[index + 1:])]
    return flowables
