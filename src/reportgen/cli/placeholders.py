"""Placeholder "photographs": a name, size, mood colour and motif in, a deterministic JPEG out.

Abstract but photographic-feeling images (soft gradients, blurred bokeh, hills, skylines and figure
silhouettes), each with a discreet "Placeholder photo" label. Each image is drawn from a random source
seeded by its file name, so the same arguments always give byte-identical files. Used by
`reportgen init` and scripts/make_placeholder_photos.py.
"""

from __future__ import annotations

import math
import random
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from PIL import Image, ImageDraw, ImageFilter, ImageFont

Colour = tuple[int, int, int]
Size = tuple[int, int]
LANDSCAPE: Size = (2100, 1400)
SQUARE: Size = (1500, 1500)

FONT_PATH = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
BUNDLED_FONT = Path(__file__).resolve().parent.parent / "fonts" / "OpenSans-Regular.ttf"
WHITE: Colour = (255, 255, 255)
BLACK: Colour = (0, 0, 0)
Box = tuple[float, float, float, float]
Shapes = Callable[[ImageDraw.ImageDraw, int], None]  # draws into a mask with the given fill value


def hex_to_rgb(value: str) -> Colour:
    return (int(value[1:3], 16), int(value[3:5], 16), int(value[5:7], 16))


def mix(colour: Colour, other: Colour, amount: float) -> Colour:
    red, green, blue = (round(mine + (theirs - mine) * amount) for mine, theirs in zip(colour, other))
    return (red, green, blue)


def tint(colour: Colour, amount: float) -> Colour:
    return mix(colour, WHITE, amount)


def shade(colour: Colour, amount: float) -> Colour:
    return mix(colour, BLACK, amount)


def disc(box: Box, rim: int = 0) -> Shapes:
    """A filled ellipse, optionally with a brighter rim like an out-of-focus highlight."""
    return lambda draw, value: draw.ellipse(box, fill=value, outline=min(255, round(value * 1.5)), width=rim)


def rectangles(*boxes: Box) -> Shapes:
    def draw_all(draw: ImageDraw.ImageDraw, value: int) -> None:
        for box in boxes:
            draw.rectangle(box, fill=value)
    return draw_all


@dataclass
class Photo:
    """The image being drawn, its deterministic random source and its palette."""
    image: Image.Image
    chance: random.Random
    colour: Colour
    accent: Colour

    def between(self, low: float, high: float) -> float:
        return self.chance.uniform(low, high)

    def background(self, top: Colour, bottom: Colour) -> None:
        """Fill with a smooth vertical gradient from the top colour to the bottom colour."""
        mask = Image.linear_gradient("L").resize(self.image.size, Image.Resampling.BICUBIC)
        self.image.paste(top, (0, 0, *self.image.size))
        self.image.paste(bottom, mask=mask)

    def paint(self, colour: Colour, opacity: float, blur: float, shapes: Shapes) -> None:
        """Draw shapes into a mask at the given opacity, soften it, and blend the colour through it."""
        mask = Image.new("L", self.image.size, 0)
        shapes(ImageDraw.Draw(mask), round(255 * opacity))
        if blur > 0:
            mask = mask.filter(ImageFilter.GaussianBlur(blur))
        self.image.paste(colour, mask=mask)

    def bokeh_lights(self, count: int, top: float = 0.0, bottom: float = 1.0, scale: float = 1.0) -> None:
        """Translucent out-of-focus discs with faint bright rims; the largest (softest) go first."""
        width, height = self.image.size
        for radius in sorted((self.between(0.02, 0.14) * width * scale for _ in range(count)), reverse=True):
            x, y = self.between(-0.05, 1.05) * width, self.between(top, bottom) * height
            hue = self.accent if self.chance.random() < 0.4 else tint(self.colour, self.between(0.35, 0.75))
            self.paint(hue, self.between(0.10, 0.30), radius * self.between(0.04, 0.25),
                       disc((x - radius, y - radius, x + radius, y + radius), max(2, round(radius * 0.05))))


def bokeh(photo: Photo) -> None:
    photo.background(shade(photo.colour, 0.55), shade(photo.colour, 0.15))
    photo.bokeh_lights(count=30)


