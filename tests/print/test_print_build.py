"""Print builds are print builds (their own default file, no links, bleed and photo resolution enforced, saddle
padding) and every build's identity and dates (file ID and InstanceID from the bytes, DocumentID from the
report, dates from meta.date or SOURCE_DATE_EPOCH), read back from the PDFs with pikepdf."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pikepdf
import pytest
from PIL import Image

from reportgen.pipeline import BuildOptions, build
from tests.conftest import MINIMAL, ROOT

PRINT = BuildOptions(print_mode=True)


def file_id(path: Path) -> list[str]:
    with pikepdf.open(path) as pdf:
        return [bytes(half).hex() for half in pdf.trailer.ID]


def xmp(path: Path, key: str) -> str:
    with pikepdf.open(path) as pdf:
        return str(pdf.open_metadata()[key])


def info(path: Path, key: str) -> str:
    with pikepdf.open(path) as pdf:
        return str(pdf.docinfo[key])


def link_annotations(path: Path) -> int:
    with pikepdf.open(path) as pdf:
        return sum(1 for page in pdf.pages for annotation in page.obj.get("/Annots", [])
                   if annotation.get("/Subtype") == pikepdf.Name.Link)


def repo_copy(tmp_path: Path, extra: str = "") -> Path:
    """The repository's own report and its assets in a folder of their own, `extra` YAML appended."""
    shutil.copy(ROOT / "report.yaml", tmp_path / "report.yaml")
    shutil.copytree(ROOT / "assets", tmp_path / "assets")
    spec = tmp_path / "report.yaml"
    if extra:
        spec.write_text(spec.read_text(encoding="utf-8") + textwrap.dedent(extra), encoding="utf-8")
    return spec


# ---------------------------------------------------------------- where a print build goes

