"""Colours: '#RRGGBB' or 'cmyk(C, M, Y, K)' (percent) in, a frozen `Color` out."""

from __future__ import annotations

import re
from dataclasses import dataclass

_HEX = re.compile(r"^#([0-9a-fA-F]{6})$")
_SHORT_HEX = re.compile(r"^#([0-9a-fA-F]{3})$")
_PERCENT = r"\s*([0-9]+(?:\.[0-9]+)?)\s*%?\s*"
_CMYK = re.compile(rf"^cmyk\({_PERCENT},{_PERCENT},{_PERCENT},{_PERCENT}\)$", re.I)
COLOR_HINT = 'expected "#RRGGBB" or "cmyk(C, M, Y, K)" with percentages'


@dataclass(frozen=True)
class Color:
    """A colour as the designer gave it: RGB components or CMYK components, each 0..1."""

    space: str  # "rgb" or "cmyk"
    components: tuple[float, ...]

    @property
    def rgb(self) -> tuple[float, float, float]:
        if self.space == "rgb":
            return self.components  # type: ignore[return-value]
        c, m, y, k = self.components
        return ((1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k))

    @property
    def cmyk(self) -> tuple[float, float, float, float]:
        if self.space == "cmyk":
            return self.components  # type: ignore[return-value]
        r, g, b = self.components
        k = 1 - max(r, g, b)
        if k >= 1.0:
            return (0.0, 0.0, 0.0, 1.0)
        return ((1 - r - k) / (1 - k), (1 - g - k) / (1 - k), (1 - b - k) / (1 - k), k)

    @property
    def hex(self) -> str:
        return "#" + "".join(f"{round(v * 255):02X}" for v in self.rgb)

    def mix(self, other: "Color", amount: float) -> "Color":
        """Blend towards `other` by `amount` (0 keeps self) in self's colour space."""
        mine = self.components
        theirs = other.cmyk if self.space == "cmyk" else other.rgb
        return Color(self.space, tuple(a + (b - a) * amount for a, b in zip(mine, theirs)))

    def tint(self, amount: float) -> "Color":
        """A lighter version: `amount` of the way to paper white."""
        paper = Color("cmyk", (0.0, 0.0, 0.0, 0.0)) if self.space == "cmyk" else Color("rgb", (1.0, 1.0, 1.0))
        return self.mix(paper, amount)

    def __str__(self) -> str:
        if self.space == "cmyk":
            return "cmyk(" + ", ".join(f"{v * 100:g}" for v in self.components) + ")"
        return self.hex


def parse_color(value: object) -> Color:
    if isinstance(value, Color):
        return value
    if not isinstance(value, str):
        raise ValueError(f"not a colour: {value!r}; {COLOR_HINT}")
    text = value.strip()
    if match := _HEX.match(text):
        digits = match.group(1)
        return Color("rgb", tuple(int(digits[i:i + 2], 16) / 255 for i in (0, 2, 4)))
    if match := _SHORT_HEX.match(text):
        return Color("rgb", tuple(int(d * 2, 16) / 255 for d in match.group(1)))
    if match := _CMYK.match(text):
        parts = [float(p) for p in match.groups()]
        if any(p > 100 for p in parts):
            raise ValueError(f"CMYK percentages run from 0 to 100, got {value!r}")
        return Color("cmyk", tuple(p / 100 for p in parts))
    raise ValueError(f"not a colour: {value!r}; {COLOR_HINT}")
