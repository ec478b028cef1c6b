"""`reportgen validate [SPEC]`: a spec in, every problem with its spec and files out (text or JSON).

Checks what a build checks before layout (YAML, fields, fonts, images, glyph coverage) without
writing anything. Exit 0 when clean (warnings allowed unless --strict), 1 when there are problems.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from reportgen.cli.build import add_spec_options, options_from
from reportgen.cli.console import Console, count
from reportgen.diagnostics import Diagnostic, ReportError, Severity


def add_parser(commands: Any) -> argparse.ArgumentParser:
    parser = commands.add_parser("validate", help="check a spec and its files without building",
                                 description="Check a spec and its files (fonts, images) without building. "
                                             "Problems print as FILE:LINE:COL: path: message.")
    add_spec_options(parser, output=False)
    parser.add_argument("--format", choices=("text", "json"), default="text",
                        help="json: print the problems as a JSON list on stdout (for CI annotations)")
    parser.add_argument("--strict", action="store_true", help="warnings count as problems")
    return parser


def run(arguments: argparse.Namespace, console: Console) -> int:
    from reportgen import pipeline

    try:
        problems: list[Diagnostic] = pipeline.check(arguments.spec, options_from(arguments))
    except ReportError as error:
        problems = error.diagnostics
    failed = any(d.severity is Severity.ERROR or arguments.strict for d in problems)
    if arguments.format == "json":
        print(json.dumps([d.as_dict() for d in problems], indent=2))
        return 1 if failed else 0
    console.diagnostics(problems)
    errors = sum(1 for d in problems if d.severity is Severity.ERROR)
    warnings = len(problems) - errors
    if failed:
        console.error(f"{arguments.spec}: {count(errors, 'error')}, {count(warnings, 'warning')}")
        return 1
    console.result(f"{arguments.spec}: valid" + (f" ({count(warnings, 'warning')})" if warnings else ""))
    return 0
