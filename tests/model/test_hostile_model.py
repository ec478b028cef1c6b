"""Hostile specs and files: each ends in one clear, located error (or a sensible build), never a traceback."""

from __future__ import annotations

import os
import struct
import zlib
from pathlib import Path
from typing import Callable

import pytest
from PIL import Image

from reportgen.diagnostics import ReportError
from reportgen.model import validate
from reportgen.model.types import MAX_FULL_DECODE_PIXELS
from reportgen.spec import load_spec

from tests.conftest import copy_fonts

HEAD = "meta: {title: T, organization: O}\nsections:\n"


def problems(path: Path, allow_outside: bool = False) -> list[str]:
    with pytest.raises(ReportError) as caught:
        validate(load_spec(path), allow_outside=allow_outside)
    return [str(d) for d in caught.value.diagnostics]


def pie(*slices: str) -> str:
    return HEAD + "  - type: financials\n    title: F\n    pie:\n      slices:\n" + \
        "".join(f"        - {s}\n" for s in slices)


# ---------------------------------------------------------------- model


@pytest.mark.parametrize("text, expected", [
    (HEAD.replace("sections:\n", "sections: []\n"), "2:11: sections: has 0 items (the report needs at least one section)"),
    (HEAD, "2:1: sections: is empty (give a value)"),
    (HEAD + "  - cover\n", "3:5: sections[0]: expected a mapping of keys to values, got 'cover'"),
    (HEAD + "  - {title: X}\n", "3:5: sections[0]: the section has no `type`"),
    (pie("{label: A, amount: 5}"), "7:9: sections[0].pie.slices: has 1 slice (a pie has 2 to 12 slices)"),
    (pie(*[f"{{label: S{i}, amount: {i + 1}}}" for i in range(15)]),
     "7:9: sections[0].pie.slices: has 15 slices (a pie has 2 to 12 slices; combine the smallest"),
    (pie("{label: A, amount: 0}", "{label: B, amount: 3}"),
     "7:30: sections[0].pie.slices[0].amount: must be greater than 0.0, got 0"),
    (pie("{label: A, amount: -5}", "{label: B, amount: 3}"),
     "7:30: sections[0].pie.slices[0].amount: must be greater than 0.0, got -5"),
    (pie("{label: A, amount: .inf}", "{label: B, amount: 3}"),
     "7:30: sections[0].pie.slices[0].amount: expected a finite number, got inf"),
    (pie("{label: A, amount: 1, percent: 33}", "{label: B, amount: 1, percent: 33}",
         "{label: C, amount: 1, percent: 33}"),
     "7:9: sections[0].pie.slices: the stated percentages add up to 99, not 100"),
    (pie("{label: A, amount: one}", "{label: B, amount: 3}"),
     "7:30: sections[0].pie.slices[0].amount: expected a number, got 'one'"),
    ("meta: {title: \"a\\x00b\", organization: O}\nsections: [{type: cover}]\n",
     "1:15: meta.title: the text contains the control character U+0000"),
    (HEAD + "  - {type: text, title: T, body: \"x\\x1by\"}\n", "3:34: sections[0].body: the text contains the control"),
    ("meta: {title: T, organization: O, year: 2024-01-01}\nsections: [{type: cover}]\n",
     "1:41: meta.year: expected text, got the date 2024-01-01 (quote it: \"2024-01-01\")"),
    ("meta: {title: T, organization: O}\npage: {margins: {top: 6in, bottom: 6in}}\nsections: [{type: cover}]\n",
     "2:17: page.margins: the top and bottom margins leave -72 pt of a 792 pt tall page for text"),
    ("meta: {title: T, organization: O}\npage: {margins: {inside: -1in}}\nsections: [{type: cover}]\n",
     "2:26: page.margins.inside: must not be negative, got -72 pt"),
    ("meta: {title: T, organization: O}\npage: {bleed: .nan}\nsections: [{type: cover}]\n",
     "2:15: page.bleed: expected a length such as 0.75in or 19mm, got nan"),
    ("meta: {title: T, organization: O}\nfooter: {odd: 'title} | {page}'}\nsections: [{type: cover}]\n",  # test_fuzz
     "2:21: footer.odd: a `}` that no `{` opens"),
    (HEAD + "  - {type: cards, title: C, cards: []}\n",
     "3:36: sections[0].cards: has 0 items (a cards section needs at least one card)"),
])
def test_bad_model_values(write_spec: Callable[[str], Path], text: str, expected: str):
    [message] = problems(write_spec(text))
    assert f"report.yaml:{expected}" in message


