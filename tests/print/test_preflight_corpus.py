"""Preflight's corpus: damaged copies of a print build, one defect each (made with pikepdf), each named with its rule and page."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import Callable

import pikepdf
import pytest
from PIL import Image
from pikepdf import Array, Dictionary, Name

from reportgen.print.preflight import ERROR, INFO, PreflightSettings, preflight_findings
from tests.print.conftest import RGB_PROFILE, needs_ghostscript, needs_profile

pytestmark = needs_profile  # the defects damage a PDF/X-4 build, which needs the CMYK profile


def add_content(pdf: pikepdf.Pdf, page: int, operators: bytes, **resources: Dictionary) -> None:
    """Paint `operators` (balanced by q/Q) over page `page`, with extra named resources by category."""
    target = pdf.pages[page - 1]
    target.contents_add(pdf.make_stream(b"q " + operators + b" Q"), prepend=False)
    for category, entries in resources.items():
        holder = target.obj.Resources
        if "/" + category not in holder:
            holder["/" + category] = Dictionary()
        for name, value in entries.items():
            holder["/" + category][name] = value


def first_font(pdf: pikepdf.Pdf, page: int) -> str:
    return str(next(iter(pdf.pages[page - 1].obj.Resources.Font.keys())))


def rgb_annotation(pdf: pikepdf.Pdf) -> None:
    appearance = pdf.make_stream(b"1 0 0 rg 0 0 40 20 re f", Type=Name.XObject, Subtype=Name.Form,
                                 BBox=Array([0, 0, 40, 20]), Resources=Dictionary())
    annotation = pdf.make_indirect(Dictionary(Type=Name.Annot, Subtype=Name.Square, Rect=Array([700, 700, 740, 720]),
                                              F=0, AP=Dictionary(N=appearance)))  # non-printing, off the page
    page = pdf.pages[3].obj
    page.Annots = Array([*(page.get("/Annots") or []), annotation])


def rgb_shading(pdf: pikepdf.Pdf) -> None:
    shading = Dictionary(ShadingType=2, ColorSpace=Name.DeviceRGB, Coords=Array([0, 0, 100, 0]),
                         Function=Dictionary(FunctionType=2, Domain=Array([0, 1]), C0=Array([1, 0, 0]),
                                             C1=Array([0, 0, 1]), N=1))
    pattern = pdf.make_indirect(Dictionary(Type=Name.Pattern, PatternType=2, Shading=shading))
    add_content(pdf, 5, b"/Pattern cs /Pq scn 100 100 50 50 re f", Pattern=Dictionary(Pq=pattern))


def rgb_group(pdf: pikepdf.Pdf) -> None:
    pdf.pages[6].obj.Group = Dictionary(Type=Name.Group, S=Name.Transparency, CS=Name.DeviceRGB)


def rgb_soft_mask(pdf: pikepdf.Pdf) -> None:
    group = pdf.make_stream(b"0.5 g 0 0 100 100 re f", Type=Name.XObject, Subtype=Name.Form,
                            BBox=Array([0, 0, 100, 100]), Resources=Dictionary(),
                            Group=Dictionary(S=Name.Transparency, CS=Name.DeviceRGB))
    state = Dictionary(Type=Name.ExtGState, SMask=Dictionary(Type=Name.Mask, S=Name.Luminosity, G=group))
    add_content(pdf, 8, b"/GSm gs 0 0 0 1 k 100 100 50 50 re f", ExtGState=Dictionary(GSm=state))


def rgb_form(pdf: pikepdf.Pdf) -> None:
    form = pdf.make_stream(b"0 0 1 rg 0 0 10 10 re f", Type=Name.XObject, Subtype=Name.Form,
                           BBox=Array([0, 0, 10, 10]), Resources=Dictionary())
    add_content(pdf, 9, b"1 0 0 1 100 100 cm /Fx Do", XObject=Dictionary(Fx=form))


def no_output_intent(pdf: pikepdf.Pdf) -> None:
    del pdf.Root["/OutputIntents"]


def srgb_profile(pdf: pikepdf.Pdf) -> None:
    pdf.Root.OutputIntents[0].DestOutputProfile = pdf.make_stream(RGB_PROFILE.read_bytes(), N=3)


def no_xmp_version(pdf: pikepdf.Pdf) -> None:
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as metadata:
        del metadata["pdfxid:GTS_PDFXVersion"]


def art_and_trim(pdf: pikepdf.Pdf) -> None:
    pdf.pages[10].obj.ArtBox = pdf.pages[10].obj.TrimBox


def optional_content(pdf: pikepdf.Pdf, **default: object) -> None:
    layer = pdf.make_indirect(Dictionary(Type=Name.OCG, Name=pikepdf.String("Layer")))
    pdf.Root.OCProperties = Dictionary(OCGs=Array([layer]), D=Dictionary(ON=Array([layer]), **default))


def ink_patch(pdf: pikepdf.Pdf) -> None:
    add_content(pdf, 12, b"1 1 1 1 k 200 300 40 40 re f")


def hairline(pdf: pikepdf.Pdf) -> None:
    add_content(pdf, 13, b"0 0 0 1 K 0.05 w 200 300 m 300 300 l S")


def white_overprint_text(pdf: pikepdf.Pdf) -> None:
    state = Dictionary(Type=Name.ExtGState, OP=True, op=True, OPM=1)
    font = first_font(pdf, 14).encode()
    add_content(pdf, 14, b"/GSw gs 0 0 0 0 k BT " + font + b" 14 Tf 1 0 0 1 200 300 Tm (Vanishes) Tj ET",
                ExtGState=Dictionary(GSw=state))


def printing_annotation(pdf: pikepdf.Pdf) -> None:
    appearance = pdf.make_stream(b"0 0 0 1 k 0 0 40 20 re f", Type=Name.XObject, Subtype=Name.Form,
                                 BBox=Array([0, 0, 40, 20]), Resources=Dictionary())
    annotation = pdf.make_indirect(Dictionary(Type=Name.Annot, Subtype=Name.Square, Rect=Array([200, 300, 240, 320]),
                                              F=4, AP=Dictionary(N=appearance)))
    page = pdf.pages[15].obj
    page.Annots = Array([*(page.get("/Annots") or []), annotation])


def bleed_outside_media(pdf: pikepdf.Pdf) -> None:
    media = [float(v) for v in pdf.pages[16].obj.MediaBox]
    pdf.pages[16].obj.BleedBox = Array([media[0] - 5, media[1], media[2], media[3]])


def rgb_text(pdf: pikepdf.Pdf) -> None:
    font = first_font(pdf, 17).encode()
    add_content(pdf, 17, b"1 0 0 rg BT " + font + b" 14 Tf 1 0 0 1 200 300 Tm (Red) Tj ET")


def unembedded_font(pdf: pikepdf.Pdf) -> None:
    helvetica = Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica)
    add_content(pdf, 18, b"0 0 0 1 k BT /FHv 14 Tf 1 0 0 1 200 300 Tm (Helvetica) Tj ET",
                Font=Dictionary(FHv=helvetica))


# defect -> (the rule preflight must name, the page it is on: None for the document)
DEFECTS: dict[str, tuple[Callable[[pikepdf.Pdf], None], str, int | None]] = {
    "RGB in an annotation appearance": (rgb_annotation, "colour-rgb", 4),
    "an RGB shading pattern": (rgb_shading, "colour-rgb", 5),
    "an RGB page transparency group": (rgb_group, "colour-rgb", 7),
    "an RGB soft mask group": (rgb_soft_mask, "colour-rgb", 8),
    "RGB in a form XObject": (rgb_form, "colour-rgb", 9),
    "PDF/X-4 claimed with no output intent": (no_output_intent, "output-intent", None),
    "an sRGB output profile": (srgb_profile, "output-profile", None),
    "XMP GTS_PDFXVersion removed": (no_xmp_version, "pdfx-version", None),
    "ArtBox and TrimBox on one page": (art_and_trim, "trim-box", 11),
    "an optional-content configuration without Name": (optional_content, "optional-content", None),
    "an optional-content configuration with AS": (
        lambda pdf: optional_content(pdf, Name=pikepdf.String("Default"), AS=Array()), "optional-content", None),
    "a 400% ink patch": (ink_patch, "ink-limit", 12),
    "a 0.05 pt hairline": (hairline, "hairline", 13),
    "white text set to overprint": (white_overprint_text, "white-overprint", 14),
    "a printing annotation inside the trim": (printing_annotation, "annotation-print", 16),
    "the BleedBox outside the MediaBox": (bleed_outside_media, "box-nesting", 17),
    "RGB text": (rgb_text, "colour-rgb", 17),
    "a font not embedded": (unembedded_font, "fonts-embedded", 18),
}


def damaged(source: Path, folder: Path, change: Callable[[pikepdf.Pdf], None], name: str = "damaged.pdf",
            **save: object) -> Path:
    output = folder / name
    with pikepdf.open(source) as pdf:
        change(pdf)
        pdf.save(output, **save)
    return output


def errors(path: Path) -> list:
    return [f for f in preflight_findings(path) if f.severity == ERROR]


def test_the_clean_print_build_has_no_errors(print_build, cli):
    assert errors(print_build.output) == []
    assert cli("preflight", str(print_build.output)).code == 0


@pytest.mark.parametrize("defect", list(DEFECTS))
def test_each_defect_is_named_with_its_rule_and_page(print_build, tmp_path: Path, cli, defect: str):
    change, rule, page = DEFECTS[defect]
    path = damaged(print_build.output, tmp_path, change)
    found = errors(path)
    assert [(f.rule, f.page) for f in found] == [(rule, page)], found  # that defect, and nothing else
    assert found[0].advice
    text = cli("preflight", str(path))
    assert text.code == 1 and f"[{rule}]" in text.err and (page is None or f"page {page}: " in text.err)
    result = cli("preflight", "--format", "json", str(path))
    assert result.code == 1
    report = json.loads(result.out)
    assert report["passed"] is False and report["errors"] == 1
    assert {(f["rule"], f["page"]) for f in report["findings"] if f["severity"] == "error"} == {(rule, page)}


def test_an_encrypted_copy_fails(print_build, tmp_path: Path, cli):
    path = damaged(print_build.output, tmp_path, lambda pdf: None,
                   encryption=pikepdf.Encryption(owner="shop", user="", R=6))
    assert [(f.rule, f.page) for f in errors(path)] == [("encryption", None)]
    assert cli("preflight", str(path)).code == 1
    locked = damaged(print_build.output, tmp_path, lambda pdf: None, "locked.pdf",
                     encryption=pikepdf.Encryption(owner="shop", user="secret", R=6))
    result = cli("preflight", str(locked))
    assert result.code == 1 and "encrypted" in result.err and "<spec>" not in result.err


def test_a_spot_colour_is_listed_not_rejected(print_build, tmp_path: Path, cli):
    spot = Array([Name.Separation, Name("/PANTONE 286 C"), Name.DeviceCMYK,
                  Dictionary(FunctionType=2, Domain=Array([0, 1]), C0=Array([0, 0, 0, 0]), C1=Array([1, 0.66, 0, 0.02]),
                             N=1)])
    path = damaged(print_build.output, tmp_path,
                   lambda pdf: add_content(pdf, 6, b"/CSp cs 1 scn 200 300 40 40 re f", ColorSpace=Dictionary(CSp=spot)))
    findings = preflight_findings(path)
    assert [f for f in findings if f.severity == ERROR] == []
    assert [(f.rule, f.page, f.message) for f in findings if f.severity == INFO and f.rule != "gamut"] == [
        ("spot-colours", 6, "spot colours: PANTONE 286 C")]
    result = cli("preflight", str(path))
    assert result.code == 0 and "page 6: spot colours: PANTONE 286 C [spot-colours]" in result.out


def test_the_ink_limit_follows_the_setting(print_build, tmp_path: Path):
    path = damaged(print_build.output, tmp_path, lambda pdf: add_content(pdf, 12, b"0.9 0.9 0.9 0.6 k 200 300 40 40 re f"))
    found = errors(path)  # the build's condition is SWOP (CGATS TR 001): 300%
    assert [(f.rule, f.page) for f in found] == [("ink-limit", 12)] and "330% above the 300% limit" in found[0].message
    assert [f for f in preflight_findings(path, PreflightSettings(ink_limit=340)) if f.severity == ERROR] == []


@needs_ghostscript
def test_ink_patch_cross_checked_by_ghostscript(print_build, tmp_path: Path):
    path = damaged(print_build.output, tmp_path, ink_patch)
    base = tmp_path / "plates.tif"
    subprocess.run(["gs", "-q", "-dBATCH", "-dNOPAUSE", "-dSAFER", "-sDEVICE=tiffsep", "-r18", "-dFirstPage=12",
                    "-dLastPage=12", f"-sOutputFile={base}", str(path)], check=True, capture_output=True)
    plates = [Image.open(tmp_path / f"plates({ink}).tif").convert("L") for ink in ("Cyan", "Magenta", "Yellow", "Black")]
    finding = next(f for f in errors(path) if f.rule == "ink-limit")
    where = re.search(r"total ink 400% above the 300% limit \(at x (\d+), y (\d+) pt\)", finding.message)
    assert where, finding.message
    x, y = (int(v) + 20 for v in where.groups())  # the patch's middle, on the page (the page's content moved it)
    pixel = (round(x / 72 * 18), plates[0].height - round(y / 72 * 18))  # 18 dpi, from the top
    coverage = sum((255 - plate.getpixel(pixel)) / 255 * 100 for plate in plates)  # tiffsep: 255 is no ink
    assert coverage == pytest.approx(400, abs=2)


def test_a_non_pdf_and_a_missing_file_are_named_plainly(tmp_path: Path, cli):
    (tmp_path / "notes.pdf").write_text("not a PDF at all", encoding="utf-8")
    for name, problem in (("notes.pdf", "is not a PDF"), ("missing.pdf", "no such file")):
        result = cli("preflight", str(tmp_path / name))
        assert result.code == 1 and problem in result.err
        assert "<spec>" not in result.err and "Errno" not in result.err and result.err.startswith(str(tmp_path / name))



def test_images_are_named_by_their_file_and_place(print_build, tmp_path: Path):
    findings = preflight_findings(print_build.output, PreflightSettings(min_ppi=400))  # every photo is 300 ppi
    named = {f.page: f.message for f in findings if f.rule == "image-resolution"}
    assert named[1].startswith("image cover.jpg (sections[0].image.file) at x ") and "is 300 ppi" in named[1]
    assert "FormXob" not in " ".join(named.values())

    def forget_files(pdf: pikepdf.Pdf) -> None:  # a third-party PDF: no record of the files
        for page in pdf.pages:
            if "/PieceInfo" in page.obj:
                del page.obj["/PieceInfo"]

    stripped = damaged(print_build.output, tmp_path, forget_files)
    unnamed = [f for f in preflight_findings(stripped, PreflightSettings(min_ppi=400)) if f.rule == "image-resolution"]
    assert unnamed[0].page == 1 and unnamed[0].message.startswith("the image at x 23, y 369 pt is 300 ppi")


@needs_ghostscript
def test_photo_ink_matches_ghostscripts_plates(print_build, tmp_path: Path):
    """The cover photo's highest coverage over 4 pt areas, from its JPEG, against Ghostscript's separations
    of page 1 at 72 dpi averaged over the same 4 pt areas."""
    with pikepdf.open(print_build.output) as pdf:
        from reportgen.print.content import read_page

        photo = read_page(pdf.pages[0]).images[0]
    subprocess.run(["gs", "-q", "-dBATCH", "-dNOPAUSE", "-dSAFER", "-sDEVICE=tiffsep", "-r72", "-dFirstPage=1",
                    "-dLastPage=1", f"-sOutputFile={tmp_path / 'cover.tif'}", str(print_build.output)],
                   check=True, capture_output=True)
    plates = [Image.open(tmp_path / f"cover({ink}).tif").convert("L") for ink in ("Cyan", "Magenta", "Yellow", "Black")]
    (x, y), (width, height), top = photo.position, photo.placed, plates[0].height
    inside = (round(x + 4), round(top - y - height + 4), round(x + width - 4), round(top - y - 4))  # off its edges
    areas = [plate.crop(inside).reduce(4).tobytes() for plate in plates]
    measured = max(sum(255 - plate[i] for plate in areas) for i in range(len(areas[0]))) / 255 * 100
    assert photo.ink == pytest.approx(measured, abs=3)
    assert 250 < photo.ink < 300  # SWOP's 300% holds
    tight = [f for f in preflight_findings(print_build.output, PreflightSettings(ink_limit=photo.ink - 5))
             if f.rule == "image-ink"]
    assert tight[0].page == 1 and tight[0].severity == "warning" and "image cover.jpg" in tight[0].message


def test_small_text_in_several_inks_is_a_warning(print_build, tmp_path: Path):
    def small_text(pdf: pikepdf.Pdf) -> None:
        font = first_font(pdf, 21).encode()
        add_content(pdf, 21, b"0.5 0.4 0 0.2 k BT " + font + b" 8 Tf 1 0 0 1 200 300 Tm (Fine print) Tj ET")

    path = damaged(print_build.output, tmp_path, small_text)
    found = [f for f in preflight_findings(path) if f.rule == "small-text-inks" and f.page == 21]
    assert len(found) == 1 and found[0].severity == "warning"
    assert found[0].message == "1 text run below 12 pt in several inks, e.g. 'Fine print' at 8.0 pt in C50/M40/K20"
    assert errors(path) == []


def test_a_printing_appearance_is_read_where_it_lands(print_build, tmp_path: Path):
    """An appearance drawn in its own BBox space lands on the annotation's Rect: its hairline is found there."""
    def annotation(pdf: pikepdf.Pdf) -> None:
        appearance = pdf.make_stream(b"0 0 0 1 K 0.1 w 0 0 m 100 0 l S", Type=Name.XObject, Subtype=Name.Form,
                                     BBox=Array([0, 0, 100, 10]), Resources=Dictionary())
        note = pdf.make_indirect(Dictionary(Type=Name.Annot, Subtype=Name.Square, Rect=Array([30, 400, 130, 410]),
                                            F=4, AP=Dictionary(N=appearance)))  # printing, in the bleed's left edge
        pdf.pages[22].obj.Annots = Array([note])

    found = errors(damaged(print_build.output, tmp_path, annotation))
    assert [(f.rule, f.page) for f in found] == [("hairline", 23), ("annotation-print", 23)]  # rule order
    assert found[0].message == "a 0.10 pt line, thinner than 0.25 pt, at x 30, y 400 pt"


def test_findings_quote_text_as_it_reads(print_build):
    """Quoted text is decoded with each font's ToUnicode map: a ligature reads as its letters, never as the
    subset's byte ('Suppor\\x05ng' was quoted for 'Supporting')."""
    findings = preflight_findings(print_build.output)
    quoted = [f.message for f in findings if "e.g. '" in f.message]
    assert quoted
    assert not any(ch < " " for message in quoted for ch in message), quoted
    assert any("ti" in message.split("e.g. '", 1)[1] for message in quoted)
