"""Cards: a row of achievement cards in, equal-height tinted panels out.

A row moves to the next page whole; only a row taller than a page is split, between the lines
of its cards' text, and continues on the next page."""

from __future__ import annotations

from reportlab.lib.colors import Color as RLColor
from reportlab.platypus import Flowable, Paragraph

from reportgen.diagnostics import SpecPath
from reportgen.layout.blocks.base import SpecFlowable, fill_parts, must_split
from reportgen.layout.markup import plain, rich_paragraphs
from reportgen.model.report import Card
from reportgen.theme import Theme

ACCENT_BAR = 4.0


class CardRow(SpecFlowable):
    def __init__(self, theme: Theme, cards: list[tuple[int, Card]], columns: int, fill: RLColor, accent: RLColor,
                 spec_path: SpecPath, contents: list[list[Flowable]] | None = None):
        super().__init__()
        self.theme, self.cards, self.columns, self.spec_path = theme, cards, columns, spec_path
        self.fill, self.accent = fill, accent
        self.spaceAfter = theme.measures.gutter
        if contents is not None:  # the continuation of a split row
            self.contents = contents
            return
        styles = theme.styles
        self.contents = []
        for _, card in cards:
            parts: list[Flowable] = [Paragraph(plain(card.title), styles.card_title)]
            if card.stat is not None:
                parts.append(Paragraph(plain(card.stat.value), styles.colored("stat_value", accent)))
                if card.stat.label:
                    parts.append(Paragraph(plain(card.stat.label), styles.stat_label))
            parts += rich_paragraphs(card.body, styles.card_body, styles.bullet)
            self.contents.append(parts)

    def _inner_width(self, available_width: float) -> float:
        gutter, padding = self.theme.measures.gutter, self.theme.measures.card_padding
        card_width = (available_width - gutter * (self.columns - 1)) / self.columns
        return card_width - 2 * padding - ACCENT_BAR

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        padding = self.theme.measures.card_padding
        inner = self._inner_width(available_width)
        self.width = available_width
        tallest = 0.0
        for parts in self.contents:
            height = 0.0
            for index, part in enumerate(parts):
                height += part.wrap(inner, 10_000)[1] + (part.getSpaceAfter() if index < len(parts) - 1 else 0)
            tallest = max(tallest, height)
        self.height = tallest + 2 * padding
        return (available_width, self.height)

    def split(self, available_width: float, available_height: float) -> list:
        height = self.wrap(available_width, available_height)[1]
        if not must_split(self, height):
            return []
        padding = self.theme.measures.card_padding
        inner = self._inner_width(available_width)
        halves = [fill_parts(parts, inner, available_height - 2 * padding) for parts in self.contents]
        if not any(first for first, _ in halves) or not any(rest for _, rest in halves):
            return []
        return [self._part([first for first, _ in halves]), self._part([rest for _, rest in halves])]

    def _part(self, contents: list[list[Flowable]]) -> "CardRow":
        return CardRow(self.theme, self.cards, self.columns, self.fill, self.accent, self.spec_path, contents)

    def draw(self) -> None:
        canvas = self.canv
        gutter, padding = self.theme.measures.gutter, self.theme.measures.card_padding
        inner = self._inner_width(self.width)
        card_width = inner + 2 * padding + ACCENT_BAR
        for column, parts in enumerate(self.contents):
            if not parts:  # a short card beside a long one that continues from the previous page
                continue
            x = column * (card_width + gutter)
            canvas.setFillColor(self.fill)
            canvas.roundRect(x, 0, card_width, self.height, 6, stroke=0, fill=1)
            canvas.setFillColor(self.accent)
            canvas.rect(x, padding, ACCENT_BAR, self.height - 2 * padding, stroke=0, fill=1)
            y = self.height - padding
            for part in parts:
                height = part.wrap(inner, 10_000)[1]
                part.drawOn(canvas, x + ACCENT_BAR + padding, y - height)
                y -= height + part.getSpaceAfter()
