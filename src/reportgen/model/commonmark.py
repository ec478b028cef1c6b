"""CommonMark to the rich-text model: a text in, its blocks, links and refused constructs (markdown-it-py's tokens, read) out."""

from __future__ import annotations

import re
from typing import Any

from markdown_it import MarkdownIt

from reportgen.model.richtext import Block, Link, LinkError, Refusal, RichText, Span, link_target

MAX_DEPTH = 2  # lists: a list, and a list inside one of its items

_URL_CHAR = r"[^\s<>\"()]"
_URL_GROUP = rf"\({_URL_CHAR}*\)"  # balanced parentheses, one level: .../Python_(programming_language)
_URL_END = rf"(?:[^\s<>\".,;:!?()\]’”]|{_URL_GROUP})"  # no trailing punctuation, no unbalanced )
_URL_TAIL = rf"(?:{_URL_CHAR}|{_URL_GROUP})*{_URL_END}"
_AUTOLINK = re.compile(  # bare addresses in text: they become links as written
    rf"\b(?:https?://|www\.){_URL_TAIL}"
    rf"|\b(?:[a-z0-9-]+\.)+(?:edu|org|com|gov|net)\b(?:/{_URL_TAIL})?"
    r"|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b"
)

SUB_HEADING = "###"
_BLOCK_REFUSALS = {"html_block": "html", "fence": "fence", "code_block": "code_block", "hr": "rule", "table_open": "table"}
_INLINE_REFUSALS = {"html_inline": "html", "image": "image", "code_inline": "code"}


def new_markdown() -> MarkdownIt:
    """CommonMark's parser, made to report what the model refuses instead of quietly printing it: raw HTML
    and tables parsed (to be refused), every link target kept as written (the model's rules judge it)."""
    markdown = MarkdownIt("commonmark", {"html": True}).enable("table")
    markdown.validateLink = lambda url: True  # javascript: and file: become links, and are refused by name
    markdown.normalizeLink = lambda url: url
    markdown.normalizeLinkText = lambda url: url
    return markdown


_TYPED_BULLET = re.compile(r"^([ \t>]*)\u2022(?=[ \t])", re.M)  # "• " typed (or pasted) as a list marker


def parse_markdown(text: str, markdown: MarkdownIt | None = None) -> RichText:
    """The rich text of `text`, parsed as CommonMark; a line starting with "• " is a bullet item too, as with
    "- " (the marker swapped for one of CommonMark's, of the same length: every offset stays the text's)."""
    marked = _TYPED_BULLET.sub(r"\1-", text) if "\u2022" in text else text
    return _Reader(text, marked).read((markdown or new_markdown()).parse(marked))


