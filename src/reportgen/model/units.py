"""Lengths: '0.75in', '19mm', '2cm', '12pt' or a bare number (points) in, points out."""

from __future__ import annotations

import math
import re

POINTS_PER_UNIT = {"pt": 1.0, "in": 72.0, "mm": 72.0 / 25.4, "cm": 72.0 / 2.54, "pc": 12.0, "px": 0.75}
_LENGTH = re.compile(r"^\s*(-?\d+(?:\.\d+)?|-?\.\d+)\s*([a-z]*)\s*$")

PAGE_SIZES = {
    "letter": (612.0, 792.0),
    "legal": (612.0, 1008.0),
    "tabloid": (792.0, 1224.0),
    "a3": (841.89, 1190.55),
    "a4": (595.28, 841.89),
    "a5": (419.53, 595.28),
}


def parse_length(value: object) -> float:
    """Return `value` in points; raise ValueError with a readable message."""
    if isinstance(value, bool):
        raise ValueError(f"expected a length such as 0.75in or 19mm, got {value!r}")
    if isinstance(value, (int, float)):
        if not math.isfinite(value) or abs(value) > 1e6:
            raise ValueError(f"expected a length such as 0.75in or 19mm, got {value!r}")
        return float(value)
    if not isinstance(value, str):
        raise ValueError(f"expected a length such as 0.75in or 19mm, got {type(value).__name__}")
    match = _LENGTH.match(value.lower())
    if not match:
        raise ValueError(f"expected a length such as 0.75in, 19mm, 2cm or 12pt, got {value!r}")
    number, unit = match.groups()
    if unit == "":
        unit = "pt"
    if unit not in POINTS_PER_UNIT:
        raise ValueError(f"unknown unit {unit!r} in {value!r}; use one of " + ", ".join(POINTS_PER_UNIT))
    return float(number) * POINTS_PER_UNIT[unit]


def parse_page_size(value: object) -> tuple[float, float]:
    """'letter', 'a4', or [width, height] with units; returns (width, height) in points."""
    if isinstance(value, str):
        key = value.strip().lower().replace("-", "").replace(" ", "")
        if key in PAGE_SIZES:
            return PAGE_SIZES[key]
        raise ValueError(f"unknown page size {value!r}; use one of {', '.join(PAGE_SIZES)} or [width, height]")
    if isinstance(value, (list, tuple)) and len(value) == 2:
        width, height = (parse_length(item) for item in value)
        if not (72 <= width <= 14400 and 72 <= height <= 14400):
            raise ValueError("page width and height must each be between 1in and 200in")
        return (width, height)
    raise ValueError(f"expected letter, a4 or [width, height], got {value!r}")
