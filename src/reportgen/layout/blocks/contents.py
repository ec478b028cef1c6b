"""Contents entries: a section's title and key in, a linked line with dot leaders and its page number out.

The page number is a form XObject defined at the end of the build (see layout.anchors)."""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle

from reportgen.diagnostics import SpecPath
from reportgen.layout.anchors import AnchorRegistry, NumberStyle
from reportgen.layout.blocks.base import SpecFlowable
from reportgen.layout.limits import MEASURE_HEIGHT
from reportgen.layout.markup import plain
from reportgen.layout.paragraph import Paragraph
from reportgen.layout.tagging import DECORATION, Semantics, link_rect, tagged
from reportgen.reportlab_adapter.platypus import line_extra_space, paragraph_lines
from reportgen.theme.styles import Measures


class ContentsEntry(SpecFlowable):
    """Read as a TOCI holding a Reference with one Link: the title and the page number; chip and leaders are
    artifacts. A level-1 entry's TOCI is in a TOC inside its parent entry's TOCI."""

    def __init__(self, title: str, key: str, level: int, style: ParagraphStyle, registry: AnchorRegistry,
                 leader_color: object, spec_path: SpecPath, measures: Measures, indent: float = 0.0,
                 chip: object = None, description: str = ""):
        super().__init__()
        # the stylesheet's contents, contents.leader and contents.chip: measured and drawn alike
        self.box, self.leader, self.chip_box = (measures.box("contents"), measures.box("contents.leader"),
                                                measures.box("contents.chip"))
        self.title, self.key, self.level, self.style = title, key, level, style
        self.registry, self.leader_color, self.spec_path, self.indent, self.chip = \
            registry, leader_color, spec_path, indent, chip
        self.paragraph = Paragraph(plain(title), style)
        self.description = description  # the link's /Contents: "Go to <title>" in the report's language
        self.spaceBefore = style.spaceBefore  # contents.entry / contents.subentry in the stylesheet
        self.spaceAfter = 0.0
        self.link = Semantics("Link", target="#" + key)
        self.reference = Semantics("Reference", children=(self.link,))  # ISO 32000-1 14.8.4.3.2: TOCI holds a Reference
        self.item = Semantics("TOCI", children=(self.reference,))
        # one TOC around a run of entries; None: a subentry, declared in its parent entry's TOC (see `nest`)
        self.semantics: Semantics | None = Semantics("TOCI", within="TOC", children=(self.reference,))

    def nest(self, subentries: list[ContentsEntry]) -> None:
        """Read the subentries (the pillars under the strategic plan) as a TOC inside this entry's TOCI, as the
        page indents them and the bookmarks nest them."""
        if not subentries:
            return
        nested = Semantics("TOC", children=tuple(entry.item for entry in subentries))
        self.semantics = Semantics("TOCI", within="TOC", children=(self.reference, nested))
        for entry in subentries:
            entry.semantics = None

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        self.text_width = available_width - self.indent - self.box.width - self.box.gap
        self.text_height = self.paragraph.wrap(self.text_width, MEASURE_HEIGHT)[1]
        self.height = self.text_height + self.box.padding
        return (available_width, self.height)

    def split(self, available_width: float, available_height: float) -> list:
        return []

    def draw(self) -> None:
        canvas = self.canv
        style = self.style
        bottom = self.height - self.text_height
        baseline = bottom + style.leading - style.fontSize
        if self.chip is not None:
            with tagged(canvas, DECORATION):
                canvas.setFillColor(self.chip)
                chip = self.chip_box
                canvas.rect(self.indent - chip.offset, baseline, chip.width, style.fontSize * chip.ratio, stroke=0,
                            fill=1)
        with tagged(canvas, self.link):
            self.paragraph.drawOn(canvas, self.indent, bottom)
        leader = self.leader
        start = self.indent + _last_line_width(self.paragraph, self.text_width) + leader.gap
        end = self.width - self.box.width
        first = (int(start / leader.pitch) + 1) * leader.pitch  # on a grid, so leaders line up down the page
        if first < end:
            with tagged(canvas, DECORATION):  # one dashed stroke with round caps: a row of dots
                canvas.saveState()
                canvas.setStrokeColor(self.leader_color)
                canvas.setLineWidth(leader.width)
                canvas.setLineCap(1)  # round
                canvas.setDash([0, leader.pitch])
                last = first + int((end - first) / leader.pitch) * leader.pitch
                canvas.line(first, baseline + leader.offset, last, baseline + leader.offset)
                canvas.restoreState()
        number_style = NumberStyle(style.fontName, style.fontSize, style.textColor, style)
        # the page number is a form drawn later; its text belongs to the Link open around the Do
        with tagged(canvas, self.link):
            canvas.saveState()
            canvas.translate(self.width, baseline)
            canvas.doForm(self.registry.page_number_form(self.key, number_style))
            canvas.restoreState()
        link_rect(canvas, self.link, self.key, (0, 0, self.width, self.height), self.description)


def _last_line_width(paragraph: Paragraph, text_width: float) -> float:
    """How far the paragraph's last line reaches, so the leaders start after it."""
    lines = paragraph_lines(paragraph)
    if not lines:
        return 0.0
    last = lines[-1]
    extra = line_extra_space(last)
    return text_width - extra
