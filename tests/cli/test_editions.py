"""`reportgen build TEMPLATE -o FOLDER` for a spec with `editions:`: one PDF per row in a process pool,
`--shard K/N` partitions, manifests and `reportgen editions merge`, a bad row failing alone, and
`reportgen validate` checking every edition."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from reportgen.diagnostics import ReportError
from reportgen.editions import parse_shard, shard_of
from tests.conftest import page_texts, run_cli

ROWS = 20
TEMPLATE = """\
data:
  shared: shared.yaml
  schools: schools.csv
editions:
  rows: schools
  key: code
  output: "{{ edition.code }}.pdf"
meta:
  title: "{{ edition.name }} Report {{ shared.year }}"
  organization: "{{ edition.name }}"
sections:
  - type: text
    title: "{{ edition.name }} at a Glance"
    body: |
      {{ edition.name }} served {{ edition.students | number }} students in {{ shared.year }}.
    stats:
      - {value: "{{ edition.students | number }}", label: Students}
      - {value: "{{ edition.rate | percent(1) }}", label: Graduation rate}
"""
STATS_LINE = TEMPLATE.splitlines().index(
    '      - {value: "{{ edition.students | number }}", label: Students}') + 1


def students(row: int) -> int:
    return 1000 + 37 * row


def write_template(folder: Path, bad_row: int | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "shared.yaml").write_text("year: 2024-25\n", encoding="utf-8")
    lines = ["code,name,students,rate"]
    for row in range(ROWS):
        cell = "many" if row == bad_row else str(students(row))
        lines.append(f"s{row:02d},School {row:02d},{cell},{0.8 + row / 200:.3f}")
    (folder / "schools.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    spec = folder / "template.yaml"
    spec.write_text(TEMPLATE, encoding="utf-8")
    return spec


def manifest(folder: Path, k: int = 1, n: int = 1) -> dict:
    return json.loads((folder / f"editions-{k}-of-{n}.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, object]:
    """The 20-row template built once, in two worker processes."""
    root = tmp_path_factory.mktemp("editions")
    spec = write_template(root / "spec")
    folder = root / "out"
    return spec, folder, run_cli("build", str(spec), "-o", str(folder), "--jobs", "2")


@pytest.fixture(scope="module")
def shards(built: tuple[Path, Path, object]) -> list[Path]:
    spec, folder, _ = built
    folders = [folder.parent / f"shard-{k}" for k in (1, 2, 3)]
    for k, shard in enumerate(folders, 1):
        result = run_cli("build", str(spec), "-o", str(shard), "--shard", f"{k}/3", "--jobs", "2")
        assert result.code == 0, result.err
    return folders


def test_every_row_builds_its_own_pdf_with_its_figures(built):
    spec, folder, result = built
    assert result.code == 0, result.err
    assert result.out.startswith(f"built 20 of 20 editions into {folder}/ in ")
    assert sorted(p.name for p in folder.glob("*.pdf")) == [f"s{row:02d}.pdf" for row in range(ROWS)]
    for row in range(ROWS):
        text = " ".join(page_texts(folder / f"s{row:02d}.pdf"))
        assert f"School {row:02d} at a Glance" in text
        assert f"{students(row):,}" in text  # the stat, formatted as a number in en-US
        assert f"{(0.8 + row / 200) * 100:.1f}%" in text
        other = (row + 1) % ROWS
        assert f"School {other:02d}" not in text  # nothing of another edition


def test_the_manifest_lists_every_edition_with_its_pdf_sha256(built):
    spec, folder, _ = built
    found = manifest(folder)
    assert (found["rows"], found["shard"], found["shards"], found["template"]) == (ROWS, 1, 1, str(spec))
    assert [entry["row"] for entry in found["editions"]] == list(range(ROWS))
    for entry in found["editions"]:
        pdf = folder / entry["output"]
        assert entry["key"] == pdf.stem and entry["errors"] == [] and entry["pages"] >= 1
        assert entry["sha256"] == hashlib.sha256(pdf.read_bytes()).hexdigest()
    text = (folder / "editions-1-of-1.json").read_text(encoding="utf-8")
    assert text == json.dumps(found, sort_keys=True, indent=1) + "\n"  # deterministic: sorted, no times


def test_shards_are_disjoint_complete_and_byte_identical_to_one_run(built, shards):
    _, folder, _ = built
    whole = {entry["key"]: entry["sha256"] for entry in manifest(folder)["editions"]}
    keys: list[str] = []
    rows: list[int] = []
    for k, shard in enumerate(shards, 1):
        part = manifest(shard, k, 3)
        rows += [entry["row"] for entry in part["editions"]]
        keys += [entry["key"] for entry in part["editions"]]
        assert sorted(p.stem for p in shard.glob("*.pdf")) == [entry["key"] for entry in part["editions"]]
        for entry in part["editions"]:
            assert entry["sha256"] == whole[entry["key"]]
    assert rows == list(range(ROWS))  # contiguous, in row order, each row once
    assert [len(manifest(shard, k, 3)["editions"]) for k, shard in enumerate(shards, 1)] == [6, 7, 7]
    merged = run_cli("editions", "merge", *map(str, shards), "-o", str(folder.parent / "editions.json"))
    assert merged.code == 0, merged.err
    assert "all 20 editions built once" in merged.out
    assert [e["key"] for e in json.loads((folder.parent / "editions.json").read_text())["editions"]] == keys


def test_merge_names_a_missing_shard_and_its_rows(shards):
    result = run_cli("editions", "merge", str(shards[0]), str(shards[2]))
    assert result.code == 1
    assert "shard 2/3 (rows 6-12) is missing" in result.err
    assert "--shard 2/3" in result.err


def test_merge_names_both_files_of_a_duplicated_shard(shards, tmp_path: Path):
    copy = tmp_path / "again.json"
    shutil.copy(shards[0] / "editions-1-of-3.json", copy)
    result = run_cli("editions", "merge", *map(str, shards), str(copy))
    assert result.code == 1
    assert f"shard 1/3 is given twice: {shards[0] / 'editions-1-of-3.json'}, {copy}" in result.err


def test_one_bad_row_fails_only_its_edition(tmp_path: Path):
    spec = write_template(tmp_path / "spec", bad_row=7)
    folder = tmp_path / "out"
    result = run_cli("build", str(spec), "-o", str(folder), "--jobs", "2")
    assert result.code == 1
    assert "built 19 of 20 editions" in result.err and result.err.rstrip().endswith("1 failed: s07")
    # the failure is told after its key, at the spec's line and the data file's line
    assert (f"s07: {spec}:{STATS_LINE}:18: sections[0].stats[0].value: | number needs a number, "
            "got the text 'many'") in result.err
    assert f"{tmp_path / 'spec' / 'schools.csv'}:9:" in result.err  # row 7 is the CSV's line 9
    assert sorted(p.stem for p in folder.glob("*.pdf")) == [f"s{row:02d}" for row in range(ROWS) if row != 7]
    [bad] = [entry for entry in manifest(folder)["editions"] if entry["errors"]]
    assert (bad["key"], bad["row"], bad["sha256"]) == ("s07", 7, None)
    merged = run_cli("editions", "merge", str(folder))
    assert merged.code == 1 and "edition s07 (row 7) failed" in merged.err

    checked = run_cli("validate", str(spec))
    assert checked.code == 1
    assert f"s07: {spec}:{STATS_LINE}:18: sections[0].stats[0].value" in checked.err
    assert "s08" not in checked.err
    assert "1 of 20 editions fail" in checked.err
    as_json = json.loads(run_cli("validate", str(spec), "--format", "json").out)
    assert {d["edition"] for d in as_json} == {"s07"}
    assert any(d["line"] == STATS_LINE and d["path"] == "sections[0].stats[0].value" for d in as_json)


def test_validate_passes_every_good_edition(built):
    spec, _, _ = built
    result = run_cli("validate", str(spec))
    assert result.code == 0, result.err
    assert result.out.strip() == f"{spec}: all 20 editions valid"


def test_one_edition_builds_alone_to_a_pdf_with_the_same_bytes(built, tmp_path: Path):
    spec, folder, _ = built
    output = tmp_path / "one.pdf"
    result = run_cli("build", str(spec), "--edition", "s05", "-o", str(output))
    assert result.code == 0, result.err
    assert output.read_bytes() == (folder / "s05.pdf").read_bytes()


def test_usage_errors(built, tmp_path: Path):
    spec, _, _ = built
    for arguments in (["-o", str(tmp_path / "x.pdf")], ["-o", "-"], ["--shard", "4/3", "-o", str(tmp_path)],
                      ["--shard", "two", "-o", str(tmp_path)]):
        result = run_cli("build", str(spec), *arguments)
        assert result.code == 2, (arguments, result.err)
        assert "reportgen build: error:" in result.err
    assert not list(tmp_path.iterdir())


def test_parse_shard_and_shard_of():
    assert parse_shard("2/4") == (2, 4)
    for wrong in ("0/3", "4/3", "1/0", "a/b", "3"):
        with pytest.raises(ReportError):
            parse_shard(wrong)
    items = list(range(10))
    parts = [shard_of(items, k, 3) for k in (1, 2, 3)]
    assert parts == [[0, 1, 2], [3, 4, 5], [6, 7, 8, 9]]
    assert [x for n in (1, 4, 7, 11, 12) for k in range(1, n + 1) for x in shard_of(items, k, n)] == items * 5


def test_a_bug_or_a_dying_worker_fails_only_its_edition(built, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Forked workers inherit the patched pipeline.build: s03 raises a bug, s04 kills its worker."""
    import os

    from reportgen import pipeline
    from reportgen.editions import build_editions

    spec, folder, _ = built
    original = pipeline.build

    def flaky(spec_path, output, options=pipeline.BuildOptions(), *, session=None, edition=None):
        if edition == "s03":
            raise RuntimeError("a bug")
        if edition == "s04":
            os._exit(3)
        return original(spec_path, output, options, session=session, edition=edition)

    monkeypatch.setattr(pipeline, "build", flaky)
    seen: list[tuple[str, int, int]] = []
    outcome = build_editions(spec, tmp_path / "out", jobs=2,
                             progress=lambda result, done, total: seen.append((result.key, done, total)))
    assert [r.key for r in outcome.failed] == ["s03", "s04"]
    assert "internal error: RuntimeError: a bug" in outcome.failed[0].errors[0].message
    assert "stopped unexpectedly" in outcome.failed[1].errors[0].message
    assert [r.row for r in outcome.results] == list(range(ROWS))
    assert sorted(key for key, _, _ in seen) == [f"s{row:02d}" for row in range(ROWS)]
    assert [done for _, done, _ in seen] == list(range(1, ROWS + 1)) and {t for _, _, t in seen} == {ROWS}
    whole = {entry["key"]: entry["sha256"] for entry in manifest(folder)["editions"]}
    assert all(r.sha256 == whole[r.key] for r in outcome.results if r.ok)


