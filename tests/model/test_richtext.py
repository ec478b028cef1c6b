"""Rich text as CommonMark: text in, the model's blocks, spans and links out; every refused construct a located
error; the parse kept in the build cache."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Callable

import pytest

from reportgen.cache import write_cached
from reportgen.diagnostics import ReportError
from reportgen.model import validate
from reportgen.model.richtext import RichTextParser, Span, parse_rich_text
from reportgen.spec import load_spec
from tests.conftest import ROOT


def test_paragraphs_bold_italic_and_links():
    text = parse_rich_text("**Mission:** Improving *lives*. Visit www.lacoe.edu.\n\nSecond one.")
    first, second = text.blocks
    assert first.spans[0] == Span("Mission:", bold=True)
    assert Span("lives", italic=True) in first.spans
    assert Span("www.lacoe.edu", link="https://www.lacoe.edu") in first.spans
    assert first.text == "Mission: Improving lives. Visit www.lacoe.edu."
    assert second.text == "Second one."


def test_bullets_and_continuation_lines():
    text = parse_rich_text("Intro line\n- one\n  continues\n- two")
    assert [b.kind for b in text.blocks] == ["paragraph", "bullet", "bullet"]
    assert text.blocks[1].text == "one continues"


def test_bare_domains_and_email_become_links():
    spans = parse_rich_text("Visit lacoe.edu or write to info@lacoe.edu today").blocks[0].spans
    links = {s.text: s.link for s in spans if s.link}
    assert links == {"lacoe.edu": "https://lacoe.edu", "info@lacoe.edu": "mailto:info@lacoe.edu"}


def test_lone_asterisks_stay_literal():
    assert parse_rich_text("5 * 3 and a*").blocks[0].text == "5 * 3 and a*"


# ---------------------------------------------------------------- CommonMark (issue 17 item 4)

def test_numbered_lists_keep_their_start_and_count_on():
    text = parse_rich_text("Steps:\n\n3. three\n4. four\n   - nested\n5. five")
    assert [(b.kind, b.number, b.depth, b.text) for b in text.blocks] == [
        ("paragraph", None, 0, "Steps:"), ("number", 3, 0, "three"), ("number", 4, 0, "four"),
        ("bullet", None, 1, "nested"), ("number", 5, 0, "five")]


def test_sub_headings_quotes_and_hard_breaks():
    text = parse_rich_text("### Our Work\n\n> quoted **words**\n> go on\n\nline one  \nline two\\\nline three")
    heading, quote, broken = text.blocks
    assert (heading.kind, heading.text) == ("heading", "Our Work")
    assert quote.quoted and quote.text == "quoted words go on" and Span("words", bold=True) in quote.spans
    assert broken.text == "line one\nline two\nline three" and not broken.quoted


def test_a_list_items_second_paragraph_continues_it_on_a_new_line():
    (item,) = parse_rich_text("- first part\n\n  second part").blocks
    assert (item.kind, item.text) == ("bullet", "first part\nsecond part")


def test_escapes_and_entities_are_their_characters():
    (block,) = parse_rich_text(r"\*not italic\* \# and &amp; and 5 \_ 3").blocks
    assert block.text == "*not italic* # and & and 5 _ 3"


def test_links_inside_emphasis_and_autolinks_in_angle_brackets():
    (block,) = parse_rich_text("**Read [the plan](https://x.org/plan)** or <info@x.org>").blocks
    assert Span("the plan", bold=True, link="https://x.org/plan") in block.spans
    assert Span("info@x.org", link="mailto:info@x.org") in block.spans


HEAD = "meta: {title: T, organization: O}\nsections:\n  - type: text\n    title: Our Schools\n    body: |\n"


@pytest.mark.parametrize("body, where, message", [
    ("      Some <b>bold</b> words.\n", "6:12", "raw HTML (`<b>`) is not typeset (write the text as Markdown"),
    ("      Intro.\n\n      <div>a block</div>\n", "8:7", "raw HTML (`<div>`) is not typeset"),
    ("      A photo ![alt](assets/photos/photo.jpg) here.\n", "6:15",
     "an image inside rich text is not typeset (add the picture as an `images:` entry of the section"),
    ("      Figures:\n\n      | a | b |\n      |---|---|\n      | 1 | 2 |\n", "8:7",
     "a Markdown table is not typeset (reportgen sets no tables yet: give the key figures as the section's `stats:`"),
    ("      Intro.\n\n      ## A heading\n", "8:7",
     "a `##` heading is not typeset inside rich text (write `### Words` for a sub-heading"),
    ("      # A heading\n", "6:7", "a `#` heading is not typeset inside rich text"),
    ("      #### A heading\n", "6:7", "a `####` heading is not typeset inside rich text"),
    ("      A heading\n      =========\n", "7:7", "a line of `===` under text makes it a heading"),
    ("      Intro.\n\n          code\n", "8:11", "a code block (text indented 4 spaces after a blank line)"),
    ("      ```\n      code\n      ```\n", "6:7", "a code block (a ``` fence) is not typeset"),
    ("      Text `code` here.\n", "6:12", "inline code (text in backticks) has no style in a report"),
    ("      Intro.\n\n      ***\n", "8:7", "a horizontal rule (***) is not typeset"),
    ("      - one\n        - two\n          - three\n", "8:11", "a list nested more than one level deep is not typeset"),
    ("      > quoted ![alt](x.png)\n", "6:16", "an image inside rich text is not typeset"),
])
def test_a_refused_construct_is_a_located_error_naming_it(write_spec: Callable[[str], Path], body: str, where: str,
                                                          message: str):
    spec = write_spec(HEAD + body)
    with pytest.raises(ReportError) as caught:
        validate(load_spec(spec))
    found = [str(d).split("/")[-1] for d in caught.value.diagnostics]
    assert len(found) == 1 and found[0].startswith(f"report.yaml:{where}: sections[0].body: {message}"), found


def test_every_refused_construct_is_reported_at_once(write_spec: Callable[[str], Path]):
    spec = write_spec(HEAD + "      A <i>b</i> and ![c](d.png).\n\n      ## E\n\n      Then [x](file:///etc).\n")
    with pytest.raises(ReportError) as caught:
        validate(load_spec(spec))
    assert [(d.line, d.column) for d in caught.value.diagnostics] == [(6, 9), (6, 22), (8, 7), (10, 12)]


def test_the_parse_is_kept_in_the_build_cache(tmp_path: Path):
    """A second validation reads every text's parse from the cache: markdown-it is not imported at all, and the
    rich text is the same; a damaged entry is parsed again."""
    script = ("import sys; from pathlib import Path; from reportgen.model import validate; "
              "from reportgen.spec import load_spec; "
              f"report, _ = validate(load_spec({str(ROOT / 'report.yaml')!r}), cache_dir=Path({str(tmp_path)!r})); "
              "import hashlib; print('markdown_it' in sys.modules, hashlib.sha256(repr(report.sections).encode()).hexdigest())")
    def run() -> list[str]:
        return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout.split()
    cold = run()
    entries = list(tmp_path.glob("richtext-v*.json"))
    assert cold[0] == "True" and len(entries) == 1
    warm = run()
    assert warm == ["False", cold[1]]
    entries[0].write_bytes(entries[0].read_bytes()[:-40])  # cut short: its seal no longer matches
    assert run() == cold


def test_a_cache_entry_that_is_not_a_parse_is_ignored(tmp_path: Path):
    parser = RichTextParser(tmp_path)
    parser.parse("Some **text**.")
    parser.save()
    (entry,) = tmp_path.glob("richtext-v*.json")
    key = next(iter(json.loads(entry.read_bytes().split(b"\n", 2)[-1])))
    write_cached(entry, ('{"%s": [[["paragraph", "x", null, false, []]], [], []]}' % key).encode())
    assert RichTextParser(tmp_path).parse("Some **text**.") == parse_rich_text("Some **text**.")


def test_typed_bullets_are_list_items_too():
    text = parse_rich_text("Intro\n\u2022 one\n\u2022 two\n\n> \u2022 quoted")
    assert [(b.kind, b.text, b.quoted) for b in text.blocks] == [
        ("paragraph", "Intro", False), ("bullet", "one", False), ("bullet", "two", False), ("bullet", "quoted", True)]
    assert text.source.startswith("Intro\n\u2022 one")  # the source as written
