"""Paragraph styles: the theme's fonts, colours and text settings in, named ParagraphStyles out.

The values come from the layered stylesheet (stylesheet.yaml, theme.text, theme.styles: see stylesheet.py);
layout code takes every style and measure from here; sizes and colours never appear as literals there.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Callable, Mapping

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from reportgen.cache import CacheMemory
from reportgen.model.base import FrozenMap
from reportgen.model.report import TextSettings
from reportgen.reportlab_adapter.breakstore import BREAKS, BreakStore
from reportgen.reportlab_adapter.shaping import SHAPING, Shaper, features, style_shaping
from reportgen.theme.colors import Palette
from reportgen.theme.fonts import FontSet
from reportgen.theme.hyphenation import BuildHyphenation, hyphenator, pattern_name
from reportgen.theme.stylesheet import resolve


@dataclass(frozen=True)
class Box:
    """One element's sizes and proportions after the stylesheet's layers: lengths in points, proportions as
    given. A block measures and draws with the same Box, so both take each number from one place."""

    size: float = 0.0
    width: float = 0.0
    height: float = 0.0
    gap: float = 0.0
    padding: float = 0.0
    radius: float = 0.0
    rule: float = 0.0
    space_before: float = 0.0
    space_after: float = 0.0
    indent: float = 0.0
    min_size: float = 0.0
    offset: float = 0.0
    pitch: float = 0.0
    ratio: float = 0.0
    rise: float = 0.0
    spacing: float = 0.0
    angle: float = 0.0
    floor: float = 0.0
    decrement: float = 0.0
    shares: tuple[float, ...] = ()
    section_break: str = "page"  # `break` (a Python keyword): how a section starts


_BOX = tuple(f.name for f in fields(Box))


@dataclass(frozen=True)
class Measures:
    """Spacing and sizes shared by the blocks, in points: the stylesheet's box elements (see stylesheet.yaml)."""

    gutter: float = 18.0             # columns.gap: between columns
    grid: float = 14.0               # grid.step: the baseline grid's pitch (0: none)
    block_gap: float = 14.0          # block.space_after: between blocks of a section
    band_height: float = 118.0       # pillar.band.height: below the top margin
    band_padding: float = 24.0       # pillar.band.padding: from the band's foot to the title's baseline
    band_space_after: float = 16.0   # pillar.band.space_after
    band_rule: float = 4.0           # pillar.band.rule: the accent line at the band's foot
    stat_min_width: float = 100.0    # stat.width: narrowest stat cell before the row wraps
    stat_rule: float = 2.5           # stat.rule
    stat_rule_gap: float = 7.0       # stat.gap: between the rule and the figure
    stat_rule_length: float = 42.0   # stat.rule_length: the rule above a figure, at most
    stat_figure_air: float = 6.0     # stat.padding: kept clear between a figure and the next cell
    stat_min_value_size: float = 12.0  # stat.figure.min_size
    card_padding: float = 10.0       # card.padding
    card_gap: float = 10.0           # card.gap: between rows of cards
    card_radius: float = 6.0         # card.radius
    card_rule: float = 4.0           # card.rule: the accent bar's width
    card_background: object = None   # card.background: None for a tint of the section's colour
    table_background: object = None  # table.background: None for a tint of the primary colour (table.ratio)
    rule_width: float = 0.75         # rule.width
    image_max_height: float = 230.0  # photo.height: for a photo in the text flow
    pie_size: float = 190.0          # pie.size
    float_width: float = 0.42        # share of the text area's width a photo takes when text wraps beside it
    text_measure: float = 372.0      # measure.width: the longest line of one-column running text
    wide_card_head: float = 0.26     # share of a wide card taken by its title and figure
    boxes: Mapping[str, Box] = field(default_factory=dict)  # every element's sizes, by element name

    def box(self, element: str) -> Box:
        """The sizes of stylesheet element `element` (`contents.leader`, `pie.label` ...)."""
        return self.boxes[element]


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
    blockquote: ParagraphStyle
    caption: ParagraphStyle
    stat_value: ParagraphStyle
    stat_label: ParagraphStyle
    stat_heading: ParagraphStyle
    stat_change: ParagraphStyle
    card_title: ParagraphStyle
    card_body: ParagraphStyle
    card_label: ParagraphStyle
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
    chart_label: ParagraphStyle
    chart_axis: ParagraphStyle
    footer: ParagraphStyle
    back_cover: ParagraphStyle
    band_number: ParagraphStyle
    band_title: ParagraphStyle
    overview_title: ParagraphStyle
    table_title: ParagraphStyle
    table_head: ParagraphStyle
    table_cell: ParagraphStyle
    table_total: ParagraphStyle
    table_source: ParagraphStyle

    def colored(self, name: str, color: object, attribute: str = "textColor") -> ParagraphStyle:
        """A copy of style `name` in another colour (a pillar's, say); `attribute` may name
        another colour of the style, such as bulletColor."""
        base: ParagraphStyle = getattr(self, name)
        return ParagraphStyle(f"{base.name}-{attribute}-{id(color)}", parent=base, **{attribute: color})

    def names(self) -> list[str]:
        return [f.name for f in fields(self)]

    def hyphenates(self) -> bool:
        """Whether any style breaks words at line ends."""
        return any(getattr(self, name).hyphenationLang for name in self.names())


