"""ReportLab's internals: reportgen's questions in, answers from ReportLab's private attributes and methods out.

Every use reportgen makes of a ReportLab name that is not public API (a leading underscore, or an
undocumented attribute such as `Paragraph.blPara`) is in this package, behind a small named function
or class; the rest of reportgen calls these. A new ReportLab release is checked here, and
tests/test_reportlab_adapter.py fails when any other module uses one of `PRIVATE_NAMES`.

This module adapts the PDF layer (canvas, PDF objects, images, fonts) and imports no more of
ReportLab than that; reportgen.reportlab_adapter.platypus adapts the layout layer (paragraphs,
frames, document templates), and is imported only once reportgen.reportlab_setup.prepare_reportlab()
has loaded platypus its way.

Versions: the test suite runs against ReportLab 5.1.0. Every name in PRIVATE_NAMES was checked in
the source of 4.2.0, 5.0.1 and 5.1.0, and TTFont.addObjects (which SubsetNamingFont restates) is the
same in all three. So reportgen accepts 4.2 up to, not including, 5.2:
reportgen.reportlab_setup.TESTED_REPORTLAB, which a build checks, and the bound in pyproject.toml.
"""

from __future__ import annotations

from fnmatch import fnmatch
from operator import itemgetter
from typing import Any, Sequence

from reportlab import rl_config

from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.pdfdoc import PDFDocument, PDFPage
from reportlab.pdfbase.ttfonts import TTEncoding, TTFNameBytes, TTFont, TTFontFace
from reportlab.rl_config import unShapedFontGlob
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase.ttfonts import ShapedStr
from reportlab.pdfgen.canvas import Canvas as _Canvas
from reportlab.pdfgen.textobject import PDFTextObject

from reportgen.cache import pack_numbers, unpack_numbers
from reportgen.reportlab_adapter.shaping import unicode_text

# The ReportLab names used in this package that are not its public API. A module outside it that
# uses one of them (as `x._name`, "_name", an import or an override) fails tests/test_reportlab_adapter.py.
# (TTFont.state and TTFont.State, used by SubsetNamingFont, are too common a word to search for.)
PRIVATE_NAMES = (
    # canvas and PDF document
    "_code", "_currentMatrix", "_doc", "_addAnnotation", "__NoDefault__", "__Comment__",
    "idToObject", "idToObjectNumberAndVersion", "_timeStamp", "_ID",
    # document template, frames, containers
    "_endBuild", "_frame", "_atTop", "_height", "_doctemplateAttr", "_ContainerSpace", "_content", "_I",
    "_flowables", "_listWrapOn", "_restrictSize", "_unRestrictSize", "_aW", "_getAvailableWidth",
    # paragraphs
    "blPara", "extraSpace", "_split_blParaSimple", "_split_blParaHard", "_get_split_blParaFunc", "_wrapWidths",
    "_width_max", "_splitLongWordCount", "_hyphenations", "_split_blParaProcessed", "_InjectedFrag", "_SHYWord",
    "_SHYWordHS", "_SplitFragHY", "_SplitFragLL", "_SplitFragH", "_SplitFragHS", "_SplitFrag", "_HSFrag", "_FK_BREAK", "_sdSimple",
    "_getFragWords", "_handleBulletWidth", "_fkind", "_JustifyLast", "_nbspCount",
    # images and fonts
    "_dataA", "_fonts", "_asciiReadable", "charToGlyph", "subfontNameX", "addSubsetObjects",
    "extractInfo", "_pdfScale", "_pos", "_formatText", "_fontname", "_dynamicFont", "_curSubset", "_canvas",
    "_escape", "_fontsize", "_leading", "_textOut", "_doc", "TTFNameBytes", "ustr", "TTEncoding", "unShapedFontGlob",
    "_do_line", "XtraState",  # drawPara sets these on its text object; dropped once drawn (getCode: absent ones are no matter)
    # splits of paragraphs whose breaking made frag words (every shaped paragraph)
    "_processed_frags", "_split_blParaProcessed",
    # shaping (reportgen.reportlab_adapter.shaping)
    "glyphToChar", "charWidths", "__shapeData__", "shapeFragWord", "makeShapedFragWord", "ShapedFragWord",
)


