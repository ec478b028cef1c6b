"""What a structure-based reader gets (tests/render/reader.py): words that read as words, links that hold their
words, captions that are read; and links that look like links."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Callable

import pikepdf
import pytest

from reportgen.pipeline import BuildOptions, build
from tests.conftest import MINIMAL, ROOT
from tests.render.reader import Read, Reader, odd_words, words
from tests.render.test_structure import KITCHEN_SINK

PRIMARY = (0.0, 0.227451, 0.439216)  # the default theme's primary colour, the shipped link element's
TEXT = (0.117647, 0.117647, 0.117647)  # its text colour
LINKED = MINIMAL + """\
  - type: text
    title: Links
    body: |
      A paragraph long enough to wrap with a [link to the agency](https://example.org/agency) in the middle of its
      words, and another [that runs on past the end of this line and onto the next one](https://example.org/more)
      before it ends; its interdisciplinary multidimensional characteristically incomprehensible words hyphenate.
    images:
      - {file: assets/photos/photo.jpg, caption: The caption of a decorative photo}
"""
FRENCH = """\
meta:
  title: Rapport annuel 2023-2024
  organization: Office de l'éducation du comté
  language: fr-FR
page: {size: a4}
sections:
  - type: cover
  - type: text
    title: Une éducation pour toutes et pour tous, au service de l'épanouissement de chaque élève
    body: |
      L'établissement accompagne quotidiennement les enseignantes et les enseignants dans la transformation
      pédagogique, l'interdisciplinarité et l'accompagnement personnalisé des élèves, notamment grâce à des
      [ressources numériques](https://example.org/ressources) conçues collectivement et régulièrement
      renouvelées, afin que chaque communauté scolaire bénéficie d'un enseignement véritablement inclusif.
"""
WRITTEN = ("A paragraph long enough to wrap with a link to the agency in the middle of its words, and another that "
           "runs on past the end of this line and onto the next one before it ends; its interdisciplinary "
           "multidimensional characteristically incomprehensible words hyphenate.")


def hidden(node: Read, role: str, covered: bool = False) -> list[Read]:
    """The elements of `role` under an Alt or ActualText (which stands for all an element holds: never read)."""
    found = [node] if covered and node.role == role else []
    covered = covered or "Alt" in node.attributes or "ActualText" in node.attributes
    return found + [element for kid in node.kids for element in hidden(kid, role, covered)]


def check_reading(path: Path, spec_text: str) -> Reader:
    """The PDF at `path` reads the words of `spec_text`: none run together, none split; every Link holds its
    words, no Link or Caption is hidden."""
    reader = Reader(path)
    joined, split = odd_words(reader.text(), set(words(spec_text)))
    assert (joined, split) == ([], [])
    links = [element for element in reader.root.walk() if element.role == "Link"]
    assert all(link.own and link.text.strip() and "Alt" not in link.attributes for link in links)
    assert hidden(reader.root, "Link") == [] and hidden(reader.root, "Caption") == []
    return reader


@pytest.fixture
def linked(write_spec: Callable[[str], Path], tmp_path: Path) -> tuple[Path, str]:
    build(write_spec(LINKED), tmp_path / "out.pdf")
    return tmp_path / "out.pdf", LINKED


def test_the_default_report_reads_word_for_word(default_build):
    reader = check_reading(default_build.output, (ROOT / "report.yaml").read_text(encoding="utf-8"))
    assert len([element for element in reader.root.walk() if element.role == "Caption"]) >= 8


def test_the_default_report_in_print_reads_word_for_word(tmp_path: Path):
    output = tmp_path / "print.pdf"
    build(ROOT / "report.yaml", output, BuildOptions(print_mode=True))
    check_reading(output, (ROOT / "report.yaml").read_text(encoding="utf-8"))


def test_the_starter_reads_word_for_word(cli, tmp_path: Path):
    folder = tmp_path / "starter"
    assert cli("init", str(folder)).code == 0
    build(folder / "report.yaml", tmp_path / "starter.pdf")
    check_reading(tmp_path / "starter.pdf", (folder / "report.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("text", [MINIMAL, KITCHEN_SINK, FRENCH], ids=["minimal", "kitchen-sink", "french-a4"])
def test_test_specs_read_word_for_word(write_spec: Callable[[str], Path], tmp_path: Path, text: str):
    build(write_spec(text), tmp_path / "out.pdf")
    check_reading(tmp_path / "out.pdf", text)


def test_hyphenated_words_read_whole_from_a_span_of_their_own(linked):
    path, text = linked
    reader = check_reading(path, text)
    hyphenated = [span for span in reader.spans if span.isalpha()]
    assert hyphenated and set(hyphenated) <= set(words(text))  # each the whole word, as written
    (paragraph,) = [element for element in reader.root.walk() if element.role == "P" and "agency" in element.text]
    assert "ActualText" not in paragraph.attributes
    assert " ".join(paragraph.text.split()) == WRITTEN


def test_a_link_holds_its_words_amid_its_paragraph(linked):
    path, _ = linked
    reader = check_reading(path, LINKED)
    (paragraph,) = [element for element in reader.root.walk() if element.role == "P" and "agency" in element.text]
    assert [" ".join(kid.text.split()) for kid in paragraph.kids] == [
        "link to the agency", "that runs on past the end of this line and onto the next one"]
    with pikepdf.open(path) as pdf:
        descriptions = [str(annotation.Contents) for page in pdf.pages for annotation in page.obj.get("/Annots", [])]
    assert "link to the agency (https://example.org/agency)" in descriptions


def test_a_decorative_photo_keeps_its_caption_as_a_caption(linked):
    path, _ = linked
    reader = Reader(path)
    (caption,) = [element for element in reader.root.walk() if element.role == "Caption"]
    assert caption.text == "The caption of a decorative photo"
    assert not [element for element in reader.root.walk() if element.role == "Figure" and element.kids]


def test_links_in_running_text_are_underlined_in_the_link_colour(linked, write_spec, tmp_path: Path):
    path, _ = linked
    reader = Reader(path)
    links = [element for element in reader.root.walk() if element.role == "Link"]
    assert {reader.fill[key] for link in links for key in link.own} == {PRIMARY}
    underlines = [line for line in reader.strokes if line[1] == PRIMARY]
    assert len(underlines) >= 3  # one under the first link, one under each line of the second
    plain = LINKED.replace("sections:", "theme:\n  styles:\n    link: {underline: false, color: text}\nsections:")
    build(write_spec(plain), tmp_path / "plain.pdf")
    plain_reader = Reader(tmp_path / "plain.pdf")
    links = [element for element in plain_reader.root.walk() if element.role == "Link"]
    assert {plain_reader.fill[key] for link in links for key in link.own} == {TEXT}
    assert [line for line in plain_reader.strokes if line[1] in (PRIMARY, TEXT)] == []


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="Poppler's pdftotext is not installed")
def test_text_extraction_reads_the_same_words(linked):
    """pdftotext (which reads the glyphs and the spans' ActualText, not the tree) gets each word once, whole."""
    path, text = linked
    extracted = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert odd_words(extracted, set(words(text))) == ([], [])
    assert extracted.count("interdisciplinary") == text.count("interdisciplinary")
