"""One type description: every field of every model is described, and on a corpus of values made for each
field's kind, the validator (the field's check), the JSON Schema (its fragment of report.schema.json) and the
docs label (its type cell in docs/spec.md) agree. Annotations that cannot be described fail for the developer,
with the model and field named, not for a user at validation."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Annotated, Any, Literal, Union

import jsonschema
import pytest

from reportgen.model.base import INVALID, JsonSchema, Kind, Model, ModelError, Parse, Problem, TaggedBy, field
from reportgen.model.describe import FieldDescription, TypeDescription, anchor, describe_field, describe_model
from reportgen.model.reference import (_model_schema, doubled_notes, field_table, json_schema, missing_notes, models,
                                       note)
from tests.conftest import ROOT

FONT = ROOT / "src" / "reportgen" / "fonts" / "OpenSans-Regular.ttf"

# Values for each parsed kind (Kind(...) name): what a designer might write, right and wrong. A new kind
# must bring its corpus here, so the schema it declares is checked against its parser.
KIND_CORPUS: dict[str, list[Any]] = {
    "text": ["T", "", 2024, 20.5, True, ["a"], {"a": 1}, "a\x00b", "tab\there", "x" * 10_001],
    "rich text": ["x", "**bold** and *italic*", "a\n\n- b", "tab\there\r\n", 5, 2.5, True, ["a"], {}, "a\x1bb"],
    "length": [9, 0, 0.5, "0.125in", "3mm", "2 cm", "5IN", "-1in", -3, "1.2.3", "12furlongs", "in", 10_000_000,
               ".5in", " 4pt ", True, [1], "12PX", 4, 4.5, 72, 72.5, 100, 100.5, "10", "1e1"],
    "colour": ["#1B2F5B", "#abc", " #abc ", "#12345", "1B2F5B", "cmyk(0, 50, 100, 0)", "CMYK(0%,50%,100%,0%)",
               "cmyk(0, 50, 101, 0)", "cmyk(a, b, c, d)", 123, "red", True],
    "date": ["2024-10-01", "2024-02-30", " 2024-10-01", "20241001", "Oct 1", 20241001, True, [], {}],
    "language tag": ["en-US", "es", "fr-CA", "zh-Hant-TW", "de-CH-1996", "x-klingon", "EN-us", "tlh", " en-US",
                     "en_US", "e", "english-language", "en--US", "", 49, True, ["en"], "English", "fr_FR", " ",
                     "qq", "qaa", "i-klingon", "zh-yue-HK", "sr-Latn-RS", "es-419", "en-a-bbb-x-a-ccc", "en-x",
                     "Français", "de-DE-1901", "en-US-"],
    "text, not blank": ["T", " T ", "", " ", "\t \n", "\u00a0", 2024, 0, True, ["a"], "a\x00b", "x" * 10_001],
    "alt text": ["Students", "", " ", "  \n", 5, True, "a\x1bb", ["a"]],
    "CLDR number pattern": ["#,##0.##", "#,##0 %", "0%", "0.0", "#,##0.00 \u00a4", "", "abc", "0.0.0", "#E0",
                            "0;(0)", "'x'0", 5, True, ["#"]],
    "page size": ["letter", "a4", "A4", " A-4 ", "Tab loid", "a4\tx", "legal", "folio", [612, 792], [72, 14400],
                  [71, 792], [612, 14401], ["8.5in", "11in"], [612], [1, 2, 3], ["-1in", "11in"], 5, True],
    "file": ["press.icc", "photo.jpg", "missing.icc", "", 5, ["press.icc"], "/etc/passwd", "../outside.icc"],
    "image file": ["photo.jpg", "Photo.JPG", "missing.jpg", "font.ttf", 5, ["photo.jpg"], "../photo.jpg"],
    "CSV file": ["data.csv", "ragged.csv", "photo.jpg", "missing.csv", "", 5, ["data.csv"], "../data.csv",
                 "/etc/passwd"],
    "data file (.csv, .yaml, .json)": ["data.csv", "figures.yaml", "DATA.JSON", "photo.jpg", "missing.yaml", "", 5,
                                       ["data.csv"], "../data.csv", "/etc/passwd"],
    "font file (.ttf)": ["font.ttf", "photo.jpg", "missing.ttf", 5, [], "/etc/passwd"],
    "colour or theme colour": ["primary", " Accent ", "text", "white", "#abc", "#1B2F5B", "cmyk(0, 50, 100, 0)",
                               "red", "primaryx", "", 5, True, ["primary"]],
    "signed change": ["+12%", "\u22123 pts", "-3", " +1.5 pts ", "\u00b10", "0%", "0", "0.0 pts", "00", "0.", "0,5",
                      "+0%", "+ 12", "12%", "+", "+x", "\u20133", "abc", "", " ", "+1\x00", "+" + "1" * 10_000,
                      12, -3, 0, -0.5, 0.5, True, ["+1"], {}],
    "length or lines": [0, 4, "8pt", "2mm", "0.55 lines", "1 line", "1LINES", ".5 lines", "-1 lines", "lines",
                        "2 linez", "1e1 lines", True, [1], -3],
}
SCALAR_CORPUS: dict[str, list[Any]] = {
    "boolean": [True, False, "yes", "'No'", "No", "ON", "y", "1", "0", 1, 0, 1.0, 2, -1, "maybe", "", [True], {}],
    "whole": [1, 0, -1, 99, 100, "1", "07", "3.0", 3.0, 3.5, "3.5", " 3", "+3", "1e1", "1_0", True, "x", "-0",
              float("inf")],
    "number": [0, 1, 0.5, -0.5, "50", "50.5", "-0", "1e1", "1.5e9", "1e400", 1e300, float("inf"), "1_000", True,
               "abc", ".5", "5."],
    "string": ["T", "", 5, 2.5, True, [], {}],
}
# The schema cannot see files or convert units: it says yes to a well-formed path that does not exist (or is
# not an image, a font, a CMYK profile) and to a length with a unit beyond the field's bounds (2in as a text
# size). In these kinds only, the schema may accept what the validator refuses (never the other way round).
# Nor can it tell a language CLDR knows (en, tlh) from a well-formed tag that names none (English, qq).
SCHEMA_CANNOT_JUDGE = {"file", "image file", "CSV file", "data file (.csv, .yaml, .json)", "font file (.ttf)", "length", "page size", "language tag",
                       "date"}  # a date: the schema's pattern takes 2024-02-30


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from PIL import Image

    folder = tmp_path_factory.mktemp("described")
    Image.new("RGB", (8, 8)).save(folder / "photo.jpg")
    shutil.copy(FONT, folder / "font.ttf")
    header = bytearray(128)
    header[12:16], header[16:20], header[36:40] = b"prtr", b"CMYK", b"acsp"
    (folder / "press.icc").write_bytes(bytes(header))
    (folder / "data.csv").write_text("Year,Amount\n2023,1.5\n", encoding="utf-8")
    (folder / "ragged.csv").write_text("Year,Amount\n2023\n", encoding="utf-8")
    (folder / "figures.yaml").write_text("total: 1250\n", encoding="utf-8")
    (folder / "DATA.JSON").write_text('{"total": 1250}', encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    return json_schema()


def every_field() -> list[tuple[type[Model], str]]:
    return [(model, name) for model in models() for name in model.fields]


# ---------------------------------------------------------------- every model is described

def test_every_model_and_field_is_described():
    described = {model.__name__: describe_model(model) for model in models()}
    assert len(described) == len(models()) > 20
    for model in models():
        assert [name for name, _, _ in model._compile()] == list(model.fields)  # the validator's checks
        for name, spec in model.fields.items():
            description = describe_field(spec)
            assert description.label and description.schema, f"{model.__name__}.{name}"
            jsonschema.Draft202012Validator.check_schema(description.schema)


def test_one_note_per_field_shown_in_schema_and_docs(schema: dict[str, Any]):
    assert missing_notes() == [] and doubled_notes() == []
    for model in models():
        properties = (schema if model.__name__ == "Report" else schema["$defs"][model.__name__])["properties"]
        table = field_table(model)
        for name in model.fields:
            meaning, _ = note(model, name)
            assert properties[name]["description"].startswith(meaning)
            assert f"| {meaning.replace('|', chr(92) + '|')} |" in table


def test_a_description_in_the_field_is_its_note():
    class Sign(Model):
        word: str = field("hi", description="What the sign says.", example="Welcome")

    assert note(Sign, "word") == ("What the sign says.", "Welcome")
    assert _model_schema(Sign)["properties"]["word"] == {"type": "string", "default": "hi",
                                                         "description": "What the sign says. Example: Welcome"}
    assert "| `word` | string | `hi` | What the sign says. | `Welcome` |" in field_table(Sign)


# ---------------------------------------------------------------- the corpus

def corpus(described: TypeDescription, depth: int = 0) -> list[Any]:
    """Values to try on a type: right and wrong ones for its kind."""
    kind = described.kind
    if kind in SCALAR_CORPUS:
        values = list(SCALAR_CORPUS[kind])
    elif kind == "parsed":
        assert described.label in KIND_CORPUS, f"add a corpus for the kind {described.label!r}"
        values = list(KIND_CORPUS[described.label])
    elif kind == "literal":
        values = [*described.choices, "nope", True, [], *(
            value for choice in described.choices if isinstance(choice, int)
            for value in (str(choice), f"{choice}.0", float(choice), f"0{choice}", choice + 100, choice + 0.5))]
    elif kind == "list":
        assert described.item is not None
        items = corpus(described.item, depth + 1) if depth < 3 else []
        values = [[], "x", 5, {}, *([item] for item in items[:12])]
    elif kind == "model":
        assert described.model is not None
        values = [{}, "x", [], 5, {"no such key": 1}]
        if depth < 3:
            values.append(minimal(described.model, depth))
    elif kind == "mapping":
        assert described.item is not None and described.key is not None
        names = list(described.key.choices) or ["name"]
        items = corpus(described.item, depth + 1) if depth < 3 else []
        values = [{}, "x", [], 5, {"no such name": {}}, *({key: item} for item in items[:12]
                                                           for key in dict.fromkeys((names[0], names[-1])))]
        if described.item.model is not None:  # a property some keys take and others may not
            values += [{key: {name: data}} for key in names[:3] for name, data in (("padding", "3pt"), ("size", 9))
                       if name in described.item.model.fields]
    elif kind == "union":
        values = [{}, "x", {described.tag: "nope"}]
        if depth < 3:
            values += [minimal(member, depth) for member in described.members]
    else:
        raise AssertionError(f"no corpus for the kind {kind!r}")
    values.extend(accepts_example for accepts_example in ("a\nb",) if described.accepts)
    return values + [None]


def minimal(model: type[Model], depth: int) -> dict[str, Any]:
    """The smallest valid data for a model: each required field's first value its check accepts."""
    data: dict[str, Any] = {}
    for name, spec in model.fields.items():
        if spec.required:
            description = describe_field(spec)
            data[name] = next(value for value in corpus(description.type, depth + 1) + bounds_corpus(description)
                              if accepted(description, value, CONTEXT[0]))
    return data