# ---------------------------------------------------------------- canvas

def page_code(canvas: _Canvas) -> list[str]:
    """The content-stream operators of the page being drawn (appending writes to the page)."""
    return canvas._code


def current_matrix(canvas: _Canvas) -> tuple[float, float, float, float, float, float]:
    """The canvas's current transformation (a, b, c, d, e, f): local space to page space."""
    return tuple(canvas._currentMatrix)  # type: ignore[return-value]


def canvas_document(canvas: _Canvas) -> PDFDocument:
    """The PDF document a canvas writes into."""
    return canvas._doc


def set_identity(document: PDFDocument, moment: Any, file_id: bytes) -> None:
    """The document's creation and modification time (a UTC datetime) and its trailer /ID, both halves
    `file_id` (hex digits), in place of ReportLab's invariant date and digest."""
    stamp = document._timeStamp
    stamp.t = moment.timestamp()
    stamp.lt = moment.timetuple()
    stamp.YMDhms = tuple(stamp.lt)[:6]
    stamp.dhh = stamp.dmm = 0
    stamp.tzname = "UTC"
    document._ID = b"\n[<" + file_id + b"><" + file_id + b">]\n"


class _TextObject(PDFTextObject):
    """ReportLab's text object, writing shaped text without vertical offsets (kerning and ligatures:
    nearly all of it) the way PDFTextObject._formatText (5.1) does, the same operators byte for byte, without its
    per-glyph Python (a filter, a groupby and an encode for each glyph made shaped pages draw 3x slower).

    Given `lines` (a paragraph's lines' horizontal scaling, 1 for none, and how far each starts left of
    its place, 0 for none), it draws each line of the paragraph at its scaling (`Tz`) and place (`Td`): a
    paragraph's lines are written one `_textOut` after another, the last of each line moving to the next
    (T*); the scaling is back to 100% after the last line."""

    def __init__(self, *arguments: Any, lines: Sequence[tuple[float, float]] | None = None, **options: Any):
        super().__init__(*arguments, **options)
        self.lines, self.line_number, self.scale, self.started = lines, 0, 1.0, False

    def getCode(self) -> str:  # noqa: N802 (ReportLab's name)
        """The text object's operators, its drawing done: the paragraph's drawing (5.1) set a method bound to
        this object on it (`_do_line`) and its line state (`XtraState`), a reference cycle that kept the object,
        its lines and their shaped texts for the garbage collector to find; dropped here, they go at once."""
        code = super().getCode()
        state = self.__dict__
        state.pop("_do_line", None)
        state.pop("XtraState", None)
        state.pop("xs", None)
        return code

    def _textOut(self, text: Any, TStar: int = 0) -> None:  # noqa: N802, N803 (ReportLab's names)
        lines = self.lines
        if lines is None:
            return super()._textOut(text, TStar)
        wanted, shift = lines[self.line_number] if self.line_number < len(lines) else (1.0, 0.0)
        if wanted != self.scale:
            self._code.append(f"{fp_str(wanted * 100)} Tz")
            self.scale = wanted
        if shift and not self.started:
            self._code.append(f"{fp_str(-shift)} 0 Td")
        self.started = True
        super()._textOut(text, TStar)
        if TStar:
            if shift:
                self._code.append(f"{fp_str(shift)} 0 Td")
            self.line_number += 1
            self.started = False
            if self.line_number >= len(lines) and self.scale != 1.0:
                self._code.append("100 Tz")
                self.scale = 1.0

    def _formatText(self, text: Any) -> str:  # noqa: N802 (ReportLab's name)
        font = pdfmetrics.getFont(self._fontname)
        shape_data = getattr(text, "__shapeData__", None) if isinstance(text, ShapedStr) else None
        if (shape_data is None or not font._dynamicFont or not font.shapable
                or any(map(_Y_OFFSET, shape_data))):
            return super()._formatText(text)
        canvas = self._canvas
        escape, code, template, start = canvas._escape, [], None, 0
        for subset, encoded in font.splitString(text, canvas._doc):
            if subset != self._curSubset:
                if not template:
                    template = f"{fp_str(self._fontsize)} Tf {fp_str(self._leading)} TL"
                code.append(f"{font.getSubsetInternalName(subset, canvas._doc)} {template}")
                self._curSubset = subset
            stop = start + len(encoded)
            glyphs = shape_data[start:stop]
            start = stop
            # the glyphs HarfBuzz moved off their advance (kerning, marks): the text between them is one string
            moved = [index for index, glyph in enumerate(glyphs) if glyph[3] or glyph[5] != glyph[1]]
            if not moved:
                code.append(f"({escape(encoded)}) Tj")
                continue
            items = _adjusted(encoded, glyphs, moved, escape)
            code.append(f"{items[0]} Tj" if len(items) == 1 and items[0].startswith("(") else f"[{' '.join(items)}] TJ")
        return " ".join(code)


