"""Where a string's expressions are: text in, each `{{ … }}` (its source and offsets) out, or a located
ExpressionError. No Jinja here: a build whose spec has no expressions never imports it."""

from __future__ import annotations

from dataclasses import dataclass

from reportgen.bind.datasets import Where

OPEN, CLOSE = "{{", "}}"


@dataclass(frozen=True)
class Piece:
    """One `{{ … }}` of a string: its expression's source and where it stands in the string."""

    source: str
    start: int  # offset of `{{`
    end: int    # offset after `}}`


class ExpressionError(Exception):
    """What is wrong with one expression: message, hint, the piece (None: the string as a whole) and the
    data file position the problem comes from (a row, a bad value), if any."""

    def __init__(self, message: str, hint: str | None = None, piece: Piece | None = None,
                 data: Where | None = None):
        super().__init__(message)
        self.message, self.hint, self.piece, self.data = message, hint, piece, data


def pieces(text: str) -> list[Piece]:
    """Every `{{ … }}` in `text`, in order; an ExpressionError for a `{{` never closed. Quoted text inside an
    expression may hold `}}` (`{{ '}}' }}`)."""
    found, at = [], text.find(OPEN)
    while at >= 0:
        index, quote = at + 2, None
        while index < len(text):
            char = text[index]
            if quote:
                if char == "\\":
                    index += 1
                elif char == quote:
                    quote = None
            elif char in "'\"":
                quote = char
            elif text.startswith(CLOSE, index):
                break
            index += 1
        else:
            raise ExpressionError("this {{ is never closed", "end the expression with }}, e.g. {{ edition.name }}",
                                  Piece(text[at:at + 2], at, at + 2))
        found.append(Piece(text[at + 2:index].strip(), at, index + 2))
        at = text.find(OPEN, index + 2)
    return found
