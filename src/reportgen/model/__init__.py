"""Model stage: spec data in, a validated, frozen `Report` (lengths in points) out. No ReportLab here."""

from reportgen.model.colors import Color
from reportgen.model.report import Report
from reportgen.model.richtext import Block, RichText, Span
from reportgen.model.validate import validate

__all__ = ["Block", "Color", "Report", "RichText", "Span", "validate"]
