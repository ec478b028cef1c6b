"""Reads a YAML spec safely: bytes in, `SpecDocument` (plain data + positions) out.

Only PyYAML's safe composer is used. Duplicate keys, non-UTF-8 bytes, oversize files and
alias expansions that would explode are reported as diagnostics, never as tracebacks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from reportgen.diagnostics import Diagnostic, ReportError, SpecPath

MAX_SPEC_BYTES = 4 * 1024 * 1024
MAX_NODES = 200_000
MAX_DEPTH = 64
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")  # YAML's line breaks
_SURROGATE = re.compile("[\ud800-\udfff]")
_UNQUOTED_EXPRESSION = re.compile(r"(?:^|:|-)\s+(\{\{)")  # a plain value starting `{{` after `key:` or `- `
_PLAIN_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}


@dataclass(frozen=True)
class Position:
    line: int
    column: int


@dataclass
class SourceMap:
    """Where each value (and each mapping key) of the spec stands in its file."""

    values: dict[SpecPath, Position] = field(default_factory=dict)
    keys: dict[SpecPath, Position] = field(default_factory=dict)
    # each text scalar as written: (start index, end index) in `text`, quotes or block indicator included
    scalars: dict[SpecPath, tuple[int, int]] = field(default_factory=dict)
    text: str = ""
    # values left empty by a `#` right after the key (`primary: #1B2F5B`): the comment, which was the value
    comments: dict[SpecPath, str] = field(default_factory=dict)

    def locate(self, path: SpecPath, *, key: bool = False) -> Position | None:
        """The position of `path`, or of its nearest ancestor that has one."""
        path = tuple(path)
        while True:
            if key and path in self.keys:
                return self.keys[path]
            if path in self.values:
                return self.values[path]
            if not path:
                return None
            path = path[:-1]
            key = False

    def locate_text(self, path: SpecPath, value: str, offset: int, needle: str) -> Position | None:
        """Where `needle`, found at `offset` in the string `value` at `path`, stands in the file: the same
        occurrence of it in the scalar as written. Works for plain, quoted and block (| and >) scalars
        alike, as long as the needle is written unchanged (no escapes, no line break inside it)."""
        extent = self.scalars.get(tuple(path))
        start = self.values.get(tuple(path))
        if extent is None or start is None or not needle:
            return None
        raw = self.text[extent[0]:extent[1]]
        in_value, in_raw = _starts(value, needle), _starts(raw, needle)
        if offset not in in_value or len(in_value) != len(in_raw):
            return None  # escapes or folding changed it
        at = in_raw[in_value.index(offset)]
        breaks = list(_LINE_BREAK.finditer(raw, 0, at))
        if not breaks:
            return Position(start.line, start.column + at)
        return Position(start.line + len(breaks), at - breaks[-1].end() + 1)


def _starts(text: str, needle: str) -> list[int]:
    """Every offset where `needle` occurs in `text`, overlapping ones included."""
    starts, at = [], text.find(needle)
    while at >= 0:
        starts.append(at)
        at = text.find(needle, at + 1)
    return starts


@dataclass(frozen=True)
class SpecDocument:
    """A parsed spec: its data, where each value came from, and the folder paths are relative to."""

    data: dict[str, Any]
    source: SourceMap
    file: str
    base_dir: Path

    def locate(self, diagnostic: Diagnostic, *, key: bool = False) -> Diagnostic:
        position = self.source.locate(diagnostic.path, key=key)
        if position is None:
            return diagnostic.located(self.file, None, None)
        return diagnostic.located(self.file, position.line, position.column)

    def locate_in_text(self, diagnostic: Diagnostic, value: str, needles: list[tuple[int, str]]) -> Diagnostic:
        """Locate a problem inside the string at the diagnostic's path: at the first of `needles` (an offset in
        `value` and the text found there) that can be found as written; else at the string itself."""
        for offset, needle in needles:
            position = self.source.locate_text(diagnostic.path, value, offset, needle)
            if position is not None:
                return diagnostic.located(self.file, position.line, position.column)
        return self.locate(diagnostic)


def load_spec(path: str | Path) -> SpecDocument:
    """Read and parse the spec file at `path`."""
    path = Path(path)
    display = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_SPEC_BYTES:
            raise ReportError([Diagnostic(
                f"the spec is {size:,} bytes, more than the limit of {MAX_SPEC_BYTES:,}",
                hint="a report spec is text; keep photos and fonts in separate files", file=display)])
        with path.open("rb") as stream:
            raw = stream.read(MAX_SPEC_BYTES + 1)
    except FileNotFoundError:
        raise ReportError([Diagnostic("spec file not found", file=display,
                                      hint="pass the path of a report.yaml")]) from None
    except IsADirectoryError:
        raise ReportError([Diagnostic("is a folder, not a spec file", file=display)]) from None
    except OSError as error:
        raise ReportError([Diagnostic(f"cannot read the spec: {error.strerror}", file=display)]) from None
    return parse_spec(raw, file=display, base_dir=path.resolve().parent)


def parse_spec(raw: bytes | str, *, file: str = "<spec>", base_dir: Path | None = None,
               lists: bool = False) -> SpecDocument:
    """Parse spec text (bytes are decoded as UTF-8) into a `SpecDocument`. With `lists` (a data file), the
    top level may be a list as well as a mapping."""
    text = _decode(raw, file) if isinstance(raw, bytes) else raw
    if len(text.encode("utf-8", "surrogatepass")) > MAX_SPEC_BYTES:
        raise ReportError([Diagnostic(f"the spec is larger than the limit of {MAX_SPEC_BYTES:,} bytes", file=file)])
    builder = _Builder(text, file, lists=lists)
    data = builder.build()
    return SpecDocument(data=data, source=builder.source, file=file, base_dir=base_dir or Path.cwd())


def _decode(raw: bytes, file: str) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        raise ReportError([Diagnostic(
            f"byte 0x{raw[error.start]:02x} is not valid UTF-8",
            hint="save the spec as UTF-8 text", file=file, line=line, column=column)]) from None


def _quote_closed_early(text: str, mark: yaml.Mark) -> bool:
    """Whether the parser stopped just after a quoted value that ended early (`body: "a "b" c"`): more
    text follows its closing quote on the same line."""
    lines = text.splitlines()
    if mark.line >= len(lines):
        return False
    before = lines[mark.line][:mark.column].rstrip()
    return bool(before) and before[-1] in "\"'" and re.search(r":\s+[\"']", before) is not None


class _Builder:
    """Composes the YAML node graph and turns it into plain data, recording positions."""

    def __init__(self, text: str, file: str, lists: bool = False):
        self.text = text
        self.file = file
        self.lists = lists
        self.source = SourceMap(text=text)
        self.errors: list[Diagnostic] = []
        self.nodes_seen = 0

    def build(self) -> dict[str, Any]:
        try:
            yaml.reader.Reader(self.text)  # checks the characters first
        except yaml.reader.ReaderError as error:
            raise ReportError([self._reader_error(error)]) from None
        loader = None
        try:
            loader, root = self._compose()
            self.loader = loader
            if root is None:
                raise ReportError([Diagnostic(
                    "the data file is empty" if self.lists else "the spec is empty",
                    hint="write a mapping (`total: 1250`) or a list (`- name: ...`)" if self.lists
                    else "start with `meta:` and `sections:`", file=self.file, line=1, column=1)])
            if not isinstance(root, yaml.MappingNode) and not (self.lists and isinstance(root, yaml.SequenceNode)):
                mark = root.start_mark
                raise ReportError([Diagnostic(
                    f"the top level of the data file is a {_kind(root)}, not a mapping or a list" if self.lists
                    else f"the top level of the spec is a {_kind(root)}, not a mapping",
                    hint="a data file holds named values (`total: 1250`) or a list of rows" if self.lists
                    else "the spec starts with keys such as `meta:` and `sections:`",
                    file=self.file, line=mark.line + 1, column=mark.column + 1)])
            data = self._convert(root, (), 0)
        except yaml.MarkedYAMLError as error:
            raise ReportError([self._yaml_error(error)]) from None
        except yaml.YAMLError as error:
            raise ReportError([Diagnostic(f"YAML error: {error}", file=self.file)]) from None
        except RecursionError:
            raise ReportError([Diagnostic("the spec nests too deeply", file=self.file)]) from None
        finally:
            if loader is not None:
                loader.dispose()
        if self.errors:
            raise ReportError(self.errors)
        return data

    def _reader_error(self, error: yaml.reader.ReaderError) -> Diagnostic:
        before = self.text[: error.position]
        line, column = before.count("\n") + 1, error.position - (before.rfind("\n") + 1) + 1
        code = error.character if isinstance(error.character, int) else ord(error.character)
        return Diagnostic(f"the character U+{code:04X} is not allowed in YAML",
                          hint="remove it; YAML files hold printable text only", file=self.file, line=line,
                          column=column)

    def _compose(self) -> tuple[Any, yaml.Node | None]:
        """The node graph. libyaml parses (about ten times faster) when PyYAML has it; the nodes are
        always composed in Python, whose recursion limit catches runaway nesting (libyaml's own
        composer would overflow the C stack). A text libyaml refuses is parsed again by the
        pure-Python parser, whose messages we explain."""
        if getattr(yaml, "__with_libyaml__", False):
            fast = _LibyamlLoader(self.text, self.file)
            try:
                return fast, fast.get_single_node()
            except yaml.YAMLError:
                fast.dispose()
            except ReportError:
                fast.dispose()
                raise
        loader = _SafeLoader(self.text, self.file)
        return loader, loader.get_single_node()

    def _yaml_error(self, error: yaml.MarkedYAMLError) -> Diagnostic:
        """PyYAML's error, told at its cause: the mark where the trouble began (an unclosed quote or
        bracket, a key without its colon), not where the parser finally gave up."""
        cause = self._cause(error)
        if cause is not None:
            message, hint, (line, column) = cause
            return Diagnostic(message, hint=hint, file=self.file, line=line, column=column)
        mark = error.problem_mark or error.context_mark
        problem = error.problem or "invalid YAML"
        hint = None
        if "\t" in problem or "'\\t'" in problem:
            hint = "YAML indents with spaces; replace the tab characters"
        elif error.context and "quoted scalar" in error.context:
            hint = "a quoted string was opened but not closed"
        elif "mapping values are not allowed" in problem:
            hint = "check the indentation, or quote a value that contains ': '"
        elif "expected <block end>" in problem and mark is not None and _quote_closed_early(self.text, mark):
            quote = self.text.splitlines()[mark.line][:mark.column].rstrip()[-1]
            hint = (f"a {quote} inside a {quote}quoted{quote} value ends it: write it as "
                    + ('\\"' if quote == '"' else "''") + " or quote the value with "
                    + ("'" if quote == '"' else '"') + " instead")
        elif "expected <block end>" in problem or "could not find expected ':'" in problem:
            hint = "check the indentation of this line and the one above"
        message = f"YAML syntax error: {problem}"
        if error.context:
            message += f" ({error.context})"
        return Diagnostic(message, hint=hint, file=self.file,
                          line=mark.line + 1 if mark else None, column=mark.column + 1 if mark else None)

    def _cause(self, error: yaml.MarkedYAMLError) -> tuple[str, str, tuple[int, int]] | None:
        """(message, hint, (line, column)) of the cause behind a few symptoms PyYAML reports late."""
        problem, context = error.problem or "", error.context or ""
        start, end = error.context_mark, error.problem_mark
        for mark in (end, start):  # `title: {{ edition.name }} Report`: YAML reads { as a mapping's start
            unquoted = _UNQUOTED_EXPRESSION.search(self._line(mark.line)) if mark is not None else None
            if unquoted is not None:
                value = self._line(mark.line)[unquoted.start(1):].split(" #")[0].rstrip()
                return ("a value that starts with {{ must be quoted: YAML reads { as the start of a mapping",
                        f'write it in quotes: "{value}"', (mark.line + 1, unquoted.start(1) + 1))
        if start is not None and end is not None and "quoted scalar" in context and (
                "end of stream" in problem or "document separator" in problem):
            quote = self.text[start.index] if start.index < len(self.text) else '"'
            inside = '\\"' if quote == '"' else "''"
            return ("this quote is never closed",
                    f"close it with {quote} at the end of the value; a {quote} inside the text is written {inside}",
                    (start.line + 1, start.column + 1))
        flow = re.match(r"expected ',' or '([\]}])', but got (.*)", problem)
        if start is not None and end is not None and flow:
            closer, got = flow.groups()
            if got != "'<stream end>'":  # PyYAML names the token's kind ('<scalar>'); the text itself is clearer
                token = re.match(r"[^\s,\[\]{}]+|\S", self.text[end.index:])
                got = repr(token.group()) if token else got
            opener = "[" if closer == "]" else "{"
            what = "list" if opener == "[" else "mapping"
            if end.line > start.line or got == "'<stream end>'":
                found = "the file ends" if got == "'<stream end>'" else f"line {end.line + 1} has {got}"
                return (f"this {opener} is never closed",
                        f"close the {what} with {closer} after its last item; {found} where a , or {closer} "
                        f"was expected", (start.line + 1, start.column + 1))
            return (f"expected , or {closer} here, got {got}",
                    f"separate the items of the {what} with commas; quote an item that contains , [ ] {{ }} or :",
                    (end.line + 1, end.column + 1))
        if start is not None and "could not find expected ':'" in problem and "simple key" in context:
            return self._missing_colon(start.line)
        if end is not None and "mapping values are not allowed" in problem:
            line_text = self._line(end.line)
            before = line_text[: end.column]
            if ": " not in before and not before.rstrip().endswith(":") and end.line > 0:
                previous = self._previous_content_line(end.line)
                if previous is not None and not _has_colon(self._line(previous)):
                    return self._missing_colon(previous)  # `title X` above `organization: Y` reads as one text
        return None

    def _missing_colon(self, line: int) -> tuple[str, str, tuple[int, int]]:
        text = self._line(line)
        indent = len(text) - len(text.lstrip(" "))
        content = text[indent:]
        if content.startswith("- "):
            indent += 2
            content = content[2:]
        content = content.split(" #")[0].rstrip()
        key, _, rest = content.partition(" ")
        example = f"`{key}: {rest}`" if key and rest else "`key: value`"
        return ("this line has no : after its key",
                f"write a key, a colon and a space before the value, e.g. {example}", (line + 1, indent + 1))

    def _line(self, line: int) -> str:
        lines = self.text.splitlines()
        return lines[line] if line < len(lines) else ""

    def _previous_content_line(self, line: int) -> int | None:
        """The nearest line above `line` that holds more than blanks or a comment."""
        for number in range(line - 1, -1, -1):
            stripped = self._line(number).strip()
            if stripped and not stripped.startswith("#"):
                return number
        return None

    def _convert(self, node: yaml.Node, path: SpecPath, depth: int) -> Any:
        self.nodes_seen += 1
        if self.nodes_seen > MAX_NODES or depth > MAX_DEPTH:
            mark = node.start_mark
            raise ReportError([Diagnostic(
                "the spec expands to too many values (aliases or nesting run away)",
                hint=f"a spec holds at most {MAX_NODES:,} values, {MAX_DEPTH} levels deep",
                file=self.file, line=mark.line + 1, column=mark.column + 1)])
        self.source.values.setdefault(path, Position(node.start_mark.line + 1, node.start_mark.column + 1))
        if node.tag not in _PLAIN_TAGS and not isinstance(node, yaml.ScalarNode):
            mark = node.start_mark  # scalars with unknown tags fail in construct_object below
            raise ReportError([Diagnostic(f"the YAML tag {node.tag!r} is not supported", hint="remove the tag",
                                          file=self.file, line=mark.line + 1, column=mark.column + 1)])
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            return [self._convert(item, path + (index,), depth + 1) for index, item in enumerate(node.value)]
        if node.tag == "tag:yaml.org,2002:str":
            self.source.scalars.setdefault(path, (node.start_mark.index, node.end_mark.index))
        try:
            value = self.loader.construct_object(node, deep=True)
        except ValueError:  # a date-shaped scalar that is no date (2024-02-30): the text, for the field to judge
            if node.tag != "tag:yaml.org,2002:timestamp":
                raise
            value = node.value
        if value is None and node.value == "":
            self._note_comment(node, path)
        elif isinstance(value, str) and _SURROGATE.search(value):
            value = self._surrogates(value, node, path)
        return value

    def _note_comment(self, node: yaml.ScalarNode, path: SpecPath) -> None:
        """An empty value with a comment right after it (`primary: #1B2F5B`): the comment was meant as the value.
        Recorded, and the value's position becomes the `#`."""
        index = node.start_mark.index
        rest = self.text[index:].split("\n", 1)[0]
        stripped = rest.lstrip(" \t")
        if stripped.startswith("#") and stripped != rest:  # YAML needs a space before a comment's #
            column = node.start_mark.column + len(rest) - len(stripped)
            self.source.comments[path] = stripped.rstrip()
            self.source.values[path] = Position(node.start_mark.line + 1, column + 1)

    def _surrogates(self, value: str, node: yaml.ScalarNode, path: SpecPath) -> str:
        """PyYAML turns `"\\ud83d\\ude00"` into two halves of a UTF-16 pair: join pairs into their character;
        a lone half is no character at all, an error at its escape."""
        try:
            return value.encode("utf-16-le", "surrogatepass").decode("utf-16-le")
        except UnicodeDecodeError:
            pass
        joined = value.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")
        lone = next(ch for ch in joined if 0xD800 <= ord(ch) <= 0xDFFF)
        line, column = node.start_mark.line + 1, node.start_mark.column + 1
        raw = self.text[node.start_mark.index: node.end_mark.index]
        escape = re.search(rf"\\u{ord(lone):04x}", raw, re.I)
        if escape is not None:
            before = raw[: escape.start()]
            line += before.count("\n")
            column = (column + len(before)) if "\n" not in before else len(before) - before.rfind("\n")
        self.errors.append(Diagnostic(
            f"not a valid character U+{ord(lone):04X} (half of a UTF-16 surrogate pair)", path=path,
            hint="write the character itself; one beyond U+FFFF is written \\U and eight hex digits, e.g. \\U0001F600",
            file=self.file, line=line, column=column))
        return _SURROGATE.sub("\ufffd", joined)

    def _mapping(self, node: yaml.MappingNode, path: SpecPath, depth: int) -> dict[Any, Any]:
        seen: dict[Any, yaml.Node] = {}
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge" or not isinstance(key_node, yaml.ScalarNode):
                continue  # merges are flattened below; other non-scalar keys are reported there
            key = self.loader.construct_object(key_node, deep=True)
            if key in seen:
                first = seen[key].start_mark
                mark = key_node.start_mark
                self.errors.append(Diagnostic(
                    f"duplicate key {key!r} (first defined at line {first.line + 1})",
                    path=path, hint="YAML keeps only the last value; remove or rename one of them",
                    file=self.file, line=mark.line + 1, column=mark.column + 1))
            else:
                seen[key] = key_node
        self.loader.flatten_mapping(node)
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                mark = key_node.start_mark
                self.errors.append(Diagnostic("a mapping key must be a plain name", path=path,
                                              file=self.file, line=mark.line + 1, column=mark.column + 1))
                continue
            key = self.loader.construct_object(key_node, deep=True)
            if isinstance(key, str) and _SURROGATE.search(key):
                key = self._surrogates(key, key_node, path)
            if not isinstance(key, str):
                key = "null" if key is None else str(key).lower() if isinstance(key, bool) else str(key)
            child = path + (key,)
            self.source.keys[child] = Position(key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            self.source.values.pop(child, None)
            self.source.scalars.pop(child, None)
            result[key] = self._convert(value_node, child, depth + 1)
        return result


class _DepthLimit:
    """Composer mixin: nesting deeper than MAX_DEPTH is a located error at the node that goes too deep
    (instead of a RecursionError with no line)."""

    _depth = 0
    file = "<spec>"

    def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node:
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH + 1:  # the top-level mapping is depth 1
                mark = self.peek_event().start_mark  # type: ignore[attr-defined]
                raise ReportError([Diagnostic(
                    f"the spec nests more than {MAX_DEPTH} levels deep", hint="a report spec needs only a few levels; "
                    "check for an unclosed [ or { or a run of nested lists", file=self.file,
                    line=mark.line + 1, column=mark.column + 1)])
            return super().compose_node(parent, index)  # type: ignore[misc]
        finally:
            self._depth -= 1


class _SafeLoader(_DepthLimit, yaml.SafeLoader):
    """PyYAML's pure-Python safe loader, depth-limited."""

    def __init__(self, text: str, file: str):
        super().__init__(text)
        self.file = file


class _LibyamlLoader(_DepthLimit, yaml.composer.Composer, yaml.constructor.SafeConstructor, yaml.resolver.Resolver):
    """PyYAML's safe loader with libyaml's event parser in place of the pure-Python one."""

    def __init__(self, text: str, file: str):
        self.file = file
        self.events = yaml.cyaml.CParser(text)
        yaml.composer.Composer.__init__(self)
        yaml.constructor.SafeConstructor.__init__(self)
        yaml.resolver.Resolver.__init__(self)

    def check_event(self, *choices: type) -> bool:
        return self.events.check_event(*choices)

    def peek_event(self) -> yaml.Event:
        return self.events.peek_event()

    def get_event(self) -> yaml.Event:
        return self.events.get_event()

    def dispose(self) -> None:
        self.events.dispose()


def _has_colon(line: str) -> bool:
    """Whether a line holds a `key:` (a colon followed by a space or the line's end, before any comment)."""
    content = line.split(" #")[0].rstrip()
    return ": " in content or content.endswith(":")


def _kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.SequenceNode):
        return "list"
    return "single value"