def hills(photo: Photo) -> None:
    (width, height), colour = photo.image.size, photo.colour
    photo.background(shade(colour, 0.30), tint(colour, 0.50))
    sun_x, sun_y = photo.between(0.25, 0.75) * width, photo.between(0.38, 0.50) * height
    for radius, opacity, blur in ((0.22, 0.35, 0.09), (photo.between(0.035, 0.06), 0.85, 0.008)):
        radius *= width  # a wide glow, then the sun itself
        photo.paint(photo.accent, opacity, blur * width,
                    disc((sun_x - radius, sun_y - radius, sun_x + radius, sun_y + radius)))
    ridges = photo.chance.choice((3, 4, 5))
    for ridge in range(ridges):
        depth = ridge / (ridges - 1)  # 0 is the farthest ridge, 1 the nearest
        base_y, amplitude = height * (0.56 + 0.36 * depth), height * (0.05 + 0.09 * depth)
        waves = [(photo.between(0.4, 2.2), photo.between(0, math.tau), photo.between(0.3, 1.0))
                 for _ in range(3)]  # frequency, phase, weight
        total_weight = sum(weight for _, _, weight in waves)

        def ridge_line(x: float) -> float:
            swell = sum(weight * math.sin(frequency * math.tau * x / width + phase)
                        for frequency, phase, weight in waves)
            return base_y - amplitude * swell / total_weight

        outline = [(x, ridge_line(x)) for x in range(0, width + 20, 20)] + [(width, height), (0, height)]
        photo.paint(mix(tint(colour, 0.30), shade(colour, 0.75), depth), 1.0, width * 0.004 * (1.5 - depth),
                    lambda draw, value, outline=outline: draw.polygon(outline, fill=value))


def skyline(photo: Photo) -> None:
    (width, height), colour = photo.image.size, photo.colour
    photo.background(shade(colour, 0.50), tint(colour, 0.40))
    photo.paint(photo.accent, 0.30, width * 0.08, disc((-0.2 * width, 0.45 * height, 1.2 * width, height)))
    for layer, (tallest, depth, blur) in enumerate(((0.55, 0.45, 8.0), (0.40, 1.0, 2.0))):
        buildings: list[Box] = []
        windows: list[Box] = []
        x = -photo.between(0, 0.05) * width
        while x < width:
            building_width = photo.between(0.05, 0.12) * width
            top = height * (1 - photo.between(0.15, tallest) - 0.05 * layer)
            buildings.append((x, top, x + building_width, height))
            if layer == 1:  # scattered lit windows on the nearer row only
                windows += [(column, row, column + 14, row + 22)
                            for row in range(int(top + 30), height - 40, 46)
                            for column in range(int(x + 16), int(x + building_width - 26), 36)
                            if photo.chance.random() < 0.35]
            x += building_width + photo.between(0.0, 0.015) * width
        photo.paint(mix(tint(colour, 0.40), shade(colour, 0.75), depth), 1.0, blur, rectangles(*buildings))
        photo.paint(photo.accent, 0.45, 1.5, rectangles(*windows))


def figure(draw: ImageDraw.ImageDraw, value: int, x: float, shoulders: float, radius: float,
           bottom: float, cap: bool = False) -> None:
    """A rounded head-and-shoulders silhouette, optionally wearing a mortarboard."""
    head_y, neck_bottom, half_width = shoulders - radius * 1.5, shoulders + radius, radius * 2.2
    draw.ellipse((x - radius * 0.9, head_y - radius * 1.05, x + radius * 0.9, head_y + radius * 1.05),
                 fill=value)
    draw.polygon([(x - radius * 0.4, head_y), (x + radius * 0.4, head_y),
                  (x + radius * 0.55, neck_bottom), (x - radius * 0.55, neck_bottom)], fill=value)
    draw.ellipse((x - half_width, shoulders, x + half_width, shoulders + radius * 2.4), fill=value)  # sloping
    draw.rectangle((x - half_width, shoulders + radius * 1.2, x + half_width, bottom + radius), fill=value)
    if cap:
        top = head_y - radius
        draw.polygon([(x - radius * 1.4, top), (x, top - radius * 0.4), (x + radius * 1.4, top),
                      (x, top + radius * 0.4)], fill=value)


