"""Runt pages: the lines each page holds, by section, in; a warning for a section whose last page holds a few lines out."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from reportlab.platypus import Flowable, Paragraph
from reportlab.platypus.flowables import BalancedColumns

from reportgen.layout.blocks.base import LayoutLog
from reportgen.layout.limits import RUNT_LINES
from reportgen.reportlab_adapter.platypus import container_children


def lines_of(flowable: object, leading: float) -> int:
    """The lines a placed flowable holds: a paragraph's; what a container holds; for anything else (a photo,
    cards, a chart) its height in lines of body text."""
    if isinstance(flowable, BalancedColumns):
        return 0  # its columns' content is placed (and counted) piece by piece
    if isinstance(flowable, Paragraph):  # placed, so wrapped: its height is its lines' leading
        leading = getattr(flowable.style, "leading", 0.0)
        return round(getattr(flowable, "height", 0.0) / leading) if leading else 0
    children = container_children(flowable)
    if children:
        return sum(lines_of(child, leading) for child in children)
    height = getattr(flowable, "height", 0.0)
    return round(height / leading) if leading and isinstance(height, (int, float)) else 0


@dataclass(frozen=True)
class Runt:
    """A section's last page holding `lines` lines of it alone (in `columns` columns), the page before it
    holding `before` lines of it per column."""

    page: int
    section: int
    lines: int
    columns: int
    before: int

    @property
    def moved(self) -> int:
        """Lines per column the page before gives up for this page to hold RUNT_LINES (one more: a paragraph
        split keeps two lines together at either end, and columns stand on the baseline grid)."""
        return -(-(RUNT_LINES + 1 - self.lines) // self.columns)

    @property
    def avoidable(self) -> bool:
        """Whether the page before keeps a full page's worth (RUNT_LINES per column past those it gives up)."""
        return self.before - self.moved >= RUNT_LINES


@dataclass
class PageLines:
    """What each body page holds, as the layout places it: lines by section index and by frame (a column)."""

    leading: float
    pages: dict[int, dict[int, dict[str, int]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(lambda: defaultdict(int))))

    def placed(self, page: int, section: int, frame: str, flowable: Flowable) -> None:
        self.pages[page][section][frame] += lines_of(flowable, self.leading)

    def runts(self) -> list[Runt]:
        """Each page a section runs onto from the page before, holding only its lines, fewer than RUNT_LINES."""
        found = []
        for page in sorted(self.pages):
            sections = {section: frames for section, frames in self.pages[page].items() if sum(frames.values())}
            if len(sections) != 1 or page - 1 not in self.pages:
                continue
            [(section, frames)] = sections.items()
            count, before = sum(frames.values()), self.pages[page - 1].get(section)
            if count < RUNT_LINES and before:
                found.append(Runt(page, section, count, len(frames), max(before.values())))
        return found

    def report(self, log: LayoutLog, names: list[str]) -> None:
        """Warn at each section whose text runs onto a page where it alone holds fewer than RUNT_LINES lines."""
        for runt in self.runts():
            count = runt.lines
            log.warn(f"{names[runt.section]} ends on page {runt.page} with {count} line{'s' if count != 1 else ''} "
                     f"(a page under {RUNT_LINES} lines)", ("sections", runt.section),
                     f"shorten it by about {count} lines or lengthen it by {RUNT_LINES - count}, or let the next "
                     "section continue on the page (break: none)")
