"""Rich text: the spec's lightweight markup in, frozen blocks of styled spans out.

Markup: paragraphs separated by blank lines; `**bold**`, `*italic*`, `[text](url)`;
lines starting with "- " (or "• ") are bullet items. Bare URLs, `www.` addresses and
e-mail addresses become links.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_BULLET = re.compile(r"^\s*(?:[-•*])\s+")
_INLINE = re.compile(
    r"(?P<escape>\\[*\[\]\\])"
    r"|(?P<link>\[(?P<link_text>[^\]]+)\]\((?P<link_target>[^)\s]+)\))"
    r"|(?P<strong>\*\*)"
    r"|(?P<em>\*)"
    r"|(?P<url>\b(?:https?://|www\.)[^\s<>\"]*[^\s<>\".,;:!?)\]’”]"
    r"|\b(?:[a-z0-9-]+\.)+(?:edu|org|com|gov|net)\b(?:/[^\s<>\"]*[^\s<>\".,;:!?)\]’”])?)"
    r"|(?P<email>\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b)"
)


@dataclass(frozen=True)
class Span:
    text: str
    bold: bool = False
    italic: bool = False
    link: str | None = None


@dataclass(frozen=True)
class Block:
    kind: str  # "paragraph" or "bullet"
    spans: tuple[Span, ...]

    @property
    def text(self) -> str:
        return "".join(span.text for span in self.spans)


@dataclass(frozen=True)
class RichText:
    source: str
    blocks: tuple[Block, ...]

    @property
    def text(self) -> str:
        return "\n\n".join(block.text for block in self.blocks)

    def __bool__(self) -> bool:
        return bool(self.blocks)


def link_target(text: str) -> str:
    """The href for an address as written: adds mailto: to e-mail and https:// to bare names."""
    if "://" in text or text.startswith(("mailto:", "tel:", "#")):
        return text
    if "@" in text and "/" not in text:
        return "mailto:" + text
    return "https://" + text


def parse_rich_text(value: object) -> RichText:
    if isinstance(value, RichText):
        return value
    if isinstance(value, bool) or value is None:
        raise ValueError(f"expected text, got {value!r}")
    if isinstance(value, (int, float)):
        value = str(value)
    if not isinstance(value, str):
        raise ValueError(f"expected text, got a {type(value).__name__}")
    blocks: list[Block] = []
    for chunk in re.split(r"\n\s*\n", value.strip()):
        for kind, text in _split_bullets(chunk):
            spans = parse_inline(text)
            if spans:
                blocks.append(Block(kind, spans))
    return RichText(value, tuple(blocks))


def _split_bullets(chunk: str) -> list[tuple[str, str]]:
    items: list[tuple[str, list[str]]] = []
    for line in chunk.splitlines():
        if _BULLET.match(line):
            items.append(("bullet", [_BULLET.sub("", line, count=1)]))
        elif items:
            items[-1][1].append(line)
        else:
            items.append(("paragraph", [line]))
    return [(kind, " ".join(part.strip() for part in lines if part.strip())) for kind, lines in items]


def parse_inline(text: str) -> tuple[Span, ...]:
    """Split one paragraph into spans; unmatched `*` markers are kept as text."""
    spans: list[Span] = []
    bold = italic = False
    buffer = ""
    markers = _balanced_markers(text)

    def flush() -> None:
        nonlocal buffer
        if buffer:
            spans.append(Span(buffer, bold, italic))
            buffer = ""

    position = 0
    for match in _INLINE.finditer(text):
        buffer += text[position:match.start()]
        position = match.end()
        kind = match.lastgroup
        if kind == "escape":
            buffer += match.group()[1]
        elif kind == "link":
            flush()
            spans.append(Span(match.group("link_text"), bold, italic, link_target(match.group("link_target"))))
        elif kind in ("url", "email"):
            flush()
            spans.append(Span(match.group(), bold, italic, link_target(match.group())))
        elif kind == "strong" and match.start() in markers:
            flush()
            bold = not bold
        elif kind == "em" and match.start() in markers:
            flush()
            italic = not italic
        else:
            buffer += match.group()
    buffer += text[position:]
    flush()
    return tuple(_merge(spans))


def _balanced_markers(text: str) -> set[int]:
    """Offsets of `**` and `*` markers that open and close a run, as in Markdown:
    an opener is followed by a non-space, a closer follows a non-space. Others stay literal."""
    result: set[int] = set()
    if "*" not in text:
        return result
    markers = [match for match in _INLINE.finditer(text) if match.lastgroup in ("strong", "em")]
    for marker in ("**", "*"):
        opener: int | None = None
        for match in markers:
            if match.group() != marker:
                continue
            start, end = match.start(), match.end()
            after = text[end:end + 1]
            before = text[start - 1:start]
            if opener is not None and before and not before.isspace():
                result.update((opener, start))
                opener = None
            elif after and not after.isspace():
                opener = start
    return result


def _merge(spans: list[Span]) -> list[Span]:
    merged: list[Span] = []
    for span in spans:
        if merged and span.link is None and merged[-1].link is None and \
                (merged[-1].bold, merged[-1].italic) == (span.bold, span.italic):
            merged[-1] = Span(merged[-1].text + span.text, span.bold, span.italic)
        else:
            merged.append(span)
    return merged
