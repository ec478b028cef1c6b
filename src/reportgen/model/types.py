"""Field types of the spec model: raw YAML values in, points, colours, rich text and checked paths out."""

from __future__ import annotations

import errno
import os
import re
import stat
import unicodedata
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any, Mapping

from reportgen.model.base import After, JsonSchema, Kind, Parse, SpecError
from reportgen.model.colors import Color, parse_color
from reportgen.model.languages import SCHEMA_PATTERN
from reportgen.model.richtext import RichText, RichTextParser, parse_rich_text
from reportgen.model.units import PAGE_SIZES, POINTS_PER_UNIT, parse_length, parse_page_size


# Bounds on what one field may ask of the layout, far above any real report (a cover title fits about 90
# characters, an annual report's paragraph a few hundred words): past them a spec is a mistake or an attack,
# and a located error beats minutes of line breaking (ReportLab breaks one paragraph in quadratic time).
MAX_TEXT_CHARACTERS = 10_000  # one plain-text field: a title, a label, a caption, a quote
MAX_PARAGRAPH_WORDS = 20_000  # one paragraph or bullet of rich text; split longer text at blank lines


def _bounded(text: str) -> str:
    if len(text) > MAX_TEXT_CHARACTERS:
        raise SpecError(f"the text is {len(text):,} characters long, more than the {MAX_TEXT_CHARACTERS:,} a field may hold",
                        "shorten it; long text belongs in a `body`, in paragraphs separated by blank lines")
    return text


def _text(value: object) -> str:
    if isinstance(value, bool) or value is None or isinstance(value, (list, dict)):
        raise SpecError(f"expected text, got {_describe(value)}", "write the text, quoted if it has special characters")
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, (date, datetime)):
        raise SpecError(f"expected text, got the date {value.isoformat()}", f'quote it: "{value.isoformat()}"')
    if not isinstance(value, str):
        raise SpecError(f"expected text, got {_describe(value)}")
    return _bounded(_printable(value))


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # Unicode category Cc but tab and newlines


