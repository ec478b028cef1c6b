"""Paragraphs that remember their line breaks and read as written: wrapped once per width, split in linear time.

The line breaking works with ReportLab's internals, so it lives in reportgen.reportlab_adapter.platypus; the
Paragraph here adds what a reader needs of its lines on a tagged canvas (Paragraph.mark_lines), and layout code
imports it from here.
"""

from __future__ import annotations

import re
from html import unescape
from typing import TYPE_CHECKING

from reportgen.reportlab_adapter.platypus import LinePiece, line_pieces
from reportgen.reportlab_adapter.platypus import Paragraph as _Paragraph
from reportgen.reportlab_adapter.platypus import width_key

if TYPE_CHECKING:
    from reportgen.layout.tagging import StructureNode

__all__ = ["NO_SPACE_AFTER", "Paragraph", "soft_hyphen", "width_key"]

NO_SPACE_AFTER = ("-", "\u00ad", "\u2010", "\u2011", "\u2013", "\u2014", "/")  # a line ending so runs on
_TAG = re.compile(r"<[^>]+>")


class Paragraph(_Paragraph):
    """reportgen's paragraph. Drawn on a tagged canvas (one with a structure log), its lines read as
    they are written (mark_lines)."""

    followed: bool = False  # a piece of a split with more of the paragraph after it (its last line ends mid-text)
    turn_word: str | None = None  # the word hyphenated at the end of this piece, whole
    turn_tail: bool = False  # the piece starts with the rest of a word hyphenated at the end of the piece before
    written: str | None = None  # its text as written (kept by split pieces: ReportLab makes them of fragments)

    def written_words(self) -> str:
        """The paragraph's text as written, words separated by single spaces."""
        words = getattr(self, "words", None)  # (a TaggedParagraph's)
        if isinstance(words, str) and words:
            return words
        if self.written is None:
            self.written = " ".join(unescape(_TAG.sub("", getattr(self, "text", "") or "")).split())
        return self.written

    def link_owner(self) -> StructureNode | None:
        """The element whose Links get the paragraph's link words as their marked content (None: no Links)."""
        return None

    def split(self, availWidth: float, availHeight: float) -> list:  # noqa: N803 (ReportLab's names)
        written = self.written_words()
        pieces = super().split(availWidth, availHeight)
        for index, piece in enumerate(pieces):
            if isinstance(piece, Paragraph):
                piece.written, piece.followed = written, self.followed or index < len(pieces) - 1
                piece.turn_tail = self.turn_tail and index == 0  # as this paragraph starts and ends
                piece.turn_word = self.turn_word if index == len(pieces) - 1 else None
        if len(pieces) == 2 and all(isinstance(piece, Paragraph) for piece in pieces):
            self._mark_turn(*pieces)
        return pieces

    def _mark_turn(self, head: Paragraph, rest: Paragraph) -> None:
        """A word hyphenated where the paragraph splits (a page or column turn; layout avoids it, but may
        have to): the head piece's part reads as the whole word, the rest piece's part as nothing."""
        lines, head_lines = line_pieces(self), line_pieces(head)
        if lines is None or head_lines is None or not 0 < len(head_lines) < len(lines):
            return
        ends = [piece for piece in head_lines[-1] if piece.text]
        starts = [piece for piece in lines[len(head_lines)] if piece.text]
        if not ends or not starts:
            return
        last = ends[-1].written().rstrip()
        first_part = last[last.rfind(" ") + 1:]
        second_part = starts[0].written().split(" ", 1)[0]
        if soft_hyphen(first_part, second_part, self.written_words()):
            head.turn_word, rest.turn_tail = first_part[:-1] + second_part, True

    def mark_lines(self, pieces: list[list[LinePiece]]) -> list[list[tuple[str, list[str]]]] | None:
        """The paragraph's lines as a reader should get them: a space where a line ends between words (a
        real space glyph, so any text extraction reads one), a word hyphenated across lines in one span
        whose /ActualText is the word unbroken, and each link's words as the marked content of its Link
        (see link_owner). Untagged (no structure log on the canvas): None, the lines as they are."""
        log = getattr(self.canv, "structure", None)  # a reportgen.layout.tagging.StructureLog: it writes the marks
        return None if log is None else log.mark_lines(self, pieces)


def soft_hyphen(head: str, tail: str, words: str) -> bool:
    """Whether a line ending in `head` (the word's first part and its hyphen) and a line starting with `tail`
    (its rest) break a word `words` has unbroken (a hyphen the breaker added, not the word's own)."""
    return bool(head[:-1] and tail) and (head[:-1] + tail) in words and (head + tail) not in words
