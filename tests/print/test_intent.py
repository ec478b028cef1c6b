"""PDF/X-4 with an output profile: OutputIntents, GTS_PDFXVersion, Trapped, PDF 1.6, a clean qpdf check,
and byte-identical output from two builds."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest
from PIL import Image

from reportgen.diagnostics import ReportError
from reportgen.pipeline import BuildOptions, build
from tests.conftest import MINIMAL
from tests.print.conftest import CMYK_PROFILE, RGB_PROFILE, needs_profile, needs_qpdf


@needs_profile
def test_output_intent_embeds_the_profile(print_build):
    with pikepdf.open(print_build.output) as pdf:
        intents = pdf.Root.OutputIntents
        assert len(intents) == 1
        intent = intents[0]
        assert intent.S == pikepdf.Name.GTS_PDFX
        assert str(intent.OutputConditionIdentifier) == "CGATS TR 001"
        assert intent.DestOutputProfile.read_bytes() == CMYK_PROFILE.read_bytes()
        assert int(intent.DestOutputProfile.N) == 4
        assert str(pdf.docinfo.GTS_PDFXVersion) == "PDF/X-4"
        assert pdf.docinfo.Trapped == pikepdf.Name("/False")
        assert pdf.pdf_version >= "1.6"
        metadata = pdf.open_metadata()
        assert metadata["pdfxid:GTS_PDFXVersion"] == "PDF/X-4"
        assert metadata["xmpMM:DocumentID"].startswith("uuid:")


@needs_profile
@needs_qpdf
def test_qpdf_finds_nothing_wrong(print_build):
    check = subprocess.run(["qpdf", "--check", str(print_build.output)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "No syntax or stream encoding errors" in check.stdout


def test_print_builds_are_byte_identical(write_spec, spec_dir: Path):
    text = MINIMAL.replace("  - type: cover\n", "  - type: cover\n    image: assets/photos/photo.jpg\n")
    Image.new("RGB", (3000, 2000), (40, 90, 160)).save(spec_dir / "assets" / "photos" / "photo.jpg", quality=80)
    if CMYK_PROFILE.exists():
        shutil.copy(CMYK_PROFILE, spec_dir / "press.icc")
        text += "print:\n  output_intent: {icc: press.icc}\n"
    spec = write_spec(text + "output: print\n")
    digests = {hashlib.sha256(build(spec, spec_dir / name).output.read_bytes()).hexdigest() for name in ("a.pdf", "b.pdf")}
    assert len(digests) == 1


def test_output_print_in_the_spec_means_a_print_build(write_spec, spec_dir: Path):
    result = build(write_spec(MINIMAL + "output: print\n"), spec_dir / "p.pdf", BuildOptions())
    with pikepdf.open(result.output) as pdf:
        assert "/TrimBox" in pdf.pages[0].obj
        intents = pdf.Root.OutputIntents  # no profile in the spec: the shipped FOGRA39 one, so PDF/X-4
        assert [str(i.OutputConditionIdentifier) for i in intents] == ["FOGRA39"]


@pytest.mark.skipif(not RGB_PROFILE.exists(), reason=f"{RGB_PROFILE} is missing (Debian package libgs-common)")
def test_an_rgb_profile_is_refused_with_its_line(write_spec, spec_dir: Path):
    shutil.copy(RGB_PROFILE, spec_dir / "srgb.icc")
    spec = write_spec(MINIMAL + "print:\n  output_intent: {icc: srgb.icc}\n")
    with pytest.raises(ReportError) as caught:
        build(spec, spec_dir / "x.pdf")
    (problem,) = caught.value.diagnostics
    assert problem.dotted_path == "print.output_intent.icc" and problem.line == MINIMAL.count("\n") + 2
    assert "not a CMYK output profile" in problem.message


def test_a_file_that_is_no_profile_is_refused(write_spec, spec_dir: Path):
    (spec_dir / "fake.icc").write_bytes(b"not a profile" * 20)
    spec = write_spec(MINIMAL + "print:\n  output_intent: {icc: fake.icc}\n")
    with pytest.raises(ReportError, match="fake.icc is not an ICC profile"):
        build(spec, spec_dir / "x.pdf")
