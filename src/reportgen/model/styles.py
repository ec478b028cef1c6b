"""The stylesheet's model: element names, the properties each takes and their types in; `StyleMap` out.

One type serves the stylesheet shipped with reportgen (theme/stylesheet.yaml) and the spec's `theme.styles`
overrides, so both are checked alike: an unknown element or a property the element does not take is a
located problem with did-you-mean. This module never imports ReportLab; theme/stylesheet.py resolves the
values (theme colour names, lines, scaling with the text) into the theme's styles and measures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from reportgen.model.base import EachEntry, Kind, JsonSchema, Model, ModelError, Parse, Problem, SpecError
from reportgen.model.base import field
from reportgen.model.colors import parse_color
from reportgen.model.types import ColorValue, Length, _length

# ---------------------------------------------------------------- property types

FONT_ROLES = ("body.regular", "body.bold", "body.italic", "body.bold_italic",
              "display.regular", "display.bold", "display.black", "display.light")
FontRole = Literal["body.regular", "body.bold", "body.italic", "body.bold_italic",
                   "display.regular", "display.bold", "display.black", "display.light"]
Alignment = Literal["left", "center", "right", "justify"]
Figures = Literal["proportional", "tabular"]

# theme.colors by name; `white` is paper white (0% CMYK in print), `text` is 100% K in print
THEME_COLORS = ("primary", "accent", "text", "muted", "paper", "rule", "positive", "negative", "white")


def _style_color(value: object) -> Any:
    """A theme colour's name (kept as the name, resolved per build) or a colour."""
    if isinstance(value, str) and value.strip().lower() in THEME_COLORS:
        return value.strip().lower()
    try:
        return parse_color(value)
    except ValueError:
        raise SpecError(f"not a colour: {value!r}", "give a theme colour (" + ", ".join(THEME_COLORS)
                        + '), "#RRGGBB" or "cmyk(C, M, Y, K)"') from None


_COLOR_SCHEMA = ColorValue.__metadata__[-1].schema  # type: ignore[attr-defined]
StyleColor = Annotated[object, Parse(_style_color), Kind("colour or theme colour"),
                       JsonSchema({"anyOf": [{"type": "string", "pattern": r"^\s*(" + "|".join(
                           "".join(f"[{ch}{ch.upper()}]" for ch in name) for name in THEME_COLORS) + r")\s*$"},
                           _COLOR_SCHEMA]})]


@dataclass(frozen=True)
class Spacing:
    """Space before or after an element: points, or lines of the body text's leading (`0.55 lines`)."""

    amount: float
    lines: bool = False

    def points(self, leading: float) -> float:
        return self.amount * leading if self.lines else self.amount

    def __str__(self) -> str:
        return f"{self.amount:g} lines" if self.lines else f"{self.amount:g} pt"


_LINES = re.compile(r"^\s*([0-9]+(?:\.[0-9]+)?|\.[0-9]+)\s*lines?\s*$", re.IGNORECASE)
_LINES_TEXT = r"^\s*([0-9]+(\.[0-9]+)?|\.[0-9]+)\s*[lL][iI][nN][eE][sS]?\s*$"


def _spacing(value: object) -> Spacing:
    if isinstance(value, Spacing):
        return value
    if isinstance(value, str) and (match := _LINES.match(value)):
        return Spacing(float(match.group(1)), lines=True)
    return Spacing(_length(value))


SpacingValue = Annotated[Spacing, Parse(_spacing), Kind("length or lines"),
                         JsonSchema({"anyOf": [*Length.__metadata__[-1].schema["anyOf"],  # type: ignore[attr-defined]
                                               {"type": "string", "pattern": _LINES_TEXT}]})]


