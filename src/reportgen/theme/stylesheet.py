"""The layered stylesheet: the shipped stylesheet.yaml, the spec's theme.text and theme.styles in; each element's
resolved properties (points, font roles, colours as the model gives them) out.

Layers, most general first: the shipped file; theme.text (body size, leading, alignment, hyphenation; the size
also scales every element with `scale_with_text`); theme.styles, per element, used as given. A text element
takes body's value for a property it does not set (styles.py builds it on body's ParagraphStyle).
"""

from __future__ import annotations

import math
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from reportgen.model.base import FrozenMap, INVALID, Problem
from reportgen.model.describe import describe_type
from reportgen.model.report import TextSettings
from reportgen.model.styles import ELEMENTS, Spacing, StyleMap, StyleOverride

SHIPPED = "stylesheet.yaml"
SCALED = ("size", "leading", "indent", "bullet_indent", "min_size")  # with scale_with_text (spacing in pt too)
ON_GRID = 1e-6  # a leading within this of the grid's step is on the grid


def whole_steps(height: float, step: float, nearest: bool = False) -> float:
    """`height` rounded up (or to the nearest) to whole steps of the baseline grid; a step of 0: as it is.
    The one place the grid rounds: text spacing here, blocks in columns in layout/grid.py."""
    if step <= 0:
        return height
    steps = height / step
    return step * (round(steps) if nearest else math.ceil(steps - ON_GRID))


def load_stylesheet(text: str) -> FrozenMap:
    """A stylesheet's YAML checked as theme.styles is; a ValueError listing every problem."""
    problems: list[Problem] = []
    # libyaml's loader when PyYAML has it (the same data, read ~7x faster: 8 ms of every build, not 53)
    sheet = describe_type(StyleMap).check()(yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)),
                                            (), problems, None)
    if problems:
        raise ValueError("the stylesheet is invalid:\n" + "\n".join(str(problem) for problem in problems))
    assert sheet is not INVALID
    return sheet


@lru_cache(maxsize=1)
def shipped() -> FrozenMap:
    """The stylesheet shipped with reportgen (read once; it is constant data)."""
    return load_stylesheet(resources.files("reportgen.theme").joinpath(SHIPPED).read_text(encoding="utf-8"))


def _set(override: StyleOverride | None) -> dict[str, Any]:
    return {} if override is None else {name: getattr(override, name) for name in StyleOverride.fields
                                        if getattr(override, name) is not None}


def resolve(text: TextSettings, overrides: FrozenMap | None = None) -> dict[str, dict[str, Any]]:
    """Every element's properties after the three layers; spacing in points (lines resolved)."""
    sheet, overrides = shipped(), overrides or FrozenMap()
    body_design = sheet["body"].size
    scale = text.size / body_design
    resolved: dict[str, dict[str, Any]] = {}
    body_leading = overrides["body"].leading if "body" in overrides and overrides["body"].leading else text.leading
    for name in ELEMENTS:
        values = _set(sheet.get(name))
        if name == "body":
            values.update(size=text.size, leading=text.leading, alignment="justify" if text.justify else "left",
                          hyphenation=text.hyphenate)
        elif values.get("scale_with_text", sheet["body"].scale_with_text) and "font" in ELEMENTS[name].properties:
            for prop, value in values.items():
                if prop in SCALED:
                    values[prop] = value * scale
                elif isinstance(value, Spacing) and not value.lines:
                    values[prop] = Spacing(value.amount * scale)
        values.update(_set(overrides.get(name)))  # the spec's, most specific, as given
        for prop, value in values.items():
            if isinstance(value, Spacing):
                values[prop] = value.points(body_leading)
        resolved[name] = values
    step = resolved["grid"].get("step", 0.0)
    for name, values in resolved.items():  # text on the grid's leading is spaced in whole steps
        if "font" in ELEMENTS[name].properties and abs(values.get("leading", body_leading) - step) < ON_GRID:
            for prop in ("space_before", "space_after"):
                if prop in values:
                    values[prop] = whole_steps(values[prop], step, nearest=True)
    return resolved


__all__ = ["load_stylesheet", "resolve", "shipped", "whole_steps"]
