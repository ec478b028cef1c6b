"""YAML errors are reported at their cause (where a quote or bracket opened, the key missing its colon),
with the hint for that cause; lone surrogate escapes are located errors; empty values remember their comment."""

from __future__ import annotations

import pytest

from reportgen.diagnostics import ReportError
from reportgen.spec import parse_spec


def error_of(text: str) -> str:
    with pytest.raises(ReportError) as caught:
        parse_spec(text, file="r.yaml")
    [diagnostic] = caught.value.diagnostics
    return str(diagnostic)


@pytest.mark.parametrize("text, expected", [
    # PyYAML's problem mark is the end of the file (6:1); the quote opened at 2:10
    ('meta:\n  title: "Annual\n  organization: X\nsections:\n  - type: contents\n',
     'r.yaml:2:10: this quote is never closed (close it with " at the end of the value; '
     'a " inside the text is written \\")'),
    ("meta:\n  organization: X\n  title: 'It is\n",
     "r.yaml:3:10: this quote is never closed (close it with ' at the end of the value; "
     "a ' inside the text is written '')"),
    # PyYAML stops at line 3; the [ opened at 2:13
    ("meta:\n  keywords: [a, b\n  title: X\nsections:\n  - type: contents\n",
     "r.yaml:2:13: this [ is never closed (close the list with ] after its last item; "
     "line 3 has ':' where a , or ] was expected)"),
    ("meta: {title: X, organization: Y\nsections:\n  - type: contents\n",
     "r.yaml:1:7: this { is never closed (close the mapping with } after its last item; "
     "line 2 has ':' where a , or } was expected)"),
    ("meta:\n  keywords: [a, b\n",
     "r.yaml:2:13: this [ is never closed (close the list with ] after its last item; "
     "the file ends where a , or ] was expected)"),
    # on one line, a missing comma is the likelier cause: told where it is
    ('meta:\n  keywords: [a, "b" c]\n',
     "r.yaml:2:21: expected , or ] here, got 'c' (separate the items of the list with commas; "
     "quote an item that contains , [ ] { } or :)"),
    # `title X` reads together with the next line as one text; PyYAML complains at line 3
    ("meta:\n  title X\n  organization: Y\nsections:\n  - type: contents\n",
     "r.yaml:2:3: this line has no : after its key (write a key, a colon and a space before the value, "
     "e.g. `title: X`)"),
    # PyYAML complains at line 4, where it gave up looking for the colon
    ("meta:\n  title: X\n  organization Y\nsections:\n  - type: contents\n",
     "r.yaml:3:3: this line has no : after its key (write a key, a colon and a space before the value, "
     "e.g. `organization: Y`)"),
    ("sections:\n  - type cover\n    title: X\n",
     "r.yaml:2:5: this line has no : after its key (write a key, a colon and a space before the value, "
     "e.g. `type: cover`)"),
    # a value continued on an over-indented line is not a missing colon: PyYAML's own message stays
    ("meta:\n  title: Annual\n    report: X\n",
     "r.yaml:3:11: YAML syntax error: mapping values are not allowed here "
     "(check the indentation, or quote a value that contains ': ')"),
    ("meta:\n  title: a: b\n",
     "r.yaml:2:11: YAML syntax error: mapping values are not allowed here "
     "(check the indentation, or quote a value that contains ': ')"),
])
def test_yaml_errors_point_at_their_cause(text: str, expected: str):
    assert error_of(text) == expected


@pytest.mark.parametrize("text, where", [
    ("a: " + "[" * 500 + "]" * 500 + "\n", "1:68"),
    ("a: " + "{b: " * 300 + "1" + "}" * 300 + "\n", "1:257"),
    ("a:\n" + "".join("  " * level + "- \n" for level in range(1, 70)), "66:131"),
])
def test_deep_nesting_has_a_line(text: str, where: str):
    assert error_of(text).startswith(f"r.yaml:{where}: the spec nests more than 64 levels deep (a report spec "
                                     "needs only a few levels")


@pytest.mark.parametrize("text, expected", [
    ('meta:\n  title: "ab\\ud800c"\n', "r.yaml:2:13: meta.title: not a valid character U+D800"),
    ('meta:\n  title: "x\n    y \\uDC00"\n', "r.yaml:3:7: meta.title: not a valid character U+DC00"),
    ('meta:\n  "\\ud800": 1\n', "r.yaml:2:4: meta: not a valid character U+D800"),
])
def test_lone_surrogates_are_located_errors(text: str, expected: str):
    message = error_of(text)
    assert message.startswith(expected + " (half of a UTF-16 surrogate pair) (write the character itself"), message


def test_surrogate_pairs_become_their_character():
    assert parse_spec('title: "\\ud83d\\ude00 ok"\n').data == {"title": "\U0001F600 ok"}


def test_empty_values_remember_the_comment_that_took_their_place():
    document = parse_spec("colors:\n  primary: #1B2F5B\n  accent:  # later\n  pillars:\n    - #0072CE\n  text:\n"
                          "  rule: '#C8CED3'\n")
    assert document.data == {"colors": {"primary": None, "accent": None, "pillars": [None], "text": None,
                                        "rule": "#C8CED3"}}
    comments = document.source.comments
    assert comments == {("colors", "primary"): "#1B2F5B", ("colors", "accent"): "# later",
                        ("colors", "pillars", 0): "#0072CE"}
    where = {path: (document.source.values[path].line, document.source.values[path].column) for path in comments}
    assert where == {("colors", "primary"): (2, 12), ("colors", "accent"): (3, 12), ("colors", "pillars", 0): (5, 7)}


@pytest.mark.parametrize("text, hint", [
    ('body: "a "b" c"\n', "(a \" inside a \"quoted\" value ends it: write it as \\\" or quote the value with ' instead)"),
    ("body: 'it's here'\n", "(a ' inside a 'quoted' value ends it: write it as '' or quote the value with \" instead)"),
])
def test_a_quote_inside_a_quoted_value_is_named_not_the_indentation(text: str, hint: str):
    """The text after a quoted value that ended early is not an indentation problem (found in review)."""
    message = error_of("meta: {title: T, organization: O}\nsections:\n  - type: text\n    title: X\n    " + text)
    assert message.startswith("r.yaml:5:") and message.endswith(hint) and "indentation" not in message
