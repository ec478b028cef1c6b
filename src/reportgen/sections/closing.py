"""The `closing` block: a closing section in, the closing text out (the fields and layout of `text`)."""

from __future__ import annotations

from typing import Literal

from reportgen.sections import text
from reportgen.sections.block import Block


class Closing(text.TextSection):
    type: Literal["closing"]  # type: ignore[assignment]


NOTES = {
    "Closing.type": ("`closing`: the closing text; the same fields as `text`.", "closing"),
}

BLOCK = Block("closing", Closing, text.layout, order=60, notes=NOTES, flows=True, check=text.check,
              sample={"type": "closing", "title": "Sample Closing", "body": "Sample closing text."})
