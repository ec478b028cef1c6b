"""The block registry: the one list of section types, from which the model, schema, docs and story follow;
every block's sample validates, lays out alone and prints its text; a new type is one module."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import textwrap
import typing
from pathlib import Path

import pytest
import yaml

from reportgen.cache import CACHE_ENV
from reportgen.layout import ImageStore, PageGeometry, build_story
from reportgen.model import validate
from reportgen.model.reference import json_schema, missing_notes
from reportgen.model.report import SECTION_TYPES, Report
from reportgen.pipeline import build
from reportgen.sections.block import Block
from reportgen.sections.cover import Cover
from reportgen.sections.registry import BLOCKS, NOT_BLOCKS
from reportgen.spec import parse_spec
from reportgen.theme import build_theme
from tests.conftest import ROOT, page_texts

SECTIONS = ROOT / "src" / "reportgen" / "sections"
META = {"meta": {"title": "Registry Check", "organization": "Registry Org"}}


def sample_spec(*samples: typing.Mapping) -> str:
    return yaml.safe_dump({**META, "sections": [dict(sample) for sample in samples]}, sort_keys=False)


def sample_texts(value: object) -> list[str]:
    """The sample's own words (every text with 'sample' in it): what the block must print."""
    if isinstance(value, dict):
        return [text for item in value.values() for text in sample_texts(item)]
    if isinstance(value, list):
        return [text for item in value for text in sample_texts(item)]
    return [value] if isinstance(value, str) and "sample" in value.lower() else []


def test_every_module_of_the_package_is_a_block_of_its_name_in_the_declared_order():
    modules = sorted(path.stem for path in SECTIONS.glob("*.py") if path.stem != "__init__" and path.stem not in NOT_BLOCKS)
    assert sorted(BLOCKS) == modules
    assert all(block.name == name for name, block in BLOCKS.items())
    orders = [block.order for block in BLOCKS.values()]
    assert orders == sorted(orders) and len(set(orders)) == len(orders)
    assert SECTION_TYPES == ("cover", "contents", "letter", "quote", "text", "closing", "cards", "pillars_overview",
                             "pillar", "financials", "back_cover")


def test_the_model_union_and_the_schema_come_from_the_registry():
    union = typing.get_args(typing.get_args(typing.get_args(Report.fields["sections"].type)[0])[0])
    assert union == tuple(block.model for block in BLOCKS.values())
    mapping = json_schema()["properties"]["sections"]["items"]["discriminator"]["mapping"]
    assert list(mapping) == list(SECTION_TYPES)
    assert mapping == {name: f"#/$defs/{block.model.__name__}" for name, block in BLOCKS.items()}
    assert missing_notes() == []


def test_a_block_must_declare_a_model_of_its_own_type():
    with pytest.raises(TypeError, match=r"block 'poster': its model Cover needs `type: Literal\['poster'\]`"):
        Block("poster", Cover, lambda section, build, path: [], order=1, notes={}, sample={})


def test_the_page_plan_comes_from_the_blocks():
    feature = {name for name, block in BLOCKS.items() if block.page == "feature"}
    unlisted = {name for name, block in BLOCKS.items() if not block.contents}
    assert feature == {"cover", "quote", "back_cover"}
    assert unlisted == {"cover", "contents", "quote", "back_cover"}
    assert {name for name, block in BLOCKS.items() if not block.outline} == {"quote"}
    assert {name for name, block in BLOCKS.items() if block.once} == {"cover", "contents", "back_cover"}


@pytest.mark.parametrize("name", list(BLOCKS))
def test_each_sample_validates_and_lays_out_alone(name: str):
    block = BLOCKS[name]
    report, warnings = validate(parse_spec(sample_spec(block.sample), file="sample.yaml", base_dir=ROOT))
    assert [section.type for section in report.sections] == [name]
    story = build_story(report, build_theme(report), PageGeometry.from_page(report.page), ImageStore())
    assert story.flowables, f"{name} laid out nothing"
    assert sample_texts(block.sample), f"{name}'s sample has no text of its own to check"


def test_every_sample_prints_its_text(tmp_path: Path):
    """One report of every block's sample, in registry order: each sample's words are on the pages."""
    spec = tmp_path / "samples.yaml"
    spec.write_text(sample_spec(*(block.sample for block in BLOCKS.values())), encoding="utf-8")
    output = tmp_path / "samples.pdf"
    build(spec, output)
    text = re.sub(r"\s+", " ", " ".join(page_texts(output)))
    for name, block in BLOCKS.items():
        for words in sample_texts(block.sample):
            assert words in text, f"{name}: {words!r} is not printed"


