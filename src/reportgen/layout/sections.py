"""Section builders: one model section in, the flowables that lay it out on the page out."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer
from reportlab.platypus.flowables import ImageAndFlowables

from reportgen.diagnostics import SpecPath
from reportgen.layout.anchors import AnchorRegistry
from reportgen.layout.blocks.band import PillarBand
from reportgen.layout.blocks.base import LayoutLog
from reportgen.layout.blocks.cards import CardRow
from reportgen.layout.blocks.contents import ContentsEntry
from reportgen.layout.blocks.feature import BackCoverPage, CoverPage, QuotePage
from reportgen.layout.blocks.columns import Columns, KeepWithNext
from reportgen.layout.blocks.overview import PillarTile
from reportgen.layout.blocks.photo import Photo
from reportgen.layout.blocks.pie import BudgetPie
from reportgen.layout.blocks.stats import StatRow
from reportgen.layout.geometry import PageGeometry
from reportgen.layout.images import ImageStore
from reportgen.layout.markup import plain, rich_paragraphs
from reportgen.layout.paragraph import Paragraph
from reportgen.layout.tagging import TaggedParagraph
from reportgen.model import report as model
from reportgen.model.colors import Color
from reportgen.model.richtext import LinkError, RichText, contact_href
from reportgen.theme import Theme

PORTRAIT_WIDTH = 150.0


def _is_list_item(flowable: Flowable) -> bool:
    return bool(getattr(flowable, "label", None))


def card_rows(cards: tuple[model.Card, ...], columns: int) -> list[list[tuple[int, model.Card]]]:
    """Group cards into rows in spec order; a wide card takes a row of its own."""
    rows: list[list[tuple[int, model.Card]]] = []
    current: list[tuple[int, model.Card]] = []
    for index, card in enumerate(cards):
        if card.wide:
            if current:
                rows.append(current)
                current = []
            rows.append([(index, card)])
            continue
        current.append((index, card))
        if len(current) == columns:
            rows.append(current)
            current = []
    if current:
        rows.append(current)
    return rows


@dataclass(frozen=True)
class Entry:
    """A section as the contents page and the outline see it."""

    index: int
    key: str
    title: str
    level: int
    color: Color | None = None


@dataclass
class SectionContext:
    report: model.Report
    theme: Theme
    geometry: PageGeometry
    store: ImageStore
    registry: AnchorRegistry
    log: LayoutLog
    entries: list[Entry]
    keys: list[str]

    # ------------------------------------------------------------ shared pieces

    def body(self, text: RichText, color: object = None) -> list[Flowable]:
        """Body paragraphs; bullets take the section's colour when it has one."""
        styles = self.theme.styles
        bullet = styles.colored("bullet", color, "bulletColor") if color is not None else styles.bullet
        return rich_paragraphs(text, styles.body, bullet)

    def lead(self, text: RichText, style_name: str = "lead") -> list[Flowable]:
        return rich_paragraphs(text, getattr(self.theme.styles, style_name))

    def title(self, text: str, color: object = None) -> Paragraph:
        styles = self.theme.styles
        return TaggedParagraph(plain(text), styles.colored("title", color) if color is not None else styles.title,
                               role="H1")

    def photo(self, image: model.ImageRef, path: SpecPath, **options: float) -> Photo:
        return Photo(self.theme, image, self.store, path, self.log, **options)  # type: ignore[arg-type]

    def pillar_color(self, section: model.Pillar) -> Color:
        return section.color if section.color is not None else self.theme.palette.pillar(section.number)

    def columns(self, flowables: list[Flowable], count: int) -> list[Flowable]:
        if count < 2 or len(flowables) < 2:
            return flowables
        return [Columns(flowables, count, self.theme.measures.gutter)]

    def with_images(self, paragraphs: list[Flowable], images: tuple[model.ImageRef, ...], path: SpecPath) -> list[Flowable]:
        """Spread photos evenly through the paragraphs: never before the first one, never inside a list."""
        result = list(paragraphs)
        count = len(images)
        for position, image in reversed(list(enumerate(images))):
            after = min(max(1, round((position + 1) * len(paragraphs) / (count + 1))), len(result))
            while 0 < after < len(result) and _is_list_item(result[after - 1]) and _is_list_item(result[after]):
                after += 1
            result.insert(after, self.photo(image, path + ("images", position)))
        return result

    def floated(self, paragraphs: list[Flowable], images: tuple[model.ImageRef, ...], path: SpecPath) -> list[Flowable]:
        """Photos beside the text, alternating sides, text wrapping around them."""
        measures = self.theme.measures
        width = self.geometry.content_width * measures.float_width
        result: list[Flowable] = []
        remaining = list(paragraphs)
        share = max(1, len(paragraphs) // max(1, len(images)))
        for position, image in enumerate(images):
            photo = self.photo(image, path + ("images", position), width=width)
            taken, remaining = remaining[:share], remaining[share:]
            if position == len(images) - 1:
                taken, remaining = taken + remaining, []
            result.append(ImageAndFlowables(photo, taken, imageLeftPadding=measures.gutter if position % 2 == 0 else 0,
                                            imageRightPadding=0 if position % 2 == 0 else measures.gutter,
                                            imageSide="right" if position % 2 == 0 else "left"))
        return result + remaining

    # ------------------------------------------------------------ section types

    def cover(self, section: model.Cover, path: SpecPath) -> list[Flowable]:
        meta, palette = self.report.meta, self.theme.palette
        background = palette(section.background or self.report.theme.colors.primary)
        paths = {"title": path + ("title",) if section.title else ("meta", "title"),
                 "subtitle": path + ("subtitle",) if section.subtitle is not None else ("meta", "subtitle"),
                 "organization": path + ("organization",) if section.organization else ("meta", "organization"),
                 "image": path + ("image",)}
        return [CoverPage(self.theme, self.geometry, path, title=section.title or meta.title,
                          subtitle=section.subtitle if section.subtitle is not None else meta.subtitle,
                          organization=section.organization or meta.organization,
                          year=section.year, background=background,
                          image=section.image.file if section.image else None, store=self.store,
                          image_alt=section.image.alt if section.image else None, log=self.log, paths=paths)]

    def quote(self, section: model.Quote, path: SpecPath) -> list[Flowable]:
        palette = self.theme.palette
        background = palette(section.background or self.report.theme.colors.primary)
        return [QuotePage(self.theme, self.geometry, path, text=section.text, author=section.author,
                          background=background, log=self.log)]

    def back_cover(self, section: model.BackCover, path: SpecPath) -> list[Flowable]:
        meta, palette = self.report.meta, self.theme.palette
        lines = [section.organization or meta.organization, *section.address]
        links: dict[str, str] = {}
        for kind, value in (("url", section.url), ("email", section.email), ("phone", section.phone)):
            if value:
                lines.append(value)
                try:
                    links[value] = contact_href(kind, value)
                except LinkError:  # refused by validation; never a live link
                    pass
        background = palette(section.background or self.report.theme.colors.primary)
        return [BackCoverPage(self.theme, self.geometry, path, lines=lines, links=links, background=background,
                              logo=section.logo.file if section.logo else None, store=self.store,
                              logo_alt=section.logo.alt if section.logo else None, log=self.log,
                              address=range(1, 1 + len(section.address)))]

    def contents(self, section: model.Contents, path: SpecPath) -> list[Flowable]:
        styles, palette = self.theme.styles, self.theme.palette
        flowables: list[Flowable] = [self.title(section.title), Spacer(0, 8)]
        for entry in self.entries:
            style = styles.contents_entry if entry.level == 0 else styles.contents_subentry
            chip = palette(entry.color) if entry.color is not None else None
            flowables.append(ContentsEntry(entry.title, entry.key, entry.level, style, self.registry,
                                           palette.named("rule"), ("sections", entry.index),
                                           indent=0 if entry.level == 0 else 22, chip=chip))
        return flowables

    def letter(self, section: model.Letter, path: SpecPath) -> list[Flowable]:
        styles = self.theme.styles
        paragraphs = self.body(section.body)
        flowables: list[Flowable] = [self.title(section.title)]
        if section.image is not None:
            portrait = self.photo(section.image, path + ("image",), width=PORTRAIT_WIDTH, max_height=PORTRAIT_WIDTH * 1.4)
            lead_count = min(len(paragraphs), 4)
            flowables.append(ImageAndFlowables(portrait, paragraphs[:lead_count], imageLeftPadding=16,
                                               imageRightPadding=0, imageSide="right"))
            flowables += paragraphs[lead_count:]
        else:
            flowables += paragraphs
        if section.signature is not None:
            flowables.append(KeepTogether([
                TaggedParagraph(plain(section.signature.name), styles.signature_name),
                TaggedParagraph(plain(section.signature.role), styles.signature_role)]))
        return flowables

    def text(self, section: model.TextSection, path: SpecPath) -> list[Flowable]:
        color = self.theme.palette(section.color) if section.color is not None else None
        accent = color or self.theme.palette.named("primary")
        head: list[Flowable] = [self.title(section.title, color)] + self.lead(section.lead)
        if section.stats:
            head.append(StatRow(self.theme, section.stats, accent, path + ("stats",), self.log))
        flow = self.body(section.body)
        for index, subsection in enumerate(section.subsections):
            sub_path = path + ("subsections", index)
            parts: list[Flowable] = [TaggedParagraph(plain(subsection.title), self.theme.styles.heading, role="H2")]
            parts += self.body(subsection.body)
            if subsection.stats:
                parts.append(StatRow(self.theme, subsection.stats, accent, sub_path + ("stats",), self.log))
            parts += [self.photo(image, sub_path + ("images", i)) for i, image in enumerate(subsection.images)]
            if section.columns > 1 and len(parts) > 1:  # balanced columns ignore keepWithNext: bind the heading
                parts[:2] = [KeepWithNext(parts[0], parts[1])]
            flow += parts
        if section.columns == 1 and section.images:
            body = self.floated(flow, section.images, path)
        else:
            body = self.with_images(flow, section.images, path)
        if section.columns == 1:
            return [KeepTogether(head + body[:1])] + body[1:]
        return [KeepTogether(head)] + self.columns(body, section.columns)

    closing = text

    def cards(self, section: model.Cards, path: SpecPath) -> list[Flowable]:
        palette = self.theme.palette
        primary = self.report.theme.colors.primary
        head: list[Flowable] = [self.title(section.title)] + self.lead(section.lead)
        rows: list[Flowable] = []
        for group in card_rows(section.cards, section.columns):
            rows.append(CardRow(self.theme, group, section.columns, palette(primary.tint(0.93)),
                                palette.named("accent"), path + ("cards", group[0][0]), log=self.log))
        return [KeepTogether(head + rows[:1])] + rows[1:]

    def pillars_overview(self, section: model.PillarsOverview, path: SpecPath) -> list[Flowable]:
        flowables: list[Flowable] = [self.title(section.title)] + self.lead(section.lead)
        flowables.append(Spacer(0, 6))
        for index, other in enumerate(self.report.sections):
            if isinstance(other, model.Pillar):
                flowables.append(PillarTile(self.theme, other.number, other.title,
                                            self.theme.palette(self.pillar_color(other)), self.keys[index],
                                            ("sections", index)))
        flowables.append(Spacer(0, 10))
        return flowables + self.body(section.body)

    def pillar(self, section: model.Pillar, path: SpecPath) -> list[Flowable]:
        palette, styles = self.theme.palette, self.theme.styles
        color = palette(self.pillar_color(section))
        head: list[Flowable] = [PillarBand(self.theme, self.geometry, path, number=section.number,
                                           title=section.title, kicker=f"Pillar {section.number}", color=color)]
        head += rich_paragraphs(section.goal, styles.colored("goal", color))
        if section.stats:
            head.append(StatRow(self.theme, section.stats, color, path + ("stats",), self.log))
        lead = self.lead(section.lead)
        body = self.with_images(self.body(section.body, color), section.images, path)
        return [KeepTogether(head)] + lead + self.columns(body, 2)

    def financials(self, section: model.Financials, path: SpecPath) -> list[Flowable]:
        primary = self.theme.palette.named("primary")
        flowables: list[Flowable] = [self.title(section.title)] + self.lead(section.lead)
        if section.stats:
            flowables.append(StatRow(self.theme, section.stats, primary, path + ("stats",), self.log))
        if section.pie is not None:
            if section.pie.title:
                flowables.append(CondPageBreak(self.theme.measures.pie_size + 60))
            flowables.append(BudgetPie(self.theme, section.pie, path + ("pie",)))
        return flowables + self.body(section.body)
