"""Section anchors: a section's key and title in, a named destination, outline entry and recorded page out."""

from __future__ import annotations

from reportgen.diagnostics import SpecPath
from reportgen.layout.anchors import AnchorRegistry
from reportgen.layout.blocks.base import SpecFlowable


class SectionAnchor(SpecFlowable):
    """Zero-size marker placed where a section starts."""

    _ZEROSIZE = 1

    def __init__(self, key: str, title: str, level: int, registry: AnchorRegistry, spec_path: SpecPath,
                 outline: bool = True):
        super().__init__()
        self.key = key
        self.title = title
        self.level = level
        self.registry = registry
        self.outline = outline
        self.spec_path = spec_path

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return (0, 0)

    def draw(self) -> None:
        canvas = self.canv
        canvas.bookmarkHorizontal(self.key, 0, 0)
        if self.outline:
            canvas.addOutlineEntry(self.title, self.key, level=self.level, closed=False)
        self.registry.record(self.key, canvas.getPageNumber(), self.title)
