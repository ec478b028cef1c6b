"""Colours: model `Color`s in, ReportLab colours out (RGB for screen, CMYK for print, through the output profile)."""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.lib.colors import CMYKColor, Color as RLColor

from reportgen.diagnostics import Diagnostic, Severity, SpecPath
from reportgen.model.colors import Color
from reportgen.model.contrast import contrast_ratio, nearest_passing, passes, required_ratio
from reportgen.model.report import Colors
from reportgen.theme.separation import Separated, Separation

SMALL_TEXT = 12.0  # points: text below this is set in one ink where the colour allows (registration)


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
    separation: Separation | None = None  # print with an output profile: RGB colours go through it
    sources: dict[tuple[float, ...], tuple[float, float, float]] = field(default_factory=dict, compare=False)

    def __call__(self, color: Color) -> RLColor:
        if not self.cmyk or self.separation is None or color.space != "rgb":
            return to_reportlab(color, cmyk=self.cmyk)  # cmyk(...) colours pass unchanged
        return self._written(self.separation(color.rgb), color)

    def _written(self, separated: Separated, color: Color) -> RLColor:
        ink = CMYKColor(*separated.cmyk)
        self.sources.setdefault(separated.cmyk, color.rgb)  # contrast is judged on the colour meant
        return ink

    def text(self, color: Color, size: float) -> RLColor:
        """A text colour for `size` points: below 12 pt, a grey or near-black (Separation.one_ink) is set in
        black ink alone, at its lightness, so small type cannot misregister; other colours as usual (preflight
        names small text in several inks)."""
        if self.cmyk and self.separation is not None and color.space == "rgb" and size < SMALL_TEXT:
            black = self.separation.one_ink(color.rgb)
            if black is not None:
                return self._written(black, color)
        return self(color)

    def gamut_notes(self) -> list[Diagnostic]:
        """A note for each RGB colour converted so far that the profile cannot print within ΔE2000 2: the colour
        (by its theme field where it is one), its ΔE2000 and the nearest printable CMYK, which was written."""
        if self.separation is None:
            return []
        names: dict[tuple[int, ...], SpecPath] = {}
        for name in ("primary", "accent", "text", "muted", "paper", "rule", "positive", "negative", "pillars",
                     "chart"):
            value = getattr(self.colors, name)
            for index, color in enumerate(value) if isinstance(value, tuple) else [(None, value)]:
                key = tuple(round(v * 255) for v in color.rgb)
                names.setdefault(key, ("theme", "colors", name) + (() if index is None else (index,)))
        notes = []
        profile = self.separation.profile.name
        for separated in self.separation.out_of_gamut():
            colour = "#" + "".join(f"{v:02X}" for v in separated.rgb)
            ink = " ".join(f"{letter}{round(v * 100)}" for letter, v in zip("CMYK", separated.cmyk))
            named = separated.rgb in names
            notes.append(Diagnostic(
                f"{colour}{'' if named else ' (a tint or shade of a theme colour)'} is outside the gamut of {profile}: "
                f"the nearest printable colour, {ink}, is written, ΔE2000 {separated.delta_e:.1f} from it",
                names.get(separated.rgb, ()), "give a cmyk(...) colour to choose the inks yourself",
                severity=Severity.NOTE))
        return notes

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
        text, under = _rgb(color, self.sources), _rgb(ground, self.sources)
        if passes(contrast_ratio(text, under), needed):
            return color
        found = nearest_passing(text, under, needed)
        return color if found is None else self(Color("rgb", found))

    def on(self, ground: RLColor, size: float, bold: bool) -> RLColor:
        """Text on `ground` (a pie's slice): white where white is legible, else the theme's text colour if
        that is, else whichever of the two contrasts more."""
        needed, under = required_ratio(size, bold), _rgb(ground, self.sources)
        white, black = self.white, self.black
        if passes(contrast_ratio(_rgb(white, self.sources), under), needed):
            return white
        if passes(contrast_ratio(_rgb(black, self.sources), under), needed):
            return black
        return max((white, black), key=lambda c: contrast_ratio(_rgb(c, self.sources), under))


def _rgb(color: RLColor | Color, sources: dict | None = None) -> tuple[float, float, float]:
    """sRGB of a ReportLab colour (its method, or the colour it was separated from) or of a model colour."""
    if sources and isinstance(color, CMYKColor):
        known = sources.get((color.cyan, color.magenta, color.yellow, color.black))
        if known is not None:
            return known
    value = color.rgb
    return tuple(value() if callable(value) else value)  # type: ignore[return-value]
