"""reportgen.bind.expressions: the sandbox refuses what is not a data lookup (clearly, quickly, with no
traceback), the number filters write numbers as the report's language does, and a string's value is
its text or, when it is one expression, the expression's own value."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from reportgen.bind import load_template
from reportgen.bind.datasets import DataInt, DataMap, DataText
from reportgen.bind.expressions import MAX_RESULT, Evaluator, ExpressionError
from reportgen.diagnostics import ReportError
from tests.bind.helpers import bind_errors, column_of, line_of, project

NNBSP, NBSP = "\u202f", "\xa0"


def row() -> DataMap:
    mapping = DataMap(name=DataText("Alpha School", ("s.csv", 2, 4)), students=DataInt(12345, ("s.csv", 2, 17)),
                      code=DataText("0042", ("s.csv", 2, 1)), share=DataText("0.875", ("s.csv", 2, 23)))
    mapping.what, mapping.where, mapping.keys_at = "the row at line 2 of s.csv", ("s.csv", 2, None), {}
    return mapping


SCOPE = {"edition": row(), "budget": {"total": 1250.5, "year": 2024, "list": [1, 2]}}


def refused(text: str, language: str = "en-US") -> ExpressionError:
    """The error evaluating `text` gives, within a second (a refusal is never the work done first)."""
    started = time.perf_counter()
    with pytest.raises(ExpressionError) as raised:
        Evaluator(language).value(text, SCOPE)
    assert time.perf_counter() - started < 1.0, text
    return raised.value


# ---------------------------------------------------------------- the sandbox

@pytest.mark.parametrize("text, said", [
    ("{{ edition.name.upper() }}", ".upper looks up something that is not data: the text 'Alpha School' has no keys"),
    ("{{ edition.name.__class__ }}", ".__class__ looks up something that is not data"),
    ("{{ ''.__class__ }}", ".__class__ looks up something that is not data"),
    ("{{ edition.items() }}", "expressions call no functions or methods"),
    ("{{ range(10**9) }}", "range(...) calls a function; expressions call none"),
    ("{{ range(10) | length }}", "range(...) calls a function"),
    ("{{ open('/etc/passwd') }}", "open(...) calls a function"),
    ("{{ lipsum() }}", "lipsum(...) calls a function"),
    ("{{ namespace() }}", "namespace(...) calls a function"),
    ("{{ dict(a=1) }}", "dict(...) calls a function"),
    ("{{ 'x' * 10**9 }}", "repeating 1 characters or items 1,000,000,000 times makes too large a value"),
    ("{{ 10**9 * 'x' }}", "repeating 1 characters or items 1,000,000,000 times"),
    ("{{ [1] * 10**9 }}", "repeating 2 characters or items 1,000,000,000 times"),
    ("{{ 9999999999999999999 ** 200 }}", "9999999999999999999 ** 200 is too large a number"),
    ("{{ (['x' * 99999] * 1000) ~ '' }}", "repeating 100,000 characters or items 1,000 times makes too large a value"),
    ("{{ (['x' * 99999] * 99999) | string }}", "repeating 100,000 characters or items 99,999 times"),
    ("{{ '%s' % budget }}", "% formatting of text is not available"),
    ("{{ edition.name | replace('A', 'A' * 90000) | replace('A', 'A' * 90000) }}",
     f"| replace would make a text of more than {MAX_RESULT:,} characters"),
    ("{{ ('x' * 90000) | join('y' * 90000) }}", f"| join would make a text of more than {MAX_RESULT:,} characters"),
    ("{% for i in budget.list %}{{ i }}{% endfor %}", "statements ({% … %}) are not available"),
    ("{# a comment #}{{ budget.year }}", "statements ({% … %}) are not available"),
    ("{{ self }}", "{{ self }}: `self` is not a data set"),
    ("Made by {{ self ~ '' }}", "`self` is not a data set"),
    ("{{ cycler }}", "{{ cycler }}: 'cycler' is not a data set (data: names budget)"),
    ("{{ lipsum }}", "'lipsum' is not a data set"),
    ("{{ joiner }}", "'joiner' is not a data set"),
    ("{{ namespace }}", "'namespace' is not a data set"),
    ("{{ config }}", "'config' is not a data set"),
    ("{{ edition | attr('name') }}", "cannot be read: No filter named 'attr'"),
    ("{{ budget.list | map('upper') | join }}", "cannot be read: No filter named 'map'"),
    ("{{ budget.list[5] }}", "[5]: the list has 2 items"),
    ("{{ budget.list.first }}", ".first: a list's items are numbered, not named"),
])
def test_the_sandbox_refuses_what_is_not_a_data_lookup(text: str, said: str) -> None:
    error = refused(text)
    assert said in error.message
    assert "Traceback" not in error.message and "jinja2" not in error.message
    assert error.piece is not None and error.piece.start == text.find("{")


def test_dunder_keys_are_missing_keys_not_attributes() -> None:
    error = refused("{{ edition.__class__ }}")
    assert error.message == "{{ edition.__class__ }}: the row at line 2 of s.csv has no '__class__'"
    assert error.hint == "its keys are name, students, code, share"
    assert refused("{{ edition['__globals__'] }}").message.endswith("has no '__globals__'")


def test_a_string_with_statements_and_no_expression_is_text() -> None:
    """The contract: a string with no `{{` is left exactly as written, even one that looks like Jinja."""
    text = "{% for i in range(10) %}x{% endfor %}"
    assert Evaluator("en-US").value(text, SCOPE) is text


def test_filters_that_stay_small_still_work() -> None:
    evaluator = Evaluator("en-US")
    assert evaluator.value("{{ budget.list | join(', ') }}", SCOPE) == "1, 2"
    assert evaluator.value("{{ edition.name | replace('School', 'Academy') }}", SCOPE) == "Alpha Academy"
    assert evaluator.value("{{ edition.name | replace('l', 'L', 1) }}", SCOPE) == "ALpha School"
    assert evaluator.value("{{ edition.name | upper }}", SCOPE) == "ALPHA SCHOOL"
    assert evaluator.value("{{ ('x' * 99999) | length }}", SCOPE) == 99999


def test_sandbox_refusals_through_a_spec_are_located_and_raise_no_traceback(tmp_path: Path) -> None:
    spec = project(tmp_path, """\
        data:
          budget: budget.yaml
        meta:
          title: "Report {{ budget.year.upper() }}"
          organization: "By {{ range(10**9) | length }}"
          subtitle: "{{ self }}"
        sections:
          - {type: text, title: "{% for x in budget %}{{ x }}{% endfor %}", body: b}
        """, {"budget.yaml": "year: 2024\n"})
    started = time.perf_counter()
    found = bind_errors(load_template(spec))
    assert time.perf_counter() - started < 1.0
    shown = [str(d) for d in found]
    assert shown[0].startswith(f"{spec}:4:{column_of(spec, 4, '{{')}: meta.title: .upper looks up something")
    assert shown[1].startswith(f"{spec}:5:{column_of(spec, 5, '{{')}: meta.organization: range(...) calls a function")
    assert shown[2].startswith(f"{spec}:6:{column_of(spec, 6, '{{')}: meta.subtitle: {{{{ self }}}}: `self` is not")
    line = line_of(spec, "{% for")
    assert shown[3].startswith(f"{spec}:{line}:{column_of(spec, line, '{%')}: sections[0].title: statements")


# ---------------------------------------------------------------- filters

@pytest.mark.parametrize("text, english, french", [
    ("{{ edition.students | number }}", "12,345", f"12{NNBSP}345"),
    ("{{ 12345.678 | number(1) }}", "12,345.7", f"12{NNBSP}345,7"),
    ("{{ 4 | number(1, sign=true) }}", "+4.0", "+4,0"),
    ("{{ -4 | number(1, sign=true) }}", "-4.0", "-4,0"),
    ("{{ 0.875 | percent }}", "88%", f"88{NBSP}%"),
    ("{{ 0.875 | percent(1) }}", "87.5%", f"87,5{NBSP}%"),
    ("{{ edition.share | percent(1) }}", "87.5%", f"87,5{NBSP}%"),  # a CSV cell's numeric text
    ("{{ budget.total | money }}", "$1,250.50", f"1{NNBSP}250,50{NBSP}$US"),
    ("{{ budget.total | money('EUR') }}", "€1,250.50", f"1{NNBSP}250,50{NBSP}€"),
    ("{{ budget.total | money(digits=0) }}", "$1,250", f"1{NNBSP}250{NBSP}$US"),
    ("{{ '12345' | number }}", "12,345", f"12{NNBSP}345"),
])
def test_filters_write_numbers_as_the_language_does(text: str, english: str, french: str) -> None:
    assert Evaluator("en-US").value(text, SCOPE) == english
    assert Evaluator("fr-FR").value(text, SCOPE) == french


@pytest.mark.parametrize("text, said", [
    ("{{ edition.name | number }}", "| number needs a number, got the text 'Alpha School'"),
    ("{{ '12,5x' | money }}", "| money needs a number, got the text '12,5x'"),
    ("{{ 1 | number(11) }}", "| number(11): the digits after the point are a whole number from 0 to 10"),
    ("{{ 1 | money('dollars') }}", "| money('dollars'): the currency is a three-letter code"),
    ("{{ none | percent }}", "| percent needs a number, got an empty value"),
])
def test_filters_refuse_what_is_not_a_number(text: str, said: str) -> None:
    assert said in refused(text).message


def test_a_filters_bad_data_value_points_at_the_data_file() -> None:
    error = refused("{{ edition.name | number }}")
    assert error.data == ("s.csv", 2, 4)
    assert "no separators, units or currency signs" in (error.hint or "")


# ---------------------------------------------------------------- values

def test_a_string_with_no_expression_is_the_same_object() -> None:
    text = "Plain text, with { braces } and 50% and a }} alone"
    assert Evaluator("en-US").value(text, SCOPE) is text


def test_one_expression_alone_takes_its_native_value() -> None:
    evaluator = Evaluator("en-US")
    total = evaluator.value("{{ budget.total }}", SCOPE)
    assert total == 1250.5 and isinstance(total, float)
    assert evaluator.value("{{ budget.list }}", SCOPE) == [1, 2]
    assert evaluator.value("{{ budget }}", SCOPE) is SCOPE["budget"]
    assert evaluator.value("{{ edition.students }}", SCOPE) == 12345
    assert evaluator.value(" {{ edition.students }}", SCOPE) == " 12345"  # text around it: text
    assert evaluator.value("{{ edition.code }}", SCOPE) == "0042"


def test_a_list_inside_text_is_an_error() -> None:
    error = refused("Items: {{ budget.list }}")
    assert error.message == "{{ budget.list }} is a list, inside text"
    assert error.piece is not None and error.piece.start == len("Items: ")


@pytest.mark.parametrize("text, said", [
    ("{{ edition.name", "this {{ is never closed"),
    ("{{ }}", "this {{ }} is empty"),
    ("{{ edition.name | }}", "cannot be read"),
])
def test_unreadable_expressions(text: str, said: str) -> None:
    assert said in refused(text).message


def test_edition_without_editions_is_explained() -> None:
    with pytest.raises(ExpressionError) as raised:
        Evaluator("en-US").value("{{ edition.name }}", {"budget": {}})
    assert raised.value.message == "`edition` names an edition's row, and this spec has no `editions:`"
    assert "add `editions:`" in (raised.value.hint or "")


def test_no_report_error_escapes_as_anything_else(tmp_path: Path) -> None:
    """Every refusal above is an ExpressionError, which bind turns into a ReportError: nothing else escapes."""
    spec = project(tmp_path, """\
        data: {b: b.yaml}
        meta: {title: "{{ b.x.y.z }}", organization: "{{ (b | length) ** (b | length) ** 400 }}"}
        sections: [{type: text, title: T, body: b}]
        """, {"b.yaml": "x: 1\n"})
    with pytest.raises(ReportError):
        load_template(spec).bind()


@pytest.mark.parametrize("text", [
    "{{ " + "(" * 5000 + "1" + ")" * 5000 + " }}",      # Jinja's parser recursing
    "{{ " + "[" * 1000 + "1" + "]" * 1000 + " }}",
    "{{ 1" + " + 1" * 5000 + " }}",                   # Python compiling the generated code recursing
    "{{ budget.year" + " | string" * 200 + " }}",       # 'too many nested parentheses' from Python, after seconds
    "{{ budget.year" + " | string" * 50 + " }}",        # compiled in 0.35 s before the cap: refused at once
    "{{ " + "-" * 1000 + "1 }}",
])
def test_deep_nesting_is_refused_quickly_not_raised(text: str) -> None:
    error = refused(text)
    assert error.message.endswith("nests too deeply to be read")
    assert len(error.message) < 100  # the expression shortened, not repeated whole
    assert "write it flatter" in (error.hint or "")


def test_a_few_filters_and_brackets_are_fine() -> None:
    text = "{{ ((((budget.total + 1) * 2) - 2) / 2) | round(1) | string | trim | upper | truncate(20) }}"
    assert Evaluator("en-US").value(text, SCOPE) == "1250.5"
    assert Evaluator("en-US").value("{{ [" + "1, " * 500 + "1] | sum }}", SCOPE) == 501


def test_large_numbers_format_and_absurd_ones_are_refused() -> None:
    evaluator = Evaluator("en-US")
    assert evaluator.value("{{ (10 ** 27) | number }}", SCOPE) == "1," + ",".join(["000"] * 9)
    assert evaluator.value("{{ (10 ** 30) | money(digits=0) }}", SCOPE) == "$1," + ",".join(["000"] * 10)
    huge = DataInt(10 ** 120, ("s.csv", 3, 5))
    with pytest.raises(ExpressionError) as raised:
        evaluator.value("{{ x | number }}", {"x": huge})
    assert raised.value.message == "| number: the number has more than 100 digits"
    assert raised.value.data == ("s.csv", 3, 5)
