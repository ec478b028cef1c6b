"""Photos from anywhere: CMYK, 16-bit, palette, alpha and EXIF-rotated files come out upright 8-bit RGB
(CMYK in print), and a 20000 x 20000 JPEG is downsampled in bounded memory."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from reportgen.layout.images import ImageStore


class Loaded:
    def __init__(self, store: ImageStore, path: Path):
        self.info = store.get(path)
        self.image = store.rendition(path).convert(store.rendition(path).mode)
        self.aspect = self.info.aspect


def load(path: Path, cmyk: bool = False) -> Loaded:
    store = ImageStore(cmyk=cmyk)
    store.load_all([(path, ("sections", 0, "image", "file"))])
    return Loaded(store, path)


def test_cmyk_jpeg_becomes_rgb_on_screen_and_stays_cmyk_in_print(tmp_path: Path):
    path = tmp_path / "cmyk.jpg"
    Image.new("CMYK", (60, 40), (0, 255, 255, 0)).save(path, quality=95)  # pure red ink
    screen = load(path).image
    assert screen.mode == "RGB"
    red, green, blue = screen.getpixel((30, 20))
    assert red > 200 and green < 60 and blue < 60
    assert load(path, cmyk=True).image.mode == "CMYK"


def test_sixteen_bit_grey_png_keeps_its_tone(tmp_path: Path):
    path = tmp_path / "grey16.png"
    Image.new("I;16", (60, 40), 0x8000).save(path)
    image = load(path).image
    assert image.mode == "RGB"
    assert image.getpixel((10, 10)) == (128, 128, 128)


def test_palette_png_with_transparency_is_flattened_on_white(tmp_path: Path):
    path = tmp_path / "palette.png"
    image = Image.new("P", (60, 40), 1)
    image.putpalette([0, 0, 0, 0, 90, 200] + [0, 0, 0] * 254)
    image.paste(0, (0, 0, 30, 40))
    image.save(path, transparency=0)
    loaded = load(path).image
    assert loaded.mode == "RGB"
    assert loaded.getpixel((10, 10)) == (255, 255, 255)  # transparent: paper white, not black
    assert loaded.getpixel((50, 10)) == (0, 90, 200)


def test_exif_rotated_photo_is_shown_upright(tmp_path: Path):
    path = tmp_path / "rotated.jpg"
    image = Image.new("RGB", (600, 300), (200, 30, 30))
    image.paste((30, 30, 200), (0, 0, 300, 300))  # left half blue as stored
    exif = image.getexif()
    exif[0x0112] = 6  # "rotate 90 degrees clockwise to display"
    image.save(path, exif=exif, quality=95)
    loaded = load(path)
    assert loaded.image.size == (300, 600)
    assert loaded.aspect == pytest.approx(0.5)
    top_red, _, top_blue = loaded.image.getpixel((150, 100))
    assert top_blue > 150 and top_red < 100  # the stored left half is now on top


def test_every_awkward_image_builds(cli, write_spec, spec_dir: Path):
    assets = spec_dir / "assets"
    size = (600, 400)  # about 200 ppi as placed: a warning in print, not an error (below 150 ppi)
    Image.new("CMYK", size, (10, 50, 0, 20)).save(assets / "cmyk.jpg")
    Image.new("I;16", size, 40000).save(assets / "grey16.png")
    Image.new("P", size, 3).save(assets / "palette.png")
    Image.new("LA", size, (90, 128)).save(assets / "alpha.png")
    Image.new("1", size, 1).save(assets / "bilevel.png")
    Image.new("RGB", size).save(assets / "photo.webp")
    spec = write_spec("meta: {title: T, organization: O}\nsections:\n  - type: text\n    title: T\n    body: b\n"
                      "    images: [assets/cmyk.jpg, assets/grey16.png, assets/palette.png, assets/alpha.png, "
                      "assets/bilevel.png, assets/photo.webp]\n")
    for options, space in (((), "/DeviceRGB"), (("--print",), "/DeviceCMYK")):
        result = cli("build", str(spec), "-o", str(spec_dir / "out.pdf"), *options)
        assert result.code == 0, result.err
        spaces = [xobject.get_object()["/ColorSpace"] for page in PdfReader(str(spec_dir / "out.pdf")).pages
                  for xobject in page["/Resources"]["/XObject"].values()]
        assert spaces == [space] * 6


HUGE_JPEG = textwrap.dedent("""
    import resource, sys, time
    from pathlib import Path
    from PIL import Image
    from reportgen.layout.images import ImageStore
    path = Path(sys.argv[1])
    if sys.argv[2] == "write":
        Image.new("L", (20000, 20000), 140).save(path, quality=40)
        raise SystemExit(0)
    started = time.perf_counter()
    store = ImageStore()
    store.load_all([(path, ("image",))])
    reader, pixels = store.reader(path, 400, 400)
    info = store.get(path)
    # this process's own high-water mark: VmHWM starts afresh at exec, where ru_maxrss keeps the
    # parent's (a test process of 300 MB made the child look as big)
    status = Path("/proc/self/status")
    hwm = [line for line in status.read_text().splitlines() if line.startswith("VmHWM:")] if status.exists() else []
    peak = int(hwm[0].split()[1]) // 1024 if hwm else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(info.size[0], info.size[1], *pixels, peak, time.perf_counter() - started)
