"""Pieces several section blocks share: the section base (`id`, `bookmark`), stat figures and image references.

Each block's own models live in its module under `reportgen.sections`; the pieces here are the ones
more than one block uses, kept in the model stage so a block can import them without a cycle.
"""

from __future__ import annotations

from typing import Annotated

from reportgen.model.base import Before, Model, field
from reportgen.model.types import ImagePath, Text

MAX_STATS = 100  # stat blocks in one section or subsection: past that a grid is a table, and a mistake


class Stat(Model):
    value: Text = field(description="The big figure, e.g. '6,000' or '$2.5 Million'.")
    label: Text = ""
    heading: Text | None = field(None, description="A small line above the figure.")


class ImageRef(Model):
    file: ImagePath
    caption: Text | None = None
    alt: Text | None = field(None, description="Alternative text; empty string marks the image decorative.")


def _image_shorthand(value: object) -> object:
    """`image: assets/x.jpg` is short for `image: {file: assets/x.jpg}`."""
    return {"file": value} if isinstance(value, str) else value


ImageField = Annotated[ImageRef, Before(_image_shorthand, accepts={"type": "string", "description": "the image file alone"})]


class SectionBase(Model):
    id: Text | None = field(None, description="Anchor name for links; derived from the title when absent.")
    bookmark: Text | None = field(None, description="Outline and contents title; the section title when absent.")
