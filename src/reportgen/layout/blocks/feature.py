"""Full-page blocks: a cover, quote or back-cover section in, one page of full-bleed art and text out.

The text of a full page always fits or is reported: in `wrap` each block tries its layouts in a
designer's order of preference (type at its design size, then stepped down in small steps; the
cover's photo band shrinking, then left out) and keeps the first whose text fits. Type is never
set below the stylesheet's `feature.floor` of its design size; text that does not fit even then is a located error
whose hint says how much to shorten, measured at that floor. `draw` uses the layout `wrap` chose.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

from reportlab.lib.colors import Color as RLColor
from reportlab.lib.styles import ParagraphStyle

from reportgen.diagnostics import SpecPath
from reportgen.layout.blocks.base import LayoutLog, SpecFlowable, draw_paragraph
from reportgen.layout.geometry import PageGeometry
from reportgen.layout.images import ImageStore
from reportgen.layout.limits import HINT_ROUNDING, SCALE_DIGITS
from reportgen.layout.markup import plain, quoteattr
from reportgen.layout.paragraph import Paragraph
from reportgen.reportlab_adapter.shaping import draw_string
from reportgen.layout.tagging import (BACKGROUND, DECORATION, Semantics, layout_box, tagged, tagged_paragraph,
                                      text_semantics)
from reportgen.theme import Theme
from reportgen.theme.styles import with_alignment

# Every size, gap and proportion here is the stylesheet's: feature (how type steps down to fit: by `step`, 2.5%,
# to `floor`, 60%), cover, cover.mark, quote.mark, back_cover.page and back_cover.mark (docs/spec.md).


def scales(floor: float, step: float, start: float = 1.0) -> list[float]:
    """Type scales from `start` down to `floor` in steps of `step` (a 46 pt title: 46, 44.9, 43.7 ...)."""
    count = round((start - floor) / step)
    return [round(start - step * k, SCALE_DIGITS) for k in range(count + 1)]


def scaled(style: ParagraphStyle, scale: float) -> ParagraphStyle:
    """`style` at `scale` of its size and leading (the style itself at 1)."""
    if scale == 1:
        return style
    return style.clone(f"{style.name}@{scale:g}", fontSize=round(style.fontSize * scale, 1),
                       leading=round(style.leading * scale, 1))


def shortening(length: int, fits: Callable[[int], bool]) -> int | None:
    """How many characters to cut from the end of a text of `length` characters so that
    `fits(kept)` holds (rounded up to 5, as a hint is an estimate); None when nothing short of
    leaving the whole text out helps (then the page, not the text, is too small)."""
    if not fits(0):
        return None
    low, high = 0, length  # fits(low) holds, fits(length) does not
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (middle, high) if fits(middle) else (low, middle)
    if low == 0:
        return None
    return min(length - 1, max(HINT_ROUNDING, math.ceil((length - low) / HINT_ROUNDING) * HINT_ROUNDING))


def characters(count: int) -> str:
    return f"about {count} characters"


@dataclass(frozen=True)
class TextPath:
    """A text on a full page and the spec field it comes from (for a located error)."""

    text: str
    path: SpecPath


class FeaturePage(SpecFlowable):
    """Fills a whole page; the frame it sits in is the trimmed page with no padding.
    Its text is declared with the block and tagged as it is drawn; fills, bands and ornaments are artifacts."""

    semantics = Semantics()  # each page declares its parts in reading order

    def __init__(self, theme: Theme, geometry: PageGeometry, spec_path: SpecPath, log: LayoutLog | None = None):
        super().__init__()
        self.theme = theme
        self.geometry = geometry
        self.spec_path = spec_path
        self.log = log if log is not None else LayoutLog()
        self.fitting = theme.measures.box("feature")  # how far and in what steps the type steps down

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        # the page's text is fitted here (or reported); the block is always exactly one page
        self.fit()
        self.width, self.height = available_width, available_height
        return (self.width, self.height)

    def fit(self) -> None:
        """Choose the layout whose text fits; report one that cannot fit at all."""

    def split(self, available_width: float, available_height: float) -> list:
        return []

    def fill_bleed(self, color: RLColor) -> None:
        bleed = self.geometry.bleed_rect()
        with tagged(self.canv, BACKGROUND):
            self.canv.setFillColor(color)
            self.canv.rect(bleed.x, bleed.y, bleed.width, bleed.height, stroke=0, fill=1)

    def place_image(self, store: ImageStore, path: Path, figure: Semantics | None, x: float, y: float, width: float,
                    height: float, cropped: bool = True) -> None:
        """The image as the declared `figure` (a Figure with alt text), or an artifact without one."""
        layout_box(self.canv, figure, x, y, width, height)  # what shows of it: a cropped picture's box
        with tagged(self.canv, figure or DECORATION):
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


# The cover's sizes are the stylesheet's cover (the photo band's lower edges as it gives way, the share the
# title steps down to before the band shrinks, the gaps) and cover.mark; the gaps below the year and the title
# are cover.organization's and cover.title's space_after: the same numbers in _needed (measure) and draw.


@dataclass(frozen=True)
class CoverLayout:
    scale: float         # of the title's and subtitle's design sizes
    split: float | None  # the photo band's lower edge as a share of the page height; None: no band


class CoverPage(FeaturePage):
    """The title and subtitle step down (to feature.floor) and the photo band gives way (shrinks,
    then is left out, with a warning) until they fit above the organization's name."""

    def __init__(self, theme: Theme, geometry: PageGeometry, spec_path: SpecPath, *, title: str, subtitle: str,
                 organization: str, year: str | None, background: RLColor, image: Path | None, store: ImageStore,
                 image_alt: str | None = None, log: LayoutLog | None = None,
                 paths: dict[str, SpecPath] | None = None, image_lang: str | None = None):
        super().__init__(theme, geometry, spec_path, log)
        self.image_alt = image_alt
        self.title, self.subtitle, self.organization, self.year = title, subtitle, organization, year
        self.background, self.image, self.store = background, image, store
        self.paths = paths or {}  # where the title, subtitle and organization come from in the spec
        self.box = theme.measures.box("cover")
        self.layout: CoverLayout | None = None
        self.figure = Semantics("Figure", alt=image_alt, lang=image_lang) if image is not None and image_alt else None
        self.parts = {"year": Semantics("P") if year else None, "title": Semantics("H1"),
                      "subtitle": Semantics("P") if subtitle else None, "organization": Semantics("P")}
        self.semantics = Semantics(children=tuple(part for part in (self.figure, *self.parts.values()) if part))

    def layouts(self) -> list[CoverLayout]:
        """In order of preference: smaller type first, then a shorter photo band, then smaller type
        again, and last no band at all. The type never grows along the list."""
        first, *shrinking = self.box.shares
        holds_to, floor, step = self.box.ratio, self.fitting.floor, self.fitting.decrement
        return ([CoverLayout(scale, first) for scale in scales(holds_to, step)]
                + [CoverLayout(holds_to, split) for split in shrinking]
                + [CoverLayout(scale, shrinking[-1]) for scale in scales(floor, step, holds_to)[1:]]
                + [CoverLayout(floor, None)])

    def _width(self) -> float:
        return self.geometry.width - 2 * (self.geometry.outside + self.theme.measures.gutter)

    def _text_top(self, layout: CoverLayout) -> float:
        if layout.split is None:
            return self.geometry.height - self.geometry.top - self.box.space_before
        return self.geometry.height * layout.split - self.box.offset

    def _room(self, layout: CoverLayout) -> float:
        organization = Paragraph(plain(self.organization), self.theme.styles.cover_organization)
        floor = self.geometry.bottom + self.box.padding + organization.wrap(self._width(), self.geometry.height)[1]
        return self._text_top(layout) - floor - self.box.gap

    def _needed(self, layout: CoverLayout, title: str, subtitle: str) -> float:
        styles, width, height = self.theme.styles, self._width(), self.geometry.height
        needed = Paragraph(plain(title), scaled(styles.cover_title, layout.scale)).wrap(width, height)[1] \
            + styles.cover_title.spaceAfter
        if self.year:
            needed += Paragraph(plain(self.year.upper()), styles.cover_organization).wrap(width, height)[1] \
                + styles.cover_organization.spaceAfter
        if subtitle:
            needed += Paragraph(plain(subtitle), scaled(styles.cover_subtitle, layout.scale)).wrap(width, height)[1]
        return needed

    def fit(self) -> None:
        if self.layout is not None:
            return
        layouts = self.layouts()
        self.layout = next((layout for layout in layouts
                            if self._needed(layout, self.title, self.subtitle) <= self._room(layout)), None)
        if self.layout is None:
            self.layout = layouts[-1]
            self._report(self.layout)
        elif self.layout.split is None and self.image is not None:
            self.log.warn("the cover photo was left out to make room for the title and subtitle",
                          self.paths.get("image", self.spec_path), "shorten the title or subtitle to keep the photo")

    def _report(self, last: CoverLayout) -> None:
        """The text does not fit even at the floor without a photo: say what to shorten, and by how much."""
        room = self._room(last)
        needed = self._needed(last, self.title, self.subtitle)
        title_cut = shortening(len(self.title), lambda kept: self._needed(last, self.title[:kept], self.subtitle) <= room)
        subtitle_cut = shortening(len(self.subtitle), lambda kept: self._needed(
            last, self.title, self.subtitle[:kept]) <= room) if self.subtitle else None
        title_path = self.paths.get("title", self.spec_path)
        subtitle_path = self.paths.get("subtitle", self.spec_path)
        if subtitle_cut is not None and (title_cut is None or subtitle_cut <= title_cut):
            path, hint = subtitle_path, f"shorten the subtitle by {characters(subtitle_cut)}"
            if title_cut is not None:
                hint += f", or the title by {characters(title_cut)}"
        elif title_cut is not None:
            path, hint = title_path, f"shorten the title by {characters(title_cut)}"
            if subtitle_cut is not None:
                hint += f", or the subtitle by {characters(subtitle_cut)}"
        elif (bare := shortening(len(self.title), lambda kept: self._needed(last, self.title[:kept], "") <= room)):
            path, hint = title_path, f"shorten the title by {characters(bare)} and leave out the subtitle"
        else:
            path, hint = self.paths.get("organization", self.spec_path), (
                "the page is too small for the cover's text: give a larger page.size, or shorten the organization's name")
        self.log.error(f"the cover's text needs {needed:.0f} pt but the cover has {max(room, 0):.0f} pt for it, "
                       f"even with the type at {self.fitting.floor:.0%} of its size" + (" and without the photo" if self.image
                                                                               else ""), path, hint)

    def draw(self) -> None:
        self.fit()
        layout = self.layout
        assert layout is not None
        geometry, styles, measures = self.geometry, self.theme.styles, self.theme.measures
        palette = self.theme.palette
        self.fill_bleed(self.background)
        canvas = self.canv
        left = geometry.outside + measures.gutter
        width = geometry.width - 2 * left
        top = self._text_top(layout)
        if layout.split is not None:
            split = geometry.height * layout.split
            if self.image is not None:
                bleed = geometry.bleed
                self.place_image(self.store, self.image, self.figure, -bleed, split, geometry.width + 2 * bleed,
                                 geometry.height - split + bleed)
            with tagged(canvas, DECORATION):
                canvas.setFillColor(palette.named("accent"))
                canvas.rect(-geometry.bleed, split - self.box.rule, geometry.width + 2 * geometry.bleed,
                            self.box.rule, stroke=0, fill=1)
        else:  # no band: a short accent rule above the text keeps the cover's mark
            with tagged(canvas, DECORATION):
                canvas.setFillColor(palette.named("accent"))
                mark = measures.box("cover.mark")
                canvas.rect(left, top + mark.offset, mark.width, mark.height, stroke=0, fill=1)
        if self.year:
            top = draw_paragraph(canvas, tagged_paragraph(plain(self.year.upper()), styles.cover_organization,
                                                          self.parts["year"]), left, top, width) - styles.cover_organization.spaceAfter
        top = draw_paragraph(canvas, tagged_paragraph(plain(self.title), scaled(styles.cover_title, layout.scale),
                                                      self.parts["title"]), left, top, width) - styles.cover_title.spaceAfter
        if self.subtitle:
            draw_paragraph(canvas, tagged_paragraph(plain(self.subtitle), scaled(styles.cover_subtitle, layout.scale),
                                                    self.parts["subtitle"]), left, top, width)
        draw_paragraph(canvas, tagged_paragraph(plain(self.organization), styles.cover_organization,
                                                self.parts["organization"]), left, geometry.bottom + self.box.padding,
                       width)


