"""Paragraphs that remember their line breaks: ReportLab's Paragraph, wrapped once per width, split in linear time.

The class works with ReportLab's line-breaking internals, so it lives in reportgen.reportlab_adapter.platypus;
layout code imports it from here.
"""

from __future__ import annotations

from reportgen.reportlab_adapter.platypus import Paragraph, width_key

__all__ = ["Paragraph", "width_key"]