def test_every_pie_problem_at_once(write_spec: Callable[[str], Path]):
    messages = problems(write_spec(pie("{label: A, amount: 0}", "{label: B, amount: .nan}", "{label: C}")))
    assert [m.split("report.yaml:")[1].split(": ")[0] for m in messages] == ["7:30", "8:30", "9:11"]


# ---------------------------------------------------------------- files: paths


def test_symlink_pointing_out_is_refused_unless_allowed(write_spec, spec_dir: Path, tmp_path_factory):
    outside = tmp_path_factory.mktemp("elsewhere") / "secret.jpg"
    Image.new("RGB", (40, 30)).save(outside)
    (spec_dir / "assets" / "photos" / "link.jpg").symlink_to(outside)
    spec = write_spec(HEAD + "  - {type: cover, image: assets/photos/link.jpg}\n")
    [message] = problems(spec)
    assert "3:26: sections[0].image.file: path 'assets/photos/link.jpg' leads outside the spec's folder" in message
    report, _ = validate(load_spec(spec), allow_outside=True)
    assert report.sections[0].image.file == outside.resolve()


def test_symlink_inside_the_folder_is_fine(write_spec, spec_dir: Path):
    (spec_dir / "assets" / "alias.jpg").symlink_to(spec_dir / "assets" / "photos" / "photo.jpg")
    validate(load_spec(write_spec(HEAD + "  - {type: cover, image: assets/alias.jpg}\n")))


def test_absolute_and_parent_paths(write_spec, spec_dir: Path):
    photo = spec_dir / "assets" / "photos" / "photo.jpg"
    spec = write_spec(HEAD + f"  - {{type: cover, image: '{photo}'}}\n"
                      "  - {type: letter, title: L, body: b, image: ../../photo.jpg}\n")
    messages = problems(spec)
    assert "absolute path" in messages[0] and "--allow-outside" in messages[0]
    assert "sections[1].image.file: path '../../photo.jpg' leads outside" in messages[1]
    spec = write_spec(HEAD + f"  - {{type: cover, image: '{photo}'}}\n")
    validate(load_spec(spec), allow_outside=True)


def test_missing_font_and_a_folder_as_font(write_spec, spec_dir: Path):
    spec = write_spec("meta: {title: T, organization: O}\ntheme: {fonts: {body: {regular: fonts/none.ttf, "
                      "bold: assets}}}\nsections: [{type: cover}]\n")
    messages = problems(spec)
    assert "theme.fonts.body.regular: file not found: fonts/none.ttf" in messages[0]
    assert "theme.fonts.body.bold: 'assets' is not a file" in messages[1]


# ---------------------------------------------------------------- files: images and fonts


