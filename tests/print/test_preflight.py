"""Preflight: what a print shop rejects, found page by page in real PDFs (built ones and hand-made ones)."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest
from PIL import Image
from reportlab.lib.colors import CMYKColor, Color
from reportlab.pdfgen.canvas import Canvas

from reportgen.diagnostics import Severity
from reportgen.pipeline import BuildOptions, build
from reportgen.print.preflight import PreflightSettings, preflight
from tests.conftest import MINIMAL

TRIM = (36.0, 36.0, 648.0, 828.0)


def hand_made(path: Path, draw, boxes: bool = True) -> Path:
    """A one-page print-sized PDF drawn by `draw(canvas)` in media coordinates, with boxes set by pikepdf."""
    canvas = Canvas(str(path), pagesize=(684, 864), invariant=1)
    draw(canvas)
    canvas.showPage()
    canvas.save()
    if boxes:
        with pikepdf.open(path, allow_overwriting_input=True) as pdf:
            pdf.pages[0].obj.TrimBox = pikepdf.Array(TRIM)
            pdf.pages[0].obj.BleedBox = pikepdf.Array([27, 27, 657, 837])
            pdf.save(path)
    return path


def messages(findings, severity: Severity) -> list[str]:
    return [f.message for f in findings if f.severity is severity]


def test_a_clean_print_build_passes(print_build):
    findings = preflight(print_build.output)
    assert messages(findings, Severity.ERROR) == []
    assert [m for m in messages(findings, Severity.WARNING) if "layout:" in m] == []


def test_text_the_layout_shrank_is_reported_by_preflight_with_its_page(write_spec, spec_dir: Path):
    spec = write_spec("meta: {title: T, organization: O}\nsections:\n  - type: cover\n"
                      "  - type: pillar\n    number: 1\n    title: P\n    stats:\n"
                      "      - {value: '123456789012345678901234567890123456789012345678901234567890'}\n")
    output = build(spec, spec_dir / "shrunk.pdf", BuildOptions(print_mode=True)).output
    layout = [m for m in messages(preflight(output), Severity.WARNING) if "layout:" in m]
    assert len(layout) == 1 and layout[0].startswith("page 2: ") and "stat figures were set at" in layout[0]


def test_a_screen_pdf_fails(minimal_spec, spec_dir: Path, cli):
    screen = build(minimal_spec, spec_dir / "screen.pdf").output
    result = cli("preflight", str(screen))
    assert result.code == 1
    assert "page 1: no TrimBox" in result.err and "RGB colour in a print PDF" in result.err
    assert "fails preflight" in result.out


def test_hand_made_problems_are_found_on_their_page(tmp_path: Path):
    def draw(canvas: Canvas) -> None:
        canvas.setFillColor(Color(1, 0, 0))                  # RGB
        canvas.rect(100, 100, 50, 50, fill=1, stroke=0)
        canvas.setFillColor(CMYKColor(0.6, 0.5, 0.4, 1))      # rich black
        canvas.setFont("Helvetica", 10)                       # a standard font: never embedded
        canvas.drawString(38, 400, "Close to the left trim")  # 2 pt inside the trim: in the safe zone
        canvas.drawString(640, 500, "Past the right trim")    # runs off the page
        canvas.setFillColor(CMYKColor(0, 0, 0, 1))
        canvas.drawString(200, 400, "Safe and sound")

    findings = preflight(hand_made(tmp_path / "bad.pdf", draw))
    errors, warnings = messages(findings, Severity.ERROR), messages(findings, Severity.WARNING)
    assert "page 1: font Helvetica is not embedded" in errors
    assert any(m.startswith("page 1: RGB colour") for m in errors)
    assert any("'Past the right trim' runs past the trim edge" in m for m in errors)
    assert any("'Close to the left trim' is inside the 9 pt safe zone (2.0 pt from the trim)" in m for m in warnings)
    assert any("rich black" in m for m in warnings)
    assert not any("Safe and sound" in m for m in errors + warnings)


def test_a_wider_safe_zone_catches_more(tmp_path: Path):
    def draw(canvas: Canvas) -> None:
        canvas.setFillColor(CMYKColor(0, 0, 0, 1))
        canvas.drawString(36 + 20, 400, "Twenty points in")

    pdf = hand_made(tmp_path / "zone.pdf", draw)
    assert not [f for f in preflight(pdf) if "safe zone" in f.message]
    assert [f for f in preflight(pdf, PreflightSettings(safe_zone=36)) if "safe zone" in f.message]


def test_missing_and_inconsistent_boxes(tmp_path: Path):
    pdf = hand_made(tmp_path / "boxes.pdf", lambda canvas: None)
    with pikepdf.open(pdf, allow_overwriting_input=True) as document:
        document.pages[0].obj.BleedBox = pikepdf.Array([40, 40, 600, 800])  # inside the trim
        document.save(pdf)
    assert "page 1: the TrimBox is not inside the BleedBox" in messages(preflight(pdf), Severity.ERROR)
    bare = hand_made(tmp_path / "bare.pdf", lambda canvas: None, boxes=False)
    assert messages(preflight(bare), Severity.ERROR)[:1] == ["page 1: no TrimBox: the finished page size is not stated"]


def test_low_resolution_photo_is_reported_with_its_page(write_spec, spec_dir: Path, cli):
    # 600 x 400 px is about 200 ppi as placed: a build warning in print (below 150 ppi the build fails)
    Image.new("RGB", (600, 400), (200, 60, 40)).save(spec_dir / "assets" / "photos" / "small.jpg", quality=90)
    spec = write_spec(MINIMAL + """\
  - type: text
    title: Low resolution
    break: page
    body: A photo far too small for its place.
    images: [assets/photos/small.jpg]
