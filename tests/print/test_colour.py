"""Colour in print builds: no RGB operator in any content stream, CMYK images, black text in 100% K that overprints."""

from __future__ import annotations

import subprocess
from decimal import Decimal
from pathlib import Path

import pikepdf
from pikepdf import Operator

from reportgen.pipeline import BuildOptions, build
from reportgen.print.colour import KNOCKOUT, OVERPRINT, rewrite_overprint
from reportgen.print.content import read_page
from tests.print.conftest import RGB_OPERATORS, content_operators, image_spaces, needs_ghostscript

K_ONLY_SPEC = """\
meta: {title: Annual Report, organization: LACOE}
theme:
  colors: {primary: "cmyk(0,0,0,100)", accent: "cmyk(0,0,0,60)", muted: "#777777", rule: "#CCCCCC", text: "#1E1E1E"}
sections:
  - type: letter
    title: A Message
    body: |
      Dear community, this letter is set in black, 100% K and nothing else.
    signature: {name: Debra Duardo, role: Superintendent}
"""


def test_no_rgb_operator_in_any_content_stream(print_build):
    with pikepdf.open(print_build.output) as pdf:
        operators = content_operators(pdf)
        assert "Do" in operators[1] and "k" in operators[1]  # the cover: a photo (in a form) and fills
        rgb = {page: found & RGB_OPERATORS for page, found in operators.items() if found & RGB_OPERATORS}
        spaces = {op for found in operators.values() for op in found if op.startswith(("cs ", "CS "))}
        assert rgb == {}
        assert not any("RGB" in space for space in spaces)
        assert image_spaces(pdf) == {"/DeviceCMYK"}


def test_the_budget_pie_is_cmyk(print_build):
    """ReportLab's graphics start in RGB black unless told otherwise: the pie page is where that leaks."""
    with pikepdf.open(print_build.output) as pdf:
        pie_pages = [n for n, page in enumerate(pdf.pages, 1) if any("%" in run.text for run in read_page(page).text)
                     and "K" in content_operators(pdf)[n]]
        assert pie_pages
        for number in pie_pages:
            assert read_page(pdf.pages[number - 1]).colours.keys() <= {"cmyk", "gray"}


def test_black_text_is_100_percent_k(print_build):
    with pikepdf.open(print_build.output) as pdf:
        fills = [run.fill for page in pdf.pages for run in read_page(page).text]
    darkest = [values for family, values in fills if family == "cmyk" and values[3] >= 0.9]
    assert darkest and set(darkest) == {(0.0, 0.0, 0.0, 1.0)}
    assert {family for family, _ in fills} == {"cmyk"}


def test_black_fills_overprint_and_others_knock_out():
    instructions = [([], Operator("BT")), ([0, 0, 0, 1], Operator("k")), ([b"a"], Operator("Tj")),
                    ([], Operator("q")), ([0, 0, 0, 0], Operator("k")), ([], Operator("Q")),
                    ([Decimal("0.5"), 0, 0, 0], Operator("k")), ([], Operator("ET"))]
    rewritten, changed = rewrite_overprint(instructions)
    states = [(str(operands[0]), index) for index, (operands, op) in enumerate(rewritten) if str(op) == "gs"]
    assert changed
    # black: overprint on; white inside q: off; after Q (overprint restored) the cyan turns it off again
    assert [name for name, _ in states] == [str(OVERPRINT), str(KNOCKOUT), str(KNOCKOUT)]
    assert str(rewritten[states[0][1] + 1][1]) == "k" and list(rewritten[states[0][1] + 1][0]) == [0, 0, 0, 1]


def test_overprint_state_is_in_the_pdf(print_build):
    with pikepdf.open(print_build.output) as pdf:
        states = pdf.pages[4].obj.Resources.ExtGState
        assert bool(states[str(OVERPRINT)].op) is True and int(states[str(OVERPRINT)].OPM) == 1
        assert bool(states[str(KNOCKOUT)].op) is False


@needs_ghostscript
def test_ghostscript_sees_black_only_inside_the_trim(write_spec, spec_dir: Path):
    """inkcov renders every plate: inside the trim a K-only design uses no cyan, magenta or yellow,
    while the sheet with its crop marks (registration colour) uses all four."""
    spec = write_spec(K_ONLY_SPEC)
    result = build(spec, spec_dir / "k.pdf", BuildOptions(print_mode=True))

    def coverage(*extra: str) -> list[list[float]]:
        output = subprocess.run(["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=inkcov", "-o", "-", *extra,
                                 str(result.output)], capture_output=True, text=True, check=True).stdout
        return [[float(v) for v in line.split()[:4]] for line in output.splitlines() if line.strip().endswith("OK")]

    assert result.pages == 1
    trimmed, sheet = coverage("-dUseTrimBox")[0], coverage()[0]
    assert trimmed[:3] == [0.0, 0.0, 0.0] and trimmed[3] > 0.001
    assert min(sheet[:3]) > 0  # the crop marks are on every plate
