"""Full-page blocks: a cover, quote or back-cover section in, one page of full-bleed art and text out."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.colors import Color as RLColor

from reportgen.diagnostics import SpecPath
from reportgen.layout.blocks.base import SpecFlowable, draw_paragraph
from reportgen.layout.geometry import PageGeometry
from reportgen.layout.images import ImageStore
from reportgen.layout.markup import plain, quoteattr
from reportgen.layout.paragraph import Paragraph
from reportgen.layout.tagging import StructureNode, artifact, child_of, marked, page_box, tagged
from reportgen.theme import Theme
from reportgen.theme.styles import with_alignment


class FeaturePage(SpecFlowable):
    """Fills a whole page; the frame it sits in is the trimmed page with no padding.
    Its text is tagged as it is drawn; fills, bands and ornaments are artifacts."""

    structure_role = None
    structure: StructureNode | None = None

    def __init__(self, theme: Theme, geometry: PageGeometry, spec_path: SpecPath):
        super().__init__()
        self.theme = theme
        self.geometry = geometry
        self.spec_path = spec_path

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        # text that would run off the page makes the block taller than the page: a layout error
        self.width, self.height = available_width, available_height + self.text_overflow()
        return (self.width, self.height)

    def text_overflow(self) -> float:
        """How many points the page's text runs past the room it has (0 when it fits)."""
        return 0.0

    def split(self, available_width: float, available_height: float) -> list:
        return []

    def fill_bleed(self, color: RLColor) -> None:
        bleed = self.geometry.bleed_rect()
        with artifact(self.canv, "Background"):
            self.canv.setFillColor(color)
            self.canv.rect(bleed.x, bleed.y, bleed.width, bleed.height, stroke=0, fill=1)

    def child(self, role: str, **attributes: str) -> StructureNode | None:
        return child_of(self.structure, role, **attributes)

    def place_image(self, store: ImageStore, path: Path, alt: str | None, x: float, y: float, width: float,
                    height: float, cropped: bool = True) -> None:
        """A Figure with `alt`, or an artifact without it."""
        figure = self.child("Figure", Alt=alt) if alt else None
        with marked(self.canv, figure, page_box(self.canv, x, y, width, height)) if figure else artifact(self.canv):
            if cropped:
                self.place_cropped(store, path, x, y, width, height)
            else:
                reader, _ = store.reader(path, width, height)
                self.canv.drawImage(reader, x, y, width, height)

    def place_cropped(self, store: ImageStore, path: Path, x: float, y: float, width: float, height: float) -> None:
        """Fill the box with the image at its own aspect ratio, cropping what overflows."""
        aspect = store.get(path).aspect
        if width / height > aspect:
            draw_width, draw_height = width, width / aspect
        else:
            draw_width, draw_height = height * aspect, height
        reader, _ = store.reader(path, draw_width, draw_height)
        canvas = self.canv
        canvas.saveState()
        clip = canvas.beginPath()
        clip.rect(x, y, width, height)
        canvas.clipPath(clip, stroke=0, fill=0)
        canvas.drawImage(reader, x + (width - draw_width) / 2, y + (height - draw_height) / 2,
                         draw_width, draw_height)
        canvas.restoreState()


class CoverPage(FeaturePage):
    def __init__(self, theme: Theme, geometry: PageGeometry, spec_path: SpecPath, *, title: str, subtitle: str,
                 organization: str, year: str | None, background: RLColor, image: Path | None, store: ImageStore,
                 image_alt: str | None = None):
        super().__init__(theme, geometry, spec_path)
        self.image_alt = image_alt
        self.title, self.subtitle, self.organization, self.year = title, subtitle, organization, year
        self.background, self.image, self.store = background, image, store

    def text_overflow(self) -> float:
        geometry, styles, measures = self.geometry, self.theme.styles, self.theme.measures
        width = geometry.width - 2 * (geometry.outside + measures.gutter)
        needed = Paragraph(plain(self.title), styles.cover_title).wrap(width, geometry.height)[1] + 10
        if self.year:
            needed += Paragraph(plain(self.year.upper()), styles.cover_organization).wrap(width, geometry.height)[1] + 8
        if self.subtitle:
            needed += Paragraph(plain(self.subtitle), styles.cover_subtitle).wrap(width, geometry.height)[1]
        organization = Paragraph(plain(self.organization), styles.cover_organization).wrap(width, geometry.height)[1]
        room = geometry.height * 0.42 - 52 - (geometry.bottom + 14 + organization)
        return max(0.0, needed - room)

    def draw(self) -> None:
        geometry, styles, measures = self.geometry, self.theme.styles, self.theme.measures
        palette = self.theme.palette
        self.fill_bleed(self.background)
        split = geometry.height * 0.42
        if self.image is not None:
            bleed = geometry.bleed
            self.place_image(self.store, self.image, self.image_alt, -bleed, split, geometry.width + 2 * bleed,
                             geometry.height - split + bleed)
        canvas = self.canv
        with artifact(canvas):
            canvas.setFillColor(palette.named("accent"))
            canvas.rect(-geometry.bleed, split - 7, geometry.width + 2 * geometry.bleed, 7, stroke=0, fill=1)
        left = geometry.outside + measures.gutter
        width = geometry.width - 2 * left
        top = split - 52
        if self.year:
            top = draw_paragraph(canvas, tagged(plain(self.year.upper()), styles.cover_organization, self.child("P")),
                                 left, top, width) - 8
        top = draw_paragraph(canvas, tagged(plain(self.title), styles.cover_title, self.child("H1")),
                             left, top, width) - 10
        if self.subtitle:
            draw_paragraph(canvas, tagged(plain(self.subtitle), styles.cover_subtitle, self.child("P")),
                           left, top, width)
        draw_paragraph(canvas, tagged(plain(self.organization), styles.cover_organization, self.child("P")),
                       left, geometry.bottom + 14, width)


