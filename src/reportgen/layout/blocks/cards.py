"""Cards: a row of achievement cards in, equal-height tinted panels out.

A card's figure label is set apart from its text: the stylesheet's `card.label`, with its space below.

Figures share one size that fits the narrowest card, set smaller when they must (below 80% of
the design size, a warning); a figure with a word too wide even at the smallest size is an error.
A `wide` card takes the whole row: its title and figure stand in a narrow column on the
left and its text runs beside them, which keeps long cards from leaving half-empty rows.
A row moves to the next page whole; only a row taller than a page is split, between the
lines of its cards' text, and continues on the next page.
"""

from __future__ import annotations

import copy
import math

from reportlab.lib.colors import Color as RLColor
from reportlab.platypus import Flowable

from reportgen.diagnostics import Diagnostic, Severity, SpecPath
from reportgen.layout.blocks.base import (LayoutLog, SpecFlowable, balance_two_columns, fill_parts, fitted_size,
                                          must_split)
from reportgen.layout.blocks.columns import UNBOUNDED
from reportgen.layout.blocks.stats import (ChangeLine, WordsOf, change_color, figure_style, set_change, shrink_limit,
                                           stat_text)
from reportgen.layout.markup import plain, rich_paragraphs
from reportgen.layout.paragraph import Paragraph
from reportgen.reportlab_adapter.shaping import line_width
from reportgen.layout.tagging import DECORATION, Semantics, declared, tagged
from reportgen.model.strings import ENGLISH
from reportgen.sections.cards import Card
from reportgen.theme import Theme

def _stack_height(parts: list[Flowable], width: float) -> float:
    height = 0.0
    for index, part in enumerate(parts):
        height += part.wrap(width, UNBOUNDED)[1] + (part.getSpaceAfter() if index < len(parts) - 1 else 0)
    return height


def _draw_stack(canvas: object, parts: list[Flowable], x: float, top: float, width: float) -> float:
    for part in parts:
        height = part.wrap(width, UNBOUNDED)[1]
        part.drawOn(canvas, x, top - height)
        top -= height + part.getSpaceAfter()
    return top


def _gap_after(head: list[Flowable]) -> float:
    """Space between a card's head and its text (none when the head stayed on an earlier page)."""
    return head[-1].getSpaceAfter() if head else 0.0


