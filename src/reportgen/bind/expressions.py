"""Expressions: a string with `{{ … }}` and the data in scope in, its value (or a located ExpressionError) out.

Jinja2's sandboxed environment evaluates each `{{ … }}`, narrowed to what a template needs: names are
data sets (and `edition`, an edition's row); `.name` and `[key]` look up a mapping's key or a list's
item, nothing else (no attributes, no methods); no function can be called; a name or key that is not
there is an error, never an empty string; `*`, `**` and `%` cannot build huge values. Filters format
numbers in the report's language (Babel): `number`, `percent`, `money`; `default` fills a gap.
There are no statements (`{% … %}`): a string is text with expressions in it.
"""

from __future__ import annotations

import math
import operator
from decimal import Context, Decimal, InvalidOperation, localcontext
from typing import Any, Callable, Mapping

from jinja2 import StrictUndefined, TemplateSyntaxError, UndefinedError
from jinja2.exceptions import SecurityError
from jinja2.filters import FILTERS
from jinja2.runtime import Undefined
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import missing

from reportgen.bind.datasets import DataFloat, DataInt, DataMap, DataText
from reportgen.bind.pieces import ExpressionError, Piece, pieces

MAX_RESULT = 100_000  # characters (or items) an operator may build: far more than any field holds
# Jinja's filters a template may use (the others build markup, call attributes by name or are random)
KEPT_FILTERS = ("abs", "capitalize", "count", "default", "d", "first", "float", "int", "join", "last", "length",
                "lower", "max", "min", "replace", "reverse", "round", "sort", "string", "sum", "title", "trim",
                "truncate", "unique", "upper", "wordcount")
FORMAT_FILTERS = ("number", "percent", "money")


class Missing(UndefinedError):
    """A name or key that is not there: the mapping it was looked up in (None for a top-level name)."""

    def __init__(self, owner: Any, name: Any):
        super().__init__(f"{name!r} is undefined")
        self.owner, self.name = owner, name


class _Undefined(StrictUndefined):
    """StrictUndefined whose error says what was looked up, and in what."""

    __slots__ = ()

    def _fail_with_undefined_error(self, *args: Any, **kwargs: Any) -> Any:
        owner = self._undefined_obj
        raise Missing(None if owner is _NO_OWNER else owner, self._undefined_name)

    __iter__ = __str__ = __len__ = __eq__ = __ne__ = __bool__ = __hash__ = __contains__ = \
        _fail_with_undefined_error  # type: ignore[assignment]


_NO_OWNER = missing  # what Jinja's Undefined holds as its owner for a top-level name


class Refused(SecurityError):
    """Something the sandbox does not do, said for a designer."""

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.said, self.hint = message, hint


