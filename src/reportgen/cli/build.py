"""`reportgen build [SPEC ...] [-o OUT]`: specs in, PDFs written atomically, one summary line each out.

Several specs build in parallel processes (`--jobs`); one failing spec does not stop the others.
A spec with `editions:` builds one PDF per edition into the -o folder (default build/editions/), or a
shard of them (`--shard K/N`), or one (`--edition KEY`): see reportgen.editions."""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path
from typing import Any

from reportgen.cli.console import Console, count
from reportgen.output import STDOUT

DEFAULT_SPEC = "report.yaml"
DEFAULT_OUTPUT = "build/report.pdf"
DEFAULT_PRINT_OUTPUT = "build/report-print.pdf"  # a print build never replaces the screen PDF
DEFAULT_EDITIONS = "build/editions/"  # the folder a spec with `editions:` builds into
LISTED_FAILURES = 20  # failed editions the summary names before "and N more"


def default_output(print_mode: bool) -> str:
    """The PDF a build writes without -o: the screen PDF, or with --print the print PDF beside it."""
    return DEFAULT_PRINT_OUTPUT if print_mode else DEFAULT_OUTPUT


def add_spec_options(parser: argparse.ArgumentParser, *, output: bool = True, several: bool = False) -> None:
    """The options every command that builds shares."""
    if several:
        parser.add_argument("spec", nargs="*", default=[DEFAULT_SPEC],
                            help=f"the spec file(s) (default: {DEFAULT_SPEC}); several build in parallel")
    else:
        parser.add_argument("spec", nargs="?", default=DEFAULT_SPEC, help=f"the spec file (default: {DEFAULT_SPEC})")
    if output and several:
        parser.add_argument("-o", "--output", help=f"the PDF to write (default: {DEFAULT_OUTPUT}; with --print "
                            f"{DEFAULT_PRINT_OUTPUT}), - for standard output; with several specs, a folder where "
                            "each spec writes <spec name>.pdf (<spec name>-print.pdf with --print; default: build). "
                            "An existing file is replaced only if it is a PDF")
    elif output:
        parser.add_argument("-o", "--output",
                            help=f"the PDF to write (default: {DEFAULT_OUTPUT}; with --print {DEFAULT_PRINT_OUTPUT})")
    parser.add_argument("--print", dest="print_mode", action="store_true",
                        help="print mode: CMYK, bleed, crop marks, page boxes, no links; written to "
                             f"{DEFAULT_PRINT_OUTPUT} unless -o says otherwise")
    parser.add_argument("--allow-outside", action="store_true", help="allow asset paths outside the spec's folder")


def add_cache_option(parser: argparse.ArgumentParser) -> None:
    """`--no-cache`, for the commands that build into a PDF that is kept."""
    parser.add_argument("--no-cache", action="store_true",
                        help="read and write no build cache (same PDF, slower; for CI). The cache is "
                             "build/.cache for a PDF inside the spec's build/ folder, else the user's cache "
                             "folder (REPORTGEN_CACHE_DIR overrides it)")


def add_parser(commands: Any) -> argparse.ArgumentParser:
    parser = commands.add_parser("build", help="build the PDF from a spec",
                                 description="Build the PDF. A failed build leaves an earlier PDF untouched.")
    add_spec_options(parser, several=True)
    add_cache_option(parser)
    parser.add_argument("-j", "--jobs", type=_positive,
                        help="with several specs or editions, build this many at once (default: one per CPU)")
    parser.add_argument("--shard", metavar="K/N",
                        help="for a spec with editions: build only the K-th of N equal parts of them, in row order "
                             "(one CI matrix job each; merge their manifests with `reportgen editions merge`)")
    parser.add_argument("--edition", metavar="KEY",
                        help="for a spec with editions: build just this one, to -o as a PDF "
                             "(default build/<its output name>)")
    parser.add_argument("--strict", action="store_true",
                        help="treat warnings (text set smaller to fit, low-resolution photos, "
                             "percentages that do not match their amounts) as errors; for CI")
    return parser


def options_from(arguments: argparse.Namespace) -> Any:
    from reportgen.pipeline import BuildOptions

    return BuildOptions(print_mode=getattr(arguments, "print_mode", False),
                        allow_outside=getattr(arguments, "allow_outside", False),
                        strict=getattr(arguments, "strict", False),
                        cache=not getattr(arguments, "no_cache", False))


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, not {text!r}")
    return int(text)


