"""Pieces several section blocks share: the section base (`id`, `bookmark`), stat figures and image references.

Each block's own models live in its module under `reportgen.sections`; the pieces here are the ones
more than one block uses, kept in the model stage so a block can import them without a cycle.
"""

from __future__ import annotations

from typing import Annotated, Literal

from reportgen.model.base import Before, Model
from reportgen.model.types import AltText, ImagePath, LanguageTag, Text, Words

MAX_STATS = 100  # stat blocks in one section or subsection: past that a grid is a table, and a mistake


class Stat(Model):
    value: Text
    label: Text = ""
    heading: Words | None = None
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
