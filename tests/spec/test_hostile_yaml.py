"""Hostile YAML through the command line: every bad file ends in exit 1 and FILE:LINE:COL, never a traceback."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from reportgen.diagnostics import ReportError
from reportgen.spec import parse_spec


def build(cli, path: Path):
    result = cli("build", str(path), "-o", str(path.parent / "out" / "report.pdf"))
    assert "Traceback" not in result.err and "internal error" not in result.err
    return result


@pytest.mark.parametrize("text, where, words", [
    ("meta:\n  title: T\n organization: O\n", "3:2", "check the indentation"),
    ("meta:\n  title: T\n\torganization: O\n", "3:1", "tab"),
    ("meta:\n  title: 'Annual\nsections: []\n", "2:10", "this quote is never closed"),
    ("meta: {title: T, organization: O\nsections: []\n", "1:7", "this { is never closed"),
    ("meta:\n  title: a: b\n", "2:11", "quote a value that contains ': '"),
    ("meta:\n  title: T\n  title: U\n", "3:3", "duplicate key 'title' (first defined at line 2)"),
    ("- just\n- a list\n", "1:1", "not a mapping"),
    ("just a sentence\n", "1:1", "not a mapping"),
    ("", "1:1", "the spec is empty"),
    ("\x00meta: {title: T}\n", "1:1", "the character U+0000 is not allowed in YAML"),  # found by test_fuzz
    ("meta:\n  title: a\x07b\n", "2:11", "the character U+0007 is not allowed in YAML"),
    ("# only a comment\n", "1:1", "the spec is empty"),
])
def test_yaml_problems_exit_1_with_position(cli, tmp_path: Path, text: str, where: str | None, words: str):
    spec = tmp_path / "report.yaml"
    spec.write_text(text, encoding="utf-8")
    result = build(cli, spec)
    assert result.code == 1
    first = result.err.splitlines()[0]
    assert first.startswith(f"{spec}:{where}:" if where else f"{spec}:"), first
    assert words in first
    assert not (tmp_path / "out" / "report.pdf").exists()


def test_non_utf8_bytes_through_the_cli(cli, tmp_path: Path):
    spec = tmp_path / "report.yaml"
    spec.write_bytes("meta:\n  title: Caf".encode() + b"\xe9\n  organization: O\n")
    result = build(cli, spec)
    assert result.code == 1
    assert f"{spec}:2:13: byte 0xe9 is not valid UTF-8 (save the spec as UTF-8 text)" in result.err


def test_utf16_file_is_reported_as_not_utf8(cli, tmp_path: Path):
    spec = tmp_path / "report.yaml"
    spec.write_text("meta: {title: T, organization: O}\n", encoding="utf-16")
    result = build(cli, spec)
    assert result.code == 1 and "is not valid UTF-8" in result.err


def test_a_byte_order_mark_is_accepted():
    document = parse_spec(b"\xef\xbb\xbfmeta: {title: T}\n", file="r.yaml")
    assert document.data == {"meta": {"title": "T"}}


def test_alias_bomb_is_refused_quickly_and_with_a_position():
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, 10):  # 9**10 strings if expanded
        previous, name = chr(ord("a") + level - 1), chr(ord("a") + level)
        lines.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    started = time.perf_counter()
    with pytest.raises(ReportError) as caught:
        parse_spec("\n".join(lines) + "\n", file="r.yaml")
    assert time.perf_counter() - started < 5
    [diagnostic] = caught.value.diagnostics
    assert diagnostic.line is not None and "too many values" in diagnostic.message


def test_merge_key_bomb_is_bounded():
    lines = ["a0: &a0 {" + ", ".join(f"k{i}: v" for i in range(50)) + "}"]
    for level in range(1, 12):
        lines.append(f"a{level}: &a{level} {{x{level}: {{<<: *a{level - 1}}}, y{level}: {{<<: *a{level - 1}}}}}")
    with pytest.raises(ReportError) as caught:
        parse_spec("\n".join(lines) + "\n", file="r.yaml")
    assert "too many values" in str(caught.value)


def test_deep_nesting_is_refused():
    with pytest.raises(ReportError) as caught:
        parse_spec("a: " + "[" * 500 + "]" * 500 + "\n", file="r.yaml")
    [diagnostic] = caught.value.diagnostics
    assert str(diagnostic).startswith("r.yaml:1:68: the spec nests more than 64 levels deep")


@pytest.mark.parametrize("value, message", [
    ("!!python/object/apply:os.system [echo hacked]", "the YAML tag 'tag:yaml.org,2002:python/object/apply:os.system'"),
    ("!!python/name:os.system x", "could not determine a constructor"),
    ("!!set {a, b}", "the YAML tag 'tag:yaml.org,2002:set' is not supported"),
])
def test_python_and_other_tags_are_refused(value: str, message: str):
    with pytest.raises(ReportError) as caught:
        parse_spec(f"meta: {{title: {value}}}\n", file="r.yaml")
    [diagnostic] = caught.value.diagnostics
    assert (diagnostic.line, diagnostic.column) == (1, 15)
    assert message in diagnostic.message


def test_odd_keys_are_named_readably(cli, tmp_path: Path):
    spec = tmp_path / "report.yaml"
    spec.write_text("meta: {title: T, organization: O}\n~: x\nsections: [{type: cover}]\n")
    result = build(cli, spec)
    assert result.code == 1
    assert f"{spec}:2:1: null: unknown key 'null'" in result.err
    spec.write_text("meta: {title: T, organization: O}\n? [a, b]\n: y\nsections: [{type: cover}]\n")
    result = build(cli, spec)
    assert result.code == 1
    assert f"{spec}:2:3: a mapping key must be a plain name" in result.err


def test_a_folder_or_a_binary_file_as_spec(cli, tmp_path: Path):
    assert "is a folder, not a spec file" in build(cli, tmp_path).err
    binary = tmp_path / "photo.yaml"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    result = build(cli, binary)
    assert result.code == 1 and "not valid UTF-8" in result.err
