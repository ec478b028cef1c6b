from pathlib import Path

import pytest

from reportgen.diagnostics import ReportError
from reportgen.spec import MAX_SPEC_BYTES, load_spec, parse_spec


def errors_of(text: str | bytes) -> list[str]:
    with pytest.raises(ReportError) as caught:
        parse_spec(text, file="r.yaml")
    return [str(d) for d in caught.value.diagnostics]


def test_positions_are_recorded_for_values_and_keys():
    document = parse_spec("meta:\n  title: X\nsections:\n  - type: cover\n", file="r.yaml")
    assert document.data == {"meta": {"title": "X"}, "sections": [{"type": "cover"}]}
    position = document.source.locate(("sections", 0, "type"))
    assert (position.line, position.column) == (4, 11)
    key = document.source.locate(("meta", "title"), key=True)
    assert (key.line, key.column) == (2, 3)


def test_duplicate_keys_are_errors_with_both_lines():
    [message] = errors_of("meta:\n  title: A\n  title: B\n")
    assert message.startswith("r.yaml:3:3: meta: duplicate key 'title' (first defined at line 2)")


def test_tab_indentation_names_line_and_hint():
    [message] = errors_of("meta:\n\ttitle: A\n")
    assert message.startswith("r.yaml:2:1: YAML syntax error")
    assert "tab" in message


def test_unclosed_quote():
    [message] = errors_of('meta:\n  title: "Annual\nsections: []\n')
    assert message == ('r.yaml:2:10: this quote is never closed (close it with " at the end of the value; '
                       'a " inside the text is written \\")')


def test_non_utf8_bytes_give_line_and_column():
    [message] = errors_of(b"meta:\n  title: caf\xe9\n")
    assert message.startswith("r.yaml:2:13: byte 0xe9 is not valid UTF-8")


def test_empty_file_and_non_mapping_top_level():
    assert "the spec is empty" in errors_of("")[0]
    assert "not a mapping" in errors_of("- a\n- b\n")[0]


def test_alias_bomb_is_bounded():
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for level in range(1, 9):
        previous = chr(ord("a") + level - 1)
        name = chr(ord("a") + level)
        lines.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    [message] = errors_of("\n".join(lines) + "\n")
    assert "too many values" in message


def test_oversize_file_is_refused(tmp_path: Path):
    path = tmp_path / "big.yaml"
    path.write_bytes(b"# " + b"x" * MAX_SPEC_BYTES + b"\n")
    with pytest.raises(ReportError) as caught:
        load_spec(path)
    assert "more than the limit" in str(caught.value)


def test_missing_file(tmp_path: Path):
    with pytest.raises(ReportError) as caught:
        load_spec(tmp_path / "nope.yaml")
    assert "spec file not found" in str(caught.value)