_Y_OFFSET = itemgetter(4)  # a ShapeData's y_offset


def _adjusted(encoded: str, glyphs: Sequence[Any], moved: list[int], escape: Any) -> list[str]:
    """A TJ array's items for a subset's encoded glyphs: strings of glyphs between the adjustments that
    place the glyphs `moved` (those whose offset or drawn width differ from their advance) where HarfBuzz
    put them, in thousandths of the font size; adjustments with no glyph between them are summed."""
    items: list[str] = []
    pending: list[float] = []  # adjustments with no glyph between them: ReportLab sums them
    begin: int | None = None   # the first glyph of the run of glyphs being collected

    def settle() -> None:  # the adjustments pending, as one number (none when they cancel out)
        if pending:
            number = fp_str(sum(pending))
            if number != "0":
                items.append(number)
            pending.clear()

    position = 0
    for index in [*moved, len(glyphs)]:
        if position < index:  # glyphs set on their advance: the run goes on (after what is pending)
            settle()
            if begin is None:
                begin = position
        if index == len(glyphs):
            break
        glyph = glyphs[index]
        lead = -glyph.x_offset
        if lead:
            if begin is not None:
                items.append(f"({escape(encoded[begin:index])})")
                begin = None
            pending.append(lead)
        settle()
        if begin is None:
            begin = index
        trail = glyph.width - glyph.x_advance + glyph.x_offset
        if trail:
            items.append(f"({escape(encoded[begin:index + 1])})")
            begin = None
            pending.append(trail)
        position = index + 1
    if begin is not None:
        items.append(f"({escape(encoded[begin:])})")
    settle()
    return items


class Operators(str):
    """Content-stream operators a marked paragraph writes between its texts (marked content): `closing`, the
    operators that close what these open (None: they leave as many open as they close), and `closes`, whether
    these close what the last of them still open opened."""

    closing: str | None = None
    closes: bool = False

    def __new__(cls, code: str, closing: str | None = None, closes: bool = False) -> "Operators":
        made = super().__new__(cls, code)
        made.closing, made.closes = closing, closes
        return made


class _MarkedText(_TextObject):
    """A paragraph's text object that writes, for each text its drawing writes (one `_textOut` each: a
    line's pieces in order, the last moving to the next line), what `plan` says instead: per line, per
    piece, (the text expected, the texts and Operators to write). A drawing that writes other texts than
    the plan expects is written as it comes from then on; what the plan left open is closed at the end
    of the text object."""

    def __init__(self, *arguments: Any, plan: Sequence[Sequence[tuple[str, Sequence[str]]]] = (), **options: Any):
        super().__init__(*arguments, **options)
        self.plan: Sequence | None = plan
        self.mark_line = self.mark_piece = 0
        self.still_open: list[str] = []  # the closing operators of what the plan opened, innermost last

    def _textOut(self, text: Any, TStar: int = 0) -> None:  # noqa: N802, N803 (ReportLab's names)
        plan = self.plan
        if plan is not None and self.mark_line < len(plan) and self.mark_piece < len(plan[self.mark_line]) \
                and str(plan[self.mark_line][self.mark_piece][0]) == str(text):
            items = plan[self.mark_line][self.mark_piece][1]
        else:
            self.plan, items = None, (text,)
        self.mark_piece += 1
        last = max((index for index, item in enumerate(items) if not isinstance(item, Operators)), default=None)
        if last is None:
            super()._textOut("", TStar)
        for index, item in enumerate(items):
            if isinstance(item, Operators):
                self._code.append(item)
                if item.closes and self.still_open:
                    self.still_open.pop()
                if item.closing is not None:
                    self.still_open.append(item.closing)
            else:
                super()._textOut(item, TStar if index == last else 0)
        if TStar:
            self.mark_line, self.mark_piece = self.mark_line + 1, 0

    def getCode(self) -> str:  # noqa: N802 (ReportLab's name)
        while self.still_open:
            self._code.append(self.still_open.pop())
        return super().getCode()


