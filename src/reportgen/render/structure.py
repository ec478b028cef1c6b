"""Structure tree: ReportLab's unsaved document, its link annotations and the structure log in, the
same document carrying the tags out, so ReportLab's own save writes a tagged PDF in one pass.

Adds the StructTreeRoot (elements in story order; each element's own MCIDs and link annotations
first, in drawing order, a child drawn amid them (a Link in its paragraph's text) where it was drawn,
then its other children), the ParentTree and each page's /StructParents and /Tabs, /MarkInfo and
XMP metadata with the title and pdfuaid:part (ReportDocument already sets /Lang and /DisplayDocTitle). Every link annotation is an OBJR of the Link element it was drawn
for (layout.tagging), with /Contents and /F 4. Nothing here reads the clock, so the same spec
still gives the same bytes.
"""

from __future__ import annotations

import codecs
from datetime import datetime
from functools import cache

from reportlab.pdfbase.pdfdoc import (PDFArray, PDFDictionary, PDFDocument, PDFName, PDFObject,
                                      PDFObjectReference, PDFPage, PDFStream, PDFString)
from reportlab.pdfbase.pdfdoc import format as format_object

from reportgen.layout.markup import escape
from reportgen.layout.tagging import MarkedContent, PlacedLink, StructureLog, StructureNode
from reportgen.model.report import Meta
from reportgen.reportlab_adapter import object_numbers, page_entry_names, set_page_entry_names
from reportgen.render.identity import INSTANCE_PLACEHOLDER, document_id, xmp_date

PRODUCER = "reportgen"
PRINT_FLAG = 4
ATTRIBUTE_KEYS = ("Alt", "ActualText", "Lang", "T")
BOXED = frozenset({"Figure", "Table", "Formula"})  # the elements a Layout attribute gives a /BBox
ESCAPES = ((b"\\", b"\\\\"), (b"(", b"\\("), (b")", b"\\)"), (b"\r", b"\\r"), (b"\n", b"\\n"))  # backslash first
PAGE_KEYS = [*page_entry_names(), "StructParents", "Tabs"]  # the page entries ReportLab writes, and ours


def write_structure(document: PDFDocument, log: StructureLog, meta: Meta, created: datetime) -> None:
    """Add the structure tree and document-level accessibility entries to a document not yet saved."""
    pages: list[PDFPage] = list(document.Pages.pages)
    catalog = document.Catalog
    catalog.StructTreeRoot = _TreeWriter(document, pages, log).write()
    catalog.MarkInfo = PDFDictionary({"Marked": "true"})
    catalog.Metadata = PDFStream(PDFDictionary({"Type": PDFName("Metadata"), "Subtype": PDFName("XML")}),
                                 xmp_packet(meta, created).encode("utf-8"))  # bytes: ReportLab writes them untouched
    for page in pages:
        set_page_entry_names(page, PAGE_KEYS)  # an instance list: ReportLab's own pages stay as they are
        page.Tabs = PDFName("S")


# ---------------------------------------------------------------- the tree