""")
    result = build(spec, spec_dir / "low.pdf", BuildOptions(print_mode=True))
    low = [w for w in result.warnings if "ppi" in w.message]
    # once: the build judges its photos itself, at the spec line (preflight's page-level finding is not repeated)
    assert len(low) == 1 and low[0].message.startswith("small.jpg is ") and "target 300 ppi" in low[0].message
    assert low[0].path[:2] == ("sections", 2) and low[0].line is not None
    checked = cli("preflight", str(result.output))  # about 200 ppi: a warning for the press, not an error
    assert checked.code == 0
    assert "page 3: image small.jpg (sections[2].images[0].file) at x 389, y 592 pt " in checked.err
    assert "below 300 ppi" in checked.err and "600 x 400 px" in checked.err
    assert cli("preflight", "--min-ppi", "40", str(result.output)).code == 0  # only the 300 ppi warning
    strict = cli("preflight", "--strict", "--min-ppi", "40", str(result.output))
    assert strict.code == 1 and "page 3: image small.jpg" in strict.err and "below 300 ppi" in strict.err


def test_strict_build_fails_on_preflight_warnings_and_keeps_the_old_pdf(write_spec, spec_dir: Path, cli):
    Image.new("RGB", (60, 40), (200, 60, 40)).save(spec_dir / "assets" / "photos" / "tiny.png")
    spec = write_spec(MINIMAL + "  - type: text\n    title: T\n    images: [assets/photos/tiny.png]\n")
    output = spec_dir / "strict.pdf"
    output.write_bytes(b"%PDF-1.4 earlier")
    result = cli("build", "--print", "--strict", str(spec), "-o", str(output))
    assert result.code == 1 and "ppi" in result.err
    assert output.read_bytes() == b"%PDF-1.4 earlier"


def test_unreadable_pdf_is_an_error_not_a_traceback(tmp_path: Path, cli):
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4 nothing else")
    result = cli("preflight", str(tmp_path / "broken.pdf"))
    assert result.code == 1 and "Traceback" not in result.err and "broken.pdf" in result.err


@pytest.mark.parametrize("value", ["wide", "-"])
def test_bad_safe_zone_is_reported(tmp_path: Path, cli, value: str):
    result = cli("preflight", "--safe-zone", value, str(tmp_path / "any.pdf"))
    assert result.code == 1 and "--safe-zone" in result.err
