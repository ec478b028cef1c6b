"""The spec's typed model: validated, frozen models (see base.py) with lengths in points.

This module never imports ReportLab. Every field here is part of the public spec contract
documented in docs/spec.md.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from reportgen.model.base import After, Model, SpecError, field
from reportgen.model.colors import Color, parse_color
from reportgen.model.datasets import DataFiles, Editions
from reportgen.model.icc import ICC_REGISTRY, SHIPPED_PROFILE, known_condition
from reportgen.model.parts import MAX_STATS, ImageField, ImageRef, SectionBase, Stat, Table  # noqa: F401 (re-exported)
from reportgen.model.base import FrozenMap
from reportgen.model.strings import Strings
from reportgen.model.styles import StyleMap
from reportgen.model.types import (AssetPath, ColorValue, FontPath, LanguageTag, Length, PageSize, PublicationDate, Text,
                                   Words)
from reportgen.sections.registry import SECTION_TYPES, Section  # noqa: F401 (re-exported)

# ---------------------------------------------------------------- document-wide settings

class Meta(Model):
    title: Words
    subtitle: Text = ""
    organization: Text
    author: Text | None = None
    subject: Text | None = None
    keywords: tuple[Text, ...] = ()
    language: LanguageTag = "en-US"
    url: Text | None = None
    year: Text | None = None
    date: PublicationDate | None = None
    strings: Strings = Strings()


class Margins(Model):
    top: Length = 54.0
    bottom: Length = 64.8
    inside: Length = 64.8
    outside: Length = 50.4


class Page(Model):
    size: PageSize = (612.0, 792.0)
    margins: Margins = Margins()
    bleed: Length = 9.0
    safe_zone: Length = 9.0


class FontFamily(Model):
    regular: FontPath | None = None
    bold: FontPath | None = None
    italic: FontPath | None = None
    bold_italic: FontPath | None = None


class DisplayFonts(Model):
    regular: FontPath | None = None
    bold: FontPath | None = None
    black: FontPath | None = None
    light: FontPath | None = None


class Fonts(Model):
    body: FontFamily = FontFamily()
    display: DisplayFonts = DisplayFonts()


def _color(text: str) -> Color:
    return parse_color(text)


class Colors(Model):
    primary: ColorValue = _color("#003A70")
    accent: ColorValue = _color("#F2A900")
    text: ColorValue = _color("#1E1E1E")
    muted: ColorValue = _color("#5B6770")
    paper: ColorValue = _color("#FFFFFF")
    rule: ColorValue = _color("#C8CED3")
    positive: ColorValue = _color("#2E7D32")
    negative: ColorValue = _color("#C62828")
    pillars: tuple[ColorValue, ...] = tuple(_color(c) for c in ("#0072CE", "#008290", "#C25400", "#7A4FA3", "#2E8540"))
    chart: tuple[ColorValue, ...] = tuple(_color(c) for c in ("#003A70", "#0072CE", "#F2A900", "#008290", "#C25400",
                                                             "#7A4FA3", "#2E8540", "#C8102E"))


class TextSettings(Model):
    size: Length = field(9.6, gt=4, le=72)
    leading: Length = field(14.0, gt=4, le=100)
    justify: bool = True
    hyphenate: bool = True


class Theme(Model):
    fonts: Fonts = Fonts()
    colors: Colors = Colors()
    text: TextSettings = TextSettings()
    styles: StyleMap = FrozenMap()


def _cmyk_output_profile(path: Path) -> Path:
    """An ICC profile's header (128 bytes) names its class and colour space: a print intent needs CMYK."""
    with path.open("rb") as stream:
        header = stream.read(128)
    if len(header) < 128 or header[36:40] != b"acsp":
        raise SpecError(f"{path.name} is not an ICC profile", "give the .icc file of the printing condition")
    if header[16:20] != b"CMYK" or header[12:16] != b"prtr":
        raise SpecError(f"{path.name} is a {header[16:20].decode('latin-1').strip()} "
                         f"{header[12:16].decode('latin-1')} profile, not a CMYK output profile",
                         "give the print shop's CMYK profile, e.g. FOGRA39 or GRACoL")
    return path


class OutputIntent(Model):
    """The printing condition a print PDF is made for: with it the PDF is PDF/X-4."""

    icc: Annotated[AssetPath, After(_cmyk_output_profile)]
    condition: Text | None = None
    info: Text | None = None
    registry: Text = ICC_REGISTRY

    def resolved(self) -> "OutputIntent":
        """The intent with the condition and info the profile names filled in (a check rejects a profile
        that names none when the spec gives no condition, or one that names another)."""
        known = known_condition(self.icc.read_bytes())
        condition = self.condition or (known.identifier if known else self.icc.stem)
        info = self.info or (known.info if known and known.identifier == condition else None)
        return OutputIntent(icc=self.icc, condition=condition, info=info, registry=self.registry)


RenderingIntent = Literal["relative", "perceptual", "saturation", "absolute"]


class PrintSettings(Model):
    """Print production settings, used when the output is `print` (or with `build --print`)."""

    output_intent: OutputIntent | None = None
    marks: bool = True
    overprint_black: bool = True
    vector_intent: RenderingIntent = "relative"
    vector_black_point_compensation: bool = False
    photo_intent: RenderingIntent = "relative"
    photo_black_point_compensation: bool = True

    def intent(self) -> OutputIntent:
        """The output intent a print build uses: the spec's, or the shipped FOGRA39 profile's."""
        if self.output_intent is not None:
            return self.output_intent.resolved()
        return OutputIntent(icc=SHIPPED_PROFILE).resolved()
    binding: Literal["none", "saddle"] = "none"


class Footer(Model):
    even: Text = "{page}  |  {organization}"
    odd: Text = "{title}  |  {subtitle}  |  {page}"


# ---------------------------------------------------------------- sections

# Each section type is a block, one module under reportgen.sections (its model, notes and layout); the
# registry makes their tagged union `Section` and `SECTION_TYPES`. The pieces several blocks share
# (MAX_STATS, ImageRef, ImageField, SectionBase, Stat, from parts.py) are re-exported here.


class Report(Model):
    """The whole spec."""

    meta: Meta
    page: Page = Page()
    theme: Theme = Theme()
    footer: Footer = Footer()
    output: Literal["screen", "print"] = "screen"
    print: PrintSettings = PrintSettings()
    sections: tuple[Section, ...] = field(min_length=1)
    data: DataFiles = FrozenMap()
    editions: Editions | None = None