def png_header(width: int, height: int) -> bytes:
    """A PNG whose header claims `width` x `height` (the pixel data is never reached)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b""))


def jpeg_with_size(source: Path, width: int, height: int) -> bytes:
    """A real JPEG whose frame header is patched to claim `width` x `height`."""
    data = bytearray(source.read_bytes())
    start = data.index(b"\xff\xc0")
    data[start + 5:start + 9] = struct.pack(">HH", height, width)
    return bytes(data)


def image_spec(write_spec, spec_dir: Path, name: str, data: bytes) -> Path:
    (spec_dir / "assets" / name).write_bytes(data)
    return write_spec(HEAD + f"  - {{type: cover, image: assets/{name}}}\n")


def test_decompression_bomb_png_is_a_spec_error(write_spec, spec_dir: Path):
    [message] = problems(image_spec(write_spec, spec_dir, "bomb.png", png_header(40_000, 40_000)))
    assert "3:26: sections[0].image.file: bomb.png has too many pixels to open safely (a decompression bomb?)" in message


def test_jpeg_just_over_the_pixel_limit_is_refused(write_spec, spec_dir: Path):
    data = jpeg_with_size(spec_dir / "assets" / "photos" / "photo.jpg", 22_000, 22_000)  # 484 MP
    [message] = problems(image_spec(write_spec, spec_dir, "big.jpg", data))
    assert "big.jpg has too many pixels to open safely" in message and "450,000,000 pixels" in message


def test_20000_pixel_png_is_refused_for_memory_and_told_to_use_jpeg(write_spec, spec_dir: Path):
    assert 20_000 * 20_000 > MAX_FULL_DECODE_PIXELS
    [message] = problems(image_spec(write_spec, spec_dir, "huge.png", png_header(20_000, 20_000)))
    assert "huge.png is a 20,000 x 20,000 pixel PNG image, too large to decode in bounded memory" in message
    assert "save it as JPEG" in message


@pytest.mark.parametrize("name, data, words", [
    ("text.jpg", b"this is not a photo\n", "text.jpg is not an image reportgen can read"),
    ("empty.png", b"", "empty.png is not an image reportgen can read"),
    ("garbage.jpg", b"\xff\xd8\xff\xe0" + bytes(range(256)) * 8, "garbage.jpg is not an image reportgen can read"),
    ("icon.ico", None, "icon.ico is a ICO image (use JPEG or PNG)"),
])
def test_unreadable_images_at_validation(write_spec, spec_dir: Path, name: str, data: bytes | None, words: str):
    if data is None:
        Image.new("RGB", (16, 16)).save(spec_dir / "assets" / name)
        spec = write_spec(HEAD + f"  - {{type: cover, image: assets/{name}}}\n")
    else:
        spec = image_spec(write_spec, spec_dir, name, data)
    [message] = problems(spec)
    assert f"report.yaml:3:26: sections[0].image.file: {words}" in message


@pytest.mark.parametrize("name", ["photo.jpg", "line-art.png"])
def test_truncated_images_fail_at_decoding_with_the_spec_path(cli, write_spec, spec_dir: Path, name: str):
    path = spec_dir / "assets" / name
    if name.endswith(".png"):
        Image.effect_noise((400, 300), 60).convert("RGB").save(path)
    else:
        path = spec_dir / "assets" / "photos" / name
    data = path.read_bytes()
    broken = spec_dir / "assets" / f"broken-{name}"
    broken.write_bytes(data[: len(data) // 2])
    spec = write_spec(HEAD + f"  - {{type: text, title: T, body: b, images: [assets/broken-{name}]}}\n")
    result = cli("build", str(spec), "-o", str(spec_dir / "out.pdf"))
    assert result.code == 1
    assert f"report.yaml:3:46: sections[0].images[0].file: broken-{name} could not be decoded" in result.err
    assert "damaged or truncated" in result.err
    assert not (spec_dir / "out.pdf").exists()


def test_cff_font_explains_truetype(write_spec, spec_dir: Path):
    (spec_dir / "assets" / "Brand.otf").write_bytes(b"OTTO" + bytes(200))
    spec = write_spec("meta: {title: T, organization: O}\ntheme: {fonts: {display: {bold: assets/Brand.otf}}}\n"
                      "sections: [{type: cover}]\n")
    [message] = problems(spec)
    assert "2:33: theme.fonts.display.bold: Brand.otf is an OpenType font with CFF (PostScript) outlines " \
           "(reportgen embeds TrueType outlines: use the .ttf version of this font)" in message


def test_corrupt_truetype_font_is_a_spec_error(cli, write_spec, spec_dir: Path):
    (spec_dir / "assets" / "Broken.ttf").write_bytes(b"\x00\x01\x00\x00" + os.urandom(64))
    spec = write_spec("meta: {title: T, organization: O}\ntheme: {fonts: {body: {regular: assets/Broken.ttf}}}\n"
                      "sections: [{type: cover}]\n")
    result = cli("build", str(spec), "-o", str(spec_dir / "out.pdf"))
    assert result.code == 1
    assert "report.yaml:2:33: theme.fonts.body.regular: Broken.ttf is not a usable TrueType font: " in result.err
    assert "give a valid TrueType (.ttf) file" in result.err


def test_missing_glyphs_are_listed_with_their_places(cli, write_spec, spec_dir: Path):
    spec = write_spec(HEAD + "  - type: text\n    title: Welcome \u4e2d\u6587\n"
                      "    body: 'A snowman \u2603 and a smile \U0001F600.'\n")
    result = cli("build", str(spec), "-o", str(spec_dir / "out.pdf"))
    assert result.code == 1
    lines = result.err.splitlines()
    assert "report.yaml:4:12: sections[0].title: '\u4e2d' (U+4E2D CJK UNIFIED IDEOGRAPH-4E2D), '\u6587' " \
           "(U+6587 CJK UNIFIED IDEOGRAPH-6587) are not in the display font Lato-Black" in lines[0]
    assert "report.yaml:5:11: sections[0].body: '\u2603' (U+2603 SNOWMAN), '\U0001F600' (U+1F600 GRINNING FACE) " \
           "are not in the body font OpenSans-Regular" in lines[1]
    assert not (spec_dir / "out.pdf").exists()


def test_own_fonts_with_full_coverage_build(cli, write_spec, spec_dir: Path):
    fonts = copy_fonts(spec_dir)
    assert (fonts / "OpenSans-Regular.ttf").exists()
    spec = write_spec("meta: {title: T, organization: O}\ntheme: {fonts: {body: {regular: "
                      "assets/fonts/OpenSans-Regular.ttf}}}\nsections: [{type: text, title: Caf\u00e9, body: '\u00fcber'}]\n")
    result = cli("build", str(spec), "-o", str(spec_dir / "out.pdf"))
    assert result.code == 0, result.err