def run(arguments: argparse.Namespace, console: Console) -> int:
    from reportgen import pipeline

    if len(arguments.spec) > 1:
        if arguments.shard or arguments.edition:
            return _usage(console, "--shard and --edition are for one spec that makes editions")
        return _run_batch(arguments, console)
    spec = arguments.spec[0]
    session = pipeline.BuildSession()  # the spec is read once: to see whether it makes editions, and to build it
    template = _editions_template(spec, arguments, session)
    if template is not None:
        return _run_editions(spec, template, arguments, console)
    if arguments.shard or arguments.edition:
        return _usage(console, f"{spec} has no `editions:`; --shard and --edition are for a spec that makes editions")
    if arguments.output == STDOUT:
        return _run_to_stdout(spec, arguments, console)
    with console.working(f"building {spec}"):
        result = pipeline.build(spec, arguments.output or default_output(arguments.print_mode),
                                options_from(arguments), session=session)
    console.diagnostics(result.warnings)
    for note in result.notes:  # with -v: colours the output profile cannot reach (preflight lists them too)
        console.detail(str(note))
    for notice in result.notices:
        console.notice(f"{result.output}: note: {notice}")
    console.built(result.output, result.pages, result.seconds)
    console.detail(f"{result.output.stat().st_size:,} bytes; {count(len(result.warnings), 'warning')}")
    return 0


def _run_to_stdout(spec: str, arguments: argparse.Namespace, console: Console) -> int:
    """`-o -`: build into a scratch folder (the project's cache in the user's cache folder), then copy the
    PDF to standard output."""
    import os
    import sys
    import tempfile

    from reportgen import pipeline
    from reportgen.diagnostics import Diagnostic, ReportError

    stream = getattr(sys.stdout, "buffer", None)
    if stream is None or sys.stdout.isatty():
        raise ReportError([Diagnostic("-o - writes the PDF to standard output, which is a terminal here",
                                      hint="redirect it (`-o - > report.pdf`, `-o - | lp`), or run "
                                           "`reportgen validate` to check the spec without writing anything",
                                      file=spec)])
    console.stdout_is_data = True
    with tempfile.TemporaryDirectory(prefix="reportgen-") as scratch:
        with console.working(f"building {spec}"):
            result = pipeline.build(spec, Path(scratch) / "report.pdf", options_from(arguments))
        try:
            sys.stdout.flush()
            with result.output.open("rb") as pdf:
                shutil.copyfileobj(pdf, stream)
            stream.flush()
        except BrokenPipeError:  # `-o - | head`: the reader left; nothing more can reach it
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # so the exit's flush is quiet too
            raise ReportError([Diagnostic("standard output was closed before the whole PDF was written",
                                          hint="the program reading it stopped early; nothing was lost on disk",
                                          file=spec)]) from None
    console.diagnostics(result.warnings)
    console.built("<standard output>", result.pages, result.seconds)
    return 0


def _usage(console: Console, message: str) -> int:
    console.error(f"reportgen build: error: {message}")
    return 2


def _editions_template(spec: str, arguments: argparse.Namespace, session: Any) -> Any:
    """The spec's template when it makes editions, else None (a spec that does not load builds as
    before, so its errors are the build's own). Read through `session`, which the build then uses."""
    from reportgen.diagnostics import ReportError

    try:
        template = session.template(spec, arguments.allow_outside)
    except ReportError:
        return None
    return template if template.editions is not None else None


