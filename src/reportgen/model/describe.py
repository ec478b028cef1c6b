"""Field types described once: an annotation and its `field(...)` in; the check, the JSON Schema and the docs label out.

The validator (`Model.from_data`), the JSON Schema (reference.json_schema) and the field tables of
docs/spec.md all read a field through `describe_field`, so they cannot disagree about what a field takes.
The annotations a model may use: bool, int, float, str, `Literal[...]` (all text or all whole numbers),
`X | None`, `tuple[X, ...]`, `dict[K, V]` (K a Literal of names or str), another model, `Annotated[Union[A, B, ...], TaggedBy(...)]` (models told apart
by a tag field) and `Annotated[X, ...]` with Parse (which needs JsonSchema and Kind beside it), Kind,
JsonSchema, Before, After and (on a mapping) EachEntry. Anything else, or a constraint that does not fit the type (`min_length` on a
number, `gt` on a list), is a TypeError naming the model and field when the field is first described: in the
test suite (tests/model/test_type_description.py describes every model), never in a user's validation.
"""

from __future__ import annotations

import copy
import math
import operator
import re
import sys
import types
import typing
from dataclasses import dataclass, replace
from typing import Annotated, Any, Literal, Union

from reportgen.diagnostics import SpecPath
from reportgen.model.base import (INVALID, After, Before, Check, EachEntry, Field, FrozenMap, JsonSchema, Kind, Model, ModelError,
                                  Parse, Problem, SpecError, TaggedBy, describe, did_you_mean)


@dataclass(frozen=True, eq=False)
class TypeDescription:
    """What one field type is. `core` checks a present value (not None) before the Before/After hooks;
    `schema` is the JSON Schema of a present value without the Before shorthands (`accepts`);
    `label` is the docs' name for it. Lists have `item`, literals `choices`, models `model`,
    tagged unions `members` and `tag`, mappings `key` and `item` (the values' type); `numeric` types take gt/ge/le."""

    kind: str  # boolean, whole, number, string, parsed, literal, list, mapping, model, union
    core: Check
    schema: dict[str, Any]
    label: str
    optional: bool = False
    numeric: bool = False
    unit: str = ""
    given_schema: bool = False  # JsonSchema(...) replaced the kind's own schema
    befores: tuple[Any, ...] = ()
    afters: tuple[Any, ...] = ()
    accepts: tuple[dict[str, Any], ...] = ()
    item: TypeDescription | None = None
    choices: tuple[Any, ...] = ()
    model: type[Model] | None = None
    members: tuple[type[Model], ...] = ()
    tag: str | None = None
    key: TypeDescription | None = None

    def present_check(self, min_length: int | None = None, max_length: int | None = None) -> Check:
        """The check of a present value, with a list's length bounds."""
        core = self.core
        if min_length is not None or max_length is not None:
            assert self.item is not None
            core = _sequence(_item_check(self.item), min_length, max_length)
        return _hooked(core, self.befores, self.afters)

    def check(self) -> Check:
        """The check of a value in any position: None passes through when the type is optional."""
        check = self.present_check()
        return _optional(check) if self.optional else check

    def json_schema(self, bounds: dict[str, Any] | None = None) -> dict[str, Any]:
        """The JSON Schema of the values the check accepts; `bounds` are the keywords of the field's limits."""
        schema = copy.deepcopy(self.schema)
        if bounds:
            schema.update(bounds)
        for accepts in self.accepts:
            schema = {"anyOf": [schema, copy.deepcopy(accepts)]}
        if self.optional:
            schema = {"anyOf": (schema["anyOf"] if list(schema) == ["anyOf"] else [schema]) + [{"type": "null"}]}
        return schema


@dataclass(frozen=True, eq=False)
class FieldDescription:
    """One field described: its type, and the check, schema and label with the field's constraints."""

    field: Field
    type: TypeDescription
    check: Check
    schema: dict[str, Any]  # without the default and description (reference.py adds those)
    label: str
    bounds: str  # the constraints in words, as the label ends: "1 to 99", "at most 100 items", ""