def _number(value: float) -> bytes:
    """A coordinate to a hundredth of a point, without trailing zeros (the same layout gives the same bytes)."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return (text if text != "-0" else "0").encode("ascii")


@cache
def _role_name(role: str) -> bytes:
    return PDFName(role).encode("ascii")


def _literal(text: str) -> bytes:
    """A PDF text string: PDFDocEncoding when it can hold the text, else UTF-16BE with its mark
    (as ReportLab's PDFString, in a few string operations: long reports have thousands)."""
    try:
        data = text.encode("pdfdoc")  # ReportLab's codec, registered by pdfdoc
    except UnicodeEncodeError:
        data = codecs.BOM_UTF16_BE + text.encode("utf-16-be")
    for special, escaped in ESCAPES:
        data = data.replace(special, escaped)
    return b"(" + data + b")"


def _format_items(items: list[object], document: PDFDocument) -> bytes:
    """Array items (MCIDs, references, null, small dictionaries), ten to a line; references and
    numbers directly, since a long report has tens of thousands of them."""
    numbers = object_numbers(document)
    parts = [b"%d" % item if isinstance(item, int) else
             b"%d %d R" % numbers[item.name] if isinstance(item, PDFObjectReference) else
             b"null" if item is None else format_object(item, document) for item in items]
    return b"\n".join(b" ".join(parts[start:start + 10]) for start in range(0, len(parts), 10))


class _Array(PDFObject):
    """An array of MCIDs, references and nulls (ParentTree entries) in ReportLab's object model."""

    def __init__(self, items: list[object]):
        self.items = items

    def format(self, document: PDFDocument) -> bytes:
        return b"[ " + _format_items(self.items, document) + b" ]"


class _Element(PDFObject):
    """A StructElem in ReportLab's object model, written in one step."""

    def __init__(self, role: bytes, parent: PDFObjectReference):
        self.role, self.parent = role, parent
        self.attributes: list[bytes] = []  # "/Alt (...)" and the like
        self.page: PDFObjectReference | None = None
        self.kids: list[object] = []

    def format(self, document: PDFDocument) -> bytes:
        numbers = object_numbers(document)
        entries = [b"<<\n/Type /StructElem /S %s /P %d %d R" % (self.role, *numbers[self.parent.name])]
        if self.page is not None:
            entries.append(b"/Pg %d %d R" % numbers[self.page.name])
        entries += self.attributes
        entries.append(b"/K [ " + _format_items(self.kids, document) + b" ]\n>>")
        return b"\n".join(entries)


class _TreeWriter:
    """The log's elements as ReportLab objects, registered with the document in story order."""

    def __init__(self, document: PDFDocument, pages: list[PDFPage], log: StructureLog):
        self.document, self.pages, self.log = document, pages, log
        self.page_references = [document.Reference(page) for page in pages]
        self.parents: dict[int, list[object]] = {page: [None] * count for page, count in log.next_mcid.items()}
        self.annotations: list[tuple[PDFDictionary, PDFObjectReference]] = []
        self.filled: dict[int, bool] = {}  # id(node) -> whether any content lies under it
        self._fill(log.root)

    def write(self) -> PDFObjectReference:
        root = PDFDictionary({"Type": PDFName("StructTreeRoot")})
        reference = self.document.Reference(root)
        root["K"] = PDFArray([self._element(self.log.root, reference)])
        numbers: list[object] = []
        for page, elements in sorted(self.parents.items()):
            self.pages[page - 1].StructParents = page - 1
            numbers += [page - 1, self.document.Reference(_Array(elements))]
        key = len(self.pages)
        for annotation, element in self.annotations:
            annotation["StructParent"] = key
            numbers += [key, element]
            key += 1
        root["ParentTree"] = self.document.Reference(PDFDictionary({"Nums": _Array(numbers)}))
        root["ParentTreeNextKey"] = key
        return reference

    def _fill(self, node: StructureNode) -> bool:
        filled = bool(node.content)
        for kid in node.kids:
            filled = self._fill(kid) or filled
        self.filled[id(node)] = filled
        return filled

    def _marked_content(self, node: StructureNode) -> list[object]:
        """The node's own content, then its children with groups spliced in and empty elements left out."""
        content: list[object] = []
        placed = set()
        for item in node.content:
            if isinstance(item, StructureNode):  # a kid drawn inside this element's text is read there
                placed.add(id(item))
            content.append(item)
        for kid in node.kids:
            if id(kid) in placed:
                continue
            if kid.role is None:
                content += self._marked_content(kid)
            elif self.filled[id(kid)]:
                content.append(kid)
        return content

    def _element(self, node: StructureNode, parent: PDFObjectReference) -> PDFObjectReference:
        element = _Element(_role_name(str(node.role)), parent)
        reference = self.document.Reference(element)
        for key in ATTRIBUTE_KEYS:
            if key in node.attributes:
                element.attributes.append(b"/%s %s" % (key.encode("ascii"), _literal(node.attributes[key])))
        if "Scope" in node.attributes:  # a table header cell: the cells it heads (ISO 32000-1 14.8.5.7)
            element.attributes.append(b"/A << /O /Table /Scope /%s >>" % node.attributes["Scope"].encode("ascii"))
        if node.bbox is not None and node.role in BOXED:  # where it is drawn: PDF/UA-1 7.3, ISO 32000-1 14.8.5.4.3
            page = self.pages[node.bbox[0] - 1]  # what lies off the page (a cover photo's bleed) is not shown
            x0, y0, x1, y1 = node.bbox[1:]
            box = (max(0.0, x0), max(0.0, y0), min(float(page.pagewidth), x1), min(float(page.pageheight), y1))
            element.attributes.append(b"/A << /O /Layout /BBox [ %s ] >>" % b" ".join(map(_number, box)))
        kids = element.kids
        home: int | None = None
        for kid in self._marked_content(node):
            if isinstance(kid, MarkedContent):
                if home is None:
                    home = kid.page
                    element.page = self.page_references[kid.page - 1]
                if kid.page == home:
                    kids.append(kid.mcid)
                else:
                    kids.append(PDFDictionary({"Type": PDFName("MCR"), "Pg": self.page_references[kid.page - 1],
                                               "MCID": kid.mcid}))
                self.parents[kid.page][kid.mcid] = reference
            elif isinstance(kid, PlacedLink):
                annotation = kid.annotation
                assert isinstance(annotation, PDFDictionary)
                annotation["Contents"] = PDFString(kid.description)
                annotation["F"] = PRINT_FLAG
                kids.append(PDFDictionary({"Type": PDFName("OBJR"), "Obj": self.document.Reference(kid.annotation),
                                           "Pg": self.page_references[kid.page - 1]}))
                self.annotations.append((kid.annotation, reference))
            else:
                kids.append(self._element(kid, reference))
        return reference


# ---------------------------------------------------------------- metadata

def xmp_packet(meta: Meta, created: datetime) -> str:
    """XMP with the title, author, subject, keywords, the PDF/UA-1 claim, the build's dates (never the clock's,
    so builds repeat), the DocumentID of the report and the InstanceID placeholder `stamp_identity` fills."""
    when = xmp_date(created)
    author = meta.author or meta.organization
    subject = meta.subject or meta.subtitle
    keywords = ", ".join(meta.keywords)
    language = escape(meta.language)
    return f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"
    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(meta.title)}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{escape(author)}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{escape(subject)}</rdf:li></rdf:Alt></dc:description>
   <dc:language><rdf:Bag><rdf:li>{language}</rdf:li></rdf:Bag></dc:language>
   <pdf:Keywords>{escape(keywords)}</pdf:Keywords>
   <pdf:Producer>{PRODUCER}</pdf:Producer>
   <xmp:CreatorTool>{PRODUCER}</xmp:CreatorTool>
   <xmp:CreateDate>{when}</xmp:CreateDate>
   <xmp:ModifyDate>{when}</xmp:ModifyDate>
   <xmp:MetadataDate>{when}</xmp:MetadataDate>
   <xmpMM:DocumentID>{document_id(meta)}</xmpMM:DocumentID>
   <xmpMM:InstanceID>{INSTANCE_PLACEHOLDER}</xmpMM:InstanceID>
   <pdfuaid:part>1</pdfuaid:part>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""
