"""Content streams: a pikepdf page in, what it paints out (text, images, colours, strokes, ink), through forms and appearances.

This is the reading half of preflight: it interprets just enough of PDF's operators (graphics
state, text positioning, XObjects, colour, patterns, soft masks, annotation appearances) to say
where things land on the page and in which inks.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

import pikepdf
from pikepdf import Name

Matrix = tuple[float, float, float, float, float, float]
Point = tuple[float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def multiply(first: Matrix, second: Matrix) -> Matrix:
    """`first` then `second` (PDF's row-vector convention: first x second)."""
    a, b, c, d, e, f = first
    A, B, C, D, E, F = second  # noqa: N806
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def apply(matrix: Matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = matrix
    return (a * x + c * y + e, b * x + d * y + f)


@dataclass(frozen=True)
class TextRun:
    text: str
    box: tuple[float, float, float, float]  # left, bottom, right, top on the page
    font_size: float
    fill: tuple[str, tuple[float, ...]] = ("gray", (0.0,))  # colour family and components

    @property
    def inks(self) -> int:
        """How many process inks the text is printed in (1 for gray and spot tints)."""
        family, values = self.fill
        return sum(1 for v in values if v > 0.001) if family == "cmyk" else 1

    @property
    def rich_black(self) -> bool:
        """Near-black built from more than K: registers badly in small text."""
        family, values = self.fill
        return family == "cmyk" and len(values) == 4 and values[3] >= 0.9 and any(v > 0 for v in values[:3])


@dataclass(frozen=True)
class PlacedImage:
    name: str
    pixels: tuple[int, int]
    placed: tuple[float, float]  # width, height in points on the page
    colour_space: str
    position: tuple[float, float] = (0.0, 0.0)  # where its lower left corner lands on the page
    source: str | None = None  # the file it was made from, where the producer recorded one
    ink: float | None = None  # highest total area coverage (%) of a sampled CMYK image

    @property
    def effective_ppi(self) -> float:
        width, height = self.placed
        if width <= 0 or height <= 0:
            return float("inf")
        return min(self.pixels[0] / (width / 72), self.pixels[1] / (height / 72))


@dataclass
class PageContent:
    text: list[TextRun] = field(default_factory=list)
    images: list[PlacedImage] = field(default_factory=list)
    colours: dict[str, set[str]] = field(default_factory=dict)  # colour family -> operators that used it
    fonts: dict[str, bool] = field(default_factory=dict)  # font name -> embedded
    spots: set[str] = field(default_factory=set)  # spot colourant names (Separation/DeviceN)
    hairlines: list[tuple[float, Point]] = field(default_factory=list)  # stroke width on the page, where
    white_overprint: list[tuple[str, Point]] = field(default_factory=list)  # what (fill, stroke, text), where
    inks: list[tuple[float, Point]] = field(default_factory=list)  # total coverage (%) of CMYK fills and text, where

    def use_colour(self, family: str, how: str) -> None:
        self.colours.setdefault(family, set()).add(how)


# ---------------------------------------------------------------- colour spaces

def colour_family(space: object, resources: pikepdf.Dictionary | None = None) -> str:
    """'cmyk', 'gray', 'rgb', 'spot', 'lab', 'pattern' or 'other' for a colour space object or name."""
    if isinstance(space, pikepdf.Name):
        name = str(space)
        simple = {"/DeviceCMYK": "cmyk", "/DeviceRGB": "rgb", "/DeviceGray": "gray", "/Pattern": "pattern",
                  "/CMYK": "cmyk", "/RGB": "rgb", "/G": "gray"}
        if name in simple:
            return simple[name]
        spaces = resources.get("/ColorSpace") if resources is not None else None
        if spaces is not None and name in spaces:
            return colour_family(spaces[name], None)
        return "other"
    if isinstance(space, pikepdf.Array) and len(space) > 0:
        kind = str(space[0])
        if kind in ("/Separation", "/DeviceN"):
            names = space[1] if kind == "/DeviceN" else pikepdf.Array([space[1]])
            process = {"/Cyan", "/Magenta", "/Yellow", "/Black", "/None", "/All"}
            return "cmyk" if all(str(n) in process for n in names) else "spot"
        if kind == "/ICCBased":
            components = int(space[1].get("/N", 0))
            return {1: "gray", 3: "rgb", 4: "cmyk"}.get(components, "other")
        if kind in ("/Indexed", "/I"):
            return colour_family(space[1], resources)
        if kind == "/CalRGB":
            return "rgb"
        if kind == "/CalGray":
            return "gray"
        if kind == "/Lab":
            return "lab"
        if kind == "/Pattern":
            return "pattern"
    return "other"


def spot_names(space: object, resources: pikepdf.Dictionary | None = None) -> set[str]:
    """The spot colourants (not C, M, Y, K, None or All) a Separation or DeviceN space names."""
    if isinstance(space, pikepdf.Name):
        spaces = resources.get("/ColorSpace") if resources is not None else None
        return spot_names(spaces[str(space)], None) if spaces is not None and str(space) in spaces else set()
    if not isinstance(space, pikepdf.Array) or len(space) < 2:
        return set()
    kind = str(space[0])
    if kind in ("/Indexed", "/I", "/Pattern") and len(space) > 1:
        return spot_names(space[1], resources)
    if kind not in ("/Separation", "/DeviceN"):
        return set()
    names = space[1] if kind == "/DeviceN" else pikepdf.Array([space[1]])
    return {str(n)[1:] for n in names} - {"Cyan", "Magenta", "Yellow", "Black", "None", "All"}


# ---------------------------------------------------------------- fonts

@dataclass
class FontInfo:
    name: str
    embedded: bool
    two_byte: bool
    widths: dict[int, float]
    default_width: float
    scale: float  # glyph units to text space (1/1000 for most fonts)
    ascent: float
    descent: float
    unicode: dict[int, str] = field(default_factory=dict)  # from the font's ToUnicode map (reportgen writes one)

    def width(self, code: int) -> float:
        return self.widths.get(code, self.default_width) * self.scale

    def text(self, codes: list[int], data: bytes) -> str:
        """The characters of a shown string, as its ToUnicode map reads them (else as Latin-1 for a simple
        font, U+FFFD a code for a two-byte one): what findings quote."""
        if self.unicode:
            return "".join(self.unicode.get(code, "\ufffd") for code in codes)
        return data.decode("latin-1") if not self.two_byte else "\ufffd" * len(codes)


_BFCHAR = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")
_BFRANGE = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")


def to_unicode_map(font: pikepdf.Dictionary) -> dict[int, str]:
    """A font's ToUnicode map (bfchar and bfrange entries with a destination string): code -> text; empty
    when it has none or it cannot be read (findings then quote the codes as Latin-1)."""
    stream = font.get("/ToUnicode")
    if not isinstance(stream, pikepdf.Stream):
        return {}
    try:
        data = stream.read_bytes()
    except pikepdf.PdfError:
        return {}
    mapping: dict[int, str] = {}
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", data, re.S):
        for low, high, start in _BFRANGE.findall(block):
            first, low_code, high_code = int(start, 16), int(low, 16), int(high, 16)
            for offset, code in enumerate(range(low_code, min(high_code, low_code + 65535) + 1)):
                mapping[code] = chr(min(first + offset, 0x10FFFF))
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.S):
        for code, text in _BFCHAR.findall(block):
            if len(text) % 4 == 0:
                mapping[int(code, 16)] = bytes.fromhex(text.decode()).decode("utf-16-be", "replace")
    return mapping


def font_info(font: pikepdf.Dictionary) -> FontInfo:
    subtype = str(font.get("/Subtype", ""))
    name = str(font.get("/BaseFont", "/?"))[1:]
    if subtype == "/Type3":
        matrix = [float(v) for v in font.get("/FontMatrix", [0.001, 0, 0, 0.001, 0, 0])]
        first = int(font.get("/FirstChar", 0))
        widths = {first + i: float(w) for i, w in enumerate(font.get("/Widths", []))}
        return FontInfo(name or "Type3", True, False, widths, 0.0, matrix[0], 0.8, -0.2)
    if subtype == "/Type0":
        descendant = font.DescendantFonts[0]
        descriptor = descendant.get("/FontDescriptor") or pikepdf.Dictionary()
        widths: dict[int, float] = {}
        entries = list(descendant.get("/W", []))
        index = 0
        while index < len(entries) - 1:
            start = int(entries[index])
            if isinstance(entries[index + 1], pikepdf.Array):
                for offset, value in enumerate(entries[index + 1]):
                    widths[start + offset] = float(value)
                index += 2
            else:
                end, value = int(entries[index + 1]), float(entries[index + 2])
                for code in range(start, min(end, start + 65536) + 1):
                    widths[code] = value
                index += 3
        default = float(descendant.get("/DW", 1000))
        return FontInfo(name, _embedded(descriptor), True, widths, default, 0.001, *_vertical(descriptor),
                        unicode=to_unicode_map(font))
    descriptor = font.get("/FontDescriptor") or pikepdf.Dictionary()
    first = int(font.get("/FirstChar", 0))
    widths = {first + i: float(w) for i, w in enumerate(font.get("/Widths", []))}
    default = float(descriptor.get("/MissingWidth", 500))
    return FontInfo(name, _embedded(descriptor), False, widths, default, 0.001, *_vertical(descriptor),
                    unicode=to_unicode_map(font))


def _embedded(descriptor: pikepdf.Dictionary) -> bool:
    return any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))


