"""`reportgen build [SPEC] [-o OUT]`: a spec in, the PDF written atomically, one summary line out."""

from __future__ import annotations

import argparse
from typing import Any

from reportgen.cli.console import Console, count

DEFAULT_SPEC = "report.yaml"
DEFAULT_OUTPUT = "build/report.pdf"


def add_spec_options(parser: argparse.ArgumentParser, *, output: bool = True) -> None:
    """The options every command that builds shares."""
    parser.add_argument("spec", nargs="?", default=DEFAULT_SPEC, help=f"the spec file (default: {DEFAULT_SPEC})")
    if output:
        parser.add_argument("-o", "--output", default=DEFAULT_OUTPUT,
                            help=f"the PDF to write (default: {DEFAULT_OUTPUT})")
    parser.add_argument("--print", dest="print_mode", action="store_true",
                        help="print mode: CMYK, bleed, crop marks, page boxes")
    parser.add_argument("--allow-outside", action="store_true", help="allow asset paths outside the spec's folder")


def add_parser(commands: Any) -> argparse.ArgumentParser:
    parser = commands.add_parser("build", help="build the PDF from a spec",
                                 description="Build the PDF. A failed build leaves an earlier PDF untouched.")
    add_spec_options(parser)
    parser.add_argument("--strict", action="store_true",
                        help="treat warnings (text set smaller to fit, low-resolution photos, "
                             "percentages that do not match their amounts) as errors; for CI")
    return parser


def options_from(arguments: argparse.Namespace) -> Any:
    from reportgen.pipeline import BuildOptions

    return BuildOptions(print_mode=getattr(arguments, "print_mode", False),
                        allow_outside=getattr(arguments, "allow_outside", False),
                        strict=getattr(arguments, "strict", False))


def run(arguments: argparse.Namespace, console: Console) -> int:
    from reportgen import pipeline

    with console.working(f"building {arguments.spec}"):
        result = pipeline.build(arguments.spec, arguments.output, options_from(arguments))
    console.diagnostics(result.warnings)
    console.result(f"{result.output}: {count(result.pages, 'page')} in {result.seconds:.2f} s")
    console.detail(f"{result.output.stat().st_size:,} bytes; {count(len(result.warnings), 'warning')}")
    return 0
