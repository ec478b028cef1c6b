"""Declarative models: field annotations in; raw data checked into frozen instances, or every problem, out.

A model declares its fields as annotations with a default or `field(...)`; field types are `str`-like
custom types (`Annotated[..., Parse(...)]`), bool, int, float, `Literal`, `X | None`, `tuple[X, ...]`,
other models and a union of models told apart by a tag field. `Model.from_data` walks the data once,
collects every problem instead of stopping at the first, and raises them together as `ModelError`.
Field annotations are resolved lazily, on a model's first validation, so importing the models is cheap.
"""

from __future__ import annotations

import math
import operator
import re
import sys
import types
import typing
from dataclasses import dataclass
from typing import Annotated, Any, Callable, ClassVar, Iterable, Literal, Self, Union

from reportgen.diagnostics import SpecPath, format_path


class _Marker:
    def __init__(self, name: str):
        self.name = name

    def __repr__(self) -> str:
        return self.name


REQUIRED: Any = _Marker("REQUIRED")  # the default of a field that has none
INVALID: Any = _Marker("INVALID")  # what a check returns after recording its problem

# check(value, path, problems, context) -> the typed value, or INVALID after appending its problems
Check = Callable[[Any, SpecPath, "list[Problem]", Any], Any]


# ---------------------------------------------------------------- declarations

_EVALUATED: dict[tuple[str, str], Any] = {}  # (module, annotation text) -> the type it names


class Field:
    """One declared field: its default (or REQUIRED), description and constraints."""

    __slots__ = ("name", "default", "description", "gt", "ge", "le", "min_length", "max_length", "allow_inf_nan",
                 "annotation", "owner", "_type")

    def __init__(self, default: Any = REQUIRED, *, description: str | None = None, gt: float | None = None,
                 ge: float | None = None, le: float | None = None, min_length: int | None = None,
                 max_length: int | None = None, allow_inf_nan: bool = True):
        self.default = default
        self.description = description
        self.gt, self.ge, self.le = gt, ge, le
        self.min_length, self.max_length = min_length, max_length
        self.allow_inf_nan = allow_inf_nan
        self.name = ""
        self.annotation: Any = None
        self.owner: type | None = None
        self._type: Any = None

    @property
    def required(self) -> bool:
        return self.default is REQUIRED

    @property
    def type(self) -> Any:
        """The field's type, its annotation evaluated in the module that declared it (once)."""
        if self._type is None:
            annotation = self.annotation
            if isinstance(annotation, str):  # `from __future__ import annotations` keeps them as text
                assert self.owner is not None
                key = (self.owner.__module__, annotation)
                if key not in _EVALUATED:  # the same text recurs in many fields
                    _EVALUATED[key] = eval(annotation, vars(sys.modules[self.owner.__module__]))  # noqa: S307 (our source)
                annotation = _EVALUATED[key]
            self._type = annotation
        return self._type

    def __repr__(self) -> str:
        return f"Field({self.name!r}, {self.annotation!r}, default={self.default!r})"


def field(default: Any = REQUIRED, *, description: str | None = None, gt: float | None = None,
          ge: float | None = None, le: float | None = None, min_length: int | None = None,
          max_length: int | None = None, allow_inf_nan: bool = True) -> Any:
    """Declare a field with a description or constraints: `amount: float = field(gt=0, description="...")`."""
    return Field(default, description=description, gt=gt, ge=ge, le=le, min_length=min_length,
                 max_length=max_length, allow_inf_nan=allow_inf_nan)


class Parse:
    """Type marker: `function(value)` (or `function(value, context)`) turns the raw value into the field's value,
    raising ValueError (or SpecError, with a hint) when it cannot."""

    def __init__(self, function: Callable[..., Any], *, uses_context: bool = False):
        self.function = function
        self.uses_context = uses_context


class Before:
    """Type marker: `function(value)` rewrites the raw value before it is checked (e.g. a shorthand);
    `accepts` is the JSON Schema of the extra form it understands."""

    def __init__(self, function: Callable[[Any], Any], accepts: dict[str, Any] | None = None):
        self.function = function
        self.accepts = accepts


class After:
    """Type marker: `function(value)` checks the typed value further; it runs only when the type check passed."""

    def __init__(self, function: Callable[[Any], Any]):
        self.function = function


class Kind:
    """Type marker: the name the reference documentation gives the type ('length', 'colour')."""

    def __init__(self, name: str):
        self.name = name