""")


def test_20000_pixel_jpeg_is_downsampled_in_bounded_memory(tmp_path: Path):
    path = tmp_path / "huge.jpg"
    script = tmp_path / "huge.py"
    script.write_text(HUGE_JPEG)
    subprocess.run([sys.executable, str(script), str(path), "write"], check=True, timeout=120)
    output = subprocess.run([sys.executable, str(script), str(path), "load"], check=True, timeout=120,
                            capture_output=True, text=True).stdout.split()
    width, height, loaded_width, loaded_height, peak_mb = map(int, output[:5])
    assert (width, height) == (20000, 20000)
    assert (loaded_width, loaded_height) == (833, 833)  # 400 pt at 150 ppi
    # decoding in full would need 400 MB for one grey plane (1.2 GB as RGB); draft mode stays far below
    assert peak_mb < 300, f"peak RSS {peak_mb} MB"


@pytest.mark.parametrize("caption", ["", ", caption: A caption under the photo"])
def test_a_tall_photo_on_a_small_page_is_scaled_to_the_frame(tmp_path: Path, caption: str):
    """A 20 x 3000 px photo on a 2in x 2in page: scaled down to what the frame holds (90 pt), never
    'the photo is 230 pt tall but a page holds 90 pt' (found by the layout fuzzer, issue 12)."""
    import re

    from reportgen.pipeline import build

    (tmp_path / "assets").mkdir()
    Image.new("RGB", (20, 3000), (40, 90, 160)).save(tmp_path / "assets" / "tall.jpg", quality=80)
    spec = tmp_path / "report.yaml"
    spec.write_text(textwrap.dedent(f"""\
        meta: {{title: F, organization: P}}
        page: {{size: [2in, 2in], margins: {{top: 0.75in, bottom: 0, outside: 0, inside: 0.2in}}}}
        footer: {{even: "", odd: ""}}
        sections:
          - {{type: text, title: d, images: [{{file: assets/tall.jpg, alt: A tall photo{caption}}}]}}
        """), encoding="utf-8")
    result = build(spec, tmp_path / "out" / "report.pdf")
    heights = [float(h) for page in PdfReader(str(result.output)).pages
               for h in re.findall(rb"[\d.]+ 0 0 ([\d.]+) [-\d.]+ [-\d.]+ cm\s*/\S+ Do", page.get_contents().get_data())]
    assert heights and max(heights) <= 90.0 - 4, heights  # within the frame, its space before included