class Canvas(_Canvas):
    """A canvas that shows each annotation to `adding_annotation` before adding it (links, widgets),
    and writes shaped text faster (`_TextObject`)."""

    def beginText(self, x: float = 0, y: float = 0, direction: object = None) -> PDFTextObject:  # noqa: N802
        return _TextObject(self, x, y, direction=direction)

    def adding_annotation(self, annotation: object, addtopage: int) -> object:
        """The annotation to add in place of `annotation` (itself by default)."""
        return annotation

    def _addAnnotation(self, annotation: object, name: str | None = None, addtopage: int = 1) -> None:  # noqa: N802
        super()._addAnnotation(self.adding_annotation(annotation, addtopage), name, addtopage)


def placed_lines_text(canvas: _Canvas, x: float, y: float, lines: Sequence[tuple[float, float]]) -> PDFTextObject:
    """A text object for a paragraph whose lines are drawn at their own horizontal scaling, and shifted left
    by their own amounts: (scale, shift) a line."""
    return _TextObject(canvas, x, y, lines=lines)



def marked_text(canvas: _Canvas, x: float, y: float, lines: Sequence[tuple[float, float]] | None,
                plan: Sequence[Sequence[tuple[str, Sequence[str]]]]) -> PDFTextObject:
    """A text object for a paragraph that writes its lines' texts as `plan` marks them (see _MarkedText), its
    lines at their own scaling and shift, (scale, shift) a line, as placed_lines_text (None: all as they are)."""
    return _MarkedText(canvas, x, y, lines=lines, plan=plan)

# ---------------------------------------------------------------- PDF objects

def object_numbers(document: PDFDocument) -> dict[str, tuple[int, int]]:
    """(object number, generation) by internal name, for the objects a document has numbered."""
    return document.idToObjectNumberAndVersion


def page_entry_names() -> list[str]:
    """The entries ReportLab writes into every page dictionary, in its order."""
    return list(PDFPage.__NoDefault__)


def set_page_entry_names(page: PDFPage, names: list[str]) -> None:
    """Make `page` (only) write the entries `names`, in that order (ReportLab writes no others)."""
    page.__NoDefault__ = names


def drop_soft_mask(reader: object) -> None:
    """Tell an ImageReader its image has no alpha channel (so no soft mask is written)."""
    reader._dataA = None  # type: ignore[attr-defined]


# ---------------------------------------------------------------- fonts

def glyph_map(font: TTFont) -> dict[int, int]:
    """A TrueType font's glyph index by code point."""
    return font.face.charToGlyph


def replace_registered_font(name: str, font: TTFont) -> None:
    """Make `name` mean `font` in ReportLab's font registry. registerFont gives a new name the font
    registered first with the same face name (the family name inside the file), whatever its bytes;
    there is no public way to replace it."""
    pdfmetrics._fonts[name] = font


class _KnownFace(TTFontFace):
    """A TrueType face whose typographic information (ReportLab's extractInfo: names, metrics, the
    character map and the glyph widths, ~30 ms a face) is given from an earlier parse, or parsed."""

    def __init__(self, filename: Any, known: dict | None):
        self._known, self._extracted = known, ()
        super().__init__(filename, validate=0)

    def extractInfo(self, charInfo: int = 1) -> None:  # noqa: N802, N803 (ReportLab's names)
        if self._known is None:
            before = dict(self.__dict__)  # (TypeFace.__init__ set some of them to None already)
            super().extractInfo(charInfo)
            self._extracted = tuple(sorted(name for name, value in self.__dict__.items()
                                           if name not in before or before[name] is not value))
            return
        for name, (kind, value) in self._known.items():
            setattr(self, name, _decoded(kind, value))
        per_em = self.unitsPerEm
        multiple = 1000 / per_em
        self._pdfScale = (lambda x: x) if per_em == 1000 else (lambda x: x * multiple)  # as extractInfo makes it


