"""Output intent: a CMYK ICC profile and printing condition in, a pikepdf document marked PDF/X-4 out.

PDF/X-4 asks for: an OutputIntents entry (S = GTS_PDFX) embedding the output profile,
GTS_PDFXVersion and Trapped in the document information and in XMP metadata, document and
instance IDs, TrimBox and BleedBox on every page (see boxes.py), and PDF 1.6 or later (set when
saving). Nothing here reads the clock: the dates are ReportLab's invariant ones, the IDs derive
from the content, so two builds of the same spec stay byte-identical.
"""

from __future__ import annotations

import hashlib
import uuid
import warnings
from pathlib import Path

import pikepdf
from pikepdf import Dictionary, Name

from reportgen.model.report import OutputIntent

PDFX_VERSION = "PDF/X-4"
PDF_VERSION = "1.6"
NAMESPACE = uuid.UUID("6f0d6a52-6a0e-4a8e-9d0e-7265706f7274")  # fixed: reportgen's document IDs


def profile_description(icc: Path) -> str:
    """The profile's own name (its 'desc' tag), or the file name when it cannot be read."""
    try:
        from PIL import ImageCms

        return ImageCms.getOpenProfile(str(icc)).profile.profile_description.strip() or icc.stem
    except (OSError, ImportError, ImageCms.PyCMSError):
        return icc.stem


def add_output_intent(pdf: pikepdf.Pdf, intent: OutputIntent) -> None:
    profile = pdf.make_stream(intent.icc.read_bytes())
    profile.N = 4
    pdf.Root.OutputIntents = pikepdf.Array([Dictionary(
        Type=Name.OutputIntent, S=Name.GTS_PDFX,
        OutputConditionIdentifier=pikepdf.String(intent.condition),
        OutputCondition=pikepdf.String(intent.info or profile_description(intent.icc)),
        Info=pikepdf.String(intent.info or profile_description(intent.icc)),
        RegistryName=pikepdf.String(intent.registry),
        DestOutputProfile=profile)])


def mark_pdfx(pdf: pikepdf.Pdf, content_digest: bytes) -> None:
    """Document information and XMP for PDF/X-4; `content_digest` makes the instance ID (same input, same ID)."""
    info = pdf.docinfo
    title = str(info.get("/Title", ""))
    document_id = uuid.uuid5(NAMESPACE, title)
    instance_id = uuid.uuid5(NAMESPACE, hashlib.sha256(content_digest).hexdigest())
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as metadata:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # /Trapped has no XMP twin here: it is set below
            metadata.load_from_docinfo(info)
        metadata["pdfxid:GTS_PDFXVersion"] = PDFX_VERSION
        metadata["pdf:Trapped"] = "False"
        for key, value in (("xmpMM:DocumentID", document_id), ("xmpMM:InstanceID", instance_id)):
            if key not in metadata:  # reportgen's own XMP has both (render/identity.py): kept
                metadata[key] = f"uuid:{value}"
        metadata["xmpMM:VersionID"] = "1"
        metadata["xmpMM:RenditionClass"] = "default"
        if "xmp:CreateDate" in metadata:
            metadata["xmp:MetadataDate"] = metadata["xmp:CreateDate"]
    info[Name.GTS_PDFXVersion] = pikepdf.String(PDFX_VERSION)  # after the XMP copy, which has no slot for them
    info[Name.Trapped] = Name("/False")
