"""The common ground of every block: a spec path for error messages, and page-space helpers."""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph

from reportgen.diagnostics import Diagnostic, Severity, SpecPath, format_path
from reportgen.layout.geometry import PageGeometry


@dataclass
class LayoutLog:
    """Warnings the layout raises (text set smaller to fit, images below resolution)."""

    diagnostics: list[Diagnostic] = field(default_factory=list)

    def warn(self, message: str, path: SpecPath, hint: str | None = None) -> None:
        diagnostic = Diagnostic(message, path, hint, severity=Severity.WARNING)
        if diagnostic not in self.diagnostics:
            self.diagnostics.append(diagnostic)


class SpecFlowable(Flowable):
    """A flowable that knows which spec item it draws; its repr names it in layout errors."""

    spec_path: SpecPath = ()

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {format_path(self.spec_path) or '?'}>"

    def identity(self, maxLen: int | None = None) -> str:  # noqa: N803 (ReportLab's name)
        return repr(self)


def trim_origin(canvas: Canvas, geometry: PageGeometry) -> tuple[float, float]:
    """Where the current local origin sits on the trimmed page (flowables draw in local space)."""
    matrix = canvas._currentMatrix  # ReportLab keeps the current transform here
    return (matrix[4] - geometry.offset, matrix[5] - geometry.offset)


def paragraph_height(paragraph: Paragraph, width: float) -> float:
    return paragraph.wrap(width, 10_000)[1]


def draw_paragraph(canvas: Canvas, paragraph: Paragraph, x: float, top: float, width: float) -> float:
    """Draw `paragraph` with its top at `top`; returns the y of its bottom."""
    _, height = paragraph.wrap(width, 10_000)
    paragraph.drawOn(canvas, x, top - height)
    return top - height
