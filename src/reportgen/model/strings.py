"""Generated words: the built-in table of every word reportgen writes itself, by language, the spec's `meta.strings` overrides, and Babel's numbers."""

from __future__ import annotations

import re
from dataclasses import dataclass, field as dataclass_field
from types import MappingProxyType
from typing import Annotated, Any, Mapping, MutableMapping

from reportgen.model.base import JsonSchema, Kind, Model, Parse, SpecError, describe, field
from reportgen.model.types import _PRINTABLE, MAX_TEXT_CHARACTERS, _text

# Every key of the table, with the placeholders its template may hold (`{{` and `}}` are literal braces).
# `number` and `percent` are CLDR number patterns (https://cldr.unicode.org/translation/numbers-currency/number-patterns),
# not templates: the locale's own pattern (Babel's) when the table has none.
PLACEHOLDERS: Mapping[str, tuple[str, ...]] = MappingProxyType({
    "cover": (),
    "back_cover": (),
    "contents": (),
    "pillar": ("number",),
    "pillar_heading": ("pillar", "title"),
    "go_to": ("title",),
    "chart": (),
    "chart_of": ("title",),
    "chart_total": ("chart", "total"),
    "chart_alt": ("chart", "count", "slices"),
    "chart_slice": ("label", "amount", "percent"),
    "list_separator": (),
    "change_up": ("change",),
    "change_down": ("change",),
    "change_level": ("change",),
    "change_either": ("change",),
    "change_since": ("change", "since"),
    "chart_column": (),
    "chart_bar": (),
    "chart_line": (),
    "chart_donut": (),
    "chart_titled": ("chart", "title"),
    "chart_in": ("chart", "unit"),
    "chart_data": ("chart", "values"),
    "chart_value": ("category", "value"),
    "chart_series": ("name", "values"),
    "series_separator": (),
    "chart_category": (),
    "number": (),
    "percent": (),
})
PATTERNS = frozenset({"number", "percent"})  # CLDR number patterns, not templates


def _frozen(table: dict[str, dict[str, str]]) -> Mapping[str, Mapping[str, str]]:
    return MappingProxyType({language: MappingProxyType(words) for language, words in table.items()})


