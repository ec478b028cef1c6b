"""Render stage: report, theme, geometry and story in, a finished PDF file out."""

from reportgen.render.document import RenderResult, render_pdf
from reportgen.render.footer import footer_text

__all__ = ["RenderResult", "footer_text", "render_pdf"]
