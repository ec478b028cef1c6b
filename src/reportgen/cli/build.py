"""`reportgen build [SPEC ...] [-o OUT]`: specs in, PDFs written atomically, one summary line each out.

Several specs build in parallel processes (`--jobs`); one failing spec does not stop the others."""

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
                        help="with several specs, build this many at once (default: one per CPU)")
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
        return _run_batch(arguments, console)
    spec = arguments.spec[0]
    if arguments.output == STDOUT:
        return _run_to_stdout(spec, arguments, console)
    with console.working(f"building {spec}"):
        result = pipeline.build(spec, arguments.output or default_output(arguments.print_mode),
                                options_from(arguments))
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
