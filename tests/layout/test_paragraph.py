"""The line-break cache: one breaking per width (to a thousandth of a point), shared by copies."""

from __future__ import annotations

import copy

import pytest
from reportlab.lib.styles import ParagraphStyle

from reportgen.layout.paragraph import Paragraph
from reportgen.model.report import Fonts
from reportgen.theme.fonts import register_fonts

TEXT = "Los Angeles County Office of Education serves <b>two million</b> students in eighty districts. " * 6


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    widths: list[float] = []
    original = Paragraph.breakLines

    def counting(self: Paragraph, width: object) -> object:
        widths.append(width[0] if isinstance(width, list) else width)  # type: ignore[index]
        return original(self, width)

    monkeypatch.setattr(Paragraph, "breakLines", counting)
    return widths


def test_widths_equal_to_a_thousandth_of_a_point_break_once(counted: list[float]):
    paragraph = Paragraph(TEXT, ParagraphStyle("body", fontName=register_fonts(Fonts()).body, fontSize=9.6, leading=14))
    first = paragraph.wrap(239.4, 1000)
    assert paragraph.wrap(239.40000000000003, 1000) == (239.40000000000003, first[1])
    assert paragraph.wrap(239.399999, 1000)[1] == first[1]
    assert len(counted) == 1
    paragraph.wrap(200.0, 1000)
    assert len(counted) == 2


def test_copies_share_their_breaks(counted: list[float]):
    paragraph = Paragraph(TEXT, ParagraphStyle("body", fontName=register_fonts(Fonts()).body, fontSize=9.6, leading=14))
    height = paragraph.wrap(239.4, 1000)[1]
    clone = copy.deepcopy(paragraph)
    assert clone.wrap(239.4, 1000)[1] == height and len(counted) == 1
    assert clone.frags is not paragraph.frags  # ReportLab may alter a copy's fragments when it splits
