"""Print fixtures: the repository's report built once in print mode (PDF/X-4 when ghostscript's
CMYK profile is installed), optional-tool markers and a content-stream colour reader."""

from __future__ import annotations

import shutil
from pathlib import Path

import pikepdf
import pytest

from reportgen.pipeline import BuildOptions, BuildResult, build
from tests.conftest import ROOT

CMYK_PROFILE = Path("/usr/share/color/icc/ghostscript/default_cmyk.icc")
RGB_PROFILE = Path("/usr/share/color/icc/ghostscript/srgb.icc")

needs_profile = pytest.mark.skipif(not CMYK_PROFILE.exists(),
                                   reason=f"{CMYK_PROFILE} is missing (Debian package libgs-common/ghostscript)")
needs_ghostscript = pytest.mark.skipif(shutil.which("gs") is None, reason="ghostscript (gs) is not installed")
needs_qpdf = pytest.mark.skipif(shutil.which("qpdf") is None, reason="qpdf is not installed")
needs_pdfinfo = pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="pdfinfo (poppler-utils) is not installed")

RGB_OPERATORS = {"rg", "RG"}


def content_operators(pdf: pikepdf.Pdf) -> dict[int, set[str]]:
    """Every operator of every page's content, forms included, by page number."""
    found: dict[int, set[str]] = {}

    def walk(owner: pikepdf.Object, page: int, seen: set) -> None:
        for operands, operator in pikepdf.parse_content_stream(owner):
            found.setdefault(page, set()).add(str(operator))
            if str(operator) in ("cs", "CS"):
                found[page].add(f"{operator} {operands[0]}")
        xobjects = (owner.get("/Resources") or {}).get("/XObject") or {}
        for _, xobject in xobjects.items():
            if xobject.get("/Subtype") == pikepdf.Name.Form and xobject.objgen not in seen:
                seen.add(xobject.objgen)
                walk(xobject, page, seen)

    for number, page in enumerate(pdf.pages, start=1):
        walk(page.obj, number, set())
    return found


def image_spaces(pdf: pikepdf.Pdf) -> set[str]:
    spaces = set()
    for page in pdf.pages:
        for image in page.get_images().values():  # forms included
            spaces.add(str(image.get("/ColorSpace")))
    return spaces


@pytest.fixture(scope="session")
def print_build(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """report.yaml in print mode; with an output intent when the CMYK profile is present."""
    folder = tmp_path_factory.mktemp("print")
    shutil.copytree(ROOT / "assets", folder / "assets")
    spec = (ROOT / "report.yaml").read_text(encoding="utf-8")
    if CMYK_PROFILE.exists():
        shutil.copy(CMYK_PROFILE, folder / "press.icc")
        spec += '\nprint:\n  output_intent: {icc: press.icc, condition: "CGATS TR 001"}\n'
    (folder / "report.yaml").write_text(spec, encoding="utf-8")
    return build(folder / "report.yaml", folder / "report.pdf", BuildOptions(print_mode=True))