class JsonSchema:
    """Type marker: the JSON Schema of the values the type accepts, for schema/report.schema.json."""

    def __init__(self, schema: dict[str, Any]):
        self.schema = schema


class TaggedBy:
    """Type marker for a union of models: the field (`type`) whose literal value picks the model;
    `noun` names the union in problems ("unknown section type 'x'")."""

    def __init__(self, tag: str, noun: str):
        self.tag = tag
        self.noun = noun


# ---------------------------------------------------------------- problems

class SpecError(ValueError):
    """Raised by a Parse or After function: the message and hint reach the diagnostic unchanged."""

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the data: where it is (keys and indices), what is wrong and how to fix it.
    `code` names the kind of problem ("missing", "unknown_key", "too_short", ...); `count` is a list's length."""

    path: SpecPath
    message: str
    hint: str | None = None
    code: str = "value"
    count: int | None = None

    @property
    def at_key(self) -> bool:
        """Whether the problem is best shown at the mapping key rather than at the value."""
        return self.code in ("unknown_key", "missing", "no_tag", "empty")

    def __str__(self) -> str:
        where = format_path(self.path)
        return (f"{where}: " if where else "") + self.message + (f" ({self.hint})" if self.hint else "")


class ModelError(ValueError):
    """The data does not fit the model: every problem found, in data order."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


def describe(value: object) -> str:
    """A value as a problem message shows it: 'nothing', 'true', 'a list', or its (shortened) repr."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = repr(value)
    return text if len(text) < 60 else text[:57] + "..."


def did_you_mean(word: str, choices: list[str]) -> str | None:
    import difflib  # only when something is misspelt

    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    if close:
        return f"did you mean {close[0]!r}?"
    if choices:
        return "expected one of " + ", ".join(choices)
    return None


def _expected(path: SpecPath, what: str, value: object) -> Problem:
    return Problem(path, f"expected {what}, got {describe(value)}", code="type")


# ---------------------------------------------------------------- models

class Model:
    """Base of the spec's models: frozen, compared and hashed by value, built by `from_data`."""

    fields: ClassVar[dict[str, Field]] = {}
    # keys a designer naturally writes for a field of another name: {"items": "cards"} (no annotation in subclasses)
    synonyms: ClassVar[dict[str, str]] = {}
    _checks: ClassVar[list[tuple[str, Check, Any]] | None] = None

    def __init_subclass__(cls, **kwargs: Any) -> None:
        """Collect the class's fields once: inherited ones first, in declaration order."""
        super().__init_subclass__(**kwargs)
        fields = dict(cls.fields)
        for name, annotation in cls.__dict__.get("__annotations__", {}).items():
            if name in Model.__dict__:
                raise TypeError(f"{cls.__name__}.{name}: the name is taken by Model itself")
            declared = cls.__dict__.get(name, REQUIRED)
            spec = declared if isinstance(declared, Field) else Field(declared)
            spec.name, spec.annotation, spec.owner = name, annotation, cls
            fields[name] = spec
            if name in cls.__dict__:
                delattr(cls, name)  # instances hold every value; the class keeps only `fields`
        cls.fields = fields
        cls._checks = None

    def __init__(self, **values: Any):
        """Build from values that already have their field types (no conversion); see `from_data`."""
        fields = type(self).fields
        for name in values:
            if name not in fields:
                raise TypeError(f"{type(self).__name__} has no field {name!r}")
        for name, spec in fields.items():
            if name in values:
                value = values[name]
            elif spec.required:
                raise TypeError(f"{type(self).__name__} needs {name!r}")
            else:
                value = spec.default
            object.__setattr__(self, name, value)

    @classmethod
    def from_data(cls, data: object, context: Any = None) -> Self:
        """Check raw data (dicts, lists, scalars as YAML gives them) and build the model;
        raises ModelError with every problem. `context` reaches Parse functions that ask for it."""
        problems: list[Problem] = []
        result = cls.check(data, (), problems, context)
        if problems:
            raise ModelError(problems)
        assert result is not INVALID
        return result

    @classmethod
    def check(cls, value: object, path: SpecPath, problems: list[Problem], context: Any) -> Any:
        """The Check of this model: a mapping of its fields in, an instance (or INVALID) out."""
        if isinstance(value, cls):
            return value
        if not isinstance(value, dict):
            problems.append(_expected(path, "a mapping of keys to values", value))
            return INVALID
        checks = cls._checks if cls._checks is not None else cls._compile()
        values: dict[str, Any] = {}
        unknown = [key for key in value if key not in cls.fields]
        meant = {str(key): cls._meant(str(key)) for key in unknown}
        failed = bool(unknown)
        for name, check, default in checks:
            if name in value:
                result = values[name] = check(value[name], path + (name,), problems, context)
                failed = failed or result is INVALID
            elif default is REQUIRED:
                if name not in meant.values():  # `items:` for `cards:` is told once, at `items`
                    problems.append(Problem(path, f"missing required field {name!r}", f"add `{name}:` here", "missing"))
                failed = True
            else:
                values[name] = default
        for key in unknown:
            target = meant[str(key)]
            hint = f"did you mean {target!r}?" if target else did_you_mean(str(key), sorted(cls.fields))
            problems.append(Problem(path + (key,), f"unknown key {str(key)!r}", hint, "unknown_key"))
        if failed:
            return INVALID
        instance = object.__new__(cls)
        instance.__dict__.update(values)
        return instance

    @classmethod
    def _meant(cls, key: str) -> str | None:
        """The field an unknown key was probably meant as: a synonym, or a close spelling."""
        if key in cls.synonyms:
            return cls.synonyms[key]
        import difflib  # only when something is misspelt

        close = difflib.get_close_matches(key, sorted(cls.fields), n=1, cutoff=0.6)
        return close[0] if close else None

    @classmethod
    def _compile(cls) -> list[tuple[str, Check, Any]]:
        cls._checks = [(name, compile_field(spec), spec.default) for name, spec in cls.fields.items()]
        return cls._checks

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen; cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen; cannot delete {name!r}")

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other.__dict__ == self.__dict__

    def __hash__(self) -> int:
        return hash((type(self), tuple(self.__dict__.values())))

    def __repr__(self) -> str:
        return f"{type(self).__name__}(" + ", ".join(f"{k}={v!r}" for k, v in self.__dict__.items()) + ")"


