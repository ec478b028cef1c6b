"""The whole pipeline: a spec file in, a PDF file (and every diagnostic found on the way) out.

spec -> model -> theme -> layout -> render -> print. Library code raises ReportError; only the
command-line interface prints.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

from reportgen.cache import build_cache
from reportgen.diagnostics import Diagnostic, ReportError, Severity
from reportgen.environment import check_environment
from reportgen.model import validate
from reportgen.model.walk import iter_files, iter_text
from reportgen.spec import SpecDocument, load_spec


@dataclass(frozen=True)
class BuildOptions:
    print_mode: bool = False
    allow_outside: bool = False
    strict: bool = False


@dataclass
class BuildResult:
    output: Path
    pages: int
    seconds: float
    warnings: list[Diagnostic] = field(default_factory=list)
    inputs: list[Path] = field(default_factory=list)  # the spec and every file it names (watch follows them)


def check_spec(spec_path: str | Path, options: BuildOptions = BuildOptions()) -> tuple[SpecDocument, object, list[Diagnostic]]:
    """Load and validate a spec (files included) without laying it out; the environment the build
    reads is checked too, and its problems come with the spec's."""
    environment = check_environment()
    try:
        document = load_spec(spec_path)
        report, warnings = validate(document, allow_outside=options.allow_outside)
    except ReportError as error:
        raise ReportError(environment + error.diagnostics) from None
    if environment:
        raise ReportError(environment)
    return document, report, warnings


def check(spec_path: str | Path, options: BuildOptions = BuildOptions()) -> list[Diagnostic]:
    """Everything `build` checks before laying out (the spec, its files, the fonts' coverage of the
    text); returns the warnings, raises ReportError with every error."""
    from reportgen.theme import build_theme

    document, report, warnings = check_spec(spec_path, options)
    try:
        _check_coverage(report, build_theme(report, cmyk=options.print_mode))
    except ReportError as error:
        raise ReportError([_locate(document, d) for d in error.diagnostics]) from None
    return warnings


def build(spec_path: str | Path, output: str | Path, options: BuildOptions = BuildOptions()) -> BuildResult:
    started = time.perf_counter()
    document, report, warnings = check_spec(spec_path, options)
    try:
        result = _lay_out_and_render(report, Path(output), options, warnings)
    except ReportError as error:
        raise ReportError([_locate(document, d) for d in error.diagnostics]) from None
    warnings = warnings + [_locate(document, d) for d in result.warnings]
    inputs = [Path(document.file).resolve(), *dict.fromkeys(file for _, file in iter_files(report))]
    return BuildResult(Path(output), result.pages, time.perf_counter() - started, warnings, inputs)


def _locate(document: SpecDocument, diagnostic: Diagnostic) -> Diagnostic:
    """Spec problems get the spec's line and column; preflight findings already name the PDF, and
    problems with no spec path (the output file, say) get no line number."""
    if diagnostic.file is not None:
        return diagnostic
    if not diagnostic.path:
        return diagnostic.located(document.file, None, None)
    return document.locate(diagnostic)


def _check_coverage(report, theme) -> None:  # type: ignore[no-untyped-def]
    from reportgen.theme import check_coverage

    fonts = theme.fonts
    problems = check_coverage(fonts, ((path, fonts.display if role == "display" else fonts.body, text)
                                      for path, role, text in iter_text(report)))
    if problems:
        raise ReportError(problems)


def _lay_out_and_render(report, output: Path, options: BuildOptions,  # type: ignore[no-untyped-def]
                        earlier: list[Diagnostic]):
    from reportgen.layout import PRINT_PPI, SCREEN_PPI, ImageStore, PageGeometry, build_story
    from reportgen.render import render_pdf
    from reportgen.theme import build_theme

    print_mode = options.print_mode or report.output == "print"
    cache_dir = build_cache(output)
    theme = build_theme(report, cmyk=print_mode, cache_dir=cache_dir)
    _check_coverage(report, theme)
    geometry = PageGeometry.from_page(report.page, print_mode=print_mode)
    intent = report.print.output_intent
    store = ImageStore(ppi=PRINT_PPI if print_mode else SCREEN_PPI, cmyk=print_mode,
                       output_profile=intent.icc if print_mode and intent else None,
                       cache_dir=cache_dir)
    story = build_story(report, theme, geometry, store)
    staging = output.with_name(f".{output.name}.staging")
    job = None
    if print_mode:
        from reportgen.print.production import PrintJob
        job = PrintJob.start(geometry, report.print, story.log)
    result = render_pdf(report, theme, geometry, story, staging, page_decorations=job.decorations() if job else None)
    try:
        if job is not None:
            job.finish(staging)
            result.warnings += _preflight(staging, output, geometry.safe_zone)
        errors = [d for d in result.warnings if d.severity is Severity.ERROR]
        if errors or (options.strict and (earlier or result.warnings)):  # --strict: every warning is an error
            raise ReportError([replace(d, severity=Severity.ERROR)
                               for d in (earlier + result.warnings if options.strict else errors)])
        try:
            os.replace(staging, output)
        except OSError as error:
            raise ReportError.single(f"cannot write {output}: {error.strerror}",
                                     hint="-o names the PDF file to write, in a writable folder") from None
    finally:
        staging.unlink(missing_ok=True)
    result.path = output
    return result


def _preflight(staged: Path, output: Path, safe_zone: float) -> list[Diagnostic]:
    """Preflight the staged print PDF; findings name the final file. Layout findings are already reported."""
    from dataclasses import replace

    from reportgen.print.preflight import PreflightSettings, preflight

    findings = preflight(staged, PreflightSettings(safe_zone=safe_zone, layout_findings=False))
    return [replace(finding, file=str(output)) for finding in findings]