class StyleOverride(Model):
    """The properties of one stylesheet element; each element takes some of them (see the element table)."""

    font: FontRole | None = None
    size: Length | None = field(None, gt=0, le=400)
    leading: Length | None = field(None, gt=0, le=500)
    space_before: SpacingValue | None = None
    space_after: SpacingValue | None = None
    color: StyleColor | None = None
    alignment: Alignment | None = None
    hyphenation: bool | None = None
    hyphenate_capitalized: bool | None = None
    figures: Figures | None = None
    scale_with_text: bool | None = None
    underline: bool | None = None
    indent: Length | None = None
    bullet_indent: Length | None = None
    bullet_font: FontRole | None = None
    bullet_color: StyleColor | None = None
    min_size: Length | None = field(None, gt=0, le=400)
    padding: Length | None = None
    gap: Length | None = None
    background: StyleColor | None = None
    radius: Length | None = None
    rule: Length | None = None
    height: Length | None = None
    width: Length | None = None
    offset: Length | None = None
    pitch: Length | None = field(None, gt=0)
    ratio: float | None = field(None, gt=0, le=100, allow_inf_nan=False)
    rise: float | None = field(None, ge=0, le=1, allow_inf_nan=False)
    spacing: float | None = field(None, gt=0, le=100, allow_inf_nan=False)
    angle: float | None = field(None, ge=0, le=360, allow_inf_nan=False)
    floor: float | None = field(None, gt=0, le=1, allow_inf_nan=False)
    decrement: float | None = field(None, gt=0, le=1, allow_inf_nan=False)
    shares: tuple[float, ...] | None = field(None, min_length=1, max_length=12)
    step: SpacingValue | None = None
    rule_length: Length | None = None
    # `break:` is a Python keyword, so the property is declared by name (read with getattr)
    __annotations__["break"] = 'Literal["page", "column", "none"] | None'
    vars()["break"] = None


# ---------------------------------------------------------------- elements

TEXT = ("font", "size", "leading", "space_before", "space_after", "color", "alignment", "hyphenation",
        "hyphenate_capitalized", "figures", "scale_with_text")


@dataclass(frozen=True)
class Element:
    """A stylesheet element: what it styles, and the properties it takes."""

    description: str
    properties: tuple[str, ...] = TEXT
    shares: tuple[int, int] = (1, 12)  # how many `shares` it takes, at least and at most


