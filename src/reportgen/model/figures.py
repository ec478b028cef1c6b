"""Pie arithmetic: slice amounts in, shares, angles and printed percentages out."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Sequence

PERCENT_TOLERANCE = 1.0
_EPSILON = 1e-9  # float slack when a figure sits exactly one point from its share


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


def within_tolerance(figure: float, exact: float) -> bool:
    """Whether a printed figure is a percentage within a point of its exact share."""
    return 0 <= figure <= 100 and abs(figure - exact) <= PERCENT_TOLERANCE + _EPSILON


def _stretch(figures: list[int], exact: Sequence[float], movable: Sequence[int], total: int) -> None:
    """Move `movable` figures one point at a time towards `total`, each staying within a point of its
    share; the move that leaves a figure nearest its share goes first. Stops when none can move."""
    while (difference := total - sum(figures)) != 0:
        step = 1 if difference > 0 else -1
        candidates = [i for i in movable if within_tolerance(figures[i] + step, exact[i])]
        if not candidates:
            return
        best = min(candidates, key=lambda i: (abs(figures[i] + step - exact[i]), i))
        figures[best] += step


def _allocate(exact: Sequence[float], fixed: dict[int, int], total: int = 100) -> list[int]:
    """Fixed figures as given; the others share what is left of `total` by largest remainder,
    stretched (each within a point of its share) when that is not enough. Best effort: the sum
    is `total` whenever the free figures can make it so."""
    figures = [fixed.get(i, math.floor(e)) for i, e in enumerate(exact)]
    free = [i for i in range(len(exact)) if i not in fixed]
    missing = total - sum(figures)
    order = sorted(free, key=lambda i: (-(exact[i] - figures[i]), i))
    for index in order[:min(max(missing, 0), len(free))]:
        figures[index] += 1
    _stretch(figures, exact, free, total)
    return figures


def printed_percents(exact: Sequence[float], stated: Sequence[float | None]) -> list[int]:
    """The legend's figures: a stated percent as given (to the whole number); the rest share what is
    left of 100, each within a point of its share (as near 100 as that allows)."""
    return _allocate(exact, {i: round(s) for i, s in enumerate(stated) if s is not None})


def fitted_percents(exact: Sequence[float], stated: Sequence[float | None]) -> list[int]:
    """Figures to suggest: they add up to 100, each is within a point of its share, and they keep
    as many of the stated figures (those within tolerance) as that allows."""
    kept = {i: round(s) for i, s in enumerate(stated) if s is not None and within_tolerance(round(s), exact[i])}
    figures = _allocate(exact, kept)
    _stretch(figures, exact, sorted(kept), 100)  # only when the free figures could not make up the sum
    return figures


def pie_shares(amounts: Sequence[float], stated: Sequence[float | None]) -> list[Share]:
    """Shares of each amount; a stated percent is printed as given, the rest are rounded
    by largest remainder so the printed figures add up to 100 (see `printed_percents`)."""
    largest = max(amounts)
    parts = [amount / largest for amount in amounts]  # each in 0..1: no sum or product of amounts overflows
    whole = sum(parts)
    fractions = [part / whole for part in parts]
    exact = [100.0 * fraction for fraction in fractions]
    printed = printed_percents(exact, stated)
    return [Share(f, 360.0 * f, e, p) for f, e, p in zip(fractions, exact, printed)]
