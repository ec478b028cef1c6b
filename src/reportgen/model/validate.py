"""Validation: a `SpecDocument` in, a frozen `Report` out, or every problem at once as diagnostics."""

from __future__ import annotations

import re
import typing
from pathlib import Path
from typing import Any, Iterable, Mapping

from reportgen.diagnostics import Diagnostic, ReportError, Severity, SpecPath, format_path
from reportgen.model.base import INVALID, REQUIRED, ModelError, Problem, compile_field, compile_type
from reportgen.model.anchors import section_keys
from reportgen.model.charts import Chart
from reportgen.model.parts import Stat, Table, section_break, table_problems
from reportgen.model.footer import parse_footer
from reportgen.model.languages import language_case_hint
from reportgen.model.icc import known_condition, profile_description
from reportgen.model.report import MAX_STATS, Report
from reportgen.model.richtext import LINK_HINT, RichText, RichTextParser
from reportgen.model.walk import iter_images, iter_languages, walk
from reportgen.sections.block import CheckContext
from reportgen.sections.registry import BLOCKS, block_of
from reportgen.spec import SpecDocument


def validate(document: SpecDocument, *, allow_outside: bool = False, cache_dir: Path | None = None,
             data_sets: Mapping[str, Any] | None = None) -> tuple[Report, list[Diagnostic]]:
    """Validate the document. Returns the report and its warnings; raises ReportError on errors (with the
    warnings found beside them, so a designer sees every problem at once). `cache_dir` is the build cache,
    where the parsed rich text is kept for the next validation (see RichTextParser); `data_sets` are the
    tables a chart's or table's `data:` may name (name -> CsvData, None for a data set that is no CSV)."""
    parser = RichTextParser(cache_dir)
    context = {"base_dir": document.base_dir, "allow_outside": allow_outside, "rich_text": parser,
               "spec_file": document.file, "data_sets": data_sets or {}}
    try:
        report = Report.from_data(document.data, context=context)
        parser.save()
    except ModelError as error:
        problems = [_diagnostic(problem, document) for problem in error.problems]
        partial = _partial_report(document.data, context)
        if partial is not None:  # every problem at once: the checks across fields see the parts that parse
            problems += [document.locate(d) for d in check_report(partial, document)]
        reported = {d.path for d in problems}
        comments = [document.locate(d) for d in _comments_as_values(document) if d.path not in reported]
        raise ReportError(_ordered(problems + comments)) from None
    problems = [document.locate(d) for d in check_report(report, document) + _comments_as_values(document)]
    if any(d.severity is Severity.ERROR for d in problems):
        raise ReportError(_ordered(problems))  # the warnings too: every problem at once
    return report, [d for d in problems if d.severity is Severity.WARNING]


def _ordered(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    unique = list(dict.fromkeys(diagnostics))
    return sorted(unique, key=lambda d: (d.line or 0, d.column or 0))


def _diagnostic(problem: Problem, document: SpecDocument) -> Diagnostic:
    """A model problem as a located diagnostic; list lengths get the report's own words."""
    message, hint = problem.message, problem.hint
    if problem.where is not None:  # inside a data file (a CSV): its own file, line and column
        return Diagnostic(message, problem.path, hint, *problem.where)
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
            "cards": "a cards section needs at least one card",
            "stats": f"a section holds at most {MAX_STATS} stats; keep the headline figures and put the rest in the text"
            }.get(name, "check the number of items")


def _partial_report(data: object, context: Any) -> Report | None:
    """The parts of a spec that parse on their own, as a report for `check_report`: a top-level part
    that does not parse takes its default (its own problems are reported already), a section that
    does not parse is a None hole, so every other section keeps its index."""
    if not isinstance(data, dict):
        return None
    values: dict[str, Any] = {}
    for name, spec in Report.fields.items():
        if name == "sections":
            continue
        value = compile_field(spec)(data[name], (name,), [], context) if name in data else INVALID
        values[name] = value if value is not INVALID else (None if spec.default is REQUIRED else spec.default)
    raw = data.get("sections")
    check = compile_type(typing.get_args(Report.fields["sections"].type)[0])
    sections = [check(item, ("sections", index), [], context) for index, item in enumerate(raw)] \
        if isinstance(raw, list) else []
    return Report(**values, sections=tuple(None if section is INVALID else section for section in sections))


