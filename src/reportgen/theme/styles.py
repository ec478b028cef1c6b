"""Paragraph styles: the theme's fonts, colours and text settings in, named ParagraphStyles out.

Layout code takes every style from here; sizes and colours never appear as literals there.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from reportgen.model.report import TextSettings
from reportgen.theme.colors import Palette
from reportgen.theme.fonts import FontSet
from reportgen.theme.hyphenation import hyphenator


@dataclass(frozen=True)
class Measures:
    """Spacing and sizes shared by the blocks, in points."""

    gutter: float = 18.0             # between columns
    block_gap: float = 14.0          # between blocks of a section
    band_height: float = 118.0       # pillar header band, below the top margin
    stat_min_width: float = 100.0    # narrowest stat cell before the row wraps
    stat_min_value_size: float = 12.0
    card_padding: float = 10.0
    card_gap: float = 10.0           # between rows of cards
    rule_width: float = 0.75
    image_max_height: float = 230.0  # for a photo in the text flow
    float_width: float = 0.42        # share of the measure a photo takes when text wraps beside it
    wide_card_head: float = 0.26     # share of a wide card taken by its title and figure
    pie_size: float = 190.0


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    bullet: ParagraphStyle
    lead: ParagraphStyle
    goal: ParagraphStyle
    kicker: ParagraphStyle
    title: ParagraphStyle
    heading: ParagraphStyle
    subheading: ParagraphStyle
    caption: ParagraphStyle
    stat_value: ParagraphStyle
    stat_label: ParagraphStyle
    stat_heading: ParagraphStyle
    card_title: ParagraphStyle
    card_body: ParagraphStyle
    quote: ParagraphStyle
    quote_author: ParagraphStyle
    signature_name: ParagraphStyle
    signature_role: ParagraphStyle
    cover_title: ParagraphStyle
    cover_subtitle: ParagraphStyle
    cover_organization: ParagraphStyle
    contents_entry: ParagraphStyle
    contents_subentry: ParagraphStyle
    legend: ParagraphStyle
    legend_value: ParagraphStyle
    pie_center: ParagraphStyle
    pie_center_label: ParagraphStyle
    footer: ParagraphStyle
    back_cover: ParagraphStyle
    band_number: ParagraphStyle
    band_title: ParagraphStyle
    overview_title: ParagraphStyle

    def colored(self, name: str, color: object, attribute: str = "textColor") -> ParagraphStyle:
        """A copy of style `name` in another colour (a pillar's, say); `attribute` may name
        another colour of the style, such as bulletColor."""
        base: ParagraphStyle = getattr(self, name)
        return ParagraphStyle(f"{base.name}-{attribute}-{id(color)}", parent=base, **{attribute: color})

    def names(self) -> list[str]:
        return [f.name for f in fields(self)]


def build_styles(fonts: FontSet, palette: Palette, text: TextSettings, cache_dir: Path | None = None) -> Styles:
    ink = palette.black
    primary = palette.named("primary")
    muted = palette.named("muted")
    white = palette.white
    accent = palette.named("accent")
    size, leading = text.size, text.leading
    hyphenation = hyphenator("en_US", cache_dir) if text.hyphenate else ""

    body = ParagraphStyle(
        "body", fontName=fonts.body, fontSize=size, leading=leading, textColor=ink,
        alignment=TA_JUSTIFY if text.justify else TA_LEFT, spaceAfter=leading * 0.55,
        allowWidows=0, allowOrphans=0, hyphenationLang=hyphenation, embeddedHyphenation=1,
        uriWasteReduce=0.3, splitLongWords=1, linkUnderline=0)
    scale = size / 9.6

    def style(name: str, **overrides: object) -> ParagraphStyle:
        return ParagraphStyle(name, parent=body, **overrides)

    return Styles(
        body=body,
        bullet=style("bullet", leftIndent=13 * scale, bulletIndent=2 * scale, bulletFontName=fonts.body_bold,
                     bulletColor=primary, spaceAfter=leading * 0.3, alignment=TA_LEFT),
        lead=style("lead", fontName=fonts.display_light, fontSize=13.5 * scale, leading=19 * scale,
                   textColor=ink, alignment=TA_LEFT, spaceAfter=leading * 0.9, hyphenationLang=""),
        goal=style("goal", fontName=fonts.display, fontSize=13 * scale, leading=18 * scale, alignment=TA_LEFT,
                   textColor=primary, spaceAfter=leading, hyphenationLang=""),
        kicker=style("kicker", fontName=fonts.display_bold, fontSize=8.5 * scale, leading=11 * scale,
                     textColor=accent, alignment=TA_LEFT, spaceAfter=4, hyphenationLang=""),
        title=style("title", fontName=fonts.display_black, fontSize=27 * scale, leading=31 * scale, textColor=primary,
                    alignment=TA_LEFT, spaceAfter=12 * scale, keepWithNext=1, hyphenationLang=""),
        heading=style("heading", fontName=fonts.display_black, fontSize=15 * scale, leading=19 * scale,
                      textColor=primary, alignment=TA_LEFT, spaceBefore=8 * scale, spaceAfter=5 * scale,
                      keepWithNext=1, hyphenationLang=""),
        subheading=style("subheading", fontName=fonts.display_bold, fontSize=11.5 * scale, leading=14.5 * scale,
                         textColor=primary, alignment=TA_LEFT, spaceBefore=4, spaceAfter=3, keepWithNext=1,
                         hyphenationLang=""),
        caption=style("caption", fontName=fonts.body_italic, fontSize=7.8 * scale, leading=10.5 * scale,
                      textColor=muted, alignment=TA_LEFT, spaceAfter=0, hyphenationLang=""),
        stat_value=style("stat_value", fontName=fonts.display_black, fontSize=28 * scale, leading=30 * scale,
                         textColor=primary, alignment=TA_LEFT, spaceAfter=0, hyphenationLang="", splitLongWords=0),
        stat_label=style("stat_label", fontName=fonts.body, fontSize=8.2 * scale, leading=10.6 * scale,
                         textColor=ink, alignment=TA_LEFT, spaceAfter=0, hyphenationLang=""),
        stat_heading=style("stat_heading", fontName=fonts.display_bold, fontSize=8 * scale, leading=10 * scale,
                           textColor=muted, alignment=TA_LEFT, spaceAfter=1, hyphenationLang=""),
        card_title=style("card_title", fontName=fonts.display_black, fontSize=11.5 * scale, leading=13.8 * scale,
                         textColor=primary, alignment=TA_LEFT, spaceAfter=5, hyphenationLang=""),
        card_body=style("card_body", fontSize=8.4 * scale, leading=11.8 * scale, spaceAfter=4, alignment=TA_LEFT),
        quote=style("quote", fontName=fonts.display_light, fontSize=31 * scale, leading=40 * scale, textColor=white,
                    alignment=TA_LEFT, spaceAfter=18, hyphenationLang=""),
        quote_author=style("quote_author", fontName=fonts.display_bold, fontSize=12 * scale, leading=15 * scale,
                           textColor=accent, alignment=TA_LEFT, spaceAfter=0, hyphenationLang=""),
        signature_name=style("signature_name", fontName=fonts.display_bold, fontSize=11 * scale, leading=14 * scale,
                             textColor=primary, alignment=TA_LEFT, spaceBefore=10, spaceAfter=0, hyphenationLang=""),
        signature_role=style("signature_role", fontName=fonts.body_italic, alignment=TA_LEFT, textColor=muted,
                             spaceAfter=0, hyphenationLang=""),
        cover_title=style("cover_title", fontName=fonts.display_black, fontSize=46, leading=50, textColor=white,
                          alignment=TA_LEFT, spaceAfter=10, hyphenationLang=""),
        cover_subtitle=style("cover_subtitle", fontName=fonts.display_light, fontSize=20, leading=25,
                             textColor=white, alignment=TA_LEFT, spaceAfter=0, hyphenationLang=""),
        cover_organization=style("cover_organization", fontName=fonts.display_bold, fontSize=11, leading=14,
                                 textColor=accent, alignment=TA_LEFT, spaceAfter=0, hyphenationLang=""),
        contents_entry=style("contents_entry", fontName=fonts.display_bold, fontSize=12 * scale,
                             leading=15 * scale, textColor=primary, alignment=TA_LEFT, spaceAfter=0,
                             hyphenationLang=""),
        contents_subentry=style("contents_subentry", fontName=fonts.display, fontSize=10.5 * scale,
                                leading=13 * scale, textColor=ink, alignment=TA_LEFT, spaceAfter=0,
                                hyphenationLang=""),
        legend=style("legend", fontName=fonts.body, fontSize=8.8 * scale, leading=11.5 * scale,
                     alignment=TA_LEFT, spaceAfter=0, hyphenationLang=""),
        legend_value=style("legend_value", fontName=fonts.display_black, fontSize=15 * scale, leading=17 * scale,
                           alignment=TA_RIGHT, spaceAfter=0, hyphenationLang=""),
        pie_center=style("pie_center", fontName=fonts.display_black, fontSize=17 * scale, leading=19 * scale,
                         textColor=primary, alignment=TA_CENTER, spaceAfter=0, hyphenationLang=""),
        pie_center_label=style("pie_center_label", fontName=fonts.body, fontSize=7.5 * scale, leading=9 * scale,
                               textColor=muted, alignment=TA_CENTER, spaceAfter=0, hyphenationLang=""),
        footer=style("footer", fontName=fonts.body, fontSize=7.5, leading=9, textColor=muted, spaceAfter=0,
                     hyphenationLang=""),
        back_cover=style("back_cover", fontName=fonts.display, fontSize=12, leading=17, textColor=white,
                         alignment=TA_CENTER, spaceAfter=0, hyphenationLang=""),
        band_number=style("band_number", fontName=fonts.display_black, fontSize=64, leading=64, textColor=white,
                          alignment=TA_LEFT, spaceAfter=0, hyphenationLang=""),
        band_title=style("band_title", fontName=fonts.display_black, fontSize=25, leading=28, textColor=white,
                         alignment=TA_LEFT, spaceAfter=0, hyphenationLang=""),
        overview_title=style("overview_title", fontName=fonts.display_black, fontSize=13.5 * scale,
                             leading=16 * scale, textColor=ink, alignment=TA_LEFT, spaceAfter=0, hyphenationLang=""),
    )


def with_alignment(style: ParagraphStyle, alignment: str) -> ParagraphStyle:
    value = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT, "justify": TA_JUSTIFY}[alignment]
    return ParagraphStyle(f"{style.name}-{alignment}", parent=style, alignment=value)



__all__ = ["Measures", "Styles", "build_styles", "with_alignment"]
