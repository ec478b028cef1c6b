"""Colour separation: sRGB colours and a CMYK output profile in, the profile's CMYK for each and how near it lands (ΔE2000) out.

littleCMS (through Pillow's ImageCms) converts, as it converts the photos. Vector colours default to
relative colorimetric without black-point compensation, so a colour inside the press's gamut lands on
itself; a colour outside it is clipped to the nearest one inside, and its ΔE2000 says how far that is.
ΔE is measured in relative-colorimetric Lab (D50, the paper as white): the spec's colour as sRGB
describes it against the profile's own rendering of the CMYK written.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

GAMUT_DELTA_E = 2.0  # ΔE2000 above which a colour counts as outside the press's gamut
GREY_CHROMA = 10.0   # C*ab below which a colour reads as a grey: in small text its tint may go (not its lightness)
INTENTS = ("perceptual", "relative", "saturation", "absolute")

RGB = tuple[int, int, int]
CMYK = tuple[float, float, float, float]
Lab = tuple[float, float, float]


@dataclass(frozen=True)
class Separated:
    """One colour's separation: the CMYK written and how far the press's rendering of it is from the colour."""

    rgb: RGB
    cmyk: CMYK
    delta_e: float

    @property
    def in_gamut(self) -> bool:
        return self.delta_e <= GAMUT_DELTA_E


def intent_number(name: str) -> int:
    from PIL import ImageCms

    return {"perceptual": ImageCms.Intent.PERCEPTUAL, "relative": ImageCms.Intent.RELATIVE_COLORIMETRIC,
            "saturation": ImageCms.Intent.SATURATION, "absolute": ImageCms.Intent.ABSOLUTE_COLORIMETRIC}[name]


@dataclass(eq=False)
class Separation:
    """Separates sRGB colours through `profile`; each colour is converted once and remembered (one build's)."""

    profile: Path
    intent: str = "relative"
    black_point_compensation: bool = False
    seen: dict[RGB, Separated] = field(default_factory=dict)
    _transforms: dict[str, Any] = field(default_factory=dict, repr=False)

    def _transform(self, name: str) -> Any:
        if name not in self._transforms:
            from PIL import ImageCms

            output = ImageCms.getOpenProfile(str(self.profile))
            srgb, lab = ImageCms.createProfile("sRGB"), ImageCms.createProfile("LAB", 5000)
            relative = ImageCms.Intent.RELATIVE_COLORIMETRIC
            if name == "separate":
                flags = ImageCms.Flags.BLACKPOINTCOMPENSATION if self.black_point_compensation else ImageCms.Flags.NONE
                made = ImageCms.buildTransform(srgb, output, "RGB", "CMYK", intent_number(self.intent), flags)
            elif name == "render":  # how the press renders a CMYK: the profile's colorimetric side
                made = ImageCms.buildTransform(output, lab, "CMYK", "LAB", relative)
            else:  # the colour as sRGB describes it
                made = ImageCms.buildTransform(srgb, lab, "RGB", "LAB", relative)
            self._transforms[name] = made
        return self._transforms[name]

    def __call__(self, rgb: tuple[float, float, float]) -> Separated:
        key = tuple(max(0, min(255, round(v * 255))) for v in rgb)
        if key not in self.seen:
            from PIL import Image

            pixel = Image.new("RGB", (1, 1), key)  # type: ignore[arg-type]
            cmyk_pixel = self._transform("separate").apply(pixel)
            ink = tuple(cmyk_pixel.getpixel((0, 0)))
            self.seen[key] = Separated(key, tuple(v / 255 for v in ink),  # type: ignore[arg-type]
                                       delta_e_2000(self.lab_of_rgb(key), self.lab_of_cmyk(ink)))  # type: ignore[arg-type]
        return self.seen[key]

    def lab_of_rgb(self, rgb: RGB) -> Lab:
        from PIL import Image

        return _lab(self._transform("describe").apply(Image.new("RGB", (1, 1), rgb)).getpixel((0, 0)))

    def lab_of_cmyk(self, ink: tuple[int, int, int, int]) -> Lab:
        """The press's colour for `ink` (0..255 per channel), in Lab."""
        from PIL import Image

        return _lab(self._transform("render").apply(Image.new("CMYK", (1, 1), ink)).getpixel((0, 0)))

    def one_ink(self, rgb: tuple[float, float, float]) -> Separated | None:
        """K-only ink for small text in this colour, where the colour allows: its K-only rendering lands within
        ΔE2000 2 of it, or it is a grey (C*ab below 10), whose lightness black ink keeps; else None."""
        black = self.black_only(rgb)
        _, a, b = self.lab_of_rgb(black.rgb)
        return black if black.in_gamut or math.hypot(a, b) < GREY_CHROMA else None

    def black_only(self, rgb: tuple[float, float, float]) -> Separated:
        """The K-only ink whose lightness is the colour's, and how far that is from the colour."""
        colour = self(rgb)
        wanted = self.lab_of_rgb(colour.rgb)
        low, high = 0, 255  # lightness falls as K rises: bisect for the nearest step
        while high - low > 1:
            middle = (low + high) // 2
            if self.lab_of_cmyk((0, 0, 0, middle))[0] > wanted[0]:
                low = middle
            else:
                high = middle
        best = min((low, high), key=lambda k: abs(self.lab_of_cmyk((0, 0, 0, k))[0] - wanted[0]))
        return Separated(colour.rgb, (0.0, 0.0, 0.0, best / 255),
                         delta_e_2000(wanted, self.lab_of_cmyk((0, 0, 0, best))))

    def out_of_gamut(self) -> list[Separated]:
        """The colours separated so far that the press cannot print within ΔE2000 2, in the order first met."""
        return [s for s in self.seen.values() if not s.in_gamut]


def _lab(pixel: tuple[int, int, int]) -> Lab:
    """An 8-bit Lab pixel (littleCMS's encoding: L 0..255 for 0..100, a and b offset by 128) as Lab."""
    lightness, a, b = pixel
    return (lightness * 100 / 255, float(a - 128), float(b - 128))


def delta_e_2000(first: Lab, second: Lab) -> float:
    """CIEDE2000 colour difference (kL = kC = kH = 1)."""
    l1, a1, b1 = first
    l2, a2, b2 = second
    c_mean = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(c_mean ** 7 / (c_mean ** 7 + 25 ** 7)))
    a1p, a2p = a1 * (1 + g), a2 * (1 + g)
    c1p, c2p = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1p = math.degrees(math.atan2(b1, a1p)) % 360 if c1p else 0.0
    h2p = math.degrees(math.atan2(b2, a2p)) % 360 if c2p else 0.0
    dl, dc = l2 - l1, c2p - c1p
    dh = 0.0
    if c1p * c2p:
        dh = h2p - h1p
        dh = dh - 360 if dh > 180 else dh + 360 if dh < -180 else dh
    dhh = 2 * math.sqrt(c1p * c2p) * math.sin(math.radians(dh / 2))
    l_mean, cp_mean = (l1 + l2) / 2, (c1p + c2p) / 2
    h_mean = h1p + h2p
    if c1p * c2p:
        h_mean = (h1p + h2p) / 2 if abs(h1p - h2p) <= 180 else (h1p + h2p + 360) / 2 if h1p + h2p < 360 \
            else (h1p + h2p - 360) / 2
    t = (1 - 0.17 * math.cos(math.radians(h_mean - 30)) + 0.24 * math.cos(math.radians(2 * h_mean))
         + 0.32 * math.cos(math.radians(3 * h_mean + 6)) - 0.20 * math.cos(math.radians(4 * h_mean - 63)))
    sl = 1 + 0.015 * (l_mean - 50) ** 2 / math.sqrt(20 + (l_mean - 50) ** 2)
    sc, sh = 1 + 0.045 * cp_mean, 1 + 0.015 * cp_mean * t
    rt = (-2 * math.sqrt(cp_mean ** 7 / (cp_mean ** 7 + 25 ** 7))
          * math.sin(math.radians(60 * math.exp(-(((h_mean - 275) / 25) ** 2)))))
    return math.sqrt((dl / sl) ** 2 + (dc / sc) ** 2 + (dhh / sh) ** 2 + rt * (dc / sc) * (dhh / sh))