CONTEXT: list[dict[str, Any]] = [{}]


def accepted(description: FieldDescription, value: Any, context: dict[str, Any]) -> bool:
    problems: list[Problem] = []
    result = description.check(value, ("x",), problems, context)
    assert (result is INVALID) == bool(problems)
    return result is not INVALID


def bounds_corpus(description: FieldDescription) -> list[Any]:
    """Values at and just beyond the field's limits: numbers, or lists of a valid item."""
    spec = description.field
    if description.type.kind == "list":
        item = minimal_item(description)
        lengths = {n for limit in (spec.min_length, spec.max_length) if limit is not None for n in (limit - 1, limit, limit + 1)}
        return [[item] * n for n in sorted(lengths) if n >= 0]
    limits = [limit for limit in (spec.gt, spec.ge, spec.le) if limit is not None]
    return [value for limit in limits for value in (limit - 0.5, limit, limit + 0.5, int(limit), str(int(limit)))]


def minimal_item(description: FieldDescription) -> Any:
    item = description.type.item
    assert item is not None
    probe = FieldDescription(description.field, item, item.check(), {}, "", "")
    return next(value for value in corpus(item, 1) if value is not None and accepted(probe, value, CONTEXT[0]))


def cases() -> list[tuple[type[Model], str]]:
    return every_field()