def describe_field(spec: Field) -> FieldDescription:
    """The description of one declared field (made once, then kept on the field)."""
    if spec.description_cache is None:
        owner = spec.owner.__name__ if spec.owner is not None else "?"
        try:
            spec.description_cache = _describe_field(spec)
        except (TypeError, NameError, AttributeError, SyntaxError) as error:  # a developer's mistake: say where
            raise TypeError(f"{owner}.{spec.name}: {error}") from None
    return spec.description_cache


def describe_model(model: type[Model]) -> list[FieldDescription]:
    """Every field of a model described (raising the first TypeError)."""
    return [describe_field(spec) for spec in model.fields.values()]


def _describe_field(spec: Field) -> FieldDescription:
    described = describe_type(spec.type)
    lengths = spec.min_length is not None or spec.max_length is not None
    limits = spec.gt is not None or spec.ge is not None or spec.le is not None or not spec.allow_inf_nan
    if lengths and described.kind != "list":
        raise TypeError(f"min_length/max_length bound the length of a list (tuple[X, ...]); "
                        f"the field is {described.label}")
    if limits and not described.numeric:
        if described.kind == "list":
            raise TypeError("gt/ge/le/allow_inf_nan bound a number, not a list: bound the list's length with "
                            "min_length/max_length; items are bounded by their own type")
        raise TypeError(f"gt/ge/le/allow_inf_nan bound a number; the field is {described.label}")
    if spec.gt is not None and spec.ge is not None:
        raise TypeError("give gt or ge, not both")
    check = _bounded(described.present_check(spec.min_length, spec.max_length), spec) if limits \
        else described.present_check(spec.min_length, spec.max_length)
    if described.optional:
        check = _optional(check)
    else:
        check = _not_empty(check, "give a value" if spec.required else "give a value, or remove the key to use the default")
    if described.kind in ("whole", "number") and not described.given_schema:
        schema = _number_schema(described.kind == "whole", spec)
        if described.optional:
            schema = {"anyOf": [schema, {"type": "null"}]}
    else:
        keywords = {keyword: limit for keyword, limit in (
            ("exclusiveMinimum", spec.gt), ("minimum", spec.ge), ("maximum", spec.le),
            ("minItems", spec.min_length), ("maxItems", spec.max_length)) if limit is not None}
        schema = described.json_schema(keywords)
    bounds = _bounds_words(spec, described.unit)
    label = described.label + (f" ({bounds})" if bounds else "")
    return FieldDescription(spec, described, check, schema, label, bounds)


def _bounds_words(spec: Field, unit: str) -> str:
    """The field's constraints as the docs say them: '1 to 99', 'above 4 pt, at most 72 pt', '2 to 12 items'."""
    def number(value: float) -> str:
        return f"{value:g}" + (f" {unit}" if unit else "")

    if spec.ge is not None and spec.le is not None:
        words = [f"{number(spec.ge)} to {number(spec.le)}"]
    else:
        words = [f"{words} {number(limit)}" for words, limit in (
            ("above", spec.gt), ("at least", spec.ge), ("at most", spec.le)) if limit is not None]
    shortest, longest = spec.min_length, spec.max_length
    if shortest is not None and longest is not None:
        words.append(f"{shortest} to {longest} items")
    elif shortest is not None:
        words.append(f"at least {shortest} item{'' if shortest == 1 else 's'}")
    elif longest is not None:
        words.append(f"at most {longest} items")
    return ", ".join(words)


# ---------------------------------------------------------------- types

SUPPORTED = ("bool, int, float, str, Literal[...], X | None, tuple[X, ...], dict[K, V], a Model, "
             "Annotated[Union[...], TaggedBy(...)] or Annotated[X, Parse(...), Kind(...), JsonSchema(...)]")