def _encoded(value: Any) -> list | None:
    if isinstance(value, TTFNameBytes):
        return ["name", [bytes(value).hex(), value.ustr]]
    if isinstance(value, dict):
        keys = pack_numbers(list(value))
        if keys is not None:  # the character map and widths: columns of numbers, not a JSON number each
            values = pack_numbers(list(value.values()))
            if values is not None:
                return ["numbers-dict", [keys, values]]
            if all(type(item) is list for item in value.values()):  # glyphToChar: nearly all of one number
                firsts = pack_numbers([item[0] if len(item) == 1 else 0 for item in value.values()])
                others = [[index, item] for index, item in enumerate(value.values()) if len(item) != 1]
                if firsts is not None and all(pack_numbers(item) is not None for _, item in others):
                    return ["lists-dict", [keys, firsts, others]]
        return ["dict", [[key, list(item) if isinstance(item, list) else item] for key, item in value.items()]]
    if isinstance(value, list) and all(isinstance(item, tuple) for item in value):
        width = len(value[0]) if value else 0
        if value and all(type(item) is tuple and len(item) == width for item in value):
            columns = [pack_numbers(list(column)) for column in zip(*value)]
            if all(column is not None for column in columns):
                return ["tuples-columns", columns]
        return ["tuples", [list(item) for item in value]]
    if type(value) is list:
        numbers = pack_numbers(value)
        if numbers is not None:
            return ["numbers", numbers]
    if isinstance(value, (list, tuple)):
        return ["list" if isinstance(value, list) else "tuple", list(value)]
    if isinstance(value, (bool, int, float, str)):
        return ["value", value]
    return None


def _decoded(kind: str, value: Any) -> Any:
    if kind == "name":
        name = bytes.__new__(TTFNameBytes, bytes.fromhex(value[0]))
        name.ustr = value[1]
        return name
    if kind == "numbers-dict":
        return dict(zip(unpack_numbers(value[0]), unpack_numbers(value[1]), strict=True))
    if kind == "lists-dict":
        keys, (firsts, others) = unpack_numbers(value[0]), value[1:]
        made = dict(zip(keys, map(list, zip(unpack_numbers(firsts))), strict=True))  # [number] each, made in C
        for index, item in others:  # the lists of another length, in their places
            if type(index) is not int or not 0 <= index < len(keys) or type(item) is not list \
                    or not all(type(number) in (int, float) for number in item):
                raise ValueError("damaged face information")
            made[keys[index]] = item
        return made
    if kind == "tuples-columns":
        columns = [unpack_numbers(column) for column in value]
        if len({len(column) for column in columns}) > 1:
            raise ValueError("damaged face information")
        return list(zip(*columns))
    if kind == "numbers":
        return unpack_numbers(value)
    if kind == "dict":
        return {key: item for key, item in value}
    if kind == "tuples":
        return [tuple(item) for item in value]
    if kind == "tuple":
        return tuple(value)
    if kind in ("list", "value"):
        return value
    raise ValueError(f"unknown face information {kind!r}")


