"""The story: a validated report and theme in, the flowables of the whole document and its page plan out."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reportlab.platypus import Flowable, NextPageTemplate, PageBreak

from reportgen.diagnostics import SpecPath
from reportgen.layout.anchors import AnchorRegistry
from reportgen.layout.blocks.anchor import SectionAnchor
from reportgen.layout.blocks.base import LayoutLog
from reportgen.layout.geometry import PageGeometry
from reportgen.layout.images import ImageStore
from reportgen.layout.sections import Entry, SectionContext
from reportgen.layout.tagging import StructureLog, assign_structure
from reportgen.layout.templates import BODY, FEATURE
from reportgen.model import report as model
from reportgen.model.anchors import section_keys, section_title
from reportgen.model.walk import iter_images
from reportgen.theme import Theme

FEATURE_TYPES = {"cover", "quote", "back_cover"}
UNLISTED_TYPES = {"cover", "contents", "quote", "back_cover"}


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
    """Makes the next flowable start on an even (left-hand) page: a page break when this page is odd.

    ReportLab's DocIf would do the same by evaluating a string, whose safe-eval sandbox calls
    inspect.stack() (about 20 ms)."""

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        if self.canv.getPageNumber() % 2 == 1:
            self._doctemplateAttr("frame").add_generated_content(PageBreak())
        return 0.0, 0.0

    def draw(self) -> None:
        return None

    def __repr__(self) -> str:
        return "EvenPageStart()"


def build_story(report: model.Report, theme: Theme, geometry: PageGeometry, store: ImageStore) -> Story:
    store.load_all(image_requests(report))
    registry = AnchorRegistry()
    log = LayoutLog()
    structure = StructureLog()
    keys = section_keys(report.sections)
    entries = _entries(report, keys)
    context = SectionContext(report, theme, geometry, store, registry, log, entries, keys)
    flowables: list[Flowable] = []
    overview_seen = False
    for index, section in enumerate(report.sections):
        path: SpecPath = ("sections", index)
        template = FEATURE if section.type in FEATURE_TYPES else BODY
        if index > 0:
            flowables += [NextPageTemplate(template), PageBreak()]
        if section.type == "back_cover" and index > 0:
            # the back cover is the outside of the last leaf: an even page; leave an intentional blank
            flowables.append(EvenPageStart())
        overview_seen = overview_seen or section.type == "pillars_overview"
        level = 1 if section.type == "pillar" and overview_seen else 0
        flowables.append(SectionAnchor(keys[index], section_title(section), level, registry, path,
                                       outline=section.type != "quote"))
        builder = getattr(context, section.type)
        section_flowables = builder(section, path)
        assign_structure(section_flowables, structure.section())  # one Sect per section, in spec order
        flowables += section_flowables
    first = FEATURE if report.sections[0].type in FEATURE_TYPES else BODY
    return Story(flowables, first, entries, registry, log, structure)


def _entries(report: model.Report, keys: list[str]) -> list[Entry]:
    entries = []
    overview_seen = False
    for index, section in enumerate(report.sections):
        overview_seen = overview_seen or section.type == "pillars_overview"
        if section.type in UNLISTED_TYPES:
            continue
        color = None
        level = 0
        if isinstance(section, model.Pillar):
            level = 1 if overview_seen else 0
            color = section.color or report.theme.colors.pillars[(section.number - 1) % len(report.theme.colors.pillars)]
        entries.append(Entry(index, keys[index], section_title(section), level, color))
    return entries
