#!/usr/bin/env python3
"""Regenerate the field tables of docs/spec.md (the `<!-- fields Model -->` blocks) from the model.

Usage: python scripts/update_spec_reference.py [--check]
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reportgen.model.reference import update_tables

SPEC_DOC = Path(__file__).resolve().parent.parent / "docs" / "spec.md"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if docs/spec.md is out of date")
    arguments = parser.parse_args(argv)
    current = SPEC_DOC.read_text(encoding="utf-8")
    updated = update_tables(current)
    if arguments.check:
        return 0 if updated == current else 1
    if updated != current:
        SPEC_DOC.write_text(updated, encoding="utf-8")
        print(f"updated {SPEC_DOC}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
