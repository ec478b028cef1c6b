"""Tagged canvas: drawing calls and the structure log in, a tagged PDF written in one save out."""

from __future__ import annotations

from datetime import datetime

from reportlab.pdfbase.pdfdoc import LinkAnnotation, PDFDictionary, PDFName, PDFString

from reportgen.layout.tagging import StructureLog, link_drawn
from reportgen.model.report import Meta
from reportgen.reportlab_adapter import Canvas, canvas_document, page_code, set_identity
from reportgen.render.identity import FILE_ID_PLACEHOLDER
from reportgen.render.glyphs import GlyphLog
from reportgen.render.structure import write_structure
from reportgen.theme.fonts import GLYPH_LOG

LINK = PDFName("Link")


class TaggedCanvas(Canvas):
    """A ReportLab canvas that carries the build's structure log (layout.tagging reads it while
    blocks draw), gives every link annotation it makes to the Link element being drawn, hears of
    every character drawn with a font that has no glyph for it (`glyphs`, a GlyphLog its fonts find
    on the document) and, as it saves, adds the structure tree of `structure` and the XMP of `meta`
    to the document before it is written."""

    def __init__(self, *args: object, structure: StructureLog, meta: Meta, created: datetime,
                 glyphs: GlyphLog | None = None, **kwargs: object):
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.structure, self.meta, self.created = structure, meta, created
        set_identity(canvas_document(self), created, FILE_ID_PLACEHOLDER)  # the ID: stamped from the bytes later
        self.glyphs = glyphs if glyphs is not None else GlyphLog()
        setattr(canvas_document(self), GLYPH_LOG, self.glyphs)  # the fonts' splitString(text, doc) sees the document only

    @property
    def spec_item(self) -> tuple:
        """The spec item being drawn now (the document template and footer painter keep it on the glyph log)."""
        return tuple(self.glyphs.path)

    def adding_annotation(self, annotation: object, addtopage: int) -> object:
        target = None
        if isinstance(annotation, LinkAnnotation):  # canvas.linkRect: a link inside the document
            target = "#" + str(annotation.Destination.name)
            annotation = annotation.Dict()  # a plain dictionary takes the entries the structure adds
        elif isinstance(annotation, PDFDictionary) and annotation.dict.get("Subtype") == LINK:  # canvas.linkURL
            action = annotation.dict.get("A")
            uri = action.dict.get("URI") if isinstance(action, PDFDictionary) else None
            target = str(uri.s) if isinstance(uri, PDFString) else ""
        if addtopage and target is not None:
            link_drawn(self, annotation, target)
        return annotation

    def save(self) -> None:
        if len(page_code(self)):  # as Canvas.save: a page still open is finished first
            self.showPage()
        write_structure(canvas_document(self), self.structure, self.meta, self.created)
        super().save()