def describe_type(annotation: Any) -> TypeDescription:
    """The description of a type; a TypeError for an annotation the model cannot check."""
    origin = typing.get_origin(annotation)
    if origin is Annotated:
        base, *metadata = typing.get_args(annotation)
        return _annotated(base, metadata)
    if origin in (Union, types.UnionType):
        arguments = typing.get_args(annotation)
        members = [member for member in arguments if member is not type(None)]
        if len(members) != 1:
            raise TypeError(f"a union of several types must be models told apart by a tag field, declared as "
                            f"Annotated[Union[...], TaggedBy(...)]: {annotation!r}")
        return replace(describe_type(members[0]), optional=True)
    if origin is Literal:
        return _literal(typing.get_args(annotation))
    if origin in (tuple, list) or annotation in (tuple, list):
        return _list(describe_type(_item_type(annotation)))
    if origin is dict:
        key, value = typing.get_args(annotation)
        return _mapping(describe_type(key), describe_type(value))
    if isinstance(annotation, type) and issubclass(annotation, Model):
        return TypeDescription("model", annotation.check, {"$ref": f"#/$defs/{annotation.__name__}"},
                               f"[{heading_name(annotation)}](#{anchor(annotation)})", model=annotation)
    if annotation in _SCALARS:
        return _SCALARS[annotation]
    raise TypeError(f"no description for the type {annotation!r}; a field type is one of {SUPPORTED}")


def _item_type(annotation: Any) -> Any:
    """X of tuple[X, ...], the one kind of list a model has."""
    arguments = typing.get_args(annotation)
    if typing.get_origin(annotation) is not tuple or len(arguments) != 2 or arguments[1] is not Ellipsis:
        raise TypeError(f"lists are declared as tuple[X, ...], not {annotation!r}")
    return arguments[0]


def _last(metadata: list[Any], marker: type) -> Any:
    found = [item for item in metadata if isinstance(item, marker)]
    return found[-1] if found else None


def _annotated(base: Any, metadata: list[Any]) -> TypeDescription:
    parse, kind, given, tagged = (_last(metadata, marker) for marker in (Parse, Kind, JsonSchema, TaggedBy))
    if parse is not None:
        if given is None or kind is None:
            raise TypeError("a type with Parse(...) needs JsonSchema(...) (the values it accepts) and Kind(...) "
                            "(its name in the docs) beside it")
        if tagged is not None:
            raise TypeError("Parse(...) and TaggedBy(...) cannot be combined")
        described = TypeDescription("parsed", _parsed(parse), given.schema, kind.name, numeric=base in (int, float))
    elif tagged is not None:
        described = _union(base, tagged)
    else:
        described = describe_type(base)
    entries = tuple(item.function for item in metadata if isinstance(item, EachEntry))
    if entries:
        if described.kind != "mapping":
            raise TypeError(f"EachEntry(...) checks the entries of a dict[K, V], not of {described.label}")
        assert described.key is not None and described.item is not None
        described = replace(described, core=_mapping_check(described.key, described.item, entries))
    changes: dict[str, Any] = {}
    if kind is not None:
        changes.update(label=kind.name, unit=kind.unit)
    if given is not None:
        changes.update(schema=given.schema, given_schema=True)
    befores = tuple(item.function for item in metadata if isinstance(item, Before))
    afters = tuple(item.function for item in metadata if isinstance(item, After))
    accepts = tuple(item.accepts for item in metadata if isinstance(item, Before) and item.accepts)
    return replace(described, befores=described.befores + befores, afters=described.afters + afters,
                   accepts=described.accepts + accepts, **changes)


def _union(base: Any, tagged: TaggedBy) -> TypeDescription:
    members = typing.get_args(base)
    if typing.get_origin(base) not in (Union, types.UnionType) or not all(
            isinstance(member, type) and issubclass(member, Model) for member in members):
        raise TypeError(f"TaggedBy(...) marks a union of models, not {base!r}")
    by_tag: dict[str, type[Model]] = {}
    for member in members:
        tag_field = member.fields.get(tagged.tag)
        tags = typing.get_args(tag_field.type) if tag_field is not None else ()
        if tag_field is None or typing.get_origin(tag_field.type) is not Literal \
                or not all(isinstance(tag, str) for tag in tags):
            raise TypeError(f"{member.__name__} needs a field {tagged.tag!r} of type Literal['...'] to be told apart")
        for tag in tags:
            if tag in by_tag:
                raise TypeError(f"{member.__name__} and {by_tag[tag].__name__} share the {tagged.tag} {tag!r}")
            by_tag[tag] = member
    schema = {"oneOf": [{"$ref": f"#/$defs/{member.__name__}"} for member in members],
              "discriminator": {"propertyName": tagged.tag,
                                "mapping": {tag: f"#/$defs/{member.__name__}" for tag, member in by_tag.items()}}}
    return TypeDescription("union", _tagged(members, by_tag, tagged), schema, f"[{tagged.noun}](#{tagged.noun}s)",
                           members=members, tag=tagged.tag, choices=tuple(by_tag))


