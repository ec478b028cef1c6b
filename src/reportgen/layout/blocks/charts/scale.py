"""A chart's value axis: the values' range in, "nice" ticks (1, 2 or 5 times a power of ten) and the mapping to points out."""

from __future__ import annotations

import math
from dataclasses import dataclass

NICE_STEPS = (1.0, 2.0, 5.0, 10.0)
TICKS = 5  # about as many intervals as an axis is given


def nice_step(span: float, intervals: int = TICKS) -> float:
    """The smallest 1, 2 or 5 x 10^n step that covers `span` in at most `intervals` steps."""
    if span <= 0 or not math.isfinite(span):
        return 1.0
    raw = span / intervals
    power = 10.0 ** math.floor(math.log10(raw))
    for factor in NICE_STEPS:
        if factor * power >= raw * (1 - 1e-9):
            return factor * power
    return 10.0 * power


def _decimals(step: float) -> int:
    """The decimals a tick of `step` needs (0.25 is never a step; 0.2 needs 1, 5 needs 0)."""
    return max(0, -math.floor(math.log10(step) + 1e-9))


@dataclass(frozen=True)
class Scale:
    """Ticks from `low` to `high` every `step`; `position(value)` maps a value to 0..1 along the axis."""

    low: float
    high: float
    step: float

    @property
    def ticks(self) -> list[float]:
        count = round((self.high - self.low) / self.step)
        digits = _decimals(self.step)
        return [round(self.low + index * self.step, digits) + 0.0 for index in range(count + 1)]  # + 0.0: no -0

    def position(self, value: float) -> float:
        return (value - self.low) / (self.high - self.low)


def nice_scale(values: list[float], zero: bool = True, intervals: int = TICKS) -> Scale:
    """The axis for `values`: from a tick at or below the least to a tick at or above the greatest, zero
    among them when `zero` (bars and columns grow from a zero baseline); a line chart's axis hugs its values."""
    low, high = min(values), max(values)
    if zero:
        low, high = min(low, 0.0), max(high, 0.0)
    if high == low:  # one value (or all equal): a step around it
        pad = abs(high) or 1.0
        low, high = (low - pad, high + pad) if not zero else (min(low, 0.0), max(high, 0.0) or 1.0)
        if high == low:
            high = low + 1.0
    step = nice_step(high - low, intervals)
    bottom = math.floor(low / step + 1e-9) * step
    top = math.ceil(high / step - 1e-9) * step
    if top - bottom < step:
        top = bottom + step
    return Scale(bottom, top, step)
