"""Pillars overview: the pillar sections in, a list of numbered colour tiles linking to each pillar out."""

from __future__ import annotations

from reportlab.lib.colors import Color as RLColor

from reportgen.diagnostics import SpecPath
from reportgen.layout.blocks.base import SpecFlowable
from reportgen.layout.markup import plain
from reportgen.layout.paragraph import Paragraph
from reportgen.reportlab_adapter.shaping import draw_string
from reportgen.layout.tagging import DECORATION, Semantics, link_rect, tagged
from reportgen.theme import Theme

TILE = 40.0
GAP = 8.0


class PillarTile(SpecFlowable):
    """One pillar: a square in its colour with its number, then its title; the whole row links.
    Read as a P holding a Link with the number and the title; square and rule are artifacts."""

    def __init__(self, theme: Theme, number: int, title: str, color: RLColor, key: str, spec_path: SpecPath):
        super().__init__()
        self.theme, self.number, self.title, self.color, self.key, self.spec_path = \
            theme, number, title, color, key, spec_path
        self.paragraph = Paragraph(plain(title), theme.styles.colored("overview_title", color))
        self.spaceAfter = GAP
        self.link = Semantics("Link", target="#" + key)
        self.semantics = Semantics("P", children=(self.link,))

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        self.text_height = self.paragraph.wrap(available_width - TILE - 16, 10_000)[1]
        self.height = max(TILE, self.text_height)
        return (available_width, self.height)

    def split(self, available_width: float, available_height: float) -> list:
        return []

    def draw(self) -> None:
        canvas = self.canv
        style = self.theme.styles.band_number
        with tagged(canvas, DECORATION):
            canvas.setFillColor(self.color)
            canvas.roundRect(0, self.height - TILE, TILE, TILE, 4, stroke=0, fill=1)
        with tagged(canvas, self.link):
            canvas.setFillColor(self.theme.palette.white)
            draw_string(canvas, TILE / 2, self.height - TILE + TILE * 0.3, str(self.number), style, size=TILE * 0.55,
                        align="center")
        with tagged(canvas, DECORATION):
            canvas.setStrokeColor(self.color)
            canvas.setLineWidth(self.theme.measures.rule_width)
            canvas.line(TILE + 16, self.height - TILE, self.width, self.height - TILE)
        text_bottom = self.height - TILE / 2 - self.text_height / 2 + 2
        with tagged(canvas, self.link):
            self.paragraph.drawOn(canvas, TILE + 16, text_bottom)
        link_rect(canvas, self.link, self.key, (0, self.height - TILE, self.width, self.height),
                  f"Go to Pillar {self.number}: {self.title}")
