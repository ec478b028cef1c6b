"""Document build: a report, theme and story in, a tagged PDF (metadata, outline, page numbers) out.

The PDF is written once, to the file or stream the pipeline gives: on screen its one temporary
file beside the target (reportgen.output renames it into place, so a failed build never leaves a
partial file or damages an earlier PDF); in print mode a buffer that print production finishes
into that temporary file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import BinaryIO

from reportlab.platypus.doctemplate import LayoutError

from reportgen.diagnostics import Diagnostic, ReportError, Severity
from reportgen.layout import PageGeometry, Story, page_templates
from reportgen.layout.runts import PageLines
from reportgen.layout.templates import BODY
from reportgen.model.report import Report
from reportgen.reportlab_adapter.platypus import DocTemplate, container_children, frame_height
from reportgen.reportlab_setup import prepare_reportlab
from reportgen.render.footer import FooterPainter
from reportgen.render.canvas import TaggedCanvas
from reportgen.render.glyphs import GlyphLog, coverage_problems
from reportgen.render.identity import build_time
from reportgen.theme import Theme

PRODUCER = "reportgen"
MAX_PLACEMENTS_PER_PAGE = 20_000  # flowables ReportLab may try on one page (a full page takes a few hundred)


@dataclass
class RenderResult:
    pages: int
    warnings: list[Diagnostic] = field(default_factory=list)
    notes: list[Diagnostic] = field(default_factory=list)  # information shown with -v (print: colours out of gamut)
    notices: list[str] = field(default_factory=list)  # what the build did on its own (saddle padding)
    # body pages that can give lines to a runt page after them (page: points to end higher): lay out again
    shorten: dict[int, float] = field(default_factory=dict)


class ReportDocument(DocTemplate):
    """BaseDocTemplate that finishes forward page references before saving."""

    def __init__(self, target: object, report: Report, theme: Theme, geometry: PageGeometry, story: Story,
                 page_decorations: list | None = None, shortened: dict[int, float] | None = None):
        meta = report.meta
        self.story_plan = story
        footer = FooterPainter(report, theme, geometry, story.log)
        extra = list(page_decorations or [])
        templates = page_templates(geometry, body_decorations=[footer, *extra], feature_decorations=extra,
                                   shortened=shortened)
        ordered = [templates[story.first_template]] + [t for k, t in templates.items() if k != story.first_template]
        super().__init__(
            target, pagesize=geometry.media_size, pageTemplates=ordered, invariant=1, pageCompression=1,
            title=meta.title, author=meta.author or meta.organization, subject=meta.subject or meta.subtitle,
            keywords=list(meta.keywords), creator=PRODUCER, producer=PRODUCER, lang=meta.language,
            displayDocTitle=1, initialFontName=theme.fonts.body, leftMargin=0, rightMargin=0, topMargin=0, bottomMargin=0)
        self.current_flowable: object = None
        self.last_spec_path: tuple = ()
        self.placements = (0, 0)  # (page, flowables tried on it): a layout that makes no progress is stopped
        self.cycling = False
        self.page_lines = PageLines(theme.styles.body.leading)  # runt pages, reported when the layout is done

    def afterFlowable(self, flowable: object) -> None:  # noqa: N802 (ReportLab's name)
        """Count the lines each body page holds, by section (layout.runts)."""
        path = self.last_spec_path
        if path[:1] == ("sections",) and self.pageTemplate.id == BODY:
            self.page_lines.placed(self.page, path[1], getattr(self.frame, "id", ""), flowable)

    def handle_flowable(self, flowables: list) -> None:  # noqa: N802 (ReportLab's name)
        """Remember the flowable being placed (and the last spec item seen) for layout errors and for
        the glyph log, which traces each character a font lacks to the item being drawn."""
        if flowables and flowables[0] is not None:
            self.current_flowable = flowables[0]
            path = getattr(flowables[0], "spec_path", None)
            if path:
                self.last_spec_path = tuple(path)
            glyphs = getattr(self.canv, "glyphs", None)
            if glyphs is not None:  # a flowable without a path of its own (a paragraph) is its section's text
                last = self.last_spec_path
                glyphs.path = tuple(path) if path else last[:2] if last[:1] == ("sections",) else last
        page, tried = self.placements
        self.placements = (self.page, tried + 1 if page == self.page else 1)
        if self.placements[1] > MAX_PLACEMENTS_PER_PAGE:
            self.cycling = True
            # ReportLab can cycle forever: a paragraph kept with its next flowable that fits neither
            # here nor alone on a fresh page (found by the layout fuzzer): a layout error, not a hang
            raise LayoutError(f"no progress after {MAX_PLACEMENTS_PER_PAGE:,} placements on page {self.page}")
        super().handle_flowable(flowables)

    def layout_problem(self) -> Diagnostic:
        """A LayoutError as a diagnostic naming the spec item that does not fit."""
        if self.cycling:
            path = self.last_spec_path
            return Diagnostic(f"this section cannot be laid out on page {self.page}: its parts keep moving on to the "
                              "next page without one fitting", path[:2] if path[:1] == ("sections",) else path,
                              "give it more room: a larger page.size or smaller margins, a smaller photo, or less text")
        frame = getattr(self, "frame", None)
        room = frame_height(frame)
        flowable = _culprit(self.current_flowable, room)
        path = tuple(getattr(flowable, "spec_path", None) or self.last_spec_path)
        height = getattr(flowable, "height", None)
        what = _describe(flowable)
        if isinstance(height, (int, float)) and isinstance(room, (int, float)) and height > room:
            message = f"{what} is {height:.0f} pt tall but a page holds {room:.0f} pt"
        else:
            message = f"{what} does not fit on a page"
        return Diagnostic(message, path, "shorten the text or split it into smaller items")

    def finish_build(self) -> None:
        self.canv.showOutline()
        self.story_plan.registry.define_forms(self.canv)


def _culprit(flowable: object, room: float | None) -> object:
    """The spec item inside a container (columns, keep-together, text beside a photo) that is too
    tall for the frame, else the first spec item in it, else the flowable itself."""
    children = [flowable]
    found: list[object] = []
    while children:
        child = children.pop(0)
        if getattr(child, "spec_path", None):
            found.append(child)
        children += container_children(child)
    too_tall = [f for f in found if room is not None and isinstance(getattr(f, "height", None), (int, float))
                and f.height > room]  # type: ignore[attr-defined]
    return (too_tall or found or [flowable])[0]


def _describe(flowable: object) -> str:
    """'PillarBand' -> 'the pillar band'; plain ReportLab flowables -> 'a paragraph', 'a table' ..."""
    name = type(flowable).__name__ if flowable is not None else "Flowable"
    words = "".join(f" {c.lower()}" if c.isupper() else c for c in name).strip()
    if getattr(flowable, "spec_path", None):
        return f"the {words}"
    return f"{'an' if words[:1] in 'aeiou' else 'a'} {words}"


def render_pdf(report: Report, theme: Theme, geometry: PageGeometry, story: Story, output: Path | BinaryIO,
               page_decorations: list | None = None, created: datetime | None = None,
               shortened: dict[int, float] | None = None, retry: bool = False) -> RenderResult:
    """Lay out and write the PDF to `output` (the caller's temporary file, see reportgen.output, or a
    stream); layout failures become diagnostics. `created` dates it (default: render.identity's fallback);
    its file ID and InstanceID are placeholders until `stamp_identity` runs on the file. `shortened`: body
    pages whose frame ends higher (points). With `retry`, runt pages the page before can avoid give the
    result's `shorten` (`shortened` and those pages' cuts: lay out again with it) and no warning; without,
    every runt left is warned about."""
    if created is None:
        created = build_time(report.meta, None)
    prepare_reportlab()  # done already when the pipeline runs; here for callers that render directly
    document = ReportDocument(str(output) if isinstance(output, Path) else output, report, theme, geometry, story,
                              page_decorations, shortened)
    try:
        glyphs = GlyphLog()
        # ReportLab removes each flowable from this list as it lays it out, so a long report
        # does not keep the flowables of finished pages (and their line breaks) in memory
        # the canvas writes the structure tree as it saves: the file is written once, tags included
        document.build(story.flowables, canvasmaker=partial(TaggedCanvas, structure=story.structure,
                                                            meta=report.meta, created=created, glyphs=glyphs))
        avoidable = [runt for runt in document.page_lines.runts() if runt.avoidable]
        if retry and avoidable:
            shorten = dict(shortened or {})
            for runt in avoidable:
                shorten[runt.page - 1] = shorten.get(runt.page - 1, 0.0) + runt.moved * theme.styles.body.leading
            return RenderResult(document.page, shorten=shorten)
        titles = {entry.index: f"“{entry.title}”" for entry in story.entries}
        document.page_lines.report(story.log, [titles.get(index, "the section") for index in range(len(report.sections))])
    except LayoutError:
        raise ReportError([document.layout_problem()]) from None
    except ValueError as error:  # BalancedColumns' own way of saying that its content does not fit
        if "cannot make initial split" not in str(error):
            raise
        raise ReportError([document.layout_problem()]) from None
    found = list(story.log.diagnostics)
    problems = [diagnostic for diagnostic in found if diagnostic.severity != Severity.NOTE]
    return RenderResult(document.page, problems + coverage_problems(glyphs, report, theme.fonts),
                        notes=[diagnostic for diagnostic in found if diagnostic.severity == Severity.NOTE],
                        notices=list(story.log.notices))
