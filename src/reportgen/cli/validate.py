"""`reportgen validate [SPEC]`: a spec in, every problem with its spec and files out (text or JSON).

Checks everything a build checks (YAML, fields, fonts, images, the layout and the rendering, print
preflight with --print) by building into a temporary folder; nothing is kept and nothing in the project
is written. The verdict is the build's: exit 0 when it would build (warnings allowed unless --strict,
which makes every warning an error), 1 when it would not. A spec with `editions:` has every edition
checked (in parallel, each in its own temporary folder: reportgen.editions with keep=False), each
problem told after its edition's key (in JSON, with "edition": KEY).
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from reportgen.cli.build import add_spec_options, options_from
from reportgen.cli.console import Console, count
from reportgen.diagnostics import Diagnostic, ReportError, Severity


def add_parser(commands: Any) -> argparse.ArgumentParser:
    parser = commands.add_parser("validate", help="check a spec as a build would, without writing the PDF",
                                 description="Check a spec and its files (fonts, images, layout) exactly as "
                                             "`build` does, without writing the PDF. "
                                             "Problems print as FILE:LINE:COL: path: message.")
    add_spec_options(parser, output=False)
    parser.add_argument("--format", choices=("text", "json"), default="text",
                        help="json: print the problems as a JSON list on stdout (for CI annotations)")
    parser.add_argument("--strict", action="store_true", help="warnings are errors, as with `build --strict`")
    return parser


def run(arguments: argparse.Namespace, console: Console) -> int:
    from reportgen import pipeline

    session = pipeline.BuildSession()  # the spec is read once: to see whether it makes editions, and to check it
    try:
        template = session.template(arguments.spec, arguments.allow_outside)
    except ReportError:
        template = None  # the check below reports the same problems, as for any spec
    if template is not None and template.editions is not None:
        return _run_editions(arguments, template, console)
    try:
        with console.working(f"checking {arguments.spec}"):
            problems: list[Diagnostic] = pipeline.check(arguments.spec, options_from(arguments), session=session)
    except ReportError as error:
        problems = error.diagnostics
    errors = sum(1 for d in problems if d.severity is Severity.ERROR)
    warnings = len(problems) - errors
    if arguments.format == "json":
        print(json.dumps([d.as_dict() for d in problems], indent=2))
        return 1 if errors else 0
    console.diagnostics(problems)
    if errors:
        console.error(f"{arguments.spec}: {count(errors, 'error')}, {count(warnings, 'warning')}")
        return 1
    console.result(f"{arguments.spec}: valid" + (f" ({count(warnings, 'warning')})" if warnings else ""))
    return 0


def _run_editions(arguments: argparse.Namespace, template: Any, console: Console) -> int:
    """Check every edition; each problem after its edition's key."""
    import tempfile

    from reportgen.editions import build_editions

    with tempfile.TemporaryDirectory(prefix="reportgen-validate-") as scratch:
        # a status line from the results as they come (no ticking thread while the pool forks its workers)
        outcome = build_editions(arguments.spec, scratch, options_from(arguments), keep=False, template=template,
                                 progress=lambda result, done, total: console.status(
                                     f"checking editions {done:,}/{total:,} of {arguments.spec}"))
        console.clear_status()
    problems = [(result.key, d) for result in outcome.results for d in result.errors + result.warnings]
    errors = sum(1 for _, d in problems if d.severity is Severity.ERROR)
    warnings = len(problems) - errors
    if arguments.format == "json":
        print(json.dumps([{**d.as_dict(), "edition": key} for key, d in problems], indent=2))
        return 1 if errors else 0
    for key, diagnostic in problems:
        console.diagnostics([diagnostic], prefix=f"{key}: ")
    failed = len(outcome.failed)
    editions = len(outcome.results)
    if errors:
        console.error(f"{arguments.spec}: {failed:,} of {editions:,} editions fail: {count(errors, 'error')}, "
                      f"{count(warnings, 'warning')}")
        return 1
    console.result(f"{arguments.spec}: all {editions:,} editions valid"
                   + (f" ({count(warnings, 'warning')})" if warnings else ""))
    return 0
