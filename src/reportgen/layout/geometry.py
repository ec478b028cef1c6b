"""Page geometry: the model's page settings in, trim size, frames and bleed offsets (points) out."""

from __future__ import annotations

from dataclasses import dataclass

from reportgen.model.report import Page

SLUG = 27.0  # room outside the bleed for crop marks in print mode


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float

    @property
    def top(self) -> float:
        return self.y + self.height

    @property
    def right(self) -> float:
        return self.x + self.width


@dataclass(frozen=True)
class PageGeometry:
    """Everything is in trim coordinates: (0, 0) is the trimmed page's lower-left corner.
    In print mode the media box grows by bleed and slug on each side, and `offset` is
    where the trim's origin sits inside the media box."""

    width: float
    height: float
    top: float
    bottom: float
    inside: float
    outside: float
    bleed: float
    safe_zone: float
    print_mode: bool = False

    @classmethod
    def from_page(cls, page: Page, *, print_mode: bool = False) -> "PageGeometry":
        width, height = page.size
        margins = page.margins
        return cls(width, height, margins.top, margins.bottom, margins.inside, margins.outside,
                   page.bleed, page.safe_zone, print_mode)

    @property
    def offset(self) -> float:
        return self.bleed + SLUG if self.print_mode else 0.0

    @property
    def media_size(self) -> tuple[float, float]:
        return (self.width + 2 * self.offset, self.height + 2 * self.offset)

    @property
    def content_width(self) -> float:
        return self.width - self.inside - self.outside

    @property
    def content_height(self) -> float:
        return self.height - self.top - self.bottom

    def body_frame(self, page_number: int) -> Rect:
        """Odd pages are right-hand pages: their inside margin is on the left."""
        left = self.inside if page_number % 2 == 1 else self.outside
        return Rect(left, self.bottom, self.content_width, self.content_height)

    def full_page(self) -> Rect:
        return Rect(0.0, 0.0, self.width, self.height)

    def bleed_rect(self) -> Rect:
        """The trim plus bleed on every side: where full-bleed art is drawn."""
        return Rect(-self.bleed, -self.bleed, self.width + 2 * self.bleed, self.height + 2 * self.bleed)
