"""Builds share no state: a build gives the same bytes whatever the process built before it (another
spec with other fonts, page size and output, or a build that failed), or builds beside it in
another thread, and importing reportgen changes nothing global."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from reportgen.diagnostics import ReportError
from reportgen.pipeline import BuildOptions, build
from tests.conftest import ROOT

BODY = """\
  - type: text
    title: What we did
    body: |
      Our **districts** served *two million* students, and ***every*** school
      counted. Hyphenation, accountability and collaboration possibilities.
  - type: financials
    title: Budget
    pie:
      slices:
        - {label: Schools, amount: 60}
        - {label: Services, amount: 40}
"""

# A: the shipped fonts, letter, screen
SPEC_A = "meta: {title: Report A, organization: Office A}\nsections:\n  - type: cover\n" + BODY

# B: other fonts (Lato for the body, OpenSans for display, copied under other names), A4, print
SPEC_B = """\
meta: {title: Report B, organization: Office B}
output: print
page: {size: a4}
theme:
  fonts:
    body: {regular: fonts/b-regular.ttf, bold: fonts/b-bold.ttf, italic: fonts/b-light.ttf,
           bold_italic: fonts/b-black.ttf}
    display: {regular: fonts/d-regular.ttf, bold: fonts/d-bold.ttf, black: fonts/d-bold-italic.ttf,
              light: fonts/d-italic.ttf}
sections:
  - type: cover
""" + BODY

# A failing: the same fonts as A, and a title too tall for any page (a layout error while rendering)
SPEC_A_FAILING = SPEC_A + "  - {type: pillar, number: 1, title: '%s'}\n" % " ".join(["Title"] * 900)

COPIES = {"b-regular": "Lato-Regular", "b-bold": "Lato-Bold", "b-light": "Lato-Light", "b-black": "Lato-Black",
          "d-regular": "OpenSans-Regular", "d-bold": "OpenSans-Bold", "d-bold-italic": "OpenSans-BoldItalic",
          "d-italic": "OpenSans-Italic"}

ALONE = """
import hashlib, sys
from reportgen.pipeline import build
build(sys.argv[1], sys.argv[2])
print(hashlib.sha256(open(sys.argv[2], "rb").read()).hexdigest())
"""


@pytest.fixture(scope="module")
def specs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("state")
    (folder / "fonts").mkdir()
    for copy, shipped in COPIES.items():
        shutil.copy(ROOT / "src" / "reportgen" / "fonts" / f"{shipped}.ttf", folder / "fonts" / f"{copy}.ttf")
    paths = {}
    for name, text in (("a", SPEC_A), ("b", SPEC_B), ("a-failing", SPEC_A_FAILING)):
        paths[name] = folder / f"{name}.yaml"
        paths[name].write_text(text)
    return paths


@pytest.fixture(scope="module")
def alone(specs: dict[str, Path]) -> dict[str, str]:
    """sha256 of A and of B, each built alone in a fresh process."""
    digests = {}
    for name in ("a", "b"):
        result = subprocess.run([sys.executable, "-c", ALONE, str(specs[name]), str(specs[name].with_suffix(".alone.pdf"))],
                                capture_output=True, text=True, check=True)
        digests[name] = result.stdout.split()[-1]
    return digests


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_two_specs_differ_where_they_should(specs: dict[str, Path], alone: dict[str, str]):
    from pypdf import PdfReader

    assert alone["a"] != alone["b"]
    pages = {name: PdfReader(specs[name].with_suffix(".alone.pdf")).pages for name in ("a", "b")}
    assert [round(float(x)) for x in pages["a"][0].trimbox[2:]] == [612, 792]  # letter
    assert [round(float(x)) for x in pages["b"][0].trimbox[2:]] != [612, 792]  # A4, with bleed in print
    fonts = {name: {str(font["/BaseFont"]).split("+")[1] for page in pages[name]
                    for font in page["/Resources"]["/Font"].get_object().values()} for name in ("a", "b")}
    assert {"OpenSans", "OpenSans-Bold", "Lato-Black"} <= fonts["a"] and "Lato-Regular" not in fonts["a"]
    assert {"Lato-Regular", "Lato-Bold", "OpenSans-BoldItalic"} <= fonts["b"]  # the body in Lato, titles in OpenSans


@pytest.mark.parametrize("first, second", [("a", "b"), ("b", "a")])
def test_a_build_after_another_gives_the_bytes_it_gives_alone(specs: dict[str, Path], alone: dict[str, str],
                                                             tmp_path: Path, first: str, second: str):
    build(specs[first], tmp_path / "first.pdf")
    build(specs[second], tmp_path / "second.pdf")
    assert digest(tmp_path / "first.pdf") == alone[first]
    assert digest(tmp_path / "second.pdf") == alone[second]


def test_a_build_after_a_failed_one_gives_the_bytes_it_gives_alone(specs: dict[str, Path], alone: dict[str, str],
                                                                   tmp_path: Path):
    with pytest.raises(ReportError) as failed:
        build(specs["a-failing"], tmp_path / "failed.pdf")
    assert "pt tall but a page holds" in failed.value.diagnostics[0].message
    build(specs["b"], tmp_path / "b.pdf")
    assert digest(tmp_path / "b.pdf") == alone["b"]
    with pytest.raises(ReportError):
        build(specs["a-failing"], tmp_path / "failed.pdf", BuildOptions(print_mode=True))
    build(specs["a"], tmp_path / "a.pdf")
    assert digest(tmp_path / "a.pdf") == alone["a"]


def test_builds_in_threads_at_the_same_time_give_the_bytes_they_give_alone(specs: dict[str, Path],
                                                                            alone: dict[str, str], tmp_path: Path):
    failures: list[BaseException] = []

    def run(name: str, index: int) -> None:
        try:
            build(specs[name], tmp_path / f"{name}-{index}.pdf")
        except BaseException as error:  # noqa: BLE001 (reported below)
            failures.append(error)

    threads = [threading.Thread(target=run, args=(name, index)) for index in range(2) for name in ("a", "b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert {path.name: digest(path) for path in tmp_path.glob("*.pdf")} == {
        f"{name}-{index}.pdf": alone[name] for index in range(2) for name in ("a", "b")}


IMPORT_ALL = """
import json, pkgutil, sys, importlib, types, warnings
import reportlab, reportlab.rl_config as rl_config, PIL.Image
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.lib import fonts

