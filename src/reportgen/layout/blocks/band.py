"""Pillar header band: a pillar's number, title and colour in, a full-bleed band at the page top out."""

from __future__ import annotations

from reportlab.lib.colors import Color as RLColor

from reportgen.diagnostics import SpecPath
from reportgen.layout.blocks.base import SpecFlowable, trim_origin
from reportgen.layout.geometry import PageGeometry
from reportgen.layout.markup import plain
from reportgen.layout.paragraph import Paragraph
from reportgen.reportlab_adapter.shaping import line_width
from reportgen.layout.tagging import DECORATION, Semantics, draw_tagged, tagged
from reportgen.theme import Theme


class PillarBand(SpecFlowable):
    """Sits at the top of the frame and extends its colour up and out through the bleed.
    Read as one H1, `heading` ("Pillar 1: Improve Student Outcomes"); number, kicker and colour are artifacts."""

    def __init__(self, theme: Theme, geometry: PageGeometry, spec_path: SpecPath, *, number: int, title: str,
                 kicker: str, heading: str, color: RLColor):
        super().__init__()
        self.theme, self.geometry, self.spec_path = theme, geometry, spec_path
        self.number, self.title, self.kicker, self.color = number, title, kicker, color
        styles = theme.styles
        self.number_paragraph = Paragraph(str(number), styles.band_number)
        self.kicker_paragraph = Paragraph(plain(kicker.upper()), styles.colored("kicker", theme.palette.white))
        self.title_paragraph = Paragraph(plain(title), styles.band_title)
        self.semantics = Semantics("H1", actual_text=heading)

    def _text_width(self, width: float) -> float:
        return width - self.theme.measures.gutter - self._number_width()

    def _number_width(self) -> float:
        style = self.theme.styles.band_number
        return line_width(str(self.number), style)  # as its paragraph sets it (shaped)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        text_width = self._text_width(available_width)
        title_height = self.title_paragraph.wrap(text_width, available_height)[1]
        kicker_height = self.kicker_paragraph.wrap(text_width, available_height)[1]
        measures = self.theme.measures  # the stylesheet's pillar.band: the same numbers draw() uses
        self.height = max(measures.band_height, measures.band_space_after + measures.band_padding + title_height
                          + measures.box("pillar.band").gap + kicker_height)
        return (available_width, self.height)

    def split(self, available_width: float, available_height: float) -> list:
        return []

    def draw(self) -> None:
        canvas = self.canv
        geometry = self.geometry
        origin_x, origin_y = trim_origin(canvas, geometry)
        bleed = geometry.bleed
        left = -origin_x - bleed
        top = geometry.height - origin_y + bleed
        bottom = self.theme.measures.band_space_after
        number_width = self._number_width()
        text_left = number_width + self.theme.measures.gutter
        text_width = self._text_width(self.width)
        baseline = bottom + self.theme.measures.band_padding
        with tagged(canvas, DECORATION):
            canvas.setFillColor(self.color)
            canvas.rect(left, bottom, geometry.width + 2 * bleed, top - bottom, stroke=0, fill=1)
            canvas.setFillColor(self.theme.palette.named("accent"))
            canvas.rect(left, bottom, geometry.width + 2 * bleed, self.theme.measures.band_rule, stroke=0, fill=1)
            number = self.theme.measures.box("pillar.band.number")  # room to wrap in (it never breaks), drop
            self.number_paragraph.wrap(number_width + number.padding, self.height)
            self.number_paragraph.drawOn(canvas, 0, baseline - number.offset)
            title_height = self.title_paragraph.wrap(text_width, self.height)[1]
            self.kicker_paragraph.wrap(text_width, self.height)  # a running label: read in the heading's text
            self.kicker_paragraph.drawOn(canvas, text_left, baseline + title_height + self.theme.measures.box("pillar.band").gap)
        draw_tagged(canvas, self.semantics, self.title_paragraph, text_left, baseline)
