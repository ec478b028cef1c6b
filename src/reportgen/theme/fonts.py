"""Fonts: the theme's TrueType files (or the shipped defaults) in, registered ReportLab font names out.

Importing this module redirects ReportLab's default font names (Helvetica) to the body font,
so no standard-14 font can reach a PDF. It must be imported before reportlab.platypus or
reportlab.graphics; `reportgen.theme` does that first.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Iterable

from reportlab import rl_config

BODY = "Body"
rl_config.canvas_basefontname = BODY
rl_config.defaultGraphicsFontName = BODY
rl_config.useA85 = 0  # binary streams: ASCII85 only inflates the file by a quarter

from reportlab.lib.fonts import addMapping  # noqa: E402  (after the redirect above)

# reportlab.lib.styles maps the base name to its bold/italic names when it is imported.
for _bold, _italic, _name in ((0, 0, "Body"), (1, 0, "Body-Bold"), (0, 1, "Body-Italic"), (1, 1, "Body-BoldItalic")):
    addMapping(BODY, _bold, _italic, _name)
from reportlab.pdfbase import pdfmetrics  # noqa: E402
from reportlab.pdfbase import ttfonts  # noqa: E402
from reportlab.pdfbase.ttfonts import TTFError, TTFont  # noqa: E402

from reportgen.diagnostics import Diagnostic, ReportError, SpecPath  # noqa: E402
from reportgen.model.report import Fonts  # noqa: E402

_SHIPPED = {
    "Body": "OpenSans-Regular.ttf",
    "Body-Bold": "OpenSans-Bold.ttf",
    "Body-Italic": "OpenSans-Italic.ttf",
    "Body-BoldItalic": "OpenSans-BoldItalic.ttf",
    "Display": "Lato-Regular.ttf",
    "Display-Bold": "Lato-Bold.ttf",
    "Display-Black": "Lato-Black.ttf",
    "Display-Light": "Lato-Light.ttf",
}
_ROLE_FIELDS = {
    "Body": ("body", "regular"), "Body-Bold": ("body", "bold"), "Body-Italic": ("body", "italic"),
    "Body-BoldItalic": ("body", "bold_italic"), "Display": ("display", "regular"),
    "Display-Bold": ("display", "bold"), "Display-Black": ("display", "black"), "Display-Light": ("display", "light"),
}
_FALLBACK = {"Display-Black": "Display-Bold", "Display-Light": "Display"}
_cache: dict[tuple[str, str, float], TTFont] = {}


class SubsetTaggedFont(TTFont):
    """A TrueType font whose embedded subsets are named by their content.

    ReportLab names subsets by number, so every PDF it writes holds an AAAAAA+OpenSans with other
    glyphs in it; a print shop's imposition or merging tool that takes two such fonts for one can
    drop glyphs. Here the six-letter tag comes from the font and the characters of the subset:
    different subsets get different tags, and the same spec still gives the same bytes."""

    def addObjects(self, doc: object) -> None:  # noqa: N802 (ReportLab's name)
        subsets = self.state[doc].subsets
        tags = [subset_tag(self.face.name, subset) for subset in subsets]
        numbered = ttfonts.SUBSETN  # ReportLab's addObjects asks it for subset n's tag
        ttfonts.SUBSETN = lambda number: tags[number]  # type: ignore[assignment]
        try:
            super().addObjects(doc)
        finally:
            ttfonts.SUBSETN = numbered


def subset_tag(font_name: bytes, characters: list[int]) -> bytes:
    """Six capital letters from a hash of the font's name and the subset's characters."""
    digest = hashlib.sha256(font_name + b":" + ",".join(map(str, characters)).encode()).digest()
    return bytes(65 + byte % 26 for byte in digest[:6])


@dataclass(frozen=True)
class FontSet:
    """Registered font names by role, with the files they came from."""

    files: dict[str, Path]

    body: str = "Body"
    body_bold: str = "Body-Bold"
    body_italic: str = "Body-Italic"
    body_bold_italic: str = "Body-BoldItalic"
    display: str = "Display"
    display_bold: str = "Display-Bold"
    display_black: str = "Display-Black"
    display_light: str = "Display-Light"

    def missing_characters(self, font: str, text: str) -> set[str]:
        face = pdfmetrics.getFont(font).face
        return {ch for ch in set(text) if ch.isprintable() and not ch.isspace() and ord(ch) not in face.charToGlyph}


def shipped_font(name: str) -> Path:
    return Path(str(resources.files("reportgen") / "fonts" / name))


def register_fonts(fonts: Fonts) -> FontSet:
    """Register the body and display families. Unset roles use the shipped fonts; a display
    weight that is not given falls back to the nearest given one, never silently to Helvetica."""
    files: dict[str, Path] = {}
    problems: list[Diagnostic] = []
    for role, (group, weight) in _ROLE_FIELDS.items():
        chosen = getattr(getattr(fonts, group), weight)
        if chosen is None and group == "display" and role in _FALLBACK:
            fallback_group, fallback_weight = _ROLE_FIELDS[_FALLBACK[role]]
            chosen = getattr(getattr(fonts, fallback_group), fallback_weight)
        path = Path(chosen) if chosen is not None else shipped_font(_SHIPPED[role])
        files[role] = path
        try:
            _register(role, path)
        except (TTFError, OSError, ValueError, KeyError, AssertionError) as error:
            problems.append(Diagnostic(f"cannot use font {path.name}: {error}", ("theme", "fonts", group, weight),
                                       "give a valid TrueType (.ttf) file"))
        except Exception as error:  # noqa: BLE001 (a damaged file makes ReportLab's parser fail in any way)
            problems.append(Diagnostic(f"{path.name} is not a usable TrueType font: its tables are damaged "
                                       f"({type(error).__name__}: {error})", ("theme", "fonts", group, weight),
                                       "copy or download the font again, or give a valid TrueType (.ttf) file"))
    if problems:
        raise ReportError(problems)
    pdfmetrics.registerFontFamily("Body", normal="Body", bold="Body-Bold", italic="Body-Italic",
                                  boldItalic="Body-BoldItalic")
    pdfmetrics.registerFontFamily("Display", normal="Display", bold="Display-Bold", italic="Display",
                                  boldItalic="Display-Bold")
    return FontSet(files=files)


def _register(role: str, path: Path) -> None:
    stat = path.stat()
    key = (role, str(path.resolve()), stat.st_mtime)
    font = _cache.get(key)
    if font is None:
        font = SubsetTaggedFont(role, str(path))
        _cache[key] = font
    pdfmetrics.registerFont(font)


def check_coverage(font_set: FontSet, texts: Iterable[tuple[SpecPath, str, str]]) -> list[Diagnostic]:
    """For (path, font name, text) triples, report characters the font cannot draw."""
    problems: list[Diagnostic] = []
    for path, font, text in texts:
        missing = font_set.missing_characters(font, text)
        if missing:
            shown = ", ".join(f"{ch!r} (U+{ord(ch):04X})" for ch in sorted(missing))
            problems.append(Diagnostic(
                f"the font {font_set.files[font].name} has no glyph for {shown}",
                path, "use a font that covers these characters, or replace them in the text"))
    return problems
