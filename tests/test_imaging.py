"""Images open under the limit reportgen passes, never under (or by changing) Pillow's process-wide one."""

from __future__ import annotations

import io
from pathlib import Path
from types import ModuleType

import pytest
from PIL import Image

from reportgen.imaging import open_image
from reportgen.model.types import MAX_IMAGE_PIXELS
from tests.conftest import ROOT
from tests.model.test_hostile_model import jpeg_with_size, png_header

PHOTO = next((ROOT / "assets" / "photos").glob("*.jpg"))


@pytest.fixture
def assignments(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Every value assigned to PIL.Image.MAX_IMAGE_PIXELS while the test runs."""
    assigned: list[object] = []

    class Recording(ModuleType):
        def __setattr__(self, name: str, value: object) -> None:
            if name == "MAX_IMAGE_PIXELS":
                assigned.append(value)
            super().__setattr__(name, value)

    monkeypatch.setattr(Image, "__class__", Recording)
    return assigned


def test_a_photo_over_pillows_limit_but_within_ours_opens_and_the_global_is_never_written(
        monkeypatch: pytest.MonkeyPatch, assignments: list[object]):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1_000)  # someone else in the process wants a low limit
    assignments.clear()
    data = jpeg_with_size(PHOTO, 20_000, 20_000)  # 400 MP: refused by Pillow's own rule at any default
    with open_image(io.BytesIO(data), MAX_IMAGE_PIXELS) as image:
        assert (image.format, image.size) == ("JPEG", (20_000, 20_000))
    assert Image.MAX_IMAGE_PIXELS == 1_000 and assignments == []


@pytest.mark.parametrize("data, limit", [(png_header(40_000, 40_000), MAX_IMAGE_PIXELS), (png_header(11, 10), 100)])
def test_more_pixels_than_the_limit_given_is_a_decompression_bomb(data: bytes, limit: int):
    with pytest.raises(Image.DecompressionBombError, match=f"exceeds the limit of {limit} pixels"):
        open_image(io.BytesIO(data), limit)


def test_a_file_no_reader_knows_is_unidentified():
    for data in (b"", b"not an image at all"):
        with pytest.raises(Image.UnidentifiedImageError):
            open_image(io.BytesIO(data), MAX_IMAGE_PIXELS)


def test_validation_and_layout_never_write_pillows_limit(write_spec, spec_dir: Path, assignments: list[object]):
    from reportgen.pipeline import build

    (spec_dir / "assets" / "big.jpg").write_bytes(jpeg_with_size(PHOTO, 9_000, 12_000))  # 108 MP: over Pillow's default
    spec = write_spec("meta: {title: T, organization: O}\nsections:\n  - {type: cover, image: assets/big.jpg}\n")
    assert build(spec, spec_dir / "out.pdf").pages >= 1
    assert assignments == []
