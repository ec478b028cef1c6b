"""The declarative model layer: fields, checks of raw data, every problem collected with its path."""

from __future__ import annotations

import subprocess
import sys
from typing import Annotated, Literal, Union

import pytest

from reportgen.model.base import (INVALID, After, Before, JsonSchema, Kind, Model, ModelError, Parse, SpecError, TaggedBy,
                                  field)


def _upper(value: object) -> str:
    if not isinstance(value, str):
        raise SpecError(f"expected a word, got {value!r}", "write a word")
    return value.upper()


def _not_x(value: str) -> str:
    if value == "X":
        raise ValueError("X is reserved")
    return value


Word = Annotated[str, Parse(_upper), Kind("word"), JsonSchema({"type": "string"})]
Checked = Annotated[Word, After(_not_x)]


def _from_context(value: object, context: dict[str, str] | None) -> str:
    return f"{(context or {}).get('prefix', '')}{value}"


class Point(Model):
    x: float
    y: float = 0.0


class Item(Model):
    name: Word
    count: int = field(1, ge=1, le=99)
    share: float | None = field(None, ge=0, le=100, allow_inf_nan=False)
    size: float = field(1.0, gt=0)
    flag: bool = False


class Circle(Model):
    kind: Literal["circle"]
    radius: float = field(gt=0)


class Square(Model):
    kind: Literal["square"]
    side: float


Shape = Annotated[Union[Circle, Square], TaggedBy("kind", noun="shape")]
PointField = Annotated[Point, Before(lambda value: {"x": value} if isinstance(value, (int, float)) else value)]


class Drawing(Model):
    title: Checked
    origin: PointField = Point(x=0.0)
    columns: Literal[1, 2] = 1
    items: tuple[Item, ...] = field((), max_length=3)
    shapes: tuple[Shape, ...] = field(min_length=1)
    label: Annotated[str, Parse(_from_context, uses_context=True), Kind("label"), JsonSchema({})] = ""


SQUARE = {"kind": "square", "side": 1}


def problems_of(model: type[Model], data: object) -> list[tuple[tuple[str | int, ...], str]]:
    with pytest.raises(ModelError) as caught:
        model.from_data(data)
    return [(problem.path, str(problem).split(": ", 1)[-1]) for problem in caught.value.problems]


# ---------------------------------------------------------------- instances

def test_instances_are_frozen_and_compare_by_value():
    first = Point.from_data({"x": 1})
    assert first == Point(x=1.0, y=0.0) and hash(first) == hash(Point(x=1.0))
    assert first != Point(x=2.0) and repr(first) == "Point(x=1.0, y=0.0)"
    assert isinstance(first.x, float)  # an int given for a float field becomes a float
    with pytest.raises(AttributeError):
        first.x = 3.0  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del first.y


def test_the_keyword_constructor_takes_typed_values_and_fills_defaults():
    assert Point(x=2.5).y == 0.0
    with pytest.raises(TypeError, match="needs 'x'"):
        Point()
    with pytest.raises(TypeError, match="no field 'z'"):
        Point(x=1.0, z=2.0)


def test_fields_keep_declaration_order_and_their_metadata():
    assert list(Item.fields) == ["name", "count", "share", "size", "flag"]
    count = Item.fields["count"]
    assert (count.default, count.ge, count.le, count.required) == (1, 1, 99, False)
    assert Circle.fields["radius"].required


class Holder(Model):
    inner: Later  # defined below: annotations are resolved on first use


class Later(Model):
    value: int


def test_forward_references_resolve_on_first_use():
    assert Holder.from_data({"inner": {"value": "3"}}).inner == Later(value=3)


# ---------------------------------------------------------------- checks

def test_every_problem_is_collected_with_its_path():
    data = {"title": 3, "columns": 3, "items": [{"name": "a", "count": 0}, {"nme": "b"}],
            "shapes": [{"kind": "circle", "radius": -1}, {"side": "big", "kind": "square"}], "extra": 1}
    assert problems_of(Drawing, data) == [
        (("title",), "expected a word, got 3 (write a word)"),
        (("columns",), "3 is not allowed (expected 1 or 2)"),
        (("items", 0, "count"), "must be at least 1, got 0"),
        (("items", 1, "nme"), "unknown key 'nme' (did you mean 'name'?)"),  # told once: not also 'name' missing
        (("shapes", 0, "radius"), "must be greater than 0.0, got -1"),
        (("shapes", 1, "side"), "expected a number, got 'big'"),
        (("extra",), "unknown key 'extra' (expected one of columns, items, label, origin, shapes, title)"),
    ]


@pytest.mark.parametrize("value, expected", [
    (True, "expected a whole number, got true"),
    (1.5, "expected a whole number, got 1.5"),
    ("two", "expected a whole number, got 'two'"),
    (float("nan"), "expected a finite number, got nan"),
    (None, "is empty (give a value, or remove the key to use the default)"),
    ([1], "expected a whole number, got a list"),
    (100, "must be at most 99, got 100"),
])
def test_whole_numbers(value: object, expected: str):
    assert problems_of(Item, {"name": "a", "count": value}) == [(("count",), expected)]


