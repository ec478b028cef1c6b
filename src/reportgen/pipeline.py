"""The whole pipeline: a spec file in, a PDF file (and every diagnostic found on the way) out.

spec -> model -> theme -> layout -> render -> print. Library code raises ReportError; only the
command-line interface prints.
"""

from __future__ import annotations

import io
import os
import tempfile
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from reportgen.cache import CacheMemory, build_cache
from reportgen.diagnostics import Diagnostic, ReportError, Severity
from reportgen.environment import check_environment
from reportgen.model import validate
from reportgen.model.report import Report
from reportgen.model.walk import iter_files
from reportgen.output import Protected, Staging, check_output, protected_files
from reportgen.bind import Bound, Template, load_template
from reportgen.spec import SpecDocument

if TYPE_CHECKING:  # the later stages are imported when a build needs them (start-up time)
    from reportgen.print.production import PrintJob
    from reportgen.render import RenderResult


@dataclass(frozen=True)
class BuildOptions:
    print_mode: bool = False
    allow_outside: bool = False
    strict: bool = False
    cache: bool = True  # False (--no-cache): read and write no build cache (the same bytes, cold)


class BuildSession:
    """Work one caller's builds keep between them in memory: what they parsed of the build cache (the
    shaped words and the line breaks kept there), so a rebuild reads and parses again nothing it
    already holds. `reportgen watch` and batch builds make one and pass it to every `build`.

    Explicit, never global: a build without a session reads everything from the cache as before, and a
    build through one makes the same bytes as without (whatever the session's earlier builds were, failed
    ones included: what is kept is exactly what those builds left in the build cache on disk, for as long
    as the files there stay the ones read or written). One session serves one build at a time."""

    def __init__(self) -> None:
        self.memory = CacheMemory()
        self._templates: dict[tuple[str, bool], tuple[tuple[object, ...], Template]] = {}

    def template(self, spec_path: str | Path, allow_outside: bool) -> Template:
        """The spec's template (its data sets and editions), read again only when the spec or a data file
        changed: an editions worker reads them once for all its editions."""
        key = (str(spec_path), allow_outside)
        kept = self._templates.get(key)
        if kept is not None and kept[0] == _signature(kept[1].files):
            return kept[1]
        template = load_template(spec_path, allow_outside=allow_outside)
        self._templates[key] = (_signature(template.files), template)
        return template


def _signature(files: list[Path]) -> tuple[object, ...]:
    """What says a file changed: its size, time and inode (None when it is gone)."""
    found: list[object] = []
    for file in files:
        try:
            status = file.stat()
        except OSError:
            found.append(None)
            continue
        found.append((status.st_size, status.st_mtime_ns, status.st_ino))
    return tuple(found)


@dataclass
class BuildResult:
    output: Path
    pages: int
    seconds: float
    warnings: list[Diagnostic] = field(default_factory=list)
    inputs: list[Path] = field(default_factory=list)  # the spec and every file it names (watch follows them)
    notes: list[Diagnostic] = field(default_factory=list)  # shown with -v only (print: colours out of gamut)
    notices: list[str] = field(default_factory=list)  # what the build did on its own (saddle padding): not problems


def check_spec(spec_path: str | Path, options: BuildOptions = BuildOptions(), cache_dir: Path | None = None, *,
               edition: str | None = None, session: BuildSession | None = None
               ) -> tuple[SpecDocument, Report, list[Diagnostic]]:
    """Load, bind (fill the `{{ }}` expressions from the data, for `edition` when the spec makes editions)
    and validate a spec (files included) without laying it out; the environment the build reads is
    checked too, and its problems come with the spec's. `cache_dir` keeps the parsed rich text; through
    `session` the template and its data are read once."""
    environment = check_environment()
    bound: Bound | None = None
    try:
        template = session.template(spec_path, options.allow_outside) if session is not None else \
            load_template(spec_path, allow_outside=options.allow_outside)
        bound = template.bind(template.edition(edition) if edition is not None else None)
        report, warnings = validate(bound.document, allow_outside=options.allow_outside, cache_dir=cache_dir,
                                    data_sets=template.csv_sets())
    except ReportError as error:
        found = [bound.explain(d) for d in error.diagnostics] if bound is not None else error.diagnostics
        raise ReportError(environment + found) from None
    if environment:
        raise ReportError(environment)
    return bound.document, report, [bound.explain(d) for d in warnings]


def check(spec_path: str | Path, options: BuildOptions = BuildOptions(), *, edition: str | None = None,
          session: BuildSession | None = None) -> list[Diagnostic]:
    """Every check `build` makes (the spec, its files, the layout, the rendering with the fonts' real
    coverage of what they draw, print preflight), without keeping a PDF. Returns the warnings `build`
    would give; raises ReportError with exactly the errors `build` would raise (--strict included)."""
    return _run(spec_path, None, options, session, edition).warnings


