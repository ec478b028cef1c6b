"""`reportgen` commands: parses arguments, runs the pipeline, prints diagnostics, returns exit codes."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
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


def _terminate(signum: int, frame: object) -> None:
    raise KeyboardInterrupt  # a cancelled CI job unwinds like Ctrl-C: temporary files are removed


def main(argv: Sequence[str] | None = None) -> int:
    arguments = _parser().parse_args(argv)
    in_main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _terminate) if in_main_thread else None
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
    finally:
        if in_main_thread:
            signal.signal(signal.SIGTERM, previous)


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
    result = pipeline.build(arguments.spec, arguments.output, options)
    if not arguments.quiet:
        _report(result.warnings)
        print(f"{result.output}: {result.pages} pages in {result.seconds:.2f} s")
    return EXIT_OK
