"""Theme stage: the model's theme in, registered fonts, output colours and paragraph styles out."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reportgen.theme.colors import Palette
from reportgen.theme.fonts import FontSet, register_fonts
from reportgen.theme.styles import Measures, Styles, build_measures, build_styles
from reportgen.model.report import Report


@dataclass(frozen=True)
class Theme:
    fonts: FontSet
    palette: Palette
    styles: Styles
    measures: Measures


def build_theme(report: Report, *, cmyk: bool = False, cache_dir: Path | None = None) -> Theme:
    """`cache_dir` keeps work worth keeping between builds (parsed fonts and hyphenation patterns, shaped words)."""
    fonts = register_fonts(report.theme.fonts, cache_dir)
    palette = Palette(report.theme.colors, cmyk=cmyk)
    text, overrides = report.theme.text, report.theme.styles
    return Theme(fonts, palette, build_styles(fonts, palette, text, cache_dir, overrides),
                 build_measures(palette, text, overrides))


__all__ = ["FontSet", "Measures", "Palette", "Styles", "Theme", "build_theme"]