def _vertical(descriptor: pikepdf.Dictionary) -> tuple[float, float]:
    ascent = float(descriptor.get("/Ascent", 800)) / 1000
    descent = float(descriptor.get("/Descent", -200)) / 1000
    return (ascent or 0.8, descent or -0.2)


# ---------------------------------------------------------------- the interpreter

Colour = tuple[str, tuple[float, ...]]  # colour family and components
FILLS = {"f", "F", "f*", "B", "B*", "b", "b*"}
STROKES = {"S", "s", "B", "B*", "b", "b*"}
INK_FLOOR = 200.0  # total coverage (%) below any press's limit: such paint is not recorded


@dataclass
class _TextState:
    font: FontInfo | None = None
    size: float = 0.0
    char_spacing: float = 0.0
    word_spacing: float = 0.0
    scale: float = 1.0
    leading: float = 0.0
    rise: float = 0.0
    render: int = 0
    fill: Colour = ("gray", (0.0,))


@dataclass
class _Graphics:
    """The parts of the graphics state preflight needs (saved by q, restored by Q)."""

    ctm: Matrix = IDENTITY
    stroke: Colour = ("gray", (0.0,))
    line_width: float = 1.0
    overprint_fill: bool = False
    overprint_stroke: bool = False

    def copy(self) -> "_Graphics":
        return _Graphics(**vars(self))


