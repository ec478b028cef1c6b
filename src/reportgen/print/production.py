"""Print production: ReportLab's PDF (in memory) in, the print PDF with page boxes, overprint, layout
findings and (when a profile is given) a PDF/X-4 output intent out, written once to the staging file.

The page decorations (crop marks, the page tracker for layout findings) are made here before the
document is drawn; `finish` post-processes the rendered bytes with pikepdf and writes the result to
the one temporary file the pipeline then moves into place.
"""

from __future__ import annotations

import base64
import hashlib
import io
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf

from reportgen.diagnostics import Diagnostic
from reportgen.layout import LayoutLog, PageGeometry
from reportgen.model.report import PrintSettings
from reportgen.print.boxes import PageBoxes, set_page_boxes
from reportgen.print.colour import overprint_black, store_gamut_notes
from reportgen.print.findings import PageTracker, store_findings, store_image_sources
from reportgen.print.intent import PDF_VERSION, add_output_intent, mark_pdfx
from reportgen.print.marks import CropMarks


@dataclass
class PrintJob:
    geometry: PageGeometry
    settings: PrintSettings
    tracker: PageTracker
    gamut_notes: list[Diagnostic] = field(default_factory=list)  # colours the profile cannot reach (Palette)

    @classmethod
    def start(cls, geometry: PageGeometry, settings: PrintSettings, log: LayoutLog) -> "PrintJob":
        return cls(geometry, settings, PageTracker(log))

    def decorations(self) -> list:
        marks = [CropMarks(self.geometry)] if self.settings.marks else []
        return [self.tracker, *marks]

    def finish(self, rendered: bytes, staged: Path, image_sources: dict[bytes, str] | None = None) -> None:
        """Write the print PDF made from `rendered` (ReportLab's PDF) to `staged`; saving is
        deterministic (no clock; qpdf's static /ID, which the pipeline's `stamp_identity` replaces by a hash of
        the bytes written). `image_sources` (encoding hash -> file) lets preflight name images by their file."""
        digest = hashlib.sha256(rendered).digest()
        with pikepdf.open(io.BytesIO(rendered)) as pdf:
            set_page_boxes(pdf, PageBoxes.from_geometry(self.geometry))
            remove_links(pdf)
            if self.settings.overprint_black:
                overprint_black(pdf)
            store_findings(pdf, self.tracker.pages())
            store_gamut_notes(pdf, self.gamut_notes)
            intent = self.settings.intent()  # the spec's profile, or the shipped one
            if intent is not None:
                add_output_intent(pdf, intent)
                mark_pdfx(pdf, digest)
            unwrap_jpegs(pdf)
            store_image_sources(pdf, image_sources or {})  # after unwrapping: the raw bytes are the encodings
            # generalized decoding drops the ASCII85 layer of the other streams and recompresses with Flate;
            # saved into the open staging file: a save to its name could stage another temporary file
            with open(staged, "wb") as stream:
                pdf.save(stream, static_id=True, min_version=PDF_VERSION if intent else "",
                         compress_streams=True, stream_decode_level=pikepdf.StreamDecodeLevel.generalized,
                         object_stream_mode=pikepdf.ObjectStreamMode.preserve)


def remove_links(pdf: pikepdf.Pdf) -> int:
    """Take the link annotations out of a print PDF, and their OBJRs out of the structure tree (and the parent
    tree's entries for them): a press sheet cannot be clicked, and PDF/X (ISO 15930-7, 6.7) keeps printing
    annotations out of the TrimBox and BleedBox. The Link elements keep the linked words, so the tree and its
    reading order stay as on screen; the screen PDF keeps the links. Returns how many were removed."""
    removed: set[tuple[int, int]] = set()
    parents: set[int] = set()
    for page in pdf.pages:
        annotations = page.obj.get("/Annots")
        if not isinstance(annotations, pikepdf.Array):
            continue
        kept = []
        for annotation in annotations:
            if annotation.get("/Subtype") == pikepdf.Name.Link:
                removed.add(annotation.objgen)
                if isinstance(annotation.get("/StructParent"), int):
                    parents.add(int(annotation.StructParent))
            else:
                kept.append(annotation)
        if kept:
            page.obj.Annots = pikepdf.Array(kept)
        else:
            del page.obj["/Annots"]
    if not removed:
        return 0

    def linked(kid: object) -> bool:
        return (isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == pikepdf.Name.OBJR
                and kid.get("/Obj") is not None and kid.Obj.objgen in removed)

    root = pdf.Root.get("/StructTreeRoot")
    for element in pdf.objects:
        if not isinstance(element, pikepdf.Dictionary) or "/K" not in element or "/S" not in element:
            continue
        kids = element.K
        if isinstance(kids, pikepdf.Array) and any(linked(kid) for kid in kids):
            left = [kid for kid in kids if not linked(kid)]
            element.K = left[0] if len(left) == 1 and isinstance(left[0], pikepdf.Dictionary) else pikepdf.Array(left)
        elif linked(kids):
            element.K = pikepdf.Array()
    tree = root.get("/ParentTree") if root is not None else None
    for node in _number_tree_nodes(tree):
        numbers = node.get("/Nums")
        if isinstance(numbers, pikepdf.Array):
            pairs = [(numbers[i], numbers[i + 1]) for i in range(0, len(numbers) - 1, 2)]
            node.Nums = pikepdf.Array([item for key, value in pairs if int(key) not in parents for item in (key, value)])
    return len(removed)


def _number_tree_nodes(node: object) -> list[pikepdf.Dictionary]:
    if not isinstance(node, pikepdf.Dictionary):
        return []
    found = [node]
    for kid in node.get("/Kids", pikepdf.Array()):
        found += _number_tree_nodes(kid)
    return found


def unwrap_jpegs(pdf: pikepdf.Pdf) -> None:
    """Keep JPEG images as bare DCT streams: no ASCII85 layer (a quarter more bytes for nothing), and a
    plain filter name, which the compressing save leaves alone."""
    for stream in pdf.objects:
        if not isinstance(stream, pikepdf.Stream) or stream.get("/Subtype") != pikepdf.Name.Image:
            continue
        filters = stream.get("/Filter")
        names = [str(f) for f in filters] if isinstance(filters, pikepdf.Array) else None
        if names in (["/ASCII85Decode", "/DCTDecode"], ["/DCTDecode"]):
            raw = stream.read_raw_bytes()
            if names[0] == "/ASCII85Decode":
                raw = raw.strip()
                raw = base64.a85decode(raw[:-2] if raw.endswith(b"~>") else raw)
            stream.write(raw, filter=pikepdf.Name.DCTDecode)  # a bare filter name: nothing recompresses it
            if "/DecodeParms" in stream:
                del stream["/DecodeParms"]