# ---------------------------------------------------------------- checks across fields

def check_report(report: Report, document: SpecDocument | None = None) -> list[Diagnostic]:
    """Problems no single field can see: duplicates, sums, placeholders, links, and each block's own `check`
    (sections/<type>.py), called for its sections in order. With the document,
    problems inside a string (a link, a footer's brace) are located there rather than at the string.
    The report may be partial (see `_partial_report`): parts that did not parse are None and are skipped."""
    # a partial report's anchors are unknown: its links to sections are not judged
    complete = all(section is not None for section in report.sections)
    tables = [(path, value) for path, value in walk(report.sections, ("sections",)) if isinstance(value, Table)]
    charts = [(path, value) for path, value in walk(report.sections, ("sections",)) if isinstance(value, Chart)]
    table_ids = [item.id for _, item in tables + charts if item.id is not None]  # a chart's id is an anchor too
    context = CheckContext(section_keys(report.sections) + table_ids if complete else None)
    problems: list[Diagnostic] = []
    problems += _check_footer(report, document)
    problems += _check_links(report, context, document)
    problems += _check_refused(report, document)
    problems += _check_page(report)
    problems += _check_output_intent(report)
    for index, section in enumerate(report.sections):  # each block's own checks (sections/<type>.py)
        block = block_of(section) if section is not None else None
        if block is not None and block.check is not None:
            problems += block.check(section, context, ("sections", index))
    problems += _check_breaks(report)
    kinds = [getattr(s, "type", None) for s in report.sections]
    for kind in (name for name, block in BLOCKS.items() if block.once):
        if kinds.count(kind) > 1:
            index = [i for i, k in enumerate(kinds) if k == kind][1]
            problems.append(Diagnostic(f"a report has one {kind} section", ("sections", index, "type")))
    ids: dict[str, int] = {}
    for index, section in enumerate(report.sections):
        if section is not None and section.id is not None:
            if not re.fullmatch(r"[A-Za-z][\w-]*", section.id):
                problems.append(Diagnostic(f"id {section.id!r} is not a valid anchor name", ("sections", index, "id"),
                                           "use letters, digits, - and _, starting with a letter"))
            if section.id in ids:
                problems.append(Diagnostic(f"id {section.id!r} is already used by sections[{ids[section.id]}]",
                                           ("sections", index, "id")))
            ids.setdefault(section.id, index)
    named: dict[str, SpecPath] = {}
    for path, table in tables:  # every table's own checks; its id is an anchor beside the sections'
        problems += table_problems(table, path)
        if table.id is not None:
            if table.id in ids or table.id in named:
                earlier = f"sections[{ids[table.id]}]" if table.id in ids else format_path(named[table.id])
                problems.append(Diagnostic(f"id {table.id!r} is already used by {earlier}", path + ("id",),
                                           "give each table and section its own id"))
            named.setdefault(table.id, path)
    for path, chart in charts:  # a chart's id, like a table's, is an anchor beside the sections' (its figures
        if chart.id is None:    # are checked by its section's block)
            continue
        if not re.fullmatch(r"[A-Za-z][\w-]*", chart.id):
            problems.append(Diagnostic(f"id {chart.id!r} is not a valid anchor name", path + ("id",),
                                       "use letters, digits, - and _, starting with a letter"))
        if chart.id in ids or chart.id in named:
            earlier = f"sections[{ids[chart.id]}]" if chart.id in ids else format_path(named[chart.id])
            problems.append(Diagnostic(f"id {chart.id!r} is already used by {earlier}", path + ("id",),
                                       "give each chart, table and section its own id"))
        named.setdefault(chart.id, path)
    problems += _check_alt_text(report)
    problems += _check_language_case(report)
    problems += _check_changes(report)
    return problems