def read_page(page: pikepdf.Page, sources: dict[str, str] | None = None) -> PageContent:
    """What `page` paints; `sources` names image XObjects' files (see findings.read_image_sources)."""
    content = PageContent()
    interpreter = _Interpreter(content, sources or {})
    interpreter.group(page.obj, page.obj.get("/Resources"), "page transparency group")
    interpreter.run(page.obj, list(pikepdf.parse_content_stream(page)), IDENTITY, set())
    for annotation in page.obj.get("/Annots") or []:
        flags = int(annotation.get("/F", 0)) if isinstance(annotation, pikepdf.Dictionary) else 0
        interpreter.printing = bool(flags & 4) and not flags & 2  # the others' colours still count
        for appearance in _appearances(annotation):
            interpreter.form(appearance, _placement(annotation, appearance), set(), "annotation appearance")
    return content


def _placement(annotation: pikepdf.Dictionary, appearance: pikepdf.Stream) -> Matrix:
    """Where an appearance lands: its BBox (through its Matrix) fitted to the annotation's Rect."""
    try:
        matrix = tuple(float(v) for v in appearance.get("/Matrix", IDENTITY))
        x0, y0, x1, y1 = (float(v) for v in appearance.BBox)
        left, bottom, right, top = (float(v) for v in annotation.Rect)
    except (AttributeError, ValueError, TypeError):
        return IDENTITY
    corners = [apply(matrix, x, y) for x, y in ((x0, y0), (x1, y0), (x0, y1), (x1, y1))]  # type: ignore[arg-type]
    bx0, by0 = min(c[0] for c in corners), min(c[1] for c in corners)
    width, height = max(c[0] for c in corners) - bx0 or 1.0, max(c[1] for c in corners) - by0 or 1.0
    sx, sy = abs(right - left) / width, abs(top - bottom) / height
    return (sx, 0.0, 0.0, sy, min(left, right) - bx0 * sx, min(bottom, top) - by0 * sy)