def build(spec_path: str | Path, output: str | Path, options: BuildOptions = BuildOptions(), *,
          session: BuildSession | None = None, edition: str | None = None) -> BuildResult:
    """Build the PDF at `output` (written atomically; an earlier PDF survives any failure); through
    `session`, with what its earlier builds kept (the same bytes, sooner). A spec with `editions:` builds
    the edition whose key is `edition` (reportgen.editions builds them all)."""
    return _run(spec_path, Path(output), options, session, edition)


def _run(spec_path: str | Path, output: Path | None, options: BuildOptions,
         session: BuildSession | None = None, edition: str | None = None) -> BuildResult:
    """The one way through the pipeline for `build` and `check`: the only difference is whether the
    PDF is kept. `output` None lays out and renders into a temporary folder (its own cold build cache,
    so the verdict depends on the spec and its files alone and nothing in the project is written)."""
    started = time.perf_counter()
    # the build cache (reportgen.cache.build_cache): none for --no-cache, and none read or written by `check`
    cache_dir = build_cache(output, Path(spec_path).parent) if output is not None and options.cache else None
    document, report, warnings = check_spec(spec_path, options, cache_dir, edition=edition, session=session)
    protected = protected_files(Path(document.file), iter_files(report))
    try:
        if output is None:
            with tempfile.TemporaryDirectory(prefix="reportgen-check-") as scratch:
                result = _lay_out_and_render(report, Path(scratch) / "report.pdf", options, warnings, protected,
                                             shown_as=Path(document.file), keep=False,
                                             cache_dir=Path(scratch) / ".cache")
        else:
            check_output(output, protected)  # before the work, and again before the rename
            result = _lay_out_and_render(report, output, options, warnings, protected, shown_as=output, keep=True,
                                         cache_dir=cache_dir, memory=session.memory if session is not None else None)
    except ReportError as error:
        raise ReportError([_locate(document, d) for d in error.diagnostics]) from None
    warnings = warnings + [_locate(document, d) for d in result.warnings]
    inputs = [Path(document.file).resolve(), *dict.fromkeys(file for _, file in iter_files(report))]
    return BuildResult(output if output is not None else Path(document.file), result.pages,
                       time.perf_counter() - started, warnings, inputs,
                       notes=[_locate(document, d) for d in result.notes], notices=result.notices)


def _locate(document: SpecDocument, diagnostic: Diagnostic) -> Diagnostic:
    """Spec problems get the spec's line and column; preflight findings already name the PDF, and
    problems with no spec path (the output file, say) get no line number."""
    if diagnostic.file is not None:
        return diagnostic
    if not diagnostic.path:
        return diagnostic.located(document.file, None, None)
    return document.locate(diagnostic)