@pytest.mark.parametrize("value, result", [(3, 3), (3.0, 3), ("3", 3), ("3.0", 3)])
def test_whole_numbers_accept_integral_values(value: object, result: int):
    count = Item.from_data({"name": "a", "count": value}).count
    assert count == result and type(count) is int


@pytest.mark.parametrize("value, expected", [
    (False, "expected a number, got false"),
    ("lots", "expected a number, got 'lots'"),
    (float("inf"), "expected a finite number, got inf"),
    (".nan", "expected a number, got '.nan'"),
    (-0.5, "must be at least 0.0, got -0.5"),
    (101, "must be at most 100.0, got 101"),
])
def test_numbers(value: object, expected: str):
    assert problems_of(Item, {"name": "a", "share": value}) == [(("share",), expected)]


def test_numbers_accept_ints_and_numeric_text_and_optional_ones_none():
    assert Item.from_data({"name": "a", "share": 5, "size": "2.5"}).share == 5.0
    assert Item.from_data({"name": "a", "size": "2.5"}).size == 2.5
    assert Item.from_data({"name": "a", "share": None}).share is None


@pytest.mark.parametrize("value, result", [(True, True), ("yes", True), ("off", False), (0, False), (1.0, True)])
def test_booleans(value: object, result: bool):
    assert Item.from_data({"name": "a", "flag": value}).flag is result


def test_booleans_refuse_other_values():
    assert problems_of(Item, {"name": "a", "flag": 2}) == [(("flag",), "expected true or false, got 2")]


def test_literals_match_equal_numbers_and_numbers_as_text_but_not_yes_no():
    for value in (2.0, "2", "2.0"):
        assert Drawing.from_data({"title": "t", "columns": value, "shapes": [SQUARE]}).columns == 2
    for value in ("two", " 2", True):
        assert problems_of(Drawing, {"title": "t", "columns": value, "shapes": [SQUARE]}) \
            == [(("columns",), f"{value!r} is not allowed (expected 1 or 2)")]


def test_tagged_union_problems():
    assert problems_of(Drawing, {"title": "t", "shapes": [{"side": 1}, {"kind": "circel"}, "circle"]}) == [
        (("shapes", 0), "the shape has no `kind` (add `kind:` with one of circle, square)"),
        (("shapes", 1, "kind"), "unknown shape kind 'circel' (did you mean 'circle'?)"),
        (("shapes", 2), "expected a mapping of keys to values, got 'circle'"),
    ]
    shapes = Drawing.from_data({"title": "t", "shapes": [{"kind": "circle", "radius": 2}]}).shapes
    assert shapes == (Circle(kind="circle", radius=2.0),)


def codes(model: type[Model], data: object) -> list[tuple[tuple[str | int, ...], str, int | None]]:
    with pytest.raises(ModelError) as caught:
        model.from_data(data)
    return [(problem.path, problem.code, problem.count) for problem in caught.value.problems]


def test_list_lengths():
    assert codes(Drawing, {"title": "t", "shapes": []}) == [(("shapes",), "too_short", 0)]
    # a list whose items failed is reported through its items, not as too short as well
    assert codes(Drawing, {"title": "t", "shapes": [{"kind": "nope"}]}) == [(("shapes", 0, "kind"), "unknown_tag", None)]
    # a list that is too long, and its items' own problems as well
    items = [{"name": "a"}] * 3 + [{"name": 5}]
    assert codes(Drawing, {"title": "t", "items": items, "shapes": [SQUARE]}) == [
        (("items",), "too_long", 4), (("items", 3, "name"), "value", None)]
    assert problems_of(Drawing, {"title": "t", "shapes": "circle"}) == [(("shapes",), "expected a list, got 'circle'")]


def test_hooks_run_in_order_and_after_hooks_only_on_checked_values():
    drawing = Drawing.from_data({"title": "t", "origin": 4, "shapes": [SQUARE]})
    assert drawing.title == "T" and drawing.origin == Point(x=4.0)
    assert problems_of(Drawing, {"title": "x", "shapes": [SQUARE]}) == \
        [(("title",), "X is reserved")]
    assert problems_of(Drawing, {"title": 5, "shapes": [SQUARE]}) == \
        [(("title",), "expected a word, got 5 (write a word)")]
    # an empty value never reaches a Parse function of a field that needs a value
    assert problems_of(Drawing, {"title": None, "shapes": [SQUARE]}) == [(("title",), "is empty (give a value)")]


def test_context_reaches_parse_functions_that_ask_for_it():
    data = {"title": "t", "label": "x", "shapes": [SQUARE]}
    assert Drawing.from_data(data, context={"prefix": "p-"}).label == "p-x"
    assert Drawing.from_data(data).label == "x"


def test_built_models_pass_through_and_checks_report_into_the_list_given():
    point = Point(x=1.0)
    assert Drawing.from_data({"title": "t", "origin": point, "shapes": [Square(kind="square", side=1.0)]}).origin is point
    found: list = []
    assert Drawing.check("not a mapping", ("here",), found, None) is INVALID
    assert [str(problem) for problem in found] == ["here: expected a mapping of keys to values, got 'not a mapping'"]


def test_importing_the_model_loads_neither_pydantic_nor_reportlab():
    code = "import sys, reportgen.model; print(sorted(m for m in ('pydantic', 'reportlab') if m in sys.modules))"
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert output.strip() == "[]"