@pytest.mark.parametrize("model, name", cases(), ids=[f"{model.__name__}.{name}" for model, name in cases()])
def test_validator_schema_and_docs_agree(model: type[Model], name: str, folder: Path, schema: dict[str, Any]):
    context = CONTEXT[0] = {"base_dir": folder}
    description = describe_field(model.fields[name])
    properties = (schema if model is models()[0] else schema["$defs"][model.__name__])["properties"]
    field_schema = jsonschema.Draft202012Validator({**properties[name], "$defs": schema["$defs"]})
    values = corpus(description.type) + bounds_corpus(description)
    verdicts = []
    for value in values:
        validator_says = accepted(description, value, context)
        schema_says = field_schema.is_valid(value)
        verdicts.append((value, validator_says))
        item = description.type.item
        if schema_says and not validator_says and (description.type.label in SCHEMA_CANNOT_JUDGE or (
                item is not None and item.label in SCHEMA_CANNOT_JUDGE) or (
                has_shorthand(description.type) and textual(value))):  # a shorthand's text may name a file
            continue
        assert schema_says == validator_says, f"{model.__name__}.{name} = {value!r}: schema {schema_says}, " \
                                              f"validator {validator_says}"
    assert any(says for _, says in verdicts) and not all(says for _, says in verdicts), \
        f"{model.__name__}.{name}: the corpus must hold right and wrong values"
    label_claims_hold(description, verdicts)


