"""Colour management in print: the default report's RGB colours separated through the shipped FOGRA39 profile (read
back from the PDF's CMYK operators and rendered to Lab with littleCMS), cmyk() colours unchanged, small grey text on
one plate, out-of-gamut colours noted (never failing --strict), and the printing condition taken from the profile."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pikepdf
import pytest
from PIL import Image, ImageCms

from reportgen.diagnostics import ReportError, Severity
from reportgen.model.icc import SHIPPED_PROFILE, known_condition, profile_description
from reportgen.model.report import Colors
from reportgen.pipeline import BuildOptions, BuildResult, build
from reportgen.print.preflight import INFO, preflight_findings
from reportgen.theme.separation import delta_e_2000
from tests.conftest import MINIMAL, ROOT
from tests.print.conftest import CMYK_PROFILE, needs_profile

RELATIVE = ImageCms.Intent.RELATIVE_COLORIMETRIC


@pytest.fixture(scope="module")
def shipped_build(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """report.yaml as the repository has it (no profile of its own), built --print --strict."""
    folder = tmp_path_factory.mktemp("shipped")
    shutil.copytree(ROOT / "assets", folder / "assets")
    shutil.copy(ROOT / "report.yaml", folder / "report.yaml")
    return build(folder / "report.yaml", folder / "report-print.pdf", BuildOptions(print_mode=True, strict=True))


class Press:
    """The shipped profile through littleCMS, independently of reportgen's own conversion code."""

    def __init__(self, profile: Path = SHIPPED_PROFILE):
        output, srgb, lab = ImageCms.getOpenProfile(str(profile)), ImageCms.createProfile("sRGB"), \
            ImageCms.createProfile("LAB", 5000)
        self.render = ImageCms.buildTransform(output, lab, "CMYK", "LAB", RELATIVE)
        self.describe = ImageCms.buildTransform(srgb, lab, "RGB", "LAB", RELATIVE)
        self.separate = ImageCms.buildTransform(srgb, output, "RGB", "CMYK", RELATIVE)

    @staticmethod
    def _lab(pixel: tuple[int, int, int]) -> tuple[float, float, float]:
        return pixel[0] * 100 / 255, float(pixel[1] - 128), float(pixel[2] - 128)

    def lab_of_cmyk(self, ink: tuple[float, ...]) -> tuple[float, float, float]:
        pixel = Image.new("CMYK", (1, 1), tuple(round(v * 255) for v in ink))
        return self._lab(self.render.apply(pixel).getpixel((0, 0)))

    def lab_of_hex(self, colour: str) -> tuple[float, float, float]:
        pixel = Image.new("RGB", (1, 1), tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5)))
        return self._lab(self.describe.apply(pixel).getpixel((0, 0)))

    def gamut_delta_e(self, colour: str) -> float:
        """How far the profile's best rendering of the colour is from it: at most 2 for a printable colour."""
        pixel = Image.new("RGB", (1, 1), tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5)))
        clipped = self._lab(self.render.apply(self.separate.apply(pixel)).getpixel((0, 0)))
        return delta_e_2000(self.lab_of_hex(colour), clipped)


def written_inks(pdf: pikepdf.Pdf) -> set[tuple[float, ...]]:
    """Every CMYK fill and stroke colour in the pages' content and their forms."""
    found: set[tuple[float, ...]] = set()
    seen: set = set()

    def walk(owner: pikepdf.Object) -> None:
        for operands, operator in pikepdf.parse_content_stream(owner):
            if str(operator) in ("k", "K"):
                found.add(tuple(float(v) for v in operands))
        for _, xobject in ((owner.get("/Resources") or {}).get("/XObject") or {}).items():
            if xobject.get("/Subtype") == pikepdf.Name.Form and xobject.objgen not in seen:
                seen.add(xobject.objgen)
                walk(xobject)

    for page in pdf.pages:
        walk(page.obj)
    return found


def theme_colours() -> dict[str, str]:
    colors = Colors()  # the default report's palette (report.yaml gives the same values)
    named = {name: getattr(colors, name).hex for name in ("primary", "accent", "muted", "rule")}
    named.update({f"pillars[{i}]": c.hex for i, c in enumerate(colors.pillars)})
    return named


def test_delta_e_2000_matches_sharma_s_reference_pairs():
    assert delta_e_2000((50, 2.6772, -79.7751), (50, 0, -82.7485)) == pytest.approx(2.0425, abs=1e-4)
    assert delta_e_2000((50, 2.5, 0), (73, 25, -18)) == pytest.approx(27.1492, abs=1e-4)


