"""Kept line breaks: a warm build reads each paragraph's break decisions from the build cache (no
hyphenation, no total fit) and gives the same bytes; a damaged, planted or outdated entry reads as
absent."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from reportgen import cache
from reportgen.pipeline import BuildOptions, build
from reportgen.reportlab_adapter import breakstore, linebreaking

SPEC = """\
meta: {title: Kept breaks, organization: Office of Kept Breaks}
sections:
  - type: text
    title: What we did
    body: |
      Our districts served two million students across the county, and every school counted its
      accountability, collaboration and responsibility possibilities in extraordinary, unprecedented
      detail. Superintendents reviewed instructional programmes, professional development and the
      characteristics of comprehensive intervention, evaluation and communication strategies.

      Families participated in extraordinarily well-attended conversations about transportation,
      nutrition, counselling and the administration of individualised educational opportunities.
"""


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _entry(output: Path) -> Path:
    """The entry of a build of tmp_path/report.yaml (the `spec` fixture) into tmp_path/out/."""
    return cache.build_cache(output, output.parent.parent) / f"line-breaks-v{breakstore.BREAKS_VERSION}.json"


@pytest.fixture
def spec(tmp_path: Path) -> Path:
    path = tmp_path / "report.yaml"
    path.write_text(SPEC, encoding="utf-8")
    return path


def _counting_breaker(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    original = linebreaking.break_lines

    def counted(*arguments, **options):  # type: ignore[no-untyped-def]
        calls.append(1)
        return original(*arguments, **options)

    monkeypatch.setattr(linebreaking, "break_lines", counted)
    return calls


def test_a_warm_build_breaks_no_paragraph_again_and_gives_the_same_bytes(spec: Path, tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch):
    calls = _counting_breaker(monkeypatch)
    output = tmp_path / "out" / "report.pdf"
    build(spec, output)
    cold, cold_calls = _sha(output), len(calls)
    assert cold_calls > 0 and _entry(output).is_file()
    entries = json.loads(cache.read_cached(_entry(output)) or b"{}")
    assert len(entries) >= 2  # the two body paragraphs at least

    calls.clear()
    build(spec, output)
    assert _sha(output) == cold
    assert calls == []  # every decision came from the build cache

    # without the cache (--no-cache): broken again, the same bytes
    fresh = tmp_path / "fresh" / "report.pdf"
    build(spec, fresh, BuildOptions(cache=False))
    assert _sha(fresh) == cold and len(calls) == cold_calls


def test_a_section_in_its_own_language_is_kept_too(spec: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A section's own language gets styles of its own; they share the build's store of decisions, so its
    paragraphs are kept for the next build like the rest (a store of their own was never saved)."""
    spec.write_text(SPEC.replace("    title: What we did\n", "    title: What we did\n    language: de\n", 1)
                    + "  - type: text\n    title: In English\n    body: Every school counted its possibilities.\n",
                    encoding="utf-8")
    calls = _counting_breaker(monkeypatch)
    output = tmp_path / "out" / "report.pdf"
    build(spec, output)
    cold = _sha(output)
    assert calls
    calls.clear()
    build(spec, output)
    assert calls == [] and _sha(output) == cold


@pytest.mark.parametrize("damage", ["garbage", "wrong form", "word out of range", "break inside nothing"])
def test_a_damaged_or_planted_entry_reads_as_absent(spec: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                    damage: str):
    output = tmp_path / "out" / "report.pdf"
    build(spec, output)
    cold = _sha(output)
    path = _entry(output)
    entries = json.loads(cache.read_cached(path) or b"{}")
    if damage == "garbage":
        path.write_bytes(b"not a cache entry")
    else:
        for key, (flat, ratios, optimal) in entries.items():
            if damage == "wrong form":
                entries[key] = {"ends": flat}
            elif damage == "word out of range":
                entries[key] = [flat[:-3] + [10_000, -1, 0], ratios, optimal]
            else:
                entries[key] = [[0, 0, 1] + flat, ratios, optimal]  # a break at offset 0 of the first word
        cache.write_cached(path, json.dumps(entries).encode())  # sealed: only its form can give it away
    calls = _counting_breaker(monkeypatch)
    build(spec, output)
    assert _sha(output) == cold
    assert calls  # broken again
    rebuilt = json.loads(cache.read_cached(path) or b"{}")  # and the entry made anew
    assert rebuilt and all(isinstance(value, list) and len(value) == 3 and isinstance(value[0], list)
                           and len(value[0]) % 3 == 0 for value in rebuilt.values())


def test_the_key_holds_what_the_breaks_depend_on():
    store = breakstore.BreakStore(None)
    base = store.key("words", [239.4, 239.4], True, False, None, "en_US:False:x")
    assert base == store.key("words", [239.4, 239.4], True, False, None, "en_US:False:x")
    others = {store.key("other words", [239.4, 239.4], True, False, None, "en_US:False:x"),
              store.key("words", [239.5, 239.4], True, False, None, "en_US:False:x"),
              store.key("words", [239.4, 239.4], False, False, None, "en_US:False:x"),
              store.key("words", [239.4, 239.4], True, True, None, "en_US:False:x"),
              store.key("words", [239.4, 239.4], True, False, 3, "en_US:False:x"),
              store.key("words", [239.4, 239.4], True, False, None, "en_US:True:x")}
    assert len(others) == 6 and base not in others


@pytest.mark.parametrize("alignment", ["left", "justify"])
def test_a_line_count_is_the_wrap_s_and_leaves_the_paragraph_as_it_was(alignment: str):
    """Balanced headings and quotes search for a width by line counts alone (Paragraph.line_count)."""
    from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT
    from reportlab.lib.styles import ParagraphStyle

    from reportgen.layout.paragraph import Paragraph
    from reportgen.model.report import Fonts
    from reportgen.theme.fonts import register_fonts
    from reportgen.theme.hyphenation import hyphenator

    style = ParagraphStyle(f"count-{alignment}", fontName=register_fonts(Fonts()).body, fontSize=9.6, leading=14,
                           alignment=TA_LEFT if alignment == "left" else TA_JUSTIFY, firstLineIndent=12,
                           hyphenationLang=hyphenator("en_US", None, False), embeddedHyphenation=1,
                           **{breakstore.BREAKS: breakstore.BreakStore(None)})
    text = " ".join(SPEC.split("body: |", 1)[1].split())
    paragraph = Paragraph(text, style)
    paragraph.wrap(300, 1000)
    lines = [line.words for line in paragraph.blPara.lines]
    counted = [paragraph.line_count(width, 1000) for width in (80, 120.5, 171.25, 239.4, 300, 333.3)]
    assert [line.words for line in paragraph.blPara.lines] == lines  # counting wrapped nothing
    wrapped = []
    for width in (80, 120.5, 171.25, 239.4, 300, 333.3):
        fresh = Paragraph(text, style)
        fresh.wrap(width, 1000)
        wrapped.append(len(fresh.blPara.lines))
    assert counted == wrapped and len(set(counted)) >= 4
