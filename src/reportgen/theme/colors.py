"""Colours: model `Color`s in, ReportLab colours out (RGB for screen, CMYK for print)."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.colors import CMYKColor, Color as RLColor

from reportgen.model.colors import Color
from reportgen.model.contrast import contrast_ratio, nearest_passing, passes, required_ratio
from reportgen.model.report import Colors


def to_reportlab(color: Color, *, cmyk: bool = False) -> RLColor:
    if cmyk:
        c, m, y, k = color.cmyk
        return CMYKColor(c, m, y, k)
    r, g, b = color.rgb
    return RLColor(r, g, b)


@dataclass(frozen=True)
class Palette:
    """The theme's colours in the output's colour space, with helpers for tints."""

    colors: Colors
    cmyk: bool = False

    def __call__(self, color: Color) -> RLColor:
        return to_reportlab(color, cmyk=self.cmyk)

    @property
    def black(self) -> RLColor:
        """Text black: 100% K in print (never rich black), the theme's text colour on screen."""
        return CMYKColor(0, 0, 0, 1) if self.cmyk else self(self.colors.text)

    @property
    def white(self) -> RLColor:
        return CMYKColor(0, 0, 0, 0) if self.cmyk else RLColor(1, 1, 1)

    def named(self, name: str) -> RLColor:
        return self(getattr(self.colors, name))

    def tint(self, color: Color, amount: float) -> RLColor:
        return self(color.tint(amount))

    def chart(self, index: int) -> Color:
        return self.colors.chart[index % len(self.colors.chart)]

    def legible(self, color: RLColor, ground: RLColor, size: float, bold: bool) -> RLColor:
        """`color` for text of `size` points on `ground`, or, when WCAG 2.1 AA asks more contrast of it, the
        nearest colour of its hue that has it (for text on a ground no spec item chooses: a card's figure in
        the accent colour on the card's fill, a pie's percentages in their slice's colour)."""
        needed = required_ratio(size, bold)
        text, under = _rgb(color), _rgb(ground)
        if passes(contrast_ratio(text, under), needed):
            return color
        found = nearest_passing(text, under, needed)
        return color if found is None else self(Color("rgb", found))

    def on(self, ground: RLColor, size: float, bold: bool) -> RLColor:
        """Text on `ground` (a pie's slice): white where white is legible, else the theme's text colour if
        that is, else whichever of the two contrasts more."""
        needed, under = required_ratio(size, bold), _rgb(ground)
        white, black = self.white, self.black
        if passes(contrast_ratio(_rgb(white), under), needed):
            return white
        if passes(contrast_ratio(_rgb(black), under), needed):
            return black
        return max((white, black), key=lambda c: contrast_ratio(_rgb(c), under))


def _rgb(color: RLColor | Color) -> tuple[float, float, float]:
    """sRGB of a ReportLab colour (its method) or of a model colour (its property)."""
    value = color.rgb
    return tuple(value() if callable(value) else value)  # type: ignore[return-value]
