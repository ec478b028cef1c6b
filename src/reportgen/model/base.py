"""Declarative models: field annotations in; raw data checked into frozen instances, or every problem, out.

A model declares its fields as annotations with a default or `field(...)`; field types are `str`-like
custom types (`Annotated[..., Parse(...)]`), bool, int, float, `Literal`, `X | None`, `tuple[X, ...]`,
`dict[K, V]` (a FrozenMap), other models and a union of models told apart by a tag field. `Model.from_data` walks the data once,
collects every problem instead of stopping at the first, and raises them together as `ModelError`.
Field annotations are resolved lazily, on a model's first validation, so importing the models is cheap;
describe.py reads them once for the validator, the JSON Schema and the docs alike.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import Any, Callable, ClassVar, Iterable, Self

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
    """One declared field: its default (or REQUIRED), its note (description and example, shown in the docs
    and the schema; or a note in reference.NOTES, not both) and constraints: gt/ge/le/allow_inf_nan bound a
    number, min_length/max_length a list's length (describe.py refuses other combinations)."""

    __slots__ = ("name", "default", "description", "example", "gt", "ge", "le", "min_length", "max_length",
                 "allow_inf_nan", "annotation", "owner", "_type", "description_cache")

    def __init__(self, default: Any = REQUIRED, *, description: str | None = None, example: str | None = None,
                 gt: float | None = None, ge: float | None = None, le: float | None = None,
                 min_length: int | None = None, max_length: int | None = None, allow_inf_nan: bool = True):
        self.default = default
        self.description = description
        self.example = example
        self.gt, self.ge, self.le = gt, ge, le
        self.min_length, self.max_length = min_length, max_length
        self.allow_inf_nan = allow_inf_nan
        self.name = ""
        self.annotation: Any = None
        self.owner: type | None = None
        self._type: Any = None
        self.description_cache: Any = None  # describe.describe_field's FieldDescription, made once

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


def field(default: Any = REQUIRED, *, description: str | None = None, example: str | None = None,
          gt: float | None = None, ge: float | None = None, le: float | None = None, min_length: int | None = None,
          max_length: int | None = None, allow_inf_nan: bool = True) -> Any:
    """Declare a field with a note or constraints: `amount: float = field(gt=0, description="...", example="303")`."""
    return Field(default, description=description, example=example, gt=gt, ge=ge, le=le, min_length=min_length,
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


class EachEntry:
    """Type marker for a `dict[K, V]`: `function(key, value)` checks each entry whose value passed its type
    check, raising ModelError with problems at paths below the entry (every entry is checked, so every
    problem is told at once)."""

    def __init__(self, function: Callable[[Any, Any], Any]):
        self.function = function


class Kind:
    """Type marker: the name the reference documentation gives the type ('length', 'colour'), and the unit
    its bounds are in ('pt')."""

    def __init__(self, name: str, unit: str = ""):
        self.name = name
        self.unit = unit


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


class FrozenMap(dict):  # type: ignore[type-arg]
    """The value of a `dict[K, V]` field: a mapping that cannot change, compared and hashed by value."""

    def _frozen(self, *args: Any, **kwargs: Any) -> None:
        raise TypeError("a FrozenMap cannot change")

    __setitem__ = __delitem__ = clear = pop = popitem = setdefault = update = _frozen  # type: ignore[assignment]

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(tuple(self.items()))


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
    where: tuple[str, int, int] | None = None  # a problem inside a data file: (file as shown, line, column)

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
        from reportgen.model.describe import describe_field  # describe.py builds on this module

        cls._checks = [(name, describe_field(spec).check, spec.default) for name, spec in cls.fields.items()]
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


# ---------------------------------------------------------------- checks (see describe.py)

def compile_field(spec: Field) -> Check:
    """The check of one field: its type's check with the field's constraints around it, and an empty
    value (YAML's null: `key:` with nothing after it) refused first unless the type allows None."""
    from reportgen.model.describe import describe_field  # describe.py builds on this module

    return describe_field(spec).check


def compile_type(annotation: Any) -> Check:
    """The check of a type (None passes when it is `X | None`); see describe.describe_type."""
    from reportgen.model.describe import describe_type

    return describe_type(annotation).check()

