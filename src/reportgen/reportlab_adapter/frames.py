"""Frames: ReportLab's Frame in, one that splits a flowable at the width it wraps it at out.

ReportLab's Frame.add wraps a flowable at the frame's width less its indents (`Indenter`), but
Frame.split (5.1.0 and before) asks the flowable to split at the full width: a paragraph split at a
page turn under an Indenter was broken at one width and drawn at another (lines over the edge, a
stray one-word line at the turn, the rest broken again on every page).
"""

from __future__ import annotations

from reportlab.platypus.frames import Frame


class IndentedFrame(Frame):
    """A Frame whose split sees the indented width, as its add does."""

    def split(self, flowable: object, canv: object) -> list:
        full = self._aW
        self._aW = self._getAvailableWidth()
        try:
            return super().split(flowable, canv)
        finally:
            self._aW = full
