"""ReportLab's internals are used in one place: reportgen.reportlab_adapter lists the private names it
uses, each really is ReportLab's, no other module uses one, and builds refuse an untested ReportLab."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import reportlab

from reportgen.reportlab_adapter import PRIVATE_NAMES
from reportgen.reportlab_setup import TESTED_REPORTLAB, reportlab_version_problem
from tests.conftest import MINIMAL

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "reportgen"
ADAPTER = PACKAGE / "reportlab_adapter"
REPORTLAB = Path(reportlab.__file__).parent

# receivers that are always ReportLab objects in reportgen's code: `canvas._x` is a private use
# whatever `_x` is
ALWAYS_REPORTLAB = re.compile(r"\b(canv|canvas|frame|doc|document)\._[A-Za-z]\w*")


def _reportlab_source() -> str:
    return "\n".join(path.read_text(encoding="utf-8", errors="replace") for path in REPORTLAB.rglob("*.py"))


def private_uses(text: str) -> list[str]:
    """The uses in `text` of a ReportLab private name: `x.name`, "name" (getattr), imports, overrides
    (a method of that name; a module's own function may share a name)."""
    found = {match.group(0) for match in ALWAYS_REPORTLAB.finditer(text)}
    for name in PRIVATE_NAMES:
        escaped = re.escape(name)
        pattern = rf"\.{escaped}\b|[\"']{escaped}[\"']|\bimport\b[^\n]*\b{escaped}\b|^[ \t]+def {escaped}\("
        found |= {match.group(0).strip() for match in re.finditer(pattern, text, re.MULTILINE)}
    return sorted(found)


def test_no_module_outside_the_adapter_uses_a_reportlab_private_name():
    offenders = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        if ADAPTER in path.parents:
            continue
        uses = private_uses(path.read_text(encoding="utf-8"))
        if uses:
            offenders[str(path.relative_to(PACKAGE))] = uses
    assert offenders == {}


def test_the_check_finds_each_kind_of_private_use():
    sample = """
from reportlab.platypus.flowables import _listWrapOn
x = canvas._code
y = getattr(self, "_frame", None)
z = paragraph.blPara.lines
class Document(BaseDocTemplate):
    def _endBuild(self): ...
"""
    assert private_uses(sample) == sorted(["canvas._code", "._code", "import _listWrapOn", '"_frame"', ".blPara",
                                           "def _endBuild("])
    assert private_uses("self._heights = (0.0, 0.0)\nstyle.fontName\ndef _frame(name): ...\n") == []


def test_every_listed_name_is_reportlabs_and_is_used_by_the_adapter():
    reportlab_source = _reportlab_source()
    adapter_source = "\n".join(path.read_text(encoding="utf-8") for path in ADAPTER.glob("*.py"))
    for name in PRIVATE_NAMES:
        assert re.search(rf"\b{re.escape(name)}\b", reportlab_source), f"{name} is not a ReportLab name"
        assert re.search(rf"\.{re.escape(name)}\b|[\"']{re.escape(name)}[\"']|import[^\n]*\b{re.escape(name)}\b|"
                         rf"def {re.escape(name)}\(", adapter_source.replace("PRIVATE_NAMES", "")), \
            f"{name} is listed but the adapter does not use it"


def test_every_private_reportlab_name_the_adapter_uses_is_listed():
    """So that the check above covers all of them: an underscored name the adapter reads, imports,
    passes to getattr or overrides, and that ReportLab's source defines, is in PRIVATE_NAMES."""
    reportlab_source = _reportlab_source()
    used: set[str] = set()
    for path in ADAPTER.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute):
                used.add(node.attr)
            elif isinstance(node, ast.ImportFrom):
                used.update(alias.name for alias in node.names)
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                used.add(node.value)
            elif isinstance(node, ast.FunctionDef):
                used.add(node.name)
    underscored = {name for name in used if re.fullmatch(r"_[A-Za-z]\w*|__[A-Za-z]\w*__", name)
                   and not re.fullmatch(r"__(init|dict|class|name|len|getitem|iter|deepcopy|call|func|new)__", name)}
    defined_by_reportlab = {name for name in underscored
                            if re.search(rf"(\bdef |\bclass |self\.|^\s*){re.escape(name)}\b\s*[(:=]",
                                         reportlab_source, re.MULTILINE)}
    ours = {"_made", "_arguments", "_items", "_length", "_breaks_by_width", "_breaks_of_pieces"}  # _Remainder's, Paragraph's
    assert defined_by_reportlab - ours - set(PRIVATE_NAMES) == set()


@pytest.mark.parametrize("version", ["4.2.0", "4.4.10", "5.0.0a1", "5.1.0", "5.1.7"])
def test_tested_versions_are_accepted(version: str):
    assert reportlab_version_problem(version) is None


@pytest.mark.parametrize("version", ["4.1.9", "5.2.0", "6.0", "3.6.13", "nightly"])
def test_an_untested_version_is_an_error_naming_the_tested_range(version: str):
    problem = reportlab_version_problem(version)
    assert problem is not None
    assert problem.message == (f"ReportLab {version} is installed, but reportgen is tested with ReportLab "
                               "4.2 up to (not including) 5.2")
    assert problem.hint == "install a tested version: pip install 'reportlab>=4.2,<5.2'"


def test_the_installed_reportlab_is_a_tested_one():
    assert reportlab_version_problem() is None


def test_pyproject_bounds_reportlab_as_the_build_checks():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    (low, high) = TESTED_REPORTLAB
    assert f"reportlab>={low[0]}.{low[1]},<{high[0]}.{high[1]}" in project["dependencies"]
    assert "pillow>=10.3" in project["dependencies"]  # ImageMath.lambda_eval


def test_a_build_with_an_untested_reportlab_fails_with_a_diagnostic(tmp_path: Path):
    spec = tmp_path / "report.yaml"
    spec.write_text(MINIMAL, encoding="utf-8")
    code = ("import reportlab; reportlab.Version = '5.2.0'; from reportgen.cli import main; "
            f"raise SystemExit(main(['build', {str(spec)!r}, '-o', {str(tmp_path / 'report.pdf')!r}]))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 1, result.stderr
    assert ("<environment>: ReportLab 5.2.0 is installed, but reportgen is tested with ReportLab 4.2 up to "
            "(not including) 5.2 (install a tested version: pip install 'reportlab>=4.2,<5.2')") in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "report.pdf").exists()
