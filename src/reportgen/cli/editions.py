"""`reportgen editions merge MANIFEST_OR_FOLDER ...`: the shards' manifests in (a folder: every
editions-K-of-N.json in it), a verdict out: exit 0 when they cover every row exactly once with no failed
edition (and, with -o, the merged editions.json written), 1 with every problem listed."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from reportgen.cli.console import Console


def add_parser(commands: Any) -> argparse.ArgumentParser:
    parser = commands.add_parser("editions", help="work with the editions of a data-bound template",
                                 description="Work with the editions a spec with `editions:` builds.")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", parser_class=type(parser))
    actions.required = True
    merge = actions.add_parser("merge", help="check that the shards' manifests cover every edition exactly once",
                               description="Check that the manifests (editions-K-of-N.json) of every shard of "
                                           "one `reportgen build --shard K/N` run cover every row exactly once, "
                                           "with no failed edition.")
    merge.add_argument("manifests", nargs="+", metavar="MANIFEST_OR_FOLDER",
                       help="manifest files, or folders whose editions-*-of-*.json are all read")
    merge.add_argument("-o", "--output", help="write the merged manifest here (e.g. build/editions.json)")
    for action in (merge,):
        action.add_argument("-q", "--quiet", action="store_true", default=argparse.SUPPRESS, help="print errors only")
        action.add_argument("-v", "--verbose", action="store_true", default=argparse.SUPPRESS,
                            help="print more detail")
    return parser


def run(arguments: argparse.Namespace, console: Console) -> int:
    from reportgen import editions

    paths = editions.manifest_paths(arguments.manifests)  # a ReportError: listed by main, exit 1
    merged = editions.merge_manifests(paths)
    if arguments.output:
        editions.write_atomically(Path(arguments.output), editions.dump_manifest(merged))
        console.detail(f"wrote {arguments.output}")
    pages = sum(entry.get("pages") or 0 for entry in merged["editions"])
    console.result(f"{len(paths)} manifest{'' if len(paths) == 1 else 's'} of {merged['shards']} "
                   f"shard{'' if merged['shards'] == 1 else 's'}: all {merged['rows']:,} editions built once "
                   f"({pages:,} pages)")
    return 0