# Styles attribute -> stylesheet element (the attribute names are the layout's; the element names the designer's)
ELEMENT_OF = {"body": "body", "bullet": "bullet", "lead": "lead", "goal": "goal", "kicker": "kicker", "title": "title",
              "heading": "heading", "subheading": "subheading", "blockquote": "blockquote", "caption": "caption", "stat_value": "stat.figure",
              "stat_label": "stat.label", "stat_heading": "stat.heading", "stat_change": "stat.change", "card_title": "card.title",
              "card_body": "card.body", "card_label": "card.label", "quote": "quote", "quote_author": "quote.author",
              "signature_name": "signature.name", "signature_role": "signature.role", "cover_title": "cover.title",
              "cover_subtitle": "cover.subtitle", "cover_organization": "cover.organization",
              "contents_entry": "contents.entry", "contents_subentry": "contents.subentry", "legend": "legend",
              "legend_value": "legend.value", "pie_center": "pie.center", "pie_center_label": "pie.center_label",
              "chart_label": "chart.label", "chart_axis": "chart.axis",
              "footer": "footer", "back_cover": "back_cover", "band_number": "pillar.band.number",
              "band_title": "pillar.band.title", "overview_title": "pillars_overview.title",
              "table_title": "table.title", "table_head": "table.head", "table_cell": "table.cell",
              "table_total": "table.total", "table_source": "table.source"}
# the stylesheet's link element, on every ParagraphStyle: what the links of the spec's running text look like
LINK_COLOR, LINK_UNDERLINE = "reportgen_link_color", "reportgen_link_underline"
ALIGNMENTS = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT, "justify": TA_JUSTIFY}
# ParagraphStyle settings that are not design choices but how a block works
FIXED: dict[str, dict[str, object]] = {
    "body": {"allowWidows": 0, "allowOrphans": 0, "embeddedHyphenation": 1, "uriWasteReduce": 0.3,
             "splitLongWords": 1, "linkUnderline": 0},
    "title": {"keepWithNext": 1}, "heading": {"keepWithNext": 1}, "subheading": {"keepWithNext": 1},
    "stat_value": {"splitLongWords": 0},  # a figure is one word: it shrinks instead
}


def _color(palette: Palette, value: object, size: object = None) -> object:
    """A stylesheet colour: a theme colour's name or a model Color, in the output's colour space; for text of
    `size` points, small text in one ink where the colour allows (Palette.text)."""
    if value == "text":
        return palette.black
    if value == "white":
        return palette.white
    color = getattr(palette.colors, value) if isinstance(value, str) else value
    if isinstance(size, (int, float)):
        return palette.text(color, float(size))  # type: ignore[arg-type]
    return palette(color)  # type: ignore[arg-type]


def _font(fonts: FontSet, role: str) -> str:
    """"display.black" -> the registered name of the display family's black weight."""
    group, weight = role.split(".")
    return getattr(fonts, group if weight == "regular" else f"{group}_{weight}")


def _paragraph_settings(values: dict[str, object], fonts: FontSet, palette: Palette,
                        hyphenation: Callable[[object], object], body: dict[str, object],
                        shaper: Shaper | None) -> dict:
    settings: dict[str, object] = {} if shaper is None else {"shaping": 1, SHAPING: (shaper, features())}
    for prop, value in values.items():
        if prop in ("font", "bullet_font"):
            settings["fontName" if prop == "font" else "bulletFontName"] = _font(fonts, str(value))
        elif prop in ("color", "bullet_color"):
            settings["textColor" if prop == "color" else "bulletColor"] = _color(palette, value, values.get("size", body.get("size")))
        elif prop == "alignment":
            settings["alignment"] = ALIGNMENTS[str(value)]
        elif prop in ("hyphenation", "hyphenate_capitalized"):
            # either one decides the hyphenator; the other is the element's own or the body's
            hyphenate = values.get("hyphenation", body.get("hyphenation"))
            capitalized = values.get("hyphenate_capitalized", body.get("hyphenate_capitalized"))
            settings["hyphenationLang"] = hyphenation(capitalized) if hyphenate else ""
        elif prop == "figures" and shaper is not None:
            settings[SHAPING] = (shaper, features(str(value)))
        elif prop in _PARAGRAPH_NAMES:
            settings[_PARAGRAPH_NAMES[prop]] = value
    return settings


_PARAGRAPH_NAMES = {"size": "fontSize", "leading": "leading", "space_before": "spaceBefore",
                    "space_after": "spaceAfter", "indent": "leftIndent", "bullet_indent": "bulletIndent"}


CAPITALISED_NOUNS = frozenset({"de", "gsw", "lb"})  # languages that capitalise every noun: German, Swiss German, Luxembourgish


