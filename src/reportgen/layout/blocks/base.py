"""The common ground of every block: a spec path for error messages, and page-space helpers."""

from __future__ import annotations

from dataclasses import dataclass, field

import copy
import math

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from reportgen.diagnostics import Diagnostic, Severity, SpecPath, format_path
from reportgen.layout.geometry import PageGeometry
from reportgen.layout.limits import BISECTION_STEPS, MEASURE_HEIGHT, SIZE_PRECISION
from reportgen.layout.paragraph import Paragraph
from reportgen.reportlab_adapter import current_matrix
from reportgen.reportlab_adapter.shaping import line_width
from reportgen.reportlab_adapter.platypus import flowable_frame, frame_height, frame_is_at_top, stacked_height


@dataclass
class LayoutLog:
    """Problems the layout finds: warnings (text set smaller to fit, images below resolution) and
    errors (text that cannot fit even at its smallest size)."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    reported: set[object] = field(default_factory=set, repr=False, compare=False)  # see `once`
    notices: list[str] = field(default_factory=list)  # what the build did on its own (saddle padding): not problems

    def warn(self, message: str, path: SpecPath, hint: str | None = None) -> None:
        self.add(Diagnostic(message, path, hint, severity=Severity.WARNING))

    def note(self, message: str, path: SpecPath, hint: str | None = None) -> None:
        """Information about what the layout did on its own at `path` (a blank page it added): shown with -v."""
        self.add(Diagnostic(message, path, hint, severity=Severity.NOTE))

    def error(self, message: str, path: SpecPath, hint: str | None = None) -> None:
        """Text that cannot fit its block: the layout goes on (so every such problem is found at
        once) and the build fails when it is done."""
        self.add(Diagnostic(message, path, hint, severity=Severity.ERROR))

    def add(self, diagnostic: Diagnostic) -> None:
        if diagnostic not in self.diagnostics:
            self.diagnostics.append(diagnostic)

    def once(self, source: object, diagnostic: Diagnostic) -> None:
        """Add `diagnostic` unless one was added for `source` already (a paragraph drawn in pieces, on
        several pages, is one problem; two paragraphs alike are two)."""
        if source not in self.reported:
            self.reported.add(source)
            self.diagnostics.append(diagnostic)


@dataclass(frozen=True, eq=False)
class Origin:
    """The spec item a paragraph was made from (its `path`), and the log its layout problems go to.

    One per paragraph, compared by identity, and shared by its copies and split pieces: what they
    report is reported once for the paragraph."""

    path: SpecPath
    log: LayoutLog

    def __deepcopy__(self, memo: dict) -> "Origin":
        return self

    def __copy__(self) -> "Origin":
        return self


class SpecFlowable(Flowable):
    """A flowable that knows which spec item it draws; its repr names it in layout errors."""

    spec_path: SpecPath = ()

    def __deepcopy__(self, memo: dict) -> "SpecFlowable":
        """Balanced columns deep-copy their contents for trial splits; a block's inputs (theme,
        image store, spec data) are read-only, so a shallow copy is a faithful and cheap one."""
        return copy.copy(self)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {format_path(self.spec_path) or '?'}>"

    def identity(self, maxLen: int | None = None) -> str:  # noqa: N803 (ReportLab's name)
        return repr(self)


def must_split(flowable: Flowable, height: float, share: float = 1.0) -> bool:
    """Whether a block that normally moves whole to the next page has to be split instead:
    it is taller than `share` of the frame, or already at the top of one. ReportLab sets
    `_frame` while it asks a flowable to split; without one, splitting is the safe answer."""
    frame = flowable_frame(flowable)
    if frame is None:
        return True
    return frame_is_at_top(frame) or height > share * frame_height(frame, height)


def fill_parts(parts: list[Flowable], width: float, height: float) -> tuple[list[Flowable], list[Flowable]]:
    """Split a column of flowables at `height`: (what fits, what is left). A part that does not
    fit is split itself when it can be (paragraphs split between lines)."""
    used = 0.0
    for index, part in enumerate(parts):
        part_height = part.wrap(width, MEASURE_HEIGHT)[1]
        if used + part_height <= height:
            used += part_height + part.getSpaceAfter()
            continue
        pieces = part.split(width, height - used) if height - used > 0 else []
        if len(pieces) >= 2:
            return parts[:index] + pieces[:1], pieces[1:] + parts[index + 1:]
        return parts[:index], parts[index:]
    return parts, []


def trim_origin(canvas: Canvas, geometry: PageGeometry) -> tuple[float, float]:
    """Where the current local origin sits on the trimmed page (flowables draw in local space)."""
    *_, x, y = current_matrix(canvas)  # (a b c d e f): e and f are the translation
    return (x - geometry.offset, y - geometry.offset)


def draw_paragraph(canvas: Canvas, paragraph: Paragraph, x: float, top: float, width: float) -> float:
    """Draw `paragraph` with its top at `top`; returns the y of its bottom."""
    _, height = paragraph.wrap(width, MEASURE_HEIGHT)
    paragraph.drawOn(canvas, x, top - height)
    return top - height


def fitted_size(texts: list[str], style: ParagraphStyle, size: float, width: float, minimum: float) -> float:
    """The largest size up to `size` at which every one of `texts` fits `width` on one line of `style`."""
    fitted = size
    for text in texts:
        natural = line_width(text, style, size=size)  # shaped, as the paragraph measures it
        if natural > width:
            fitted = min(fitted, math.floor(size * width / natural * SIZE_PRECISION) / SIZE_PRECISION)
    return max(fitted, minimum)


def stack_height(parts: list[Flowable], width: float) -> float:
    """Height of flowables stacked in a column, spacing between them included."""
    return stacked_height(parts, width) if parts else 0.0


def balance_two_columns(parts: list[Flowable], width: float) -> tuple[list[Flowable], list[Flowable], float]:
    """Split flowables into two columns of (nearly) equal height, splitting a paragraph if needed.
    Returns (first column, second column, height)."""
    total = stack_height(parts, width)
    low, high = total / 2, total
    best = (list(parts), [], total)
    for _ in range(BISECTION_STEPS):
        middle = (low + high) / 2
        first, second = fill_parts(parts, width, middle)
        second_height = stack_height(second, width)
        if second_height <= middle + 0.5:
            best = (first, second, max(stack_height(first, width), second_height))
            high = middle
        else:
            low = middle
    return best
