"""A PDF's identity and dates: the spec's meta (and SOURCE_DATE_EPOCH) in, dates, IDs and the final byte stamp out.

Dates: `meta.date` (midnight UTC of that day), else the environment's SOURCE_DATE_EPOCH (the reproducible-builds
convention: seconds since 1970, UTC), else 2000-01-01; never the clock, so the same inputs give the same bytes.
The XMP DocumentID names the report across editions of its content (title, organisation, year); the file ID
(both halves of the trailer's /ID) and the XMP InstanceID name these bytes: the document is written with
fixed placeholders of the same length, then `stamp_identity` hashes the file and writes the values derived
from that hash over the placeholders (no offset moves, so the cross-reference table stays right).
"""

from __future__ import annotations

import hashlib
import uuid
from datetime import datetime, timezone
from pathlib import Path

from reportgen.model.report import Meta

NAMESPACE = uuid.UUID("6f0d6a52-6a0e-4a8e-9d0e-7265706f7274")  # fixed: reportgen's document IDs
FALLBACK_EPOCH = 946684800  # 2000-01-01T00:00:00Z, ReportLab's invariant date: with neither meta.date nor the variable
FILE_ID_PLACEHOLDER = b"31415926535897932384626433832795"  # qpdf's static ID, and what the screen build writes
INSTANCE_PLACEHOLDER = "uuid:00000000-0000-4000-8000-000000000000"  # as long as every uuid:… written over it


def build_time(meta: Meta, source_date_epoch: str | None) -> datetime:
    """The document's creation and modification time (UTC)."""
    if meta.date is not None:
        return datetime(meta.date.year, meta.date.month, meta.date.day, tzinfo=timezone.utc)
    if source_date_epoch is not None and source_date_epoch.strip():  # checked by reportgen.environment
        return datetime.fromtimestamp(int(source_date_epoch.strip()), tz=timezone.utc)
    return datetime.fromtimestamp(FALLBACK_EPOCH, tz=timezone.utc)


def xmp_date(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def document_id(meta: Meta) -> str:
    """The same report in every edition of its content: its title, organisation and year."""
    identity = "\x1f".join((meta.title, meta.organization, meta.year or ""))
    return f"uuid:{uuid.uuid5(NAMESPACE, identity)}"


def stamp_identity(pdf: Path) -> None:
    """Write the file ID and the XMP InstanceID, both from the SHA-256 of the file as written (placeholders
    included), over their placeholders, in place."""
    data = pdf.read_bytes()
    digest = hashlib.sha256(data).digest()
    file_id = digest[:16].hex().encode()
    instance = f"uuid:{uuid.UUID(bytes=digest[16:], version=4)}".encode()
    assert len(file_id) == len(FILE_ID_PLACEHOLDER) and len(instance) == len(INSTANCE_PLACEHOLDER)
    patches = [(FILE_ID_PLACEHOLDER, file_id), (INSTANCE_PLACEHOLDER.encode(), instance)]
    with pdf.open("r+b") as stream:
        for placeholder, value in patches:
            start = data.rfind(placeholder)
            while start >= 0:
                stream.seek(start)
                stream.write(value)
                start = data.rfind(placeholder, 0, start)
