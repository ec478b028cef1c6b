"""The `text` block: a text section in, an article (title, lead, stats, body, photos, subsections, 1 or 2 columns) out."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from reportgen.diagnostics import Diagnostic, SpecPath
from reportgen.model.base import Model, field
from reportgen.model.charts import Chart, check_charts
from reportgen.model.parts import MAX_STATS, ImageField, SectionBase, Stat, Table
from reportgen.model.richtext import RichText
from reportgen.model.types import ColorValue, Rich, Text, Words
from reportgen.sections.block import Block, CheckContext

if TYPE_CHECKING:
    from reportlab.platypus import Flowable

    from reportgen.layout.sections import BuildContext


class Subsection(Model):
    title: Words
    body: Rich = RichText("", ())
    stats: tuple[Stat, ...] = field((), max_length=MAX_STATS)
    images: tuple[ImageField, ...] = ()
    charts: tuple[Chart, ...] = ()
    tables: tuple[Table, ...] = ()


class TextSection(SectionBase):
    type: Literal["text"]
    title: Words
    lead: Rich = RichText("", ())
    body: Rich = RichText("", ())
    columns: Literal[1, 2] = 1
    stats: tuple[Stat, ...] = field((), max_length=MAX_STATS)
    images: tuple[ImageField, ...] = ()
    charts: tuple[Chart, ...] = ()
    subsections: tuple[Subsection, ...] = ()
    tables: tuple[Table, ...] = ()
    color: ColorValue | None = None


NOTES = {
    "TextSection.type": ("`text`: an article with optional lead, stats, photos and subsections.", "text"),
    "TextSection.title": ("The section's heading.", "Community Schools"),
    "TextSection.lead": ("A large introductory paragraph.", "LACOE is leading the way ..."),
    "TextSection.body": ("The text.", "Paragraphs, **bold**, *italic* ..."),
    "TextSection.columns": ("Body text columns.", "2"),
    "TextSection.stats": ("Stat figures under the lead.", "[{value: '92%', label: Graduation rate}]"),
    "TextSection.images": ("Photos after the text.", "[assets/photos/school.jpg]"),
    "TextSection.charts": ("Charts after the body (see [Chart](#chart)), in spec order.",
                           "[{type: column, title: Students enrolled, categories: [...], series: [...]}]"),
    "TextSection.subsections": ("Titled parts after the body.", "[{title: Wellness, body: ...}]"),
    "TextSection.tables": ("Data tables after the body (before the subsections).", "see [Table](#table)"),
    "TextSection.color": ("Colour of the title and figures; `theme.colors.primary` when absent.", '"#008290"'),
    "Subsection.title": ("The subsection's heading.", "Community Schools"),
    "Subsection.body": ("Its text.", "LACOE supports **community schools** ..."),
    "Subsection.stats": ("Stat figures after its text.", "[{value: '15', label: Districts}]"),
    "Subsection.images": ("Photos after its text.", "[assets/photos/school.jpg]"),
    "Subsection.charts": ("Charts after its text (see [Chart](#chart)).", "[{type: line, ...}]"),
    "Subsection.tables": ("Data tables after its text.", "see [Table](#table)"),
}


def layout(section: TextSection, build: BuildContext, path: SpecPath) -> list[Flowable]:
    from reportlab.platypus import KeepTogether

    from reportgen.layout.blocks.charts import chart_blocks
    from reportgen.layout.blocks.columns import KeepWithNext
    from reportgen.layout.blocks.deferred import photos_deferred
    from reportgen.layout.blocks.stats import StatRow
    from reportgen.layout.sections import is_full_width
    color = build.theme.palette(section.color) if section.color is not None else None
    accent = color or build.theme.palette.named("primary")
    head: list[Flowable] = [build.title(section.title, color)] + build.lead(section.lead, path + ("lead",))
    if section.stats:
        head.append(StatRow(build.theme, section.stats, accent, path + ("stats",), build.log, words=build.words_of))
    flow = build.statements(build.body(section.body, path + ("body",)))
    flow += build.tables(section.tables, path + ("tables",))
    flow += chart_blocks(section.charts, build, path + ("charts",))
    for index, subsection in enumerate(section.subsections):
        sub_path = path + ("subsections", index)
        parts: list[Flowable] = [build.heading(subsection.title)]
        parts += build.body(subsection.body, sub_path + ("body",), level=3)
        parts += build.tables(subsection.tables, sub_path + ("tables",))
        parts += chart_blocks(subsection.charts, build, sub_path + ("charts",))
        if subsection.stats:
            parts.append(StatRow(build.theme, subsection.stats, accent, sub_path + ("stats",), build.log,
                                 words=build.words_of))
        parts += [build.photo(image, sub_path + ("images", i)) for i, image in enumerate(subsection.images)]
        if section.columns > 1 and len(parts) > 1:  # balanced columns ignore keepWithNext: bind the heading
            parts[:2] = [KeepWithNext(parts[0], parts[1])]
        flow += parts
    if section.columns == 1 and section.images:
        body = build.floated(flow, section.images, path)
    else:
        body = build.with_images(flow, section.images, path)
    if section.columns == 1:  # the whole section at the measure of one-column text (stylesheet: measure)
        first = body[:1] if body and not is_full_width(body[0]) else []  # a full-width table spans the text area
        return build.measured([KeepTogether(head + first)] + photos_deferred(body[len(first):]))
    return [KeepTogether(head)] + build.columns(body, section.columns)


def check(section: TextSection, context: CheckContext, path: SpecPath) -> list[Diagnostic]:
    """The section's and its subsections' charts (see model.charts.check_chart)."""
    problems = check_charts(section.charts, path + ("charts",))
    for index, subsection in enumerate(section.subsections):
        problems += check_charts(subsection.charts, path + ("subsections", index, "charts"))
    return problems


BLOCK = Block("text", TextSection, layout, order=50, notes=NOTES, flows=True, check=check,
              sample={"type": "text", "title": "Sample Text", "lead": "A sample lead.", "body": "Sample body text.",
                      "stats": [{"value": "42", "label": "Sample figures"}],
                      "subsections": [{"title": "Sample Subsection", "body": "Sample subsection text."}]})
