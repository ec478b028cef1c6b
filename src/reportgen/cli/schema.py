"""`reportgen schema [-o FILE]`: the model in, the JSON Schema of report.yaml out (stdout or a file)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from reportgen.cli.console import Console
from reportgen.diagnostics import ReportError
from reportgen.output import JSON, STDOUT, Staging


def add_parser(commands: Any) -> argparse.ArgumentParser:
    parser = commands.add_parser("schema", help="print the JSON Schema of the spec (for editors)",
                                 description="Print the JSON Schema of report.yaml, generated from the model. "
                                             "Point your editor at it with "
                                             "`# yaml-language-server: $schema=PATH` on the spec's first line.")
    parser.add_argument("-o", "--output", help="write the schema to this file instead of stdout (- is stdout); "
                                               "an existing file is replaced only if it is JSON")
    return parser


def run(arguments: argparse.Namespace, console: Console) -> int:
    from reportgen.model.reference import json_schema_text

    text = json_schema_text()
    if arguments.output in (None, STDOUT):
        print(text, end="")
        return 0
    path = Path(arguments.output)
    try:
        with Staging(path, magic=JSON) as staging:
            with staging.writing():
                staging.path.write_text(text, encoding="utf-8")
            staging.commit()
    except ReportError as error:  # no spec to point at: the command itself
        raise ReportError([d.located("reportgen schema", None, None) for d in error.diagnostics]) from None
    console.result(f"{path}: JSON Schema written")
    return 0