def test_the_repository_report_passes_print_strict_with_the_shipped_profile(shipped_build: BuildResult):
    assert shipped_build.warnings == []
    with pikepdf.open(shipped_build.output) as pdf:
        (intent,) = pdf.Root.OutputIntents
        assert str(intent.OutputConditionIdentifier) == "FOGRA39"
        assert str(intent.RegistryName) == "http://www.color.org"
        assert str(intent.Info) == "Coated FOGRA39 (ISO 12647-2:2004)"
        assert intent.DestOutputProfile.read_bytes() == SHIPPED_PROFILE.read_bytes()


def test_the_shipped_profile_is_the_one_its_readme_describes():
    readme = (SHIPPED_PROFILE.parent / "README.txt").read_text(encoding="utf-8")
    assert hashlib.sha256(SHIPPED_PROFILE.read_bytes()).hexdigest() in readme
    assert "zlib" in readme and (SHIPPED_PROFILE.parent / "LICENSE-ZLIB.txt").exists()
    condition = known_condition(SHIPPED_PROFILE.read_bytes())
    assert condition is not None and condition.identifier == "FOGRA39"
    assert "FOGRA39" in profile_description(SHIPPED_PROFILE.read_bytes())
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"print/profiles/*.icc"' in pyproject and '"print/profiles/*.txt"' in pyproject


def test_printable_theme_colours_land_within_delta_e_2(shipped_build: BuildResult):
    """Each in-gamut theme colour is written as CMYK the profile renders within ΔE2000 2 of it; each out-of-gamut
    one as the nearest the press can print (no farther than the profile's own clipping, give or take rounding)."""
    press = Press()
    with pikepdf.open(shipped_build.output) as pdf:
        inks = written_inks(pdf)
    rendered = {ink: press.lab_of_cmyk(ink) for ink in inks}
    measured = {}
    for name, colour in theme_colours().items():
        wanted = press.lab_of_hex(colour)
        if name == "muted":  # only small text uses it, K only at its lightness: its blue tint (C*ab 7) goes
            assert min(abs(wanted[0] - lab[0]) for ink, lab in rendered.items() if ink[:3] == (0, 0, 0)) < 1
            continue
        measured[name] = min(delta_e_2000(wanted, lab) for lab in rendered.values())
        limit = max(2.0, press.gamut_delta_e(colour) + 0.5)
        assert measured[name] <= limit, (name, colour, measured[name])
    in_gamut = [name for name, colour in theme_colours().items() if press.gamut_delta_e(colour) <= 2]
    assert {"primary", "accent", "muted", "rule", "pillars[1]", "pillars[4]"} <= set(in_gamut)
    assert measured["primary"] <= 2 and measured["accent"] <= 2  # the LACOE navy and gold: 6.3 and 3.7 before
    assert measured["pillars[1]"] < 1 and measured["pillars[4]"] < 1  # the teal and the green: 12.7 and 12.1 before


def test_out_of_gamut_colours_are_notes_in_preflight_not_warnings(shipped_build: BuildResult):
    findings = preflight_findings(shipped_build.output)
    notes = [f for f in findings if f.rule == "gamut"]
    assert notes and all(f.severity == INFO for f in notes)  # never a warning
    # the one rule that warns on the shipped build: small navy and gold text cannot be one ink (the build lists it
    # as a note; `reportgen preflight` names it, as issue 16 asks)
    assert {f.rule for f in findings if f.severity != INFO} <= {"small-text-inks"}
    orange = [n for n in notes if "#C25400" in n.message]  # pillars[2], out of FOGRA39's gamut
    assert orange and "theme.colors.pillars[2]" in orange[0].message and "ΔE2000 3." in orange[0].message
    assert "C0 M68 Y99 K24" in orange[0].message
    assert shipped_build.notes and all(n.severity is Severity.NOTE for n in shipped_build.notes)


def test_small_grey_text_is_on_the_black_plate_only(shipped_build: BuildResult):
    """The 7.5 pt footer in the muted grey (C19 M8 K56 before, on three plates) is K only."""
    sizes: dict[tuple[float, ...], set[float]] = {}
    with pikepdf.open(shipped_build.output) as pdf:
        for page in pdf.pages[1:4]:
            ink, size = None, None
            for operands, operator in pikepdf.parse_content_stream(page):
                name = str(operator)
                if name == "k":
                    ink = tuple(round(float(v), 3) for v in operands)
                elif name == "Tf":
                    size = float(operands[1])
                elif name in ("Tj", "TJ") and ink is not None and size is not None:
                    sizes.setdefault(ink, set()).add(size)
    footer_inks = [ink for ink, found in sizes.items() if 7.5 in found]
    assert footer_inks and all(ink[:3] == (0, 0, 0) for ink in footer_inks)


