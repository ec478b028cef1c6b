"""Page boxes: page geometry in, MediaBox/BleedBox/TrimBox set on every page of a pikepdf document out.

MediaBox = trim + bleed + slug (room for the marks), BleedBox = trim + bleed, TrimBox = the
finished page. CropBox and ArtBox are removed: viewers then show the whole sheet with its marks,
and PDF/X forbids an ArtBox beside a TrimBox.
"""

from __future__ import annotations

from dataclasses import dataclass

import pikepdf

from reportgen.layout.geometry import SLUG, PageGeometry

Box = tuple[float, float, float, float]  # left, bottom, right, top


@dataclass(frozen=True)
class PageBoxes:
    media: Box
    bleed: Box
    trim: Box

    @classmethod
    def from_geometry(cls, geometry: PageGeometry) -> "PageBoxes":
        width, height = geometry.media_size
        slug = SLUG if geometry.print_mode else 0.0
        offset = geometry.offset
        return cls(media=(0.0, 0.0, width, height),
                   bleed=(slug, slug, width - slug, height - slug),
                   trim=(offset, offset, offset + geometry.width, offset + geometry.height))


def _array(box: Box) -> pikepdf.Array:
    return pikepdf.Array([round(value, 4) for value in box])


def set_page_boxes(pdf: pikepdf.Pdf, boxes: PageBoxes) -> None:
    for page in pdf.pages:
        page.obj.MediaBox = _array(boxes.media)
        page.obj.BleedBox = _array(boxes.bleed)
        page.obj.TrimBox = _array(boxes.trim)
        for name in ("/CropBox", "/ArtBox"):
            if name in page.obj:
                del page.obj[name]


def read_box(page: pikepdf.Page, name: str) -> Box | None:
    """A page's box as (left, bottom, right, top), normalised; None when the page has none of its own."""
    value = page.obj.get(name)
    if value is None and name == "/MediaBox":
        value = page.mediabox  # inherited from the page tree
    if value is None:
        return None
    x0, y0, x1, y1 = (float(v) for v in value)
    return (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))


def contains(outer: Box, inner: Box, tolerance: float = 0.01) -> bool:
    return (inner[0] >= outer[0] - tolerance and inner[1] >= outer[1] - tolerance
            and inner[2] <= outer[2] + tolerance and inner[3] <= outer[3] + tolerance)


def margins(outer: Box, inner: Box) -> tuple[float, float, float, float]:
    """How far `inner` sits inside `outer` on the left, bottom, right and top."""
    return (inner[0] - outer[0], inner[1] - outer[1], outer[2] - inner[2], outer[3] - inner[3])
