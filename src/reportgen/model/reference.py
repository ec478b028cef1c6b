"""The spec's reference: the `Report` model in, its JSON Schema and Markdown field tables out.

Every field of every model reachable from `Report` has a note here (what it does and an example);
`json_schema()` adds the notes as descriptions so editors show them, and `field_table()` renders
the rows docs/spec.md embeds. Tests check the notes, the schema file and docs/spec.md against the model.
"""

from __future__ import annotations

import copy
import json
import re
import sys
import types
import typing
from pathlib import Path
from typing import Any, Iterator, Literal, Union

from reportgen.model.base import (DECIMAL_TEXT, FALSE_WORDS, NUMBER_TEXT, TRUE_WORDS, WHOLE_TEXT, Before, Field,
                                  JsonSchema, Kind, Model, TaggedBy, accepts_none)
from reportgen.model.colors import Color
from reportgen.model.report import Report
from reportgen.model.richtext import RichText
from reportgen.sections import registry

# "Model.field": (what it does, an example value as written in YAML); each section block's notes are in its module
NOTES: dict[str, tuple[str, str]] = {
    "Report.meta": ("Title, organisation and PDF metadata.", "see [meta](#meta)"),
    "Report.page": ("Page size, margins and bleed.", "see [page](#page)"),
    "Report.theme": ("Fonts, colours and body text settings.", "see [theme](#theme)"),
    "Report.footer": ("Footer lines of even (left) and odd (right) pages.", "see [footer](#footer)"),
    "Report.sections": ("The report's sections in reading order; each has a `type`.", "see [Sections](#sections)"),
    "Report.output": ("`screen`: RGB, no marks. `print`: CMYK, bleed, crop marks, page boxes, preflight "
                      "(the same as `build --print`).", "print"),
    "Report.print": ("Print production settings, used in print mode.", "see [print](#print)"),
    "PrintSettings.output_intent": ("The printing condition; with it a print build is PDF/X-4.",
                                    "{icc: profiles/press.icc, condition: FOGRA39}"),
    "PrintSettings.marks": ("Crop marks at each corner, outside the bleed, in registration colour.", "false"),
    "PrintSettings.overprint_black": ("100% K text and fills overprint instead of knocking out.", "true"),
    "OutputIntent.icc": ("A CMYK output ICC profile (the print shop's, e.g. FOGRA39 or GRACoL), relative to "
                         "the spec; embedded in the PDF, and photos are converted through it.", "profiles/press.icc"),
    "OutputIntent.condition": ("The printing condition's registered name (OutputConditionIdentifier).", "FOGRA39"),
    "OutputIntent.info": ("A readable description of the condition; the profile's own name when absent.",
                          "Coated FOGRA39 (ISO 12647-2:2004)"),
    "OutputIntent.registry": ("Where `condition` is registered.", "http://www.color.org"),
    "Meta.title": ("The report's title: cover, footers, PDF title.", "Annual Report 2023-24"),
    "Meta.subtitle": ("A line under the title on the cover; `{subtitle}` in footers.",
                      "Empowering Education for a Brighter Future"),
    "Meta.organization": ("The organisation publishing the report.", "Los Angeles County Office of Education"),
    "Meta.author": ("PDF author; the organisation when absent.", "LACOE Communications"),
    "Meta.subject": ("PDF subject; the subtitle when absent.", "The 2023-24 annual report"),
    "Meta.keywords": ("PDF keywords.", "[LACOE, annual report]"),
    "Meta.language": ("Language of the text (PDF language tag).", "en-US"),
    "Meta.url": ("The organisation's web address.", "https://www.lacoe.edu"),
    "Meta.year": ("The reporting year; shown on the cover and as `{year}` in footers.", '"2023-24"'),
    "Page.size": ("Trim size: a name or `[width, height]`.", "letter, a4, [8.5in, 11in]"),
    "Page.margins": ("Type area margins; inside is the binding side.", "{top: 0.75in, bottom: 0.9in}"),
    "Page.bleed": ("How far full-bleed colour and photos run past the trim (print mode).", "0.125in"),
    "Page.safe_zone": ("Distance inside the trim that text keeps clear of.", "0.125in"),
    "Margins.top": ("Top margin.", "0.75in"),
    "Margins.bottom": ("Bottom margin; the footer sits in it.", "0.9in"),
    "Margins.inside": ("Margin on the binding side (left on odd pages, right on even).", "0.9in"),
    "Margins.outside": ("Margin on the outer edge.", "0.7in"),
    "Theme.fonts": ("TrueType files replacing the built-in Open Sans (body) and Lato (display).",
                    "see [theme.fonts](#themefonts)"),
    "Theme.colors": ("The palette.", "see [theme.colors](#themecolors)"),
    "Theme.text": ("Body text size, leading and justification.", "see [theme.text](#themetext)"),
    "Fonts.body": ("Body text family (paragraphs, captions, footers).", "{regular: assets/fonts/Body.ttf}"),
    "Fonts.display": ("Display family (titles, stat figures, quotes).", "{bold: assets/fonts/Display-Bold.ttf}"),
    "FontFamily.regular": ("Upright text.", "assets/fonts/OpenSans-Regular.ttf"),
    "FontFamily.bold": ("**Bold** text.", "assets/fonts/OpenSans-Bold.ttf"),
    "FontFamily.italic": ("*Italic* text.", "assets/fonts/OpenSans-Italic.ttf"),
    "FontFamily.bold_italic": ("Bold italic text.", "assets/fonts/OpenSans-BoldItalic.ttf"),
    "DisplayFonts.regular": ("Regular display weight.", "assets/fonts/Lato-Regular.ttf"),
    "DisplayFonts.bold": ("Bold display weight (titles).", "assets/fonts/Lato-Bold.ttf"),
    "DisplayFonts.black": ("Heaviest weight (stat figures, cover title).", "assets/fonts/Lato-Black.ttf"),
    "DisplayFonts.light": ("Light weight (quotes, leads).", "assets/fonts/Lato-Light.ttf"),
    "Colors.primary": ("Main brand colour: cover, titles, bands.", '"#003A70"'),
    "Colors.accent": ("Highlight colour: rules, figures on dark grounds.", '"#F2A900"'),
    "Colors.text": ("Body text.", '"#1E1E1E"'),
    "Colors.muted": ("Secondary text: captions, footers, labels.", '"#5B6770"'),
    "Colors.paper": ("The page colour.", '"#FFFFFF"'),
    "Colors.rule": ("Thin lines and dividers.", '"#C8CED3"'),
    "Colors.pillars": ("Pillar colours, used in order of pillar number.", '["#0072CE", "#00A3AD"]'),
    "Colors.chart": ("Pie slice colours, used in order.", '["#003A70", "#0072CE", "#F2A900"]'),
    "TextSettings.size": ("Body text size: points, or a length such as `10pt`.", "9.6"),
    "TextSettings.leading": ("Distance between body lines: points, or a length such as `5mm`.", "14"),
    "TextSettings.justify": ("Justify body text (false: ragged right).", "true"),
    "TextSettings.hyphenate": ("Hyphenate body text.", "true"),
    "Footer.even": ("Footer of even (left-hand) pages; placeholders {page}, {title}, {subtitle}, "
                    "{organization}, {year}.", '"{page}  |  {organization}"'),
    "Footer.odd": ("Footer of odd (right-hand) pages; same placeholders.", '"{title}  |  {page}"'),
    "Stat.value": ("The big figure.", '"6,000"'),
    "Stat.label": ("What the figure counts, under it.", "Educators Trained in Structured Literacy"),
    "Stat.heading": ("A small line above the figure.", "Fiscal Services"),
    "ImageRef.file": ("The photo (JPEG or PNG); also written as `image: PATH`.", "assets/photos/cover.jpg"),
    "ImageRef.caption": ("A line printed under the photo.", "Graduates of the GAIN program"),
    "ImageRef.alt": ("Alternative text for screen readers; `\"\"` marks the photo decorative.",
                     "Students in a classroom"),
    "SectionBase.id": ("Anchor name for links (`[see](#id)`); from the title when absent.", "budget"),
    "SectionBase.bookmark": ("Title in the PDF outline and contents; the section title when absent.",
                             "Budget"),
}
NOTES.update(registry.notes())


