"""The contrast check: text judged against what it is drawn on (WCAG 2.1 AA), located, with a passing colour."""

from __future__ import annotations

import colorsys
import random
import re
from pathlib import Path

import pytest
from PIL import Image
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from reportgen.layout.tagging import StructureLog
from reportgen.model.contrast import contrast_ratio, from_hex, hex_of, nearest_passing, required_ratio
from reportgen.pipeline import BuildOptions, build, check_spec
from reportgen.render.contrast import contrast_problems, text_runs
from tests.conftest import cache_of, run_cli

WHITE = (1.0, 1.0, 1.0)

PALE = """\
meta: {title: T, organization: O}
sections:
  - type: text
    title: Pale Title
    color: "#9FC5E8"
    body: |
      Some words on the page.
"""


def contrast_warnings(warnings: list) -> list:
    return [w for w in warnings if "WCAG" in w.message]


def test_wcag_ratios_and_thresholds() -> None:
    assert contrast_ratio((0, 0, 0), WHITE) == pytest.approx(21.0)
    assert contrast_ratio(from_hex("#00A3AD"), WHITE) == pytest.approx(3.07, abs=0.005)  # issue 15's figures
    assert contrast_ratio(from_hex("#E87722"), WHITE) == pytest.approx(2.96, abs=0.005)
    assert contrast_ratio(from_hex("#F2A900"), WHITE) == pytest.approx(2.01, abs=0.005)
    assert contrast_ratio(from_hex("#F2A900"), from_hex("#EDF1F5")) == pytest.approx(1.77, abs=0.005)
    assert [required_ratio(size, bold) for size, bold in [(18, False), (17.9, False), (14, True), (13.5, True),
                                                          (13, False), (28, True)]] == [3, 4.5, 3, 4.5, 4.5, 3]


@pytest.mark.parametrize("color, ground, needed", [("#00A3AD", "#FFFFFF", 4.5), ("#E87722", "#FFFFFF", 4.5),
                                                   ("#F2A900", "#EDF1F5", 3.0), ("#E0A526", "#1F4E79", 4.5)])
def test_the_suggested_colour_passes_and_keeps_the_hue(color: str, ground: str, needed: float) -> None:
    found = nearest_passing(from_hex(color), from_hex(ground), needed)
    assert found is not None
    assert hex_of(found) == hex_of(from_hex(hex_of(found)))  # a 24-bit colour, and that colour passes
    ratio = contrast_ratio(from_hex(hex_of(found)), from_hex(ground))
    assert needed <= ratio < needed + 0.1  # the nearest: just enough
    hue = colorsys.rgb_to_hsv(*from_hex(color))[0] * 360
    assert abs(colorsys.rgb_to_hsv(*found)[0] * 360 - hue) < 8


def test_a_low_contrast_colour_is_a_located_warning(write_spec) -> None:
    spec = write_spec(PALE)
    result = build(spec, spec.parent / "out.pdf")
    found = contrast_warnings(result.warnings)
    assert len(found) == 1
    warning = found[0]
    assert (warning.file, warning.line, warning.column) == (str(spec), 4, 12)  # the title's line in the spec
    assert warning.path == ("sections", 0, "title")
    assert "text #9FC5E8 on #FFFFFF has a contrast of 1.80:1" in warning.message
    assert "below the 3:1 WCAG 2.1 AA asks of 27 pt" in warning.message  # a 27 pt title is large text
    suggested = re.search(r"a text colour of (#[0-9A-F]{6}) \((\d\.\d\d):1\)", warning.hint)
    assert suggested and 3.0 <= contrast_ratio(from_hex(suggested[1]), WHITE) < 3.1
    assert "background" not in warning.hint  # the page itself is not a background to change


def test_strict_fails_on_low_contrast_with_a_clear_message(write_spec) -> None:
    spec = write_spec(PALE)
    result = run_cli("build", "--strict", str(spec), "-o", str(spec.parent / "strict.pdf"))
    assert result.code != 0
    assert f"{spec}:4:12: sections[0].title: text #9FC5E8 on #FFFFFF has a contrast of 1.80:1" in result.err
    assert not (spec.parent / "strict.pdf").exists()


def test_the_default_report_has_no_findings(default_build) -> None:
    assert contrast_warnings(default_build.warnings) == []
    runs = text_runs(default_build.output, StructureLog())
    assert len(runs) > 800  # every line of the report was judged
    assert all(run.ratio >= run.needed for run in runs)
    grounds = {hex_of(run.ground) for run in runs}
    assert {"#FFFFFF", "#003A70", "#008290", "#C25400"} <= grounds  # the page, the cover and quote, the pillar bands


