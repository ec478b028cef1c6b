"""The spec's reference: the `Report` model in, its JSON Schema and Markdown field tables out.

Every field of every model reachable from `Report` has one note (what it does and an example): its own
`field(description=..., example=...)` or an entry in NOTES here, never both. `json_schema()` adds the notes
as descriptions so editors show them, and `field_table()` renders the rows docs/spec.md embeds; both take the
field's type, bounds and label from describe.describe_field, as the validator does. Tests check the notes,
the schema file and docs/spec.md against the model.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Iterator

from reportgen.model.base import Model
from reportgen.model.colors import Color
from reportgen.model.describe import TypeDescription, anchor, describe_field, heading_name  # noqa: F401 (re-exported)
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
    "Report.data": ("Named data files beside the spec, for `{{ }}` expressions in any text (`{{ budget.total | "
                    "money }}`) and for a chart's or table's `data:`. A CSV is a list of rows (its header gives the "
                    "column names); a YAML or JSON file is a mapping or a list. See [Data and editions](#data-and-editions).",
                    "{budget: assets/data/budget.yaml, schools: assets/data/schools.csv}"),
    "Report.editions": ("One PDF per row of a data set: `reportgen build SPEC -o FOLDER` writes each edition's PDF "
                        "into FOLDER, with `edition` in the expressions naming its row. Absent: one report.",
                        "see [editions](#editions)"),
    "Editions.rows": ("The data set (a name under `data:`) whose rows are the editions: a CSV, or a YAML or JSON "
                      "list of mappings.", "schools"),
    "Editions.key": ("The column that names each edition: unique, and file-safe (letters, digits, `.`, `-` and `_`, "
                     "starting with a letter or digit); manifests and messages name editions by it.", "code"),
    "Editions.output": ("Each edition's PDF file name inside the -o folder, an expression (a plain name ending "
                        "`.pdf`, no folders). Absent: the key and `.pdf`.", '"{{ edition.code }}-report.pdf"'),
    "PrintSettings.output_intent": ("The printing condition; a print build is PDF/X-4 for it. Absent: reportgen's shipped "
                                    "FOGRA39 profile (coated offset, ISO 12647-2; src/reportgen/print/profiles/README.txt "
                                    "says where it comes from and its zlib licence).",
                                    "{icc: profiles/press.icc}"),
    "PrintSettings.marks": ("Crop marks at each corner, outside the bleed, in registration colour.", "false"),
    "PrintSettings.overprint_black": ("100% K text and fills overprint instead of knocking out.", "true"),
    "PrintSettings.vector_intent": ("Rendering intent for the theme's RGB colours (backgrounds, text, rules, charts) "
                                    "into the output profile: `relative` (colorimetric: a colour the press can print "
                                    "lands on itself, one it cannot is clipped to the nearest it can, and `preflight` "
                                    "or `build -v` names it with its ΔE2000), `perceptual`, `saturation` or `absolute`. "
                                    "`cmyk(...)` colours are written as given.", "relative"),
    "PrintSettings.vector_black_point_compensation": ("Black-point compensation for the theme's colours; off, so a "
                                                      "printable colour is not moved.", "false"),
    "PrintSettings.photo_intent": ("Rendering intent for RGB photos into the output profile (from each photo's own "
                                   "ICC profile, or sRGB).", "perceptual"),
    "PrintSettings.photo_black_point_compensation": ("Black-point compensation for photos: on, so shadow detail maps "
                                                     "onto the press's black instead of clipping.", "true"),
    "PrintSettings.binding": ("`saddle`: a saddle-stitched booklet; blank pages before the back cover (at the end "
                              "without one) make the page count a multiple of 4, with a notice. `none`: as laid out.",
                              "saddle"),
    "OutputIntent.icc": ("A CMYK output ICC profile (the print shop's, e.g. FOGRA39 or GRACoL), relative to "
                         "the spec; embedded in the PDF, and photos and colours are converted through it.",
                         "profiles/press.icc"),
    "OutputIntent.condition": ("The printing condition's registered name (OutputConditionIdentifier). Absent: the "
                               "one the profile's description names (FOGRA39, FOGRA51, FOGRA52, GRACoL, SWOP ...); "
                               "required for a profile that names none, and an error when it is not the one the "
                               "profile names.", "FOGRA39"),
    "OutputIntent.info": ("A readable description of the condition; the known condition's (e.g. `Coated FOGRA39 "
                          "(ISO 12647-2:2004)`), else the profile's own name, when absent.",
                          "Coated FOGRA39 (ISO 12647-2:2004)"),
    "OutputIntent.registry": ("Where `condition` is registered.", "http://www.color.org"),
    "Meta.title": ("The report's title: cover, footers, PDF title.", "Annual Report 2023-24"),
    "Meta.subtitle": ("A line under the title on the cover; `{subtitle}` in footers.",
                      "Empowering Education for a Brighter Future"),
    "Meta.organization": ("The organisation publishing the report.", "Los Angeles County Office of Education"),
    "Meta.author": ("PDF author; the organisation when absent.", "LACOE Communications"),
    "Meta.subject": ("PDF subject; the subtitle when absent.", "The 2023-24 annual report"),
    "Meta.keywords": ("PDF keywords.", "[LACOE, annual report]"),
    "Meta.language": ("Language of the text, a BCP 47 tag (a language CLDR knows, as in en, es-MX, zh-Hant; "
                      "`fr_FR` or `English` is an error with the tag meant): the PDF's /Lang and the hyphenation "
                      "patterns (a language without patterns is a warning, and its text is not hyphenated).",
                      "en-US"),
    "Meta.url": ("The organisation's web address.", "https://www.lacoe.edu"),
    "Meta.year": ("The reporting year; as `{year}` in footers, and on the cover above the title unless "
                  "`cover.year` says otherwise or the title already contains it.", '"2023-24"'),
    "Meta.date": ("The publication date (YYYY-MM-DD): the PDF's creation and modification dates, in its "
                  "information and XMP. Without it the environment's `SOURCE_DATE_EPOCH` (the reproducible-builds "
                  "convention) gives them, else the fixed 2000-01-01; never the clock, so a build repeats.",
                  "2024-10-01"),
    "Meta.strings": ("The words reportgen writes itself (bookmarks, pillar labels, link descriptions, a chart's alt "
                     "text, number formats), replacing the built-in ones of `language`.",
                     "see [meta.strings](#metastrings)"),
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
    "Theme.styles": ("Per-element overrides of the shipped stylesheet, the most specific layer; see "
                     "[Stylesheet elements](#stylesheet-elements).", "{heading: {size: 14pt}, stat.figure: {size: 30pt}}"),
    "StyleOverride.font": ("The font, by role: body.regular, body.bold, body.italic, body.bold_italic, "
                           "display.regular, display.bold, display.black, display.light.", "display.black"),
    "StyleOverride.size": ("Type size.", "14pt"),
    "StyleOverride.leading": ("Distance between baselines.", "18pt"),
    "StyleOverride.space_before": ("Space above the element: a length, or lines of the body's leading.", "8pt"),
    "StyleOverride.space_after": ("Space below the element: a length, or lines of the body's leading.",
                                  "0.5 lines"),
    "StyleOverride.color": ("Text colour: a theme colour's name (primary, accent, text, muted, paper, rule, positive, "
                            "negative, white) "
                            "or a colour.", "accent"),
    "StyleOverride.alignment": ("Alignment of the lines.", "left"),
    "StyleOverride.underline": ("Whether links in running text are underlined (link). `false` leaves their colour "
                                "alone to tell them from the words around them: WCAG 1.4.1 then asks 3:1 between "
                                "the two colours.", "false"),
    "StyleOverride.hyphenation": ("Whether words are hyphenated at line ends (body: `theme.text.hyphenate`).",
                                  "false"),
    "StyleOverride.hyphenate_capitalized": ("Whether capitalised words (names: Inglewood, August) may be "
                                            "hyphenated too; acronyms, figures, URLs and words under 6 letters "
                                            "never are. Unset: yes in languages that capitalise every noun "
                                            "(German, Swiss German, Luxembourgish); in English and most others "
                                            "only as the line breaker's last resort, where every other breaking "
                                            "leaves a justified line with spaces over 3x their width "
                                            "(Superinten-dent's). `false`: never, not even then.",
                                            "true"),
    "StyleOverride.figures": ("The figures' widths: `proportional` (each digit its own width, so a 1 leaves no "
                              "hole: display figures) or `tabular` (every digit one width, so columns of figures "
                              "line up: tables); lining either way. Unset: the font's own figures. Text is always "
                              "kerned and set with standard ligatures.", "proportional"),
    "StyleOverride.scale_with_text": ("Whether the shipped sizes and spacing follow `theme.text.size` (a "
                                      "`theme.styles` value is used as given).", "false"),
    "StyleOverride.indent": ("Left indent of the text (bullet).", "13pt"),
    "StyleOverride.bullet_indent": ("Left indent of the bullet (bullet).", "2pt"),
    "StyleOverride.bullet_font": ("The bullet's font, by role (bullet).", "body.bold"),
    "StyleOverride.bullet_color": ("The bullet's colour (bullet).", "primary"),
    "StyleOverride.min_size": ("The smallest a figure shrinks to (stat.figure).", "12pt"),
    "StyleOverride.padding": ("Space inside the box (card, pillar.band).", "10pt"),
    "StyleOverride.gap": ("Space between parts (card rows, columns, a stat's rule and figure).",
                          "10pt"),
    "StyleOverride.background": ("Fill colour of the box (card).", '"#EEF3F8"'),
    "StyleOverride.radius": ("Corner radius (card).", "6pt"),
    "StyleOverride.rule": ("Thickness of the element's rule or accent bar (card, stat, pillar.band).", "4pt"),
    "StyleOverride.height": ("Height (pillar.band: at least; photo: at most).", "118pt"),
    "StyleOverride.width": ("Width (stat: the narrowest cell; rule: the line's thickness).", "100pt"),
    "StyleOverride.offset": ("How far a part is moved from where it would sit; the element says which way "
                             "(contents.leader: above the baseline).", "1.2pt"),
    "StyleOverride.pitch": ("Distance from one repeated mark to the next (contents.leader's dots).", "4.5pt"),
    "StyleOverride.ratio": ("A proportion; the element says of what (pie.hole: its diameter, a share of the "
                            "ring's).", "0.56"),
    "StyleOverride.rise": ("How high a baseline sits, as a share of its box or size (0 to 1; the element says "
                           "which).", "0.3"),
    "StyleOverride.spacing": ("How far apart repeated parts stay, in sizes of the part (pie.label).", "1.25"),
    "StyleOverride.angle": ("An angle in degrees (pie: the narrowest slice that holds its percentage).", "24"),
    "StyleOverride.floor": ("The smallest share of its design size type steps down to, to fit (0 to 1).", "0.6"),
    "StyleOverride.decrement": ("The share of its design size type steps down by on each try (0 to 1).",
                                 "0.025"),
    "StyleOverride.shares": ("Proportions in the order the element lists them, each more than 0 and at most 1 "
                             "(cover: the photo band's lower edges tried in turn).", "[0.42, 0.48, 0.54, 0.6]"),
    "StyleOverride.rule_length": ("The rule's length (stat: the rule above a figure, at most the cell's width).",
                                  "42pt"),
    "StyleOverride.break": ("How a short section without `break:` starts (section): `none`, on the page when it fits "
                            "there whole; `page`, on a new page.", "none"),
    "StyleOverride.step": ("The baseline grid's pitch: lines of the body's leading or a length; `0 pt`: no grid.", "1 line"),
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
    "Colors.positive": ("A stat's change that goes the way its `better` says: an improvement (also with its arrow "
                        "and sign, never colour alone).", '"#2E7D32"'),
    "Colors.negative": ("A stat's change that goes against its `better`: a decline (also with its arrow and sign).",
                        '"#C62828"'),
    "Colors.pillars": ("Pillar colours, used in order of pillar number.", '["#0072CE", "#008290"]'),
    "Colors.chart": ("Pie slice colours, used in order.", '["#003A70", "#0072CE", "#F2A900"]'),
    "TextSettings.size": ("Body text size: points, or a length such as `10pt`.", "9.6"),
    "TextSettings.leading": ("Distance between body lines: points, or a length such as `5mm`.", "14"),
    "TextSettings.justify": ("Justify body text (false: ragged right). Justified lines are broken by total "
                             "fit, share their adjustment between spaces and letters (which widen or narrow by "
                             "up to 2%) and hang their punctuation into the margins; a paragraph with a link "
                             "or underline keeps its letters and edges.", "true"),
    "TextSettings.hyphenate": ("Hyphenate body text.", "true"),
    "Footer.even": ("Footer of even (left-hand) pages; placeholders {page}, {title}, {subtitle}, "
                    "{organization}, {year}.", '"{page}  |  {organization}"'),
    "Footer.odd": ("Footer of odd (right-hand) pages; same placeholders.", '"{title}  |  {page}"'),
    "Stat.value": ("The big figure.", '"6,000"'),
    "Stat.label": ("What the figure counts, under it.", "Educators Trained in Structured Literacy"),
    "Stat.heading": ("A small line above the figure.", "Fiscal Services"),
    "Stat.change": ("The change since an earlier year, printed beside the figure (under it in a narrow cell) with an "
                    "arrow from its sign: `+` up, `-` or `\u2212` down, `\u00b1` or a change of 0 level. It must start "
                    "with its sign (or be 0); quote a plus: YAML reads `+12` as the number 12. Read aloud as "
                    "\"up 12%\" in the stat's language (`meta.strings.change_up` ...).", '"+12%", "\u22123 pts"'),
    "Stat.since": ("The year the change is measured from, printed after it: \"+12% since 2022-23\". Only with "
                   "`change`.", '"2022-23"'),
    "Stat.better": ("Which way is an improvement for this figure (`up` for enrolment, `down` for a dropout rate): "
                    "the change is then printed in `theme.colors.positive` when it goes that way and "
                    "`theme.colors.negative` when it goes the other. Absent, reportgen does not guess: the change is "
                    "printed in `stat.change`'s colour whichever way it goes. The sign and the arrow always say the "
                    "direction; colour is never the only sign of it. Only with `change`.", "down"),
    "Stat.language": ("Language of the figure and its label when it differs from the text around it, a BCP 47 "
                      "tag: the stat's structure element's /Lang.", "es"),
    "ImageRef.file": ("The photo (JPEG or PNG); also written as `image: PATH`.", "assets/photos/cover.jpg"),
    "ImageRef.caption": ("A line printed under the photo (not on the cover, whose photo is full-bleed: a warning).",
                         "Graduates of the GAIN program"),
    "ImageRef.alt": ("Alternative text for screen readers; `\"\"` marks the photo decorative.",
                     "Students in a classroom"),
    "ImageRef.language": ("Language of the alt text and caption when it differs from the text around them, a "
                          "BCP 47 tag: the Figure's (and caption's) /Lang.", "es"),
    "SectionBase.id": ("Anchor name for links (`[see](#id)`); from the title when absent.", "budget"),
    "SectionBase.bookmark": ("Title in the PDF outline and contents; the section title when absent.",
                             "Budget"),
    "SectionBase.break": ("Where the section starts: `page` a new page, `column` the next column (a body page "
                          "has one: the next page), `none` right after the previous section, on its page. "
                          "Full-page sections and pillars start a page; other sections take the stylesheet's "
                          "`section` default (a short one continues on the page when it fits there whole).",
                          "none"),
    "SectionBase.language": ("Language of this section's text when it differs from `meta.language`, a BCP 47 "
                             "tag: its structure element's /Lang and its paragraphs' hyphenation. Cards, stats and "
                             "images take a `language` of their own too.", "es-MX"),
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
            for found in _models_in(describe_field(spec).type):
                visit(found)

    visit(root)
    return seen


def _models_in(described: TypeDescription) -> Iterator[type[Model]]:
    if described.model is not None:
        yield described.model
    yield from described.members
    if described.item is not None:
        yield from _models_in(described.item)


def note(model: type[Model], name: str) -> tuple[str, str] | None:
    """The note for `model.name`: the field's own description and example, or NOTES along the model's bases."""
    spec = model.fields[name]
    if spec.description:
        return spec.description, spec.example or ""
    for owner in model.__mro__:
        key = f"{owner.__name__}.{name}"
        if key in NOTES:
            return NOTES[key]
    return None


def missing_notes() -> list[str]:
    return [f"{model.__name__}.{name}" for model in models() for name in model.fields
            if note(model, name) is None]


def doubled_notes() -> list[str]:
    """Fields with both a `description=` and a NOTES entry: one would never be shown."""
    return [f"{model.__name__}.{name}" for model in models() for name, spec in model.fields.items()
            if spec.description and any(f"{owner.__name__}.{name}" in NOTES for owner in model.__mro__)]


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


def _field_schema(spec: Any) -> dict[str, Any]:
    schema = describe_field(spec).schema
    if not spec.required:
        schema["default"] = _plain(spec.default)
    return schema


def json_schema_text() -> str:
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


# ---------------------------------------------------------------- Markdown tables

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
    label = describe_field(spec).type.label
    if label == "length" and isinstance(value, float):  # in inches where that is a short number: 0.75in
        return f"{value / 72:g}in ({value:g} pt)" if abs(round(value / 72, 3) - value / 72) < 1e-9 else f"{value:g} pt"
    if label == "page size":
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
        lines.append(f"| `{name}` | {_cell(describe_field(spec).label)} | {_cell(_default(model, name))} "
                     f"| {_cell(description)} | {_cell(shown)} |")
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    """A table cell's text: GitHub's tables take `\\|` as a literal pipe, inside code spans too."""
    return text.replace("|", "\\|")


_BLOCK = re.compile(r"(<!-- fields (\w+) -->\n)(.*?)(<!-- /fields -->)", re.S)


STYLESHEET = Path(__file__).resolve().parent.parent / "theme" / "stylesheet.yaml"  # read as data: no ReportLab
_ELEMENTS_BLOCK = re.compile(r"(<!-- stylesheet elements -->\n)(.*?)(<!-- /stylesheet elements -->)", re.S)


def element_table() -> str:
    """The Markdown table of the stylesheet's elements: what each styles, the properties it takes and the
    shipped values (theme/stylesheet.yaml)."""
    import yaml

    from reportgen.model.styles import ELEMENTS, TEXT

    shipped = yaml.safe_load(STYLESHEET.read_text(encoding="utf-8"))
    body_scales = shipped["body"].get("scale_with_text", True)
    lines = ["| element | styles | properties | shipped values |", "|---|---|---|---|"]
    for name, element in ELEMENTS.items():
        values = dict(shipped.get(name, {}))
        scales = values.pop("scale_with_text", body_scales) if "font" in element.properties else None
        shown = ", ".join(f"{key}: {str(value).lower() if isinstance(value, bool) else value}"
                          for key, value in values.items()) or "—"
        if scales is not None:
            shown += "; scales" if scales else "; fixed size"
        properties = "text properties" + ", " + ", ".join(p for p in element.properties if p not in TEXT) \
            if set(TEXT) <= set(element.properties) and len(element.properties) > len(TEXT) else (
                "text properties" if set(TEXT) <= set(element.properties) else ", ".join(element.properties))
        lines.append(f"| `{name}` | {_cell(element.description)} | {properties} | {_cell(shown)} |")
    return "\n".join(lines) + "\n\nText properties: " + ", ".join(f"`{p}`" for p in TEXT) + ".\n"


def update_tables(document: str) -> str:
    """Regenerate every `<!-- fields Model -->` block of a Markdown document, and the stylesheet's elements."""
    by_name = {model.__name__: model for model in models()}
    document = _ELEMENTS_BLOCK.sub(lambda match: match.group(1) + element_table() + match.group(3), document)

    def replace(match: re.Match[str]) -> str:
        model = by_name.get(match.group(2))
        if model is None:
            raise KeyError(f"docs name an unknown model {match.group(2)!r}")
        return match.group(1) + field_table(model) + match.group(4)

    return _BLOCK.sub(replace, document)


def documented_models(document: str) -> set[str]:
    return {match.group(2) for match in _BLOCK.finditer(document)}