# The quote's indent inside the margins (the opening mark sits in that space), the mark's size in quote sizes,
# its shift and its shares (room above the quote, rise, its drop, the text's drop) are the stylesheet's quote.mark.


class QuotePage(FeaturePage):
    """The quote steps down (to feature.floor, its opening mark with it) until it fits between the margins."""

    def __init__(self, theme: Theme, geometry: PageGeometry, spec_path: SpecPath, *, text: str, author: str,
                 background: RLColor, log: LayoutLog | None = None):
        super().__init__(theme, geometry, spec_path, log)
        self.text, self.author, self.background = text, author, background
        self.scale: float | None = None
        self.mark = theme.measures.box("quote.mark")
        self.parts = (Semantics("P"), Semantics("P") if author else None)  # the quote, its author
        self.semantics = Semantics(children=(Semantics("BlockQuote", children=tuple(p for p in self.parts if p)),))

    def _measure(self, scale: float, text: str | None = None,
                 tag: bool = False) -> tuple[float, float, Paragraph, Paragraph | None, float, float]:
        """The quote's paragraphs and sizes at `scale`; as the declared BlockQuote's parts only when drawn."""
        geometry, styles = self.geometry, self.theme.styles
        left = geometry.inside + self.mark.indent
        width = geometry.width - left - geometry.outside - self.mark.indent
        quote_part, author_part = self.parts if tag else (None, None)
        quote = tagged_paragraph(plain(self.text if text is None else text), scaled(styles.quote, scale), quote_part,
                                 balanced=True)
        author = tagged_paragraph("\u2014\u2009" + plain(self.author), styles.quote_author,
                                  author_part) if self.author else None
        quote_height = quote.wrap(width, geometry.height)[1]
        author_height = author.wrap(width, geometry.height)[1] + quote.style.spaceAfter if author else 0
        return left, width, quote, author, quote_height, author_height

    def _overflow(self, scale: float, text: str | None = None) -> float:
        *_, quote, _, quote_height, author_height = self._measure(scale, text)
        mark_size = quote.style.fontSize * self.mark.ratio
        room = self.geometry.height - self.geometry.top - self.geometry.bottom - mark_size * self.mark.shares[0]
        return quote_height + author_height - room

    def fit(self) -> None:
        if self.scale is not None:
            return
        floor = self.fitting.floor
        self.scale = next((scale for scale in scales(floor, self.fitting.decrement) if self._overflow(scale) <= 0), None)
        if self.scale is None:
            self.scale = floor
            cut = shortening(len(self.text), lambda kept: self._overflow(floor, self.text[:kept]) <= 0)
            self.log.error(f"the quote runs {self._overflow(floor):.0f} pt past its page, even set at "
                           f"{floor:.0%} of its size", self.spec_path + ("text",),
                           f"shorten the quote by {characters(cut)}" if cut is not None else
                           "shorten the quote and its author's name")

    def draw(self) -> None:
        self.fit()
        assert self.scale is not None
        canvas = self.canv
        self.fill_bleed(self.background)
        left, width, quote, author, quote_height, author_height = self._measure(self.scale, tag=True)
        mark_size = quote.style.fontSize * self.mark.ratio
        _, mark_rise, mark_drop, text_drop = self.mark.shares
        total = quote_height + author_height
        top = self.geometry.height / 2 + total / 2 + mark_size * mark_rise
        with tagged(canvas, DECORATION):
            canvas.setFillColor(self.theme.palette.named("accent"))
            draw_string(canvas, left - self.mark.offset, top - mark_size * mark_drop, "\u201c",
                        self.theme.styles.quote_author, size=mark_size)
        bottom = draw_paragraph(canvas, quote, left, top - mark_size * text_drop, width)
        if author is not None:
            draw_paragraph(canvas, author, left, bottom - quote.style.spaceAfter, width)