class _Sandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, narrowed to data lookups (see the module docstring)."""

    intercepted_binops = frozenset({"*", "**", "%", "//"})

    def getattr(self, obj: Any, attribute: str) -> Any:
        return self._lookup(obj, attribute, f".{attribute}")

    def getitem(self, obj: Any, argument: Any) -> Any:
        return self._lookup(obj, argument, f"[{argument!r}]")

    def _lookup(self, obj: Any, key: Any, written: str) -> Any:
        if isinstance(obj, Undefined):
            obj._fail_with_undefined_error()
        if isinstance(obj, Mapping):
            if key in obj:
                return obj[key]
            return self.undefined(obj=obj, name=key)
        if isinstance(obj, (list, tuple)) and isinstance(key, int) and not isinstance(key, bool):
            if -len(obj) <= key < len(obj):
                return obj[key]
            raise Refused(f"{written}: the list has {len(obj)} item{'' if len(obj) == 1 else 's'}",
                          f"count from 0: [0] is the first, [{len(obj) - 1}] the last")
        if isinstance(obj, (list, tuple)):
            raise Refused(f"{written}: a list's items are numbered, not named", "write [0] for the first item")
        raise Refused(f"{written} looks up something that is not data: {_kind(obj)} has no keys",
                      "expressions look up data only: a data set's key (budget.total) or a row's column "
                      "(edition.name); format with a filter, e.g. {{ edition.name | upper }}")

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805 (Jinja's signature)
        if isinstance(__obj, Undefined) and __obj._undefined_obj is _NO_OWNER:
            name = __obj._undefined_name
            raise Refused(f"{name}(...) calls a function; expressions call none",
                          "look up data and format it with filters: {{ edition.students | number }}")
        raise Refused("expressions call no functions or methods",
                      "look up data and format it with filters: {{ edition.name | upper }}")

    def call_binop(self, context: Any, operator_name: str, left: Any, right: Any) -> Any:
        if operator_name == "%" and isinstance(left, str):
            raise Refused("% formatting of text is not available", "format numbers with filters: "
                          "{{ x | number(1) }}; join text with ~: {{ a ~ ' ' ~ b }}")
        if operator_name == "*":
            for sized, times in ((left, right), (right, left)):
                if isinstance(sized, (str, list, tuple)) and isinstance(times, int) and \
                        _size(sized) * times > MAX_RESULT:
                    raise Refused(f"repeating {_size(sized):,} characters or items {times:,} times makes too large a value",
                                  f"a value may hold at most {MAX_RESULT:,}")
        if operator_name == "**" and isinstance(left, (int, float)) and isinstance(right, (int, float)):
            size = abs(right) * math.log2(abs(left)) if abs(left) > 1 else 0
            if size > 1024:
                raise Refused(f"{left} ** {right} is too large a number", "a report's figures stay far below 10**300")
        return {"*": operator.mul, "**": operator.pow, "%": operator.mod, "//": operator.floordiv}[operator_name](
            left, right)


def _size(value: Any, limit: int = MAX_RESULT) -> int:
    """How large a value is as text: a text's characters, a list's or mapping's items and what they hold
    (counted each time they recur: ['x' * 99999] * 1000 is a list of 1,000 but 100 MB as text). Stops
    counting past `limit`."""
    if isinstance(value, str):
        return len(value)
    if isinstance(value, (list, tuple, dict)):
        total = len(value)
        for item in (value.items() if isinstance(value, dict) else value):
            total += _size(item, limit - total)
            if total > limit:
                break
        return total
    return 1


def _kind(value: Any) -> str:
    if isinstance(value, str):
        return f"the text {str.__str__(value)[:40]!r}"
    if isinstance(value, bool):
        return "a yes/no value"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if value is None:
        return "an empty value"
    return "this value"


# ---------------------------------------------------------------- number formats

MAX_DIGITS = 100  # whole digits a filter formats: Decimal's default context (28) refused 10**27 with InvalidOperation
_DIGITS = Context(prec=MAX_DIGITS + 20)


def _decimal(value: Any, filter_name: str) -> Decimal:
    """A filter's number (a number, or text that is a plain number: a CSV cell) of at most MAX_DIGITS whole
    digits; anything else is refused."""
    number = _number(value, filter_name)
    if number.adjusted() >= MAX_DIGITS:
        raise FilterProblem(f"| {filter_name}: the number has more than {MAX_DIGITS} digits", value)
    return number


def _number(value: Any, filter_name: str) -> Decimal:
    if isinstance(value, Undefined):
        value._fail_with_undefined_error()
    if isinstance(value, bool) or value is None:
        raise FilterProblem(f"| {filter_name} needs a number, got {_kind(value)}", value)
    if isinstance(value, (DataInt, DataFloat)):
        return Decimal(value.text.strip())
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise FilterProblem(f"| {filter_name} needs a finite number, got {value}", value)
        return Decimal(repr(value))
    if isinstance(value, str):
        text = str.__str__(value).strip()
        try:
            number = Decimal(text)
        except InvalidOperation:
            number = None
        if number is not None and number.is_finite() and text.lstrip("+-").replace(".", "", 1).isdigit():
            return number
        raise FilterProblem(f"| {filter_name} needs a number, got {_kind(value)}", value)
    raise FilterProblem(f"| {filter_name} needs a number, got {_kind(value)}", value)


class FilterProblem(Exception):
    """A filter given a value it cannot format: the message, and the value (its data position, if any)."""

    def __init__(self, message: str, value: Any):
        super().__init__(message)
        self.message, self.value = message, value


def _digits(digits: Any, filter_name: str) -> int | None:
    if digits is None:
        return None
    if isinstance(digits, bool) or not isinstance(digits, int) or not 0 <= digits <= 10:
        raise FilterProblem(f"| {filter_name}({digits!r}): the digits after the point are a whole number from 0 to 10",
                            None)
    return digits


def _pattern(base: str, digits: int | None) -> str | None:
    """A CLDR pattern like the locale's `base` with exactly `digits` decimals (None: the locale's own)."""
    if digits is None:
        return None
    positive = base.split(";")[0]
    integer = positive.split(".")[0]
    return integer + ("." + "0" * digits if digits else "")


def format_filters(language: str) -> dict[str, Callable[..., str]]:
    """`number`, `percent` and `money`, formatting in `language` (a BCP 47 tag) as CLDR writes numbers there."""
    from babel.numbers import format_currency, format_decimal, format_percent

    from reportgen.model.strings import babel_locale

    locale = babel_locale(language)

    def signed(text: str, amount: Decimal, sign: Any) -> str:
        """With `sign`, a rise is written with its plus sign (a fall has its minus already): a stat's change."""
        if sign and amount > 0 and not text.startswith(("+", "-", "\u2212")):
            return "+" + text
        return text

    def number(value: Any, digits: Any = None, sign: Any = False) -> str:
        """`{{ x | number }}`: 12,345 (en), 12 345 (fr); `number(1)`: always one decimal; `number(1, sign=true)`: +4.0."""
        amount, places = _decimal(value, "number"), _digits(digits, "number")
        pattern = _pattern(locale.decimal_formats[None].pattern, places)
        with localcontext(_DIGITS):
            text = format_decimal(amount, format=pattern, locale=locale, decimal_quantization=places is not None)
        return signed(text, amount, sign)

    def percent(value: Any, digits: Any = 0, sign: Any = False) -> str:
        """`{{ 0.875 | percent }}`: 88%; `percent(1)`: 87.5%. The value is a fraction (0.5 is 50%)."""
        amount, places = _decimal(value, "percent"), _digits(digits, "percent")
        pattern = None
        if places is not None:
            base = locale.percent_formats[None].pattern.split(";")[0]
            pattern = base.replace("#,##0", "#,##0" + ("." + "0" * places if places else ""), 1)
        with localcontext(_DIGITS):
            text = format_percent(amount, format=pattern, locale=locale, decimal_quantization=True)
        return signed(text, amount, sign)

    def money(value: Any, currency: Any = "USD", digits: Any = None) -> str:
        """`{{ x | money }}`: $1,250.00; `money('EUR')`: €1,250.00 (en), 1 250,00 € (fr); `money(digits=0)`: $1,250."""
        amount, places = _decimal(value, "money"), _digits(digits, "money")
        if not isinstance(currency, str) or len(currency) != 3 or not currency.isalpha():
            raise FilterProblem(f"| money({currency!r}): the currency is a three-letter code such as USD or EUR", None)
        pattern = None
        if places is not None:
            base = locale.currency_formats["standard"].pattern.split(";")[0]
            pattern = base.replace("#,##0.00", "#,##0" + ("." + "0" * places if places else ""), 1)
        with localcontext(_DIGITS):
            return format_currency(amount, currency.upper(), format=pattern, locale=locale,
                                   currency_digits=places is None, decimal_quantization=True)

    return {"number": number, "percent": percent, "money": money}


