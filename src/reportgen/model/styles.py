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
THEME_COLORS = ("primary", "accent", "text", "muted", "paper", "rule", "white")


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
    figures: Figures | None = None
    scale_with_text: bool | None = None
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


# ---------------------------------------------------------------- elements

TEXT = ("font", "size", "leading", "space_before", "space_after", "color", "alignment", "hyphenation",
        "figures", "scale_with_text")


@dataclass(frozen=True)
class Element:
    """A stylesheet element: what it styles, and the properties it takes."""

    description: str
    properties: tuple[str, ...] = TEXT


ELEMENTS: dict[str, Element] = {
    "body": Element("Paragraphs of running text; every text element starts from it. `theme.text` sets its size, "
                    "leading, alignment and hyphenation."),
    "bullet": Element("Bulleted list items; `indent` is the text's, `bullet_indent` the bullet's.",
                      TEXT + ("indent", "bullet_indent", "bullet_font", "bullet_color")),
    "lead": Element("A section's lead paragraph."),
    "goal": Element("A pillar's goal statement."),
    "kicker": Element("The small line above a title (a pillar's number word)."),
    "title": Element("A section title (H1)."),
    "heading": Element("A heading inside a section (H2)."),
    "subheading": Element("A heading below a heading (H3)."),
    "caption": Element("Photo captions."),
    "quote": Element("The quote on a quote page."),
    "quote.author": Element("The quote's author; its font also sets the opening quotation mark."),
    "signature.name": Element("The name under a letter."),
    "signature.role": Element("The role under the name of a letter."),
    "cover.title": Element("The cover's title; `space_after` is the gap below it."),
    "cover.subtitle": Element("The cover's subtitle."),
    "cover.organization": Element("The organization and year on the cover, the first line of the back cover; "
                                  "`space_after` is the gap below the year and that first line."),
    "back_cover": Element("The back cover's other lines."),
    "contents.entry": Element("A top-level entry of the contents; `space_before` is the gap above it.",),
    "contents.subentry": Element("A second-level entry of the contents; `space_before` is the gap above it."),
    "stat": Element("A row of stats: `width` is the narrowest cell before the row wraps, `rule` the rule's "
                    "thickness, `gap` the space between the rule and the figure.", ("width", "rule", "gap")),
    "stat.figure": Element("A stat's figure; figures shrink to fit their cells, to `min_size` at most.",
                           TEXT + ("min_size",)),
    "stat.label": Element("The line under a stat's figure."),
    "stat.heading": Element("The small line above a stat's figure."),
    "card": Element("A card's box: `padding` inside it, `gap` between rows of cards, `radius` of its corners, "
                    "`rule` the width of its accent bar, `background` its fill (a tint of the theme's "
                    "primary colour when absent).", ("padding", "gap", "radius", "rule", "background")),
    "card.title": Element("A card's title."),
    "card.body": Element("A card's text."),
    "legend": Element("The legend of a pie chart."),
    "legend.value": Element("The percentages in a pie chart's legend (and, smaller, on the ring)."),
    "pie": Element("A pie chart: `size` is the ring's largest diameter.", ("size",)),
    "pie.center": Element("The figure in the middle of a pie chart."),
    "pie.center_label": Element("The label under the figure in the middle of a pie chart."),
    "pillar.band": Element("A pillar's header band: `height` below the top margin (at least), `padding` from its "
                           "foot to the title's baseline, `space_after` below it, `rule` the accent line at its "
                           "foot.", ("height", "padding", "space_after", "rule")),
    "pillar.band.number": Element("The big number in a pillar's band."),
    "pillar.band.title": Element("The title in a pillar's band."),
    "pillars_overview.title": Element("A pillar's title in the pillars overview."),
    "photo": Element("Photos in the text: `height` is the tallest a photo is set.", ("height",)),
    "columns": Element("Columns: `gap` is the gutter between columns (and between cards, stats and a photo "
                       "beside text).", ("gap",)),
    "block": Element("The space after each block of a section (`space_after`).", ("space_after",)),
    "rule": Element("Hairline rules (contents leaders excepted): `width` is their thickness.", ("width",)),
    "footer": Element("Footer lines."),
}
StyleElement = Literal[tuple(ELEMENTS)]  # type: ignore[valid-type]


def _known_properties(name: str, override: StyleOverride) -> None:
    """Each element takes only its own properties: another one is told at its key, with did-you-mean."""
    allowed = ELEMENTS[name].properties
    problems = [Problem((prop,), f"{name!r} has no property {prop!r}", f"{name} takes " + ", ".join(allowed),
                        "unknown_key")
                for prop in StyleOverride.fields if getattr(override, prop) is not None and prop not in allowed]
    if problems:
        raise ModelError(problems)


# the schema says what _known_properties checks: each element with its own properties
_STYLE_MAP_SCHEMA = {"type": "object", "additionalProperties": False, "properties": {
    name: {"$ref": "#/$defs/StyleOverride", "propertyNames": {"enum": list(element.properties)}}
    for name, element in ELEMENTS.items()}}
StyleMap = Annotated[dict[StyleElement, StyleOverride], EachEntry(_known_properties),  # type: ignore[valid-type]
                     JsonSchema(_STYLE_MAP_SCHEMA), Kind("mapping of [element](#stylesheet-elements) to [style](#themestyles)")]

__all__ = ["ELEMENTS", "FONT_ROLES", "THEME_COLORS", "Element", "Spacing", "StyleMap", "StyleOverride"]