# The built-in words by primary language subtag. English is complete and the fallback for every key; the
# others may leave out the CLDR patterns (Babel's pattern for the locale is used). French puts a no-break
# space before a colon, as French typography does.
BUILT_IN: Mapping[str, Mapping[str, str]] = _frozen({
    "en": {
        "cover": "Cover",
        "back_cover": "Back Cover",
        "contents": "Contents",
        "pillar": "Pillar {number}",
        "pillar_heading": "{pillar}: {title}",
        "go_to": "Go to {title}",
        "chart": "Ring chart",
        "chart_of": "Ring chart of {title}",
        "chart_total": "{chart}, total {total}",
        "chart_alt": "{chart}. {count} slices, clockwise from the top: {slices}.",
        "chart_slice": "{label}, {amount}, {percent}",
        "list_separator": "; ",
        "change_up": "up {change}",
        "change_down": "down {change}",
        "change_level": "unchanged",
        "change_either": "plus or minus {change}",
        "change_since": "{change} since {since}",
        "chart_column": "Column chart",
        "chart_bar": "Bar chart",
        "chart_line": "Line chart",
        "chart_donut": "Donut chart",
        "chart_titled": "{chart} of {title}",
        "chart_in": "{chart}, in {unit}",
        "chart_data": "{chart}: {values}.",
        "chart_value": "{category}, {value}",
        "chart_series": "{name}: {values}",
        "series_separator": ". ",
        "chart_category": "Category",
    },
    "es": {
        "cover": "Portada",
        "back_cover": "Contraportada",
        "contents": "Índice",
        "pillar": "Pilar {number}",
        "pillar_heading": "{pillar}: {title}",
        "go_to": "Ir a {title}",
        "chart": "Gráfico de anillo",
        "chart_of": "Gráfico de anillo de {title}",
        "chart_total": "{chart}, total {total}",
        "chart_alt": "{chart}. {count} sectores, en el sentido de las agujas del reloj desde arriba: {slices}.",
        "chart_slice": "{label}, {amount}, {percent}",
        "list_separator": "; ",
        "change_up": "sube {change}",
        "change_down": "baja {change}",
        "change_level": "sin cambios",
        "change_either": "más o menos {change}",
        "change_since": "{change} desde {since}",
        "chart_column": "Gráfico de columnas",
        "chart_bar": "Gráfico de barras",
        "chart_line": "Gráfico de líneas",
        "chart_donut": "Gráfico de anillo",
        "chart_titled": "{chart} de {title}",
        "chart_in": "{chart}, en {unit}",
        "chart_data": "{chart}: {values}.",
        "chart_value": "{category}, {value}",
        "chart_series": "{name}: {values}",
        "series_separator": ". ",
        "chart_category": "Categoría",
    },
    "fr": {
        "cover": "Couverture",
        "back_cover": "Quatrième de couverture",
        "contents": "Sommaire",
        "pillar": "Pilier {number}",
        "pillar_heading": "{pillar}\u00a0: {title}",
        "go_to": "Aller à {title}",
        "chart": "Graphique en anneau",
        "chart_of": "Graphique en anneau\u00a0: {title}",
        "chart_total": "{chart}, total {total}",
        "chart_alt": "{chart}. {count}\u00a0secteurs, dans le sens des aiguilles d\u2019une montre depuis le haut\u00a0: "
                     "{slices}.",
        "chart_slice": "{label}, {amount}, {percent}",
        "list_separator": "\u00a0; ",
        "change_up": "en hausse de {change}",
        "change_down": "en baisse de {change}",
        "change_level": "inchangé",
        "change_either": "plus ou moins {change}",
        "change_since": "{change} depuis {since}",
        "chart_column": "Histogramme",
        "chart_bar": "Graphique à barres",
        "chart_line": "Graphique en courbes",
        "chart_donut": "Graphique en anneau",
        "chart_titled": "{chart}\u00a0: {title}",
        "chart_in": "{chart}, en {unit}",
        "chart_data": "{chart}\u00a0: {values}.",
        "chart_value": "{category}, {value}",
        "chart_series": "{name}\u00a0: {values}",
        "series_separator": ". ",
        "chart_category": "Catégorie",
    },
})
FALLBACK = "en"
SCIENTIFIC_FROM, SCIENTIFIC_BELOW = 1e15, 1e-3  # numbers written as 1E300: decimal digits would be noise (or 0)

TEXT_SCHEMA = {"type": ["string", "number"], "pattern": _PRINTABLE, "maxLength": MAX_TEXT_CHARACTERS}  # as Text's
_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")


def parse_template(template: str, names: tuple[str, ...]) -> list[tuple[str, str | None]]:
    """The template's pieces: (literal text, None) or ("", placeholder name); SpecError at the first bad brace."""
    pieces: list[tuple[str, str | None]] = []
    position = 0
    for match in _TOKEN.finditer(template):
        if match.start() > position:
            pieces.append((template[position:match.start()], None))
        token, name = match.group(), match.group(1)
        position = match.end()
        if token in ("{{", "}}"):
            pieces.append((token[0], None))
        elif name is not None and name in names:
            pieces.append(("", name))
        else:
            raise SpecError(_bad_brace(token, name, names), _hint(names))
    if position < len(template):
        pieces.append((template[position:], None))
    return pieces


def _bad_brace(token: str, name: str | None, names: tuple[str, ...]) -> str:
    if name is None:
        return f"a `{token}` that {'no `}` closes' if token == '{' else 'no `{` opens'}"
    import difflib  # only when something is misspelt

    close = difflib.get_close_matches(name, names, n=1, cutoff=0.6)
    return f"`{token}` is not a placeholder here" + (f"; did you mean `{{{close[0]}}}`?" if close else "")


def _hint(names: tuple[str, ...]) -> str:
    held = ("its placeholders are " + ", ".join("{" + name + "}" for name in names)) if names else "it has no placeholders"
    return held + "; write {{ and }} for a literal brace"


