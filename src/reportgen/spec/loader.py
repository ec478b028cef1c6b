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


def parse_spec(raw: bytes | str, *, file: str = "<spec>", base_dir: Path | None = None) -> SpecDocument:
    """Parse spec text (bytes are decoded as UTF-8) into a `SpecDocument`."""
    text = _decode(raw, file) if isinstance(raw, bytes) else raw
    if len(text.encode("utf-8", "surrogatepass")) > MAX_SPEC_BYTES:
        raise ReportError([Diagnostic(f"the spec is larger than the limit of {MAX_SPEC_BYTES:,} bytes", file=file)])
    builder = _Builder(text, file)
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


class _Builder:
    """Composes the YAML node graph and turns it into plain data, recording positions."""

    def __init__(self, text: str, file: str):
        self.text = text
        self.file = file
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
                    "the spec is empty", hint="start with `meta:` and `sections:`", file=self.file, line=1, column=1)])
            if not isinstance(root, yaml.MappingNode):
                mark = root.start_mark
                raise ReportError([Diagnostic(
                    f"the top level of the spec is a {_kind(root)}, not a mapping",
                    hint="the spec starts with keys such as `meta:` and `sections:`",
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
            fast = _LibyamlLoader(self.text)
            try:
                return fast, fast.get_single_node()
            except yaml.YAMLError:
                fast.dispose()
        loader = yaml.SafeLoader(self.text)
        return loader, loader.get_single_node()

    def _yaml_error(self, error: yaml.MarkedYAMLError) -> Diagnostic:
        mark = error.problem_mark or error.context_mark
        problem = error.problem or "invalid YAML"
        hint = None
        if "\t" in problem or "'\\t'" in problem:
            hint = "YAML indents with spaces; replace the tab characters"
        elif error.context and "quoted scalar" in error.context:
            hint = "a quoted string was opened but not closed"
        elif "mapping values are not allowed" in problem:
            hint = "check the indentation, or quote a value that contains ': '"
        elif "expected <block end>" in problem or "could not find expected ':'" in problem:
            hint = "check the indentation of this line and the one above"
        message = f"YAML syntax error: {problem}"
        if error.context:
            message += f" ({error.context})"
            hint = hint or None
        return Diagnostic(message, hint=hint, file=self.file,
                          line=mark.line + 1 if mark else None, column=mark.column + 1 if mark else None)

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
        return self.loader.construct_object(node, deep=True)

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
            if not isinstance(key, str):
                key = "null" if key is None else str(key).lower() if isinstance(key, bool) else str(key)
            child = path + (key,)
            self.source.keys[child] = Position(key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            self.source.values.pop(child, None)
            self.source.scalars.pop(child, None)
            result[key] = self._convert(value_node, child, depth + 1)
        return result


class _LibyamlLoader(yaml.composer.Composer, yaml.constructor.SafeConstructor, yaml.resolver.Resolver):
    """PyYAML's safe loader with libyaml's event parser in place of the pure-Python one."""

    def __init__(self, text: str):
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


def _kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.SequenceNode):
        return "list"
    return "single value"