class _Reader:
    """Walks markdown-it's token stream once, keeping the model's blocks and where each construct is written."""

    def __init__(self, source: str, text: str) -> None:
        self.source, self.text = source, text  # as written, and as parsed (the same length)
        self.lines = [0]
        for match in re.finditer("\n", text):
            self.lines.append(match.end())
        self.blocks: list[Block] = []
        self.links: list[Link] = []
        self.refused: list[Refusal] = []
        self.lists: list[list[Any]] = []  # per open list: [kind, next number, whether no item is read yet]
        self.item: list[int | None] = []  # per open list item: the index of its block, once it has one
        self.quoted = 0
        self.heading: Any = None  # the open heading's token

    def read(self, tokens: list) -> RichText:
        skipping: tuple[str, int] | None = None  # the closing token (type, level) of a construct refused whole
        for token in tokens:
            kind = token.type
            if skipping is not None:
                if (kind, token.level) == skipping:
                    skipping = None
                continue
            if kind == "blockquote_open":
                self.quoted += 1
            elif kind == "blockquote_close":
                self.quoted -= 1
            elif kind in ("bullet_list_open", "ordered_list_open"):
                if len(self.lists) >= MAX_DEPTH:
                    self._refuse_block(token, "nesting")
                    skipping = (kind.replace("_open", "_close"), token.level)
                    continue
                self.lists.append(["bullet" if kind == "bullet_list_open" else "number",
                                   int(token.attrGet("start") or 1), True])  # kind, next number, no item yet
            elif kind in ("bullet_list_close", "ordered_list_close"):
                self.lists.pop()
            elif kind == "list_item_open":
                self.item.append(None)
            elif kind == "list_item_close":
                self.item.pop()
            elif kind == "heading_open":
                self.heading = token
            elif kind == "heading_close":
                self.heading = None
            elif kind == "inline":
                self._inline(token)
            elif kind in _BLOCK_REFUSALS:
                self._refuse_block(token, _BLOCK_REFUSALS[kind])
                if kind == "table_open":
                    skipping = ("table_close", token.level)
        return RichText(self.source, tuple(self.blocks), tuple(self.links), tuple(self.refused))

    # ------------------------------------------------------------ blocks

    def _line_start(self, line: int) -> int:
        return self.lines[min(line, len(self.lines) - 1)]

    def _refuse_block(self, token: Any, code: str, line: int | None = None, detail: str | None = None) -> None:
        """A refused block, located at its first character (its marker, for a heading or a rule)."""
        number = token.map[0] if line is None and token.map else (line or 0)
        start = self._line_start(number)
        end = self.text.find("\n", start)
        row = self.text[start:end if end >= 0 else len(self.text)]
        column = len(row) - len(row.lstrip(" \t>"))  # past any block quote markers
        markup = token.markup[:1] if token.type in ("hr", "fence") else ""
        if markup and markup in row[column:]:
            column += row[column:].index(markup)
        written = row[column:].rstrip() or row.rstrip() or self.text[start:start + 1]
        detail = (written if token.type == "hr" else token.markup) if detail is None else detail
        if token.type == "html_block":
            detail = tag.group() if (tag := re.match(r"<[^\s>]*>?", written)) else written[:1]
        self.refused.append(Refusal(start + column, written, code, detail))

    def _inline(self, token: Any) -> None:
        heading = self.heading
        if heading is not None and heading.markup != SUB_HEADING:
            if heading.markup in ("=", "-"):  # setext: a line of = or - under the text
                self._refuse_block(heading, "underline", line=heading.map[1] - 1, detail=heading.markup * 3)
            else:
                self._refuse_block(heading, "heading")
            return
        spans = self._spans(token)
        if not spans:
            return
        quoted = self.quoted > 0
        if heading is not None:
            self.blocks.append(Block("heading", spans, quoted=quoted))
        elif self.item:
            index = self.item[-1]
            if index is not None:  # a further paragraph of the item: on a line of its own in the item
                before = self.blocks[index]
                self.blocks[index] = Block(before.kind, _merged(before.spans + (Span("\n"),) + spans),
                                           before.depth, before.number, before.quoted, before.start)
            else:
                kind, number, start = self.lists[-1]
                self.blocks.append(Block(kind, spans, len(self.lists) - 1, number if kind == "number" else None,
                                         quoted, start))
                self.lists[-1][1:] = [number + 1, False]
                self.item[-1] = len(self.blocks) - 1
        else:
            self.blocks.append(Block("paragraph", spans, quoted=quoted))

    # ------------------------------------------------------------ inline

    def _spans(self, token: Any) -> tuple[Span, ...]:
        start = self._line_start(token.map[0]) if token.map else 0
        end = self._line_start(token.map[1]) if token.map and token.map[1] < len(self.lines) else len(self.text)
        cursor = start
        spans: list[Span] = []
        bold = italic = 0
        href: str | None = None
        linked = False

        def find(needle: str) -> int:
            nonlocal cursor
            at = self.text.find(needle, cursor, end) if needle else -1
            if at < 0:
                return cursor
            cursor = at + len(needle)
            return at

        for child in token.children or ():
            kind = child.type
            if kind == "text" or kind == "text_special":
                if not child.content:
                    continue
                at = find(child.content)
                if linked:
                    spans.append(Span(child.content, bold > 0, italic > 0, href))
                else:
                    spans += self._autolinked(child.content, at, bold > 0, italic > 0)
            elif kind == "softbreak":
                spans.append(Span(" ", bold > 0, italic > 0, href))
            elif kind == "hardbreak":
                spans.append(Span("\n", bold > 0, italic > 0, href))
            elif kind == "strong_open":
                bold += 1
            elif kind == "strong_close":
                bold -= 1
            elif kind == "em_open":
                italic += 1
            elif kind == "em_close":
                italic -= 1
            elif kind == "link_open":
                at = find("<" if child.markup == "autolink" else "[")
                written = str(child.attrGet("href") or "")
                if child.markup == "autolink" and written.startswith("mailto:") and \
                        self.text.find(written, at, end) < 0:
                    written = written[len("mailto:"):]
                href, linked = self._link(at, written), True
            elif kind == "link_close":
                href, linked = None, False
            elif kind == "html_inline" and child.content.startswith("</"):
                find(child.content)  # a closing tag: its opening one is refused already
            elif kind in _INLINE_REFUSALS:
                needle = {"image": "![", "code_inline": child.markup}.get(kind, child.content)
                at = find(needle)
                detail = child.content if kind == "html_inline" else child.markup
                self.refused.append(Refusal(at, needle, _INLINE_REFUSALS[kind], detail))
        while spans and spans[-1].text in (" ", "\n"):
            spans.pop()
        return _merged(tuple(spans))

    def _link(self, at: int, written: str) -> str | None:
        try:
            href = link_target(written)
        except LinkError as error:
            self.links.append(Link(at, written, None, str(error)))
            return None
        self.links.append(Link(at, written, href))
        return href

    def _autolinked(self, text: str, at: int, bold: bool, italic: bool) -> list[Span]:
        """Text with its bare URLs, `www.` addresses and e-mail addresses as links."""
        spans: list[Span] = []
        position = 0
        for match in _AUTOLINK.finditer(text):
            if match.start() > position:
                spans.append(Span(text[position:match.start()], bold, italic))
            spans.append(Span(match.group(), bold, italic, self._link(at + match.start(), match.group())))
            position = match.end()
        if position < len(text):
            spans.append(Span(text[position:], bold, italic))
        return spans


def _merged(spans: tuple[Span, ...]) -> tuple[Span, ...]:
    """Neighbouring spans of one style (and no link) as one."""
    merged: list[Span] = []
    for span in spans:
        if merged and span.link is None and merged[-1].link is None and \
                (merged[-1].bold, merged[-1].italic) == (span.bold, span.italic):
            merged[-1] = Span(merged[-1].text + span.text, span.bold, span.italic)
        else:
            merged.append(span)
    return tuple(merged)

