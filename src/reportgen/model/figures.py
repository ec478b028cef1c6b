"""Pie arithmetic: slice amounts in, shares, angles and printed percentages out."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Sequence

PERCENT_TOLERANCE = 1.0


@dataclass(frozen=True)
class Share:
    fraction: float          # of the whole, 0..1
    degrees: float           # sweep of the slice
    computed_percent: float  # exact, unrounded
    printed_percent: int     # what the legend prints


def largest_remainder(values: Sequence[float], total: int = 100) -> list[int]:
    """Round `values` (which add up to `total`) to integers that still add up to `total`."""
    floors = [math.floor(v) for v in values]
    missing = total - sum(floors)
    order = sorted(range(len(values)), key=lambda i: (-(values[i] - floors[i]), i))
    for index in order[:max(missing, 0)]:
        floors[index] += 1
    return floors


def pie_shares(amounts: Sequence[float], stated: Sequence[float | None]) -> list[Share]:
    """Shares of each amount; a stated percent is printed as given, the rest are rounded
    by largest remainder so the printed figures add up to 100."""
    whole = sum(amounts)
    exact = [100.0 * amount / whole for amount in amounts]
    rounded = largest_remainder(exact)
    printed = [round(s) if s is not None else r for s, r in zip(stated, rounded)]
    return [Share(a / whole, 360.0 * a / whole, e, p) for a, e, p in zip(amounts, exact, printed)]
