"""`reportgen preflight PDF`: a PDF in, what a print shop would reject (page by page, rule by rule) out; exit 1 on errors."""

from __future__ import annotations

import argparse
import json
from typing import Any

from reportgen.cli.console import Console, count
from reportgen.diagnostics import ReportError


def add_parser(commands: Any) -> argparse.ArgumentParser:
    parser = commands.add_parser("preflight", help="check a PDF the way a print shop would",
                                 description="PDF/X-4 structure (output intent, GTS_PDFXVersion, encryption, "
                                             "optional content), page boxes, colour spaces everywhere, ink limit, "
                                             "hairlines, white overprint, fonts, image resolution, printing "
                                             "annotations, the safe zone and the layout's own findings, page by page.")
    parser.add_argument("pdf", help="the PDF to check")
    parser.add_argument("--strict", action="store_true", help="fail on warnings too (for CI)")
    parser.add_argument("--safe-zone", default="0.125in",
                        help="how far inside the trim text must stay (default: 0.125in)")
    parser.add_argument("--bleed", default="3mm", help="the least bleed past the trim (default: 3mm)")
    parser.add_argument("--ink-limit", type=float, default=None, metavar="PERCENT",
                        help="the highest total ink coverage (default: from the output condition, "
                             "e.g. 300 for SWOP, 320 for GRACoL, 330 for FOGRA39)")
    parser.add_argument("--min-ppi", type=float, default=150.0, metavar="PPI",
                        help="images below this effective resolution are errors (default: 150; below 300: a warning)")
    parser.add_argument("--format", choices=("text", "json"), default="text",
                        help="json: print the findings as JSON on stdout (for CI)")
    return parser


def run(arguments: argparse.Namespace, console: Console) -> int:
    from reportgen.model.units import parse_length
    from reportgen.print.preflight import ERROR, INFO, PreflightSettings, preflight_findings

    lengths = {}
    for option in ("safe_zone", "bleed"):
        try:
            lengths[option] = parse_length(getattr(arguments, option))
        except ValueError as error:
            raise ReportError.single(f"--{option.replace('_', '-')}: {error}") from None
    if arguments.ink_limit is not None and not 0 < arguments.ink_limit <= 400:
        raise ReportError.single("--ink-limit: give a percentage between 0 and 400")
    settings = PreflightSettings(safe_zone=lengths["safe_zone"], min_bleed=lengths["bleed"],
                                 ink_limit=arguments.ink_limit, error_ppi=arguments.min_ppi)
    findings = preflight_findings(arguments.pdf, settings)
    errors = [f for f in findings if f.severity == ERROR]
    warnings = [f for f in findings if f.severity not in (ERROR, INFO)]
    failed = bool(errors) or (arguments.strict and bool(warnings))
    if arguments.format == "json":
        print(json.dumps({"file": arguments.pdf, "passed": not failed, "errors": len(errors),
                          "warnings": len(warnings), "findings": [f.as_dict() for f in findings]}, indent=2))
        return 1 if failed else 0
    console.diagnostics([f.diagnostic(arguments.pdf, with_rule=True) for f in findings if f.severity != INFO])
    for note in (f for f in findings if f.severity == INFO):
        console.result(f"{arguments.pdf}: note: {note.text} [{note.rule}]")
    verdict = "fails preflight" if failed else "passes preflight"
    console.result(f"{arguments.pdf}: {verdict}: {count(len(errors), 'error')}, {count(len(warnings), 'warning')}")
    return 1 if failed else 0
