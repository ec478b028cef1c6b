"""Page boxes of print builds: MediaBox = trim + bleed + slug, BleedBox = trim + bleed, TrimBox = the page."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pikepdf

from reportgen.layout.geometry import SLUG
from reportgen.pipeline import BuildOptions, build
from tests.print.conftest import needs_pdfinfo

LETTER = (612.0, 792.0)
BLEED = 9.0  # the default page.bleed, 0.125in


def boxes(page: pikepdf.Page) -> dict[str, list[float]]:
    return {name: [float(v) for v in page.obj[name]] for name in ("/MediaBox", "/BleedBox", "/TrimBox")}


def test_every_page_of_the_report_has_consistent_boxes(print_build):
    offset = BLEED + SLUG
    width, height = LETTER
    with pikepdf.open(print_build.output) as pdf:
        assert len(pdf.pages) == print_build.pages > 20
        for page in pdf.pages:
            assert boxes(page) == {
                "/MediaBox": [0, 0, width + 2 * offset, height + 2 * offset],
                "/BleedBox": [SLUG, SLUG, SLUG + width + 2 * BLEED, SLUG + height + 2 * BLEED],
                "/TrimBox": [offset, offset, offset + width, offset + height],
            }
            assert "/ArtBox" not in page.obj and "/CropBox" not in page.obj


def test_bleed_follows_the_spec(write_spec, spec_dir: Path):
    spec = write_spec("""\
        meta: {title: T, organization: O}
        page: {size: a4, bleed: 5mm}
        sections:
          - type: quote
            text: Short.
        """)
    result = build(spec, spec_dir / "out.pdf", BuildOptions(print_mode=True))
    with pikepdf.open(result.output) as pdf:
        box = boxes(pdf.pages[0])
    trim, bleed = box["/TrimBox"], box["/BleedBox"]
    assert round(trim[2] - trim[0], 1) == 595.3 and round(trim[3] - trim[1], 1) == 841.9
    assert [round(t - b, 2) for t, b in zip(trim[:2], bleed[:2])] == [14.17, 14.17]  # 5 mm


def test_screen_builds_have_no_trim_or_bleed(minimal_spec, spec_dir: Path):
    result = build(minimal_spec, spec_dir / "screen.pdf")
    with pikepdf.open(result.output) as pdf:
        assert all("/TrimBox" not in page.obj and "/BleedBox" not in page.obj for page in pdf.pages)
        assert [float(v) for v in pdf.pages[0].mediabox] == [0, 0, *LETTER]


@needs_pdfinfo
def test_pdfinfo_reads_the_same_boxes(print_build):
    text = subprocess.run(["pdfinfo", "-box", "-f", "1", "-l", "3", str(print_build.output)],
                          capture_output=True, text=True, check=True).stdout
    found = {name: [float(v) for v in values.split()] for name, values in
             re.findall(r"Page\s+1 (MediaBox|BleedBox|TrimBox):\s+([\d.\s]+?)\n", text)}
    assert found == {"MediaBox": [0, 0, 684, 864], "BleedBox": [27, 27, 657, 837], "TrimBox": [36, 36, 648, 828]}


def test_crop_marks_are_in_the_all_separation_outside_the_bleed(print_build):
    """Registration colour is PDF's /All separation (every plate, spot plates too), not 100% of the four inks."""
    with pikepdf.open(print_build.output) as pdf:
        page = pdf.pages[1]
        spaces = page.obj.Resources.ColorSpace
        registration = [name for name, space in spaces.items()
                        if isinstance(space, pikepdf.Array) and str(space[0]) == "/Separation" and str(space[1]) == "/All"]
        assert registration
        operators = [(str(op), [str(o) for o in operands]) for operands, op in pikepdf.parse_content_stream(page)]
        strokes = [index for index, (op, operands) in enumerate(operators) if op == "CS" and operands == registration[:1]]
        assert strokes, "the marks select the /All separation for stroking"
        assert not any(op == "K" and operands == ["1", "1", "1", "1"] for op, operands in operators)