ELEMENTS: dict[str, Element] = {
    "body": Element("Paragraphs of running text; every text element starts from it. `theme.text` sets its size, "
                    "leading, alignment and hyphenation."),
    "bullet": Element("Bulleted list items; `indent` is the text's, `bullet_indent` the bullet's.",
                      TEXT + ("indent", "bullet_indent", "bullet_font", "bullet_color")),
    "lead": Element("A section's lead paragraph."),
    "goal": Element("A pillar's goal statement."),
    "kicker": Element("The small line above a title (a pillar's number word)."),
    "title": Element("A section title (H1); over several lines, its lines are balanced."),
    "heading": Element("A heading inside a section (H2); over several lines, its lines are balanced."),
    "subheading": Element("A heading below a heading (H3); also a `### ` sub-heading in rich text, tagged one "
                          "level below the heading the text is under."),
    "blockquote": Element("A block quote in rich text (`> ` lines): its paragraphs in this style, `indent` from the "
                          "text's left edge (the quote's list items are indented as much).", TEXT + ("indent",)),
    "caption": Element("Photo captions."),
    "link": Element("Links in running text (a `[words](address)` in body, list, lead, goal and card text): `color` "
                    "their text colour, `underline` whether a line runs under them. Underlined by default, so a "
                    "link is told from the words around it by more than its colour (WCAG 1.4.1).",
                    ("color", "underline")),
    "quote": Element("The quote on a quote page; its lines are balanced."),
    "quote.author": Element("The quote's author; its font also sets the opening quotation mark."),
    "signature.name": Element("The name under a letter."),
    "signature.role": Element("The role under the name of a letter."),
    "cover.title": Element("The cover's title; `space_after` is the gap below it."),
    "cover.subtitle": Element("The cover's subtitle."),
    "cover.organization": Element("The organization and year on the cover, the first line of the back cover; "
                                  "`space_after` is the gap below the year and that first line."),
    "back_cover": Element("The back cover's other lines."),
    "contents": Element("The contents page's entries: `width` is the page numbers' column, `gap` the space "
                        "between an entry's text and that column, `padding` the space below each entry.",
                        ("width", "gap", "padding")),
    "contents.leader": Element("The dot leaders from an entry to its page number: `gap` after the entry's text, "
                               "`width` the dots' diameter, `pitch` from one dot to the next, `offset` above the "
                               "baseline.", ("gap", "width", "pitch", "offset")),
    "contents.chip": Element("The colour chip before a pillar's entry: `width`, `offset` from its left edge to the "
                             "entry's text, `ratio` its height as a share of the entry's type size.",
                             ("width", "offset", "ratio")),
    "contents.entry": Element("A top-level entry of the contents; `space_before` is the gap above it.",),
    "contents.subentry": Element("A second-level entry of the contents; `space_before` is the gap above it."),
    "stat": Element("A row of stats: `width` is the narrowest cell before the row wraps, `rule` the rule's "
                    "thickness, `rule_length` its length (at most the cell's width), `gap` the space between the "
                    "rule and the figure, `padding` the room kept clear between a figure and the next cell.",
                    ("width", "rule", "rule_length", "gap", "padding")),
    "stat.figure": Element("A stat's figure; figures shrink to fit their cells, to `min_size` at most (the leading "
                           "shrinks with them); `space_after` is the gap above its label; `floor` the share of their size figures "
                           "may shrink to so that more sit across (smaller, it is reported).",
                           TEXT + ("min_size", "floor")),
    "stat.label": Element("The line under a stat's figure."),
    "stat.heading": Element("The small line above a stat's figure."),
    "stat.change": Element("A stat's change (`change`, `since`), beside its figure on the figure's baseline, or "
                           "under it when the cell is too narrow (in a card, always under it): `gap` between the figure and the change, `width` "
                           "the arrow's width, `ratio` its height as a share of the type size (about a capital's), "
                           "`padding` between the arrow and the text, `rule` the thickness of the two bars of a "
                           "level change (and the space between them). `color` is the change's colour unless the stat says which way is `better`; the "
                           "colours are made darker where WCAG asks more contrast of them on their ground.",
                           TEXT + ("gap", "width", "padding", "ratio", "rule")),
    "card": Element("A card's box: `padding` inside it, `gap` between rows of cards, `radius` of its corners, "
                    "`rule` the width of its accent bar, `background` its fill (a tint of the theme's "
                    "primary colour when absent).", ("padding", "gap", "radius", "rule", "background")),
    "card.title": Element("A card's title."),
    "card.body": Element("A card's text."),
    "card.label": Element("The line under a card's figure; `space_after` sets it apart from the card's text."),
    "legend": Element("The legend of a pie chart."),
    "legend.value": Element("The percentages in a pie chart's legend (and, smaller, on the ring); `width` is "
                            "their column.", TEXT + ("width",)),
    "pie": Element("A pie chart: `size` is the ring's largest diameter, `ratio` the largest share of the text "
                   "width it takes, `padding` the room around the ring for outside percentages, `gap` the white "
                   "line between slices, `rule` the line a slice thinner than that gap is drawn as, `angle` the "
                   "narrowest slice (degrees) that holds its percentage.",
                   ("size", "ratio", "padding", "gap", "rule", "angle")),
    "pie.hole": Element("The ring's hole: `ratio` its diameter as a share of the ring's, `offset` how far inside "
                        "the ring's inner edge its paper disc ends.", ("ratio", "offset")),
    "pie.tint": Element("Slices past the chart colours take them again, lighter: each round through the "
                        "colours keeps `ratio` of the previous round's strength.", ("ratio",)),
    "pie.label": Element("The percentages on and beside the ring: `ratio` their size as a share of "
                         "`legend.value`'s, `rise` the baseline's drop in label sizes (centring them), `spacing` "
                         "how far apart outside labels stay, in label sizes, `offset` how far outside the ring "
                         "they sit, `gap` from the ring to a leader line, `padding` from its end to the label, "
                         "`rule` its width.", ("ratio", "rise", "spacing", "offset", "gap", "padding", "rule")),
    "legend.row": Element("A row of a pie chart's legend: `gap` between rows, `offset` from a row's foot to the "
                          "rule under it, `padding` between the percentage and the text.",
                          ("gap", "offset", "padding")),
    "pie.center": Element("The figure in the middle of a pie chart; `ratio` is the share of the hole's "
                          "width its text (and the label under it) may take: a wider total is set smaller to fit "
                          "it on one line, to `floor` of its size at most (then it wraps).", TEXT + ("ratio", "floor")),
    "pie.center_label": Element("The label under the figure in the middle of a pie chart (`pie.total_label`)."),
    "chart": Element("Bar, column, line and donut charts: `height` of a column or line chart's drawing, `width` "
                     "the band each category takes down a bar chart (per series when grouped), `ratio` the share "
                     "of a category's band its bars take, `gap` between a bar's end and its value label (and "
                     "between bars side by side), `padding` between the axis and its labels, `rule` the zero "
                     "baseline's width, `size` a line's marker radius, `offset` a marker's paper ring, `spacing` "
                     "how far apart value labels keep, in label sizes, `floor` the share of their size category "
                     "labels may shrink to before they wrap.",
                     ("height", "ratio", "gap", "padding", "rule", "width", "size", "offset", "spacing", "floor")),
    "chart.label": Element("The value labels on a chart's bars, columns and points, and its legend."),
    "chart.axis": Element("A chart's axis: its tick values, category names and unit."),
    "pillar.band": Element("A pillar's header band: `height` below the top margin (at least), `padding` from its "
                           "foot to the title's baseline, `space_after` below it, `rule` the accent line at its "
                           "foot, `gap` between the title's top and the kicker above it.",
                           ("height", "padding", "space_after", "rule", "gap")),
    "pillar.band.number": Element("The big number in a pillar's band: `offset` how far below the title's "
                                  "baseline it sits, `padding` the room it wraps in beyond its width.",
                                  TEXT + ("offset", "padding")),
    "pillar.band.title": Element("The title in a pillar's band."),
    "pillars_overview": Element("A row of the pillars overview: `size` of the pillar's colour square, `radius` its "
                                "corners, `gap` from the square to the title, `space_after` between rows, "
                                "`offset` the title's rise above the square's middle.",
                                ("size", "radius", "gap", "space_after", "offset")),
    "pillars_overview.number": Element("The number in a pillar's square: `ratio` its size and `rise` its "
                                       "baseline's height, as shares of the square.", ("ratio", "rise")),
    "pillars_overview.title": Element("A pillar's title in the pillars overview."),
    "photo": Element("Photos in the text: `height` is the tallest a photo is set, `min_size` the shortest a "
                     "photo shrinks to on a small page, `space_before` the space above it, `gap` between the "
                     "photo and its caption; `floor` the smallest share of its height a photo in one-column text "
                     "is set at to fit what is left of a page (below that it moves on, and the text after it "
                     "fills the page first).", ("height", "min_size", "space_before", "gap", "floor")),
    "columns": Element("Columns: `gap` is the gutter between columns (and between cards, stats and a photo "
                       "beside text); `ratio` how much shorter than the others the last column may be, as a share "
                       "of their height.", ("gap", "ratio")),
    "feature": Element("Full pages (cover, quote, back cover): their type steps down by `decrement` of its design size "
                       "until the text fits, to `floor` of it at most.", ("floor", "decrement")),
    "cover": Element("The cover: `shares` the photo band's lower edge, tried in turn as it gives way (shares of "
                     "the page height), `ratio` the share of its size the title steps down to before the band "
                     "shrinks, `offset` from the band's edge to the text, `space_before` from the top margin to "
                     "the text when there is no band, `gap` kept clear above the organization's name, `padding` "
                     "from the bottom margin to that name, `rule` the accent rule along the band.",
                     ("shares", "ratio", "offset", "space_before", "gap", "padding", "rule"), shares=(2, 12)),
    "cover.mark": Element("The accent rule above the cover's text when there is no photo band: `width`, "
                          "`height`, and `offset` above the text.", ("width", "height", "offset")),
    "quote.mark": Element("The quote page's opening quotation mark: `ratio` its size in quote sizes, `indent` "
                          "how far the quote keeps inside the margins, `offset` the mark's shift to the left; "
                          "`shares`, in mark sizes: the room kept above the quote, the rise above the quote's "
                          "middle, the mark's drop and the text's drop.", ("ratio", "indent", "offset", "shares"),
                          shares=(4, 4)),
    "back_cover.page": Element("The back cover: `shares` the top of its text, tried in turn as it rises (shares "
                               "of the page height), `floor` the smallest share of their size its lines step down "
                               "to, `height` the logo's at most, `gap` from the text's top to the logo's foot, "
                               "`padding` kept above that gap when there is no logo.",
                               ("shares", "floor", "height", "gap", "padding")),
    "back_cover.mark": Element("The accent rule above the back cover's text: `width`, `height`, and `offset` "
                               "above the text.", ("width", "height", "offset")),
    "grid": Element("The baseline grid: `step` is its pitch (`1 line`, the body's leading, by default; `0 pt`: no "
                    "grid). Text on the grid's leading (body, bullets) is spaced in whole steps (its `space_before` "
                    "and `space_after` rounded to the nearest step); in columns every other block (headings, photos "
                    "with captions, stat rows) takes whole steps with its last baseline on the grid, so the columns' "
                    "lines stand level.", ("step",)),
    "measure": Element("One-column text: `width` is the longest line of a letter's text, of a one-column text or "
                       "closing section (title, lead and stats included) and of the text of the pillars "
                       "overview and of financials, set flush left; a photo beside the text hangs into the space beyond the measure. A "
                       "width wider than the page's text area is the text area.", ("width",)),
    "section": Element("How a section without `break:` starts when its type flows (text, cards, closing and "
                       "financials sections; pillars, letters, the contents and full pages always start a page): "
                       "a short one, whose content takes at most `ratio` of the page's text area, starts as `break` "
                       "says (`none`: on the page the section before it ends on, when it fits there whole, else on a "
                       "new page; `page`: on a new page, as longer ones always do); `space_before` is the gap above a "
                       "section that continues on a page.", ("break", "ratio", "space_before")),
    "block": Element("The space after each block of a section (`space_after`).", ("space_after",)),
    "rule": Element("Hairline rules (contents leaders excepted): `width` is their thickness.", ("width",)),
    "footer": Element("Footer lines."),
    "table": Element("A data table: `padding` the space at each side of a cell's text, `gap` above and below it, "
                     "`rule` the hairline between rows (0: none), `background` the fill of every other row (zebra "
                     "stripes; a tint of the theme's primary colour at `ratio` of its strength when absent; `ratio` "
                     "0: none), `space_before` and `space_after` around the table.",
                     ("padding", "gap", "rule", "background", "ratio", "space_before", "space_after")),
    "table.title": Element("A table's title (its caption), above it."),
    "table.head": Element("A table's header row (repeated where the table breaks across pages or columns); "
                          "`rule` the line under it (and at the table's foot), in the header's colour.", TEXT + ("rule",)),
    "table.cell": Element("A table's cells: tabular figures, so figures stand in columns."),
    "table.total": Element("A table's totals row; `rule` the line above it.", TEXT + ("rule",)),
    "table.source": Element("The note under a table (`source`)."),
}
StyleElement = Literal[tuple(ELEMENTS)]  # type: ignore[valid-type]