class CardRow(SpecFlowable):
    """Each card is read as a Sect: its title (H2), its figure as one unit, then its text. The titles of a row's
    cards with figures take the height of the tallest of them, so the row's figures stand on one baseline."""

    def __init__(self, theme: Theme, cards: list[tuple[int, Card]], columns: int, fill: RLColor, accent: RLColor,
                 spec_path: SpecPath, pieces: list[tuple[list[Flowable], list[Flowable]]] | None = None,
                 parts: list[tuple[Semantics, Semantics | None]] | None = None, log: LayoutLog | None = None,
                 semantics: Semantics | None = None, problems: list[Diagnostic] | None = None,
                 words: WordsOf | None = None):
        super().__init__()
        self.theme, self.cards, self.spec_path = theme, cards, spec_path
        self.words: WordsOf = words or (lambda language: ENGLISH)
        self.log = log if log is not None else LayoutLog()
        self.wide = len(cards) == 1 and cards[0][1].wide and pieces is None
        self.columns = 1 if self.wide else columns
        self.fill, self.accent = fill, accent
        self.built_for: float | None = None
        self.spaceAfter = theme.measures.card_gap
        self.problems = list(problems or [])  # found when measured, recorded when drawn (once: a split's first piece)
        if pieces is not None and parts is not None and semantics is not None:
            # part of a row split across pages: each card's (head, text) that lands here, the row's elements
            self.heads, self.bodies = [head for head, _ in pieces], [body for _, body in pieces]
            self.parts, self.semantics = parts, semantics
            self.built_for = -1.0
        else:  # each card is a Sect: its title (H2), its figure as one unit, then its text
            # a card in its own language: its Sect's /Lang, its text hyphenated in that language
            own = [theme.for_language(card.language).styles for _, card in cards]
            self.bodies = [rich_paragraphs(card.body, styles.card_body, spec_path[:-1] + (index, "body"), self.log,
                                           styles.bullet, heading_style=styles.subheading, heading_role="H3",
                                           quote_style=styles.blockquote)
                           for (index, card), styles in zip(cards, own)]
            self.parts = [(Semantics("H2"), Semantics(
                "P", actual_text=stat_text(card.stat, self.words(card.stat.language or card.language)),
                lang=card.stat.language) if card.stat else None) for _, card in cards]
            self.semantics = Semantics(children=tuple(
                Semantics("Sect", lang=card.language,
                          children=tuple(part for part in (title, figure) if part) + tuple(declared(body)))
                for (title, figure), body, (_, card) in zip(self.parts, self.bodies, self.cards)))

    def _card_width(self, available_width: float) -> float:
        gutter = self.theme.measures.gutter
        return (available_width - gutter * (self.columns - 1)) / self.columns

    def _columns(self, card_width: float) -> tuple[float, float, float]:
        """(head width, body x offset, body width) inside a card, after padding and accent bar."""
        padding = self.theme.measures.card_padding
        inner = card_width - 2 * padding - self.theme.measures.card_rule
        if not self.wide:
            return (inner, 0.0, inner)
        head = inner * self.theme.measures.wide_card_head
        gap = self.theme.measures.gutter
        return (head, head + gap, inner - head - gap)

    def _build(self, available_width: float) -> None:
        """Paragraphs for this width; figures share one size that fits the narrowest head."""
        if self.built_for in (available_width, -1.0):
            return
        styles, measures = self.theme.styles, self.theme.measures
        head_width = self._columns(self._card_width(available_width))[0]
        size = fitted_size([card.stat.value for _, card in self.cards if card.stat], styles.stat_value,
                           styles.stat_value.fontSize, head_width, measures.stat_min_value_size)
        self.problems = self._check_figures(size, head_width)
        bold = self.theme.fonts.is_bold(styles.stat_value.fontName)
        value_style = figure_style(self.theme, self.theme.palette.legible(self.accent, self.fill, size, bold), size)
        self.heads = []  # only the figures depend on the width
        for _, card in self.cards:
            head: list[Flowable] = [Paragraph(plain(card.title), styles.card_title)]
            if card.stat is not None:
                head.append(Paragraph(plain(card.stat.value), value_style))
                if card.stat.change is not None:  # under the figure: a card's head is a narrow stack
                    words = self.words(card.stat.language or card.language)
                    color = change_color(self.theme, card.stat, self.fill)
                    head.append(ChangeLine(set_change(self.theme, card.stat, words, color, head_width, -1.0)))
                if card.stat.label:
                    head.append(Paragraph(plain(card.stat.label), styles.card_label))
            self.heads.append(head)
        self.built_for = available_width

    def _check_figures(self, size: float, head_width: float) -> list[Diagnostic]:
        """A figure set smaller than stat.figure's `floor` of its size is a warning (as in a stat row); one with a
        word wider than the card even at the smallest size would run off it: an error."""
        style, design = self.theme.styles.stat_value, self.theme.styles.stat_value.fontSize
        figures = [(index, card.stat.value) for index, card in self.cards if card.stat]
        problems: list[Diagnostic] = []
        if not figures:
            return problems
        def width(text: str) -> float:
            return line_width(text, style, size=size)
        overflowing = False
        for index, value in figures:
            word = max(value.split() or [value], key=width)
            if width(word) > head_width:
                overflowing = True
                cut = math.ceil((width(word) - head_width) / (width(word) / len(word)))
                problems.append(Diagnostic(
                    f"the figure {value!r} is {width(word):.0f} pt wide at {size:g} pt, the smallest size, "
                    f"but its card has {head_width:.0f} pt", self.card_path(index) + ("stat", "value"),
                    f"shorten {'it' if word == value else repr(word)} by about {cut} character"
                    f"{'s' if cut > 1 else ''}, break it with a space, or give the cards fewer columns",
                    severity=Severity.ERROR))
        if size < design * shrink_limit(self.theme) and not overflowing:
            longest = max(figures, key=lambda figure: width(figure[1]))[0]
            problems.append(Diagnostic(f"card figures were set at {size:g} pt instead of {design:g} pt to fit their "
                                       "cards", self.card_path(longest) + ("stat", "value"),
                                       "shorten the longest figure or give the cards fewer columns",
                                       severity=Severity.WARNING))
        return problems

    def card_path(self, index: int) -> SpecPath:
        """The spec path of the section's card `index` (the row's path names its first card)."""
        return tuple(self.spec_path[:-1]) + (index,)

    def _title_room(self, head_width: float) -> list[float]:
        """How much lower each card's head continues than its own title would put it: for a card with a figure, the
        tallest title of the row's cards with figures less its own; nothing for a card without one, or in a piece
        of a split row (whose heads may have left their titles behind)."""
        if self.built_for == -1.0:
            return [0.0] * len(self.heads)
        titles = [head[0].wrap(head_width, UNBOUNDED)[1] if len(head) > 1 else None for head in self.heads]
        tallest = max((title for title in titles if title is not None), default=0.0)
        return [tallest - title if title is not None else 0.0 for title in titles]

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        padding = self.theme.measures.card_padding
        self._build(available_width)
        self.width = available_width
        head_width, _, body_width = self._columns(self._card_width(available_width))
        aligned = self._title_room(head_width)
        plain = [0.0] * len(self.heads)
        self.rooms = aligned
        self.height = self._tallest(head_width, body_width, aligned) + 2 * padding
        if any(aligned) and self.height > available_height:
            # the figures on one baseline would not fit where the row is: it is set as its cards are, rather than
            # move on (and the pages after it) for the alignment
            height = self._tallest(head_width, body_width, plain) + 2 * padding
            if height < self.height:
                self.rooms, self.height = plain, height
        return (available_width, self.height)

    def _tallest(self, head_width: float, body_width: float, rooms: list[float]) -> float:
        tallest = 0.0
        for head, body, room in zip(self.heads, self.bodies, rooms):
            head_height = _stack_height(head, head_width) + room
            body_height = _stack_height(body, body_width)
            if self.wide:
                column_width = (body_width - self.theme.measures.gutter) / 2
                self.body_columns = balance_two_columns(body, column_width)
                height = max(head_height, self.body_columns[2])
            else:
                height = head_height + (_gap_after(head) + body_height if body else 0)
            tallest = max(tallest, height)
        return tallest

    def split(self, available_width: float, available_height: float) -> list:
        """New pieces; this row is left as it is (as ReportLab's flowable contract asks): a copy is measured."""
        measured = copy.copy(self)
        height = measured.wrap(available_width, available_height)[1]
        if not must_split(self, height):
            return []
        padding = self.theme.measures.card_padding
        inner = self._card_width(available_width) - 2 * padding - self.theme.measures.card_rule
        here, there = [], []
        for head, body in zip(measured.heads, measured.bodies):
            first, rest = fill_parts(head + body, inner, available_height - 2 * padding)
            head_left = max(0, len(head) - len(first))  # head items that did not fit move on too
            here.append((first[:len(head)], first[len(head):]))
            there.append((rest[:head_left], rest[head_left:]))
        if not any(h or b for h, b in here) or not any(h or b for h, b in there):
            return []
        return [CardRow(self.theme, self.cards, self.columns, self.fill, self.accent, self.spec_path, part, self.parts,
                        self.log, self.semantics, problems, self.words)
                for part, problems in ((here, measured.problems), (there, []))]

    def draw(self) -> None:
        for problem in self.problems:
            self.log.add(problem)
        canvas = self.canv
        gutter, padding = self.theme.measures.gutter, self.theme.measures.card_padding
        radius, bar = self.theme.measures.card_radius, self.theme.measures.card_rule
        card_width = self._card_width(self.width)
        head_width, body_offset, body_width = self._columns(card_width)
        rooms = self.rooms
        for column, (head, body) in enumerate(zip(self.heads, self.bodies)):
            if not head and not body:  # a short card beside a long one that continues from the previous page
                continue
            x = column * (card_width + gutter)
            with tagged(canvas, DECORATION):
                canvas.setFillColor(self.fill)
                canvas.roundRect(x, 0, card_width, self.height, radius, stroke=0, fill=1)
                canvas.setFillColor(self.accent)
                canvas.rect(x, padding, bar, self.height - 2 * padding, stroke=0, fill=1)
            left = x + bar + padding
            top = self.height - padding
            title, figure = self.parts[column]
            with tagged(canvas, title):
                below_title = _draw_stack(canvas, head[:1], left, top, head_width) - rooms[column]
            if figure is not None:
                with tagged(canvas, figure):
                    _draw_stack(canvas, head[1:], left, below_title, head_width)
            if self.wide:
                column_width = (body_width - gutter) / 2
                first, second, _ = self.body_columns
                _draw_stack(canvas, first, left + body_offset, top, column_width)
                _draw_stack(canvas, second, left + body_offset + column_width + gutter, top, column_width)
            elif body:
                top -= _stack_height(head, head_width) + rooms[column] + _gap_after(head)
                _draw_stack(canvas, body, left, top, body_width)