NEW_BLOCK = '''\
"""The `title` block (a test's): a title section in, one heading out. Named `title` on purpose: the
build context has a helper of that name, which the story must not call for it."""

from __future__ import annotations

from typing import Literal

from reportgen.model.parts import SectionBase
from reportgen.model.types import Text
from reportgen.sections.block import Block


class TitlePage(SectionBase):
    type: Literal["title"]
    heading: Text


NOTES = {"TitlePage.type": ("`title`: one heading.", "title"), "TitlePage.heading": ("The heading.", "Hello")}


def layout(section, build, path):
    from reportgen.layout.markup import plain
    from reportgen.layout.tagging import TaggedParagraph

    return [TaggedParagraph(plain("From the title block: " + section.heading), build.theme.styles.heading, role="H1")]


BLOCK = Block("title", TitlePage, layout, order=55, notes=NOTES, sample={"type": "title", "heading": "Sample"})
'''

CHECK = '''\
import json, sys
from pypdf import PdfReader
from reportgen.model.reference import json_schema, missing_notes, update_tables
from reportgen.model.report import SECTION_TYPES
from reportgen.pipeline import build

schema = json_schema()
build(sys.argv[1], sys.argv[2])
text = " ".join(page.extract_text() for page in PdfReader(sys.argv[2]).pages)
table = update_tables("<!-- fields TitlePage -->\\n<!-- /fields -->")
print(json.dumps({"types": SECTION_TYPES, "missing": missing_notes(), "in_schema": "TitlePage" in schema["$defs"],
                  "mapping": schema["properties"]["sections"]["items"]["discriminator"]["mapping"].get("title"),
                  "printed": "From the title block: Hello" in " ".join(text.split()), "table": table}))
'''


def test_a_new_section_type_is_one_module(tmp_path: Path):
    """Add one module to a copy of the package: the model, schema, docs tables, notes check and story
    all take the new type, and a type named like a build-context helper (`title`) gets its own layout."""
    package = tmp_path / "src" / "reportgen"
    shutil.copytree(ROOT / "src" / "reportgen", package, ignore=shutil.ignore_patterns("__pycache__"))
    (package / "sections" / "title.py").write_text(NEW_BLOCK, encoding="utf-8")
    spec = tmp_path / "report.yaml"
    spec.write_text(textwrap.dedent("""\
        meta: {title: New Type, organization: O}
        sections:
          - type: contents
          - type: title
            heading: Hello
        """), encoding="utf-8")
    result = subprocess.run([sys.executable, "-c", CHECK, str(spec), str(tmp_path / "out.pdf")], capture_output=True,
                            text=True, env={"PYTHONPATH": str(tmp_path / "src"), "PATH": "/usr/bin:/bin",
                                            CACHE_ENV: os.environ[CACHE_ENV]},  # this test's cache (conftest)
                            cwd=tmp_path, timeout=120)
    assert result.returncode == 0, result.stderr
    found = yaml.safe_load(result.stdout)
    assert found["types"] == list(SECTION_TYPES[:5]) + ["title"] + list(SECTION_TYPES[5:])
    assert found["missing"] == [] and found["in_schema"] and found["mapping"] == "#/$defs/TitlePage"
    assert found["printed"]
    assert "| `heading` | text | **required** | The heading. | `Hello` |" in found["table"]


def test_validation_calls_each_blocks_check_hook_and_locates_what_it_finds(write_spec, monkeypatch):
    """A block's `check` is called once per section of its type, with the section, the report's check
    context and the section's spec path; what it returns is located like every other problem."""
    import dataclasses
    import importlib

    import pytest

    from reportgen.diagnostics import Diagnostic, ReportError
    from reportgen.sections.registry import BLOCKS, block_of
    from reportgen.spec import load_spec

    validation = importlib.import_module("reportgen.model.validate")  # the module, not its function
    calls = []

    def check(section, context, path):
        calls.append((section.title, path, context.keys))
        return [Diagnostic(f"checked {section.title}", path + ("title",), "a hint")]

    text = dataclasses.replace(BLOCKS["text"], check=check)
    monkeypatch.setattr(validation, "block_of", lambda section: text if section.type == "text" else block_of(section))
    spec = write_spec("meta: {title: T, organization: O}\nsections:\n  - {type: cover}\n"
                      "  - type: text\n    title: First\n  - type: text\n    title: Second\n")
    with pytest.raises(ReportError) as caught:
        validation.validate(load_spec(spec))
    assert [(title, path) for title, path, _ in calls] == [("First", ("sections", 1)), ("Second", ("sections", 2))]
    assert calls[0][2] == ["cover", "first", "second"]  # the report parsed: the checks know the sections' anchors
    messages = [str(d) for d in caught.value.diagnostics]
    assert [m.split("report.yaml:")[1] for m in messages] == [
        "5:12: sections[1].title: checked First (a hint)", "7:12: sections[2].title: checked Second (a hint)"]
