"""Validation: a `SpecDocument` in, a frozen `Report` out, or every problem at once as diagnostics."""

from __future__ import annotations

import difflib
import math
import re
import types
import typing
from typing import Any, Iterable, Union

from pydantic import BaseModel, ValidationError

from reportgen.diagnostics import Diagnostic, ReportError, Severity, SpecPath
from reportgen.model.figures import PERCENT_TOLERANCE, largest_remainder, pie_shares
from reportgen.model.report import SECTION_TYPES, Financials, Pillar, Report
from reportgen.model.walk import iter_images
from reportgen.spec import SpecDocument

FOOTER_FIELDS = ("page", "title", "subtitle", "organization", "year")


def validate(document: SpecDocument, *, allow_outside: bool = False) -> tuple[Report, list[Diagnostic]]:
    """Validate the document. Returns the report and its warnings; raises ReportError on errors."""
    context = {"base_dir": document.base_dir, "allow_outside": allow_outside}
    try:
        report = Report.model_validate(document.data, context=context)
    except ValidationError as error:
        items = error.errors()
        item_paths = [_data_path(item["loc"], document.data) for item in items]
        diagnostics = [
            _diagnostic(item, document) for item, path in zip(items, item_paths)
            # pydantic also calls a list "too short" when its items failed; report the items only
            if not (item["type"] == "too_short" and any(p[:len(path)] == path and p != path for p in item_paths))
        ]
        raise ReportError(_ordered(diagnostics)) from None
    problems = [document.locate(d) for d in check_report(report)]
    errors = [d for d in problems if d.severity is Severity.ERROR]
    if errors:
        raise ReportError(_ordered(errors))
    return report, [d for d in problems if d.severity is Severity.WARNING]


