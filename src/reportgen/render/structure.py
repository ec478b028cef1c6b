"""Structure tree: a rendered PDF and the structure log recorded while drawing it in, a tagged PDF out.

Writes the StructTreeRoot (elements in story order, MCIDs and link annotations as their content),
the ParentTree and each page's /StructParents and /Tabs, and the document-level entries PDF/UA
asks for: /MarkInfo, /Lang, /ViewerPreferences /DisplayDocTitle and XMP metadata with the title
and pdfuaid:part. Link annotations are matched to the element drawn under them. The file is
rewritten in place with a deterministic /ID, so the same spec still gives the same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from reportgen.layout.tagging import Box, MarkedContent, StructureLog, StructureNode
from reportgen.model.report import Meta

PRODUCER = "reportgen"
PRINT_FLAG = 4
ATTRIBUTE_KEYS = ("Alt", "ActualText", "Lang", "T")


@dataclass(frozen=True)
class _Annotation:
    """A link annotation as the content of a Link element."""

    page: int
    annotation: object  # pikepdf.Dictionary


def write_structure(path: Path, log: StructureLog, meta: Meta) -> None:
    """Add the structure tree and document-level accessibility entries to the PDF at `path`."""
    import pikepdf  # imported here: only a finished build needs it

    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        _attach_links(pdf, log)
        writer = _TreeWriter(pdf, log)
        root = writer.write()
        catalog = pdf.Root
        catalog.StructTreeRoot = root
        catalog.MarkInfo = pikepdf.Dictionary(Marked=True)
        catalog.Lang = pikepdf.String(meta.language)
        preferences = catalog.get("/ViewerPreferences", pikepdf.Dictionary())
        preferences.DisplayDocTitle = True
        catalog.ViewerPreferences = preferences
        catalog.Metadata = pdf.make_stream(xmp_packet(meta).encode("utf-8"), Type=pikepdf.Name.Metadata,
                                           Subtype=pikepdf.Name.XML)
        for page in pdf.pages:
            page.obj.Tabs = pikepdf.Name.S
        pdf.save(path, deterministic_id=True, fix_metadata_version=False)


# ---------------------------------------------------------------- links

def _overlap(first: Box, second: Box) -> float:
    width = min(first[2], second[2]) - max(first[0], second[0])
    height = min(first[3], second[3]) - max(first[1], second[1])
    return width * height if width > 0 and height > 0 else 0.0


def _area(box: Box) -> float:
    return (box[2] - box[0]) * (box[3] - box[1])


def _nodes(node: StructureNode):  # type: ignore[no-untyped-def]
    yield node
    for kid in node.kids:
        if isinstance(kid, StructureNode):
            yield from _nodes(kid)


def _attach_links(pdf: object, log: StructureLog) -> None:
    """Give every link annotation a Link element: the one that placed it, else one inside the
    element drawn under it (a link inside a paragraph), described by its words."""
    import pikepdf

    areas: dict[int, list[tuple[Box, StructureNode]]] = {}
    marks: dict[int, list[tuple[Box, StructureNode]]] = {}
    for node in _nodes(log.root):
        for area in node.link_areas:
            areas.setdefault(area.page, []).append((area.box, node))
        for kid in node.kids:
            if isinstance(kid, MarkedContent):
                marks.setdefault(kid.page, []).append((kid.box, node))
    for number, page in enumerate(pdf.pages, start=1):  # type: ignore[attr-defined]
        for annotation in page.obj.get("/Annots", pikepdf.Array()):
            if annotation.get("/Subtype") != pikepdf.Name.Link:
                continue
            rect = tuple(float(value) for value in annotation.Rect)
            rect = (min(rect[0], rect[2]), min(rect[1], rect[3]), max(rect[0], rect[2]), max(rect[1], rect[3]))
            uri = str(annotation.A.get("/URI", "")) if "/A" in annotation else ""
            owner = _placed_by(areas.get(number, []), rect)
            if owner is None:
                host = _drawn_under(marks.get(number, []), rect) or log.root
                words = host.link_texts.get(uri) or uri or "link"
                owner = host.child("Link", Alt=words)
                owner.description = words if words == uri or not uri else f"{words} ({uri})"
            annotation.Contents = pikepdf.String(owner.description or uri or "link")
            annotation.F = PRINT_FLAG
            owner.kids.append(_Annotation(number, annotation))  # type: ignore[arg-type]


def _placed_by(areas: list[tuple[Box, StructureNode]], rect: Box) -> StructureNode | None:
    for box, node in areas:
        if all(abs(a - b) < 1.0 for a, b in zip(box, rect)):
            return node
    return None


def _drawn_under(marks: list[tuple[Box, StructureNode]], rect: Box) -> StructureNode | None:
    best = max(marks, key=lambda mark: (_overlap(mark[0], rect), -_area(mark[0])), default=None)
    return best[1] if best is not None and _overlap(best[0], rect) > 0 else None


# ---------------------------------------------------------------- the tree

class _TreeWriter:
    def __init__(self, pdf: object, log: StructureLog):
        self.pdf, self.log = pdf, log
        self.pages = list(pdf.pages)  # type: ignore[attr-defined]
        self.parents: dict[int, list[object]] = {page: [None] * count for page, count in log.next_mcid.items()}
        self.annotations: list[tuple[object, object]] = []

    def write(self) -> object:
        import pikepdf

        root = self.pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructTreeRoot))  # type: ignore[attr-defined]
        document = self._element(self.log.root, root)
        root.K = pikepdf.Array([document] if document is not None else [])
        numbers: list[object] = []
        for page, elements in sorted(self.parents.items()):
            self.pages[page - 1].obj.StructParents = page - 1
            numbers += [page - 1, self.pdf.make_indirect(  # type: ignore[attr-defined]
                pikepdf.Array([e if e is not None else pikepdf.Null() for e in elements]))]
        key = len(self.pages)
        for annotation, element in self.annotations:
            annotation.StructParent = key  # type: ignore[attr-defined]
            numbers += [key, element]
            key += 1
        root.ParentTree = self.pdf.make_indirect(pikepdf.Dictionary(Nums=pikepdf.Array(numbers)))  # type: ignore[attr-defined]
        root.ParentTreeNextKey = key
        return root

    def _content(self, node: StructureNode) -> list[object]:
        """The node's kids with groups spliced in and empty elements left out."""
        content: list[object] = []
        for kid in node.kids:
            if isinstance(kid, StructureNode) and kid.role is None:
                content += self._content(kid)
            elif isinstance(kid, StructureNode):
                if self._has_content(kid):
                    content.append(kid)
            else:
                content.append(kid)
        return content

    def _has_content(self, node: StructureNode) -> bool:
        return any(not isinstance(kid, StructureNode) or self._has_content(kid) for kid in node.kids)

    def _element(self, node: StructureNode, parent: object) -> object:
        import pikepdf

        element = self.pdf.make_indirect(pikepdf.Dictionary(  # type: ignore[attr-defined]
            Type=pikepdf.Name.StructElem, S=pikepdf.Name("/" + str(node.role)), P=parent))
        for key in ATTRIBUTE_KEYS:
            if key in node.attributes:
                element[f"/{key}"] = pikepdf.String(node.attributes[key])
        kids: list[object] = []
        home: int | None = None
        for kid in self._content(node):
            if isinstance(kid, MarkedContent):
                if home is None:
                    home = kid.page
                    element.Pg = self.pages[kid.page - 1].obj
                if kid.page == home:
                    kids.append(kid.mcid)
                else:
                    kids.append(pikepdf.Dictionary(Type=pikepdf.Name.MCR, Pg=self.pages[kid.page - 1].obj,
                                                   MCID=kid.mcid))
                self.parents[kid.page][kid.mcid] = element
            elif isinstance(kid, _Annotation):
                kids.append(pikepdf.Dictionary(Type=pikepdf.Name.OBJR, Obj=kid.annotation,
                                               Pg=self.pages[kid.page - 1].obj))
                self.annotations.append((kid.annotation, element))
            else:
                kids.append(self._element(kid, element))
        element.K = pikepdf.Array(kids)
        return element


# ---------------------------------------------------------------- metadata

def xmp_packet(meta: Meta) -> str:
    """XMP with the title, author, subject, keywords and the PDF/UA-1 claim; no dates, so builds repeat."""
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
    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(meta.title)}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{escape(author)}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{escape(subject)}</rdf:li></rdf:Alt></dc:description>
   <dc:language><rdf:Bag><rdf:li>{language}</rdf:li></rdf:Bag></dc:language>
   <pdf:Keywords>{escape(keywords)}</pdf:Keywords>
   <pdf:Producer>{PRODUCER}</pdf:Producer>
   <xmp:CreatorTool>{PRODUCER}</xmp:CreatorTool>
   <pdfuaid:part>1</pdfuaid:part>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""