def test_cmyk_colours_pass_unchanged(write_spec, spec_dir: Path):
    spec = write_spec(MINIMAL + "theme:\n  colors:\n    primary: cmyk(12, 34, 56, 7)\n")
    result = build(spec, spec_dir / "p.pdf", BuildOptions(print_mode=True))
    with pikepdf.open(result.output) as pdf:
        assert (0.12, 0.34, 0.56, 0.07) in {tuple(round(v, 4) for v in ink) for ink in written_inks(pdf)}


def _renamed_profile(spec_dir: Path) -> Path:
    """The shipped profile under a description that names no condition."""
    data = SHIPPED_PROFILE.read_bytes()
    old = profile_description(data)
    new = "Acme house press, sheetfed, stock 7".ljust(len(old))
    data = data.replace(old.encode("latin-1"), new.encode("latin-1")).replace(old.encode("utf-16-be"),
                                                                              new.encode("utf-16-be"))
    (spec_dir / "house.icc").write_bytes(data)
    return spec_dir / "house.icc"


def test_a_profile_naming_no_condition_needs_one_with_its_line(write_spec, spec_dir: Path):
    _renamed_profile(spec_dir)
    spec = write_spec(MINIMAL + "print:\n  output_intent: {icc: house.icc}\n")
    with pytest.raises(ReportError) as caught:
        build(spec, spec_dir / "x.pdf", BuildOptions(print_mode=True))
    (problem,) = caught.value.diagnostics
    assert problem.dotted_path == "print.output_intent" and problem.line == MINIMAL.count("\n") + 2
    assert "names no printing condition" in problem.message and "condition:" in (problem.hint or "")


def test_a_custom_profile_with_its_condition_is_labelled_so(write_spec, spec_dir: Path):
    _renamed_profile(spec_dir)
    spec = write_spec(MINIMAL + 'print:\n  output_intent: {icc: house.icc, condition: "Acme 7"}\n')
    result = build(spec, spec_dir / "x.pdf", BuildOptions(print_mode=True))
    with pikepdf.open(result.output) as pdf:
        (intent,) = pdf.Root.OutputIntents
        assert str(intent.OutputConditionIdentifier) == "Acme 7"
        assert str(intent.Info).startswith("Acme house press")


def test_a_condition_the_profile_contradicts_is_an_error(write_spec, spec_dir: Path):
    shutil.copy(SHIPPED_PROFILE, spec_dir / "press.icc")
    spec = write_spec(MINIMAL + "print:\n  output_intent:\n    icc: press.icc\n    condition: CGATS TR 001\n")
    with pytest.raises(ReportError) as caught:
        build(spec, spec_dir / "x.pdf", BuildOptions(print_mode=True))
    (problem,) = caught.value.diagnostics
    assert problem.dotted_path == "print.output_intent.condition" and problem.line == MINIMAL.count("\n") + 4
    assert "FOGRA39" in problem.message


@needs_profile
def test_a_swop_profile_is_labelled_swop():
    condition = known_condition(CMYK_PROFILE.read_bytes())
    assert condition is not None and condition.identifier == "CGATS TR 001"


def test_the_intents_are_spec_settings(write_spec, spec_dir: Path):
    """Perceptual for the vector colours moves them off the colorimetric separation."""
    base = MINIMAL + "theme:\n  colors:\n    primary: '#0072CE'\n"
    inks = []
    for setting in ("", "print:\n  vector_intent: perceptual\n  vector_black_point_compensation: true\n"):
        result = build(write_spec(base + setting), spec_dir / "p.pdf", BuildOptions(print_mode=True))
        with pikepdf.open(result.output) as pdf:
            inks.append(written_inks(pdf))
    assert inks[0] != inks[1]


def test_notes_never_fail_preflight_strict_and_show_with_v_only(shipped_build: BuildResult, cli):
    checked = cli("preflight", str(shipped_build.output))
    assert checked.code == 0 and "note:" in checked.out + checked.err and "#C25400" in checked.out + checked.err
    assert "0 errors" in checked.out + checked.err
    spec = shipped_build.output.parent / "report.yaml"
    quiet = cli("build", "--print", "--strict", str(spec), "-o", str(spec.parent / "again.pdf"))
    loud = cli("build", "--print", "--strict", "-v", str(spec), "-o", str(spec.parent / "again.pdf"))
    assert quiet.code == loud.code == 0
    assert "#C25400" not in quiet.err + quiet.out and "#C25400" in loud.err + loud.out