def textual(value: Any) -> bool:
    return isinstance(value, str) or (isinstance(value, list) and all(isinstance(item, str) for item in value))


def has_shorthand(described: TypeDescription) -> bool:
    return bool(described.accepts) or (described.item is not None and has_shorthand(described.item))


def label_claims_hold(description: FieldDescription, verdicts: list[tuple[Any, bool]]) -> None:
    """What the docs label says is what the validator does."""
    accepted_values = [value for value, says in verdicts if says]
    described = description.type
    label = description.label
    if described.kind == "literal":
        shown = label.split(" (")[0].split(" | ")
        assert shown == [str(choice) for choice in described.choices]
        assert all(value in described.choices or isinstance(value, (str, float)) or (value is None and described.optional)
                   for value in accepted_values)
        assert set(described.choices) <= set(accepted_values)
    if described.kind == "boolean":
        assert label == "true | false" and {True, False} <= set(accepted_values)
    if described.kind == "list":
        assert label.startswith("list of ")
        if not described.befores:  # a shorthand (address: one text) is the note's to explain
            assert not any(isinstance(value, (str, int, dict)) for value in accepted_values)
    if described.kind == "model":
        assert label == f"[{label[1:].split(']')[0]}](#{anchor(described.model)})"
        assert "x" not in accepted_values
    assert label == described.label + (f" ({description.bounds})" if description.bounds else "")
    for claim in description.bounds.split(", ") if description.bounds else []:
        check_claim(claim, description)


def check_claim(claim: str, description: FieldDescription) -> None:
    """'1 to 99', 'above 4 pt', 'at most 72 pt', '2 to 12 items', 'at least 1 item': the validator agrees."""
    context = CONTEXT[0]
    match = re.fullmatch(r"(?:(above|at least|at most) )?([0-9.]+)(?: to ([0-9.]+))?(?: pt)?( items?)?", claim)
    assert match, claim
    word, low, high, items = match.group(1), float(match.group(2)), match.group(3), match.group(4)
    if items:
        item = minimal_item(description)

        def says(n: float) -> bool:
            return accepted(description, [item] * int(n), context)
        step = 1.0
    else:
        def says(n: float) -> bool:
            return accepted(description, n, context)
        step = 0.5
    if high is not None:
        assert says(low) and says(float(high)) and not says(low - step) and not says(float(high) + step), claim
    elif word == "above":
        assert not says(low) and says(low + step), claim
    elif word == "at least":
        assert says(low) and not says(low - step), claim
    elif word == "at most":
        assert says(low) and not says(low + step), claim


# ---------------------------------------------------------------- annotations and constraints

