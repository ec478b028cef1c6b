"""Document build: a report, theme and story in, a PDF file (metadata, outline, page numbers) out.

The PDF is written to a temporary file beside the target and renamed into place, so a failed
build never leaves a partial file or damages an earlier PDF.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.platypus import BaseDocTemplate
from reportlab.platypus.doctemplate import LayoutError

from reportgen.diagnostics import Diagnostic, ReportError
from reportgen.layout import PageGeometry, Story, page_templates
from reportgen.model.report import Report
from reportgen.render.footer import FooterPainter
from reportgen.theme import Theme

PRODUCER = "reportgen"


@dataclass
class RenderResult:
    path: Path
    pages: int
    warnings: list[Diagnostic] = field(default_factory=list)


class ReportDocument(BaseDocTemplate):
    """BaseDocTemplate that finishes forward page references before saving."""

    def __init__(self, target: object, report: Report, theme: Theme, geometry: PageGeometry, story: Story,
                 page_decorations: list | None = None):
        meta = report.meta
        self.story_plan = story
        footer = FooterPainter(report, theme, geometry)
        extra = list(page_decorations or [])
        templates = page_templates(geometry, body_decorations=[footer, *extra], feature_decorations=extra)
        ordered = [templates[story.first_template]] + [t for k, t in templates.items() if k != story.first_template]
        super().__init__(
            target, pagesize=geometry.media_size, pageTemplates=ordered, invariant=1, pageCompression=1,
            title=meta.title, author=meta.author or meta.organization, subject=meta.subject or meta.subtitle,
            keywords=list(meta.keywords), creator=PRODUCER, producer=PRODUCER, lang=meta.language,
            displayDocTitle=1, leftMargin=0, rightMargin=0, topMargin=0, bottomMargin=0)

    def _endBuild(self) -> None:  # noqa: N802 (ReportLab's name)
        self.canv.showOutline()
        self.story_plan.registry.define_forms(self.canv)
        super()._endBuild()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def render_pdf(report: Report, theme: Theme, geometry: PageGeometry, story: Story, output: Path,
               page_decorations: list | None = None) -> RenderResult:
    """Lay out and write the PDF atomically; layout failures become diagnostics."""
    output = Path(output)
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ReportError.single(f"cannot create the output folder {output.parent}: {error.strerror}") from None
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".tmp", dir=output.parent)
    except OSError as error:
        raise ReportError.single(f"cannot write to {output.parent}: {error.strerror}",
                                 hint="choose a writable output folder with -o") from None
    os.close(handle)
    try:
        document = ReportDocument(temporary, report, theme, geometry, story, page_decorations)
        try:
            # ReportLab removes each flowable from this list as it lays it out, so a long report
            # does not keep the flowables of finished pages (and their line breaks) in memory
            document.build(story.flowables)
        except LayoutError as error:
            raise ReportError([Diagnostic(f"cannot lay out: {error}", hint="shorten the item or split it")]) from None
        pages = document.page
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes owner-only files; a PDF is for sharing
        os.replace(temporary, output)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return RenderResult(output, pages, list(story.log.diagnostics))
