"""`reportgen init`: a new report that builds at once (strictly), and never overwrites a file."""

from pathlib import Path
from typing import Callable

from pypdf import PdfReader

import re

from reportgen.model.report import SECTION_TYPES
from reportgen.spec import load_spec
from tests.conftest import ROOT, CliResult


def test_init_builds_at_once_and_refuses_to_overwrite(cli: Callable[..., CliResult], tmp_path: Path):
    folder = tmp_path / "new"
    result = cli("init", str(folder))
    assert result.code == 0, result.err
    spec = folder / "report.yaml"
    used = {section["type"] for section in load_spec(spec).data["sections"]}
    assert used == set(SECTION_TYPES)
    assert (folder / "assets" / "fonts" / "Lato-Black.ttf").is_file()
    assert len(list((folder / "assets" / "photos").glob("*.jpg"))) == 5
    assert spec.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=report.schema.json")

    output = folder / "build" / "report.pdf"
    built = cli("build", str(spec), "-o", str(output), "--strict")
    assert built.code == 0, built.err
    assert built.err == ""
    assert len(PdfReader(str(output)).pages) >= 10

    before = {path: path.read_bytes() for path in folder.rglob("*") if path.is_file()}
    spec.write_text(spec.read_text(encoding="utf-8") + "# my edits\n", encoding="utf-8")
    before[spec] = spec.read_bytes()
    again = cli("init", str(folder))
    assert again.code == 1
    assert f"{spec}: already exists" in again.err and "nothing was written" in again.err
    assert {path: path.read_bytes() for path in folder.rglob("*") if path.is_file()} == before


def test_one_existing_file_stops_everything(cli: Callable[..., CliResult], tmp_path: Path):
    photos = tmp_path / "assets" / "photos"
    photos.mkdir(parents=True)
    (photos / "cover.jpg").write_bytes(b"mine")
    result = cli("init", str(tmp_path))
    assert result.code == 1
    assert result.err.splitlines()[0] == f"{photos / 'cover.jpg'}: already exists"
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")) == [
        "assets", "assets/photos", "assets/photos/cover.jpg"]
    assert (photos / "cover.jpg").read_bytes() == b"mine"


def test_what_the_starter_says_is_true(cli: Callable[..., CliResult], tmp_path: Path):
    """The starter's comments name files (the field reference, the schema, the photos' folder): each is
    in the new folder, and spec.md is this version's docs/spec.md."""
    folder = tmp_path / "new"
    assert cli("init", str(folder)).code == 0
    spec = folder / "report.yaml"
    comments = "\n".join(line for line in spec.read_text(encoding="utf-8").splitlines() if line.lstrip().startswith("#"))
    named = set(re.findall(r"[\w./-]+\.(?:md|json|yaml|jpg|ttf)\b|[\w.-]+(?:/[\w.-]+)+/", comments))
    assert "spec.md" in named and "report.schema.json" in named
    missing = [name for name in sorted(named) if not (folder / name).exists()]
    assert missing == [], f"the starter's comments name files that init did not write: {missing}"
    assert (folder / "spec.md").read_bytes() == (ROOT / "docs" / "spec.md").read_bytes()
    assert "Every field is described in spec.md beside this file" in " ".join(comments.replace("#", " ").split())
