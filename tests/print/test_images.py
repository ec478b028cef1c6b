"""Images: downsampled to 300 ppi (print) or 150 ppi (screen) at their placed size, JPEG for photos,
lossless for line art, CMYK in print (through the output profile when one is given)."""

from __future__ import annotations

from pathlib import Path

import pikepdf
from PIL import Image

from reportgen.layout.images import ImageStore
from reportgen.pipeline import BuildOptions, build
from reportgen.print.content import read_page
from tests.conftest import MINIMAL
from tests.print.conftest import CMYK_PROFILE, needs_profile

SPEC = MINIMAL + """\
  - type: text
    title: Pictures
    body: A photo and a chart.
    images: [assets/photos/big.jpg, assets/photos/chart.png]
"""


def write_images(spec_dir: Path) -> None:
    photos = spec_dir / "assets" / "photos"
    gradient = Image.linear_gradient("L").resize((3000, 2000))
    Image.merge("RGB", (gradient, gradient.rotate(90).resize((3000, 2000)), gradient.transpose(0))).save(
        photos / "big.jpg", quality=85)
    chart = Image.new("RGB", (2400, 1200), "white")
    chart.paste((0, 58, 112), (200, 200, 1200, 1000))
    chart.save(photos / "chart.png")


def placed_images(path: Path) -> list:
    """(placement, colour space, filter) of every image drawn, in drawing order."""
    with pikepdf.open(path) as pdf:
        found = []
        for page in pdf.pages:
            objects = page.get_images()  # forms included; ReportLab wraps each image in a form
            for placed in read_page(page).images:
                image = objects[placed.name]
                found.append((placed, str(image.ColorSpace), str(image.Filter)))
        return found


def test_print_images_are_cmyk_at_300_ppi(write_spec, spec_dir: Path):
    write_images(spec_dir)
    result = build(write_spec(SPEC), spec_dir / "print.pdf", BuildOptions(print_mode=True))
    images = placed_images(result.output)
    assert len(images) == 2
    for placed, space, _ in images:
        assert placed.colour_space == "cmyk" and space == "/DeviceCMYK"
        assert abs(placed.effective_ppi - 300) < 3
    assert sorted(kind for _, _, kind in images) == ["/DCTDecode", "/FlateDecode"]  # no ASCII85 layer  # the photo as JPEG, the chart lossless


def test_screen_images_are_downsampled_to_150_ppi(write_spec, spec_dir: Path):
    write_images(spec_dir)
    result = build(write_spec(SPEC), spec_dir / "screen.pdf")
    images = placed_images(result.output)
    assert {placed.colour_space for placed, _, _ in images} == {"rgb"}
    assert all(abs(placed.effective_ppi - 150) < 2 for placed, _, _ in images)
    assert all(max(placed.pixels) < 1300 for placed, _, _ in images)  # from 3000 and 2400 pixels wide


@needs_profile
def test_the_output_profile_converts_photos(spec_dir: Path):
    """sRGB mid grey through the press profile is a four-colour grey, not the naive K-only one Pillow gives."""
    path = spec_dir / "grey.jpg"
    Image.new("RGB", (400, 300), (128, 128, 128)).save(path, quality=95)
    naive, managed = ImageStore(ppi=300, cmyk=True), ImageStore(ppi=300, cmyk=True, output_profile=CMYK_PROFILE)
    for store in (naive, managed):
        store.load_all([(path, ("image",))])
    c, m, y, k = naive.rendition(path).getpixel((10, 10))
    assert max(c, m, y) < 3 and 120 < k < 135
    managed_image = managed.rendition(path)
    c, m, y, k = managed_image.getpixel((10, 10))
    assert managed_image.mode == "CMYK" and min(c, m, y) > 40 and k > 0
