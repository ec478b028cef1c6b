"""Footer formats: a footer template and its values in, the footer line (or every problem, with where it is) out.

A template is text with the placeholders `{page}`, `{title}`, `{subtitle}`, `{organization}` and
`{year}`; `{{` and `}}` are literal braces. Nothing else may stand between braces: there are no
format specs, widths or attributes (user text never reaches `str.format`). The validator and the
footer painter both use `parse_footer`, so what validates is exactly what is drawn.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Mapping

PLACEHOLDERS = ("page", "title", "subtitle", "organization", "year")
SEPARATOR = "|"
MAX_PROBLEMS = 5  # per template; a runaway template is not worth more than a few messages
PLACEHOLDER_HINT = ("placeholders are " + ", ".join("{" + name + "}" for name in PLACEHOLDERS)
                    + "; write {{ and }} for a literal brace")

_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")


@dataclass(frozen=True)
class TemplateProblem:
    """What is wrong in a footer template: the offending text, where it starts, and a hint."""

    offset: int
    text: str
    message: str
    hint: str = PLACEHOLDER_HINT


@dataclass(frozen=True)
class Piece:
    """Literal text, or a placeholder (`name` set)."""

    text: str = ""
    name: str | None = None


def parse_footer(template: str) -> tuple[list[Piece], list[TemplateProblem]]:
    """The template's pieces in order, and its problems (at most MAX_PROBLEMS)."""
    pieces: list[Piece] = []
    problems: list[TemplateProblem] = []
    position = 0
    for match in _TOKEN.finditer(template):
        if match.start() < position:  # inside a bad stretch already reported
            continue
        if len(problems) >= MAX_PROBLEMS:
            break
        if match.start() > position:
            pieces.append(Piece(template[position:match.start()]))
        token, name = match.group(), match.group(1)
        position = match.end()
        if token in ("{{", "}}"):
            pieces.append(Piece(token[0]))
        elif name is not None and name in PLACEHOLDERS:
            pieces.append(Piece(name=name))
        elif name is not None:
            problems.append(_not_a_placeholder(match.start(), token))
        elif token == "{":
            end = _closing(template, match.start())
            if end is None:
                problems.append(TemplateProblem(match.start(), token, "a `{` that no `}` closes"))
            else:
                problems.append(_not_a_placeholder(match.start(), template[match.start():end]))
                position = end
        else:
            problems.append(TemplateProblem(match.start(), token, "a `}` that no `{` opens"))
    if position < len(template) and len(problems) < MAX_PROBLEMS:
        pieces.append(Piece(template[position:]))
    return pieces, problems


def _not_a_placeholder(offset: int, text: str) -> TemplateProblem:
    import difflib  # only when something is misspelt

    inner = text.strip("{}")
    close = difflib.get_close_matches(re.split(r"[^a-z_]", inner.lower())[0] or inner, PLACEHOLDERS, n=1, cutoff=0.6)
    shown = text if len(text) <= 40 else text[:37] + "..."
    message = f"`{shown}` is not a footer placeholder"
    if re.search(r"[:!.\[{]", inner):
        message += " (footers take no format specs, widths or attributes)"
    hint = (f"did you mean `{{{close[0]}}}`? " if close and close[0] != inner else "") + PLACEHOLDER_HINT
    return TemplateProblem(offset, text, message, hint)


def _closing(template: str, start: int, reach: int = 200) -> int | None:
    """The end of the brace group opened at `start`, counting nested braces; None if it does not close
    within `reach` characters (so a runaway template costs linear time)."""
    depth = 0
    for index in range(start, min(len(template), start + reach)):
        depth += {"{": 1, "}": -1}.get(template[index], 0)
        if depth == 0:
            return index + 1
    return None


def fill(pieces: list[Piece], values: Mapping[str, str]) -> str:
    return "".join(values.get(piece.name, "") if piece.name else piece.text for piece in pieces)


def footer_line(template: str, values: Mapping[str, str]) -> str:
    """Fill the placeholders; a `|`-separated segment left empty (no subtitle, say) is dropped with its
    separator. A template with problems (which validation refuses) has them printed as written."""
    pieces, problems = parse_footer(template)
    if problems:
        pieces = [Piece(template)]
    segments: list[list[Piece]] = [[]]
    for piece in pieces:
        if piece.name is not None or SEPARATOR not in piece.text:
            segments[-1].append(piece)
            continue
        first, *rest = piece.text.split(SEPARATOR)
        segments[-1].append(Piece(first))
        segments += [[Piece(part)] for part in rest]
    if len(segments) == 1:
        return fill(segments[0], values)
    kept = [filled for filled in (fill(segment, values) for segment in segments) if filled.strip()]
    return _separator_spacing(template).join(part.strip() for part in kept)


def _separator_spacing(template: str) -> str:
    index = template.index(SEPARATOR)
    left = len(template[:index]) - len(template[:index].rstrip(" "))
    right = len(template[index + 1:]) - len(template[index + 1:].lstrip(" "))
    return " " * left + SEPARATOR + " " * right