def _printable(text: str) -> str:
    """Refuse control characters: they print as nothing (or as boxes) and are never meant."""
    if not _CONTROL.search(text):
        return text
    bad = sorted({ch for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r"})
    if bad:
        shown = ", ".join(f"U+{ord(ch):04X}" for ch in bad)
        raise SpecError(f"the text contains the control character{'s' if len(bad) > 1 else ''} {shown}",
                         "remove it; it is invisible in print")
    return text


def _rich(value: object, context: Mapping[str, Any] | None = None) -> RichText:
    """Rich text, parsed by the validation's parser (context["rich_text"], which keeps parses in the build
    cache) or by one of its own."""
    if isinstance(value, str):
        _printable(value)
    parser = (context or {}).get("rich_text")
    rich = parser.parse(value) if isinstance(parser, RichTextParser) else parse_rich_text(value)
    for number, block in enumerate(rich.blocks, 1):
        words = len(block.text.split())
        if words > MAX_PARAGRAPH_WORDS:
            raise SpecError(f"paragraph {number} has {words:,} words, more than the {MAX_PARAGRAPH_WORDS:,} one "
                            "paragraph may hold", "split it into paragraphs with blank lines between them")
    return rich


def _describe(value: object) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a yes/no value)"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"{value!r}"


def _length(value: object) -> float:
    """A length in points; no length of the spec (margins, bleed, text size ...) may be negative."""
    points = parse_length(value)
    if points < 0:
        raise SpecError(f"must not be negative, got {points:g} pt")
    return points


def _case_free(word: str, between: str = "") -> str:
    """A regular expression for `word` in any case, with `between` allowed between its letters."""
    return between.join(f"[{ch.lower()}{ch.upper()}]" if ch.isalpha() else re.escape(ch) for ch in word)


# The JSON Schemas below accept what the Parse functions accept (tests/model/test_type_description.py).
_PRINTABLE = "^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]*$"  # what _printable lets through
Text = Annotated[str, Parse(_text), Kind("text"),
                 JsonSchema({"type": ["string", "number"], "pattern": _PRINTABLE, "maxLength": MAX_TEXT_CHARACTERS})]


def _language_tag(value: object) -> str:
    from reportgen.model.languages import check_language_tag  # its tables load only when a tag is given

    if not isinstance(value, str):
        raise SpecError(f"{_describe(value)} is not a language tag", "give a BCP 47 tag such as en-US, es, fr-CA or zh-Hant")
    return check_language_tag(value)


# a well-formed BCP 47 tag (RFC 5646's syntax: language, script, region, variants, extensions, private use);
# the schema cannot tell a known language from an unknown one (CLDR's list, in languages.py)
LanguageTag = Annotated[str, Parse(_language_tag), Kind("language tag"),
                        JsonSchema({"type": "string", "pattern": SCHEMA_PATTERN})]


def _date(value: object) -> date:
    """A calendar date: YAML's own date (2024-10-01, unquoted) or the same as text."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise SpecError(f"{value!r} is not a date of the calendar", "write it as YYYY-MM-DD, e.g. 2024-10-01") from None
    raise SpecError(f"{_describe(value)} is not a date", "write it as YYYY-MM-DD, e.g. 2024-10-01")


# the publication date: the PDF's creation and modification dates (see render/identity.py)
PublicationDate = Annotated[date, Parse(_date), Kind("date"),
                            JsonSchema({"type": "string", "format": "date", "pattern": "^\\d{4}-\\d{2}-\\d{2}$"})]


def _words(value: object) -> str:
    text = _text(value)
    if not text.strip():
        raise SpecError(f"is {'blank' if text else 'empty'}: it would be an empty title or heading, which a screen "
                        "reader announces as nothing (and PDF/UA forbids)", "write the words it stands for")
    return text


def _alt_text(value: object) -> str:
    text = _text(value)
    if text and not text.strip():
        raise SpecError("is only spaces: a screen reader would read the image as nothing, yet not skip it",
                        'describe the image, or write `alt: ""` if it is only decoration')
    return text


_WORDS = "[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]"  # a character _printable lets through
# text with at least one character that is not white space: headings, titles, bookmarks, quotations
Words = Annotated[str, Parse(_words), Kind("text, not blank"),
                  JsonSchema({"type": ["string", "number"], "maxLength": MAX_TEXT_CHARACTERS,
                              "pattern": f"^{_WORDS}*[^\\s\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]{_WORDS}*$"})]
# alternative text: words, or "" for decoration; never only spaces
AltText = Annotated[str, Parse(_alt_text), Kind("alt text"),
                    JsonSchema({"type": ["string", "number"], "maxLength": MAX_TEXT_CHARACTERS,
                                "pattern": f"^$|^{_WORDS}*[^\\s\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]{_WORDS}*$"})]
_UNITS = "|".join(_case_free(unit) for unit in POINTS_PER_UNIT)
_LENGTH_TEXT = rf"^\s*([0-9]+(\.[0-9]+)?|\.[0-9]+)\s*({_UNITS})?\s*$"
Length = Annotated[float, Parse(_length), Kind("length", unit="pt"),
                   JsonSchema({"anyOf": [{"type": "number", "minimum": 0, "maximum": 1e6},
                                         {"type": "string", "pattern": _LENGTH_TEXT}],
                               "description": "a length: a number of points or a string such as 0.75in, 19mm, 2cm"})]
# parse_page_size: a name in any case, spaces and hyphens ignored; or [width, height], each 1in to 200in
_PAGE_NAMES = "|".join(_case_free(name, "[- ]*") for name in PAGE_SIZES)
PageSize = Annotated[tuple[float, float], Parse(parse_page_size), Kind("page size"),
                     JsonSchema({"anyOf": [{"type": "string", "pattern": rf"^\s*[- ]*({_PAGE_NAMES})[- ]*\s*$"},
                                           {"type": "array", "items": {"anyOf": [
                                               {"type": "number", "minimum": 72, "maximum": 14400},
                                               {"type": "string", "pattern": _LENGTH_TEXT}]},
                                            "minItems": 2, "maxItems": 2}]})]
ColorValue = Annotated[Color, Parse(parse_color), Kind("colour"),
                       JsonSchema({"type": "string", "pattern": r"^\s*(#[0-9a-fA-F]{6}|#[0-9a-fA-F]{3}|[cC][mM][yY][kK]\((\s*"
                                   r"0*(100(\.0+)?|[0-9]{1,2}(\.[0-9]+)?)\s*%?\s*,){3}\s*0*(100(\.0+)?|[0-9]{1,2}(\.[0-9]+)?)\s*%?\s*\))\s*$",
                                   "description": '"#RRGGBB" or "cmyk(C, M, Y, K)" in percent'})]
Rich = Annotated[RichText, Parse(_rich, uses_context=True), Kind("rich text"),
                 JsonSchema({"type": ["string", "number"], "pattern": _PRINTABLE,
                             "description": "CommonMark: paragraphs separated by blank lines; **bold**, *italic*, "
                                            "[text](url), '- ' and '1.' lists, '### ' sub-headings, '> ' quotes"})]


def _inside_spec_folder(value: object, context: Mapping[str, Any] | None) -> Path:
    """Resolve a path relative to the spec's folder (context["base_dir"]); refuse ones that leave it
    unless context["allow_outside"]."""
    if not isinstance(value, str) or not value.strip():
        raise SpecError(f"expected a file path, got {_describe(value)}", "a path relative to the spec's folder, e.g. assets/photos/cover.jpg")
    context = context or {}
    base = Path(context.get("base_dir", ".")).resolve()
    allow_outside = bool(context.get("allow_outside", False))
    raw = Path(value)
    try:
        resolved = (base / raw).resolve() if not raw.is_absolute() else raw.resolve()
    except RuntimeError:  # pathlib's word for a symbolic link loop
        raise _unusable_path(value, OSError(errno.ELOOP, os.strerror(errno.ELOOP))) from None
    except OSError as error:
        raise _unusable_path(value, error) from None
    if not allow_outside:
        if raw.is_absolute():
            raise SpecError(f"absolute path {value!r} is not allowed",
                             "give a path relative to the spec's folder, or build with --allow-outside")
        if not resolved.is_relative_to(base):
            raise SpecError(f"path {value!r} leads outside the spec's folder",
                             "keep assets beside the spec, or build with --allow-outside")
    try:
        status = resolved.stat()
    except (FileNotFoundError, NotADirectoryError):
        other_case = _differing_in_case(base, raw) if not raw.is_absolute() else None
        if other_case is not None:
            raise SpecError(f"file not found: {value}", f"did you mean `{other_case}`? file names are case-sensitive") from None
        raise SpecError(f"file not found: {value}", f"looked in {resolved.parent}") from None
    except OSError as error:
        raise _unusable_path(value, error) from None
    if not stat.S_ISREG(status.st_mode):
        raise SpecError(f"{value!r} is not a file")
    return resolved


def _unusable_path(value: str, error: OSError) -> SpecError:
    """A path the system cannot follow: too long a name, a link loop, no permission ..."""
    if error.errno == errno.ENAMETOOLONG:
        longest = max(Path(value).parts, key=len)
        shown = longest if len(longest) <= 60 else f"{longest[:40]}…{longest[-16:]}"
        return SpecError(f"the name {shown!r} in this path is {len(longest)} characters long; file and folder "
                         "names may have at most 255", "rename the file or folder with a shorter name")
    if error.errno == errno.ELOOP:
        return SpecError(f"the path {value!r} is a loop of symbolic links that never reaches a file",
                         "point the link at the real file, or give the file's own path")
    return SpecError(f"cannot open {value!r}: {error.strerror or error}")


def _differing_in_case(base: Path, raw: Path) -> str | None:
    """The existing path that `raw` names but for upper and lower case (`Photo.JPG` for photo.jpg), or None."""
    found = base
    parts: list[str] = []
    for part in raw.parts:
        if part in (".", ".."):
            found, parts = found / part, parts + [part]
            continue
        try:
            names = [entry.name for entry in found.iterdir()] if found.is_dir() else []
        except OSError:
            return None
        if part in names:
            match = part
        else:
            matches = [name for name in names if name.casefold() == part.casefold()]
            if len(matches) != 1:
                return None
            match = matches[0]
        found, parts = found / match, parts + [match]
    return "/".join(parts) if found.is_file() else None


AssetPath = Annotated[Path, Parse(_inside_spec_folder, uses_context=True), Kind("file"),
                     JsonSchema({"type": "string", "description": "a file path relative to the spec's folder"})]


TRUETYPE = (b"\x00\x01\x00\x00", b"true")
MAX_FONT_TABLES = 100       # real fonts have 10-40 tables; more means the directory is garbage, not cut
MAX_FONT_BYTES = 1 << 28    # ... and none is 256 MB


def _font_file(path: Path) -> Path:
    try:
        with path.open("rb") as stream:
            head = stream.read(12)
            size = os.fstat(stream.fileno()).st_size
            directory = stream.read(16 * int.from_bytes(head[4:6], "big")) if len(head) == 12 else b""
    except OSError as error:
        raise SpecError(f"{path.name} could not be read: {error.strerror}") from None
    needed = _bytes_needed(head, directory)
    if head[:4] in TRUETYPE and needed is not None and (int.from_bytes(head[4:6], "big") > MAX_FONT_TABLES
                                                        or needed > MAX_FONT_BYTES):
        raise SpecError(f"{path.name} is not a usable TrueType font: its table directory is damaged "
                         f"(it lists tables up to byte {needed:,} of a {size:,}-byte file)",
                         "copy or download the font again, or give a valid TrueType (.ttf) file")
    if any(magic.startswith(head[:4]) for magic in TRUETYPE) and (needed is None or needed > size):
        raise SpecError(f"{path.name} is not a usable TrueType font: the file is cut short "
                         f"({size:,} bytes{'' if needed is None else f' of the {needed:,} its tables need'})",
                         "the copy was not completed: copy or download the font again, or give a valid TrueType (.ttf) file")
    head = head[:4]
    if head == b"OTTO":
        raise SpecError(f"{path.name} is an OpenType font with CFF (PostScript) outlines",
                         "reportgen embeds TrueType outlines: use the .ttf version of this font")
    if head == b"ttcf":
        raise SpecError(f"{path.name} is a font collection", "extract one font as a .ttf file")
    if head not in TRUETYPE:
        raise SpecError(f"{path.name} is not a TrueType font file", "give a .ttf file")
    return path


def _bytes_needed(head: bytes, directory: bytes) -> int | None:
    """How long a TrueType file must be to hold its header, its table directory and every table the
    directory lists (None when even the header is incomplete)."""
    if len(head) < 12:
        return None
    count = int.from_bytes(head[4:6], "big")
    needed = 12 + 16 * count
    if len(directory) < 16 * count:
        return needed
    return max([needed, *(int.from_bytes(directory[i + 8:i + 12], "big") + int.from_bytes(directory[i + 12:i + 16], "big")
                          for i in range(0, 16 * count, 16))])


FontPath = Annotated[AssetPath, After(_font_file), Kind("font file (.ttf)")]


IMAGE_FORMATS = {"JPEG", "PNG", "TIFF", "WEBP", "GIF"}
MAX_IMAGE_PIXELS = 450_000_000  # a 20000 x 20000 photo is allowed (it is downsampled); more is refused
# JPEGs decode at a reduced scale (draft mode), so memory stays bounded at any size; other formats
# decode in full first, a few bytes per pixel, so they get a smaller budget (about 0.5 GB at most).
MAX_FULL_DECODE_PIXELS = 50_000_000


def _image_file(path: Path) -> Path:
    """Check the file is an image Pillow can read (header only; decoding happens in layout)."""
    from PIL import Image, UnidentifiedImageError

    from reportgen.imaging import open_image

    try:
        with open(path, "rb") as stream, open_image(stream, MAX_IMAGE_PIXELS) as image:
            kind, (width, height) = image.format, image.size
    except Image.DecompressionBombError:
        raise SpecError(f"{path.name} has too many pixels to open safely (a decompression bomb?)",
                         f"images may have at most {MAX_IMAGE_PIXELS:,} pixels") from None
    except UnidentifiedImageError:
        raise SpecError(f"{path.name} is not an image reportgen can read", "use JPEG or PNG") from None
    except (OSError, SyntaxError, ValueError) as error:
        raise SpecError(f"{path.name} could not be read as an image: {error}", "re-export it as JPEG or PNG") from None
    if kind not in IMAGE_FORMATS:
        raise SpecError(f"{path.name} is a {kind} image", "use JPEG or PNG")
    if width < 1 or height < 1:
        raise SpecError(f"{path.name} has no pixels")
    if kind != "JPEG" and width * height > MAX_FULL_DECODE_PIXELS:
        raise SpecError(f"{path.name} is a {width:,} x {height:,} pixel {kind} image, too large to decode "
                         f"in bounded memory (at most {MAX_FULL_DECODE_PIXELS:,} pixels for {kind})",
                         "save it as JPEG, which is decoded at reduced scale, or scale it down to about 4000 pixels across")
    return path


ImagePath = Annotated[AssetPath, After(_image_file), Kind("image file")]
