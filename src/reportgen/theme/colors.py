"""Colours: model `Color`s in, ReportLab colours out (RGB for screen, CMYK for print)."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.colors import CMYKColor, Color as RLColor

from reportgen.model.colors import Color
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
