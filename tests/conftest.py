"""Shared fixtures: the repo's own report built once, spec writers, PDF readers and a CLI runner."""

from __future__ import annotations

import io
import os
import shutil
import tempfile
import textwrap
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest
from PIL import Image
from pypdf import PdfReader

from reportgen.cache import CACHE_ENV, build_cache
from reportgen.cli import main as cli_main
from reportgen.pipeline import BuildOptions, BuildResult, build

ROOT = Path(__file__).resolve().parent.parent

MINIMAL = """\
meta:
  title: Annual Report 2023-24
  subtitle: Empowering Education for a Brighter Future
  organization: Los Angeles County Office of Education
sections:
  - type: cover
  - type: letter
    title: A Message
    body: |
      Dear community, this is a letter.
    signature: {name: Debra Duardo, role: Superintendent}
"""

# a pie whose stated 31% and 21% are each within a point of their shares (30%, 20%), but the computed
# figure for A cannot make up for both within a point of its own share (50%): the legend would print
# 49 + 31 + 21 = 101, a warning whose hint (state 30 for B) gives 49 + 30 + 21 = 100
HEAD_PIE = """\
meta: {title: T, organization: O}
sections:
  - type: financials
    title: Budget
    pie:
      slices:
        - {label: A, amount: 50}
        - {label: B, amount: 30,
           percent: 31}
        - {label: C, amount: 20, percent: 21}
"""


_SESSION_CACHE: list[tempfile.TemporaryDirectory] = []


def pytest_configure(config: pytest.Config) -> None:
    """Builds outside a project's build/ keep their cache in the user's cache folder: never the real
    one in tests (each test gets a fresh one below; this one serves session fixtures)."""
    _SESSION_CACHE.append(tempfile.TemporaryDirectory(prefix="reportgen-test-cache-"))
    os.environ[CACHE_ENV] = _SESSION_CACHE[-1].name


def pytest_unconfigure(config: pytest.Config) -> None:
    while _SESSION_CACHE:
        _SESSION_CACHE.pop().cleanup()


@pytest.fixture(autouse=True)
def user_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """This test's own (empty) user cache folder, so no test sees another's build cache."""
    folder = tmp_path_factory.mktemp("user-cache")
    monkeypatch.setenv(CACHE_ENV, str(folder))
    return folder


def cache_of(spec: Path, output: Path) -> Path:
    """The build cache of building `spec` into `output` (reportgen.cache.build_cache)."""
    return build_cache(output, spec.parent)


@dataclass
class CliResult:
    code: int
    out: str
    err: str


def run_cli(*arguments: str) -> CliResult:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = cli_main(list(arguments))
        except SystemExit as exit_:
            code = int(exit_.code or 0)
    return CliResult(code, out.getvalue(), err.getvalue())


@pytest.fixture
def cli() -> Callable[..., CliResult]:
    return run_cli


def page_texts(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(str(path)).pages]


@pytest.fixture(scope="session")
def default_build(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The repository's own report.yaml, built once for the whole session."""
    output = tmp_path_factory.mktemp("default") / "report.pdf"
    return build(ROOT / "report.yaml", output)


@pytest.fixture(scope="session")
def default_texts(default_build: BuildResult) -> list[str]:
    return page_texts(default_build.output)


@pytest.fixture
def spec_dir(tmp_path: Path) -> Path:
    """A folder with a small photo, ready for specs."""
    photos = tmp_path / "assets" / "photos"
    photos.mkdir(parents=True)
    Image.new("RGB", (900, 600), (40, 90, 160)).save(photos / "photo.jpg", quality=80)
    return tmp_path


@pytest.fixture
def write_spec(spec_dir: Path) -> Callable[[str], Path]:
    def write(text: str, name: str = "report.yaml") -> Path:
        path = spec_dir / name
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path
    return write


@pytest.fixture
def minimal_spec(write_spec: Callable[[str], Path]) -> Path:
    return write_spec(MINIMAL)


def copy_fonts(destination: Path) -> Path:
    fonts = destination / "assets" / "fonts"
    fonts.mkdir(parents=True, exist_ok=True)
    for font in (ROOT / "src" / "reportgen" / "fonts").glob("*.ttf"):
        shutil.copy(font, fonts / font.name)
    return fonts


__all__ = ["BuildOptions", "CliResult", "HEAD_PIE", "MINIMAL", "ROOT", "cache_of", "copy_fonts", "page_texts",
           "run_cli"]