def people(photo: Photo, caps: bool = False) -> None:
    (width, height), colour = photo.image.size, photo.colour
    photo.background(tint(colour, 0.25), shade(colour, 0.35))
    photo.bokeh_lights(count=16, top=0.05, bottom=0.5, scale=0.6)
    # rows from back to front: figure count, head radius and shoulder line as shares, darkness, blur
    for count, radius_share, shoulder_share, darkness, blur in (
            (7, 0.030, 0.60, 0.25, 7.0), (6, 0.042, 0.74, 0.50, 4.0), (4, 0.060, 0.90, 0.78, 2.0)):
        spacing, offset = width / count, photo.between(-0.3, 0.3) * width / count
        seats = [(spacing * (index + 0.5) + offset + photo.between(-0.12, 0.12) * spacing,
                  radius_share * width * photo.between(0.92, 1.08)) for index in range(count)]

        def row(draw: ImageDraw.ImageDraw, value: int, seats=seats, line=shoulder_share * height) -> None:
            for x, radius in seats:
                figure(draw, value, x, line, radius, height, cap=caps)

        photo.paint(shade(colour, darkness), 1.0, blur, row)


def portrait(photo: Photo) -> None:
    (width, height), colour = photo.image.size, photo.colour
    photo.background(tint(colour, 0.20), shade(colour, 0.40))
    photo.paint(tint(colour, 0.8), 0.45, width * 0.06,  # soft window light from the left
                rectangles((-0.1 * width, 0.05 * height, 0.35 * width, 0.7 * height)))
    photo.bokeh_lights(count=10, top=0.1, bottom=0.6, scale=0.8)
    x, shoulders, radius = width * photo.between(0.52, 0.58), height * 0.62, width * 0.13
    photo.paint(tint(colour, 0.6), 0.35, 14,  # faint rim light just behind the sitter
                lambda draw, value: figure(draw, value, x - radius * 0.08, shoulders - 5, radius, height))
    photo.paint(shade(colour, 0.60), 1.0, 5,
                lambda draw, value: figure(draw, value, x, shoulders, radius, height))


MOTIFS: dict[str, Callable[[Photo], None]] = {
    "bokeh": bokeh, "hills": hills, "skyline": skyline, "portrait": portrait,
    "people": people, "graduates": lambda photo: people(photo, caps=True),
}


def vignette(image: Image.Image, strength: float = 0.55) -> None:
    """Darken the edges and corners gently with a radial falloff."""
    distance = Image.radial_gradient("L").resize(image.size, Image.Resampling.BICUBIC)
    image.paste(BLACK, mask=distance.point(lambda value: round(max(0, value - 100) / 155 * 255 * strength)))


def label(photo: Photo, name: str) -> None:
    """Write a small white placeholder note at 40% opacity in the bottom-left corner."""
    height = photo.image.height
    size, margin = max(14, round(height * 0.016)), round(height * 0.025)
    font = ImageFont.truetype(str(FONT_PATH if FONT_PATH.exists() else BUNDLED_FONT), size)
    text = f"Placeholder photo \u2014 replace assets/photos/{name}"
    photo.paint(WHITE, 0.40, 0, lambda draw, value: draw.text(
        (margin, height - margin), text, font=font, fill=value, anchor="ld"))


def make_photo(path: Path, size: Size, colour_hex: str, motif: str, accent_hex: str | None = None,
               name: str | None = None) -> None:
    """Draw one placeholder photo and save it at `path` as a baseline JPEG without EXIF; `name`
    (default: the file's name) seeds the drawing and appears in the label."""
    name = name or path.name
    colour = hex_to_rgb(colour_hex)
    accent = hex_to_rgb(accent_hex) if accent_hex else tint(colour, 0.65)
    photo = Photo(Image.new("RGB", size), random.Random(zlib.crc32(name.encode("utf-8"))), colour, accent)
    MOTIFS[motif](photo)
    vignette(photo.image)
    label(photo, name)
    photo.image.save(path, "JPEG", quality=86, optimize=True, progressive=False, subsampling=2,
                     dpi=(300, 300))  # 4:2:0, baseline, no EXIF