def models(root: type[Model] = Report) -> list[type[Model]]:
    """Every model reachable from `root`, in first-seen order."""
    seen: list[type[Model]] = []

    def visit(model: type[Model]) -> None:
        if model in seen:
            return
        seen.append(model)
        for spec in model.fields.values():
            for found in _models_in(spec.type):
                visit(found)

    visit(root)
    return seen


def _models_in(annotation: Any) -> Iterator[type[Model]]:
    if isinstance(annotation, type) and issubclass(annotation, Model):
        yield annotation
    for argument in typing.get_args(annotation):
        yield from _models_in(argument)


def note(model: type[Model], name: str) -> tuple[str, str] | None:
    """The note for `model.name`, looked up along the model's base classes."""
    for owner in model.__mro__:
        key = f"{owner.__name__}.{name}"
        if key in NOTES:
            return NOTES[key]
    return None


def missing_notes() -> list[str]:
    return [f"{model.__name__}.{name}" for model in models() for name in model.fields
            if note(model, name) is None]


# ---------------------------------------------------------------- JSON Schema

def _plain(value: Any) -> Any:
    """Defaults as a designer would write them (colours as text, rich text as its source)."""
    if isinstance(value, Color):
        return str(value)
    if isinstance(value, RichText):
        return value.source
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, Model):
        return {name: _plain(getattr(value, name)) for name in type(value).fields}
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    return value


