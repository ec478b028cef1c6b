"""A section's own language: its Sect's /Lang in the PDF, its paragraphs' hyphenation patterns, and a
located warning (no hyphenation, no crash) for a language pyphen has no patterns for."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import pikepdf
import pytest

from reportgen.diagnostics import ReportError
from reportgen.pipeline import build, check_spec
from reportgen.theme import build_theme

SPEC = """\
meta:
  title: Languages
  organization: O
  language: {meta}
sections:
  - type: text
    title: English
    body: Education for everyone.
  - type: text
    title: Deutsch
    language: de-DE
    body: Bildung für alle.
  - type: text
    title: Klingon
    language: tlh
    body: Qapla.
"""


def _sections(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    [document] = [kid for kid in pdf.Root.StructTreeRoot.K] if isinstance(pdf.Root.StructTreeRoot.K, pikepdf.Array) \
        else [pdf.Root.StructTreeRoot.K]
    return [kid for kid in document.K if isinstance(kid, pikepdf.Dictionary) and kid.get("/S") == "/Sect"]


def test_a_sections_language_is_its_structure_elements_lang(write_spec: Callable[[str], Path], tmp_path: Path):
    result = build(write_spec(SPEC.format(meta="en-US")), tmp_path / "out.pdf")
    with pikepdf.open(result.output) as pdf:
        assert str(pdf.Root.Lang) == "en-US"
        langs = [str(sect.Lang) if "/Lang" in sect else None for sect in _sections(pdf)]
    assert langs == [None, "de-DE", "tlh"]  # the first reads in the document's language


def test_a_language_without_patterns_is_a_located_warning_and_no_hyphenation(write_spec: Callable[[str], Path],
                                                                            tmp_path: Path):
    spec = write_spec(SPEC.format(meta="en-US"))
    result = build(spec, tmp_path / "out.pdf")
    [warning] = [str(w) for w in result.warnings if "hyphenation patterns" in str(w)]
    assert "report.yaml:15:15: warning: sections[2].language: there are no hyphenation patterns for the language 'tlh'" \
        in warning
    _, report, _ = check_spec(spec)
    theme = build_theme(report, cache_dir=tmp_path)
    assert theme.for_language("tlh").styles.body.hyphenationLang == ""
    assert theme.styles.body.hyphenationLang("education") [:2] == [("educa", "tion"), ("edu", "cation")]


def test_hyphenation_follows_meta_language_and_each_sections_own(write_spec: Callable[[str], Path], tmp_path: Path):
    word = "Bildungsministerium"
    _, english, _ = check_spec(write_spec(SPEC.format(meta="en-US")))
    _, german, _ = check_spec(write_spec(SPEC.format(meta="de"), name="german.yaml"))
    english_theme, german_theme = build_theme(english, cache_dir=tmp_path), build_theme(german, cache_dir=tmp_path)
    german_splits = german_theme.styles.body.hyphenationLang(word)  # meta.language: de -> German patterns
    assert german_splits and german_splits != english_theme.styles.body.hyphenationLang(word)
    # the English report's German section is set with the German patterns, its other sections with English ones
    assert english_theme.for_language("de-DE").styles.body.hyphenationLang(word) == german_splits
    assert english_theme.for_language("de-DE").styles.lead.hyphenationLang == ""  # the lead never hyphenates


def test_a_malformed_language_tag_is_a_located_error(write_spec: Callable[[str], Path]):
    spec = write_spec(SPEC.format(meta="en-US").replace("language: tlh", "language: english_us"))
    with pytest.raises(ReportError) as caught:
        check_spec(spec)
    [message] = [str(d) for d in caught.value.diagnostics]
    assert "report.yaml:15:15: sections[2].language: 'english_us' is not a language tag" in message