class QuotePage(FeaturePage):
    def __init__(self, theme: Theme, geometry: PageGeometry, spec_path: SpecPath, *, text: str, author: str,
                 background: RLColor):
        super().__init__(theme, geometry, spec_path)
        self.text, self.author, self.background = text, author, background

    def _measure(self, tag: bool = False) -> tuple[float, float, Paragraph, Paragraph | None, float, float]:
        """The quote's paragraphs and sizes; tagged (a BlockQuote of the tree) only when drawn."""
        geometry, styles = self.geometry, self.theme.styles
        left = geometry.inside + 36
        width = geometry.width - left - geometry.outside - 36
        block = self.child("BlockQuote") if tag else None
        quote = tagged(plain(self.text), styles.quote, child_of(block, "P"))
        author = tagged("\u2014\u2009" + plain(self.author), styles.quote_author,
                        child_of(block, "P")) if self.author else None
        quote_height = quote.wrap(width, geometry.height)[1]
        author_height = author.wrap(width, geometry.height)[1] + styles.quote.spaceAfter if author else 0
        return left, width, quote, author, quote_height, author_height

    def text_overflow(self) -> float:
        *_, quote_height, author_height = self._measure()
        mark_size = self.theme.styles.quote.fontSize * 4
        room = self.geometry.height - self.geometry.top - self.geometry.bottom - mark_size * 0.3
        return max(0.0, quote_height + author_height - room)

    def draw(self) -> None:
        geometry, styles = self.geometry, self.theme.styles
        canvas = self.canv
        self.fill_bleed(self.background)
        left, width, quote, author, quote_height, author_height = self._measure(tag=True)
        mark_size = styles.quote.fontSize * 4
        total = quote_height + author_height
        top = geometry.height / 2 + total / 2 + mark_size * 0.1
        with artifact(canvas):
            canvas.setFillColor(self.theme.palette.named("accent"))
            canvas.setFont(styles.quote_author.fontName, mark_size)
            canvas.drawString(left - 6, top - mark_size * 0.08, "\u201c")
        bottom = draw_paragraph(canvas, quote, left, top - mark_size * 0.22, width)
        if author is not None:
            draw_paragraph(canvas, author, left, bottom - styles.quote.spaceAfter, width)


class BackCoverPage(FeaturePage):
    def __init__(self, theme: Theme, geometry: PageGeometry, spec_path: SpecPath, *, lines: list[str],
                 links: dict[str, str], background: RLColor, logo: Path | None, store: ImageStore,
                 logo_alt: str | None = None):
        super().__init__(theme, geometry, spec_path)
        self.logo_alt = logo_alt
        self.lines, self.links, self.background, self.logo, self.store = lines, links, background, logo, store

    def _paragraphs(self, tag: bool = False) -> list[Paragraph]:
        """The lines as paragraphs; tagged (each a P of the tree) only when they are drawn."""
        styles, paragraphs = self.theme.styles, []
        for index, line in enumerate(self.lines):
            style = styles.cover_organization if index == 0 else styles.back_cover
            markup = plain(line)
            if line in self.links:
                markup = f"<a href={quoteattr(self.links[line])}>{markup}</a>"
            paragraphs.append(tagged(markup, with_alignment(style, "center"), self.child("P") if tag else None))
        return paragraphs

    def text_overflow(self) -> float:
        geometry = self.geometry
        width = geometry.width - geometry.inside - geometry.outside
        needed = sum(p.wrap(width, geometry.height)[1] for p in self._paragraphs()) + 8
        return max(0.0, needed - (geometry.height * 0.42 - geometry.bottom))

    def draw(self) -> None:
        geometry = self.geometry
        canvas = self.canv
        self.fill_bleed(self.background)
        width = geometry.width - geometry.inside - geometry.outside
        left = geometry.inside if canvas.getPageNumber() % 2 else geometry.outside
        top = geometry.height * 0.42
        if self.logo is not None:
            aspect = self.store.get(self.logo).aspect
            logo_height = 72.0
            logo_width = min(logo_height * aspect, width)
            logo_height = logo_width / aspect
            self.place_image(self.store, self.logo, self.logo_alt, (geometry.width - logo_width) / 2, top + 24,
                             logo_width, logo_height, cropped=False)
        with artifact(canvas):
            canvas.setFillColor(self.theme.palette.named("accent"))
            canvas.rect(geometry.width / 2 - 24, top + 10, 48, 3, stroke=0, fill=1)
        for index, paragraph in enumerate(self._paragraphs(tag=True)):
            top = draw_paragraph(canvas, paragraph, left, top, width) - (8 if index == 0 else 0)
