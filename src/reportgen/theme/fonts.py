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
from typing import Protocol

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

from reportgen.diagnostics import Diagnostic, ReportError  # noqa: E402
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


GLYPH_LOG = "reportgen_glyph_log"  # the attribute of a PDF document that holds its GlyphWatcher


class GlyphWatcher(Protocol):
    """Told of every character drawn with a font that has no glyph for it (render.glyphs.GlyphLog)."""

    def missing(self, font: str, characters: set[str], text: str) -> None: ...


class SubsetTaggedFont(TTFont):
    """A TrueType font whose embedded subsets are named by their content, and which reports the
    characters it is asked to draw but has no glyph for.

    ReportLab names subsets by number, so every PDF it writes holds an AAAAAA+OpenSans with other
    glyphs in it; a print shop's imposition or merging tool that takes two such fonts for one can
    drop glyphs. Here the six-letter tag comes from the font and the characters of the subset:
    different subsets get different tags, and the same spec still gives the same bytes.

    Every piece of text ReportLab writes into a PDF with a TrueType font passes through
    `splitString` (paragraphs, drawString, charts), so this is where the font that really draws a
    character is known. A character the font lacks would print as its .notdef glyph (a box or
    nothing), invisible ones (joiners, bidi controls) included; the watcher of the document
    (attribute GLYPH_LOG, set by the render stage) hears of each. Measuring text draws nothing and
    is not reported."""

    def splitString(self, text: str | bytes, doc: object, encoding: str = "utf-8") -> list:  # noqa: N802
        watcher: GlyphWatcher | None = getattr(doc, GLYPH_LOG, None)
        if watcher is not None:
            characters = text.decode(encoding) if isinstance(text, bytes) else text
            glyphs = self.face.charToGlyph
            missing = {ch for ch in set(characters) if ord(ch) not in glyphs and ch != "\xa0"}  # ReportLab draws NBSP as a space
            if missing:
                watcher.missing(self.fontName, missing, characters)
        return super().splitString(text, doc, encoding)

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

    def describe(self, font: str) -> tuple[str, tuple[str, ...]]:
        """A registered font name as a reader knows it ('the display font Lato-Black') and the theme
        field that chooses it (theme.fonts.display.black)."""
        group, weight = _ROLE_FIELDS[font]
        return f"the {group} font {self.files[font].stem}", ("theme", "fonts", group, weight)


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
    # registerFont keeps the first TrueType font registered under a name (and any font whose face has
    # the same name): in a process that builds more than once (watch, preview, batch, tests), a build
    # whose theme names another file for this role must draw with that file, so replace the entry.
    pdfmetrics._fonts[role] = font  # ReportLab's registry of fonts by name; no public way to replace one
