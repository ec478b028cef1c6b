"""Walks a validated report: `Report` in, every piece of text (or every image) with its spec path out."""

from __future__ import annotations

from typing import Iterator

from pydantic import BaseModel

from reportgen.diagnostics import SpecPath
from reportgen.model.report import ImageRef
from reportgen.model.richtext import RichText

DISPLAY_FIELDS = {"title", "subtitle", "value", "heading", "author", "total", "goal", "lead", "name", "year"}


def iter_text(node: object, path: SpecPath = ()) -> Iterator[tuple[SpecPath, str, str]]:
    """Yield (path, role, text) for every text field; role is 'display' or 'body'."""
    if isinstance(node, BaseModel):
        for name in type(node).model_fields:
            yield from iter_text(getattr(node, name), path + (name,))
    elif isinstance(node, tuple):
        for index, item in enumerate(node):
            yield from iter_text(item, path + (index,))
    elif isinstance(node, (str, RichText)):
        text = node.text if isinstance(node, RichText) else node
        field = next((part for part in reversed(path) if isinstance(part, str)), "")
        if path and path[0] in ("meta", "footer"):
            role = "body"
        elif node and path[-1] == "text" and len(path) >= 3:
            role = "display"
        else:
            role = "display" if field in DISPLAY_FIELDS else "body"
        if text:
            yield (path, role, text)


def iter_images(node: object, path: SpecPath = ()) -> Iterator[tuple[SpecPath, ImageRef]]:
    """Yield (path, image) for every image reference, wherever it sits."""
    if isinstance(node, ImageRef):
        yield (path, node)
    elif isinstance(node, BaseModel):
        for name in type(node).model_fields:
            yield from iter_images(getattr(node, name), path + (name,))
    elif isinstance(node, tuple):
        for index, item in enumerate(node):
            yield from iter_images(item, path + (index,))
