"""`reportgen preflight PDF`: a PDF in, what a print shop would reject (page by page) out; exit 1 on errors."""

from __future__ import annotations

import argparse
from typing import Any

from reportgen.cli.console import Console, count
from reportgen.diagnostics import ReportError, Severity


def add_parser(commands: Any) -> argparse.ArgumentParser:
    parser = commands.add_parser("preflight", help="check a PDF the way a print shop would",
                                 description="Fonts, colour, page boxes, image resolution, the safe zone and "
                                             "the layout's own findings, page by page.")
    parser.add_argument("pdf", help="the PDF to check")
    parser.add_argument("--strict", action="store_true", help="fail on warnings too (for CI)")
    parser.add_argument("--safe-zone", default="0.125in",
                        help="how far inside the trim text must stay (default: 0.125in)")
    return parser


def run(arguments: argparse.Namespace, console: Console) -> int:
    from reportgen.model.units import parse_length
    from reportgen.print.preflight import PreflightSettings, preflight

    try:
        safe_zone = parse_length(arguments.safe_zone)
    except ValueError as error:
        raise ReportError.single(f"--safe-zone: {error}") from None
    findings = preflight(arguments.pdf, PreflightSettings(safe_zone=safe_zone))
    errors = [d for d in findings if d.severity is Severity.ERROR]
    console.diagnostics(errors if arguments.quiet else findings)
    warnings = [d for d in findings if d.severity is Severity.WARNING]  # notes never fail, even --strict
    failed = bool(errors) or (arguments.strict and bool(warnings))
    verdict = "fails preflight" if failed else "passes preflight"
    console.result(f"{arguments.pdf}: {verdict}: {count(len(errors), 'error')}, "
                   f"{count(len(warnings), 'warning')}")
    return 1 if failed else 0