# The text's tops as it rises, the floor its lines step down to, the logo's height and gaps are the stylesheet's
# back_cover.page; the accent rule is back_cover.mark; the gap below the first line is cover.organization's
# space_after (measured and drawn alike).


@dataclass(frozen=True)
class BackCoverLayout:
    top: float    # share of the page height
    scale: float  # of the lines' design sizes


class BackCoverPage(FeaturePage):
    """The lines rise up the page (the logo with them), then step down to back_cover.page's floor."""

    def __init__(self, theme: Theme, geometry: PageGeometry, spec_path: SpecPath, *, lines: list[str],
                 links: dict[str, str], background: RLColor, logo: Path | None, store: ImageStore,
                 logo_alt: str | None = None, log: LayoutLog | None = None, address: Sequence[int] = (),
                 logo_lang: str | None = None):
        super().__init__(theme, geometry, spec_path, log)
        self.logo_alt = logo_alt
        self.lines, self.links, self.background, self.logo, self.store = lines, links, background, logo, store
        self.address = list(address)  # which of `lines` are the address (the ones a hint may remove)
        self.layout: BackCoverLayout | None = None
        self.box = theme.measures.box("back_cover.page")
        self.figure = Semantics("Figure", alt=logo_alt, lang=logo_lang) if logo is not None and logo_alt else None
        self.line_parts = [text_semantics(self._markup(line)) for line in lines]  # a P each, links in them
        self.semantics = Semantics(children=tuple(part for part in (self.figure, *self.line_parts) if part))

    def _markup(self, line: str) -> str:
        markup = plain(line)
        return f"<a href={quoteattr(self.links[line])}>{markup}</a>" if line in self.links else markup

    def _paragraphs(self, scale: float, lines: list[str] | None = None, tag: bool = False) -> list[Paragraph]:
        """The lines as paragraphs; as the declared lines (each a P) only when they are drawn."""
        styles, paragraphs = self.theme.styles, []
        for index, line in enumerate(self.lines if lines is None else lines):
            style = scaled(styles.cover_organization if index == 0 else styles.back_cover, scale)
            paragraphs.append(tagged_paragraph(self._markup(line), with_alignment(style, "center"),
                                               self.line_parts[index] if tag else None))
        return paragraphs

    def _width(self) -> float:
        return self.geometry.width - self.geometry.inside - self.geometry.outside

    def layouts(self) -> list[BackCoverLayout]:
        """The text rises while the logo above it stays inside the top margin, then steps down."""
        geometry, box = self.geometry, self.box
        above = box.gap + (box.height if self.logo is not None else box.padding)
        tops = [top for top in box.shares
                if top == box.shares[0] or geometry.height * top + above <= geometry.height - geometry.top]
        return ([BackCoverLayout(top, 1.0) for top in tops]
                + [BackCoverLayout(tops[-1], scale) for scale in scales(box.floor, self.fitting.decrement)[1:]])

    def _overflow(self, layout: BackCoverLayout, lines: list[str] | None = None) -> float:
        geometry, width = self.geometry, self._width()
        needed = sum(p.wrap(width, geometry.height)[1] for p in self._paragraphs(layout.scale, lines)) \
            + self.theme.styles.cover_organization.spaceAfter
        return needed - (geometry.height * layout.top - geometry.bottom)

    def fit(self) -> None:
        if self.layout is not None:
            return
        layouts = self.layouts()
        self.layout = next((layout for layout in layouts if self._overflow(layout) <= 0), None)
        if self.layout is not None:
            return
        self.layout = last = layouts[-1]
        removable = self.address
        fewer = next((count for count in range(1, len(removable) + 1) if self._overflow(
            last, [line for index, line in enumerate(self.lines) if index not in removable[-count:]]) <= 0), None)
        if fewer is not None:
            hint = f"give {fewer} address line{'s' if fewer > 1 else ''} fewer, or shorten the lines"
        else:
            hint = "shorten the organization's name and the address"
        self.log.error(f"the back cover's text runs {self._overflow(last):.0f} pt past its page, even set at "
                       f"{self.box.floor:.0%} of its size", self.spec_path + (("address",) if removable else ()), hint)

    def draw(self) -> None:
        self.fit()
        layout = self.layout
        assert layout is not None
        geometry = self.geometry
        canvas = self.canv
        self.fill_bleed(self.background)
        width = self._width()
        left = (geometry.width - width) / 2  # centred on the page, as the rule and the logo are, on either side
        top = geometry.height * layout.top
        if self.logo is not None:
            aspect = self.store.get(self.logo).aspect
            logo_height = self.box.height
            logo_width = min(logo_height * aspect, width)
            logo_height = logo_width / aspect
            self.place_image(self.store, self.logo, self.figure, (geometry.width - logo_width) / 2, top + self.box.gap,
                             logo_width, logo_height, cropped=False)
        with tagged(canvas, DECORATION):
            canvas.setFillColor(self.theme.palette.named("accent"))
            rule = self.theme.measures.box("back_cover.mark")
            canvas.rect((geometry.width - rule.width) / 2, top + rule.offset, rule.width, rule.height, stroke=0, fill=1)
        for index, paragraph in enumerate(self._paragraphs(layout.scale, tag=True)):
            gap = self.theme.styles.cover_organization.spaceAfter if index == 0 else 0.0
            top = draw_paragraph(canvas, paragraph, left, top, width) - gap
