"""Page ends kept between builds (layout.page_ends): a build whose inputs are the last build's lays out
once, with the page ends the last one settled on, and writes the same bytes; any change lays out again."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import pytest

import reportgen.render
from reportgen.pipeline import build
from tests.layout.test_page_flow import RUNT, paragraphs, words


@pytest.fixture
def layouts(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many layouts each build made (the pipeline imports render_pdf when it runs)."""
    made: list[int] = []
    render = reportgen.render.render_pdf

    def counted(*arguments: object, **options: object) -> object:
        made.append(1)
        return render(*arguments, **options)

    monkeypatch.setattr(reportgen.render, "render_pdf", counted)
    return made


def test_a_runt_avoided_once_is_laid_out_once_after(write_spec: Callable, tmp_path: Path, layouts: list[int]):
    body = paragraphs(9, 70) + "\n\n      " + words(25, 99)
    spec = write_spec(RUNT.replace("COLUMNS", "2").replace("BODY", body))
    first = build(spec, tmp_path / "report.pdf")
    assert len(layouts) == 2 and not first.warnings  # the runt page found, then avoided
    cold = first.output.read_bytes()
    layouts.clear()
    again = build(spec, tmp_path / "report.pdf")
    assert len(layouts) == 1 and again.output.read_bytes() == cold and not again.warnings
    layouts.clear()
    spec.write_text(spec.read_text(encoding="utf-8").replace("title: Section", "title: Section Two"), encoding="utf-8")
    build(spec, tmp_path / "report.pdf")
    assert len(layouts) == 2  # another report: its runt found and avoided again


def test_a_damaged_entry_is_laid_out_as_cold(write_spec: Callable, tmp_path: Path, layouts: list[int]):
    body = paragraphs(9, 70) + "\n\n      " + words(25, 99)
    spec = write_spec(RUNT.replace("COLUMNS", "2").replace("BODY", body))
    cold = build(spec, tmp_path / "report.pdf").output.read_bytes()
    from reportgen.cache import build_cache
    [entry] = build_cache(tmp_path / "report.pdf", spec.parent).glob("page-ends-*.json")
    entry.write_bytes(entry.read_bytes().replace(b'"ends": [[', b'"ends": [[9'))  # its seal no longer matches
    layouts.clear()
    assert build(spec, tmp_path / "report.pdf").output.read_bytes() == cold and len(layouts) == 2
