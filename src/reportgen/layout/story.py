"""The story: a validated report and theme in, the flowables of the whole document and its page plan out."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import MutableMapping
from pathlib import Path

from reportlab.platypus import Flowable, Indenter, KeepTogether, NextPageTemplate, PageBreak

from reportgen.diagnostics import SpecPath
from reportgen.layout.anchors import AnchorRegistry
from reportgen.layout.blocks.anchor import SectionAnchor
from reportgen.layout.blocks.base import LayoutLog
from reportgen.layout.geometry import PageGeometry
from reportgen.layout.blocks.columns import Columns
from reportgen.layout.blocks.deferred import PhotoOrText
from reportgen.layout.images import ImageStore
from reportgen.layout.limits import MEASURE_HEIGHT
from reportgen.layout.sections import BuildContext, Entry
from reportgen.layout.tagging import Semantics, StructureLog, StructureNode, declare_structure
from reportgen.layout.templates import BODY, FEATURE
from reportgen.model import report as model
from reportgen.model.anchors import section_keys, section_title
from reportgen.model.parts import section_break
from reportgen.model.strings import Words, words_for
from reportgen.model.walk import iter_images, iter_languages
from reportgen.reportlab_adapter.platypus import container_content, current_frame, frame_height, frame_is_at_top
from reportgen.sections.registry import block_of
from reportgen.theme import Theme
from reportgen.theme.hyphenation import pattern_name
from reportgen.theme.stylesheet import resolve


@dataclass(frozen=True)
class Story:
    flowables: list[Flowable]  # consumed: the renderer removes each one as it is laid out
    first_template: str
    entries: list[Entry]
    registry: AnchorRegistry
    log: LayoutLog
    structure: StructureLog


def image_requests(report: model.Report) -> list[tuple[Path, SpecPath]]:
    """Every image the report places, with its spec path, in reading order."""
    return [(image.file, path + ("file",)) for path, image in iter_images(report.sections, ("sections",))]


class EvenPageStart(Flowable):
    """Makes the next flowable start on an even (left-hand) page: a page break when this page is odd, and a
    notice naming the blank page and how to turn it off (`what`, the section; `path`, its spec path).

    ReportLab's DocIf would do the same by evaluating a string, whose safe-eval sandbox calls
    inspect.stack() (about 20 ms)."""

    def __init__(self, log: LayoutLog | None = None, what: str = "the back cover", path: SpecPath = ()) -> None:
        super().__init__()
        self.log, self.what, self.path, self.done = log, what, path, False

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        page = self.canv.getPageNumber()
        if page % 2 == 1:
            current_frame(self).add_generated_content(PageBreak())
            if self.log is not None and not self.done:
                self.done = True
                self.log.note(f"page {page} is left blank so that {self.what} lands on an even page, the outside "
                              "of the last leaf", self.path, "set `even_page: false` on it to leave the blank out")
        return 0.0, 0.0

    def draw(self) -> None:
        return None

    def __repr__(self) -> str:
        return "EvenPageStart()"


def measured_height(flowables: list[Flowable], width: float, limit: float, canvas: object) -> float:
    """The height `flowables` take stacked in a frame `width` wide (the frame's indents followed), or a
    height past `limit` as soon as they take more: balanced columns as their content shared out."""
    used, right, left = 0.0, 0.0, 0.0
    for flowable in flowables:
        if isinstance(flowable, Indenter):
            left, right = left + flowable.left, right + flowable.right
            continue
        available = width - left - right
        if isinstance(flowable, Columns):
            column = (available - flowable.gutter * (flowable.count - 1)) / flowable.count
            parts = [part for part in container_content(flowable) if not hasattr(part, "frameAction")]
            used += sum(part.wrapOn(canvas, column, MEASURE_HEIGHT)[1] + part.getSpaceAfter()
                        for part in parts) / flowable.count
        elif isinstance(flowable, (KeepTogether, PhotoOrText)):  # its wrap says "split me", not its height
            used += measured_height(container_content(flowable), available, limit - used, canvas) \
                + flowable.getSpaceAfter()
        else:
            used += flowable.wrapOn(canvas, available, MEASURE_HEIGHT)[1] + flowable.getSpaceBefore() \
                + flowable.getSpaceAfter()
        if used > limit:
            break
    return used


class SectionStart(Flowable):
    """Where a section that may continue on the page the previous one ends on starts (its `break:`).

    At the top of a frame it takes no room. Elsewhere: `none` keeps the section on the page, `gap` below
    what came before; `column` and `page` move it to the next frame (a body page has one: the next page);
    `short` (the stylesheet's default for a section that flows) keeps it on the page when the whole
    section, at most `most` tall, fits below the gap, and moves it on otherwise."""

    def __init__(self, mode: str, gap: float, section: list[Flowable], most: float = 0.0) -> None:
        super().__init__()
        self.mode, self.gap, self.section, self.most = mode, gap, section, most

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        frame = current_frame(self)
        if frame_is_at_top(frame):
            return 0.0, 0.0
        stays = self.mode == "none"
        if self.mode == "short":
            room = min(available_height - self.gap, self.most * (frame_height(frame) or available_height))
            stays = room > 0 and measured_height(self.section, available_width, room, self.canv) <= room
        if not stays:
            frame.add_generated_content(PageBreak())
            return 0.0, 0.0
        return available_width, min(self.gap, available_height)

    def drawOn(self, canvas: object, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802 (ReportLab's name)
        return None  # only room: nothing to draw, not even the empty state a flowable's drawing saves

    def draw(self) -> None:
        return None

    def __repr__(self) -> str:
        return f"SectionStart({self.mode!r})"


SADDLE_MULTIPLE = 4  # a saddle-stitched booklet is folded sheets: four pages each


class SaddlePadding(Flowable):
    """Blank pages so the document's page count is a multiple of four (a saddle-stitched booklet), with a
    notice. Before the back cover (it sits at the top of the back cover's fresh page): the blanks go where a
    designer puts them, inside the last sheet, and the back cover stays the outside of the last leaf. At the
    end (`at_end`, a report without a back cover as its last section): after the last page."""

    def __init__(self, log: LayoutLog, at_end: bool = False) -> None:
        super().__init__()
        self.log, self.at_end, self.done = log, at_end, False

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        if not self.done:
            self.done = True
            page = self.canv.getPageNumber()  # the back cover's page, or the last page
            blanks = (-page) % SADDLE_MULTIPLE
            if blanks:
                where = "at the end" if self.at_end else "before the back cover"
                total = page + blanks
                self.log.notices.append(f"print.binding is saddle: {blanks} blank page{'s' if blanks > 1 else ''} "
                                        f"added {where}, for {total} pages ({total // SADDLE_MULTIPLE} sheets)")
                current_frame(self).add_generated_content(*[PageBreak() for _ in range(blanks)])
        return 0.0, 0.0

    def draw(self) -> None:
        return None

    def __repr__(self) -> str:
        return f"SaddlePadding(at_end={self.at_end})"


def build_story(report: model.Report, theme: Theme, geometry: PageGeometry, store: ImageStore) -> Story:
    store.load_all(image_requests(report))
    registry = AnchorRegistry()
    log = LayoutLog()
    _check_languages(report, log)
    structure = StructureLog()
    keys = section_keys(report.sections)
    words = report_words(report, formatted=theme.numbers)
    entries = _entries(report, keys, words)
    context = BuildContext(report, theme, geometry, store, registry, log, entries, keys, words)
    levels = _levels(report)
    parents = _parents(report, levels)
    sects: list[StructureNode] = []
    flowables: list[Flowable] = []
    saddle = geometry.print_mode and report.print.binding == "saddle"
    last = len(report.sections) - 1
    flow = theme.measures.box("section")
    for index, section in enumerate(report.sections):
        path: SpecPath = ("sections", index)
        block = block_of(section)
        start = _start(report, index, flow.section_break) if index > 0 else "page"
        if index > 0:
            flowables.append(NextPageTemplate(_template(section)))
            if start == "page":
                flowables.append(PageBreak())
        if block.even_page and index > 0:
            # the back cover is the outside of the last leaf: an even page; leave an intentional blank
            if getattr(section, "even_page", True):  # unless the spec says `even_page: false`
                flowables.append(EvenPageStart(log, "the back cover", path))
            if saddle and index == last:
                flowables.append(SaddlePadding(log))
        own = context if section.language is None else replace(
            context, theme=theme.for_language(section.language),
            words=report_words(report, section.language, formatted=theme.numbers))
        section_flowables = block.layout(section, own, path)
        if start != "page":  # before the anchor: the section's page is the one it starts on
            flowables.append(SectionStart(start, flow.space_before, section_flowables, flow.ratio))
        flowables.append(SectionAnchor(keys[index], section_title(section, words), levels[index], registry, path,
                                       outline=block.outline))
        # one Sect per section, in spec order; its /Lang when the section declares its own language; a section
        # the outline nests (a pillar) inside the Sect of the section it nests under (the strategic plan)
        parent = sects[parents[index]] if parents[index] is not None else None
        sects.append(structure.section(Semantics("Sect", lang=section.language), parent))
        declare_structure(section_flowables, sects[-1])
        flowables += section_flowables
    if saddle and not (block_of(report.sections[last]).even_page and last > 0):
        flowables.append(SaddlePadding(log, at_end=True))
    return Story(flowables, _template(report.sections[0]), entries, registry, log, structure)


def _check_languages(report: model.Report, log: LayoutLog) -> None:
    """A language hyphenation has no patterns for is set unhyphenated, with a warning at its tag."""
    if not any(values.get("hyphenation") for values in resolve(report.theme.text, report.theme.styles).values()):
        return
    for path, tag, owner in iter_languages(report):
        if isinstance(owner, (model.Stat, model.ImageRef)):
            continue  # a figure's or an alt text's language is never hyphenated
        if pattern_name(tag) is None:
            log.warn(f"there are no hyphenation patterns for the language {tag!r}: its text is not hyphenated", path,
                     "check the tag (en-US, es, fr-CA ...), or set hyphenation off to silence this")


def _start(report: model.Report, index: int, default: str) -> str:
    """How section `index` (not the first) starts: `page` (a page break), or what its SectionStart does
    (`none`, `column`, `short`: see there). A full page, and any section after one, starts a page; a
    section's `break:` is as written; a section whose block flows takes the stylesheet's default (`none`
    for a short one: `short`); any other (a pillar, a letter, the contents) starts a page, as it always did."""
    section, block = report.sections[index], block_of(report.sections[index])
    if block.page == "feature" or block_of(report.sections[index - 1]).page == "feature":
        return "page"
    written = section_break(section)
    if written is not None:
        return written
    if block.flows and default == "none":
        return "short"
    return "page"


def _template(section: model.SectionBase) -> str:
    """The page template a section starts on: a feature page of its own, or body pages."""
    return FEATURE if block_of(section).page == "feature" else BODY


def _levels(report: model.Report) -> list[int]:
    """Each section's outline and contents level: 1 under the section type its block nests under, once one came."""
    seen: set[str] = set()
    levels = []
    for section in report.sections:
        block = block_of(section)
        levels.append(1 if block.nests_under is not None and block.nests_under in seen else 0)
        seen.add(block.name)
    return levels


def _parents(report: model.Report, levels: list[int]) -> list[int | None]:
    """The section whose Sect each section's goes in (None: the document's), as the outline nests them: a
    level-1 section in its bookmark's parent, the last level-0 section with a bookmark before it, and with
    it the sections without a bookmark (a quote) between the two, so the tree keeps the spec's order."""
    parents: list[int | None] = [None] * len(report.sections)
    owner: int | None = None  # the last level-0 section with a bookmark
    for index, (section, level) in enumerate(zip(report.sections, levels)):
        marked = block_of(section).outline
        if level == 0 and marked:
            owner = index
        elif level == 1 and owner is not None:
            parents[index] = owner
            between = index - 1
            while between > owner and parents[between] is None and not block_of(report.sections[between]).outline:
                parents[between] = owner
                between -= 1
    return parents


def report_words(report: model.Report, language: str | None = None,
                 formatted: MutableMapping[str, str] | None = None) -> Words:
    """The generated words of `language` (the report's by default); the spec's `meta.strings` are the
    report language's, so they apply where that language is used. `formatted`: numbers as CLDR formatted
    them before (theme.numbers)."""
    meta = report.meta
    if language is None or language.lower() == meta.language.lower():
        words = words_for(meta.language, meta.strings)
    else:
        words = words_for(language)
    return words if formatted is None else replace(words, formatted=formatted)


def _entries(report: model.Report, keys: list[str], words: Words) -> list[Entry]:
    entries = []
    colors = report.theme.colors
    for index, (section, level) in enumerate(zip(report.sections, _levels(report))):
        block = block_of(section)
        if not block.contents:
            continue
        color = block.color(section, colors) if block.color is not None else None
        entries.append(Entry(index, keys[index], section_title(section, words), level, color))
    return entries