def _lay_out_and_render(report: Report, output: Path, options: BuildOptions, earlier: list[Diagnostic],
                        protected: list[Protected], *, shown_as: Path, keep: bool, cache_dir: Path | None,
                        memory: CacheMemory | None = None) -> RenderResult:
    """Lay out, render to a staging file beside `output`, preflight in print mode and judge; with
    `keep`, move the PDF into place. Findings about the PDF name `shown_as`; `cache_dir` is the build
    cache (reportgen.cache.build_cache), None for none."""
    from reportgen.reportlab_setup import prepare_reportlab

    prepare_reportlab(cache_dir)  # before the layout stage imports ReportLab's platypus (see reportlab_setup)
    from reportgen.layout import PRINT_PPI, SCREEN_PPI, ImageStore, PageGeometry, build_story
    from reportgen.layout.limits import RUNT_ATTEMPTS
    from reportgen.layout.page_ends import keep_page_ends, kept_page_ends, layout_key
    from reportgen.render import render_pdf
    from reportgen.render.identity import build_time, stamp_identity
    from reportgen.render.contrast import contrast_problems
    from reportgen.theme import build_theme
    from reportgen.theme.styles import keep_shaped_words

    print_mode = options.print_mode or report.output == "print"
    if print_mode:
        _check_bleed(report)
    theme = build_theme(report, cmyk=print_mode, cache_dir=cache_dir, memory=memory)
    geometry = PageGeometry.from_page(report.page, print_mode=print_mode)
    intent = report.print.intent() if print_mode else None  # the spec's profile, or the shipped one
    store = ImageStore(ppi=PRINT_PPI if print_mode else SCREEN_PPI, cmyk=print_mode,
                       output_profile=intent.icc if intent else None, intent=report.print.photo_intent,
                       black_point_compensation=report.print.photo_black_point_compensation, cache_dir=cache_dir)
    created = build_time(report.meta, os.environ.get("SOURCE_DATE_EPOCH"))  # the build's one outside input
    story = build_story(report, theme, geometry, store)
    job: PrintJob | None = None
    if print_mode:
        from reportgen.print.production import PrintJob
        job = PrintJob.start(geometry, report.print, story.log)
    with Staging(output, protected) as staging:
        with staging.writing():  # the PDF is written once, to the staging file, then renamed into place
            key = layout_key(report, (file for _, file in iter_files(report)), "print" if print_mode else "screen")
            kept = kept_page_ends(cache_dir, key)  # this build's inputs were the last build's: its page ends
            shortened: dict[int, float] = kept or {}
            for attempt in range(1, RUNT_ATTEMPTS + 1):  # a runt page the page before can avoid: again, with
                last = attempt == RUNT_ATTEMPTS or kept is not None  # that page ending higher (rare: one layout as a rule)
                if attempt > 1:
                    story = build_story(report, theme, geometry, store)
                if job is None:
                    result = render_pdf(report, theme, geometry, story, staging.path, created=created,
                                        shortened=shortened, retry=not last)
                else:  # print production works on ReportLab's PDF in memory
                    if attempt > 1:
                        job = PrintJob.start(geometry, report.print, story.log)
                    rendered = io.BytesIO()
                    result = render_pdf(report, theme, geometry, story, rendered, page_decorations=job.decorations(),
                                        created=created, shortened=shortened, retry=not last)
                if not result.shorten:
                    break
                shortened = result.shorten
            if kept is None:
                keep_page_ends(cache_dir, key, shortened)
            if job is not None:
                job.gamut_notes = theme.palette.gamut_notes()
                job.finish(rendered.getvalue(), staging.path, store.sources())
                result.notes += job.gamut_notes
            stamp_identity(staging.path)  # the file ID and InstanceID: a hash of these bytes
        result.warnings += store.resolution_problems()  # each photo at its smallest placed size
        if job is None:  # the screen PDF is the one read on screen; print's CMYK shows as each viewer converts it
            result.warnings += contrast_problems(staging.path, story.structure, report,  # as drawn: grounds, photos
                                                 cache_dir)
        else:
            problems, notes = _preflight(staging.path, shown_as, geometry.safe_zone)
            result.warnings += problems
            result.notes += notes
        failed = any(d.severity is Severity.ERROR for d in result.warnings)
        if failed or (options.strict and (earlier or result.warnings)):  # --strict: every warning is an error
            problems = earlier + result.warnings  # the warnings too: every problem at once
            raise ReportError([replace(d, severity=Severity.ERROR) for d in problems] if options.strict else problems)
        if keep:
            staging.commit()
    keep_shaped_words(theme.styles)  # a build that wrote nothing may still have shaped words worth keeping
    theme.numbers.save()
    return result


# Preflight rules that a build lists as notes (with -v), not warnings: small text in several inks is a
# colour the output profile cannot print in one ink (the navy headings); `reportgen preflight` warns of it.
BUILD_NOTES = frozenset({"small-text-inks"})
BUILD_SKIPS = frozenset({"image-resolution"})  # a build judges its photos itself, by file and spec line


def _check_bleed(report: Report) -> None:
    """Print mode with no bleed while art reaches the trim: the cut would leave white slivers at the edges."""
    from reportgen.sections.registry import block_of

    if report.page.bleed > 0:
        return
    bleeding = [section.type for section in report.sections if block_of(section).bleeds]
    if bleeding:
        shown = ", ".join(dict.fromkeys(bleeding))
        raise ReportError([Diagnostic(f"page.bleed is 0, but the art of {len(bleeding)} section"
                                      f"{'s' if len(bleeding) != 1 else ''} ({shown}) reaches the trim: a print build "
                                      "needs bleed, or the trim leaves white slivers at the page edges",
                                      ("page", "bleed"), "give the bleed the shop asks for, e.g. `bleed: 3mm` or "
                                      "`bleed: 0.125in` (9 pt when absent), or build for screen without --print")])




def _preflight(staged: Path, output: Path, safe_zone: float) -> tuple[list[Diagnostic], list[Diagnostic]]:
    """Preflight the staged print PDF: its problems and its notes (BUILD_NOTES); findings name the final file.
    Layout findings are already reported."""
    from reportgen.print.preflight import INFO, PreflightSettings, preflight_findings

    findings = preflight_findings(staged, PreflightSettings(safe_zone=safe_zone, layout_findings=False,
                                                            as_notes=BUILD_NOTES))
    problems = [finding.diagnostic(str(output)) for finding in findings
                if finding.severity != INFO and finding.rule not in BUILD_SKIPS]
    notes = [replace(finding.diagnostic(str(output), with_rule=True), severity=Severity.NOTE)
             for finding in findings if finding.severity == INFO and finding.rule in BUILD_NOTES]
    return problems, notes
