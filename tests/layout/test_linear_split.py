"""Splitting a long paragraph or stat grid costs time in proportion to its length (issue 12 item 11).

ReportLab breaks the rest of a split paragraph into lines again on every page, and a stat grid
measured itself again for every piece: a 50,000-word paragraph took 17 s, 10,000 stats never
finished. The pieces now take the lines (and the measured cells) of the whole; these tests count
the work instead of timing it, so they are exact and not flaky.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from reportlab.platypus import Paragraph as ReportLabParagraph

from reportgen.layout.blocks import stats as stats_module
from reportgen.pipeline import build
from tests.conftest import page_texts

VOCABULARY = "education students district county program support learning community teachers schools".split()


def text(count: int) -> str:
    return " ".join(VOCABULARY[i % len(VOCABULARY)] for i in range(count))


def spec(folder: Path, body: str) -> Path:
    path = folder / "report.yaml"
    path.write_text("meta: {title: T, organization: O}\nsections:\n  - type: text\n    title: T\n" + body,
                    encoding="utf-8")
    return path


@pytest.fixture
def broken_words(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The number of words ReportLab breaks into lines, call by call (a shaped line counts its words;
    an unshaped plain one's items are its words)."""
    counts: list[int] = []
    original = ReportLabParagraph.breakLines

    def counting(self: ReportLabParagraph, widths: object) -> object:
        result = original(self, widths)
        counts.append(sum(line.wordCount if hasattr(line, "wordCount") else len(line[1]) for line in result.lines))
        return result

    monkeypatch.setattr(ReportLabParagraph, "breakLines", counting)
    return counts


def test_a_paragraph_over_many_pages_is_broken_into_lines_about_twice(tmp_path: Path, broken_words: list[int]):
    result = build(spec(tmp_path, f"    body: '{text(8000)} lastword'\n"), tmp_path / "out" / "report.pdf")
    assert result.pages >= 12 and "lastword" in page_texts(result.output)[-1]
    # once whole, then each page's piece once more; breaking the rest again on each page was ~12 times
    assert sum(broken_words) < 2.5 * 8000, sum(broken_words)


def test_layout_time_grows_linearly_with_a_paragraph(tmp_path: Path):
    def seconds(count: int) -> float:
        path = spec(tmp_path, f"    body: '{text(count)}'\n")
        start = time.perf_counter()
        build(path, tmp_path / "out" / f"{count}.pdf")
        return time.perf_counter() - start

    seconds(200)  # fonts and imports
    small, large = seconds(2000), seconds(16000)
    assert large < 8 * 3 * small, (small, large)  # 8 times the words; linear is ~8x, the old split ~25x


def test_a_stat_grid_over_many_pages_measures_each_stat_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    made: list[int] = []
    original = stats_module.StatRow._cells

    def counting(self: stats_module.StatRow, first: int, count: int, *rest: float) -> list:
        made.append(count)
        return original(self, first, count, *rest)

    monkeypatch.setattr(stats_module.StatRow, "_cells", counting)
    stats = "".join(f"      - {{value: '{i}', label: L{i}}}\n" for i in range(100))
    result = build(spec(tmp_path, f"    body: x\n    stats:\n{stats}"), tmp_path / "out" / "report.pdf")
    text_ = "".join(page_texts(result.output))
    assert result.pages >= 2 and "L0" in text_ and "L99" in text_
    assert sum(made) <= 100, sum(made)  # each stat's cell made once (the old pieces made theirs again per page)
