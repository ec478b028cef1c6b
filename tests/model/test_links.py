"""Links in rich text and on the back cover: internal `#id` links must name a section, only http(s), mailto
and tel leave the document, every problem is located at the link itself, and URLs keep balanced parentheses."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import pytest
from pypdf import PdfReader

from reportgen.diagnostics import ReportError
from reportgen.model import validate
from reportgen.model.richtext import LinkError, link_target, parse_rich_text
from reportgen.pipeline import build
from reportgen.spec import load_spec

HEAD = """\
meta: {title: T, organization: O}
sections:
  - type: financials
    id: budget
    title: Where the Money Goes
  - type: text
    title: Our Schools
"""


def problems(path: Path) -> list[str]:
    with pytest.raises(ReportError) as caught:
        validate(load_spec(path))
    return [str(d) for d in caught.value.diagnostics]


def build_problems(path: Path, tmp_path: Path) -> list[str]:
    with pytest.raises(ReportError) as caught:
        build(path, tmp_path / "out" / "report.pdf")
    return [str(d) for d in caught.value.diagnostics]


# ---------------------------------------------------------------- internal links

@pytest.mark.parametrize("body, where", [
    ('    body: "See [the budget](#budgt) for more."\n', "8:16"),
    ("    body: See [the budget](#budgt) for more.\n", "8:15"),
    ("    body: |\n      First paragraph.\n\n      Then [the budget](#budgt).\n", "11:12"),
    ("    body: >\n      Folded text\n      and [the budget](#budgt) on its line.\n", "10:11"),
    ("    body: Plain text\n      on two lines, [the budget](#budgt).\n", "9:21"),
    ("    body: \"Quoted text\n      on two lines, [the budget](#budgt).\"\n", "9:21"),
])
def test_an_unknown_anchor_is_located_at_the_link_in_validate_and_build(write_spec, tmp_path: Path, body: str,
                                                                        where: str):
    spec = write_spec(HEAD + body)
    expected = (f"report.yaml:{where}: sections[1].body: the link `#budgt` goes to no section "
                "(did you mean `#budget`? the sections' anchors are #budget, #our-schools)")
    assert [message.split("/")[-1] for message in problems(spec)] == [expected]
    assert [message.split("/")[-1] for message in build_problems(spec, tmp_path)] == [expected]
    assert not (tmp_path / "out" / "report.pdf").exists()


def test_a_link_broken_across_lines_is_located_at_its_target(write_spec):
    spec = write_spec(HEAD + "    body: |\n      Read [the\n      budget](#budgt) first.\n")
    [message] = problems(spec)
    assert "report.yaml:10:15: sections[1].body: the link `#budgt` goes to no section" in message


def test_links_to_ids_and_title_slugs_build_as_internal_links(write_spec, tmp_path: Path):
    spec = write_spec(HEAD + "    break: page\n"  # its own page: links between pages
                             "    body: See [the budget](#budget) and [us](#our-schools).\n"
                             "  - type: back_cover\n    url: '#budget'\n")
    result = build(spec, tmp_path / "report.pdf")
    reader = PdfReader(str(result.output))
    page_of = {page.indirect_reference.idnum: index + 1 for index, page in enumerate(reader.pages)}
    targets = []  # (page of the link, page it goes to); ReportLab resolves the names to explicit destinations
    for index, page in enumerate(reader.pages):
        for annotation in page.get("/Annots", []) or []:
            annotation = annotation.get_object()
            destination = annotation.get("/Dest") or annotation.get("/A", {}).get("/D")
            if destination is not None:
                targets.append((index + 1, page_of[destination[0].idnum]))
    assert sorted(targets) == [(2, 1), (2, 2), (len(reader.pages), 1)]


def test_every_unknown_anchor_is_reported_at_once(write_spec):
    spec = write_spec(HEAD + "    lead: Go [there](#nowhere).\n    body: And [here](#budgt).\n"
                             "  - type: back_cover\n    url: '#schools'\n")
    messages = problems(spec)
    assert len(messages) == 3
    assert "report.yaml:8:14: sections[1].lead: the link `#nowhere` goes to no section" in messages[0]
    assert "did you mean" not in messages[0]
    assert "report.yaml:9:15: sections[1].body: the link `#budgt`" in messages[1]
    assert "report.yaml:11:10: sections[2].url: the link `#schools` goes to no section" in messages[2]


# ---------------------------------------------------------------- schemes

@pytest.mark.parametrize("target, scheme", [
    ("file:///etc/passwd", "file"), ("file://host/share", "file"), ("smb://host/share", "smb"),
    ("javascript:alert(1)", "javascript"), ("JavaScript:alert(1)", "JavaScript"),
    ("data:text/html,<b>hi</b>", "data"), ("vbscript:msgbox", "vbscript"), ("ftp://example.org", "ftp"),
])
def test_a_refused_scheme_is_a_located_error_naming_it(write_spec, target: str, scheme: str):
    spec = write_spec(HEAD + "    body: |\n      Intro.\n\n      A [link](" + target + ") here.\n")
    [message] = problems(spec)
    assert f"report.yaml:11:9: sections[1].body: the link {target!r} uses the scheme `{scheme}:`" in message
    assert "allowed are http://, https://, mailto:, tel: and #id of a section" in message
    with pytest.raises(LinkError):
        link_target(target)
    [block] = [b for b in parse_rich_text(f"A [link]({target}) here.").blocks]
    assert all(span.link is None for span in block.spans)  # never a live link, whatever calls the parser


@pytest.mark.parametrize("written, href", [
    ("https://example.org/a", "https://example.org/a"), ("http://example.org", "http://example.org"),
    ("mailto:info@example.org", "mailto:info@example.org"), ("tel:+15551234", "tel:+15551234"),
    ("www.example.org", "https://www.example.org"), ("example.org/path", "https://example.org/path"),
    ("info@example.org", "mailto:info@example.org"), ("#budget", "#budget"),
    ("localhost:8080/x", "https://localhost:8080/x"), ("HTTPS://EXAMPLE.ORG", "HTTPS://EXAMPLE.ORG"),
])
def test_allowed_targets(write_spec, written: str, href: str):
    assert link_target(written) == href
    report, _ = validate(load_spec(write_spec(HEAD + f"    body: 'A [link]({written}) here.'\n")))
    assert report.sections[1].body.blocks[0].spans[1].link == href


@pytest.mark.parametrize("field, value", [("url", "javascript:alert(1)"), ("url", "file:///etc/passwd"),
                                          ("url", "data:text/html,x")])
def test_back_cover_url_with_a_refused_scheme(write_spec, field: str, value: str):
    spec = write_spec(HEAD + f"  - type: back_cover\n    {field}: '{value}'\n")
    [message] = problems(spec)
    scheme = value.split(":")[0]
    assert f"report.yaml:9:10: sections[2].{field}: the link {value!r} uses the scheme `{scheme}:`" in message


# ---------------------------------------------------------------- parentheses

WIKI = "https://en.wikipedia.org/wiki/Python_(programming_language)"


@pytest.mark.parametrize("text, links", [
    (f"[Python]({WIKI})", [WIKI]),
    (f"Read {WIKI}.", [WIKI]),
    (f"Read {WIKI}, then", [WIKI]),
    (f"(see {WIKI})", [WIKI]),
    ("(see https://x.org)", ["https://x.org"]),
    ("(see https://x.org/a).", ["https://x.org/a"]),
    ("(see www.x.org/a_(b))", ["https://www.x.org/a_(b)"]),
    ("see example.org/wiki/A_(b) now", ["https://example.org/wiki/A_(b)"]),
    ("[x](https://x.org/a_(b)_c(d))", ["https://x.org/a_(b)_c(d)"]),
])
def test_balanced_parentheses_stay_in_the_url(text: str, links: list[str]):
    [block] = parse_rich_text(text).blocks
    assert [span.link for span in block.spans if span.link] == links
    if not text.startswith("["):
        assert block.text == text  # the prose's own ")" and "." stay as text, outside the link


def test_parenthesised_urls_reach_the_pdf_whole(write_spec, tmp_path: Path):
    spec = write_spec(HEAD + f"    body: 'On [Python]({WIKI}), or {WIKI}. (see https://x.org/a)'\n")
    result = build(spec, tmp_path / "report.pdf")
    uris = []
    for page in PdfReader(str(result.output)).pages:
        for annotation in page.get("/Annots", []) or []:
            action = annotation.get_object().get("/A")
            if action is not None and "/URI" in action:
                uris.append(str(action["/URI"]))
    assert sorted(set(uris)) == sorted({WIKI, "https://x.org/a"})
    assert uris.count(WIKI) >= 2


def test_a_back_cover_address_with_a_quote_builds(write_spec, tmp_path: Path):
    spec = write_spec(HEAD + "  - type: back_cover\n    url: 'https://x.org/a\"b'\n    email: info@x.org\n"
                             "    phone: (562) 922-6111\n")
    result = build(spec, tmp_path / "report.pdf")  # was an internal error: the quote ended the href attribute
    uris = [str(annotation.get_object()["/A"]["/URI"]) for page in PdfReader(str(result.output)).pages
            for annotation in page.get("/Annots", []) or [] if "/URI" in annotation.get_object().get("/A", {})]
    assert uris == ['https://x.org/a"b', "mailto:info@x.org", "tel:(562)922-6111"]