def _appearances(annotation: pikepdf.Object) -> list[pikepdf.Object]:
    """An annotation's normal appearance streams (one, or one per state)."""
    normal = (annotation.get("/AP") or pikepdf.Dictionary()).get("/N") if isinstance(annotation, pikepdf.Dictionary) else None
    if isinstance(normal, pikepdf.Stream):
        return [normal]
    if isinstance(normal, pikepdf.Dictionary):
        return [value for _, value in normal.items() if isinstance(value, pikepdf.Stream)]
    return []


def _is_white(colour: Colour) -> bool:
    family, values = colour
    if family == "cmyk":
        return len(values) == 4 and all(v <= 0.001 for v in values)
    return family == "gray" and len(values) == 1 and values[0] >= 0.999


def _coverage(colour: Colour) -> float | None:
    family, values = colour
    return sum(values) * 100 if family == "cmyk" and len(values) == 4 else None


def _scaled_width(width: float, ctm: Matrix) -> float:
    a, b, c, d, _, _ = ctm
    return width * abs(a * d - b * c) ** 0.5


class _Interpreter:
    def __init__(self, content: PageContent, sources: dict[str, str]):
        self.content = content
        self.sources = sources
        self.fonts: dict[tuple[int, int], FontInfo] = {}
        self.origin = ""  # what is being read besides page content ("annotation appearance"...)
        self.printing = True  # False in a non-printing annotation: only its colour spaces are noted

    def _font(self, resources: pikepdf.Dictionary, name: str) -> FontInfo | None:
        fonts = resources.get("/Font")
        if fonts is None or name not in fonts:
            return None
        font = fonts[name]
        key = font.objgen if font.is_indirect else (id(font), 0)
        if key not in self.fonts:
            self.fonts[key] = font_info(font)
            info = self.fonts[key]
            self.content.fonts[info.name] = self.content.fonts.get(info.name, True) and info.embedded
        return self.fonts[key]

    def colour(self, space: object, resources: pikepdf.Dictionary | None, how: str) -> str:
        """Note a colour space used (its family and any spot colourants); its family."""
        family = colour_family(space, resources)
        self.content.use_colour(family, f"{how} in {self.origin}" if self.origin else how)
        self.content.spots |= spot_names(space, resources)
        return family

    def group(self, owner: pikepdf.Object, resources: pikepdf.Dictionary | None, label: str) -> None:
        group = owner.get("/Group")
        if isinstance(group, pikepdf.Dictionary) and "/CS" in group:
            self.colour(group.CS, resources, label)

    def form(self, xobject: pikepdf.Object, ctm: Matrix, active: set, origin: str | None = None) -> None:
        """Read a form XObject (or appearance, pattern cell, soft mask group) placed with `ctm`."""
        key = xobject.objgen if xobject.is_indirect else (id(xobject), 0)
        if key in active:
            return
        saved = self.origin
        if origin is not None:
            self.origin = origin
        try:
            self.group(xobject, xobject.get("/Resources"), "transparency group")
            matrix = tuple(float(v) for v in xobject.get("/Matrix", IDENTITY))
            inner = list(pikepdf.parse_content_stream(xobject))
            self.run(xobject, inner, multiply(matrix, ctm), active | {key})  # type: ignore[arg-type]
        finally:
            self.origin = saved

    def run(self, owner: pikepdf.Object, instructions: list, ctm: Matrix, active: set) -> None:
        resources = owner.get("/Resources") or pikepdf.Dictionary()
        stack: list[tuple[_Graphics, _TextState]] = []
        state = _Graphics(ctm=ctm)
        text = _TextState()
        line_matrix = text_matrix = IDENTITY
        start: Point = apply(ctm, 0, 0)  # where the current path begins, on the page
        for operands, operator in instructions:
            op = str(operator)
            args = list(operands)
            if op == "q":
                stack.append((state.copy(), _TextState(**vars(text))))
            elif op == "Q" and stack:
                state, text = stack.pop()
            elif op == "cm" and len(args) == 6:
                state.ctm = multiply(tuple(float(v) for v in args), state.ctm)  # type: ignore[arg-type]
            elif op == "w" and args:
                state.line_width = float(args[0])
            elif op == "gs" and args:
                self._ext_gstate(resources, str(args[0]), state, active)
            elif op in ("m", "re") and len(args) >= 2:
                start = apply(state.ctm, float(args[0]), float(args[1]))
            elif op in FILLS or op in STROKES:
                self._paint(op, state, text.fill, start)
            elif op == "BT":
                line_matrix = text_matrix = IDENTITY
            elif op == "Tf" and len(args) == 2:
                text.font, text.size = self._font(resources, str(args[0])), float(args[1])
            elif op == "Tc":
                text.char_spacing = float(args[0])
            elif op == "Tw":
                text.word_spacing = float(args[0])
            elif op == "Tz":
                text.scale = float(args[0]) / 100
            elif op == "TL":
                text.leading = float(args[0])
            elif op == "Ts":
                text.rise = float(args[0])
            elif op == "Tr":
                text.render = int(args[0])
            elif op in ("Td", "TD"):
                x, y = float(args[0]), float(args[1])
                if op == "TD":
                    text.leading = -y
                line_matrix = text_matrix = multiply((1, 0, 0, 1, x, y), line_matrix)
            elif op == "Tm":
                line_matrix = text_matrix = tuple(float(v) for v in args)  # type: ignore[assignment]
            elif op == "T*":
                line_matrix = text_matrix = multiply((1, 0, 0, 1, 0, -text.leading), line_matrix)
            elif op in ("Tj", "TJ", "'", '"'):
                if op in ("'", '"'):
                    if op == '"':
                        text.word_spacing, text.char_spacing = float(args[0]), float(args[1])
                    line_matrix = text_matrix = multiply((1, 0, 0, 1, 0, -text.leading), line_matrix)
                items = list(args[-1]) if op == "TJ" else [args[-1]]
                text_matrix = self._show(items, text, text_matrix, state)
            elif op == "Do" and args:
                self._do(resources, str(args[0]), state.ctm, active)
            elif op in ("rg", "RG", "k", "K", "g", "G"):
                family = {"r": "rgb", "k": "cmyk", "g": "gray"}[op[0].lower()]
                self.colour(Name({"rgb": "/DeviceRGB", "cmyk": "/DeviceCMYK", "gray": "/DeviceGray"}[family]), None, op)
                value = (family, tuple(float(v) for v in args))
                if op.islower():
                    text.fill = value
                else:
                    state.stroke = value
            elif op in ("cs", "CS") and args:
                family = self.colour(args[0], resources, op)
                if op == "cs":
                    text.fill = (family, ())
                else:
                    state.stroke = (family, ())
            elif op in ("sc", "scn", "SC", "SCN"):
                self._set_components(op, args, text, state, resources, active)
            elif op == "sh" and args:
                shading = (resources.get("/Shading") or {}).get(str(args[0]))
                if shading is not None:
                    self.colour(shading.get("/ColorSpace"), resources, "sh")
            elif op == "INLINE IMAGE" and args:
                self._inline_image(args[0], state.ctm, resources)

    def _set_components(self, op: str, args: list, text: _TextState, state: _Graphics,
                        resources: pikepdf.Dictionary, active: set) -> None:
        current = text.fill if op.islower() else state.stroke
        if args and isinstance(args[-1], pikepdf.Name):  # a pattern
            pattern = (resources.get("/Pattern") or {}).get(str(args[-1]))
            if pattern is not None:
                self._pattern(pattern, state.ctm, active)
            return
        value = (current[0], tuple(float(v) for v in args))
        if op.islower():
            text.fill = value
        else:
            state.stroke = value

    def _pattern(self, pattern: pikepdf.Object, ctm: Matrix, active: set) -> None:
        if int(pattern.get("/PatternType", 1)) == 2:
            shading = pattern.get("/Shading")
            if shading is not None:
                self.colour(shading.get("/ColorSpace"), pattern.get("/Resources"), "shading pattern")
        elif isinstance(pattern, pikepdf.Stream):
            self.form(pattern, ctm, active, self.origin or "tiling pattern")

    def _ext_gstate(self, resources: pikepdf.Dictionary, name: str, state: _Graphics, active: set) -> None:
        extgstate = (resources.get("/ExtGState") or {}).get(name)
        if not isinstance(extgstate, pikepdf.Dictionary):
            return
        if "/LW" in extgstate:
            state.line_width = float(extgstate.LW)
        if "/OP" in extgstate:
            state.overprint_stroke = bool(extgstate.OP)
            state.overprint_fill = bool(extgstate.get("/op", extgstate.OP))
        elif "/op" in extgstate:
            state.overprint_fill = bool(extgstate.op)
        mask = extgstate.get("/SMask")
        if isinstance(mask, pikepdf.Dictionary) and isinstance(mask.get("/G"), pikepdf.Stream):
            self.form(mask.G, state.ctm, active, "soft mask")

    def _paint(self, op: str, state: _Graphics, fill: Colour, where: Point) -> None:
        if not self.printing:
            return
        if op in FILLS:
            self._ink(fill, state.overprint_fill, "fill", where)
        if op in STROKES:
            self._ink(state.stroke, state.overprint_stroke, "stroke", where)
            self.content.hairlines.append((_scaled_width(state.line_width, state.ctm), where))

    def _ink(self, colour: Colour, overprint: bool, what: str, where: Point) -> None:
        coverage = _coverage(colour)
        if coverage is not None and coverage > INK_FLOOR and what != "stroke":  # area coverage: fills and text
            self.content.inks.append((coverage, where))
        if overprint and _is_white(colour):
            self.content.white_overprint.append((what, where))

    def _show(self, items: list, text: _TextState, text_matrix: Matrix, state: _Graphics) -> Matrix:
        ctm = state.ctm
        font = text.font
        start = text_matrix
        characters = []
        for item in items:
            if isinstance(item, pikepdf.String):
                data = bytes(item)
                codes = ([int.from_bytes(data[i:i + 2], "big") for i in range(0, len(data) - 1, 2)]
                         if font is not None and font.two_byte else list(data))
                for code in codes:
                    glyph = font.width(code) if font is not None else 0.5
                    advance = (glyph * text.size + text.char_spacing
                               + (text.word_spacing if code == 32 and not (font and font.two_byte) else 0)) * text.scale
                    text_matrix = multiply((1, 0, 0, 1, advance, 0), text_matrix)
                characters.append(font.text(codes, data) if font is not None else data.decode("latin-1"))
            else:
                shift = -float(item) / 1000 * text.size * text.scale
                text_matrix = multiply((1, 0, 0, 1, shift, 0), text_matrix)
        string = "".join(characters)
        if text.render == 3 or not string.strip() or text.size == 0 or not self.printing:
            return text_matrix
        ascent, descent = (font.ascent, font.descent) if font is not None else (0.8, -0.2)
        end_x = apply(multiply(text_matrix, _inverse(start)), 0, 0)[0]
        corners = [(0.0, descent * text.size + text.rise), (end_x, descent * text.size + text.rise),
                   (0.0, ascent * text.size + text.rise), (end_x, ascent * text.size + text.rise)]
        page_matrix = multiply(start, ctm)
        points = [apply(page_matrix, x, y) for x, y in corners]
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        self.content.text.append(TextRun(string, (min(xs), min(ys), max(xs), max(ys)),
                                         text.size * abs(page_matrix[3] or page_matrix[0]), text.fill))
        if text.render in (0, 2, 4, 6):
            self._ink(text.fill, state.overprint_fill, "text", (min(xs), min(ys)))
        return text_matrix

    def _do(self, resources: pikepdf.Dictionary, name: str, ctm: Matrix, active: set) -> None:
        xobjects = resources.get("/XObject")
        if xobjects is None or name not in xobjects:
            return
        xobject = xobjects[name]
        subtype = xobject.get("/Subtype")
        if subtype == Name.Image:
            self._image(name, xobject, ctm, resources)
        elif subtype == Name.Form:
            self.form(xobject, ctm, active)

    def _image(self, name: str, image: pikepdf.Object, ctm: Matrix, resources: pikepdf.Dictionary) -> None:
        a, b, c, d, e, f = ctm
        placed = ((a * a + b * b) ** 0.5, (c * c + d * d) ** 0.5)
        if image.get("/ImageMask", False):
            family = "mask"
            self.content.use_colour(family, "image")
        else:
            family = self.colour(image.get("/ColorSpace", Name.DeviceGray), resources, "image")
            if "/ColorSpace" not in image and image.get("/Filter") == Name.JPXDecode:
                family = "other"
        mask = image.get("/SMask")
        if isinstance(mask, pikepdf.Stream) and "/ColorSpace" in mask:
            self.colour(mask.ColorSpace, resources, "image soft mask")
        if not self.printing:
            return
        self.content.images.append(PlacedImage(name, (int(image.Width), int(image.Height)), placed, family,
                                               (min(e, e + a + c), min(f, f + b + d)), self.sources.get(name),
                                               image_ink(image, placed) if family == "cmyk" else None))

    def _inline_image(self, inline: pikepdf.PdfInlineImage, ctm: Matrix, resources: pikepdf.Dictionary) -> None:
        a, b, c, d, e, f = ctm
        try:
            width, height = int(inline.obj.get("/W", inline.obj.get("/Width"))), int(inline.obj.get("/H", inline.obj.get("/Height")))
            space = inline.obj.get("/CS", inline.obj.get("/ColorSpace", Name.DeviceGray))
        except (TypeError, ValueError):
            return
        family = self.colour(space, resources, "inline image")
        self.content.images.append(PlacedImage("inline", (width, height), ((a * a + b * b) ** 0.5, (c * c + d * d) ** 0.5),
                                               family, (e, f)))