def _literal(choices: tuple[Any, ...]) -> TypeDescription:
    label = " | ".join(str(choice) for choice in choices)
    if all(isinstance(choice, str) for choice in choices):
        schema: dict[str, Any] = {"const": choices[0], "type": "string"} if len(choices) == 1 \
            else {"enum": list(choices), "type": "string"}
    elif all(isinstance(choice, int) and not isinstance(choice, bool) for choice in choices):
        # 2, 2.0 and "2" are the literal 2 (see _literal_check)
        schema = {"anyOf": [{"enum": list(choices), "type": "integer"}, {"type": "string", "pattern": "^0*(" + "|".join(
            str(choice) for choice in choices) + r")(\.0+)?$"}]}
    else:
        raise TypeError(f"a Literal's choices are all text or all whole numbers, not {choices!r}")
    return TypeDescription("literal", _literal_check(choices), schema, label, choices=choices)


def _list(item: TypeDescription) -> TypeDescription:
    return TypeDescription("list", _sequence(_item_check(item)), {"type": "array", "items": item.json_schema()},
                           "list of " + item.label, item=item)


def _mapping(key: TypeDescription, value: TypeDescription) -> TypeDescription:
    """`dict[K, V]`: K is str or a Literal of the names allowed (an unknown one is told at its key, with
    did-you-mean); every value is a V."""
    if not (key.kind == "string" or (key.kind == "literal" and all(isinstance(c, str) for c in key.choices))) \
            or key.optional:
        raise TypeError(f"a mapping's keys are str or a Literal of names, not {key.label}")
    schema = {"type": "object", "propertyNames": copy.deepcopy(key.schema), "additionalProperties": value.json_schema()}
    label = f"mapping of name to {value.label}"
    return TypeDescription("mapping", _mapping_check(key, value), schema, label, item=value, key=key)


# ---------------------------------------------------------------- docs names of models

HEADINGS = {"Report": "Top level", "Meta": "meta", "Strings": "meta.strings", "Page": "page", "Margins": "page.margins", "Theme": "theme",
            "Fonts": "theme.fonts", "FontFamily": "theme.fonts.body", "DisplayFonts": "theme.fonts.display",
            "Colors": "theme.colors", "TextSettings": "theme.text", "StyleOverride": "theme.styles", "Footer": "footer", "ImageRef": "image",
            "PrintSettings": "print", "OutputIntent": "print.output_intent",
            "Editions": "editions"}


def heading_name(model: type[Model]) -> str:
    """The heading of a model's table in docs/spec.md; a section's is its type name (`### text`)."""
    from reportgen.sections import registry  # the blocks import the model: only when docs are written

    return HEADINGS.get(model.__name__) or registry.headings().get(model.__name__, model.__name__.lower())


def anchor(model: type[Model]) -> str:
    """The GitHub anchor of the heading `heading_name(model)`."""
    return re.sub(r"[^a-z0-9_ -]", "", heading_name(model).lower()).replace(" ", "-")


# ---------------------------------------------------------------- checks

def _expected(path: SpecPath, what: str, value: object) -> Problem:
    return Problem(path, f"expected {what}, got {describe(value)}", code="type")


def _not_empty(check: Check, hint: str) -> Check:
    def not_empty(value: Any, path: SpecPath, problems: list[Problem], context: Any) -> Any:
        if value is None:
            problems.append(Problem(path, "is empty", hint, "empty"))
            return INVALID
        return check(value, path, problems, context)
    return not_empty


def _item_check(item: TypeDescription) -> Check:
    """The check of a list's items: an empty item is refused unless the item type allows None."""
    if item.optional:
        return item.check()
    return _not_empty(item.present_check(), "give a value, or remove the empty `-` item")