def _check_changes(report: Report) -> list[Diagnostic]:
    """A stat's `since` and `better` say something about its `change`: without one they are a mistake."""
    return [Diagnostic(f"`{name}` describes a stat's change, but this stat has no `change`", path + (name,),
                       f'add the change beside it (`change: "+12%"`) or remove `{name}`')
            for path, stat in walk(report.sections, ("sections",)) if isinstance(stat, Stat) and stat.change is None
            for name in ("since", "better") if getattr(stat, name) is not None]


def _check_breaks(report: Report) -> list[Diagnostic]:
    """A full page (cover, quote, back cover) is a page of its own: its `break:` can only be `page`."""
    problems = []
    for index, section in enumerate(report.sections):
        if section is None or block_of(section).page != "feature":
            continue
        written = section_break(section)
        if written not in (None, "page"):
            kind = getattr(section, "type")
            problems.append(Diagnostic(f"a {kind} section is a page of its own: it cannot start with `break: {written}`",
                                       ("sections", index, "break"), "remove `break:` (full pages always start a page)"))
    return problems


def _check_language_case(report: Report) -> list[Diagnostic]:
    """`EN-us` is a valid tag (BCP 47 ignores case) but not as tags are written: a warning with the usual case."""
    problems = []
    for path, tag, _ in iter_languages(report):
        usual = language_case_hint(tag)
        if usual is not None:
            problems.append(Diagnostic(f"the language tag {tag!r} is usually written {usual!r}", path,
                                       f"did you mean {usual!r}? (language lower case, region upper case)",
                                       severity=Severity.WARNING))
    return problems


MIN_CONTENT = 72.0  # the text area keeps at least an inch each way
MAX_SHEET = 14_400.0  # PDF's largest page (200 in) each way; readers refuse larger ones
PRINT_SLUG = 27.0     # room outside the bleed for crop marks (layout.geometry.SLUG)
USUAL_BLEED = 9.0     # 0.125 in, the default


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
    longest = max(width, height)
    sheet = longest + 2 * (page.bleed + PRINT_SLUG)  # the print PDF's page: trim, bleed and crop marks
    if page.bleed >= 0 and sheet > MAX_SHEET:
        fits = (MAX_SHEET - longest) / 2 - PRINT_SLUG
        what = (f"with {page.bleed:g} pt ({page.bleed / 72:.3g} in) of bleed and {PRINT_SLUG:g} pt for crop marks on "
                f"each side, the printed page is {sheet:,.0f} pt ({sheet / 72:,.4g} in) across; a PDF page may be at "
                f"most {MAX_SHEET:,.0f} pt (200 in)")
        if fits >= USUAL_BLEED:
            problems.append(Diagnostic(what, ("page", "bleed"),
                                       f"at most {fits:g} pt ({fits / 72:.3g} in) of bleed fits; 0.125in (3mm) is usual"))
        else:
            limit = MAX_SHEET - 2 * (page.bleed + PRINT_SLUG)
            problems.append(Diagnostic(what, ("page", "size"),
                                       f"make the page at most {limit:g} pt ({limit / 72:.4g} in) each way for print"))
    if width - margins.inside - margins.outside < MIN_CONTENT:
        problems.append(Diagnostic(
            f"the inside and outside margins leave {width - margins.inside - margins.outside:.0f} pt of a "
            f"{width:.0f} pt wide page for text", ("page", "margins"), "leave at least 1in between the margins"))
    if height - margins.top - margins.bottom < MIN_CONTENT:
        problems.append(Diagnostic(
            f"the top and bottom margins leave {height - margins.top - margins.bottom:.0f} pt of a "
            f"{height:.0f} pt tall page for text", ("page", "margins"), "leave at least 1in between the margins"))
    return problems