INK_SAMPLE_PPI = 18  # a CMYK image's coverage is read in areas of 4 pt (1.4 mm) at its placed size


def image_ink(image: pikepdf.Object, placed: tuple[float, float]) -> float | None:
    """The highest total area coverage (%) of a CMYK JPEG averaged over 4 pt areas at its placed size
    (None when it cannot be read)."""
    from PIL import Image

    if image.get("/Filter") != Name.DCTDecode:
        return None
    target = tuple(max(1, round(side / 72 * INK_SAMPLE_PPI)) for side in placed)
    try:
        picture = Image.open(io.BytesIO(image.read_raw_bytes()))
        picture.draft("CMYK", target)
        picture = picture.convert("CMYK") if picture.mode != "CMYK" else picture
        data = picture.resize(target, Image.Resampling.BOX).tobytes()  # type: ignore[arg-type]
    except (OSError, ValueError, SyntaxError):
        return None
    inverted = [float(v) for v in image.get("/Decode", [])][:1] == [1.0] and "adobe" not in picture.info
    totals = [sum(data[i:i + 4]) for i in range(0, len(data), 4)]
    highest = 4 * 255 - min(totals) if inverted else max(totals)
    return highest / 255 * 100


def _inverse(matrix: Matrix) -> Matrix:
    """The inverse of `matrix` (text matrices are invertible in practice)."""
    a, b, c, d, e, f = matrix
    determinant = a * d - b * c or 1.0
    ia, ib, ic, id_ = d / determinant, -b / determinant, -c / determinant, a / determinant
    return (ia, ib, ic, id_, -(e * ia + f * ic), -(e * ib + f * id_))
