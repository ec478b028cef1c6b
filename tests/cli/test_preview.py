"""`reportgen preview`: one PNG per page and a contact sheet laid out as reader spreads."""

from pathlib import Path
from typing import Callable

import pytest
from PIL import Image

from reportgen.cli.preview import GAP, SHEET_GROUND, SPREADS_PER_ROW, THUMB_HEIGHT, spreads
from reportgen.pipeline import BuildResult
from tests.conftest import CliResult

pytest.importorskip("pypdfium2")


def test_spreads_start_with_page_one_on_the_right():
    assert spreads([1, 2, 3, 4, 5, 6]) == [(None, 1), (2, 3), (4, 5), (6, None)]
    assert spreads([3, 4, 5, 6, 7]) == [(None, 3), (4, 5), (6, 7)]


def test_default_report_contact_sheet(cli: Callable[..., CliResult], default_build: BuildResult, tmp_path: Path):
    result = cli("preview", str(default_build.output), "-o", str(tmp_path), "--dpi", "40")
    assert result.code == 0, result.err
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == default_build.pages
    with Image.open(pages[0]) as first:
        assert first.size == (round(8.5 * 40), round(11 * 40))
    with Image.open(tmp_path / "contact-sheet.png") as sheet:
        sheet = sheet.convert("RGB")
        spread_count = default_build.pages // 2 + 1
        rows = -(-spread_count // SPREADS_PER_ROW)
        assert sheet.height > rows * THUMB_HEIGHT
        page_width = (sheet.width - GAP) // SPREADS_PER_ROW // 2 - GAP // 2
        middle = GAP + THUMB_HEIGHT // 2
        # page 1 alone on the right: the left slot of the first spread is bare ground, the right is the dark cover
        assert sheet.getpixel((GAP + page_width // 2, middle)) == SHEET_GROUND
        assert sum(sheet.getpixel((GAP + page_width + page_width // 2, GAP + THUMB_HEIGHT - 10))) < 250
    assert result.out == f"{tmp_path}: {default_build.pages} pages and contact-sheet.png\n"


def test_preview_a_spec_with_a_page_range(cli: Callable[..., CliResult], minimal_spec: Path, tmp_path: Path):
    out = tmp_path / "preview"
    out.mkdir()
    Image.new("RGB", (4, 4)).save(out / "page-099.png")  # a page of an earlier, longer preview
    (out / "page-098.png").write_bytes(b"not a PNG: not reportgen's, so never removed")
    result = cli("preview", str(minimal_spec), "-o", str(out), "--pages", "2-2", "--dpi", "30")
    assert result.code == 0, result.err
    assert sorted(p.name for p in out.iterdir()) == ["contact-sheet.png", "page-002.png", "page-098.png",
                                                     "page-099.png"]
    full = cli("preview", str(minimal_spec), "-o", str(out), "--dpi", "30")
    assert full.code == 0
    assert "page-099.png" not in {p.name for p in out.iterdir()}  # a full preview replaces stale pages
    assert (out / "page-098.png").read_bytes().startswith(b"not a PNG")


def test_bad_page_range(cli: Callable[..., CliResult], default_build: BuildResult, tmp_path: Path):
    result = cli("preview", str(default_build.output), "-o", str(tmp_path), "--pages", "5-900")
    assert result.code == 1 and f"--pages: 5-900 is outside pages 1-{default_build.pages}" in result.err
    assert not list(tmp_path.iterdir())


def test_a_print_pdf_is_previewed_trimmed_and_with_bleed_on_request(cli: Callable[..., CliResult],
                                                                    minimal_spec: Path, tmp_path: Path):
    """The trimmed page by default (the TrimBox: 8.5 x 11 in, the cover's colour to its corners); --bleed
    shows the whole sheet (bleed and slug: 684 x 864 pt), its corner the white slug with the crop marks."""
    pdf = tmp_path / "print.pdf"
    assert cli("build", "--print", str(minimal_spec), "-o", str(pdf)).code == 0
    for bleed, size, corner_dark in ((False, (306, 396), True), (True, (342, 432), False)):
        out = tmp_path / ("bleed" if bleed else "trimmed")
        result = cli("preview", str(pdf), "-o", str(out), "--dpi", "36", "--pages", "1", *(["--bleed"] if bleed else []))
        assert result.code == 0, result.err
        with Image.open(out / "page-001.png") as page:
            assert page.size == size
            corner = page.convert("RGB").getpixel((1, 1))
            assert (sum(corner) < 300) == corner_dark, corner
    screen = tmp_path / "screen.pdf"
    assert cli("build", str(minimal_spec), "-o", str(screen)).code == 0
    assert cli("preview", str(screen), "-o", str(tmp_path / "screen"), "--dpi", "36", "--pages", "1").code == 0
    with Image.open(tmp_path / "screen" / "page-001.png") as page:  # a screen PDF: its page, as it is
        assert page.size == (306, 396)
