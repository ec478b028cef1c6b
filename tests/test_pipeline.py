"""The pipeline's one gate: `validate` (pipeline.check) gives the verdict `build` gives (exit code, errors,
warnings) for every spec, --strict and --print included; cross-field checks run even when a field fails."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import pytest
from PIL import Image

from reportgen.diagnostics import Diagnostic, ReportError
from reportgen.pipeline import BuildOptions, build, check
from tests.conftest import HEAD_PIE, MINIMAL, run_cli

HEAD = "meta: {title: T, organization: O}\nsections:\n"
WORDS = " ".join(["Title"] * 900)

SPECS = {
    "valid": MINIMAL,
    "warnings only (pie rounding)": HEAD_PIE,
    "warning from the model (no alt text)": HEAD + "  - {type: text, title: T, body: b, images: [assets/photos/photo.jpg]}\n",
    "warning from the layout (low-resolution photo)":
        HEAD + "  - {type: text, title: T, body: b, images: [{file: assets/photos/tiny.jpg, alt: A tiny photo}]}\n",
    "warning from the layout (figure set smaller)":
        HEAD + "  - {type: pillar, number: 1, title: P, stats: [{value: '" + "1234567890" * 6 + "'}]}\n",
    "layout error: a cover that cannot fit": HEAD + f"  - {{type: cover, title: '{WORDS}'}}\n",
    "layout error: a caption taller than a page":
        HEAD + "  - {type: text, title: T, body: b, images: [{file: assets/photos/photo.jpg, alt: A, caption: '"
        + " ".join(["caption"] * 4000) + "'}]}\n",
    "model error": HEAD + "  - {type: pillar, number: one, title: P}\n",
    "model errors with cross-field errors": "meta: {title: T, organization: O}\npage: {margins: {inside: 4in, outside: 4in}}\n"
        "footer: {odd: '{pgae}'}\nsections:\n  - {type: pillar, number: 1, title: A}\n"
        "  - {type: pillar, number: 1, title: B}\n  - {type: text, title: C, columns: 5}\n",
    "missing image": HEAD + "  - {type: text, title: T, images: [assets/photos/missing.jpg]}\n",
    "YAML error": "meta: {title: T, organization: O\nsections: []\n",
    "glyphs no font has": HEAD + "  - {type: text, title: 'Welcome \u4e2d\u6587', body: 'A snowman \u2603.'}\n",
    "a character the display font lacks (cover)": "meta: {title: 'Gy\u0151r \ufffd', organization: O}\n"
        "sections: [{type: cover}]\n",
    "a zero-width joiner in body text": HEAD + "  - {type: text, title: T, body: 'a\u200db'}\n",
    "keywords with exotic characters": "meta: {title: T, organization: O, keywords: ['\u4e2d\u6587', '\u200d']}\n"
        "sections: [{type: cover}]\n",
}
MODES = [BuildOptions(), BuildOptions(strict=True), BuildOptions(print_mode=True)]


def verdict(run: Callable[[], list[Diagnostic]]) -> tuple[bool, set[tuple]]:
    """(passed, the problems): the file a PDF-level finding names differs (the PDF or the spec), not the rest."""
    try:
        problems, passed = run(), True
    except ReportError as error:
        problems, passed = error.diagnostics, False
    return passed, {(d.severity.value, d.dotted_path, d.message, d.hint, d.line, d.column) for d in problems}


def build_verdict(spec: Path, options: BuildOptions = BuildOptions()) -> tuple[bool, set[tuple]]:
    """The verdict of `build` for a spec (what `check` must equal); for property tests too."""
    output = spec.parent / "build-verdict" / "report.pdf"
    result = verdict(lambda: build(spec, output, options).warnings)
    assert output.exists() == result[0]
    output.unlink(missing_ok=True)
    return result


@pytest.fixture
def specs(spec_dir: Path) -> Path:
    Image.new("RGB", (60, 40), (200, 30, 30)).save(spec_dir / "assets" / "photos" / "tiny.jpg")
    return spec_dir


@pytest.mark.parametrize("name", SPECS)
def test_check_gives_the_verdict_of_build(specs: Path, name: str):
    spec = specs / "report.yaml"
    spec.write_text(SPECS[name], encoding="utf-8")
    for options in MODES if name in ("valid", "warnings only (pie rounding)") else MODES[:2]:
        expected = build_verdict(spec, options)
        assert verdict(lambda: check(spec, options)) == expected, (name, options)
        flags = (["--strict"] if options.strict else []) + (["--print"] if options.print_mode else [])
        built = run_cli("build", str(spec), "-o", str(specs / "cli" / "report.pdf"), *flags)
        validated = run_cli("validate", str(spec), *flags)
        assert built.code == validated.code == (0 if expected[0] else 1), (name, built.err, validated.err)
        assert "internal error" not in built.err + validated.err


def test_the_specs_cover_every_kind_of_verdict(specs: Path):
    """The corpus is worth comparing: clean, warnings only, failures of the model and of the layout."""
    outcomes = {}
    for name, text in SPECS.items():
        spec = specs / "report.yaml"
        spec.write_text(text, encoding="utf-8")
        outcomes[name] = verdict(lambda: check(spec))
    assert outcomes["valid"] == (True, set())
    assert outcomes["warnings only (pie rounding)"][0] and {p[0] for p in outcomes["warnings only (pie rounding)"][1]} == {"warning"}
    assert outcomes["warning from the layout (low-resolution photo)"][0]
    assert any("ppi" in p[2] for p in outcomes["warning from the layout (low-resolution photo)"][1])
    assert not outcomes["layout error: a cover that cannot fit"][0]
    assert not outcomes["keywords with exotic characters"][1] and outcomes["keywords with exotic characters"][0]


def test_check_writes_nothing_beside_the_spec(specs: Path):
    spec = specs / "report.yaml"
    spec.write_text(SPECS["warning from the layout (low-resolution photo)"], encoding="utf-8")
    before = sorted(specs.rglob("*"))
    assert check(spec) and run_cli("validate", str(spec)).code == 0
    assert run_cli("validate", "--print", str(spec)).code == 1  # in print a photo below 150 ppi is an error
    assert sorted(specs.rglob("*")) == before


def test_strict_promotes_warnings_to_errors_in_check_and_build(specs: Path):
    spec = specs / "report.yaml"
    spec.write_text(HEAD_PIE, encoding="utf-8")
    with pytest.raises(ReportError) as caught:
        check(spec, BuildOptions(strict=True))
    assert [d.severity.value for d in caught.value.diagnostics] == ["error"]
    assert [d.line for d in caught.value.diagnostics] == [9]


def test_cross_field_checks_run_when_a_field_fails(specs: Path):
    spec = specs / "report.yaml"
    spec.write_text(SPECS["model errors with cross-field errors"], encoding="utf-8")
    with pytest.raises(ReportError) as caught:
        check(spec)
    assert [(d.line, d.dotted_path) for d in caught.value.diagnostics] == [
        (2, "page.margins"), (3, "footer.odd"), (6, "sections[1].number"), (7, "sections[2].columns")]
    messages = [d.message for d in caught.value.diagnostics]
    assert "`{pgae}` is not a footer placeholder" in messages
    assert "pillar number 1 is already used by sections[0]" in messages
