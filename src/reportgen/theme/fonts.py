"""Fonts: the theme's TrueType files (or the shipped defaults) in, ReportLab font names unique to their contents out.

Every font is registered under a name made from its role and a hash of its family's files
("Body-Bold-3f9c..."), so a name always means the same bytes: two builds in one process (watch,
preview, batch, a server, threads) never draw with each other's fonts, and a build that uses the
same files again reuses the parsed fonts. Importing this module changes nothing in ReportLab; the
process-wide settings reportgen needs are in reportgen.reportlab_setup.
"""

from __future__ import annotations

import hashlib
import io
import json
import threading
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Protocol

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError

from reportgen.cache import CacheMemory, read_cached, write_cached
from reportgen.diagnostics import Diagnostic, ReportError
from reportgen.model.report import Fonts
from reportgen.reportlab_adapter import SubsetNamingFont, glyph_map, replace_registered_font

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
_FAMILIES = {"body": ("Body", "Body-Bold", "Body-Italic", "Body-BoldItalic"),
             "display": ("Display", "Display-Bold", "Display-Black", "Display-Light")}
_registering = threading.Lock()  # one thread at a time adds to ReportLab's registries


GLYPH_LOG = "reportgen_glyph_log"  # the attribute of a PDF document that holds its GlyphWatcher


class GlyphWatcher(Protocol):
    """Told of every character drawn with a font that has no glyph for it (render.glyphs.GlyphLog)."""

    def missing(self, font: str, characters: set[str], text: str) -> None: ...


class SubsetTaggedFont(SubsetNamingFont):
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
            drawable: set[str] | None = self.__dict__.get("_drawable")  # the characters it has drawn
            if drawable is None:
                drawable = self._drawable = set()
            unseen = set(characters).difference(drawable)
            if unseen:  # characters not yet drawn in this font: which it has glyphs for
                glyphs = glyph_map(self)
                missing = {ch for ch in unseen if ord(ch) not in glyphs and ch != "\xa0"}  # ReportLab draws NBSP as a space
                drawable.update(unseen - missing)
                if missing:
                    watcher.missing(self.fontName, missing, characters)
        return super().splitString(text, doc, encoding)

    def subset_tag(self, face_name: bytes, characters: list[int]) -> bytes:
        return subset_tag(face_name, characters)


def subset_tag(font_name: bytes, characters: list[int]) -> bytes:
    """Six capital letters from a hash of the font's name and the subset's characters."""
    digest = hashlib.sha256(font_name + b":" + ",".join(map(str, characters)).encode()).digest()
    return bytes(65 + byte % 26 for byte in digest[:6])


@dataclass(frozen=True)
class FontSet:
    """Registered font names by role, with the files they came from (`files`, by role: "Body",
    "Display-Black" ...)."""

    files: dict[str, Path]
    body: str
    body_bold: str
    body_italic: str
    body_bold_italic: str
    display: str
    display_bold: str
    display_black: str
    display_light: str

    @property
    def roles(self) -> dict[str, str]:
        """Role ("Body-Bold") by registered font name."""
        return {getattr(self, _attribute(role)): role for role in _ROLE_FIELDS}

    def is_bold(self, font: str) -> bool:
        """Whether the theme sets `font` as a bold weight (bold, black): WCAG's large text starts at 14 pt for it."""
        role = self.roles.get(font)
        return role is not None and _ROLE_FIELDS[role][1] in ("bold", "bold_italic", "black")

    def describe(self, font: str) -> tuple[str, tuple[str, ...]]:
        """A registered font name as a reader knows it ('the display font Lato-Black') and the theme
        field that chooses it (theme.fonts.display.black)."""
        role = self.roles.get(font)
        if role is None:  # not one of this build's fonts (ReportLab's default for drawings)
            return f"the font {font.rsplit('-', 1)[0]}", ("theme", "fonts")
        group, weight = _ROLE_FIELDS[role]
        return f"the {group} font {self.files[role].stem}", ("theme", "fonts", group, weight)


def _attribute(role: str) -> str:
    """"Body-BoldItalic" -> "body_bold_italic"."""
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in role.replace("-", "")).lstrip("_")


def shipped_font(name: str) -> Path:
    return Path(str(resources.files("reportgen") / "fonts" / name))


