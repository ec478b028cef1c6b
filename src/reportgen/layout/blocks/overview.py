"""Pillars overview: the pillar sections in, a list of numbered colour tiles linking to each pillar out."""

from __future__ import annotations

from reportlab.lib.colors import Color as RLColor

from reportgen.diagnostics import SpecPath
from reportgen.layout.blocks.base import SpecFlowable
from reportgen.layout.limits import MEASURE_HEIGHT
from reportgen.layout.markup import plain
from reportgen.layout.paragraph import Paragraph
from reportgen.reportlab_adapter.shaping import draw_string
from reportgen.layout.tagging import DECORATION, Semantics, link_rect, read_as, tagged
from reportgen.theme import Theme


class PillarTile(SpecFlowable):
    """One pillar: a square in its colour with its number, then its title; the whole row links.
    Read as a list item (one L around the run of tiles): the number its Lbl, the title its LBody's Link;
    square and rule are artifacts."""

    def __init__(self, theme: Theme, number: int, title: str, color: RLColor, key: str, spec_path: SpecPath,
                 description: str):
        super().__init__()
        self.theme, self.number, self.title, self.color, self.key, self.spec_path = \
            theme, number, title, color, key, spec_path
        self.description = description  # the link's /Contents: "Go to Pillar 1: <title>" in the report's language
        self.paragraph = Paragraph(plain(title), theme.styles.colored("overview_title", color))
        # the stylesheet's pillars_overview and pillars_overview.number: measured and drawn alike
        self.box, self.number_box = theme.measures.box("pillars_overview"), theme.measures.box("pillars_overview.number")
        self.spaceAfter = self.box.space_after
        self.link = Semantics("Link", target="#" + key)
        self.label = Semantics("Lbl")
        self.semantics = Semantics("LI", within="L", children=(self.label, Semantics("LBody", children=(self.link,))))

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        tile = self.box.size
        self.text_height = self.paragraph.wrap(available_width - tile - self.box.gap, MEASURE_HEIGHT)[1]
        self.height = max(tile, self.text_height)
        return (available_width, self.height)

    def split(self, available_width: float, available_height: float) -> list:
        return []

    def draw(self) -> None:
        canvas = self.canv
        style = self.theme.styles.band_number
        tile, text_left = self.box.size, self.box.size + self.box.gap
        with tagged(canvas, DECORATION):
            canvas.setFillColor(self.color)
            canvas.roundRect(0, self.height - tile, tile, tile, self.box.radius, stroke=0, fill=1)
        with tagged(canvas, self.label), read_as(canvas, f"{self.number} "):  # the number, then the title
            canvas.setFillColor(self.theme.palette.white)
            draw_string(canvas, tile / 2, self.height - tile + tile * self.number_box.rise, str(self.number), style,
                        size=tile * self.number_box.ratio, align="center")
        with tagged(canvas, DECORATION):
            canvas.setStrokeColor(self.color)
            canvas.setLineWidth(self.theme.measures.rule_width)
            canvas.line(text_left, self.height - tile, self.width, self.height - tile)
        text_bottom = self.height - tile / 2 - self.text_height / 2 + self.box.offset
        with tagged(canvas, self.link):
            self.paragraph.drawOn(canvas, text_left, text_bottom)
        link_rect(canvas, self.link, self.key, (0, self.height - tile, self.width, self.height),
                  self.description)