def json_schema() -> dict[str, Any]:
    """The JSON Schema of report.yaml, with every field's note as its description."""
    definitions = {model.__name__: _model_schema(model) for model in models() if model is not Report}
    schema = _model_schema(Report)
    schema.pop("title")
    schema.pop("description", None)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": "reportgen report.yaml",
            "description": "A reportgen spec: one YAML file typeset into an annual-report PDF. "
                           "Reference: docs/spec.md.",
            **schema, "$defs": dict(sorted(definitions.items()))}


def _model_schema(model: type[Model]) -> dict[str, Any]:
    schema: dict[str, Any] = {"title": model.__name__}
    if model.__doc__:
        schema["description"] = " ".join(model.__doc__.split())
    properties = {}
    for name, spec in model.fields.items():
        description, example = note(model, name) or (spec.description or "", "")
        if example and not example.startswith("see "):
            description += f" Example: {example}"
        properties[name] = {**_field_schema(spec), "description": description}
    schema.update({"type": "object", "properties": properties})
    required = [name for name, spec in model.fields.items() if spec.required]
    if required:
        schema["required"] = required
    schema["additionalProperties"] = False
    return schema


def _field_schema(spec: Field) -> dict[str, Any]:
    number = _bare(spec.type)
    if number in (int, float):  # a number, or the same written as text, within the field's limits
        schema = _number_schema(number, spec)
        if accepts_none(spec.type):
            schema = {"anyOf": [schema, {"type": "null"}]}
        if not spec.required:
            schema["default"] = _plain(spec.default)
        return schema
    schema = _type_schema(spec.type)
    target = schema["anyOf"][0] if schema.get("anyOf", [{}])[-1] == {"type": "null"} else schema  # X | None
    for keyword, limit in (("exclusiveMinimum", spec.gt), ("minimum", spec.ge), ("maximum", spec.le),
                           ("minItems", spec.min_length), ("maxItems", spec.max_length)):
        if limit is not None:
            target[keyword] = limit
    if not spec.required:
        schema["default"] = _plain(spec.default)
    return schema


def _bare(annotation: Any) -> Any:
    """`float` of `float | None`; anything else unchanged."""
    if typing.get_origin(annotation) in (Union, types.UnionType):
        members = [member for member in typing.get_args(annotation) if member is not type(None)]
        return members[0] if len(members) == 1 else annotation
    return annotation


def _number_schema(number: type, spec: Field) -> dict[str, Any]:
    """What base.py's _whole/_number accept, bounded as the field is: a JSON number, or text in the plain
    grammar whose value is within the limits (a pattern built from them)."""
    limits: dict[str, Any] = {}
    for keyword, limit in (("exclusiveMinimum", spec.gt), ("minimum", spec.ge), ("maximum", spec.le)):
        if limit is not None:
            limits[keyword] = limit
    if not spec.allow_inf_nan and spec.le is None:
        limits["maximum"] = sys.float_info.max  # JSON has no infinity, but YAML's .inf must fail here too
    numeric = {"type": "integer" if number is int else "number", **limits}
    text = {"type": "string", "pattern": _number_pattern(number is int, spec)}
    return {"anyOf": [numeric, text]}