def settings():  # (_registered_resets: the reset hooks ReportLab's own modules add as they are imported)
    return {name: repr(value) for name, value in vars(rl_config).items()
            if not name.startswith("__") and name != "_registered_resets"}

def registries():
    return {"fonts": sorted(pdfmetrics._fonts), "typefaces": sorted(pdfmetrics._typefaces),
            "encodings": sorted(pdfmetrics._encodings), "faces": sorted(pdfmetrics._dynFaceNames),
            "tt2ps": sorted(map(repr, fonts._tt2ps_map.items())), "ps2tt": sorted(map(repr, fonts._ps2tt_map.items())),
            "subsetn": repr(ttfonts.SUBSETN), "pixels": PIL.Image.MAX_IMAGE_PIXELS,
            "warnings": repr(warnings.filters)}

before_settings, before_registries, before_modules = settings(), registries(), dict(sys.modules)
import reportgen
imported = []
for module in pkgutil.walk_packages(reportgen.__path__, "reportgen."):
    if not module.name.endswith("__main__"):
        importlib.import_module(module.name)
        imported.append(module.name)
changed = sorted(name for name, module in before_modules.items() if sys.modules.get(name) is not module)
fake = sorted(name for name, module in sys.modules.items()  # None hides a module; anything else is no import
              if name not in before_modules and not isinstance(module, types.ModuleType))
print(json.dumps({"imported": imported, "settings": [before_settings, settings()],
                  "registries": [before_registries, registries()], "changed": changed, "fake": fake,
                  "paragraph_pyphen": repr(sys.modules["reportlab.platypus.paragraph"].pyphen)}))
"""


def test_importing_every_module_changes_nothing_global():
    result = subprocess.run([sys.executable, "-c", IMPORT_ALL], capture_output=True, text=True, check=True)
    report = json.loads(result.stdout)
    assert len(report["imported"]) > 60 and "reportgen.reportlab_setup" in report["imported"]
    assert "reportgen.layout.blocks.pie" in report["imported"] and "reportgen.print.production" in report["imported"]
    before, after = report["settings"]
    assert {name: (before.get(name), after.get(name)) for name in before.keys() | after.keys()
            if before.get(name) != after.get(name)} == {}
    before, after = report["registries"]
    assert {name: (before[name], after[name]) for name in before if before[name] != after[name]} == {}
    assert report["changed"] == [] and report["fake"] == []
    assert report["paragraph_pyphen"].startswith("<module 'pyphen'")  # platypus imported as ReportLab does it
