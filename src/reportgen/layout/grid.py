"""The baseline grid: a column's flowables in, the same flowables occupying whole grid steps out.

The grid's step is the stylesheet's `grid.step` (the body leading by default). Body paragraphs sit on
it by construction (their leading is the step, their spacing whole steps: stylesheet.py rounds it);
every other flowable in a column (a heading, a photo with its caption, a stat row) is put in a
`GridSlot`: a box whole steps tall, with the content's last baseline on a grid baseline. So each
column's body lines fall on the same baselines, and balanced columns end on whole lines.
"""

from __future__ import annotations

import copy

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph

from reportgen.layout.blocks.columns import UNBOUNDED, KeepWithNext
from reportgen.reportlab_adapter.platypus import Container
from reportgen.theme.stylesheet import whole_steps

EPSILON = 1e-6


def last_baseline(flowable: Flowable) -> float | None:
    """How far above its bottom `flowable`'s last line of text stands (None: no text at its foot).
    ReportLab sets a paragraph's first baseline one font size below its top, the next ones a leading apart."""
    if isinstance(flowable, GridSlot):
        return flowable.offset + (last_baseline(flowable.content[0]) or 0.0)
    caption = getattr(flowable, "caption", None)  # a photo's caption stands at its foot
    if isinstance(caption, Paragraph):
        flowable = caption
    if isinstance(flowable, Paragraph):
        return flowable.style.leading - flowable.style.fontSize
    return None


def on_grid(flowable: Flowable, step: float) -> bool:
    """Whether `flowable` keeps the grid without a slot: a paragraph a step (or whole steps) apart, with spacing
    of whole steps."""
    if not isinstance(flowable, Paragraph):
        return False
    return all(abs(value - whole_steps(value, step, nearest=True)) < EPSILON for value in (
        flowable.style.leading, flowable.getSpaceBefore(), flowable.getSpaceAfter())) and flowable.style.leading > 0


class GridSlot(Container):
    """`flowable` in a box of whole grid steps, its last baseline on one of the body's (about its space after
    above the box's foot: the nearest such baseline), its space before rounded up to whole steps."""

    def __init__(self, flowable: Flowable, step: float, body_baseline: float):
        super().__init__()
        self.content = [flowable]
        self.step, self.body_baseline = step, body_baseline
        self.offset, self.inner = 0.0, 0.0

    def getSpaceBefore(self) -> float:  # noqa: N802 (ReportLab's name)
        return whole_steps(self.content[0].getSpaceBefore(), self.step)

    def getSpaceAfter(self) -> float:  # noqa: N802
        return 0.0  # inside the slot

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        inner = self.content[0]
        self.inner = inner.wrapOn(getattr(self, "canv", None), availWidth, UNBOUNDED)[1]
        offset = inner.getSpaceAfter()
        baseline = last_baseline(inner)
        if baseline is not None:  # the body baseline nearest to `space after` above the slot's foot
            step = self.step
            offset += (self.body_baseline - offset - baseline + step / 2) % step - step / 2
            if offset < -EPSILON:
                offset += step
        self.offset = max(offset, 0.0)
        self.width, self.height = availWidth, whole_steps(self.inner + self.offset, self.step)
        return availWidth, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        pieces = self.content[0].splitOn(getattr(self, "canv", None), availWidth, availHeight)
        return [GridSlot(piece, self.step, self.body_baseline) for piece in pieces]

    def draw(self) -> None:
        self.content[0].drawOn(self.canv, 0, self.offset)

    def __deepcopy__(self, memo: dict) -> "GridSlot":
        clone = copy.copy(self)
        clone.content = [copy.deepcopy(self.content[0], memo)]
        return clone

    def __repr__(self) -> str:
        return f"GridSlot({self.content[0]!r})"

    def identity(self, maxLen: int | None = None) -> str:  # noqa: N803 (ReportLab's name)
        return f"<GridSlot> containing {self.content[0].identity(maxLen)}"


def gridded(flowables: list[Flowable], step: float, body_baseline: float) -> list[Flowable]:
    """`flowables` of a column on the grid `step` apart whose body baselines stand `body_baseline` above a line's
    foot: body paragraphs as they are, every other block in a GridSlot (of a heading bound to its text, the
    heading's). A step of 0: no grid."""
    if step <= 0:
        return list(flowables)
    result: list[Flowable] = []
    for flowable in flowables:
        if on_grid(flowable, step) or isinstance(flowable, GridSlot):
            result.append(flowable)
        elif isinstance(flowable, KeepWithNext):
            first, second = flowable.content
            result.append(KeepWithNext(*gridded([first], step, body_baseline),
                                       *gridded([second], step, body_baseline)))
        else:
            result.append(GridSlot(flowable, step, body_baseline))
    return result
