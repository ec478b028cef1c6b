#!/usr/bin/env python3
"""Generate the placeholder "photographs" of the repository's report into assets/photos/.

The drawing lives in reportgen.cli.placeholders (also used by `reportgen init`); this script lists the
repository's photos. Reruns produce byte-identical files.

Usage: python scripts/make_placeholder_photos.py [--out DIR]
"""
from __future__ import annotations

import argparse
from pathlib import Path

from reportgen.cli.placeholders import LANDSCAPE, SQUARE, Size, make_photo

# file name, pixel size, mood colour, motif, accent colour (None: a light tint of the mood colour)
PHOTOS: list[tuple[str, Size, str, str, str | None]] = [
    ("cover.jpg", (3000, 2200), "#003A70", "hills", "#F2A900"),
    ("superintendent.jpg", (1200, 1500), "#8C8279", "portrait", None),
    ("community-schools.jpg", LANDSCAPE, "#0072CE", "hills", None),
    ("gain-hse-graduation.jpg", LANDSCAPE, "#0072CE", "graduates", None),
    ("equity-wellbeing-conference.jpg", LANDSCAPE, "#00A3AD", "bokeh", None),
    ("wellness-space.jpg", LANDSCAPE, "#00A3AD", "hills", None),
    ("student-advisory-council.jpg", LANDSCAPE, "#E87722", "people", None),
    ("lgbtq-flag-raising.jpg", LANDSCAPE, "#E87722", "bokeh", "#FFE3B3"),
    ("instagram.jpg", SQUARE, "#7A4FA3", "bokeh", None),
    ("linkedin.jpg", SQUARE, "#7A4FA3", "skyline", None),
    ("schools.jpg", LANDSCAPE, "#00A3AD", "graduates", None),
    ("future.jpg", LANDSCAPE, "#2E8540", "hills", "#FFF1C1"),
    ("glance.jpg", LANDSCAPE, "#003A70", "skyline", "#F2A900"),
    ("commitment.jpg", LANDSCAPE, "#0072CE", "people", "#F2A900"),
]


def main(argv: list[str] | None = None) -> None:
    default_out = Path(__file__).resolve().parent.parent / "assets" / "photos"
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=default_out,
                        help=f"output folder (default: {default_out})")
    arguments = parser.parse_args(argv)
    arguments.out.mkdir(parents=True, exist_ok=True)
    for name, size, colour_hex, motif, accent_hex in PHOTOS:
        path = arguments.out / name
        make_photo(path, size, colour_hex, motif, accent_hex)
        print(f"wrote {path} ({size[0]}x{size[1]})")


if __name__ == "__main__":
    main()
