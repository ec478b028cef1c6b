#!/usr/bin/env python3
"""Regenerate the field tables of docs/spec.md (the `<!-- fields Model -->` blocks) from the model, and its
copy in the package (src/reportgen/cli/template/spec.md, which `reportgen init` writes beside a new report).

Usage: python scripts/update_spec_reference.py [--check]
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reportgen.model.reference import update_tables

ROOT = Path(__file__).resolve().parent.parent
SPEC_DOC = ROOT / "docs" / "spec.md"
PACKAGED = ROOT / "src" / "reportgen" / "cli" / "template" / "spec.md"  # what `init` writes: the same text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="exit 1 if docs/spec.md or its copy in the package is out of date")
    arguments = parser.parse_args(argv)
    current = SPEC_DOC.read_text(encoding="utf-8")
    updated = update_tables(current)
    packaged = PACKAGED.read_text(encoding="utf-8") if PACKAGED.is_file() else None
    if arguments.check:
        return 0 if updated == current == packaged else 1
    for path, text in ((SPEC_DOC, current), (PACKAGED, packaged)):
        if updated != text:
            path.write_text(updated, encoding="utf-8")
            print(f"updated {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