def _mapping_check(key: TypeDescription, value: TypeDescription, entries: tuple[Any, ...] = ()) -> Check:
    names = list(key.choices) if key.kind == "literal" else None
    item = value.check() if value.optional else _not_empty(value.present_check(), "give a value, or remove the key")

    def mapping(raw: Any, path: SpecPath, problems: list[Problem], context: Any) -> Any:
        if isinstance(raw, FrozenMap):
            return raw
        if not isinstance(raw, dict):
            problems.append(_expected(path, "a mapping of names to values", raw))
            return INVALID
        failed, result = False, {}
        for name, data in raw.items():
            if not isinstance(name, str) or (names is not None and name not in names):
                problems.append(Problem(path + (name,), f"unknown key {str(name)!r}",
                                        did_you_mean(str(name), names or []), "unknown_key"))
                failed = True
                continue
            result[name] = item(data, path + (name,), problems, context)
            failed = failed or result[name] is INVALID
            if result[name] is not INVALID:
                for entry in entries:
                    try:
                        entry(name, result[name])
                    except ModelError as error:
                        problems.extend(replace(problem, path=path + (name,) + problem.path)
                                        for problem in error.problems)
                        failed = True
        return INVALID if failed else FrozenMap(result)
    return mapping


def _bounded(check: Check, spec: Field) -> Check:
    limits = [(words, limit, test) for words, limit, test in (
        ("at most", spec.le, operator.le), ("at least", spec.ge, operator.ge), ("greater than", spec.gt, operator.gt))
        if limit is not None]

    def bounded(value: Any, path: SpecPath, problems: list[Problem], context: Any) -> Any:
        result = check(value, path, problems, context)
        if result is INVALID or result is None:
            return result
        if spec.le is not None and isinstance(value, str) and _NUMBER_TEXT.fullmatch(value) \
                and not _DECIMAL_TEXT.fullmatch(value):  # the schema's pattern for a bounded number has no exponent
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


def _hooked(inner: Check, befores: tuple[Any, ...], afters: tuple[Any, ...]) -> Check:
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
        except ModelError as error:  # problems inside the value, at their own paths below it
            problems.extend(replace(problem, path=path + problem.path) for problem in error.problems)
            return INVALID
        except ValueError as error:
            problems.append(_spec_problem(path, error))
            return INVALID
        return result
    return hooked


def _spec_problem(path: SpecPath, error: ValueError) -> Problem:
    if isinstance(error, SpecError):
        where = getattr(error, "file", None)
        located = (where, error.line, error.column) if isinstance(where, str) else None  # type: ignore[attr-defined]
        return Problem(path, error.message, error.hint, where=located)
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


def _literal_check(choices: tuple[Any, ...]) -> Check:
    shown = [repr(choice) for choice in choices]
    expected = shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " or " + shown[-1]

    def literal(value: Any, path: SpecPath, problems: list[Problem], context: Any) -> Any:
        if not isinstance(value, bool):
            for choice in choices:  # 2.0 and "2" are the literal 2
                if value == choice or (isinstance(value, str) and isinstance(choice, int)
                                       and _WHOLE_TEXT.fullmatch(value) and float(value) == choice):
                    return choice
        hint = f"expected {expected}"
        words = [choice for choice in choices if isinstance(choice, str)]
        if isinstance(value, str) and words:
            import difflib  # only when something is misspelt

            close = difflib.get_close_matches(value.strip().lower(), words, n=1, cutoff=0.6)
            if close:
                hint = f"did you mean {close[0]!r}? ({hint})"
        problems.append(Problem(path, f"{value!r} is not allowed", hint, "literal"))
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


def _tagged(members: tuple[type[Model], ...], by_tag: dict[str, type[Model]], tagged: TaggedBy) -> Check:
    tag_name, noun = tagged.tag, tagged.noun
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

# What a designer writes and means; the JSON Schemas below accept exactly the same. Booleans: true/false, the
# yes/no words (any case, quoted or not) and 0/1. Numbers may be written as text ("2", "9.6"), plainly: no
# spaces, underscores, leading + or inf/nan. Plain `str` takes text only (Text in types.py also takes numbers).
TRUE_WORDS = ("true", "yes", "on", "y", "t", "1")
FALSE_WORDS = ("false", "no", "off", "n", "f", "0")
WHOLE_TEXT = r"-?[0-9]+(\.0+)?"
DECIMAL_TEXT = r"-?[0-9]+(\.[0-9]+)?"
EXPONENT = r"[eE][+-]?(0*[0-9]{1,2}|0*[12][0-9]{2}|0*30[0-7])"  # up to e307 either way: never inf, never 0
NUMBER_TEXT = DECIMAL_TEXT + f"({EXPONENT})?"  # 1.5e9, 1e-300: PyYAML reads them as text (YAML 1.1 wants 1.5e+9)
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