def _template(key: str) -> Any:
    names = PLACEHOLDERS[key]

    def check(value: object) -> str:
        text = _text(value)
        parse_template(text, names)
        return text

    return Annotated[str, Parse(check), Kind("text"), JsonSchema(TEXT_SCHEMA)]


# the CLDR number patterns reportgen takes: literal prefix and suffix, grouping, and up to a fixed number of
# decimals (no negative subpattern, quotes, exponent or significant digits)
_PATTERN = r"^[^0-9#@.,;']*[#,]*0[0,]*(\.0*#*)?[^0-9#@.,;']*$"


def _pattern(value: object) -> str:
    if not isinstance(value, str) or not re.fullmatch(_PATTERN, value):
        raise SpecError(f"{describe(value)} is not a CLDR number pattern",
                        'write one such as "#,##0.##" (grouped, up to two decimals) or "#,##0 %" (a space before %)')
    return value


Pattern = Annotated[str, Parse(_pattern), Kind("CLDR number pattern"),
                    JsonSchema({"type": "string", "pattern": _PATTERN})]

_EN = BUILT_IN["en"]


def _note(key: str, what: str) -> str:
    names = PLACEHOLDERS[key]
    held = (" Placeholders: " + ", ".join("`{" + name + "}`" for name in names) + ".") if names else ""
    return what + held


