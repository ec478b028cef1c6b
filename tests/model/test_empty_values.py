"""An empty value where a value is needed says so, at its line and column; when a `#` right after the key
took the value's place (`primary: #1B2F5B`), it says that `#` starts a YAML comment and to quote the value."""

from __future__ import annotations

import pytest

from reportgen.diagnostics import ReportError
from reportgen.model import validate
from reportgen.spec import parse_spec


def errors_of(text: str) -> list[str]:
    with pytest.raises(ReportError) as caught:
        validate(parse_spec(text, file="r.yaml"))
    return [str(diagnostic) for diagnostic in caught.value.diagnostics]


SPEC = """meta:
  title: T
  organization:
  keywords:
    -
    - #kw
theme:
  colors:
    primary: #1B2F5B
    accent:   # the brand accent
    text:  # the default
    pillars:
      - #0072CE
  text:
    size: #9
page:
sections:
  - type: text
    title: #Hi
    body: x
    columns:
    color: #00A3AD
"""


def test_every_empty_value_is_reported_with_its_cause():
    assert errors_of(SPEC) == [
        "r.yaml:3:3: meta.organization: is empty (give a value)",
        "r.yaml:5:6: meta.keywords[0]: is empty (give a value, or remove the empty `-` item)",
        'r.yaml:6:7: meta.keywords[1]: is empty: `#` starts a YAML comment, so `#kw` is not read as the value '
        '(quote it: "#kw")',
        'r.yaml:9:14: theme.colors.primary: is empty: `#` starts a YAML comment, so `#1B2F5B` is not read as '
        'the value (quote it: "#1B2F5B")',
        "r.yaml:10:15: theme.colors.accent: is empty (what follows it is a YAML comment) "
        "(give a value before the comment, or remove the key to use the default)",
        "r.yaml:11:12: theme.colors.text: is empty (what follows it is a YAML comment) "
        "(give a value before the comment, or remove the key to use the default)",
        'r.yaml:13:9: theme.colors.pillars[0]: is empty: `#` starts a YAML comment, so `#0072CE` is not read as '
        'the value (quote it: "#0072CE")',
        'r.yaml:15:11: theme.text.size: is empty: `#` starts a YAML comment, so `#9` is not read as the value '
        '(quote it: "#9")',
        "r.yaml:16:1: page: is empty (give a value, or remove the key to use the default)",
        'r.yaml:19:12: sections[0].title: is empty: `#` starts a YAML comment, so `#Hi` is not read as the value '
        '(quote it: "#Hi")',
        "r.yaml:21:5: sections[0].columns: is empty (give a value, or remove the key to use the default)",
        # the warnings come with the errors: every problem at once
        'r.yaml:22:12: warning: sections[0].color: is empty: `#` starts a YAML comment, so `#00A3AD` is not read '
        'as the value (quote it: "#00A3AD")',
    ]


def test_an_optional_field_may_be_empty_and_a_quoted_colour_is_a_colour():
    report, _ = validate(parse_spec('meta: {title: T, organization: O, author: }\n'
                                    'theme: {colors: {primary: "#1B2F5B"}}\nsections: [{type: contents}]\n'))
    assert report.meta.author is None and report.theme.colors.primary.hex == "#1B2F5B"


def test_an_optional_field_emptied_by_a_hex_comment_is_a_warning():
    _, warnings = validate(parse_spec("meta: {title: T, organization: O}\nsections:\n  - type: quote\n    text: Q\n"
                                      "    background: #00A3AD\n    bookmark:  # to come\n", file="r.yaml"))
    assert [str(warning) for warning in warnings] == [
        'r.yaml:5:17: warning: sections[0].background: is empty: `#` starts a YAML comment, so `#00A3AD` is not '
        'read as the value (quote it: "#00A3AD")']
