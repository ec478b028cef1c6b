"""Embedded font subsets are named by their content: unique across PDFs, the same for the same spec."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Callable

from pypdf import PdfReader

from reportgen import pipeline
from reportgen.theme.fonts import subset_tag
from tests.conftest import MINIMAL


def base_fonts(path: Path) -> set[str]:
    names = set()
    for page in PdfReader(path).pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]))
    return names


def test_subsets_are_named_by_their_characters(write_spec: Callable[[str], Path], tmp_path: Path):
    first = pipeline.build(write_spec(MINIMAL), tmp_path / "a.pdf").output
    again = pipeline.build(write_spec(MINIMAL), tmp_path / "b.pdf").output
    other = pipeline.build(write_spec(MINIMAL.replace("this is a letter", "½ ¼ ¾ ©")), tmp_path / "c.pdf").output
    names = base_fonts(first)
    assert names and all(re.fullmatch(r"/[A-Z]{6}\+[\w-]+", name) for name in names)
    assert len({name.split("+")[0] for name in names}) == len(names)  # no two subsets share a tag
    assert base_fonts(again) == names  # reproducible
    body = {name for name in names if name.endswith("+OpenSans")}
    changed = {name for name in base_fonts(other) if name.endswith("+OpenSans")}
    assert body and changed and body != changed  # other glyphs, another tag


def test_the_tag_is_six_capitals_from_the_name_and_characters():
    tag = subset_tag(b"OpenSans", [32, 65, 66])
    assert re.fullmatch(rb"[A-Z]{6}", tag)
    assert subset_tag(b"OpenSans", [32, 65, 66]) == tag != subset_tag(b"OpenSans", [32, 65, 67])
    assert subset_tag(b"Lato-Bold", [32, 65, 66]) != tag
