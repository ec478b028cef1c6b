"""WCAG 2.1 contrast: two sRGB colours in, their contrast ratio, the ratio text needs and the nearest passing colour out."""

from __future__ import annotations

import math
from functools import lru_cache

RGB = tuple[float, float, float]  # sRGB components, 0..1

NORMAL_TEXT = 4.5  # WCAG 2.1 success criterion 1.4.3 (AA)
LARGE_TEXT = 3.0   # large text: at least 18 pt, or 14 pt bold
LARGE_SIZE, LARGE_BOLD_SIZE = 18.0, 14.0


def luminance(rgb: RGB) -> float:
    """WCAG's relative luminance of an sRGB colour."""
    def linear(v: float) -> float:
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4
    r, g, b = (linear(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: RGB, b: RGB) -> float:
    """(L1 + 0.05) / (L2 + 0.05), lighter over darker: 1 to 21."""
    la, lb = luminance(a), luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


def required_ratio(size: float, bold: bool) -> float:
    """The ratio WCAG 2.1 AA asks of text of `size` points: 3:1 when large, else 4.5:1."""
    large = size >= LARGE_SIZE - 0.05 or (bold and size >= LARGE_BOLD_SIZE - 0.05)
    return LARGE_TEXT if large else NORMAL_TEXT


def passes(ratio: float, needed: float) -> bool:
    """WCAG compares the unrounded ratio; a hair's tolerance keeps 4.4999 from floating-point noise out."""
    return ratio >= needed - 1e-9


def hex_of(rgb: RGB) -> str:
    return "#" + "".join(f"{round(min(max(v, 0.0), 1.0) * 255):02X}" for v in rgb)


def from_hex(text: str) -> RGB:
    return tuple(int(text[i:i + 2], 16) / 255 for i in (1, 3, 5))  # type: ignore[return-value]


# ---------------------------------------------------------------- OKLCH (Björn Ottosson's Oklab)

def _to_oklab(rgb: RGB) -> tuple[float, float, float]:
    def linear(v: float) -> float:
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4
    r, g, b = (linear(v) for v in rgb)
    l_ = (0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b) ** (1 / 3)
    m_ = (0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b) ** (1 / 3)
    s_ = (0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b) ** (1 / 3)
    return (0.2104542553 * l_ + 0.7936177850 * m_ - 0.0040720468 * s_,
            1.9779984951 * l_ - 2.4285922050 * m_ + 0.4505937099 * s_,
            0.0259040371 * l_ + 0.7827717662 * m_ - 0.8086757660 * s_)


def _from_oklab(lab: tuple[float, float, float]) -> tuple[RGB, bool]:
    """sRGB (clipped) and whether the colour was inside the sRGB gamut."""
    L, a, b = lab
    l_, m_, s_ = L + 0.3963377774 * a + 0.2158037573 * b, L - 0.1055613458 * a - 0.0638541728 * b, \
        L - 0.0894841775 * a - 1.2914855480 * b
    l, m, s = l_ ** 3, m_ ** 3, s_ ** 3
    linear = (4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s,
              -1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s,
              -0.0041960863 * l - 0.7034186147 * m + 1.7076147010 * s)
    inside = all(-1e-4 <= v <= 1 + 1e-4 for v in linear)

    def encode(v: float) -> float:
        v = min(max(v, 0.0), 1.0)
        return 12.92 * v if v <= 0.0031308 else 1.055 * v ** (1 / 2.4) - 0.055
    return (encode(linear[0]), encode(linear[1]), encode(linear[2])), inside


def _with_lightness(rgb: RGB, lightness: float) -> RGB:
    """The colour at OKLCH `lightness` with its hue, and its chroma where sRGB holds it (else the most it holds)."""
    L, a, b = _to_oklab(rgb)
    chroma, hue = math.hypot(a, b), math.atan2(b, a)
    if chroma < 2e-3:  # a grey (white, black): its hue is rounding noise, and a grey it stays
        chroma = 0.0

    def at(c: float) -> tuple[RGB, bool]:
        return _from_oklab((lightness, c * math.cos(hue), c * math.sin(hue)))
    candidate, inside = at(chroma)
    if inside:
        return candidate
    low, high = 0.0, chroma  # the largest chroma inside the gamut, to 1/2^20 of the colour's own
    for _ in range(20):
        middle = (low + high) / 2
        if at(middle)[1]:
            low = middle
        else:
            high = middle
    return at(low)[0]


@lru_cache(maxsize=256)  # (a pure function of its values: a card row asks it for every card's figure)
def nearest_passing(color: RGB, against: RGB, needed: float) -> RGB | None:
    """The colour nearest `color` in OKLCH lightness, same hue, that meets `needed` against `against`
    (as a 24-bit colour: its hex passes too); None when no lightness does (then no colour of the hue does)."""
    start = _to_oklab(color)[0]
    best: tuple[float, RGB] | None = None
    for direction in (-1, 1):
        limit = 0.0 if direction < 0 else 1.0
        low, high = start, limit  # `high` passes if any lightness on this side does
        candidate = from_hex(hex_of(_with_lightness(color, high)))
        if not passes(contrast_ratio(candidate, against), needed):
            continue
        for _ in range(30):
            middle = (low + high) / 2
            trial = from_hex(hex_of(_with_lightness(color, middle)))
            if passes(contrast_ratio(trial, against), needed):
                high, candidate = middle, trial
            else:
                low = middle
        if best is None or abs(high - start) < best[0]:
            best = (abs(high - start), candidate)
    return best[1] if best is not None else None
