"""The spec's typed model: validated, frozen models (see base.py) with lengths in points.

This module never imports ReportLab. Every field here is part of the public spec contract
documented in docs/spec.md.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal, Union

from reportgen.model.base import After, Before, Model, SpecError, TaggedBy, field
from reportgen.model.colors import Color, parse_color
from reportgen.model.richtext import RichText
from reportgen.model.types import AssetPath, ColorValue, FontPath, ImagePath, Length, PageSize, Rich, Text

MAX_STATS = 100  # stat blocks in one section or subsection: past that a grid is a table, and a mistake


# ---------------------------------------------------------------- document-wide settings

class Meta(Model):
    title: Text
    subtitle: Text = ""
    organization: Text
    author: Text | None = None
    subject: Text | None = None
    keywords: tuple[Text, ...] = ()
    language: Text = "en-US"
    url: Text | None = None
    year: Text | None = None


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
    pillars: tuple[ColorValue, ...] = tuple(_color(c) for c in ("#0072CE", "#00A3AD", "#E87722", "#7A4FA3", "#2E8540"))
    chart: tuple[ColorValue, ...] = tuple(_color(c) for c in ("#003A70", "#0072CE", "#F2A900", "#00A3AD", "#E87722",
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
    condition: Text = "FOGRA39"
    info: Text | None = None
    registry: Text = "http://www.color.org"


class PrintSettings(Model):
    """Print production settings, used when the output is `print` (or with `build --print`)."""

    output_intent: OutputIntent | None = None
    marks: bool = True
    overprint_black: bool = True


class Footer(Model):
    even: Text = "{page}  |  {organization}"
    odd: Text = "{title}  |  {subtitle}  |  {page}"


# ---------------------------------------------------------------- building blocks

class Stat(Model):
    value: Text
    label: Text = ""
    heading: Text | None = None


class ImageRef(Model):
    file: ImagePath
    caption: Text | None = None
    alt: Text | None = None


def _image_shorthand(value: object) -> object:
    """`image: assets/x.jpg` is short for `image: {file: assets/x.jpg}`."""
    return {"file": value} if isinstance(value, str) else value


ImageField = Annotated[ImageRef, Before(_image_shorthand, accepts={"type": "string", "description": "the image file alone"})]


class Signature(Model):
    name: Text
    role: Text = ""


class Subsection(Model):
    title: Text
    body: Rich = RichText("", ())
    stats: tuple[Stat, ...] = field((), max_length=MAX_STATS)
    images: tuple[ImageField, ...] = ()


class Card(Model):
    title: Text
    body: Rich = RichText("", ())
    stat: Stat | None = None
    wide: bool = False


class Slice(Model):
    label: Text
    amount: float = field(gt=0, allow_inf_nan=False)
    display: Text | None = None
    percent: float | None = field(None, ge=0, le=100, allow_inf_nan=False)
    color: ColorValue | None = None


class Pie(Model):
    synonyms = {"items": "slices", "data": "slices", "values": "slices", "segments": "slices"}

    title: Text = ""
    total: Text | None = None
    slices: tuple[Slice, ...] = field(min_length=2, max_length=12)


# ---------------------------------------------------------------- sections

class SectionBase(Model):
    id: Text | None = None
    bookmark: Text | None = None


class Cover(SectionBase):
    type: Literal["cover"]
    title: Text | None = None
    subtitle: Text | None = None
    organization: Text | None = None
    year: Text | None = None
    image: ImageField | None = None
    background: ColorValue | None = None


class Contents(SectionBase):
    type: Literal["contents"]
    title: Text = "Contents"


class Letter(SectionBase):
    type: Literal["letter"]
    title: Text
    body: Rich
    signature: Signature | None = None
    image: ImageField | None = None


class Quote(SectionBase):
    type: Literal["quote"]
    text: Text
    author: Text = ""
    background: ColorValue | None = None


class TextSection(SectionBase):
    type: Literal["text"]
    title: Text
    lead: Rich = RichText("", ())
    body: Rich = RichText("", ())
    columns: Literal[1, 2] = 1
    stats: tuple[Stat, ...] = field((), max_length=MAX_STATS)
    images: tuple[ImageField, ...] = ()
    subsections: tuple[Subsection, ...] = ()
    color: ColorValue | None = None


class Closing(TextSection):
    type: Literal["closing"]  # type: ignore[assignment]


class Cards(SectionBase):
    synonyms = {"items": "cards", "card": "cards", "list": "cards"}

    type: Literal["cards"]
    title: Text
    lead: Rich = RichText("", ())
    columns: Literal[2, 3] = 2
    cards: tuple[Card, ...] = field(min_length=1)


class PillarsOverview(SectionBase):
    type: Literal["pillars_overview"]
    title: Text
    lead: Rich = RichText("", ())
    body: Rich = RichText("", ())


class Pillar(SectionBase):
    type: Literal["pillar"]
    number: int = field(ge=1, le=99)
    title: Text
    color: ColorValue | None = None
    goal: Rich = RichText("", ())
    lead: Rich = RichText("", ())
    stats: tuple[Stat, ...] = field((), max_length=MAX_STATS)
    body: Rich = RichText("", ())
    images: tuple[ImageField, ...] = ()


class Financials(SectionBase):
    type: Literal["financials"]
    title: Text
    lead: Rich = RichText("", ())
    body: Rich = RichText("", ())
    stats: tuple[Stat, ...] = field((), max_length=MAX_STATS)
    pie: Pie | None = None


def _address_lines(value: object) -> object:
    """`address: "9300 Imperial Highway\\nDowney, CA"` (a block of lines) is short for a list of its lines."""
    return [line.strip() for line in value.splitlines() if line.strip()] if isinstance(value, str) else value


class BackCover(SectionBase):
    type: Literal["back_cover"]
    organization: Text | None = None
    address: Annotated[tuple[Text, ...], Before(_address_lines, accepts={
        "type": "string", "description": "the address as one text, a line for each address line"})] = ()
    url: Text | None = None
    email: Text | None = None
    phone: Text | None = None
    logo: ImageField | None = None
    background: ColorValue | None = None


Section = Annotated[
    Union[Cover, Contents, Letter, Quote, TextSection, Closing, Cards, PillarsOverview, Pillar, Financials, BackCover],
    TaggedBy("type", noun="section"),
]
SECTION_TYPES = ("cover", "contents", "letter", "quote", "text", "closing", "cards", "pillars_overview",
                 "pillar", "financials", "back_cover")


class Report(Model):
    """The whole spec."""

    meta: Meta
    page: Page = Page()
    theme: Theme = Theme()
    footer: Footer = Footer()
    output: Literal["screen", "print"] = "screen"
    print: PrintSettings = PrintSettings()
    sections: tuple[Section, ...] = field(min_length=1)