def test_a_terminal_shows_one_rewritten_status_line(capsys: pytest.CaptureFixture[str]):
    from reportgen.cli.build import _EditionsProgress
    from reportgen.cli.console import Console
    from reportgen.editions import EditionResult

    class Terminal(Console):
        interactive = True  # type: ignore[assignment]

    progress = _EditionsProgress(Terminal())
    progress(EditionResult("a", 0, Path("a.pdf"), 1, "x"), 1, 4)
    progress(EditionResult("b", 1, Path("b.pdf"), errors=[ReportError.single("broken").diagnostics[0]]), 2, 4)
    err = capsys.readouterr().err
    assert "\r\033[Keditions 1/4 · 0 failed · " in err
    assert "b: <spec>: broken" in err
    assert err.rstrip().split("\r\033[K")[-1].startswith("editions 2/4 · 1 failed · ")
    assert err.rstrip().endswith(" left")


def test_a_spec_without_editions_takes_no_shard_and_merge_needs_manifests(minimal_spec, tmp_path: Path):
    result = run_cli("build", str(minimal_spec), "--shard", "1/2", "-o", str(tmp_path / "out"))
    assert result.code == 2 and "has no `editions:`" in result.err
    assert not (tmp_path / "out").exists()
    missing = run_cli("editions", "merge", str(tmp_path / "nowhere"), str(tmp_path))
    assert missing.code == 1
    assert f"there is no file or folder {tmp_path / 'nowhere'}" in missing.err
    assert f"{tmp_path} holds no manifest (editions-*-of-*.json)" in missing.err