# ---------------------------------------------------------------- checks, compiled once per field type

def compile_field(spec: Field) -> Check:
    """The check of one field: its type's check with the field's constraints around it, and an empty
    value (YAML's null: `key:` with nothing after it) refused first unless the type allows None."""
    check = _field_check(spec)
    if accepts_none(spec.type):
        return check
    return _not_empty(check, "give a value" if spec.required else "give a value, or remove the key to use the default")


def _not_empty(check: Check, hint: str) -> Check:
    def not_empty(value: Any, path: SpecPath, problems: list[Problem], context: Any) -> Any:
        if value is None:
            problems.append(Problem(path, "is empty", hint, "empty"))
            return INVALID
        return check(value, path, problems, context)
    return not_empty


def accepts_none(annotation: Any) -> bool:
    """Whether a field type takes an empty value (`X | None`)."""
    origin = typing.get_origin(annotation)
    if origin is Annotated:
        return accepts_none(typing.get_args(annotation)[0])
    return origin in (Union, types.UnionType) and type(None) in typing.get_args(annotation)


def _item_check(annotation: Any) -> Check:
    """The check of a list's items: an empty item is refused unless the item type allows None."""
    check = compile_type(annotation)
    return check if accepts_none(annotation) else _not_empty(check, "give a value, or remove the empty `-` item")


def _field_check(spec: Field) -> Check:
    if spec.min_length is not None or spec.max_length is not None:
        return _sequence(_item_check(_item_type(spec.type)), spec.min_length, spec.max_length)
    check = compile_type(spec.type)
    if spec.gt is None and spec.ge is None and spec.le is None and spec.allow_inf_nan:
        return check
    limits = [(words, limit, test) for words, limit, test in (
        ("at most", spec.le, operator.le), ("at least", spec.ge, operator.ge), ("greater than", spec.gt, operator.gt))
        if limit is not None]

    def bounded(value: Any, path: SpecPath, problems: list[Problem], context: Any) -> Any:
        result = check(value, path, problems, context)
        if result is INVALID or result is None:
            return result
        if spec.le is not None and isinstance(value, str) and _NUMBER_TEXT.fullmatch(value) \
                and not _DECIMAL_TEXT.fullmatch(value):
            problems.append(Problem(path, f"expected a plain number, got {value!r}", "write it without an exponent",
                                    "type"))
            return INVALID
        if not spec.allow_inf_nan and not math.isfinite(result):
            problems.append(_expected(path, "a finite number", value))
            return INVALID
        for words, limit, test in limits:
            if not test(result, limit):
                problems.append(Problem(path, f"must be {words} {type(result)(limit)}, got {value!r}", code="bound"))
                return INVALID
        return result
    return bounded