class Strings(Model):
    """`meta.strings`: the report language's words, each replacing the built-in one (see BUILT_IN)."""

    cover: _template("cover") | None = field(None, description=_note("cover", "The cover's bookmark."),  # type: ignore[valid-type]
                                            example=_EN["cover"])
    back_cover: _template("back_cover") | None = field(  # type: ignore[valid-type]
        None, description=_note("back_cover", "The back cover's bookmark."), example=_EN["back_cover"])
    contents: _template("contents") | None = field(  # type: ignore[valid-type]
        None, description=_note("contents", "The contents page's heading and bookmark when it has no `title`."),
        example=_EN["contents"])
    pillar: _template("pillar") | None = field(  # type: ignore[valid-type]
        None, description=_note("pillar", "A pillar's label, printed in capitals above its title in the band."),
        example=f'"{_EN["pillar"]}"')
    pillar_heading: _template("pillar_heading") | None = field(  # type: ignore[valid-type]
        None, description=_note("pillar_heading", "A pillar's heading as read aloud, and its overview tile's link."),
        example=f'"{_EN["pillar_heading"]}"')
    go_to: _template("go_to") | None = field(  # type: ignore[valid-type]
        None, description=_note("go_to", "What a contents or overview link says it does (its /Contents)."),
        example=f'"{_EN["go_to"]}"')
    chart: _template("chart") | None = field(  # type: ignore[valid-type]
        None, description=_note("chart", "A pie chart without a title, in its alt text."), example=_EN["chart"])
    chart_of: _template("chart_of") | None = field(  # type: ignore[valid-type]
        None, description=_note("chart_of", "A pie chart with a title, in its alt text."),
        example=f'"{_EN["chart_of"]}"')
    chart_total: _template("chart_total") | None = field(  # type: ignore[valid-type]
        None, description=_note("chart_total", "A pie chart with a `total`, in its alt text."),
        example=f'"{_EN["chart_total"]}"')
    chart_alt: _template("chart_alt") | None = field(  # type: ignore[valid-type]
        None, description=_note("chart_alt", "A pie chart's whole alt text: the chart, then its slices."),
        example=f'"{_EN["chart_alt"]}"')
    chart_slice: _template("chart_slice") | None = field(  # type: ignore[valid-type]
        None, description=_note("chart_slice", "One slice in a pie chart's alt text."),
        example=f'"{_EN["chart_slice"]}"')
    list_separator: _template("list_separator") | None = field(  # type: ignore[valid-type]
        None, description=_note("list_separator", "Between the slices in a pie chart's alt text."), example='"; "')
    change_up: _template("change_up") | None = field(  # type: ignore[valid-type]
        None, description=_note("change_up", "A stat's rise (`change: \"+12%\"`) as read aloud; `{change}` is "
                                "the change without its sign."), example=f'"{_EN["change_up"]}"')
    change_down: _template("change_down") | None = field(  # type: ignore[valid-type]
        None, description=_note("change_down", "A stat's fall (`change: \"\u22123 pts\"`) as read aloud."),
        example=f'"{_EN["change_down"]}"')
    change_level: _template("change_level") | None = field(  # type: ignore[valid-type]
        None, description=_note("change_level", "A stat's change of zero (`change: \"0%\"`) as read aloud."),
        example=f'"{_EN["change_level"]}"')
    change_either: _template("change_either") | None = field(  # type: ignore[valid-type]
        None, description=_note("change_either", "A stat's `\u00b1` change as read aloud."),
        example=f'"{_EN["change_either"]}"')
    change_since: _template("change_since") | None = field(  # type: ignore[valid-type]
        None, description=_note("change_since", "A change with its `since`: printed with the change as written "
                                "(\"+12% since 2022-23\"), read aloud with the words above (\"up 12% since 2022-23\")."),
        example=f'"{_EN["change_since"]}"')
    chart_column: _template("chart_column") | None = field(  # type: ignore[valid-type]
        None, description=_note("chart_column", "A column chart, in its alt text."), example=f'"{_EN["chart_column"]}"')
    chart_bar: _template("chart_bar") | None = field(  # type: ignore[valid-type]
        None, description=_note("chart_bar", "A bar chart, in its alt text."), example=f'"{_EN["chart_bar"]}"')
    chart_line: _template("chart_line") | None = field(  # type: ignore[valid-type]
        None, description=_note("chart_line", "A line chart, in its alt text."), example=f'"{_EN["chart_line"]}"')
    chart_donut: _template("chart_donut") | None = field(  # type: ignore[valid-type]
        None, description=_note("chart_donut", "A donut chart, in its alt text."), example=f'"{_EN["chart_donut"]}"')
    chart_titled: _template("chart_titled") | None = field(  # type: ignore[valid-type]
        None, description=_note("chart_titled", "A chart with a title, in its alt text."),
        example=f'"{_EN["chart_titled"]}"')
    chart_in: _template("chart_in") | None = field(  # type: ignore[valid-type]
        None, description=_note("chart_in", "A chart with a `unit`, in its alt text."), example=f'"{_EN["chart_in"]}"')
    chart_data: _template("chart_data") | None = field(  # type: ignore[valid-type]
        None, description=_note("chart_data", "A chart's whole alt text: the chart, then its values."),
        example=f'"{_EN["chart_data"]}"')
    chart_value: _template("chart_value") | None = field(  # type: ignore[valid-type]
        None, description=_note("chart_value", "One value in a chart's alt text (`list_separator` between them)."),
        example=f'"{_EN["chart_value"]}"')
    chart_series: _template("chart_series") | None = field(  # type: ignore[valid-type]
        None, description=_note("chart_series", "One series of a chart with several, in its alt text."),
        example=f'"{_EN["chart_series"]}"')
    series_separator: _template("series_separator") | None = field(  # type: ignore[valid-type]
        None, description=_note("series_separator", "Between the series in a chart's alt text."), example='". "')
    chart_category: _template("chart_category") | None = field(  # type: ignore[valid-type]
        None, description=_note("chart_category", "The header of the categories in a chart's data table."),
        example=f'"{_EN["chart_category"]}"')
    number: Pattern | None = field(None, description="The CLDR pattern of generated numbers (a slice's amount); "
                                   "the language's own (Babel's) when absent.", example='"#,##0.##"')
    percent: Pattern | None = field(None, description="The CLDR pattern of percentages (a pie's legend, ring and "
                                    "alt text); the language's own (Babel's) when absent.", example='"#,##0 %"')


