"""Rich text: the spec's CommonMark in, frozen blocks of styled spans (and every link as written) out.

Rich text is CommonMark (parsed by markdown-it-py, in reportgen.model.commonmark): paragraphs, `**strong**`
and `*emphasis*`, `[text](url)` links, bullet and numbered lists (nested one level), `###` sub-headings,
block quotes and hard line breaks. Bare URLs, `www.` addresses and e-mail addresses become links. Link
targets are http(s), mailto, tel or `#id`; any other scheme (file:, javascript:, data: ...) is refused: the
span stays plain text and the link is recorded with its problem for validation to report. Every other
construct (raw HTML, images, tables, code, rules, other heading levels, deeper lists) is recorded as a
`Refusal` where it is written, with what to use instead, for validation to report.

Parsing a text is kept in the build cache (`RichTextParser`, by a hash of the text and PARSER_VERSION), so
a build whose texts are all known there never imports the parser.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ALLOWED_SCHEMES = ("http", "https", "mailto", "tel")
LINK_HINT = "allowed are http://, https://, mailto:, tel: and #id of a section"
PARSER_VERSION = 1  # what a cached parse was made by: bump it when the model made of a text changes
KINDS = ("paragraph", "heading", "bullet", "number")

_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):(?!\d+(?:[/?#]|$))")  # `host:8080/x` is a host and port


@dataclass(frozen=True)
class Span:
    """Words in one style; a hard line break is a span of its own whose text is "\\n"."""

    text: str
    bold: bool = False
    italic: bool = False
    link: str | None = None


@dataclass(frozen=True)
class Block:
    """One paragraph of rich text: a `paragraph`, a sub-`heading`, or a list item (`bullet`, or `number`
    with its `number`), `depth` 1 in a list nested in an item (else 0), `start` the first item of its list;
    `quoted` inside a block quote."""

    kind: str
    spans: tuple[Span, ...]
    depth: int = 0
    number: int | None = None
    quoted: bool = False
    start: bool = False

    @property
    def text(self) -> str:
        return "".join(span.text for span in self.spans)

    @property
    def item(self) -> bool:
        return self.kind in ("bullet", "number")


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


_HEADING_HINT = "write `### Words` for a sub-heading inside the text; the section's `title` is its heading"
# what rich text does not typeset, by code: the message ({detail}: the construct's marker or tag) and the hint
REFUSALS: dict[str, tuple[str, str]] = {
    "html": ("raw HTML (`{detail}`) is not typeset", "write the text as Markdown: **bold**, *italic*, [text](url), lists"),
    "image": ("an image inside rich text is not typeset",
              "add the picture as an `images:` entry of the section, with its `alt` text"),
    "code": ("inline code (text in backticks) has no style in a report",
             "remove the backticks, or write \\` for a backtick as text"),
    "code_block": ("a code block (text indented 4 spaces after a blank line) is not typeset in a report",
                   "remove the indentation, so the text is a paragraph"),
    "fence": ("a code block (a {detail} fence) is not typeset in a report", "write it as a paragraph, without the fence"),
    "rule": ("a horizontal rule ({detail}) is not typeset",
             "start a new section, or a `### ` sub-heading, where the text changes subject"),
    "table": ("a Markdown table is not typeset",
              "reportgen sets no tables yet: give the key figures as the section's `stats:`, or the rows as a list"),
    "heading": ("a `{detail}` heading is not typeset inside rich text", _HEADING_HINT),
    "underline": ("a line of `{detail}` under text makes it a heading, which rich text does not typeset",
                  "remove that line, or write `### Words` for a sub-heading"),
    "nesting": ("a list nested more than one level deep is not typeset",
                "keep to a list and one level of lists inside its items"),
}


@dataclass(frozen=True)
class Refusal:
    """A construct rich text does not typeset: where it starts in the source text, the text written there
    (to locate it by), what it is (a code of REFUSALS) and its marker or tag (`detail`)."""

    offset: int
    written: str
    code: str
    detail: str = ""

    @property
    def message(self) -> str:
        return REFUSALS[self.code][0].format(detail=self.detail)

    @property
    def hint(self) -> str:
        return REFUSALS[self.code][1]


@dataclass(frozen=True)
class RichText:
    source: str
    blocks: tuple[Block, ...]
    links: tuple[Link, ...] = ()
    refused: tuple[Refusal, ...] = ()

    @property
    def text(self) -> str:
        return "\n\n".join(block.text for block in self.blocks)

    def __bool__(self) -> bool:
        return bool(self.blocks)


class LinkError(ValueError):
    """A link target that may not become a live link."""


def link_target(text: str) -> str:
    """The href for an address as written: adds mailto: to e-mail and https:// to bare names.
    Raises LinkError for a scheme other than http, https, mailto and tel, or no address at all."""
    if not text.strip():
        raise LinkError("the link has no address")
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


def _checked(value: object) -> str | RichText:
    if isinstance(value, RichText):
        return value
    if isinstance(value, bool) or value is None:
        raise ValueError(f"expected text, got {value!r}")
    if isinstance(value, (int, float)):
        return str(value)
    if not isinstance(value, str):
        raise ValueError(f"expected text, got a {type(value).__name__}")
    return value


def parse_rich_text(value: object) -> RichText:
    """The rich text of a spec value (text, or a number as text), parsed without a cache."""
    return RichTextParser().parse(value)


class RichTextParser:
    """Parses the rich text of one validation: each text once, through the build cache folder `cache_dir`
    (None: no cache). CommonMark's parser is imported only for a text the cache does not know; `save`
    keeps what this validation parsed (only its texts: the entry does not grow with old ones)."""

    def __init__(self, cache_dir: Path | None = None) -> None:
        self.cache_dir = cache_dir
        self._known: dict[str, Any] | None = None
        self._used: dict[str, Any] = {}
        self._parsed: dict[str, RichText] = {}
        self._missed = False
        self._markdown: Any = None

    @property
    def entry(self) -> Path | None:
        return self.cache_dir / f"richtext-v{PARSER_VERSION}.json" if self.cache_dir is not None else None

    def parse(self, value: object) -> RichText:
        text = _checked(value)
        if isinstance(text, RichText):
            return text
        if text in self._parsed:
            return self._parsed[text]
        key = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]
        data = self._cached().get(key)
        rich = _from_data(text, data) if data is not None else None
        if rich is None:
            from reportgen.model.commonmark import new_markdown, parse_markdown  # only for a text not parsed before

            if self._markdown is None:
                self._markdown = new_markdown()
            rich, data, self._missed = parse_markdown(text, self._markdown), None, True
        self._used[key] = data if data is not None else _to_data(rich)
        self._parsed[text] = rich
        return rich

    def save(self) -> None:
        """Keep this validation's parses for the next one (when one was new, or some kept ones went unused)."""
        from reportgen.cache import write_cached

        entry = self.entry
        if entry is None or not (self._missed or set(self._cached()) != set(self._used)):
            return
        write_cached(entry, json.dumps(self._used, separators=(",", ":"), ensure_ascii=False).encode())

    def _cached(self) -> dict[str, Any]:
        if self._known is None:
            self._known = {}
            entry = self.entry
            if entry is not None:
                from reportgen.cache import read_cached

                try:
                    known = json.loads(read_cached(entry) or b"{}")
                except ValueError:
                    known = {}
                self._known = known if isinstance(known, dict) else {}
        return self._known