def compile_type(annotation: Any) -> Check:
    """The check of a type: bool, int, float, Literal, X | None, tuple[X, ...], a model, or Annotated."""
    origin = typing.get_origin(annotation)
    if origin is Annotated:
        base, *metadata = typing.get_args(annotation)
        return _annotated(base, metadata)
    if origin in (Union, types.UnionType):
        members = [member for member in typing.get_args(annotation) if member is not type(None)]
        if len(members) == len(typing.get_args(annotation)):
            raise TypeError(f"a union of models needs Annotated[..., TaggedBy(...)]: {annotation!r}")
        return _optional(compile_type(members[0] if len(members) == 1 else Union[tuple(members)]))
    if origin is Literal:
        return _literal(typing.get_args(annotation))
    if origin is tuple:
        return _sequence(_item_check(_item_type(annotation)))
    if isinstance(annotation, type) and issubclass(annotation, Model):
        return annotation.check
    if annotation in SCALARS:
        return SCALARS[annotation]
    raise TypeError(f"no check for the type {annotation!r}")


def _item_type(annotation: Any) -> Any:
    """X of tuple[X, ...], the one kind of list a model has."""
    arguments = typing.get_args(annotation)
    if typing.get_origin(annotation) is not tuple or len(arguments) != 2 or arguments[1] is not Ellipsis:
        raise TypeError(f"lists are declared as tuple[X, ...], not {annotation!r}")
    return arguments[0]


def _annotated(base: Any, metadata: list[Any]) -> Check:
    parse = next((item for item in reversed(metadata) if isinstance(item, Parse)), None)
    tagged = next((item for item in metadata if isinstance(item, TaggedBy)), None)
    if parse is not None:
        inner = _parsed(parse)
    elif tagged is not None:
        inner = _tagged(typing.get_args(base), tagged)
    else:
        inner = compile_type(base)
    befores = [item.function for item in metadata if isinstance(item, Before)]
    afters = [item.function for item in metadata if isinstance(item, After)]
    if not befores and not afters:
        return inner

    def hooked(value: Any, path: SpecPath, problems: list[Problem], context: Any) -> Any:
        for before in befores:
            value = before(value)
        result = inner(value, path, problems, context)
        if result is INVALID:
            return result
        try:
            for after in afters:
                result = after(result)
        except ValueError as error:
            problems.append(_spec_problem(path, error))
            return INVALID
        return result
    return hooked


def _spec_problem(path: SpecPath, error: ValueError) -> Problem:
    if isinstance(error, SpecError):
        return Problem(path, error.message, error.hint)
    return Problem(path, str(error))


def _parsed(parse: Parse) -> Check:
    function, uses_context = parse.function, parse.uses_context

    def parsed(value: Any, path: SpecPath, problems: list[Problem], context: Any) -> Any:
        try:
            return function(value, context) if uses_context else function(value)
        except ValueError as error:
            problems.append(_spec_problem(path, error))
            return INVALID
    return parsed


def _optional(inner: Check) -> Check:
    def optional(value: Any, path: SpecPath, problems: list[Problem], context: Any) -> Any:
        return None if value is None else inner(value, path, problems, context)
    return optional


def _literal(choices: tuple[Any, ...]) -> Check:
    shown = [repr(choice) for choice in choices]
    expected = shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " or " + shown[-1]

    def literal(value: Any, path: SpecPath, problems: list[Problem], context: Any) -> Any:
        if not isinstance(value, bool):
            for choice in choices:  # 2.0 and "2" are the literal 2
                if value == choice or (isinstance(value, str) and isinstance(choice, int)
                                       and _WHOLE_TEXT.fullmatch(value) and float(value) == choice):
                    return choice
        problems.append(Problem(path, f"{value!r} is not allowed", f"expected {expected}", "literal"))
        return INVALID
    return literal


