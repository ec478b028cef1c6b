"""Glyph coverage: the characters each font was asked to draw but has no glyph for, in, located diagnostics out.

The fonts report what they really draw (theme.fonts.SubsetTaggedFont.splitString), so no guess is made
about which font sets which field: a title on the cover is checked against the cover's display font, the
same title in a footer against the footer's body font, and text that is never drawn (keywords, alt text,
ids) is never checked. While drawing, the log knows the spec item being placed (set by the document
template and the footer painter); afterwards each character is traced to the field that holds the words
it was drawn in.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from reportgen.diagnostics import Diagnostic, SpecPath
from reportgen.model.report import Report
from reportgen.model.walk import iter_text
from reportgen.theme.fonts import FontSet

WORDS_KEPT = 4  # words remembered per missing character and spec item, to find the field it came from
NEVER_DRAWN = {"keywords", "language", "author", "subject", "url", "alt", "id"}  # metadata, not page text


@dataclass
class GlyphLog:
    """(spec item, font, character) -> the drawn words holding the character, for every character drawn
    with a font that lacks it. `path` is the spec item being drawn now."""

    path: SpecPath = ()
    found: dict[tuple[SpecPath, str, str], set[str]] = field(default_factory=dict)

    def missing(self, font: str, characters: set[str], text: str) -> None:
        for character in characters:
            words = self.found.setdefault((self.path, font, character), set())
            if len(words) < WORDS_KEPT:
                words.update(word.strip("-\u00ad") for word in re.split(r"\s+", text) if character in word)
                line = " ".join(text.split()).strip("-\u00ad")
                if " " in line:  # the drawn line tells the title "Straße ẞ" from a body holding "ẞ" too
                    words.add(line)

    @contextmanager
    def at(self, path: SpecPath) -> Iterator[None]:
        previous, self.path = self.path, path
        try:
            yield
        finally:
            self.path = previous


@contextmanager
def drawing(canvas: object, path: SpecPath) -> Iterator[None]:
    """Draw on `canvas` on behalf of spec item `path` (a canvas without a glyph log draws as it is)."""
    log = getattr(canvas, "glyphs", None)
    if log is None:
        yield
        return
    with log.at(path):
        yield


def coverage_problems(log: GlyphLog, report: Report, fonts: FontSet) -> list[Diagnostic]:
    """One error per field and font, listing the characters that font could not draw there."""
    texts = [(path, text) for path, text in iter_text(report)
             if not any(part in NEVER_DRAWN for part in path if isinstance(part, str))]
    grouped: dict[tuple[SpecPath, str], list[str]] = {}
    for (item, font, character), words in log.found.items():
        characters = grouped.setdefault((source_field(texts, item, character, words), font), [])
        if character not in characters:
            characters.append(character)
    problems = []
    for (path, font), characters in grouped.items():
        described, field_path = fonts.describe(font)
        shown = ", ".join(_show(ch) for ch in sorted(characters))
        verb = "is" if len(characters) == 1 else "are"
        problems.append(Diagnostic(
            f"{shown} {verb} not in {described}, which draws this text; it would print as a blank or a box",
            path, f"choose a font that has {'it' if len(characters) == 1 else 'them'} with "
                  f"{'.'.join(field_path)}, or replace {'it' if len(characters) == 1 else 'them'} in the text"))
    order = {path: index for index, (path, _) in enumerate(texts)}  # spec order, whatever the drawing order
    return sorted(problems, key=lambda problem: order.get(problem.path, len(order)))


def source_field(texts: list[tuple[SpecPath, str]], item: SpecPath, character: str, words: set[str]) -> SpecPath:
    """The field a character was drawn from: inside the spec item being drawn first (a cover may show
    meta.title, a contents entry another section's title, a footer meta fields), the field holding the
    drawn words before one merely holding the character; the item itself when no field has it (text
    reportgen adds, such as the quote's dash). `character` "": any drawn text, traced by its words alone."""
    inside = [(path, " ".join(text.split())) for path, text in texts if item and path[:len(item)] == item]
    everywhere = [(path, " ".join(text.split())) for path, text in texts]
    lines = [word for word in words if " " in word]
    for candidates in (inside, everywhere):
        for holds in (lambda text: text in lines, lambda text: any(line in text for line in lines),
                      lambda text: any(word and word in text for word in words), lambda text: bool(character) and character in text):
            for path, text in candidates:
                if holds(text):
                    return path
    return item


def _show(character: str) -> str:
    name = unicodedata.name(character, "") or {"Co": "private use", "Cn": "unassigned"}.get(
        unicodedata.category(character), "")
    return f"{character!r} (U+{ord(character):04X}{' ' + name if name else ''})"
