"""Every YAML example in docs/spec.md builds into a PDF, with what it says on the page.

Each example is placed where it belongs in a small spec by what it is (a whole spec, top-level keys, a
list of sections, or a section's field); one the test does not know how to place fails, and the
example's own data must come back unchanged from the spec it was placed in, so no placement can hide it.
"""

from __future__ import annotations

import re
import shutil
import unicodedata
from pathlib import Path
from typing import Any

import pytest
import yaml

from reportgen.model.report import Report
from reportgen.pipeline import build
from reportgen.spec import load_spec
from tests.conftest import ROOT, copy_fonts, page_texts

DOCUMENT = (ROOT / "docs" / "spec.md").read_text(encoding="utf-8")
EXAMPLES = re.findall(r"```yaml\n(.*?)```", DOCUMENT, re.S)
META = {"title": "Example Report", "organization": "Example Organization"}
SECTIONS = [{"type": "cover"}, {"type": "text", "title": "Example Text", "body": "Some text."}]
TOP_LEVEL = set(Report.fields)
# a section's field in an example: the section it is shown in (an `image` as a text section's photo, where
# its caption is printed)
FIELD_HOSTS = {"stats": {"type": "text", "title": "Example Text"},
               "body": {"type": "text", "title": "Example Text"},
               "image": {"type": "text", "title": "Example Text", "body": "Some text."},
               "tables": {"type": "text", "title": "Example Text", "body": "Some text."}}
PRINTED = ("title", "label", "value", "caption", "goal", "heading", "name", "role", "lead", "subtitle", "body", "text",
           "organization", "quote", "attribution", "author", "address", "url", "phone", "email", "year")


def place(data: Any) -> tuple[dict[str, Any], tuple[Any, ...], Any]:
    """The whole spec an example goes into, where in it the example is (a key path), and what must be
    found there."""
    if isinstance(data, list):  # sections
        return {"meta": META, "sections": data}, ("sections",), data
    if not isinstance(data, dict) or not data:
        pytest.fail(f"an example that is neither a mapping nor a list of sections: {data!r}")
    if "sections" in data:
        return data, (), data
    keys = set(data)
    if keys <= FIELD_HOSTS.keys() and len(keys) == 1:
        (key,) = keys
        if key == "image":
            section = {**FIELD_HOSTS[key], "images": [data[key]]}
            return {"meta": META, "sections": [SECTIONS[0], section]}, ("sections", -1, "images", 0), data[key]
        section = {**FIELD_HOSTS[key], **data}
        return {"meta": META, "sections": [SECTIONS[0], section]}, ("sections", -1), section
    if not keys <= TOP_LEVEL:
        pytest.fail(f"an example this test cannot place (keys {sorted(keys - TOP_LEVEL)}): teach `place`")
    spec = {"meta": META, "sections": SECTIONS, **data}
    return spec, (), {**spec, **data}


def at(data: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        data = data[key]
    return data


def strings(data: Any, key: str | None = None) -> list[str]:
    """The printed text of an example: values of the fields that are set on the page."""
    if isinstance(data, dict):
        if key == "meta":  # the rest of meta is the PDF's information, not its pages
            data = {k: v for k, v in data.items() if k in ("title", "subtitle", "organization", "year")}
        return [text for k, v in data.items() for text in strings(v, k)]
    if isinstance(data, list):
        return [text for item in data for text in strings(item, key)]
    return [data] if isinstance(data, str) and key in PRINTED and "{" not in data else []


def squeezed(text: str) -> str:
    """Text as compared with a PDF's: letters and digits only (line ends, hyphens, markup and
    ligatures aside), without case."""
    return "".join(c for c in unicodedata.normalize("NFKC", text).casefold() if c.isalnum())


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with the repository's photos and the shipped fonts where the examples name them."""
    folder = tmp_path_factory.mktemp("examples")
    shutil.copytree(ROOT / "assets", folder / "assets")
    copy_fonts(folder)
    return folder


def test_there_are_examples_of_every_kind():
    kinds = {type(yaml.safe_load(example)).__name__ for example in EXAMPLES}
    assert len(EXAMPLES) >= 20 and kinds == {"dict", "list"}


@pytest.mark.parametrize("number", range(len(EXAMPLES)), ids=[f"example{i}" for i in range(len(EXAMPLES))])
def test_every_example_builds(number: int, project: Path, tmp_path: Path):
    data = yaml.safe_load(EXAMPLES[number])
    spec_data, where, expected = place(data)
    spec = project / f"example{number}.yaml"  # beside the assets: the examples' paths are relative to the spec
    spec.write_text(yaml.safe_dump(spec_data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    placed = at(load_spec(spec).data, where)
    assert placed == expected  # nothing of the example lost or replaced where it was put
    assert data == yaml.safe_load(EXAMPLES[number])
    result = build(spec, tmp_path / "example.pdf")
    assert result.pages >= 1
    text = squeezed(" ".join(page_texts(result.output)))
    missing = [s for s in strings(data) if squeezed(re.sub(r"[*_`]|\]\([^)]*\)", "", s)) not in text]
    assert missing == [], f"printed fields of the example not found in its PDF: {missing}"
