"""Section anchors: a report's sections in, their titles and unique anchor names (the `#id` links may name) out.

One definition shared by the layout (named destinations, contents, pillar tiles) and validation
(internal links must name one of these).
"""

from __future__ import annotations

import re

from reportgen.model.parts import SectionBase
from reportgen.model.strings import ENGLISH, Words
from reportgen.sections.registry import block_of


def section_title(section: SectionBase, words: Words = ENGLISH) -> str:
    """The title the outline and the contents page show for a section: its bookmark, else its block's title
    for it (a quote's words, the word for "Cover" in `words`), else its own title, else its type's name."""
    if section.bookmark:
        return section.bookmark
    block = block_of(section)
    if block.title is not None:
        return block.title(section, words)
    return getattr(section, "title", None) or block.name.replace("_", " ").title()


def section_keys(sections: tuple[SectionBase, ...]) -> list[str]:
    """A unique anchor name for each section: its id, else a slug of its title (generated titles in English,
    so that `#cover` and `#contents` name the same sections in every language)."""
    keys: list[str] = []
    for index, section in enumerate(sections):
        block = block_of(section)
        base = section.id or _slug(section_title(section)) or f"{block.name}-{index + 1}"
        if block.positional_key and not section.id:
            base = f"{block.name}-{index + 1}"
        key, counter = base, 2
        while key in keys:
            key, counter = f"{base}-{counter}", counter + 1
        keys.append(key)
    return keys


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:48]
