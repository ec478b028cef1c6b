"""`reportgen` commands: parses arguments, runs the pipeline, prints diagnostics, returns exit codes."""

from __future__ import annotations

import argparse
import sys
import traceback
from typing import Sequence

from reportgen import __version__
from reportgen.diagnostics import Diagnostic, ReportError, Severity

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"{self.prog}: error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="reportgen", description="Typeset a YAML report spec into a print-ready PDF.")
    parser.add_argument("--version", action="version", version=f"reportgen {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.required = True

    build = commands.add_parser("build", help="build the PDF from a spec")
    build.add_argument("spec", nargs="*", default=["report.yaml"],
                       help="the spec file(s) (default: report.yaml); several build in parallel")
    build.add_argument("-o", "--output", help="the PDF to write (default: build/report.pdf); with several "
                       "specs, a folder where each spec writes <spec name>.pdf (default: build)")
    build.add_argument("-j", "--jobs", type=_positive, help="with several specs, build this many at once "
                       "(default: one per CPU)")
    build.add_argument("--print", dest="print_mode", action="store_true",
                       help="print mode: CMYK, bleed, crop marks, page boxes")
    build.add_argument("--strict", action="store_true", help="treat layout warnings as errors (for CI)")
    build.add_argument("--allow-outside", action="store_true", help="allow asset paths outside the spec's folder")
    _verbosity(build)

    validate = commands.add_parser("validate", help="check a spec and its files without building")
    validate.add_argument("spec", nargs="?", default="report.yaml")
    validate.add_argument("--allow-outside", action="store_true")
    _verbosity(validate)
    return parser


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, not {text!r}")
    return int(text)


def _verbosity(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    parser.add_argument("-v", "--verbose", action="store_true", help="print more detail")


def _report(diagnostics: Sequence[Diagnostic]) -> None:
    for diagnostic in diagnostics:
        print(str(diagnostic), file=sys.stderr)
    errors = sum(1 for d in diagnostics if d.severity is Severity.ERROR)
    if errors:
        print(f"{errors} error{'s' if errors != 1 else ''}; nothing was written", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    arguments = _parser().parse_args(argv)
    try:
        return _run(arguments)
    except ReportError as error:
        _report(error.diagnostics)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("interrupted; any earlier PDF is untouched", file=sys.stderr)
        return 130
    except Exception as error:  # a bug in reportgen: still no traceback unless asked for
        if getattr(arguments, "verbose", False):
            traceback.print_exc()
        print(f"reportgen: internal error: {type(error).__name__}: {error} "
              f"(run with -v for details; please report it)", file=sys.stderr)
        return EXIT_FAILED


def _run(arguments: argparse.Namespace) -> int:
    from reportgen import pipeline

    options = pipeline.BuildOptions(print_mode=getattr(arguments, "print_mode", False),
                                    allow_outside=arguments.allow_outside, strict=getattr(arguments, "strict", False))
    if arguments.command == "validate":
        _, _, warnings = pipeline.check_spec(arguments.spec, options)
        if not arguments.quiet:
            _report(warnings)
            print(f"{arguments.spec}: valid")
        return EXIT_OK
    if len(arguments.spec) > 1:
        return _build_batch(arguments, options)
    result = pipeline.build(arguments.spec[0], arguments.output or "build/report.pdf", options)
    if not arguments.quiet:
        _report(result.warnings)
        print(f"{result.output}: {result.pages} pages in {result.seconds:.2f} s")
    return EXIT_OK


def _build_batch(arguments: argparse.Namespace, options: object) -> int:
    """Several specs at once: each one's result line or its errors; exit 1 if any failed."""
    from reportgen.cli import batch

    try:
        outputs = batch.outputs_for(arguments.spec, arguments.output)
    except ReportError as error:  # a usage problem, not a spec's
        for diagnostic in error.diagnostics:
            print(f"reportgen build: error: {diagnostic.message} ({diagnostic.hint})", file=sys.stderr)
        return EXIT_USAGE
    outcomes = batch.build_all(arguments.spec, outputs, options, arguments.jobs)
    for outcome in outcomes:
        if outcome.ok:
            if not arguments.quiet:
                _report(outcome.warnings)
                print(f"{outcome.output}: {outcome.pages} pages in {outcome.seconds:.2f} s")
        else:
            for diagnostic in outcome.errors:
                print(str(diagnostic), file=sys.stderr)
            print(f"{outcome.spec}: failed; nothing was written", file=sys.stderr)
    failed = sum(1 for outcome in outcomes if not outcome.ok)
    if failed:
        print(f"{failed} of {len(outcomes)} specs failed", file=sys.stderr)
    return EXIT_FAILED if failed else EXIT_OK
