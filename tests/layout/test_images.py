"""The image store's caches: bytes proved intact once are not decoded again, and a JPEG is drawn
without decoding its pixels."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from reportlab.pdfgen.canvas import Canvas

from reportgen.layout import images
from reportgen.layout.images import EncodedImage, ImageStore
from reportgen.model.report import Fonts
from reportgen.reportlab_setup import prepare_reportlab
from reportgen.theme.fonts import register_fonts

SPEC_PATH = ("sections", 0, "image", "file")


def photo(path: Path, size: tuple[int, int] = (300, 200)) -> Path:
    Image.radial_gradient("L").resize(size).convert("RGB").save(path, quality=90)
    return path


def test_a_second_store_trusts_the_inspection_recorded_in_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    path = photo(tmp_path / "a.jpg")
    first = ImageStore(cache_dir=tmp_path / "cache")
    first.load_all([(path, SPEC_PATH)])
    assert list((tmp_path / "cache").glob("*-inspected-*.json"))

    def no_decoding(*arguments: object) -> None:
        raise AssertionError("decoded again")

    monkeypatch.setattr(images, "_open", no_decoding)
    second = ImageStore(cache_dir=tmp_path / "cache")
    second.load_all([(path, SPEC_PATH)])
    assert second.get(path) == first.get(path)


def test_changed_bytes_are_inspected_again(tmp_path: Path):
    path = photo(tmp_path / "a.jpg")
    ImageStore(cache_dir=tmp_path / "cache").load_all([(path, SPEC_PATH)])
    path.write_bytes(path.read_bytes()[:400])  # truncated: the old record must not vouch for it
    store = ImageStore(cache_dir=tmp_path / "cache")
    with pytest.raises(images.ReportError) as caught:
        store.load_all([(path, SPEC_PATH)])
    assert "could not be decoded" in caught.value.diagnostics[0].message


def test_a_jpeg_is_named_by_its_encoding_and_never_decoded(tmp_path: Path):
    data = photo(tmp_path / "a.jpg").read_bytes()
    reader = EncodedImage(data)
    assert reader.getRGBData() == reader.content_digest
    assert reader._image._im is None  # Pillow never loaded the pixels
    prepare_reportlab()  # binary streams: the JPEG's own bytes are in the PDF
    canvas = Canvas(str(tmp_path / "out.pdf"), initialFontName=register_fonts(Fonts()).body)
    canvas.drawImage(reader, 10, 10, 30, 20)
    canvas.drawImage(EncodedImage(data), 50, 10, 30, 20)  # the same bytes: one XObject
    canvas.save()
    pdf = (tmp_path / "out.pdf").read_bytes()
    assert pdf.count(b"/DCTDecode") == 1 and data[-2000:] in pdf


def test_a_lossless_image_still_hands_over_its_pixels():
    buffer = io.BytesIO()
    Image.new("RGB", (4, 3), (255, 0, 0)).save(buffer, "PNG")
    assert EncodedImage(buffer.getvalue()).getRGBData() == b"\xff\x00\x00" * 12