def _run_editions(spec: str, template: Any, arguments: argparse.Namespace, console: Console) -> int:
    """Every edition (or a shard of them, or one) of a spec with `editions:`; exit 1 if any failed."""
    from reportgen import editions, pipeline
    from reportgen.diagnostics import ReportError

    if arguments.edition is not None:
        if arguments.shard:
            return _usage(console, "--edition builds one edition; --shard is for building many")
        edition = template.edition(arguments.edition)  # no such key: a located error
        output = arguments.output or f"build/{edition.output}"
        if output == STDOUT:
            return _usage(console, "--edition writes a PDF file: give -o FILE.pdf")
        with console.working(f"building {spec} ({edition.key})"):
            result = pipeline.build(spec, output, options_from(arguments), edition=edition.key)
        console.diagnostics(result.warnings)
        console.built(result.output, result.pages, result.seconds)
        return 0
    folder = arguments.output or DEFAULT_EDITIONS
    if folder == STDOUT or folder.lower().endswith(".pdf"):
        return _usage(console, f"{spec} makes {len(template.editions):,} editions: -o names a folder, not "
                               f"{'standard output' if folder == STDOUT else 'a PDF'} (default {DEFAULT_EDITIONS}; "
                               "one edition: --edition KEY)")
    try:
        shard = editions.parse_shard(arguments.shard) if arguments.shard else (1, 1)
    except ReportError as error:
        return _usage(console, "; ".join(f"{d.message} ({d.hint})" for d in error.diagnostics))
    progress = _EditionsProgress(console)
    outcome = editions.build_editions(spec, folder, options_from(arguments), jobs=arguments.jobs, shard=shard,
                                      progress=progress, template=template)
    console.clear_status()
    console.detail(f"manifest: {outcome.manifest}")
    total = len(outcome.results)
    failed = outcome.failed
    rate = total / outcome.seconds if outcome.seconds > 0 else 0.0
    part = f" (shard {shard[0]}/{shard[1]} of {outcome.rows:,})" if shard != (1, 1) else ""
    summary = (f"built {total - len(failed):,} of {total:,} edition{'' if total == 1 else 's'}{part} into {_folder(folder)} "
               f"in {outcome.seconds:.1f} s ({rate:.1f}/s)")
    if not failed:
        console.result(summary)
        return 0
    names = ", ".join(r.key for r in failed[:LISTED_FAILURES])
    if len(failed) > LISTED_FAILURES:
        names += f", and {len(failed) - LISTED_FAILURES:,} more"
    console.error(f"{summary}; {len(failed):,} failed: {names}")
    return 1


def _folder(folder: str) -> str:
    return folder if folder.endswith(("/", "\\")) else folder + "/"


class _EditionsProgress:
    """Each edition's result as it comes: a failure's diagnostics (prefixed by its key) at once; on a
    terminal, one status line rewritten ('editions 120/1000 · 2 failed · 14.2/s · 1:02 left')."""

    def __init__(self, console: Console) -> None:
        import time

        self.console = console
        self.clock = time.perf_counter
        self.started = self.clock()
        self.failed = 0

    def __call__(self, result: Any, done: int, total: int) -> None:
        console = self.console
        if result.warnings or result.errors:
            console.clear_status()
            console.diagnostics(result.warnings, prefix=f"{result.key}: ")
            console.diagnostics(result.errors, prefix=f"{result.key}: ")
        if not result.ok:
            self.failed += 1
            if not console.interactive:
                console.error(f"{result.key}: failed; nothing was written for it")
        elapsed = self.clock() - self.started
        rate = done / elapsed if elapsed > 0 else 0.0
        left = (total - done) / rate if rate > 0 else 0.0
        console.status(f"editions {done:,}/{total:,} · {self.failed:,} failed · {rate:.1f}/s · "
                       f"{int(left) // 60}:{int(left) % 60:02d} left")


def _run_batch(arguments: argparse.Namespace, console: Console) -> int:
    """Several specs at once: each one's result line or its errors; exit 1 if any failed."""
    from reportgen.cli import batch
    from reportgen.diagnostics import ReportError

    try:
        outputs = batch.outputs_for(arguments.spec, arguments.output, print_mode=arguments.print_mode)
    except ReportError as error:  # a usage problem, not a spec's
        for diagnostic in error.diagnostics:
            console.error(f"reportgen build: error: {diagnostic.message} ({diagnostic.hint})")
        return 2
    with console.working(f"building {count(len(arguments.spec), 'spec')}"):
        outcomes = batch.build_all(arguments.spec, outputs, options_from(arguments), arguments.jobs)
    for outcome in outcomes:
        if outcome.ok:
            console.diagnostics(outcome.warnings)
            console.built(outcome.output, outcome.pages, outcome.seconds)
        else:
            console.diagnostics(outcome.errors)
            console.error(f"{outcome.spec}: failed; nothing was written")
    failed = sum(1 for outcome in outcomes if not outcome.ok)
    if failed:
        console.error(f"{failed} of {len(outcomes)} specs failed")
    return 1 if failed else 0