def build_styles(fonts: FontSet, palette: Palette, text: TextSettings, cache_dir: Path | None = None,
                 overrides: FrozenMap | None = None, language: str = "en-US", shaping: bool = True,
                 shaper: Shaper | None = None, memory: CacheMemory | None = None,
                 break_store: BreakStore | None = None) -> Styles:
    """The paragraph styles of the layered stylesheet (see stylesheet.py): every text element on body's.
    Hyphenated with `language`'s patterns (a BCP 47 tag); not at all when pyphen has none for it. With
    `shaping` (the default), every style is shaped with HarfBuzz, kerned and with standard ligatures,
    through one cache of shaped words for this build's styles (`shaper`, made here when not given;
    reportgen.reportlab_adapter.shaping), and one store of line-break decisions (`break_store`, made
    here when not given). `memory` is a build session's (reportgen.pipeline.BuildSession): the build
    cache's shaped words and line breaks as its last build read or wrote them."""
    resolved = resolve(text, overrides)
    patterns = pattern_name(language)
    shaper = (shaper or Shaper(cache_dir, memory)) if shaping else None
    made: dict[tuple[bool, bool], BuildHyphenation] = {}  # one per setting, for the styles of this build alone
    breaks = {BREAKS: break_store or BreakStore(cache_dir, memory)}  # the line breaker's decisions, this build's alone

    def hyphenation(capitalized: object) -> object:
        # unset: capitalised words break only where every noun is capitalised (German), not names in English,
        # except as the line breaker's last resort; false: never
        last_resort = capitalized is None
        if capitalized is None:
            capitalized = language.split("-")[0].lower() in CAPITALISED_NOUNS
        if patterns is None:
            return ""
        setting = (bool(capitalized), last_resort)
        if setting not in made:
            made[setting] = BuildHyphenation(hyphenator(patterns, cache_dir, *setting))
        return made[setting]
    link = resolved["link"]  # carried by every style (from body's) for the spec's running text to use
    links = {LINK_COLOR: _color(palette, link["color"]) if "color" in link else None,
             LINK_UNDERLINE: bool(link.get("underline", True))}
    body = ParagraphStyle("body", **_paragraph_settings(resolved["body"], fonts, palette, hyphenation, resolved["body"],
                                                        shaper), **FIXED["body"], **breaks, **links)
    styles: dict[str, ParagraphStyle] = {"body": body}
    for attribute, element in ELEMENT_OF.items():
        if attribute != "body":
            settings = _paragraph_settings(resolved[element], fonts, palette, hyphenation, resolved["body"], shaper)
            styles[attribute] = ParagraphStyle(attribute, parent=body, **settings, **FIXED.get(attribute, {}))
    return Styles(**styles)


def build_measures(palette: Palette, text: TextSettings, overrides: FrozenMap | None = None) -> Measures:
    """The box elements' sizes, from the layered stylesheet."""
    r = resolve(text, overrides)
    background = r["card"].get("background")
    return Measures(
        gutter=r["columns"]["gap"], grid=r["grid"].get("step", 0.0), block_gap=r["block"]["space_after"], band_height=r["pillar.band"]["height"],
        band_padding=r["pillar.band"]["padding"], band_space_after=r["pillar.band"]["space_after"],
        band_rule=r["pillar.band"]["rule"], stat_min_width=r["stat"]["width"], stat_rule=r["stat"]["rule"],
        stat_rule_gap=r["stat"]["gap"], stat_rule_length=r["stat"]["rule_length"],
        stat_figure_air=r["stat"]["padding"], stat_min_value_size=r["stat.figure"]["min_size"],
        card_padding=r["card"]["padding"], card_gap=r["card"]["gap"], card_radius=r["card"]["radius"],
        card_rule=r["card"]["rule"], card_background=None if background is None else _color(palette, background),
        table_background=None if r["table"].get("background") is None else _color(palette, r["table"]["background"]),
        rule_width=r["rule"]["width"], image_max_height=r["photo"]["height"],
        pie_size=r["pie"]["size"], text_measure=r["measure"]["width"],
        boxes={name: Box(**{("section_break" if prop == "break" else prop): value for prop, value in values.items()
                            if prop in _BOX or prop == "break"})
               for name, values in r.items()})


def with_alignment(style: ParagraphStyle, alignment: str) -> ParagraphStyle:
    value = ALIGNMENTS[alignment]
    return ParagraphStyle(f"{style.name}-{alignment}", parent=style, alignment=value)



__all__ = ["ELEMENT_OF", "LINK_COLOR", "LINK_UNDERLINE", "Box", "Measures", "Styles", "build_measures", "build_styles", "keep_shaped_words",
           "with_alignment"]


def keep_shaped_words(styles: Styles) -> None:
    """Keep the words this build's styles shaped, and their line breaks, in the build cache, for the next
    build (see build_styles)."""
    shaping = style_shaping(styles.body)
    if shaping is not None:
        shaping[0].save()
    breaks = getattr(styles.body, BREAKS, None)
    if isinstance(breaks, BreakStore):
        breaks.save()
