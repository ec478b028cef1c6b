"""Section anchors: a report's sections in, their titles and unique anchor names (the `#id` links may name) out.

One definition shared by the layout (named destinations, contents, pillar tiles) and validation
(internal links must name one of these).
"""

from __future__ import annotations

import re

from reportgen.model import report as model


def section_title(section: model.SectionBase) -> str:
    """The title the outline and the contents page show for a section."""
    if section.bookmark:
        return section.bookmark
    if isinstance(section, model.Quote):
        return f"\u201c{section.text[:40].rstrip()}\u2026\u201d" if len(section.text) > 40 else section.text
    if isinstance(section, model.Cover):
        return "Cover"
    if isinstance(section, model.BackCover):
        return "Back Cover"
    return getattr(section, "title", None) or section.type.replace("_", " ").title()


def section_keys(sections: tuple[model.SectionBase, ...]) -> list[str]:
    """A unique anchor name for each section: its id, else a slug of its title."""
    keys: list[str] = []
    for index, section in enumerate(sections):
        base = section.id or _slug(section_title(section)) or f"{section.type}-{index + 1}"
        if isinstance(section, model.Quote) and not section.id:
            base = f"quote-{index + 1}"
        key, counter = base, 2
        while key in keys:
            key, counter = f"{base}-{counter}", counter + 1
        keys.append(key)
    return keys


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:48]
