"""`reportgen schema [-o FILE]`: the model in, the JSON Schema of report.yaml out (stdout or a file)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from reportgen.cli.console import Console


def add_parser(commands: Any) -> argparse.ArgumentParser:
    parser = commands.add_parser("schema", help="print the JSON Schema of the spec (for editors)",
                                 description="Print the JSON Schema of report.yaml, generated from the model. "
                                             "Point your editor at it with "
                                             "`# yaml-language-server: $schema=PATH` on the spec's first line.")
    parser.add_argument("-o", "--output", help="write the schema to this file instead of stdout")
    return parser


def run(arguments: argparse.Namespace, console: Console) -> int:
    from reportgen.model.reference import json_schema_text

    text = json_schema_text()
    if arguments.output is None:
        print(text, end="")
        return 0
    path = Path(arguments.output)
    path.parent.mkdir(parents=True, exist_ok=True)
    staging = path.with_name(f".{path.name}.staging")
    staging.write_text(text, encoding="utf-8")
    staging.replace(path)
    console.result(f"{path}: JSON Schema written")
    return 0