class SubsetNamingFont(TTFont):
    """A TrueType font whose embedded subsets get the six-letter tag `subset_tag` gives.

    `known` is the `face_info` of an earlier parse of the same bytes (a build cache's): the file is
    then not parsed for it again. Everything else is as TTFont.__init__ (4.2 to 5.1) makes it."""

    def __init__(self, name: str, filename: Any, known: dict | None = None):
        self.fontName = name
        self.face = _KnownFace(filename, known)
        self.encoding = TTEncoding()
        from weakref import WeakKeyDictionary

        self.state = WeakKeyDictionary()
        self._asciiReadable = rl_config.ttfAsciiReadable
        self.shapable = not any(fnmatch(name, pattern) for pattern in unShapedFontGlob)

    def splitString(self, text: Any, doc: Any, encoding: str = "utf-8") -> list:  # noqa: N802 (ReportLab's name)
        """TTFont's (4.2 to 5.1): the text as (subset, codes) runs. A text whose characters all have their codes
        in the document's first subset already (nearly every text after a report's first pages) is one run,
        made in one step; any other goes the way TTFont's goes, character by character, assigning codes."""
        state = self.state.get(doc) if isinstance(text, str) else None
        if state is not None:
            assignments = state.assignments
            try:
                codes = [assignments[code] for code in map(ord, text.replace("\xa0", " "))]  # (NBSP drawn as a space)
            except KeyError:
                codes = None
            if codes is not None and (not codes or max(codes) < 256):
                return [(0, bytes(codes))] if codes else []
        return super().splitString(text, doc, encoding)

    def face_info(self) -> dict | None:
        """The face's typographic information as JSON data (for `known`), or None if it was given, or
        ReportLab made something this cannot write."""
        extracted = self.face._extracted
        if not extracted:
            return None
        info = {}
        for name in extracted:
            if name in ("_pdfScale", "_pos"):  # a function of unitsPerEm; where the parser stopped reading
                continue
            encoded = _encoded(getattr(self.face, name))
            if encoded is None:
                return None
            info[name] = encoded
        return info

    def subset_tag(self, face_name: bytes, characters: list[int]) -> bytes:
        """The tag of the subset of `characters` (six capital letters)."""
        raise NotImplementedError

    def addObjects(self, doc: Any) -> None:  # noqa: N802 (ReportLab's name)
        """TTFont.addObjects (ReportLab 4.2 to 5.1), with each subset's tag from `subset_tag` where
        ReportLab asks its module function SUBSETN for a numbered one: that function is not
        replaced, so documents written at the same time in other threads keep their names."""
        try:
            state = self.state[doc]
        except KeyError:
            state = self.state[doc] = TTFont.State(self._asciiReadable)
        state.frozen = 1
        for number, subset in enumerate(state.subsets):
            internal_name = self.getSubsetInternalName(number, doc)[1:]
            base_font_name = b"".join((self.subset_tag(self.face.name, subset), b"+", self.face.name,
                                       self.face.subfontNameX)).decode("pdfdoc")
            pdf_font = pdfdoc.PDFTrueTypeFont()
            pdf_font.__Comment__ = "Font %s subset %d" % (self.fontName, number)
            pdf_font.Name = internal_name
            pdf_font.BaseFont = base_font_name
            pdf_font.FirstChar = 0
            pdf_font.LastChar = len(subset) - 1
            pdf_font.Widths = pdfdoc.PDFArray(list(map(self.face.getCharWidth, subset)))
            cmap = pdfdoc.PDFStream()
            cmap.content = to_unicode_cmap(self, base_font_name, subset)
            if doc.compression:
                cmap.filters = [pdfdoc.PDFZCompress]
            pdf_font.ToUnicode = doc.Reference(cmap, "toUnicodeCMap:" + base_font_name)
            pdf_font.FontDescriptor = self.face.addSubsetObjects(doc, base_font_name, subset)
            doc.Reference(pdf_font, internal_name)
            doc.idToObject["BasicFonts"].dict[internal_name] = pdf_font
        del self.state[doc]


def to_unicode_cmap(font: TTFont, name: str, subset: list[int]) -> str:
    """The ToUnicode CMap of a subset (as ReportLab's makeToUnicodeCMap writes it), each code mapped to
    the text it stands for: a ligature's letters ("fi" for the fi glyph), not the ligature character."""
    entries = []
    for code, point in enumerate(subset):
        text = unicode_text(font, point)
        entries.append("<%02X> <%s>" % (code, text.encode("utf-16-be").hex().upper()))
    lines = ["/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap", "/CIDSystemInfo",
             "<< /Registry (%s)" % name, "/Ordering (%s)" % name, "/Supplement 0", ">> def",
             "/CMapName /%s def" % name, "/CMapType 2 def", "1 begincodespacerange", "<00> <%02X>" % (len(subset) - 1),
             "endcodespacerange", "%d beginbfchar" % len(entries), *entries, "endbfchar", "endcmap",
             "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines)
