"""Rich text: the spec's lightweight markup in, frozen blocks of styled spans (and every link as written) out.

Markup: paragraphs separated by blank lines; `**bold**`, `*italic*`, `[text](url)`;
lines starting with "- " (or "• ") are bullet items. Bare URLs, `www.` addresses and
e-mail addresses become links. Link targets are http(s), mailto, tel or `#id`; any other
scheme (file:, javascript:, data: ...) is refused: the span stays plain text and the link
is recorded with its problem for validation to report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

ALLOWED_SCHEMES = ("http", "https", "mailto", "tel")
LINK_HINT = "allowed are http://, https://, mailto:, tel: and #id of a section"

_BULLET = re.compile(r"^\s*(?:[-•*])\s+")
_URL_CHAR = r"[^\s<>\"()]"
_URL_GROUP = rf"\({_URL_CHAR}*\)"  # balanced parentheses, one level: .../Python_(programming_language)
_URL_END = rf"(?:[^\s<>\".,;:!?()\]’”]|{_URL_GROUP})"  # no trailing punctuation, no unbalanced )
_URL_TAIL = rf"(?:{_URL_CHAR}|{_URL_GROUP})*{_URL_END}"
_INLINE = re.compile(
    r"(?P<escape>\\[*\[\]\\])"
    r"|(?P<link>\[(?P<link_text>[^\]]+)\]\((?P<link_target>(?:[^()\s]|\([^()\s]*\))+)\))"
    r"|(?P<strong>\*\*)"
    r"|(?P<em>\*)"
    rf"|(?P<url>\b(?:https?://|www\.){_URL_TAIL}"
    rf"|\b(?:[a-z0-9-]+\.)+(?:edu|org|com|gov|net)\b(?:/{_URL_TAIL})?)"
    r"|(?P<email>\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b)"
)
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):(?!\d+(?:[/?#]|$))")  # `host:8080/x` is a host and port


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
class Link:
    """A link as written: where it starts in the source text, its target as written, and the href it
    gives, or None and the problem when the target is refused."""

    offset: int
    written: str
    href: str | None
    problem: str | None = None

    @property
    def anchor(self) -> str | None:
        """The section anchor an internal link (`#id`) names."""
        return self.href[1:] if self.href is not None and self.href.startswith("#") else None


@dataclass(frozen=True)
class RichText:
    source: str
    blocks: tuple[Block, ...]
    links: tuple[Link, ...] = ()

    @property
    def text(self) -> str:
        return "\n\n".join(block.text for block in self.blocks)

    def __bool__(self) -> bool:
        return bool(self.blocks)


class LinkError(ValueError):
    """A link target that may not become a live link."""


def link_target(text: str) -> str:
    """The href for an address as written: adds mailto: to e-mail and https:// to bare names.
    Raises LinkError for a scheme other than http, https, mailto and tel."""
    if text.startswith("#"):
        return text
    if text.startswith("//"):
        return "https:" + text
    scheme = _SCHEME.match(text)
    if scheme is not None:
        name = scheme.group(1).lower()
        if name not in ALLOWED_SCHEMES:
            raise LinkError(f"the link {_shown(text)} uses the scheme `{scheme.group(1)}:`, which is not allowed")
        return text
    if "@" in text and "/" not in text:
        return "mailto:" + text
    return "https://" + text


def contact_href(kind: str, value: str) -> str:
    """The href for a back cover's `url`, `email` or `phone`; raises LinkError for a refused scheme."""
    if kind == "email":
        return value if value.lower().startswith("mailto:") else "mailto:" + value.replace(" ", "")
    if kind == "phone":
        return value if value.lower().startswith("tel:") else "tel:" + value.replace(" ", "")
    return link_target(value.replace(" ", ""))


def _shown(text: str) -> str:
    return repr(text if len(text) <= 60 else text[:57] + "...")


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
    links: list[Link] = []
    for chunk, offset in _chunks(value):
        for kind, text, where in _split_bullets(chunk, offset):
            spans, found = _parse_inline(text)
            links += [Link(where(at), written, href, problem) for at, written, href, problem in found]
            if spans:
                blocks.append(Block(kind, spans))
    return RichText(value, tuple(blocks), tuple(links))


def _chunks(value: str) -> list[tuple[str, int]]:
    """The paragraphs (text between blank lines) and where each starts in `value`."""
    stripped = value.strip()
    start = len(value) - len(value.lstrip())
    chunks, position = [], 0
    for separator in re.finditer(r"\n\s*\n", stripped):
        chunks.append((stripped[position:separator.start()], start + position))
        position = separator.end()
    chunks.append((stripped[position:], start + position))
    return chunks


def _split_bullets(chunk: str, offset: int) -> list[tuple[str, str, Callable[[int], int]]]:
    """Bullet items and paragraphs of one chunk: their kind, their lines joined by spaces, and a map from an
    offset in the joined text back to one in the source."""
    items: list[tuple[str, list[tuple[str, int]]]] = []
    for line in chunk.splitlines(keepends=True):
        bullet = _BULLET.match(line)
        if bullet:
            items.append(("bullet", [(line[bullet.end():], offset + bullet.end())]))
        elif items:
            items[-1][1].append((line, offset))
        else:
            items.append(("paragraph", [(line, offset)]))
        offset += len(line)
    result = []
    for kind, lines in items:
        parts = [(part.strip(), at + len(part) - len(part.lstrip())) for part, at in lines if part.strip()]
        starts, position = [], 0
        for part, at in parts:
            starts.append((position, at))
            position += len(part) + 1
        result.append((kind, " ".join(part for part, _ in parts), _offset_map(starts)))
    return result


def _offset_map(starts: list[tuple[int, int]]) -> Callable[[int], int]:
    def where(joined: int) -> int:
        start, at = next((pair for pair in reversed(starts) if pair[0] <= joined), (0, 0))
        return at + joined - start
    return where


def parse_inline(text: str) -> tuple[Span, ...]:
    """Split one paragraph into spans; unmatched `*` markers are kept as text."""
    return _parse_inline(text)[0]


def _parse_inline(text: str) -> tuple[tuple[Span, ...], list[tuple[int, str, str | None, str | None]]]:
    """The spans of one paragraph, and each link: (offset, target as written, href or None, problem)."""
    spans: list[Span] = []
    links: list[tuple[int, str, str | None, str | None]] = []
    bold = italic = False
    buffer = ""
    markers = _balanced_markers(text)

    def flush() -> None:
        nonlocal buffer
        if buffer:
            spans.append(Span(buffer, bold, italic))
            buffer = ""

    def link(written: str, at: int) -> str | None:
        try:
            href = link_target(written)
        except LinkError as error:
            links.append((at, written, None, str(error)))
            return None
        links.append((at, written, href, None))
        return href

    position = 0
    for match in _INLINE.finditer(text):
        buffer += text[position:match.start()]
        position = match.end()
        kind = match.lastgroup
        if kind == "escape":
            buffer += match.group()[1]
        elif kind == "link":
            flush()
            spans.append(Span(match.group("link_text"), bold, italic, link(match.group("link_target"), match.start())))
        elif kind in ("url", "email"):
            flush()
            spans.append(Span(match.group(), bold, italic, link(match.group(), match.start())))
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
    return tuple(_merge(spans)), links


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