# ---------------------------------------------------------------- evaluation

class Evaluator:
    """Evaluates the expressions of strings against a scope, formatting numbers in one language. One per
    report's language; compiled expressions are kept (a template's strings recur in every edition)."""

    def __init__(self, language: str, compiled: dict[str, Any] | None = None):
        self.environment = _Sandbox(undefined=_Undefined, autoescape=False)
        self.environment.globals.clear()
        self.environment.filters = {name: FILTERS[name] for name in KEPT_FILTERS}
        self.environment.filters.update(replace=_bounded_replace, join=_bounded_join)
        self.environment.filters.update(format_filters(language))
        self._compiled: dict[str, Any] = compiled if compiled is not None else {}

    def value(self, text: str, scope: Mapping[str, Any]) -> Any:
        """The value of `text`: the string with each expression's text in its place, or, when the whole
        string is one expression, the expression's own value (a number, a list, a mapping, None)."""
        found = pieces(text)
        if not found:
            return text
        statement = _statement(text, found)
        if statement is not None:
            raise ExpressionError("statements ({% … %}) are not available", "use {{ }} expressions only: a string "
                                  "is text with expressions in it", statement)
        if len(found) == 1 and found[0].start == 0 and found[0].end == len(text):
            return self._evaluate(found[0], scope)
        parts, at = [], 0
        for piece in found:
            parts.append(text[at:piece.start])
            parts.append(self.text_of(self._evaluate(piece, scope), piece))
            at = piece.end
        parts.append(text[at:])
        return "".join(parts)

    def text_of(self, value: Any, piece: Piece) -> str:
        if isinstance(value, (DataText, DataInt, DataFloat)):
            return str(value)
        if isinstance(value, bool):
            return "true" if value else "false"
        if value is None:
            raise ExpressionError(f"{{{{ {piece.source} }}}} is empty, inside text", "give it a value in the data, or "
                                  "a default: {{ x | default('') }}", piece)
        if isinstance(value, (dict, list, tuple)):
            raise ExpressionError(f"{{{{ {piece.source} }}}} is {'a mapping' if isinstance(value, dict) else 'a list'}, "
                                  "inside text", "look up one of its values, e.g. {{ budget.total }}", piece)
        return str(value)

    def _evaluate(self, piece: Piece, scope: Mapping[str, Any]) -> Any:
        if not piece.source:
            raise ExpressionError("this {{ }} is empty", "write what it shows, e.g. {{ edition.name }}", piece)
        if "{%" in piece.source or "{#" in piece.source:
            raise ExpressionError("statements ({% … %}) are not available", "use {{ }} expressions only", piece)
        compiled = self._compiled.get(piece.source)
        if compiled is None:
            try:
                problem = _tree_problem(self.environment, piece.source)
                if problem is not None:
                    raise ExpressionError(*problem, piece)
                compiled = self.environment.compile_expression(piece.source, undefined_to_none=False)
            except TemplateSyntaxError as error:
                hint = ("an expression is a data lookup with filters, e.g. {{ edition.students | number }}"
                        if "filter" not in str(error.message) else
                        "the filters are " + ", ".join(FORMAT_FILTERS + tuple(n for n in KEPT_FILTERS if n != "d")))
                raise ExpressionError(f"{{{{ {piece.source} }}}} cannot be read: {error.message}", hint,
                                      piece) from None
            except (RecursionError, SyntaxError, MemoryError):  # Jinja's parser, or Python compiling its code
                raise ExpressionError(f"{{{{ {_shortened(piece.source)} }}}} nests too deeply to be read",
                                      "write it flatter: a lookup with a few filters", piece) from None
            self._compiled[piece.source] = compiled
        try:
            result = compiled(**scope)
            if isinstance(result, Undefined):
                result._fail_with_undefined_error()
        except Missing as missing:
            raise _missing(missing, piece, scope) from None
        except Refused as refused:
            raise ExpressionError(refused.said, refused.hint, piece) from None
        except FilterProblem as problem:
            where = getattr(problem.value, "where", None)
            raise ExpressionError(problem.message, "give a plain number in the data (1250.5: no separators, units "
                                  "or currency signs)", piece, where) from None
        except UndefinedError as error:  # Jinja's own words for what _Undefined does not cover
            raise ExpressionError(f"{{{{ {piece.source} }}}}: {error.message}", None, piece) from None
        except SecurityError as error:
            raise ExpressionError(f"{{{{ {piece.source} }}}} is not allowed: {error}", None, piece) from None
        except (TypeError, ValueError, ArithmeticError, LookupError, OverflowError) as error:
            raise ExpressionError(f"{{{{ {piece.source} }}}} cannot be worked out: {error}", None, piece) from None
        except RecursionError:
            raise ExpressionError(f"{{{{ {piece.source} }}}} nests too deeply", None, piece) from None
        return result


