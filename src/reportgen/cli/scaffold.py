"""`reportgen init DIR`: a folder in, a new report out (spec, its reference, schema, fonts, placeholder photos).

The spec uses every section type and builds at once. Nothing is overwritten: when any file the
scaffold would write already exists, it writes nothing and names the files in the way.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any, Callable

from reportgen.cli.console import Console, count
from reportgen.diagnostics import Diagnostic, ReportError

# file name, pixel size, mood colour, motif, accent colour (None: a light tint of the mood colour)
PHOTOS: list[tuple[str, tuple[int, int], str, str, str | None]] = [
    ("cover.jpg", (2700, 3450), "#1F4E79", "hills", "#E0A526"),
    ("portrait.jpg", (1000, 1250), "#8C8279", "portrait", None),
    ("team.jpg", (1800, 1200), "#1F4E79", "people", None),
    ("city.jpg", (1800, 1200), "#0072CE", "skyline", "#E0A526"),
    ("future.jpg", (1800, 1200), "#2E8540", "hills", "#FFF1C1"),
]
FONTS = ("OpenSans-Regular.ttf", "OpenSans-Bold.ttf", "OpenSans-Italic.ttf", "OpenSans-BoldItalic.ttf",
         "Lato-Regular.ttf", "Lato-Bold.ttf", "Lato-Black.ttf", "Lato-Light.ttf",
         "LICENSE-OpenSans.txt", "OFL-Lato.txt")


@dataclass(frozen=True)
class Planned:
    path: Path                      # relative to the new report's folder
    write: Callable[[Path], None]   # writes the file at the given absolute path


def add_parser(commands: Any) -> argparse.ArgumentParser:
    parser = commands.add_parser("init", help="start a new report in a folder",
                                 description="Write a new report (report.yaml using every section type, spec.md "
                                             "describing every field, its JSON Schema, fonts and placeholder "
                                             "photos) that builds at once. "
                                             "Existing files are never overwritten.")
    parser.add_argument("directory", metavar="DIR", help="the folder for the new report (created if missing)")
    return parser


def plan() -> list[Planned]:
    """Every file the scaffold writes, in order."""
    package = files("reportgen")
    template = (package / "cli" / "template" / "report.yaml").read_text(encoding="utf-8")
    reference = package / "cli" / "template" / "spec.md"  # docs/spec.md, kept the same by update_spec_reference
    planned = [Planned(Path("report.yaml"), lambda path: path.write_text(template, encoding="utf-8")),
               Planned(Path("spec.md"), lambda path: path.write_bytes(reference.read_bytes())),
               Planned(Path("report.schema.json"), _write_schema)]
    for name in FONTS:
        source = package / "fonts" / name
        planned.append(Planned(Path("assets/fonts") / name,
                               lambda path, source=source: path.write_bytes(source.read_bytes())))
    for name, size, colour, motif, accent in PHOTOS:
        planned.append(Planned(Path("assets/photos") / name,
                               lambda path, name=name, size=size, colour=colour, motif=motif, accent=accent:
                               _photo(path, size, colour, motif, accent, name)))
    return planned


def _write_schema(path: Path) -> None:
    from reportgen.model.reference import json_schema_text

    path.write_text(json_schema_text(), encoding="utf-8")


def _photo(path: Path, size: tuple[int, int], colour: str, motif: str, accent: str | None, name: str) -> None:
    from reportgen.cli.placeholders import make_photo

    make_photo(path, size, colour, motif, accent, name)


def scaffold(directory: Path, console: Console | None = None) -> list[Path]:
    """Write the new report into `directory`; raises ReportError (writing nothing) if a file exists."""
    planned = plan()
    existing = [item.path for item in planned if (directory / item.path).exists() or
                (directory / item.path).is_symlink()]
    if existing:
        raise ReportError([Diagnostic("already exists", file=str(directory / path)) for path in existing])
    if directory.exists() and not directory.is_dir():
        raise ReportError([Diagnostic("is a file, not a folder", file=str(directory))])
    written: list[Path] = []
    try:
        for done, item in enumerate(planned, start=1):
            if console is not None:
                console.status(f"writing {item.path} ({done} of {len(planned)})")
            target = directory / item.path
            target.parent.mkdir(parents=True, exist_ok=True)
            staging = target.with_name(f".{target.name}.staging")
            item.write(staging)
            if target.exists():  # appeared while we were writing: leave it alone
                staging.unlink()
                raise ReportError([Diagnostic("appeared while writing; left untouched", file=str(target))])
            staging.replace(target)
            written.append(target)
    finally:
        if console is not None:
            console.clear_status()
    return written


def run(arguments: argparse.Namespace, console: Console) -> int:
    directory = Path(arguments.directory)
    written = scaffold(directory, console)
    for path in written:
        console.detail(f"wrote {path}")
    spec = directory / "report.yaml"
    console.result(f"{directory}: new report ({count(len(written), 'file')}); "
                   f"build it with: reportgen build {spec} -o {directory / 'build' / 'report.pdf'}")
    return 0
