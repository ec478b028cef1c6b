"""Walks a validated report: `Report` in, every piece of text (or every image, or every file) with its spec path out."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from reportgen.diagnostics import SpecPath
from reportgen.model.base import Model
from reportgen.model.data import CsvData
from reportgen.model.report import ImageRef
from reportgen.model.richtext import RichText

def walk(node: object, path: SpecPath = ()) -> Iterator[tuple[SpecPath, object]]:
    """Every value of the report (models, lists and leaves) with its spec path, in spec order."""
    yield (path, node)
    if isinstance(node, Model):
        for name in type(node).fields:
            yield from walk(getattr(node, name), path + (name,))
    elif isinstance(node, tuple):
        for index, item in enumerate(node):
            yield from walk(item, path + (index,))


def iter_text(node: object, path: SpecPath = ()) -> Iterator[tuple[SpecPath, str]]:
    """Yield (path, text) for every non-empty text field (rich text as written, markup included)."""
    for where, value in walk(node, path):
        if not isinstance(value, (str, RichText)) or not where:
            continue
        text = value.text if isinstance(value, RichText) else value
        if text:
            yield (where, text)


def iter_images(node: object, path: SpecPath = ()) -> Iterator[tuple[SpecPath, ImageRef]]:
    """Yield (path, image) for every image reference, wherever it sits."""
    for where, value in walk(node, path):
        if isinstance(value, ImageRef):
            yield (where, value)


def iter_languages(report: object) -> Iterator[tuple[SpecPath, str, Model]]:
    """Yield (path, tag, the model it belongs to) for every language the report names: meta.language, then
    each `language:` (a section's, a card's, a stat's, an image's) in spec order."""
    for where, value in walk(report):
        if isinstance(value, Model) and isinstance(language := getattr(value, "language", None), str):
            yield (where + ("language",), language, value)


def iter_files(node: object, path: SpecPath = ()) -> Iterator[tuple[SpecPath, Path]]:
    """Yield (path, file) for every file the report names: images, fonts, colour profiles, data (CSV)."""
    for where, value in walk(node, path):
        if isinstance(value, Path):
            yield (where, value)
        elif isinstance(value, CsvData):
            yield (where, value.path)