def _known_properties(name: str, override: StyleOverride) -> None:
    """Each element takes only its own properties: another one is told at its key, with did-you-mean."""
    allowed = ELEMENTS[name].properties
    problems = [Problem((prop,), f"{name!r} has no property {prop!r}", f"{name} takes " + ", ".join(allowed),
                        "unknown_key")
                for prop in StyleOverride.fields if getattr(override, prop) is not None and prop not in allowed]
    if override.shares is not None and "shares" in allowed:
        least, most = ELEMENTS[name].shares
        if not least <= len(override.shares) <= most:
            count = f"{least}" if least == most else f"{least} to {most}"
            problems.append(Problem(("shares",), f"{name!r} takes {count} shares, got {len(override.shares)}",
                                    f"see {name} in the stylesheet elements"))
        problems += [Problem(("shares", index), f"must be more than 0 and at most 1, got {share:g}",
                             "a share of the page height or of a size: 0.42, say")
                     for index, share in enumerate(override.shares) if not 0 < share <= 1]
    if problems:
        raise ModelError(problems)


# the schema says what _known_properties checks: each element with its own properties
_STYLE_MAP_SCHEMA = {"type": "object", "additionalProperties": False, "properties": {
    name: {"$ref": "#/$defs/StyleOverride", "propertyNames": {"enum": list(element.properties)}}
    for name, element in ELEMENTS.items()}}
StyleMap = Annotated[dict[StyleElement, StyleOverride], EachEntry(_known_properties),  # type: ignore[valid-type]
                     JsonSchema(_STYLE_MAP_SCHEMA), Kind("mapping of [element](#stylesheet-elements) to [style](#themestyles)")]

__all__ = ["ELEMENTS", "FONT_ROLES", "THEME_COLORS", "Element", "Spacing", "StyleMap", "StyleOverride"]