def _number_pattern(whole: bool, spec: Field) -> str:
    """A regular expression for the numbers as text that _whole/_number accept and the limits allow."""
    low, low_open, high = (spec.gt, True, spec.le) if spec.gt is not None else (spec.ge, False, spec.le)
    plain = "^" + (WHOLE_TEXT if whole else NUMBER_TEXT) + "$"
    if low is None or low != int(low) or low < 0 or (high is not None and (high != int(high) or high - low > 1000)):
        return plain  # no field of the model has other limits; these are checked by the number branch only
    fraction = r"(\.0+)?" if whole else r"(\.[0-9]+)?"
    nonzero_fraction = r"\.[0-9]*[1-9][0-9]*"
    above_zero = rf"0*[1-9][0-9]*{fraction}" if whole else rf"0*[1-9][0-9]*{fraction}|0*0{nonzero_fraction}"
    negative_zero = r"|-0+(\.0+)?" if low == 0 and not low_open else ""  # "-0" is 0, within ge=0
    if high is None:  # a lower limit only (amounts): exponents allowed, as in _number
        exponent = "" if whole else r"([eE][+-]?[0-9]{1,2})?"
        if low == 0 and low_open:
            return f"^({above_zero}){exponent}$"
        if low == 0:
            return f"^(0*[0-9]+{fraction}{negative_zero}){exponent}$"
        return plain
    low, high = int(low), int(high)
    alternatives = [f"0*{low}{nonzero_fraction}" if low_open else f"0*{low}{fraction}"] if not (low_open and whole) else []
    middle = "|".join(str(value) for value in range(low + 1, high))
    if middle:
        alternatives.append(f"0*({middle}){fraction}")
    if high > low:
        alternatives.append(rf"0*{high}(\.0+)?")
    return "^(" + "|".join(alternatives) + negative_zero + ")$"


def _type_schema(annotation: Any) -> dict[str, Any]:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        base, *metadata = typing.get_args(annotation)
        given = [item.schema for item in metadata if isinstance(item, JsonSchema)]
        tagged = [item for item in metadata if isinstance(item, TaggedBy)]
        if given:
            schema = copy.deepcopy(given[-1])  # the caller adds limits and defaults to it
        elif tagged:
            members = typing.get_args(base)
            schema = {"oneOf": [_type_schema(member) for member in members],
                      "discriminator": {"propertyName": tagged[0].tag, "mapping": {
                          tag: f"#/$defs/{member.__name__}" for member in members
                          for tag in typing.get_args(member.fields[tagged[0].tag].type)}}}
        else:
            schema = _type_schema(base)
        for item in metadata:
            if isinstance(item, Before) and item.accepts:
                schema = {"anyOf": [schema, item.accepts]}
        return schema
    if origin in (Union, types.UnionType):
        members = [member for member in typing.get_args(annotation) if member is not type(None)]
        [member] = members  # a union of models is Annotated with TaggedBy
        schema = _type_schema(member)
        return {"anyOf": (schema["anyOf"] if list(schema) == ["anyOf"] else [schema]) + [{"type": "null"}]}
    if origin is Literal:
        values = list(typing.get_args(annotation))
        if all(isinstance(value, int) for value in values):  # 2, 2.0 and "2" (base.py's _literal)
            return {"anyOf": [{"enum": values, "type": "integer"}, {"type": "string", "pattern": "^0*(" + "|".join(
                str(value) for value in values) + r")(\.0+)?$"}]}
        kind = "string" if all(isinstance(value, str) for value in values) else "integer"
        return {"const": values[0], "type": kind} if len(values) == 1 else {"enum": values, "type": kind}
    if origin is tuple:
        return {"type": "array", "items": _type_schema(typing.get_args(annotation)[0])}
    if isinstance(annotation, type) and issubclass(annotation, Model):
        return {"$ref": f"#/$defs/{annotation.__name__}"}
    if annotation is bool:  # base.py's _boolean: the yes/no words in any case, and 0 or 1
        words = "|".join("".join(f"[{ch.lower()}{ch.upper()}]" if ch.isalpha() else ch for ch in word)
                         for word in TRUE_WORDS + FALSE_WORDS)
        return {"anyOf": [{"type": "boolean"}, {"enum": [0, 1]}, {"type": "string", "pattern": f"^({words})$"}]}
    return {"type": {int: "integer", float: "number", str: "string"}[annotation]}


def json_schema_text() -> str:
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