def _sequence(item: Check, min_length: int | None = None, max_length: int | None = None) -> Check:
    def sequence(value: Any, path: SpecPath, problems: list[Problem], context: Any) -> Any:
        if not isinstance(value, (list, tuple)):
            problems.append(_expected(path, "a list", value))
            return INVALID
        failed = False
        if max_length is not None and len(value) > max_length:
            problems.append(Problem(path, f"has {len(value)} items, at most {max_length} allowed", code="too_long",
                                    count=len(value)))
            failed = True
        results = []
        for index, raw in enumerate(value):
            result = item(raw, path + (index,), problems, context)
            failed = failed or result is INVALID
            results.append(result)
        if failed:
            return INVALID
        if min_length is not None and len(value) < min_length:  # only when the items are fine: they come first
            problems.append(Problem(path, f"has {len(value)} items, at least {min_length} needed", code="too_short",
                                    count=len(value)))
            return INVALID
        return tuple(results)
    return sequence


def _tagged(members: tuple[type[Model], ...], tagged: TaggedBy) -> Check:
    tag_name, noun = tagged.tag, tagged.noun
    by_tag: dict[str, type[Model]] = {}
    for model in members:
        for tag in typing.get_args(model.fields[tag_name].type):
            by_tag[tag] = model
    tags = list(by_tag)

    def union(value: Any, path: SpecPath, problems: list[Problem], context: Any) -> Any:
        if isinstance(value, members):
            return value
        if not isinstance(value, dict):
            problems.append(_expected(path, "a mapping of keys to values", value))
            return INVALID
        if tag_name not in value:
            problems.append(Problem(path, f"the {noun} has no `{tag_name}`",
                                    f"add `{tag_name}:` with one of " + ", ".join(tags), "no_tag"))
            return INVALID
        tag = value[tag_name]
        model = by_tag.get(tag) if isinstance(tag, str) else None
        if model is None:
            problems.append(Problem(path + (tag_name,), f"unknown {noun} {tag_name} {str(tag)!r}",
                                    did_you_mean(str(tag), tags), "unknown_tag"))
            return INVALID
        return model.check(value, path, problems, context)
    return union


# ---------------------------------------------------------------- scalars

# What a designer writes and means; the JSON Schema (reference.py) accepts exactly the same. Booleans:
# true/false, the yes/no words (any case, quoted or not) and 0/1. Numbers may be written as text ("2", "9.6"),
# plainly: no spaces, underscores, leading + or inf/nan.
TRUE_WORDS = ("true", "yes", "on", "y", "t", "1")
FALSE_WORDS = ("false", "no", "off", "n", "f", "0")
WHOLE_TEXT = r"-?[0-9]+(\.0+)?"
DECIMAL_TEXT = r"-?[0-9]+(\.[0-9]+)?"
NUMBER_TEXT = DECIMAL_TEXT + r"([eE][+-]?[0-9]{1,2})?"  # 1.5e9: PyYAML reads it as text (YAML 1.1 wants 1.5e+9)
_WHOLE_TEXT, _DECIMAL_TEXT, _NUMBER_TEXT = (re.compile(pattern) for pattern in (WHOLE_TEXT, DECIMAL_TEXT, NUMBER_TEXT))


def _boolean(value: Any, path: SpecPath, problems: list[Problem], context: Any) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    if isinstance(value, str) and value.lower() in TRUE_WORDS + FALSE_WORDS:
        return value.lower() in TRUE_WORDS
    problems.append(_expected(path, "true or false", value))
    return INVALID


def _number(value: Any, path: SpecPath, problems: list[Problem], context: Any) -> Any:
    """A float; ints and numbers written as text ("9.6", "1.5e9") are accepted, yes/no values are not."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            return float(value)
        except OverflowError:
            pass
    elif isinstance(value, str) and _NUMBER_TEXT.fullmatch(value):
        return float(value)
    problems.append(_expected(path, "a number", value))
    return INVALID


def _whole(value: Any, path: SpecPath, problems: list[Problem], context: Any) -> Any:
    """An int; floats with nothing after the point and whole numbers written as text ("2") are accepted,
    1.5 and yes/no values are not."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, float) and not math.isfinite(value):
        problems.append(_expected(path, "a finite number", value))
        return INVALID
    if isinstance(value, str) and _WHOLE_TEXT.fullmatch(value):
        return int(value.split(".")[0])
    if isinstance(value, float) and value.is_integer():
        return int(value)
    problems.append(_expected(path, "a whole number", value))
    return INVALID


SCALARS: dict[Any, Check] = {bool: _boolean, int: _whole, float: _number}
