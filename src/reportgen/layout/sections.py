"""The build context of section layouts: the report, theme, page geometry and story state in, shared pieces out.

Each section type's layout function lives in its block module (`reportgen.sections.<type>`) and takes
a `BuildContext`: what one section's layout may read (the report, theme, geometry, images, anchors,
the contents entries) and the pieces several blocks share (title, lead, body, photos, columns).
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.enums import TA_JUSTIFY
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Indenter
from reportlab.platypus.flowables import ImageAndFlowables

from reportgen.diagnostics import SpecPath
from reportgen.layout.anchors import AnchorRegistry
from reportgen.layout.blocks.base import LayoutLog
from reportgen.layout.blocks.columns import Columns, KeepWithNext
from reportgen.layout.blocks.photo import Photo
from reportgen.layout.geometry import PageGeometry
from reportgen.layout.grid import gridded
from reportgen.layout.images import ImageStore
from reportgen.layout.markup import plain, rich_paragraphs
from reportgen.layout.paragraph import Paragraph
from reportgen.layout.tagging import TaggedParagraph
from reportgen.model import report as model
from reportgen.model.colors import Color
from reportgen.model.richtext import RichText
from reportgen.model.strings import Words
from reportgen.theme import Theme
from reportgen.theme.styles import with_alignment


STATEMENT_LINES = 3  # a body of at most this many paragraphs of at most this many lines is a set of statements


def _keeps_with_next(flowable: Flowable) -> bool:
    """A heading (its style keeps it with the next flowable)."""
    return bool(getattr(getattr(flowable, "style", None), "keepWithNext", 0))


def is_full_width(flowable: Flowable) -> bool:
    """A block that spans the text area even in two-column text (a table, `span: full`): the columns above it
    are balanced and the text goes on under it."""
    return bool(getattr(flowable, "full_width", False))


def _is_list_item(flowable: Flowable) -> bool:
    return bool(getattr(flowable, "label", None))


def _beside(photo: Flowable, flowables: list[Flowable], area: float, width: float,
            height: float) -> tuple[list[Flowable], list[Flowable]]:
    """The flowables that run `width` wide beside a photo in a text area `area` wide (up to and including
    the one passing the photo's foot), and the rest."""
    photo_height = photo.wrap(area, height)[1]
    used = 0.0
    for count, flowable in enumerate(flowables, start=1):
        if is_full_width(flowable):  # never beside a photo: it takes the whole width, after the photo
            return flowables[:count - 1], flowables[count - 1:]
        used += flowable.wrap(width, height)[1] + flowable.getSpaceBefore() + flowable.getSpaceAfter()
        if used >= photo_height:
            return flowables[:count], flowables[count:]
    return flowables, []


@dataclass(frozen=True)
class Entry:
    """A section as the contents page and the outline see it."""

    index: int
    key: str
    title: str
    level: int
    color: Color | None = None


@dataclass
class BuildContext:
    """What a block's layout function gets besides its section and spec path."""

    report: model.Report
    theme: Theme
    geometry: PageGeometry
    store: ImageStore
    registry: AnchorRegistry
    log: LayoutLog
    entries: list[Entry]
    keys: list[str]  # each section's anchor name, by index
    words: Words     # the generated words of the section's language (meta.strings on the report's own)

    def body(self, text: RichText, path: SpecPath, color: object = None, level: int = 2) -> list[Flowable]:
        """Body paragraphs of the rich text at spec `path`; bullets and numbers take the section's colour when it
        has one; its sub-headings are headings of `level` (one below the heading the text is under: H2 under a
        section's title, H3 under a subsection's heading)."""
        styles = self.theme.styles
        bullet = styles.colored("bullet", color, "bulletColor") if color is not None else styles.bullet
        return rich_paragraphs(text, styles.body, path, self.log, bullet, heading_style=styles.subheading,
                               heading_role=f"H{level}", quote_style=styles.blockquote)

    def lead(self, text: RichText, path: SpecPath, style_name: str = "lead") -> list[Flowable]:
        """Lead paragraphs of the rich text at spec `path` (in the style `style_name`)."""
        styles = self.theme.styles
        return rich_paragraphs(text, getattr(styles, style_name), path, self.log, heading_style=styles.subheading,
                               quote_style=styles.blockquote)

    def title(self, text: str, color: object = None) -> Paragraph:
        styles = self.theme.styles
        title = TaggedParagraph(plain(text), styles.colored("title", color) if color is not None else styles.title,
                                role="H1")
        title.balanced = True
        return title

    def heading(self, text: str) -> Paragraph:
        """A heading inside a section (H2), its lines balanced."""
        heading = TaggedParagraph(plain(text), self.theme.styles.heading, role="H2")
        heading.balanced = True
        return heading

    def statements(self, paragraphs: list[Flowable]) -> list[Flowable]:
        """A body of a few short paragraphs (a mission, a vision: each at most STATEMENT_LINES lines in half the
        measure) set flush left and unhyphenated: statements, not running prose, that justification would only
        space out."""
        width, most = self.geometry.content_width / 2, STATEMENT_LINES
        if not paragraphs or len(paragraphs) > most or not all(
                isinstance(p, TaggedParagraph) and p.label is None and p.style.alignment == TA_JUSTIFY
                and stringWidth(p.words, p.style.fontName, p.style.fontSize) <= most * width  # long text: not short
                and Paragraph(p.text, p.style).wrap(width, self.geometry.content_height)[1]  # measured on a copy
                <= most * p.style.leading + 0.5 for p in paragraphs):
            return paragraphs
        for paragraph in paragraphs:  # not wrapped yet: the style is the one it is broken with; ragged, unhyphenated
            paragraph.style = with_alignment(paragraph.style, "left").clone("statement", hyphenationLang="")
        return paragraphs

    def photo(self, image: model.ImageRef, path: SpecPath, **options: float) -> Photo:
        return Photo(self.theme, image, self.store, path, self.log,  # type: ignore[arg-type]
                     frame_height=self.geometry.content_height, **options)

    def columns(self, flowables: list[Flowable], count: int) -> list[Flowable]:
        """Balanced columns on the baseline grid (layout/grid.py), so their lines stand level; every heading
        in them bound to what follows it (balanced columns ignore keepWithNext)."""
        if count >= 2 and any(is_full_width(flowable) for flowable in flowables):
            result: list[Flowable] = []
            run: list[Flowable] = []
            for flowable in flowables + [None]:  # type: ignore[list-item]
                if flowable is None or is_full_width(flowable):
                    result += self.columns(run, count) if run else []
                    result += [flowable] if flowable is not None else []
                    run = []
                else:
                    run.append(flowable)
            return result
        if count < 2 or len(flowables) < 2:
            return flowables
        body = self.theme.styles.body
        flowables = list(flowables)
        for index in range(len(flowables) - 2, -1, -1):  # from the end: a heading over a subheading binds both
            if _keeps_with_next(flowables[index]):
                flowables[index:index + 2] = [KeepWithNext(flowables[index], flowables[index + 1])]
        return [Columns(gridded(flowables, self.theme.measures.grid, body.leading - body.fontSize), count,
                        self.theme.measures.gutter, self.theme.measures.box("columns").ratio)]

    def with_images(self, paragraphs: list[Flowable], images: tuple[model.ImageRef, ...], path: SpecPath) -> list[Flowable]:
        """Spread photos evenly through the paragraphs: never before the first one, never inside a list."""
        result = list(paragraphs)
        count = len(images)
        for position, image in reversed(list(enumerate(images))):
            after = min(max(1, round((position + 1) * len(paragraphs) / (count + 1))), len(result))
            while 0 < after < len(result) and _is_list_item(result[after - 1]) and _is_list_item(result[after]):
                after += 1
            photo = self.photo(image, path + ("images", position))
            photo.floated = True  # read after the text, as the spec lists it (layout.tagging.declared)
            result.insert(after, photo)
        return result

    @property
    def hang(self) -> float:
        """How far the text area is wider than the measure of one-column running text (stylesheet: measure)."""
        return max(0.0, self.geometry.content_width - self.theme.measures.text_measure)

    def measured(self, flowables: list[Flowable]) -> list[Flowable]:
        """One-column running text set at the stylesheet's measure: the frame is narrowed on the right for
        these flowables (ReportLab's Indenter, carried across page turns) and widened again after them."""
        hang = self.hang
        if not hang or not flowables:
            return flowables
        result: list[Flowable] = [Indenter(right=hang)]
        for flowable in flowables:  # a full-width block spans the text area
            result += [Indenter(right=-hang), flowable, Indenter(right=hang)] if is_full_width(flowable) else [flowable]
        return result + [Indenter(right=-hang)]

    def tables(self, tables: tuple[model.Table, ...], path: SpecPath) -> list[Flowable]:
        """The data tables at spec `path` (a section's or subsection's `tables`), in spec order; each spans the
        text area unless it is `span: column` (a column of two-column text, the measure of one-column text)."""
        from reportgen.layout.blocks.table import DataTable

        made: list[Flowable] = []
        for index, table in enumerate(tables):
            block = DataTable(self.theme, table, self.words, path + (index,), self.log, key=table.id)
            block.full_width = table.span == "full"  # `column` in one-column text: at the text's measure
            made.append(block)
        return made

    def floated(self, paragraphs: list[Flowable], images: tuple[model.ImageRef, ...], path: SpecPath) -> list[Flowable]:
        """Photos beside the text, text wrapping around them: alternating sides in a full-width text area;
        in text set at a narrower measure (see `measured`), on the right, hanging into the space beyond it.
        Each photo takes only the flowables that run beside it (and the one running past its foot), so a
        float never has to split across a page."""
        measures = self.theme.measures
        hang = self.hang
        width = self.geometry.content_width * measures.float_width
        result: list[Flowable] = []
        remaining = list(paragraphs)
        share = max(1, len(paragraphs) // max(1, len(images)))
        for position, image in enumerate(images):
            photo = self.photo(image, path + ("images", position), width=width)
            photo.floated = True
            taken, remaining = remaining[:share], remaining[share:]
            if position == len(images) - 1:
                taken, remaining = taken + remaining, []
            right = position % 2 == 0 or hang > 0
            beside_width = self.geometry.content_width - width - measures.gutter - (0 if right else hang)
            beside, after = _beside(photo, taken, self.geometry.content_width, beside_width,
                                    self.geometry.content_height)
            result.append(ImageAndFlowables(photo, beside, imageLeftPadding=measures.gutter if right else 0,
                                            imageRightPadding=-hang if right else measures.gutter,
                                            imageSide="right" if right else "left"))
            result += after
        return result + remaining
