"""Theme stage: the model's theme in, registered fonts, output colours and paragraph styles out."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Mapping

from reportgen.cache import CacheMemory
from reportgen.theme.colors import Palette
from reportgen.theme.separation import Separation
from reportgen.theme.fonts import FontSet, register_fonts
from reportgen.theme.numbers import NumberFormats
from reportgen.reportlab_adapter.breakstore import BREAKS
from reportgen.reportlab_adapter.shaping import style_shaping
from reportgen.theme.styles import Measures, Styles, build_measures, build_styles
from reportgen.model.parts import SectionBase
from reportgen.model.report import Report
from reportgen.model.walk import iter_languages
from reportgen.sections.cards import Card


@dataclass(frozen=True)
class Theme:
    fonts: FontSet
    palette: Palette
    styles: Styles
    measures: Measures
    languages: Mapping[str, Styles] = field(default_factory=dict)  # styles for each language a part is in
    numbers: NumberFormats = field(default_factory=lambda: NumberFormats(None))  # generated numbers, as formatted before

    def for_language(self, language: str | None) -> Theme:
        """The theme a section or card in `language` is set with (its paragraphs hyphenated in that language);
        None: the one it is in."""
        styles = self.languages.get(language) if language is not None else None
        return self if styles is None else replace(self, styles=styles)


def build_theme(report: Report, *, cmyk: bool = False, cache_dir: Path | None = None,
                memory: CacheMemory | None = None) -> Theme:
    """`cache_dir` keeps work worth keeping between builds (parsed fonts and hyphenation patterns, shaped words);
    `memory`, a build session's, keeps what this process parsed of it (reportgen.pipeline.BuildSession)."""
    fonts = register_fonts(report.theme.fonts, cache_dir, memory)
    separation = None
    if cmyk:  # print: every RGB colour through the output profile (the spec's or the shipped one)
        settings = report.print
        separation = Separation(settings.intent().icc, settings.vector_intent, settings.vector_black_point_compensation)
    palette = Palette(report.theme.colors, cmyk=cmyk, separation=separation)
    text, overrides, language = report.theme.text, report.theme.styles, report.meta.language
    # the languages sections and cards are written in (a stat's or an alt text's is never hyphenated)
    own = {tag for _, tag, owner in iter_languages(report) if isinstance(owner, (SectionBase, Card))} - {language}
    styles = build_styles(fonts, palette, text, cache_dir, overrides, language, memory=memory)
    # every language's styles share the build's shaped words and line-break decisions (whose keys name
    # the hyphenation), so a section in its own language is kept for the next build like the rest
    shaper = style_shaping(styles.body)
    languages = {tag: build_styles(fonts, palette, text, cache_dir, overrides, tag, memory=memory,
                                   shaper=shaper[0] if shaper is not None else None,
                                   break_store=getattr(styles.body, BREAKS, None)) for tag in sorted(own)}
    languages[language] = styles  # a card in the document's language inside a section in another
    return Theme(fonts, palette, styles, build_measures(palette, text, overrides), languages, NumberFormats(cache_dir))


__all__ = ["FontSet", "Measures", "Palette", "Styles", "Theme", "build_theme"]
