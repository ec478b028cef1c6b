"""Pieces several section blocks share: the section base (`id`, `bookmark`), stat figures and image references.

Each block's own models live in its module under `reportgen.sections`; the pieces here are the ones
more than one block uses, kept in the model stage so a block can import them without a cycle.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from reportgen.model.base import Before, JsonSchema, Kind, Model, Parse, SpecError
from reportgen.model.types import (_PRINTABLE, MAX_TEXT_CHARACTERS, AltText, ImagePath, LanguageTag, Text, Words,
                                   _text)

MAX_STATS = 100  # stat blocks in one section or subsection: past that a grid is a table, and a mistake

# a change's sign: up, down, or level (a plus-minus, or a change of zero whatever its sign)
SIGNS = {"+": "up", "-": "down", "\u2212": "down", "\u00b1": "level"}
_SIGNED = re.compile(r"^([+\-\u2212\u00b1])\s*([0-9][0-9.,]*)")
_ZERO = re.compile(r"^0+([.,]0+)?(?![0-9.,])")
CHANGE_HINT = 'write it with its sign before the number: "+12%", "-3 pts", "\u22123 pts", "\u00b10" or "0%"'
Direction = Literal["up", "down", "level"]


def _change(value: object) -> str:
    """A year-over-year change as written ("+12%", "\u22123 pts", "0%"): its sign must be readable."""
    text = _text(value).strip()
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0:  # YAML reads +12 as 12
        raise SpecError(f"the change {text} was read as a number, which drops a plus sign",
                        f'quote it: "+{text}" (or "-{text}" for a fall)')
    if _SIGNED.match(text) or _ZERO.match(text):
        return text
    if text[:1] in SIGNS:
        raise SpecError(f"the change {text!r} has no number after its sign", CHANGE_HINT)
    if text[:1] in "\u2013\u2014":  # an en or em dash typed for a minus
        raise SpecError(f"the change {text!r} starts with a dash, not a minus sign", "write - or \u2212 for a fall: "
                        + CHANGE_HINT.split(": ", 1)[1])
    if text[:1].isdigit():
        raise SpecError(f"the change {text!r} has no sign, so whether it is a rise or a fall is unknown", CHANGE_HINT)
    raise SpecError(f"the change {text!r} does not start with a signed number", CHANGE_HINT)


_CHANGE_PATTERN = "^\\s*([+\\-\u2212\u00b1]\\s*[0-9]|0+([.,]0+)?([^0-9.,]|$))"
Change = Annotated[str, Parse(_change), Kind("signed change"), JsonSchema({"anyOf": [
    {"type": "string", "allOf": [{"pattern": _PRINTABLE}, {"pattern": _CHANGE_PATTERN}],
     "maxLength": MAX_TEXT_CHARACTERS},
    {"type": "number", "maximum": 0}]})]  # YAML reads -3 as a number, and +12 as 12: its sign lost


def change_direction(change: str) -> Direction:
    """Which way a (valid) change goes: its sign's way, level for a plus-minus or a change of zero."""
    signed = _SIGNED.match(change)
    if signed is None or float(re.sub(r"[^0-9]", "", signed.group(2)) or 0) == 0:
        return "level"
    return SIGNS[signed.group(1)]  # type: ignore[return-value]


def change_magnitude(change: str) -> str:
    """The change without its sign ("+12%" -> "12%"), as it is read after "up" or "down"."""
    signed = _SIGNED.match(change)
    return change[signed.start(2):] if signed is not None else change


class Stat(Model):
    value: Text
    label: Text = ""
    heading: Words | None = None
    change: Change | None = None
    since: Text | None = None
    better: Literal["up", "down"] | None = None
    language: LanguageTag | None = None


class ImageRef(Model):
    file: ImagePath
    caption: Text | None = None
    alt: AltText | None = None
    language: LanguageTag | None = None


def _image_shorthand(value: object) -> object:
    """`image: assets/x.jpg` is short for `image: {file: assets/x.jpg}`."""
    return {"file": value} if isinstance(value, str) else value


ImageField = Annotated[ImageRef, Before(_image_shorthand, accepts={"type": "string", "description": "the image file alone"})]


Break = Literal["page", "column", "none"]  # where a section starts: see `section_break`


class SectionBase(Model):
    id: Text | None = None
    bookmark: Words | None = None
    language: LanguageTag | None = None
    # `break:` is a Python keyword, so the field is declared by name; read it with `section_break(section)`
    __annotations__["break"] = "Break | None"
    vars()["break"] = None


def section_break(section: SectionBase) -> Break | None:
    """The section's `break:` as the spec gives it (None: the stylesheet's default for its type)."""
    return getattr(section, "break")