def _shortened(source: str, most: int = 60) -> str:
    return source if len(source) <= most else source[:most] + " …"


def _statement(text: str, found: list[Piece]) -> Piece | None:
    """A `{% … %}` (or `{# … #}`) outside the string's expressions, as a piece, if there is one: a string with
    expressions is not a Jinja template, so a loop would stay as written around expressions it cannot feed."""
    at = 0
    for piece in found + [Piece("", len(text), len(text))]:
        for opener in ("{%", "{#"):
            start = text.find(opener, at, piece.start)
            if start >= 0:
                return Piece(text[start:start + 2], start, start + 2)
        at = piece.end
    return None


MAX_DEPTH = 40  # an expression's nesting (filters, brackets, operators): Jinja compiles deep ones slowly
MAX_NODES = 1_000


def _tree_problem(environment: Any, source: str) -> tuple[str, str] | None:
    """What keeps an expression from being compiled, if anything (message, hint): the name `self` (Jinja gives
    every template a reference to itself by it), or more nesting than MAX_DEPTH (Jinja's compiling time grows
    with the square of a filter chain's length: 150 filters take seconds)."""
    from jinja2 import nodes
    from jinja2.parser import Parser

    expression = Parser(environment, source, state="variable").parse_expression()
    stack, count = [(expression, 1)], 0
    while stack:
        node, depth = stack.pop()
        count += 1
        if depth > MAX_DEPTH or count > MAX_NODES:
            return (f"{{{{ {_shortened(source)} }}}} nests too deeply to be read",
                    f"write it flatter: a lookup with a few filters (at most {MAX_DEPTH} levels)")
        if isinstance(node, nodes.Name) and node.name == "self":
            return f"{{{{ {source} }}}}: `self` is not a data set", "look up a data set under `data:` or `edition`"
        stack.extend((child, depth + 1) for child in node.iter_child_nodes())
    return None


