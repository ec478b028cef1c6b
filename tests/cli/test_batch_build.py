"""`reportgen build a.yaml b.yaml --jobs N`: parallel builds, each spec reported, one failure doesn't stop the rest."""

from pathlib import Path

from tests.conftest import MINIMAL, page_texts


def test_a_broken_spec_does_not_stop_the_good_one(cli, write_spec, tmp_path: Path):
    good = write_spec(MINIMAL, "district-a.yaml")
    broken = write_spec(MINIMAL.replace("type: letter", "type: lettre"), "district-b.yaml")
    folder = tmp_path / "out"
    result = cli("build", str(good), str(broken), "-o", str(folder), "--jobs", "2")
    assert result.code == 1
    # the good spec built, and says so on its own line
    assert (folder / "district-a.pdf").exists()
    assert "A Message" in "".join(page_texts(folder / "district-a.pdf"))
    [line] = result.out.strip().splitlines()
    assert line.startswith(f"{folder / 'district-a.pdf'}: 2 pages in ")
    # the broken one is reported with its located error, and wrote nothing
    assert "district-b.yaml:7:11: sections[1].type: unknown section type 'lettre'" in result.err
    assert f"{broken}: failed; nothing was written" in result.err
    assert "1 of 2 specs failed" in result.err
    assert not (folder / "district-b.pdf").exists()
    assert "Traceback" not in result.err


def test_several_specs_build_in_argument_order_and_exit_zero(cli, write_spec, tmp_path: Path):
    specs = [write_spec(MINIMAL.replace("A Message", f"Message {n}"), f"r{n}.yaml") for n in (1, 2, 3)]
    result = cli("build", *map(str, specs), "-o", str(tmp_path / "pdfs"), "-j", "2", )
    assert result.code == 0, result.err
    assert [line.split(":")[0] for line in result.out.splitlines()] == [
        str(tmp_path / "pdfs" / f"r{n}.pdf") for n in (1, 2, 3)]
    assert "Message 3" in "".join(page_texts(tmp_path / "pdfs" / "r3.pdf"))


def test_two_specs_that_would_write_the_same_pdf_are_a_usage_error(cli, write_spec, spec_dir: Path, tmp_path: Path):
    first = write_spec(MINIMAL)
    (spec_dir / "other").mkdir()
    second = spec_dir / "other" / "report.yaml"
    second.write_text(MINIMAL, encoding="utf-8")
    result = cli("build", str(first), str(second), "-o", str(tmp_path / "out"))
    assert result.code == 2
    assert "would both write" in result.err
    assert cli("build", str(first), str(second), "-o", str(tmp_path / "x.pdf")).code == 2
