"""Validation: a `SpecDocument` in, a frozen `Report` out, or every problem at once as diagnostics."""

from __future__ import annotations

import math
import re
from typing import Iterable

from reportgen.diagnostics import Diagnostic, ReportError, Severity, SpecPath
from reportgen.model.base import ModelError, Problem
from reportgen.model.figures import PERCENT_TOLERANCE, largest_remainder, pie_shares
from reportgen.model.report import Financials, Pillar, Report
from reportgen.model.walk import iter_images
from reportgen.spec import SpecDocument

FOOTER_FIELDS = ("page", "title", "subtitle", "organization", "year")


def validate(document: SpecDocument, *, allow_outside: bool = False) -> tuple[Report, list[Diagnostic]]:
    """Validate the document. Returns the report and its warnings; raises ReportError on errors."""
    context = {"base_dir": document.base_dir, "allow_outside": allow_outside}
    try:
        report = Report.from_data(document.data, context=context)
    except ModelError as error:
        raise ReportError(_ordered(_diagnostic(problem, document) for problem in error.problems)) from None
    problems = [document.locate(d) for d in check_report(report) + _comments_as_values(document)]
    errors = [d for d in problems if d.severity is Severity.ERROR]
    if errors:
        raise ReportError(_ordered(errors))
    return report, [d for d in problems if d.severity is Severity.WARNING]


def _ordered(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    unique = list(dict.fromkeys(diagnostics))
    return sorted(unique, key=lambda d: (d.line or 0, d.column or 0))


def _diagnostic(problem: Problem, document: SpecDocument) -> Diagnostic:
    """A model problem as a located diagnostic; list lengths get the report's own words."""
    message, hint = problem.message, problem.hint
    comment = document.source.comments.get(tuple(problem.path)) if problem.code == "empty" else None
    if comment is not None:  # `primary: #1B2F5B`: the value became a comment
        if _looks_like_a_value(comment):
            return document.locate(_comment_diagnostic(problem.path, comment))
        message = "is empty (what follows it is a YAML comment)"
        hint = (hint or "give a value").replace("give a value", "give a value before the comment", 1)
        return document.locate(Diagnostic(message, problem.path, hint))
    if problem.code in ("too_short", "too_long"):
        count = problem.count
        noun = "slice" if problem.path[-1:] == ("slices",) else "item"
        message = f"has {count} {noun}{'' if count == 1 else 's'}"
        hint = _length_bound(problem.path, too_long=problem.code == "too_long")
    return document.locate(Diagnostic(message, problem.path, hint), key=problem.at_key)


def _looks_like_a_value(comment: str) -> bool:
    return bool(comment[1:2].strip())  # `#1B2F5B`, not `# a note`


def _comment_diagnostic(path: SpecPath, comment: str, severity: Severity = Severity.ERROR) -> Diagnostic:
    return Diagnostic(f"is empty: `#` starts a YAML comment, so `{comment}` is not read as the value", path,
                      f'quote it: "{comment}"', severity=severity)


def _comments_as_values(document: SpecDocument) -> list[Diagnostic]:
    """An optional field left empty by `color: #00A3AD` builds with the default; that is never what was meant."""
    return [_comment_diagnostic(path, comment, Severity.WARNING)
            for path, comment in document.source.comments.items() if _looks_like_a_value(comment)]


def _length_bound(loc: SpecPath, too_long: bool = False) -> str:
    name = str(loc[-1]) if loc else ""
    return {"slices": "a pie has 2 to 12 slices" + ("; combine the smallest into one 'Other' slice" if too_long else ""),
            "sections": "the report needs at least one section",
            "cards": "a cards section needs at least one card"}.get(name, "check the number of items")


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
