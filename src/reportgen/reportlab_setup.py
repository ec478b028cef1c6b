"""ReportLab's process-wide settings: nothing in, ReportLab ready for reportgen's builds out.

This is the one place reportgen changes ReportLab's global state. Importing any reportgen module
changes nothing; `prepare_reportlab()` makes the changes below, once per process (calling it
again does nothing). The pipeline calls it before it imports the layout stage, and `render_pdf`
calls it before writing a PDF, so library code that renders without the pipeline gets the same
bytes. Each setting is a constant: no build's fonts or options reach another build through it.

- `rl_config.useA85 = 0`: streams are written binary. ASCII85 only inflates a file by a quarter,
  and ReportLab has no per-document switch for it (its writers read the global at write time).
- `rl_config.defaultGraphicsFontName`: the shipped body font (OpenSans Regular), registered under
  its content name (see reportgen.theme.fonts). A ReportLab Drawing (the pie ring) starts its
  graphics state in this font; ReportLab's default, Helvetica, is a standard-14 font, which the
  canvas adds to the PDF as soon as it is selected, unembedded, even if no text is drawn with it.
  A TrueType font is added only when text is drawn, and every string reportgen draws names its
  own font. (Canvases get their first font per document: ReportDocument's `initialFontName`.)
- `reportlab.platypus` is imported without importing pyphen. reportlab.platypus.paragraph imports
  pyphen at module level (about 20 ms: pyphen lists its 80 dictionaries) for styles that name a
  hyphenation language; reportgen's styles hand it a function instead (reportgen.theme.hyphenation),
  which reads cached patterns. ReportLab has no setting for this, so pyphen is hidden in
  sys.modules for the duration of that one import, and paragraph.pyphen then refers to a stand-in
  that imports pyphen the first time anything uses it: other ReportLab code in the process that
  names a language still hyphenates. When platypus or pyphen is already imported, nothing is done.
  In the same import, reportlab.platypus.paragraph's `uri_pat` (Django's URL validator, for the
  `uriWasteReduce` option reportgen never sets) is compiled the first time it is used, not at import:
  its character classes over all of Unicode take `re` 25-60 ms to compile, a twentieth of a build.
  `re.compile` answers that one pattern with a stand-in for the length of the import.

- reportlab.platypus.paragraph's `shapeFragWord` is wrapped (reportgen.reportlab_adapter.shaping):
  a fragment of a reportgen paragraph carries its build's shaper and its style's OpenType features,
  and is shaped with them (cached per build); any other fragment is shaped as ReportLab does.

It also checks the installed ReportLab against TESTED_REPORTLAB, the versions reportgen is tested
with (pyproject.toml bounds the dependency the same way). reportgen uses ReportLab internals
(all in reportgen.reportlab_adapter), which a release may change without notice: what would break
is not always an exception but can be a quietly wrong PDF (fonts, tags, page entries). So an
untested version is an error, not a warning: a diagnostic naming the installed version and the
tested range, raised before any layout. To try another release, widen TESTED_REPORTLAB and the
bound in pyproject.toml together, and run the test suite.
"""

from __future__ import annotations

import importlib.util
import re
import sys
import threading
from pathlib import Path
from typing import Any

from reportgen.diagnostics import Diagnostic, ReportError

TESTED_REPORTLAB = ((4, 2), (5, 2))  # from 4.2 up to, not including, 5.2; pyproject.toml: reportlab>=4.2,<5.2

_lock = threading.Lock()
_prepared = False


def prepare_reportlab(cache_dir: Path | None = None) -> None:
    """Make the settings above (idempotent and thread-safe). `cache_dir`, a build cache, may hold the
    default graphics font's parsed metrics (reportgen.theme.fonts: the same font, read sooner)."""
    global _prepared
    if _prepared:
        return
    with _lock:
        if _prepared:
            return
        problem = reportlab_version_problem()
        if problem is not None:
            raise ReportError([problem])
        _import_platypus_without_pyphen()  # first: nothing else may import platypus before it

        from reportlab import rl_config

        from reportgen.theme.fonts import default_graphics_font

        from reportgen.reportlab_adapter.shaping import install_paragraph_shaping

        install_paragraph_shaping()
        rl_config.useA85 = 0
        rl_config.defaultGraphicsFontName = default_graphics_font(cache_dir)
        _prepared = True


def reportlab_version_problem(version: str | None = None) -> Diagnostic | None:
    """An error when ReportLab `version` (the installed one by default) is outside TESTED_REPORTLAB."""
    if version is None:
        import reportlab

        version = str(reportlab.Version)
    (low, high), numbers = TESTED_REPORTLAB, _release(version)
    if numbers is not None and low <= numbers < high:
        return None
    tested = f"{low[0]}.{low[1]} up to (not including) {high[0]}.{high[1]}"
    return Diagnostic(f"ReportLab {version} is installed, but reportgen is tested with ReportLab {tested}",
                      hint=f"install a tested version: pip install 'reportlab>={low[0]}.{low[1]},<{high[0]}.{high[1]}'",
                      file="<environment>")


def _release(version: str) -> tuple[int, int] | None:
    """"5.1.0" -> (5, 1); "5.0.0a1" -> (5, 0); None when the version does not start with two numbers."""
    match = re.match(r"(\d+)\.(\d+)", version)
    return (int(match.group(1)), int(match.group(2))) if match else None


class _PyphenOnDemand:
    """Stands in for the pyphen module in reportlab.platypus.paragraph: true when pyphen is
    installed, and any attribute (pyphen.Pyphen) imports the real module first."""

    def __bool__(self) -> bool:
        return importlib.util.find_spec("pyphen") is not None

    def __getattr__(self, name: str) -> Any:
        import pyphen

        return getattr(pyphen, name)


class _PatternOnDemand:
    """Stands in for a compiled regular expression, compiling it the first time it is used."""

    def __init__(self, pattern: str, flags: int) -> None:
        self.pattern, self.flags, self._compiled = pattern, flags, None

    def __getattr__(self, name: str) -> Any:
        if self._compiled is None:
            self._compiled = re.compile(self.pattern, self.flags)
        return getattr(self._compiled, name)


_URI_PATTERN = "(^(?:[a-z0-9\\.\\-\\+]*)://)"  # how reportlab.platypus.paragraph's uri_pat begins


def _import_platypus_without_pyphen() -> None:
    if "reportlab.platypus.paragraph" in sys.modules or "pyphen" in sys.modules:
        import reportlab.platypus  # noqa: F401  (pyphen is loaded already, or platypus is)
        return
    compile_now = re.compile

    def compile_later(pattern: Any, flags: int = 0) -> Any:
        if isinstance(pattern, str) and pattern.startswith(_URI_PATTERN):
            return _PatternOnDemand(pattern, flags)
        return compile_now(pattern, flags)

    sys.modules["pyphen"] = None  # type: ignore[assignment]  # makes `import pyphen` fail fast
    re.compile = compile_later  # type: ignore[assignment]
    try:
        import reportlab.platypus  # noqa: F401
        from reportlab.platypus import paragraph
    finally:
        re.compile = compile_now
        if "pyphen" in sys.modules and sys.modules["pyphen"] is None:
            del sys.modules["pyphen"]
    paragraph.pyphen = _PyphenOnDemand()