def _string(value: Any, path: SpecPath, problems: list[Problem], context: Any) -> Any:
    """Text as YAML gives it; a number or a yes/no value is refused (quote it to make it text)."""
    if isinstance(value, str):
        return value
    hint = f'quote it: "{value}"' if isinstance(value, (int, float)) and not isinstance(value, bool) else None
    problems.append(Problem(path, f"expected text, got {describe(value)}", hint, "type"))
    return INVALID


def _boolean_schema() -> dict[str, Any]:
    words = "|".join("".join(f"[{ch.lower()}{ch.upper()}]" if ch.isalpha() else ch for ch in word)
                     for word in TRUE_WORDS + FALSE_WORDS)
    return {"anyOf": [{"type": "boolean"}, {"enum": [0, 1]}, {"type": "string", "pattern": f"^({words})$"}]}


def _number_schema(whole: bool, spec: Field | None = None) -> dict[str, Any]:
    """What _whole/_number accept, bounded as the field is: a JSON number, or text in the plain grammar whose
    value is within the limits (a pattern built from them)."""
    spec = spec or Field()
    limits: dict[str, Any] = {}
    for keyword, limit in (("exclusiveMinimum", spec.gt), ("minimum", spec.ge), ("maximum", spec.le)):
        if limit is not None:
            limits[keyword] = limit
    if not spec.allow_inf_nan and spec.le is None:
        limits["maximum"] = sys.float_info.max  # JSON has no infinity, but YAML's .inf must fail here too
    numeric = {"type": "integer" if whole else "number", **limits}
    text = {"type": "string", "pattern": _number_pattern(whole, spec)}
    return {"anyOf": [numeric, text]}


def _number_pattern(whole: bool, spec: Field) -> str:
    """A regular expression for the numbers as text that _whole/_number accept and the limits allow."""
    low, low_open, high = (spec.gt, True, spec.le) if spec.gt is not None else (spec.ge, False, spec.le)
    plain = "^" + (WHOLE_TEXT if whole else NUMBER_TEXT) + "$"
    if low is None or low != int(low) or low < 0 or (high is not None and (high != int(high) or high - low > 1000)):
        return plain  # no field of the model has other limits; these are checked by the number branch only
    fraction = r"(\.0+)?" if whole else r"(\.[0-9]+)?"
    nonzero_fraction = r"\.[0-9]*[1-9][0-9]*"
    above_zero = rf"0*[1-9][0-9]*{fraction}" if whole else rf"0*[1-9][0-9]*{fraction}|0*0{nonzero_fraction}"
    negative_zero = r"|-0+(\.0+)?" if low == 0 and not low_open else ""  # "-0" is 0, within ge=0
    if high is None:  # a lower limit only (amounts): exponents allowed, as in _number
        exponent = "" if whole else f"({EXPONENT})?"
        if low == 0 and low_open:
            return f"^({above_zero}){exponent}$"
        if low == 0:
            return f"^(0*[0-9]+{fraction}{negative_zero}){exponent}$"
        return plain
    low, high = int(low), int(high)
    alternatives = [f"0*{low}{nonzero_fraction}" if low_open else f"0*{low}{fraction}"] if not (low_open and whole) else []
    middle = "|".join(str(value) for value in range(low + 1, high))
    if middle:
        alternatives.append(f"0*({middle}){fraction}")
    if high > low:
        alternatives.append(rf"0*{high}(\.0+)?")
    return "^(" + "|".join(alternatives) + negative_zero + ")$"


_SCALARS: dict[Any, TypeDescription] = {
    bool: TypeDescription("boolean", _boolean, _boolean_schema(), "true | false"),
    int: TypeDescription("whole", _whole, _number_schema(True), "whole number", numeric=True),
    float: TypeDescription("number", _number, _number_schema(False), "number", numeric=True),
    str: TypeDescription("string", _string, {"type": "string"}, "string"),
}