def test_a_plain_str_field_is_text_only_everywhere():
    class Sign(Model):
        word: str
        note: str | None = None

    assert Sign.from_data({"word": "hi"}).word == "hi"
    with pytest.raises(ModelError) as caught:
        Sign.from_data({"word": 5, "note": True})
    assert [str(problem) for problem in caught.value.problems] == [
        'word: expected text, got 5 (quote it: "5")', "note: expected text, got true"]
    described = describe_field(Sign.fields["word"])
    assert described.schema == {"type": "string"} and described.label == "string"
    assert "| `word` | string | **required** |" in field_table(Sign)
    assert describe_field(Sign.fields["note"]).schema == {"anyOf": [{"type": "string"}, {"type": "null"}]}


def test_bounds_on_a_list_are_refused_for_the_developer():
    class Totals(Model):
        amounts: tuple[float, ...] = field((), ge=0)

    with pytest.raises(TypeError, match=r"^Totals\.amounts: gt/ge/le/allow_inf_nan bound a number, not a list: "
                                        r"bound the list's length with min_length/max_length"):
        Totals.from_data({"amounts": [1]})


def test_length_bounds_apply_to_lists_and_show_in_all_three():
    class Totals(Model):
        amounts: tuple[float, ...] = field(min_length=2, max_length=3)

    described = describe_field(Totals.fields["amounts"])
    assert described.label == "list of number (2 to 3 items)"
    assert described.schema["minItems"] == 2 and described.schema["maxItems"] == 3
    assert Totals.from_data({"amounts": [1, "2"]}).amounts == (1.0, 2.0)
    with pytest.raises(ModelError, match="has 4 items, at most 3 allowed"):
        Totals.from_data({"amounts": [1, 2, 3, 4]})


@pytest.mark.parametrize("annotation, constraint, message", [
    ("list[int]", {}, r"lists are declared as tuple\[X, \.\.\.\], not list\[int\]"),
    ("tuple[int, int]", {}, r"lists are declared as tuple\[X, \.\.\.\]"),
    ("int | str", {}, r"a union of several types must be models told apart by a tag field"),
    ("Literal['a', 1]", {}, r"a Literal's choices are all text or all whole numbers"),
    ("dict", {}, r"no description for the type <class 'dict'>; a field type is one of bool, int"),
    ("Annotated[str, Parse(str)]", {}, r"a type with Parse\(\.\.\.\) needs JsonSchema\(\.\.\.\)"),
    ("Annotated[Union[Plain, Plain2], TaggedBy('type', noun='thing')]", {},
     r"Plain needs a field 'type' of type Literal\['\.\.\.'\] to be told apart"),
    ("str", {"max_length": 3}, r"min_length/max_length bound the length of a list \(tuple\[X, \.\.\.\]\); "
                               r"the field is string"),
    ("str", {"gt": 0}, r"gt/ge/le/allow_inf_nan bound a number; the field is string"),
    ("float", {"gt": 0, "ge": 1}, r"give gt or ge, not both"),
    ("Nowhere", {}, r"name 'Nowhere' is not defined"),
])
def test_an_annotation_that_cannot_be_described_is_a_developer_error(annotation: str, constraint: dict[str, Any],
                                                                   message: str):
    namespace: dict[str, Any] = {"Model": Model, "field": field, "Annotated": Annotated, "Union": Union,
                                 "Literal": Literal, "Parse": Parse, "TaggedBy": TaggedBy}
    exec("class Plain(Model):\n    x: int = 0\n"
         "class Plain2(Model):\n    y: int = 0\n", namespace)
    broken = type("Broken", (Model,), {"__annotations__": {"value": eval(annotation, namespace)
                                                           if annotation != "Nowhere" else "Nowhere"},
                                       "value": field(0, **constraint), "__module__": __name__})
    with pytest.raises(TypeError, match=rf"^Broken\.value: {message}"):
        broken.from_data({})


Upper = Annotated[str, Parse(str.upper), Kind("shout"), JsonSchema({"type": "string"})]


def test_parsed_types_bring_their_schema_and_name():
    class Sign(Model):
        word: Upper = field(description="Shouted.", example="HI")

    assert Sign.from_data({"word": "hi"}).word == "HI"
    assert describe_field(Sign.fields["word"]).label == "shout"
    assert "| `word` | shout | **required** | Shouted. | `HI` |" in field_table(Sign)