def register_fonts(fonts: Fonts, cache_dir: Path | None = None, memory: CacheMemory | None = None) -> FontSet:
    """Register the body and display families under names unique to their files' contents. Unset
    roles use the shipped fonts; a display weight that is not given falls back to the nearest given
    one, never silently to Helvetica. `cache_dir` keeps each font's parsed metrics for the next build;
    `memory` (a build session's) each file's bytes as long as the file is unchanged, so a session's
    builds (watch, editions) read and hash the fonts once."""
    files: dict[str, Path] = {}
    data: dict[str, bytes] = {}
    digests: dict[str, bytes] = {}
    problems: list[Diagnostic] = []
    for role, (group, weight) in _ROLE_FIELDS.items():
        chosen = getattr(getattr(fonts, group), weight)
        if chosen is None and group == "display" and role in _FALLBACK:
            fallback_group, fallback_weight = _ROLE_FIELDS[_FALLBACK[role]]
            chosen = getattr(getattr(fonts, fallback_group), fallback_weight)
        files[role] = Path(chosen) if chosen is not None else shipped_font(_SHIPPED[role])
        try:
            data[role], digests[role] = _font_bytes(files[role], memory)
        except OSError as error:
            problems.append(Diagnostic(f"cannot use font {files[role].name}: {error.strerror or error}",
                                       ("theme", "fonts", group, weight), "give a valid TrueType (.ttf) file"))
    if problems:
        raise ReportError(problems)
    names = {role: f"{role}-{_family_digest(digests, family)}"
             for family in _FAMILIES.values() for role in family}
    with _registering:
        for role, (group, weight) in _ROLE_FIELDS.items():
            try:
                _register(names[role], files[role], data[role], cache_dir)
            except (TTFError, OSError, ValueError, KeyError, AssertionError) as error:
                problems.append(Diagnostic(f"cannot use font {files[role].name}: {error}", ("theme", "fonts", group, weight),
                                           "give a valid TrueType (.ttf) file"))
            except Exception as error:  # noqa: BLE001 (a damaged file makes ReportLab's parser fail in any way)
                problems.append(Diagnostic(f"{files[role].name} is not a usable TrueType font: its tables are damaged "
                                           f"({type(error).__name__}: {error})", ("theme", "fonts", group, weight),
                                           "copy or download the font again, or give a valid TrueType (.ttf) file"))
        if problems:
            raise ReportError(problems)
        # <b> and <i> in a paragraph find the bold and italic fonts through these families
        pdfmetrics.registerFontFamily(names["Body"], normal=names["Body"], bold=names["Body-Bold"],
                                      italic=names["Body-Italic"], boldItalic=names["Body-BoldItalic"])
        pdfmetrics.registerFontFamily(names["Display"], normal=names["Display"], bold=names["Display-Bold"],
                                      italic=names["Display"], boldItalic=names["Display-Bold"])
    return FontSet(files=files, **{_attribute(role): name for role, name in names.items()})


def default_graphics_font(cache_dir: Path | None = None) -> str:
    """The shipped body font, registered under its content name (reportgen.reportlab_setup makes
    it ReportLab's default font for drawings); its parsed metrics are read from `cache_dir` if kept there."""
    family = _FAMILIES["body"]
    data = {role: shipped_font(_SHIPPED[role]).read_bytes() for role in family}
    name = f"Body-{_family_digest({role: hashlib.sha256(data[role]).digest() for role in family}, family)}"  # the name a build with the shipped body fonts uses
    with _registering:
        _register(name, shipped_font(_SHIPPED["Body"]), data["Body"], cache_dir)
    return name


def _font_bytes(path: Path, memory: CacheMemory | None) -> tuple[bytes, bytes]:
    """The font file's bytes and their SHA-256; through `memory`, read and hashed once while the file
    stays the same (inode, size, time)."""
    if memory is None:
        data = path.read_bytes()
        return data, hashlib.sha256(data).digest()
    kept = memory.get(path, "font-bytes")
    if isinstance(kept, _FontBytes):
        return kept.data, kept.digest
    signature = memory.signature(path)
    font = _FontBytes(path.read_bytes())
    memory.put(path, "font-bytes", font, signature)
    return font.data, font.digest


class _FontBytes:
    """A font file's bytes as a session keeps them, with their hash worked out once."""

    __slots__ = ("data", "digest")

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.digest = hashlib.sha256(data).digest()


def _family_digest(digests: dict[str, bytes], family: tuple[str, ...]) -> str:
    """A hash of every file of a family (from each file's SHA-256): a font's name also fixes the family
    its <b> and <i> find."""
    digest = hashlib.sha256()
    for role in family:
        digest.update(digests[role])
    return digest.hexdigest()[:16]


FACE_CACHE_VERSION = 2  # of the parsed font metrics kept in the build cache (2: numbers in columns)


def _register(name: str, path: Path, data: bytes, cache_dir: Path | None = None) -> None:
    """Register `data` (read from `path`) as `name`, unless a font of that name (so those bytes) is
    registered already. The caller holds `_registering`. The font's metrics and character map are
    parsed once and kept in `cache_dir`, by a hash of the bytes (sealed data, read back as data)."""
    if name in pdfmetrics.getRegisteredFontNames():
        return
    record = cache_dir / f"font-{hashlib.sha256(data).hexdigest()[:24]}-v{FACE_CACHE_VERSION}.json" \
        if cache_dir is not None else None
    known = None
    if record is not None:
        try:
            known = json.loads(read_cached(record) or b"null")
        except ValueError:
            known = None
    source = io.BytesIO(data)
    source.name = str(path)  # the font's file name in ReportLab's messages
    font = None
    if isinstance(known, dict):
        try:
            font = SubsetTaggedFont(name, source, known)
        except (TypeError, ValueError, KeyError, AttributeError):
            source.seek(0)  # a record of another form: parsed again below, and written anew
    if font is None:
        font = SubsetTaggedFont(name, source)
        info = font.face_info() if record is not None else None
        if info is not None:
            write_cached(record, json.dumps(info, separators=(",", ":")).encode())
    pdfmetrics.registerFont(font)
    if pdfmetrics.getFont(name) is not font:
        # registerFont gives a new name the font registered first with the same face name (the same
        # family name inside the file), whatever its bytes; a name here must mean these bytes
        replace_registered_font(name, font)
