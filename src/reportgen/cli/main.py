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
    build.add_argument("spec", nargs="?", default="report.yaml", help="the spec file (default: report.yaml)")
    build.add_argument("-o", "--output", default="build/report.pdf", help="the PDF to write (default: build/report.pdf)")
    build.add_argument("--print", dest="print_mode", action="store_true",
                       help="print mode: CMYK, bleed, crop marks, page boxes")
    build.add_argument("--strict", action="store_true", help="treat layout warnings as errors (for CI)")
    build.add_argument("--allow-outside", action="store_true", help="allow asset paths outside the spec's folder")
    _verbosity(build)

    validate = commands.add_parser("validate", help="check a spec and its files without building")
    validate.add_argument("spec", nargs="?", default="report.yaml")
    validate.add_argument("--allow-outside", action="store_true")
    _verbosity(validate)

    preflight = commands.add_parser("preflight", help="check a PDF the way a print shop would")
    preflight.add_argument("pdf", help="the PDF to check")
    preflight.add_argument("--strict", action="store_true", help="fail on warnings too (for CI)")
    preflight.add_argument("--safe-zone", default="0.125in", help="how far inside the trim text must stay (default: 0.125in)")
    _verbosity(preflight)
    return parser


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

    if arguments.command == "preflight":
        return _preflight(arguments)
    options = pipeline.BuildOptions(print_mode=getattr(arguments, "print_mode", False),
                                    allow_outside=arguments.allow_outside, strict=getattr(arguments, "strict", False))
    if arguments.command == "validate":
        _, _, warnings = pipeline.check_spec(arguments.spec, options)
        if not arguments.quiet:
            _report(warnings)
            print(f"{arguments.spec}: valid")
        return EXIT_OK
    result = pipeline.build(arguments.spec, arguments.output, options)
    if not arguments.quiet:
        _report(result.warnings)
        print(f"{result.output}: {result.pages} pages in {result.seconds:.2f} s")
    return EXIT_OK


def _preflight(arguments: argparse.Namespace) -> int:
    from reportgen.model.units import parse_length
    from reportgen.print.preflight import PreflightSettings, preflight

    try:
        safe_zone = parse_length(arguments.safe_zone)
    except ValueError as error:
        raise ReportError.single(f"--safe-zone: {error}") from None
    findings = preflight(arguments.pdf, PreflightSettings(safe_zone=safe_zone))
    errors = [d for d in findings if d.severity is Severity.ERROR]
    shown = errors if arguments.quiet else findings
    for diagnostic in shown:
        print(str(diagnostic), file=sys.stderr)
    failed = bool(errors) or (arguments.strict and bool(findings))
    if not arguments.quiet:
        warnings = len(findings) - len(errors)
        verdict = "fails preflight" if failed else "passes preflight"
        print(f"{arguments.pdf}: {verdict}: {len(errors)} error{'s' if len(errors) != 1 else ''}, "
              f"{warnings} warning{'s' if warnings != 1 else ''}")
    return EXIT_FAILED if failed else EXIT_OK