def _ordered(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    unique = list(dict.fromkeys(diagnostics))
    return sorted(unique, key=lambda d: (d.line or 0, d.column or 0))


# ---------------------------------------------------------------- pydantic errors to diagnostics

_MESSAGES = {
    "string_type": "expected text",
    "int_type": "expected a whole number",
    "int_parsing": "expected a whole number",
    "int_from_float": "expected a whole number",
    "float_type": "expected a number",
    "float_parsing": "expected a number",
    "finite_number": "expected a finite number",
    "bool_type": "expected true or false",
    "bool_parsing": "expected true or false",
    "list_type": "expected a list",
    "tuple_type": "expected a list",
    "model_type": "expected a mapping of keys to values",
    "model_attributes_type": "expected a mapping of keys to values",
    "dict_type": "expected a mapping of keys to values",
}


def _diagnostic(error: Any, document: SpecDocument) -> Diagnostic:
    loc = _data_path(error["loc"], document.data)
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    if kind == "extra_forbidden":
        key = str(loc[-1])
        allowed = sorted(_fields_at(Report, loc[:-1], document.data))
        return document.locate(Diagnostic(f"unknown key {key!r}", loc, _did_you_mean(key, allowed)), key=True)
    if kind == "missing":
        field = str(loc[-1])
        return document.locate(Diagnostic(f"missing required field {field!r}", loc[:-1],
                                          f"add `{field}:` here"), key=True)
    if kind == "union_tag_invalid":
        tag = ctx.get("tag", value)
        return document.locate(Diagnostic(f"unknown section type {tag!r}", loc + ("type",),
                                          _did_you_mean(str(tag), list(SECTION_TYPES))))
    if kind == "union_tag_not_found":
        return document.locate(Diagnostic("the section has no `type`", loc,
                                          "add `type:` with one of " + ", ".join(SECTION_TYPES)), key=True)
    if kind == "spec":
        return document.locate(Diagnostic(ctx["message"], loc, ctx.get("hint")))
    if kind == "literal_error":
        return document.locate(Diagnostic(f"{value!r} is not allowed", loc, f"expected {ctx.get('expected')}"))
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        limit = next(iter(ctx.values()))
        words = {"greater_than": "greater than", "greater_than_equal": "at least",
                 "less_than": "less than", "less_than_equal": "at most"}[kind]
        return document.locate(Diagnostic(f"must be {words} {limit}, got {value!r}", loc))
    if kind in ("too_short", "too_long"):
        count = ctx.get("actual_length")
        noun = "slice" if loc and loc[-1] == "slices" else "item"
        return document.locate(Diagnostic(f"has {count} {noun}{'' if count == 1 else 's'}", loc,
                                          _length_bound(loc, too_long=kind == "too_long")))
    message = _MESSAGES.get(kind)
    if message:
        return document.locate(Diagnostic(f"{message}, got {_describe(value)}", loc))
    return document.locate(Diagnostic(error["msg"], loc))


def _length_bound(loc: SpecPath, too_long: bool = False) -> str:
    name = str(loc[-1]) if loc else ""
    return {"slices": "a pie has 2 to 12 slices" + ("; combine the smallest into one 'Other' slice" if too_long else ""),
            "sections": "the report needs at least one section",
            "cards": "a cards section needs at least one card"}.get(name, "check the number of items")


def _describe(value: object) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = repr(value)
    return text if len(text) < 60 else text[:57] + "..."


def _data_path(loc: tuple[Any, ...], data: Any) -> SpecPath:
    """Drop the discriminator tags pydantic inserts into locations of tagged unions."""
    path: list[str | int] = []
    node = data
    tag_dropped = False
    for part in loc:
        # the tag follows a list index; it may equal a field's name (a `cards` section has `cards`)
        if isinstance(node, dict) and isinstance(part, str) and node.get("type") == part and not tag_dropped and (
                part not in node or (path and isinstance(path[-1], int))):
            tag_dropped = True
            continue
        tag_dropped = False
        path.append(part)
        if isinstance(node, dict):
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        else:
            node = None
    return tuple(path)


def _did_you_mean(word: str, choices: list[str]) -> str | None:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    if close:
        return f"did you mean {close[0]!r}?"
    if choices:
        return "expected one of " + ", ".join(choices)
    return None


def _fields_at(model: Any, path: SpecPath, data: Any) -> list[str]:
    """Names of the fields of the model found at `path` (walking lists, optionals and sections)."""
    annotation: Any = model
    node = data
    for part in path:
        annotation = _model_of(annotation, node)
        if isinstance(part, int):
            node = node[part] if isinstance(node, list) and part < len(node) else None
            annotation = _item_type(annotation)
        elif isinstance(annotation, type) and issubclass(annotation, BaseModel) and part in annotation.model_fields:
            annotation = annotation.model_fields[part].annotation
            node = node.get(part) if isinstance(node, dict) else None
        else:
            return []
    annotation = _model_of(annotation, node)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return list(annotation.model_fields)
    return []


def _item_type(annotation: Any) -> Any:
    for arg in typing.get_args(_unwrap(annotation)):
        if arg is not Ellipsis:
            return arg
    return None


def _unwrap(annotation: Any) -> Any:
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    return annotation


def _model_of(annotation: Any, node: Any) -> Any:
    annotation = _unwrap(annotation)
    if typing.get_origin(annotation) in (Union, types.UnionType):
        members = [_unwrap(a) for a in typing.get_args(annotation) if a is not type(None)]
        tag = node.get("type") if isinstance(node, dict) else None
        for member in members:
            if isinstance(member, type) and issubclass(member, BaseModel):
                field = member.model_fields.get("type")
                if tag is None or (field and tag in typing.get_args(field.annotation)):
                    return member
        return members[0] if members else annotation
    return annotation


# ---------------------------------------------------------------- checks across fields

def check_report(report: Report) -> list[Diagnostic]:
    """Problems no single field can see: duplicates, sums, placeholders."""
    problems: list[Diagnostic] = []
    problems += _check_footer(report)
    problems += _check_page(report)
    seen: dict[int, int] = {}
    for index, section in enumerate(report.sections):
        path: SpecPath = ("sections", index)
        if isinstance(section, Pillar):
            if section.number in seen:
                problems.append(Diagnostic(
                    f"pillar number {section.number} is already used by sections[{seen[section.number]}]",
                    path + ("number",), "give each pillar its own number"))
            seen.setdefault(section.number, index)
        if isinstance(section, Financials) and section.pie is not None:
            problems += _check_pie(section, path + ("pie",))
    kinds = [s.type for s in report.sections]
    for kind in ("cover", "contents", "back_cover"):
        if kinds.count(kind) > 1:
            index = [i for i, k in enumerate(kinds) if k == kind][1]
            problems.append(Diagnostic(f"a report has one {kind} section", ("sections", index, "type")))
    ids: dict[str, int] = {}
    for index, section in enumerate(report.sections):
        if section.id is not None:
            if not re.fullmatch(r"[A-Za-z][\w-]*", section.id):
                problems.append(Diagnostic(f"id {section.id!r} is not a valid anchor name", ("sections", index, "id"),
                                           "use letters, digits, - and _, starting with a letter"))
            if section.id in ids:
                problems.append(Diagnostic(f"id {section.id!r} is already used by sections[{ids[section.id]}]",
                                           ("sections", index, "id")))
            ids.setdefault(section.id, index)
    problems += _check_alt_text(report)
    return problems


MIN_CONTENT = 72.0  # the text area keeps at least an inch each way


def _check_page(report: Report) -> list[Diagnostic]:
    page, problems = report.page, []
    margins = page.margins
    for path, value in ((("page", "margins", "top"), margins.top), (("page", "margins", "bottom"), margins.bottom),
                        (("page", "margins", "inside"), margins.inside),
                        (("page", "margins", "outside"), margins.outside),
                        (("page", "bleed"), page.bleed), (("page", "safe_zone"), page.safe_zone)):
        if value < 0:
            problems.append(Diagnostic(f"must not be negative, got {value:g} pt", path))
    width, height = page.size
    if width - margins.inside - margins.outside < MIN_CONTENT:
        problems.append(Diagnostic(
            f"the inside and outside margins leave {width - margins.inside - margins.outside:.0f} pt of a "
            f"{width:.0f} pt wide page for text", ("page", "margins"), "leave at least 1in between the margins"))
    if height - margins.top - margins.bottom < MIN_CONTENT:
        problems.append(Diagnostic(
            f"the top and bottom margins leave {height - margins.top - margins.bottom:.0f} pt of a "
            f"{height:.0f} pt tall page for text", ("page", "margins"), "leave at least 1in between the margins"))
    return problems


def _check_alt_text(report: Report) -> list[Diagnostic]:
    """An image without `alt` is unreadable to a screen reader; it is drawn as decoration."""
    return [Diagnostic(f"image {image.file.name} has no alt text; screen readers will skip it", path + ("alt",),
                       'describe it in `alt`, or write `alt: ""` if it is only decoration', severity=Severity.WARNING)
            for path, image in iter_images(report.sections, ("sections",)) if image.alt is None]


def _check_footer(report: Report) -> list[Diagnostic]:
    problems = []
    for side in ("even", "odd"):
        text = getattr(report.footer, side)
        names = re.findall(r"\{([^{}]*)\}", text)
        for name in names:
            if name not in FOOTER_FIELDS:
                problems.append(Diagnostic(f"unknown placeholder {{{name}}}", ("footer", side),
                                           "use " + ", ".join("{" + f + "}" for f in FOOTER_FIELDS)))
        if all(name in FOOTER_FIELDS for name in names):
            try:
                text.format_map({field: "" for field in FOOTER_FIELDS})
            except (ValueError, IndexError, KeyError):
                problems.append(Diagnostic(f"unbalanced {{ or }} in {text!r}", ("footer", side),
                                           "placeholders look like {page}; write {{ or }} for a literal brace"))
    return problems


def _check_pie(section: Financials, path: SpecPath) -> list[Diagnostic]:
    assert section.pie is not None
    slices = section.pie.slices
    if not math.isfinite(sum(s.amount for s in slices)):
        return [Diagnostic("the slice amounts are too large to add up", path + ("slices",),
                           "give the amounts in a larger unit, e.g. millions")]
    shares = pie_shares([s.amount for s in slices], [s.percent for s in slices])
    rounded = largest_remainder([share.computed_percent for share in shares])
    problems = []
    for index, (slice_, share) in enumerate(zip(slices, shares)):
        if slice_.percent is not None and abs(slice_.percent - share.computed_percent) > PERCENT_TOLERANCE:
            problems.append(Diagnostic(
                f"slice {slice_.label!r} states {slice_.percent:g}% but its amount is {share.computed_percent:.1f}% of the total",
                path + ("slices", index, "percent"),
                f"state {round(share.computed_percent)} or remove `percent` to print the computed figure"))
        elif slice_.percent is not None and round(slice_.percent) not in (rounded[index], round(share.computed_percent)):
            # within tolerance, but neither the plain rounding nor the one that adds up to 100
            problems.append(Diagnostic(
                f"slice {slice_.label!r} states {slice_.percent:g}% but its amount gives {rounded[index]}% "
                f"({share.computed_percent:.1f}%)", path + ("slices", index, "percent"),
                f"state {rounded[index]}: the shares rounded so the printed figures add up to 100",
                severity=Severity.WARNING))
    stated = [s.percent for s in slices]
    if not any(p.severity is Severity.ERROR for p in problems) and all(p is not None for p in stated) and round(sum(stated)) != 100:  # type: ignore[arg-type]
        problems.append(Diagnostic(
            f"the stated percentages add up to {sum(stated):g}, not 100", path + ("slices",),  # type: ignore[arg-type]
            "adjust the rounding so the printed figures add up to 100"))
    return problems
