"""The `cards` block: a cards section in, a grid of achievement cards (rows of 2 or 3, wide cards a row each) out."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from reportgen.diagnostics import SpecPath
from reportgen.model.base import Model, field
from reportgen.model.parts import SectionBase, Stat
from reportgen.model.richtext import RichText
from reportgen.model.types import LanguageTag, Rich, Text, Words
from reportgen.sections.block import Block

if TYPE_CHECKING:
    from reportlab.platypus import Flowable

    from reportgen.layout.sections import BuildContext


class Card(Model):
    title: Words
    body: Rich = RichText("", ())
    stat: Stat | None = None
    wide: bool = False
    language: LanguageTag | None = None


class Cards(SectionBase):
    synonyms = {"items": "cards", "card": "cards", "list": "cards"}

    type: Literal["cards"]
    title: Words
    lead: Rich = RichText("", ())
    columns: Literal[2, 3] = 2
    cards: tuple[Card, ...] = field(min_length=1)


NOTES = {
    "Cards.type": ("`cards`: a grid of achievement cards.", "cards"),
    "Cards.title": ("The section's heading.", "Highlights"),
    "Cards.lead": ("A large introductory paragraph.", "A year of firsts."),
    "Cards.columns": ("Cards per row.", "3"),
    "Cards.cards": ("The cards, at least one.", "see [Card](#card)"),
    "Card.title": ("The card's heading.", "Literacy"),
    "Card.body": ("The card's text.", "Trained 6,000 educators."),
    "Card.stat": ("A figure at the top of the card (its `change`, if any, under it).", "{value: '6,000', label: Educators}"),
    "Card.wide": ("Take a whole row: title and figure on the left, text on the right.", "true"),
    "Card.language": ("Language of the card's text when it differs from its section's, a BCP 47 tag: the card's "
                      "structure element's /Lang and its text's hyphenation.", "es"),
}


def card_rows(cards: tuple[Card, ...], columns: int) -> list[list[tuple[int, Card]]]:
    """Group cards into rows in spec order; a wide card takes a row of its own."""
    rows: list[list[tuple[int, Card]]] = []
    current: list[tuple[int, Card]] = []
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


def layout(section: Cards, build: BuildContext, path: SpecPath) -> list[Flowable]:
    from reportlab.platypus import KeepTogether

    from reportgen.layout.blocks.cards import CardRow

    palette = build.theme.palette
    primary = build.report.theme.colors.primary
    head: list[Flowable] = [build.title(section.title)] + build.lead(section.lead, path + ("lead",))
    rows: list[Flowable] = []
    for group in card_rows(section.cards, section.columns):
        fill = build.theme.measures.card_background or palette(primary.tint(0.93))  # stylesheet: card.background
        rows.append(CardRow(build.theme, group, section.columns, fill,
                            palette.named("accent"), path + ("cards", group[0][0]), log=build.log,
                            words=build.words_of))
    return [KeepTogether(head + rows[:1])] + rows[1:]


BLOCK = Block("cards", Cards, layout, order=70, notes=NOTES, flows=True,
              sample={"type": "cards", "title": "Sample Cards", "columns": 2,
                      "cards": [{"title": "Sample Card", "body": "Sample card text.",
                                 "stat": {"value": "7", "label": "Sample count"}},
                                {"title": "Wide Sample Card", "body": "Sample wide text.", "wide": True}]})