def test_a_print_build_never_replaces_the_screen_pdf(cli, minimal_spec: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(minimal_spec.parent)
    assert cli("build", "report.yaml").code == 0
    screen = Path("build/report.pdf").read_bytes()
    result = cli("build", "--print", "report.yaml")
    assert result.code == 0, result.err
    assert result.out.startswith("build/report-print.pdf: 2 pages in ")
    assert Path("build/report.pdf").read_bytes() == screen  # untouched
    with pikepdf.open("build/report-print.pdf") as printed, pikepdf.open("build/report.pdf") as screen_pdf:
        assert "/TrimBox" in printed.pages[0].obj and "/TrimBox" not in screen_pdf.pages[0].obj
    assert cli("build", "--print", "report.yaml", "-o", "shop.pdf").code == 0  # -o wins
    assert Path("shop.pdf").is_file()


def test_several_specs_in_print_get_their_own_names(cli, write_spec, monkeypatch: pytest.MonkeyPatch):
    first, second = write_spec(MINIMAL, "a.yaml"), write_spec(MINIMAL, "b.yaml")
    monkeypatch.chdir(first.parent)
    result = cli("build", "--print", "-j", "1", first.name, second.name)
    assert result.code == 0, result.err
    assert Path("build/a-print.pdf").is_file() and Path("build/b-print.pdf").is_file()
    assert not Path("build/a.pdf").exists()


def test_the_help_names_the_print_default(cli):
    result = cli("build", "--help")
    assert "build/report-print.pdf" in " ".join(result.out.split())


# ---------------------------------------------------------------- links

def test_print_builds_carry_no_links_and_keep_the_link_elements(tmp_path: Path):
    screen, printed = tmp_path / "screen.pdf", tmp_path / "print.pdf"
    build(ROOT / "report.yaml", screen)
    build(ROOT / "report.yaml", printed, PRINT)
    assert link_annotations(screen) >= 20
    assert link_annotations(printed) == 0
    with pikepdf.open(printed) as pdf:
        links = [o for o in pdf.objects if isinstance(o, pikepdf.Dictionary) and o.get("/S") == pikepdf.Name.Link]
        objrs = [o for o in pdf.objects if isinstance(o, pikepdf.Dictionary) and o.get("/Type") == pikepdf.Name.OBJR]
        assert len(links) >= 20 and objrs == []  # the linked words are still tagged Link, with no annotation
        for node in pdf.Root.StructTreeRoot.ParentTree.Nums[1::2]:
            assert node.get("/Type") != pikepdf.Name.OBJR


# ---------------------------------------------------------------- bleed

def test_no_bleed_with_full_bleed_art_is_an_error_at_page_bleed(cli, write_spec, tmp_path: Path):
    spec = write_spec(MINIMAL.replace("sections:\n", "page:\n  bleed: 0\nsections:\n"))
    output = tmp_path / "print.pdf"
    result = cli("build", "--print", str(spec), "-o", str(output))
    assert result.code == 1
    assert re.search(rf"^{re.escape(str(spec))}:6:10: page.bleed: page.bleed is 0, but the art of 1 section \(cover\) "
                     r"reaches the trim", result.err, re.M), result.err
    assert "bleed: 3mm" in result.err and "Traceback" not in result.err
    assert not output.exists()
    assert cli("build", str(spec), "-o", str(tmp_path / "screen.pdf")).code == 0  # on screen there is no trim


# ---------------------------------------------------------------- photo resolution

def cover_spec(write_spec, spec_dir: Path, pixels: tuple[int, int]) -> Path:
    Image.new("RGB", pixels, (40, 90, 160)).save(spec_dir / "assets" / "photos" / "cover.jpg", quality=80)
    return write_spec(MINIMAL.replace("  - type: cover\n", "  - type: cover\n    image:\n"
                                      "      file: assets/photos/cover.jpg\n      alt: A campus\n"))


def test_a_photo_below_150_ppi_is_an_error_in_print_naming_its_file(cli, write_spec, spec_dir: Path, tmp_path: Path):
    spec = cover_spec(write_spec, spec_dir, (400, 300))  # across a letter page and its bleed: under 50 ppi
    output = tmp_path / "print.pdf"
    result = cli("build", "--print", str(spec), "-o", str(output))
    assert result.code == 1
    line = next(line for line in result.err.splitlines() if "cover.jpg is" in line)
    assert line.startswith(f"{spec}:8:13: sections[0].image.file: cover.jpg is ")
    assert re.search(r"cover\.jpg is (\d+) ppi at its placed size .* below the 150 ppi print needs "
                     r"\(target 300 ppi\) \(supply a photo of at least \d+ x \d+ pixels", line), line
    assert int(re.search(r"is (\d+) ppi", line).group(1)) < 50
    assert not output.exists()
    assert cli("build", str(spec), "-o", str(tmp_path / "screen.pdf")).code == 0  # screen: a warning only


def test_a_photo_between_150_and_300_ppi_is_a_warning_in_print(write_spec, spec_dir: Path, tmp_path: Path):
    spec = cover_spec(write_spec, spec_dir, (2000, 1500))  # about 230 ppi across the cover
    result = build(spec, tmp_path / "print.pdf", PRINT)
    [warning] = [w for w in result.warnings if "cover.jpg" in w.message]
    assert warning.severity.value == "warning" and warning.path == ("sections", 0, "image", "file")
    assert "(target 300 ppi)" in warning.message
    assert 150 <= int(re.search(r"is (\d+) ppi", warning.message).group(1)) < 300


# ---------------------------------------------------------------- saddle stitching

def test_saddle_binding_pads_to_a_multiple_of_four_before_the_back_cover(cli, tmp_path: Path):
    spec = repo_copy(tmp_path, "print:\n  binding: saddle\n")
    plain, output = tmp_path / "plain.pdf", tmp_path / "saddle.pdf"
    build(ROOT / "report.yaml", plain, PRINT)
    result = cli("build", "--print", str(spec), "-o", str(output))
    assert result.code == 0, result.err
    assert (f"{output}: note: print.binding is saddle: 2 blank pages added before the back cover, for 32 pages "
            "(8 sheets)") in result.err
    with pikepdf.open(plain) as before, pikepdf.open(output) as after:
        assert len(before.pages) == 30 and len(after.pages) == 32
        texts = [b"Tj" in page.Contents.read_bytes() or b"TJ" in page.Contents.read_bytes() for page in after.pages]
        assert texts[29:31] == [False, False] and texts[31]  # two blanks, then the back cover
        assert all("/TrimBox" in page.obj for page in after.pages)
    # --strict: a notice is not a warning
    assert build(spec, tmp_path / "again.pdf", BuildOptions(print_mode=True)).notices


def test_saddle_binding_is_for_print_only(tmp_path: Path):
    spec = repo_copy(tmp_path, "print:\n  binding: saddle\n")
    result = build(spec, tmp_path / "screen.pdf")
    assert result.pages == 30 and result.notices == []


# ---------------------------------------------------------------- identity

LETTER = "Dear community, this is a letter."


def test_ids_come_from_the_bytes_and_the_document_id_from_the_report(write_spec, tmp_path: Path):
    first = build(write_spec(MINIMAL, "a.yaml"), tmp_path / "a.pdf").output
    edited = build(write_spec(MINIMAL.replace(LETTER, "Dear community, the letter changed."), "b.yaml"),
                   tmp_path / "b.pdf").output
    retitled = build(write_spec(MINIMAL.replace("title: Annual Report 2023-24", "title: Annual Report 2024-25"),
                                "c.yaml"), tmp_path / "c.pdf").output
    ids = [file_id(path) for path in (first, edited, retitled)]
    assert all(len(halves) == 2 and halves[0] == halves[1] for halves in ids)
    assert len({halves[0] for halves in ids}) == 3  # no half shared by every reportgen PDF any more
    instances = [xmp(path, "xmpMM:InstanceID") for path in (first, edited, retitled)]
    assert len(set(instances)) == 3 and all(re.fullmatch(r"uuid:[0-9a-f-]{36}", i) for i in instances)
    documents = [xmp(path, "xmpMM:DocumentID") for path in (first, edited, retitled)]
    assert documents[0] == documents[1] != documents[2]  # a content edit is the same document, a new title is not
    for path in (first, edited, retitled):
        data = path.read_bytes()
        assert b"31415926535897932384626433832795" not in data and b"00000000-0000-4000-8000" not in data


def test_print_ids_follow_the_bytes_too(write_spec, tmp_path: Path):
    spec = write_spec(MINIMAL)
    screen, printed = build(spec, tmp_path / "s.pdf").output, build(spec, tmp_path / "p.pdf", PRINT).output
    assert file_id(screen) != file_id(printed)
    assert xmp(screen, "xmpMM:DocumentID") == xmp(printed, "xmpMM:DocumentID")
    assert xmp(screen, "xmpMM:InstanceID") != xmp(printed, "xmpMM:InstanceID")


@pytest.mark.parametrize("mode", [[], ["--print"]])
def test_the_same_spec_in_two_processes_gives_the_same_bytes(minimal_spec: Path, tmp_path: Path, mode: list[str]):
    environment = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    environment.pop("SOURCE_DATE_EPOCH", None)
    outputs = []
    for name in ("one.pdf", "two.pdf"):
        output = tmp_path / name
        subprocess.run([sys.executable, "-m", "reportgen", "build", *mode, str(minimal_spec), "-o", str(output)],
                       check=True, env=environment, capture_output=True)
        outputs.append(output)
    assert outputs[0].read_bytes() == outputs[1].read_bytes()
    assert file_id(outputs[0]) == file_id(outputs[1])


# ---------------------------------------------------------------- dates

def test_dates_come_from_meta_date(write_spec, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # meta.date wins over it
    spec = write_spec(MINIMAL.replace("sections:\n", "  date: 2024-10-01\nsections:\n"))
    for options in (BuildOptions(), PRINT):
        output = build(spec, tmp_path / "out.pdf", options).output
        assert info(output, "/CreationDate") == info(output, "/ModDate") == "D:20241001000000+00'00'"
        for key in ("xmp:CreateDate", "xmp:ModifyDate", "xmp:MetadataDate"):
            assert xmp(output, key).replace("+00:00", "Z") == "2024-10-01T00:00:00Z"  # (UTC either way)


def test_dates_come_from_source_date_epoch(minimal_spec: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14 22:13:20 UTC
    for options in (BuildOptions(), PRINT):
        output = build(minimal_spec, tmp_path / "out.pdf", options).output
        assert info(output, "/CreationDate") == "D:20231114221320+00'00'"
        assert xmp(output, "xmp:CreateDate").replace("+00:00", "Z") == "2023-11-14T22:13:20Z"
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    output = build(minimal_spec, tmp_path / "out.pdf").output
    assert info(output, "/CreationDate") == "D:20000101000000+00'00'"  # neither: the fixed date


def test_a_bad_meta_date_is_located(cli, write_spec, tmp_path: Path):
    spec = write_spec(MINIMAL.replace("sections:\n", "  date: 2024-02-30\nsections:\n"))
    result = cli("build", str(spec), "-o", str(tmp_path / "out.pdf"))
    assert result.code == 1
    assert f"{spec}:5:9: meta.date: '2024-02-30' is not a date of the calendar" in result.err
