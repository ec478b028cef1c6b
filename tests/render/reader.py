"""A structure-based reader: a tagged PDF's tree in order, ActualText for what it covers, Alt for an element."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf

from reportgen.print.content import to_unicode_map

INLINE = {"Link", "Span", "Quote", "Reference", "Note", "Code", "Lbl"}  # read on within the line around them


@dataclass
class Read:
    """What a reader gets from one element: its role, its text (Alt or ActualText where set) and its kids."""

    role: str
    text: str
    kids: list[Read] = field(default_factory=list)
    attributes: dict[str, str] = field(default_factory=dict)
    own: list[tuple[int, int]] = field(default_factory=list)  # its own marked content: (page, MCID)

    def walk(self):  # type: ignore[no-untyped-def]
        yield self
        for kid in self.kids:
            yield from kid.walk()


class Reader:
    """Reads a tagged PDF through its structure tree."""

    def __init__(self, path: Path):
        self.pdf = pikepdf.open(path)
        self.page_index = {page.obj.objgen: number for number, page in enumerate(self.pdf.pages)}
        self.mcid_text: dict[tuple[int, int], str] = {}
        self.spans: list[str] = []  # every ActualText of marked content, in page order
        self.fill: dict[tuple[int, int], tuple[float, ...]] = {}  # (page, MCID) -> the colour its first text is in
        self.strokes: list[tuple[int, tuple[float, ...]]] = []  # (page, colour) of every path stroked
        for number, page in enumerate(self.pdf.pages):
            self._read_page(number, page)
        self.root = self._element(self.pdf.Root.StructTreeRoot.K[0], None)

    def _read_page(self, number: int, page: pikepdf.Page) -> None:
        fonts = page.obj.get("/Resources", {}).get("/Font", {})
        maps = {str(name): to_unicode_map(font) for name, font in fonts.items()}
        current: dict[int, str] = {}
        stack: list[tuple[int | None, str | None]] = []  # (MCID, ActualText) of each open sequence
        colours: list[tuple[float, ...]] = [(0.0,), (0.0,)]  # fill, stroke
        saved: list[list[tuple[float, ...]]] = []
        for operands, operator in pikepdf.parse_content_stream(page):
            op = str(operator)
            if op in ("rg", "k", "g"):
                colours[0] = tuple(round(float(value), 6) for value in operands)
            elif op in ("RG", "K", "G"):
                colours[1] = tuple(round(float(value), 6) for value in operands)
            elif op == "q":
                saved.append(list(colours))
            elif op == "Q" and saved:
                colours = saved.pop()
            elif op in ("S", "s", "B", "b", "B*", "b*"):
                self.strokes.append((number, colours[1]))
            if op == "Tf":
                current = maps.get(str(operands[0]), {})
            elif op in ("BDC", "BMC"):
                properties = operands[1] if op == "BDC" and len(operands) > 1 else None
                mcid = actual = None
                if isinstance(properties, pikepdf.Dictionary):
                    mcid = int(properties.MCID) if "/MCID" in properties else None
                    actual = str(properties.ActualText) if "/ActualText" in properties else None
                stack.append((mcid, actual))
                if actual is not None:
                    self.spans.append(actual)
                    self._add(number, stack, actual, replacing=False)
            elif op == "EMC":
                if stack:
                    stack.pop()
            elif op in ("Tj", "TJ", "'", '"'):
                strings = operands[-1]
                items = list(strings) if isinstance(strings, pikepdf.Array) else [strings]
                text = "".join("".join(current.get(byte, "\ufffd") for byte in bytes(item))
                               for item in items if isinstance(item, pikepdf.String))
                self._add(number, stack, text, replacing=True)
                mcid = next((entry[0] for entry in reversed(stack) if entry[0] is not None), None)
                if mcid is not None and text.strip():
                    self.fill.setdefault((number, mcid), colours[0])

    def _add(self, page: int, stack: list, text: str, replacing: bool) -> None:
        """Text drawn (or an ActualText opened) inside the open sequences: kept for the innermost MCID,
        unless an ActualText open inside it stands for it."""
        mcid = None
        for index, (number, actual) in enumerate(stack):
            if number is not None:
                mcid = number
            if actual is not None and (replacing or index < len(stack) - 1):
                return
        if mcid is not None:
            self.mcid_text[page, mcid] = self.mcid_text.get((page, mcid), "") + text

    def _element(self, node: pikepdf.Dictionary, page: int | None) -> Read:
        if node.get("/Pg") is not None:
            page = self.page_index[node.Pg.objgen]
        attributes = {key[1:]: str(node[key]) for key in ("/Alt", "/ActualText", "/Lang") if key in node}
        kids = node.get("/K")
        kids = list(kids) if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]
        parts: list[str] = []
        children: list[Read] = []
        own: list[tuple[int, int]] = []
        for kid in kids:
            if isinstance(kid, int):
                own.append((page, kid))
                parts.append(self.mcid_text.get((page, kid), ""))
            elif kid.get("/Type") == pikepdf.Name.MCR:
                own.append((self.page_index[kid.Pg.objgen], int(kid.MCID)))
                parts.append(self.mcid_text.get(own[-1], ""))
            elif kid.get("/Type") == pikepdf.Name.OBJR:
                continue
            else:
                child = self._element(kid, page)
                children.append(child)
                parts.append(child.text if child.role in INLINE else f"\n{child.text}\n")
        text = "".join(parts)
        if "Alt" in attributes:
            text = attributes["Alt"]
        elif "ActualText" in attributes:
            text = attributes["ActualText"]
        return Read(str(node.S)[1:], text, children, attributes, own)

    def text(self) -> str:
        """The whole document as read aloud."""
        return self.root.text


WORD = re.compile(r"[^\W_]+")


def words(text: str) -> list[str]:
    return WORD.findall(text)


def odd_words(read: str, vocabulary: set[str]) -> tuple[list[str], list[str]]:
    """(joined, split): read words that are two vocabulary words run together, and read words not in the
    vocabulary whose joining with the next read word is one."""
    known = {word.lower() for word in vocabulary}
    said = [word.lower() for word in words(read)]
    joined, split = [], []
    for index, word in enumerate(said):
        if word in known or word.isdigit():
            continue
        if any(word[:cut] in known and word[cut:] in known for cut in range(1, len(word))):
            joined.append(word)
        elif index + 1 < len(said) and word + said[index + 1] in known:
            split.append(word)
    return joined, split