# ---------------------------------------------------------------- Markdown tables

def type_label(annotation: Any, metadata: list[Any] | tuple[Any, ...] = ()) -> str:
    """A reader's name for a field type: 'length', 'list of [stat](#stat)', '1 | 2'."""
    kinds = [item for item in metadata if isinstance(item, Kind)]
    if kinds:
        return kinds[-1].name
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        base, *extra = typing.get_args(annotation)
        return type_label(base, list(metadata) + extra)
    if origin in (Union, types.UnionType):
        members = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(members) > 1 and all(isinstance(m, type) and issubclass(m, Model) for m in members):
            return "[section](#sections)"
        return " or ".join(type_label(member) for member in members)
    if origin is tuple:
        item = next(a for a in typing.get_args(annotation) if a is not Ellipsis)
        return "list of " + type_label(item)
    if origin is Literal:
        return " \\| ".join(str(value) for value in typing.get_args(annotation))
    if isinstance(annotation, type) and issubclass(annotation, Model):
        return f"[{heading_name(annotation)}](#{anchor(annotation)})"
    return {str: "text", int: "whole number", float: "number", bool: "true \\| false"}.get(annotation, str(annotation))


HEADINGS = {"Report": "Top level", "Meta": "meta", "Page": "page", "Margins": "page.margins", "Theme": "theme",
            "Fonts": "theme.fonts", "FontFamily": "theme.fonts.body", "DisplayFonts": "theme.fonts.display",
            "Colors": "theme.colors", "TextSettings": "theme.text", "Footer": "footer", "ImageRef": "image",
            "PrintSettings": "print", "OutputIntent": "print.output_intent", **registry.headings()}


def heading_name(model: type[Model]) -> str:
    return HEADINGS.get(model.__name__, model.__name__.lower())


def anchor(model: type[Model]) -> str:
    """The GitHub anchor of the heading `heading_name(model)`."""
    return re.sub(r"[^a-z0-9_ -]", "", heading_name(model).lower()).replace(" ", "-")


def _default(model: type[Model], name: str) -> str:
    spec = model.fields[name]
    if spec.required:
        return "**required**"
    value = _plain(spec.default)
    if value is None:
        return "—"
    if value == "" or value == []:
        return "empty"
    if isinstance(value, dict):
        return "see below" if name != "margins" else "see below"
    kinds = [item.name for item in typing.get_args(spec.type)[1:] if isinstance(item, Kind)] \
        if typing.get_origin(spec.type) is typing.Annotated else []
    if "length" in kinds and isinstance(value, float):  # in inches where that is a short number: 0.75in
        return f"{value / 72:g}in ({value:g} pt)" if abs(round(value / 72, 3) - value / 72) < 1e-9 else f"{value:g} pt"
    if "page size" in kinds:
        return "letter (8.5in × 11in)" if list(value) == [612.0, 792.0] else str(value)
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, list):
        return ", ".join(f"`{item}`" for item in value)
    return f"`{value}`"


def field_table(model: type[Model]) -> str:
    """The Markdown table of one model's fields: name, type, default, meaning and example."""
    lines = ["| field | type | default | meaning | example |", "|---|---|---|---|---|"]
    for name, spec in model.fields.items():
        description, example = note(model, name) or ("", "")
        shown = example if example.startswith("see ") else f"`{example}`"
        lines.append(f"| `{name}` | {type_label(spec.type)} | {_cell(_default(model, name))} "
                     f"| {_cell(description)} | {_cell(shown)} |")
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    """A table cell's text: GitHub's tables take `\\|` as a literal pipe, inside code spans too."""
    return text.replace("|", "\\|")


_BLOCK = re.compile(r"(<!-- fields (\w+) -->\n)(.*?)(<!-- /fields -->)", re.S)


def update_tables(document: str) -> str:
    """Regenerate every `<!-- fields Model -->` block of a Markdown document."""
    by_name = {model.__name__: model for model in models()}

    def replace(match: re.Match[str]) -> str:
        model = by_name.get(match.group(2))
        if model is None:
            raise KeyError(f"docs name an unknown model {match.group(2)!r}")
        return match.group(1) + field_table(model) + match.group(4)

    return _BLOCK.sub(replace, document)


def documented_models(document: str) -> set[str]:
    return {match.group(2) for match in _BLOCK.finditer(document)}