def _bounded_replace(value: Any, old: Any, new: Any, count: Any = None) -> str:
    """Jinja's `replace`, refusing a result longer than MAX_RESULT (a chain of replaces grows exponentially)."""
    text, old, new = str(value), str(old), str(new)
    times = text.count(old) if old else len(text) + 1
    if count is not None and isinstance(count, int):
        times = min(times, max(count, 0))
    if len(text) + times * (len(new) - len(old)) > MAX_RESULT:
        raise Refused(f"| replace would make a text of more than {MAX_RESULT:,} characters",
                      "a value may hold at most " + f"{MAX_RESULT:,}")
    return str.replace(text, old, new, -1 if count is None else count)


def _bounded_join(value: Any, d: Any = "", attribute: Any = None) -> str:
    """Jinja's `join` (no attribute: the sandbox looks up nothing), refusing a result longer than MAX_RESULT."""
    if attribute is not None:
        raise Refused("| join(attribute=…) is not available", "join a list of values: {{ names | join(', ') }}")
    items = [str(item) if not isinstance(item, Undefined) else item._fail_with_undefined_error()
             for item in value]
    size = sum(len(item) for item in items) + max(len(items) - 1, 0) * len(str(d))
    if size > MAX_RESULT:
        raise Refused(f"| join would make a text of more than {MAX_RESULT:,} characters",
                      "a value may hold at most " + f"{MAX_RESULT:,}")
    return str(d).join(items)


def _missing(missing: Missing, piece: Piece, scope: Mapping[str, Any]) -> ExpressionError:
    """A located error for a name or key that is not there, with the names that are."""
    from reportgen.model.base import did_you_mean

    owner, name = missing.owner, missing.name
    if owner is None:
        if name == "edition":
            return ExpressionError("`edition` names an edition's row, and this spec has no `editions:`",
                                   "add `editions:` (rows, key) to build one PDF per row, or look up a data set "
                                   "by its name", piece)
        names = sorted(str(key) for key in scope if key != "edition")
        hint = did_you_mean(str(name), names) if names else "name the data files under `data:`"
        return ExpressionError(f"{{{{ {piece.source} }}}}: {str(name)!r} is not a data set"
                               + (f" (data: names {', '.join(names)})" if names else ""), hint, piece)
    keys = [str(key) for key in owner] if isinstance(owner, Mapping) else []
    what = getattr(owner, "what", "the mapping")
    shown = ", ".join(keys[:12]) + (", …" if len(keys) > 12 else "")
    hint = did_you_mean(str(name), keys)
    if hint is None or hint.startswith("expected"):
        hint = f"its keys are {shown}" if keys else "it has no keys"
    else:
        hint = f"{hint} (its keys are {shown})"
    return ExpressionError(f"{{{{ {piece.source} }}}}: {what} has no {str(name)!r}", hint, piece,
                           getattr(owner, "where", None) if isinstance(owner, DataMap) else None)