def _check_output_intent(report: Report) -> list[Diagnostic]:
    """The printing condition comes from the profile: a profile that names none needs `condition:`, and a
    `condition:` that is not the one the profile names is an error (a SWOP profile labelled FOGRA39 misleads the press)."""
    intent = report.print.output_intent if report.print is not None else None
    if intent is None or intent.icc is None:
        return []
    try:
        data = intent.icc.read_bytes()
    except OSError:
        return []  # the field's own check reports an unreadable file
    known, description = known_condition(data), profile_description(data) or intent.icc.name
    if intent.condition is None and known is None:
        return [Diagnostic(f"{intent.icc.name} ({description!r}) names no printing condition reportgen knows",
                           ("print", "output_intent"),
                           "add `condition:` with the condition's registered name as the print shop gives it "
                           "(e.g. FOGRA39, FOGRA51, CGATS TR 006, CGATS21_CRPC6)")]
    if intent.condition is not None and known is not None and _same_condition(intent.condition) != _same_condition(
            known.identifier):
        return [Diagnostic(f"is {intent.condition!r}, but {intent.icc.name} ({description!r}) is a profile for "
                           f"{known.identifier}", ("print", "output_intent", "condition"),
                           f"write `condition: {known.identifier}` (or leave it out), or give the {intent.condition} "
                           "profile")]
    return []


def _same_condition(name: str) -> str:
    return re.sub(r"[\s_-]", "", name).upper()


def _check_alt_text(report: Report) -> list[Diagnostic]:
    """An image without `alt` is unreadable to a screen reader; it is drawn as decoration."""
    return [Diagnostic(f"image {image.file.name} has no alt text; screen readers will skip it", path + ("alt",),
                       'describe it in `alt`, or write `alt: ""` if it is only decoration', severity=Severity.WARNING)
            for path, image in iter_images(report.sections, ("sections",)) if image.alt is None]


def _check_footer(report: Report, document: SpecDocument | None = None) -> list[Diagnostic]:
    """Footer formats hold only the placeholders (the same parser draws them), located at the bad brace."""
    problems = []
    for side in ("even", "odd"):
        text = getattr(report.footer, side)
        for problem in parse_footer(text)[1]:
            diagnostic = Diagnostic(problem.message, ("footer", side), problem.hint)
            problems.append(_at(document, diagnostic, text, [(problem.offset, problem.text)]))
    return problems


def _check_links(report: Report, anchors: CheckContext, document: SpecDocument | None = None) -> list[Diagnostic]:
    """Every link goes somewhere allowed: http(s), mailto, tel, or `#id` of a section that exists
    (the anchors the layout makes); located at the link itself."""
    problems: list[Diagnostic] = []
    for path, value in walk(report.sections, ("sections",)):
        if not isinstance(value, RichText):
            continue
        for link in value.links:
            message, hint = link.problem, LINK_HINT
            if message is None and link.anchor is not None and (unknown := anchors.unknown_anchor(link.anchor)):
                message, hint = unknown
            if message is not None:
                target = value.source.find(link.written, link.offset)
                whole = value.source[link.offset:target + len(link.written)]
                problems.append(_at(document, Diagnostic(message, path, hint), value.source,
                                    [(link.offset, whole), (target, link.written)]))
    return problems


def _check_refused(report: Report, document: SpecDocument | None = None) -> list[Diagnostic]:
    """Every construct rich text does not typeset (raw HTML, an image, a table ...), located where it is written."""
    return [_at(document, Diagnostic(refusal.message, path, refusal.hint), value.source,
                [(refusal.offset, refusal.written)])
            for path, value in walk(report.sections, ("sections",)) if isinstance(value, RichText)
            for refusal in value.refused]


def _at(document: SpecDocument | None, diagnostic: Diagnostic, value: str, needles: list[tuple[int, str]]) -> Diagnostic:
    """The diagnostic located at a spot inside the string `value`, when the document is known."""
    return document.locate_in_text(diagnostic, value, needles) if document is not None else diagnostic