def _to_data(rich: RichText) -> list:
    return [[[b.kind, b.depth, b.number, b.quoted, b.start, [[s.text, s.bold, s.italic, s.link] for s in b.spans]]
             for b in rich.blocks],
            [[k.offset, k.written, k.href, k.problem] for k in rich.links],
            [[r.offset, r.written, r.code, r.detail] for r in rich.refused]]


def _from_data(source: str, data: object) -> RichText | None:
    """The rich text a cache entry holds for `source`, or None when it is not what _to_data writes."""
    try:
        blocks, links, refused = data  # type: ignore[misc]
        made = RichText(source, tuple(
            Block(kind, tuple(Span(text, bold, italic, link) for text, bold, italic, link in spans), depth, number,
                  quoted, start) for kind, depth, number, quoted, start, spans in blocks),
            tuple(Link(*link) for link in links), tuple(Refusal(*refusal) for refusal in refused))
    except (TypeError, ValueError):
        return None
    if not all(b.kind in KINDS and type(b.depth) is int and (b.number is None or type(b.number) is int)
               and all(type(s.text) is str and (s.link is None or type(s.link) is str) for s in b.spans)
               for b in made.blocks):
        return None
    if not all(type(k.offset) is int and type(k.written) is str for k in made.links) or \
            not all(type(r.offset) is int and type(r.written) is str and r.code in REFUSALS and type(r.detail) is str
                    for r in made.refused):
        return None
    return made
