"""Layout stage: the report, theme and page geometry in, page templates and the story of flowables out."""

from reportgen.layout.anchors import AnchorRegistry
from reportgen.layout.blocks.base import LayoutLog
from reportgen.layout.geometry import PageGeometry
from reportgen.layout.images import PRINT_PPI, SCREEN_PPI, ImageStore
from reportgen.layout.story import Story, build_story
from reportgen.layout.templates import BODY, FEATURE, page_templates

__all__ = ["AnchorRegistry", "BODY", "FEATURE", "ImageStore", "LayoutLog", "PRINT_PPI", "PageGeometry",
           "SCREEN_PPI", "Story", "build_story", "page_templates"]