def test_the_starter_has_no_findings(tmp_path: Path) -> None:
    assert run_cli("init", str(tmp_path / "new"), "-q").code == 0
    result = build(tmp_path / "new" / "report.yaml", tmp_path / "new" / "report.pdf", BuildOptions(strict=True))
    assert contrast_warnings(result.warnings) == []
    runs = text_runs(result.output, StructureLog())
    assert runs and all(run.ratio >= run.needed for run in runs)


def test_text_on_a_photo_is_judged_against_the_region_under_it(tmp_path: Path, minimal_spec: Path) -> None:
    # a photo light on the left, dark on the right, noisy enough not to be one colour; white text on each half
    noise = random.Random(15)
    photo = Image.new("RGB", (40, 20))  # drawn 10 pt a pixel: each pixel spans 5 rendered pixels
    photo.putdata([tuple(base + noise.randint(-20, 20) for base in ((215, 205, 185) if x < 20 else (45, 55, 65)))
                   for y in range(20) for x in range(40)])
    pdf = tmp_path / "photo.pdf"
    canvas = Canvas(str(pdf), pagesize=(612, 792))
    canvas.drawImage(ImageReader(photo), 100, 400, 400, 200)
    canvas.setFillColorRGB(1, 1, 1)
    canvas.setFont("Helvetica", 12)
    canvas.drawString(120, 500, "On the light side")
    canvas.drawString(320, 500, "On the dark side")
    canvas.save()
    light, dark = text_runs(pdf, StructureLog())  # in drawing order
    assert (light.text, dark.text) == ("On the light side", "")  # words are read only when they fail
    assert not light.flat and not dark.flat
    # each half's own colour (its noise averaged out), not the page's white
    assert light.ground == pytest.approx(tuple(v / 255 for v in (215, 205, 185)), abs=0.05)
    assert dark.ground == pytest.approx(tuple(v / 255 for v in (45, 55, 65)), abs=0.05)
    assert light.ratio < 2 and dark.ratio > 9
    _, report, _ = check_spec(minimal_spec)
    (warning,) = contrast_problems(pdf, StructureLog(), report)
    assert "text #FFFFFF on a photo (#" in warning.message and "On the light side" in warning.message
    assert "under it, on average" in warning.message and "4.5:1" in warning.message


def test_footer_text_is_judged_too(write_spec) -> None:
    spec = write_spec("""\
        meta: {title: Tee, organization: Org}
        theme:
          styles:
            footer: {color: "#BBBBBB"}
        sections:
          - type: text
            title: A Title
            body: |
              Some words on the page.
        """)
    (warning,) = contrast_warnings(build(spec, spec.parent / "out.pdf").warnings)
    assert warning.path == ("footer",)  # a pagination artifact, drawn for the footer
    assert "text #BBBBBB on #FFFFFF has a contrast of 1.91:1, below the 4.5:1" in warning.message
    assert '"Tee | 1", page 1' in warning.message
    assert warning.hint == "passes with a text colour of #767676 (4.54:1)"  # a grey stays a grey


def test_a_warm_build_reads_its_findings_back_and_a_damaged_entry_is_judged_again(write_spec) -> None:
    """The findings of a PDF drawn again byte for byte are read from the build cache (the pages are not rendered
    again): a sealed entry saying otherwise is what the next build reports, garbage is judged afresh."""
    from reportgen.cache import write_cached

    spec = write_spec(PALE)
    output = spec.parent / "out.pdf"
    first = contrast_warnings(build(spec, output).warnings)
    entries = sorted(cache_of(spec, output).glob("contrast-*.json"))
    assert len(first) == 1 and len(entries) == 1
    again = contrast_warnings(build(spec, output).warnings)
    assert [(w.message, w.path, w.line) for w in again] == [(w.message, w.path, w.line) for w in first]
    write_cached(entries[0], b'[["text kept in the cache: WCAG", ["sections", 0, "title"], null, "warning", null]]')
    kept = contrast_warnings(build(spec, output).warnings)
    assert [w.message for w in kept] == ["text kept in the cache: WCAG"] and kept[0].line == 4  # still located
    entries[0].write_bytes(b"not a cache entry")
    judged = contrast_warnings(build(spec, output).warnings)
    assert [w.message for w in judged] == [w.message for w in first]
