"""CSV data: cells located by line and column; every bad file a located error naming the file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reportgen.model.data import DataError, _csv_file, read_csv
from reportgen.model.base import SpecError


def write(tmp_path: Path, content: bytes | str, name: str = "data.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def where(error: DataError) -> tuple[str, int, int]:
    return (error.file, error.line, error.column)


def test_cells_carry_their_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path, 'School,Students,Rate\r\nCentral,412,"88%"\r\n"Los ""Padrinos""",318,91%\r\n')
    data = read_csv(path, "assets/data.csv")
    assert [c.text for c in data.header] == ["School", "Students", "Rate"]
    assert [(c.line, c.column) for c in data.header] == [(1, 1), (1, 8), (1, 17)]
    assert [c.text for c in data.rows[1]] == ['Los "Padrinos"', "318", "91%"]
    assert [(c.line, c.column) for c in data.rows[1]] == [(3, 1), (3, 20), (3, 24)]
    assert data.shown == "assets/data.csv"


def test_bom_is_dropped_and_blank_lines_skipped(tmp_path: Path) -> None:
    path = write(tmp_path, b"\xef\xbb\xbfYear,Amount\n\n2022,1.5\n2023,2\n\n")
    data = read_csv(path)
    assert data.header[0].text == "Year"  # no BOM glued to it
    assert [[c.text for c in row] for row in data.rows] == [["2022", "1.5"], ["2023", "2"]]
    assert (data.rows[0][0].line, data.rows[1][1].line, data.rows[1][1].column) == (3, 4, 6)


def test_a_quoted_cell_across_lines_keeps_the_lines_after_it(tmp_path: Path) -> None:
    path = write(tmp_path, 'A,B\n"one\ntwo",x\n3,oops,extra\n')
    with pytest.raises(DataError) as caught:
        read_csv(path, "d.csv")
    assert where(caught.value) == ("d.csv", 4, 8)  # the extra cell
    assert "3 cells, the header has 2" in caught.value.message


def test_a_short_row_is_located_at_its_end(tmp_path: Path) -> None:
    path = write(tmp_path, "A,B,C\n1,2,3\nx,y\n")
    with pytest.raises(DataError) as caught:
        read_csv(path, "d.csv")
    assert where(caught.value) == ("d.csv", 3, 4)
    assert str(caught.value).startswith("d.csv:3:4: this row has 2 cells, the header has 3")


def test_undecodable_bytes_are_located(tmp_path: Path) -> None:
    path = write(tmp_path, b"Name,Town\nAnn,M\xc3\xbcnchen\nBob,Z\xe9rich\n")  # Latin-1 on line 3
    with pytest.raises(DataError) as caught:
        read_csv(path, "d.csv")
    assert where(caught.value) == ("d.csv", 3, 6)
    assert "0xE9" in caught.value.message and "UTF-8" in caught.value.hint


@pytest.mark.parametrize("content, line, column, words", [
    ("", 1, 1, "empty"),
    ("\n\n", 1, 1, "empty"),
    ("A,B\n", 2, 1, "no rows"),
    ('A,B\n"x"y,1\n', 2, 1, "cannot be read as CSV"),
    ("A,B\n1,\x07\n", 2, 3, "U+0007"),
])
def test_bad_files_are_located(tmp_path: Path, content: str, line: int, column: int, words: str) -> None:
    with pytest.raises(DataError) as caught:
        read_csv(write(tmp_path, content), "d.csv")
    assert where(caught.value) == ("d.csv", line, column)
    assert words in caught.value.message


def test_a_numeric_cell_reads_or_fails_where_it_is(tmp_path: Path) -> None:
    data = read_csv(write(tmp_path, "Year,Students\n2022, 1250.5\n2023,n/a\n"), "d.csv")
    assert data.number(data.rows[0][1]) == 1250.5
    with pytest.raises(DataError) as caught:
        data.number(data.rows[1][1])
    assert where(caught.value) == ("d.csv", 3, 6)
    assert "column 'Students'" in caught.value.message and "'n/a'" in caught.value.message


def test_the_path_follows_the_photos_rules(tmp_path: Path) -> None:
    spec = tmp_path / "spec"
    spec.mkdir()
    outside = write(tmp_path, "A\n1\n", "outside.csv")
    (spec / "link.csv").symlink_to(outside)
    context = {"base_dir": spec, "allow_outside": False, "spec_file": str(spec / "report.yaml")}
    for value in ("../outside.csv", "link.csv"):  # a link out of the folder is refused like a photo's
        with pytest.raises(SpecError, match="leads outside the spec's folder"):
            _csv_file(value, context)
    with pytest.raises(SpecError, match="absolute path"):
        _csv_file(str(outside), context)
    assert _csv_file("link.csv", {**context, "allow_outside": True}).rows[0][0].text == "1"
    with pytest.raises(SpecError, match="file not found"):
        _csv_file("missing.csv", context)
    write(spec, "A\n1\n", "data.xlsx")
    with pytest.raises(SpecError, match="not a CSV file"):
        _csv_file("data.xlsx", context)


def test_a_huge_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    with path.open("wb") as stream:
        stream.truncate(5 << 20)
    with pytest.raises(DataError, match="larger than 4 MB"):
        read_csv(path)
    assert os.path.getsize(path) == 5 << 20
