"""Anchors: section keys in, named destinations, outline entries and forward page references out.

A contents entry draws a form XObject named after its target; the form is defined when the
document ends, once the target's page is known. So the contents page needs no second pass.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from reportlab.pdfgen.canvas import Canvas

from reportgen.reportlab_adapter.shaping import draw_string


@dataclass(frozen=True)
class NumberStyle:
    font: str
    size: float
    color: object
    shaped_as: Any = field(default=None, compare=False)  # the ParagraphStyle whose shaping it takes


@dataclass
class AnchorRegistry:
    """Where each section landed, and which page-number forms were asked for."""

    pages: dict[str, int] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)
    references: dict[str, tuple[str, NumberStyle]] = field(default_factory=dict)

    def record(self, key: str, page: int, title: str) -> None:
        self.pages.setdefault(key, page)
        self.titles.setdefault(key, title)

    def page_number_form(self, key: str, style: NumberStyle) -> str:
        """The name of a form that draws `key`'s page number, right-aligned at x = 0."""
        name = f"pageof-{key}"
        self.references[name] = (key, style)
        return name

    def define_forms(self, canvas: Canvas) -> list[str]:
        """Define every referenced form; returns the keys that never appeared."""
        missing = []
        for name, (key, style) in sorted(self.references.items()):
            page = self.pages.get(key)
            if page is None:
                missing.append(key)
            canvas.beginForm(name, lowerx=-200, lowery=-style.size, upperx=2, uppery=style.size * 2)
            canvas.setFillColor(style.color)
            draw_string(canvas, 0, 0, str(page) if page is not None else "?", style.shaped_as, font=style.font,
                        size=style.size, align="right")
            canvas.endForm()
        return missing