@dataclass(frozen=True)
class Words:
    """The generated words of one language: its built-in table (English for a language without one), the
    spec's overrides on top, and numbers and percentages as CLDR formats them for that language."""

    language: str  # a BCP 47 tag
    table: Mapping[str, str]
    # what CLDR formatting gave before, by kind, language, pattern and number (theme.numbers: kept between
    # builds, so a build whose numbers were all formatted before does not import Babel)
    formatted: MutableMapping[str, str] | None = dataclass_field(default=None, compare=False, repr=False)

    def __call__(self, key: str, **values: str) -> str:
        """The word or template `key` with its placeholders filled."""
        template = self.table[key]
        return "".join(text if name is None else values[name] for text, name in parse_template(template, PLACEHOLDERS[key]))

    def number(self, value: float) -> str:
        """A generated number (1234567 -> "1,234,567" in English, "1 234 567" in French); one too large or
        too small for its pattern in scientific notation (1E300), as CLDR writes that for the language."""
        def make() -> str:
            from babel.numbers import format_decimal, format_scientific

            if value != 0 and not SCIENTIFIC_BELOW <= abs(value) < SCIENTIFIC_FROM:
                return format_scientific(value, format="#.###E0", locale=self.locale)
            return format_decimal(value, format=self.table.get("number"), locale=self.locale)

        return self._formatted("number", value, make)

    def written_number(self, text: str) -> str:
        """A plain number as a spreadsheet writes it ("1250.50", "-3") in the language's digits and signs, its
        decimals kept ("1,250.50" in English, "1 250,50" in French); the grouping is the `number` pattern's."""
        key = f"written\x1f{self.language}\x1f{self.table.get('number')}\x1f{text}"
        known = self.formatted.get(key) if self.formatted is not None else None
        if known is not None:
            return known
        from decimal import Decimal

        from babel.numbers import format_decimal, parse_pattern

        value = Decimal(text.strip())
        places = max(0, -int(value.as_tuple().exponent))  # type: ignore[arg-type]
        pattern = self.table.get("number") or self.locale.decimal_formats.get(None).pattern
        whole = parse_pattern(pattern).pattern.split(";")[0].split(".")[0].strip("'")
        shown = format_decimal(value, format=whole + ("." + "0" * places if places else ""), locale=self.locale)
        if self.formatted is not None:
            self.formatted[key] = shown
        return shown

    def percent(self, value: float) -> str:
        """A percentage given in percent (19 -> "19%" in English, "19 %" in French)."""
        def make() -> str:
            from babel.numbers import format_percent

            return format_percent(value / 100, format=self.table.get("percent"), locale=self.locale)

        return self._formatted("percent", value, make)

    def _formatted(self, kind: str, value: float, make: Any) -> str:
        """What `make` formats `value` as (Babel), or what it formatted before (`formatted`)."""
        key = f"{kind}\x1f{self.language}\x1f{self.table.get(kind)}\x1f{type(value).__name__}:{value!r}"
        known = self.formatted.get(key) if self.formatted is not None else None
        if known is not None:
            return known
        text = make()
        if self.formatted is not None:
            self.formatted[key] = text
        return text

    @property
    def locale(self) -> Any:
        """Babel's locale for the language: the tag's, else its primary subtag's, else English."""
        return babel_locale(self.language)


def babel_locale(tag: str) -> Any:
    """Babel's Locale for a BCP 47 tag (Babel is imported only when a number is formatted)."""
    from babel import Locale, UnknownLocaleError

    for candidate in (tag, tag.split("-")[0]):
        try:
            return Locale.parse(candidate, sep="-")
        except (UnknownLocaleError, ValueError, TypeError):
            continue
    return Locale.parse(FALLBACK)


def built_in(language: str) -> Mapping[str, str]:
    """The built-in table of a language tag: its primary subtag's, else English."""
    return BUILT_IN.get(language.split("-")[0].lower(), BUILT_IN[FALLBACK])


def words_for(language: str, overrides: Strings | None = None) -> Words:
    """The words of `language`: English under its built-in table (for the keys it leaves out), then `overrides`."""
    table = dict(BUILT_IN[FALLBACK])
    table.update(built_in(language))
    if overrides is not None:
        table.update({name: value for name in Strings.fields if (value := getattr(overrides, name)) is not None})
    return Words(language, MappingProxyType(table))


ENGLISH = words_for(FALLBACK)  # language-independent names (anchor keys) are made from these
