from pathlib import Path
from typing import Callable

import pytest

from reportgen.diagnostics import ReportError
from reportgen.model import validate
from reportgen.spec import load_spec

HEAD = """\
meta:
  title: T
  organization: O
sections:
"""


def problems(path: Path) -> list[str]:
    with pytest.raises(ReportError) as caught:
        validate(load_spec(path))
    return [str(d) for d in caught.value.diagnostics]


def test_valid_minimal_spec(minimal_spec: Path):
    report, warnings = validate(load_spec(minimal_spec))
    assert report.meta.title == "Annual Report 2023-24"
    assert report.page.size == (612.0, 792.0)
    assert warnings == []


def test_wrong_type_names_line_column_and_expectation(write_spec: Callable[[str], Path]):
    spec = write_spec(HEAD + "  - type: pillar\n    number: one\n    title: P\n")
    [message] = problems(spec)
    assert message.endswith("report.yaml:6:13: sections[0].number: expected a whole number, got 'one'")


def test_missing_required_field(write_spec: Callable[[str], Path]):
    spec = write_spec("meta:\n  title: T\nsections:\n  - type: cover\n")
    [message] = problems(spec)
    assert "report.yaml:1:1: meta: missing required field 'organization' (add `organization:` here)" in message


def test_unknown_key_suggests_the_close_one(write_spec: Callable[[str], Path]):
    spec = write_spec(HEAD + "  - type: pillar\n    number: 1\n    title: P\n    colour: '#112233'\n")
    [message] = problems(spec)
    assert "report.yaml:8:5: sections[0].colour: unknown key 'colour' (did you mean 'color'?)" in message


def test_unknown_section_type(write_spec: Callable[[str], Path]):
    spec = write_spec(HEAD + "  - type: piller\n")
    [message] = problems(spec)
    assert "report.yaml:5:11: sections[0].type: unknown section type 'piller' (did you mean 'pillar'?)" in message


def test_bad_colour(write_spec: Callable[[str], Path]):
    spec = write_spec("meta: {title: T, organization: O}\ntheme:\n  colors:\n    primary: navy\n"
                      "sections: [{type: cover}]\n")
    [message] = problems(spec)
    assert message.endswith("report.yaml:4:14: theme.colors.primary: not a colour: 'navy'; "
                            "expected \"#RRGGBB\" or \"cmyk(C, M, Y, K)\" with percentages")


def pie_spec(*slices: str) -> str:
    """A spec with one financials section whose pie has these slices (flow mappings)."""
    return HEAD + "  - type: financials\n    title: F\n    pie:\n      slices:\n" + \
        "".join(f"        - {{{slice_}}}\n" for slice_ in slices)


def test_percent_mismatch_names_the_slice(write_spec: Callable[[str], Path]):
    spec = write_spec(pie_spec("label: A, amount: 303, percent: 48", "label: B, amount: 147, percent: 30",
                               "label: C, amount: 177"))
    [message] = problems(spec)
    assert "report.yaml:10:44: sections[0].pie.slices[1].percent: slice 'B' states 30% but its amount is 23.4%" \
        in message


def test_missing_image(write_spec: Callable[[str], Path]):
    spec = write_spec(HEAD + "  - type: cover\n    image: assets/photos/missing.jpg\n")
    [message] = problems(spec)
    assert "report.yaml:6:12: sections[0].image.file: file not found: assets/photos/missing.jpg" in message


def test_path_outside_the_spec_folder_is_refused(write_spec: Callable[[str], Path]):
    spec = write_spec(HEAD + "  - type: cover\n    image: ../elsewhere.jpg\n")
    [message] = problems(spec)
    assert "leads outside the spec's folder" in message and "--allow-outside" in message


def test_every_error_is_reported_at_once(write_spec: Callable[[str], Path]):
    spec = write_spec(HEAD + "  - type: pillar\n    number: x\n    title: P\n    colour: red\n  - type: nope\n")
    messages = problems(spec)
    assert len(messages) == 3
    assert [m.split(":")[1] for m in messages] == ["6", "8", "9"]


def test_duplicate_pillar_numbers(write_spec: Callable[[str], Path]):
    spec = write_spec(HEAD + "  - {type: pillar, number: 1, title: A}\n  - {type: pillar, number: 1, title: B}\n")
    [message] = problems(spec)
    assert "sections[1].number: pillar number 1 is already used by sections[0]" in message


def test_unknown_footer_placeholder(write_spec: Callable[[str], Path]):
    spec = write_spec("meta: {title: T, organization: O}\nfooter: {odd: '{pgae}'}\nsections: [{type: cover}]\n")
    [message] = problems(spec)
    assert "report.yaml:2:16: footer.odd: `{pgae}` is not a footer placeholder (did you mean `{page}`?" in message


def test_lengths_and_page_sizes(write_spec: Callable[[str], Path]):
    spec = write_spec("meta: {title: T, organization: O}\npage:\n  size: [210mm, 297mm]\n"
                      "  margins: {top: 1in, inside: 2cm}\nsections: [{type: cover}]\n")
    report, _ = validate(load_spec(spec))
    assert report.page.size == pytest.approx((595.28, 841.89), abs=0.01)
    assert report.page.margins.top == 72.0
    assert report.page.margins.inside == pytest.approx(56.69, abs=0.01)


def test_model_is_frozen(minimal_spec: Path):
    report, _ = validate(load_spec(minimal_spec))
    with pytest.raises(Exception):
        report.meta.title = "changed"  # type: ignore[misc]


def test_percent_within_tolerance_but_not_the_rounding_is_a_warning(write_spec: Callable[[str], Path]):
    from tests.conftest import HEAD_PIE

    report, warnings = validate(load_spec(write_spec(HEAD_PIE)))
    assert [str(w).split(": ", 1)[1] for w in warnings][1] == (
        "warning: sections[0].pie.slices[1].percent: slice 'B' states 41% but its amount gives 40% (40.0%) "
        "(state 40: the shares rounded so the printed figures add up to 100)")
    assert report.sections[0].pie.slices[1].percent == 41


def test_image_without_alt_text_is_a_warning_and_empty_alt_is_not(write_spec: Callable[[str], Path]):
    spec = write_spec(HEAD + "  - type: cover\n    image: assets/photos/photo.jpg\n"
                             "  - type: letter\n    title: L\n    body: Hello.\n"
                             "    image: {file: assets/photos/photo.jpg, alt: \"\"}\n")
    _, warnings = validate(load_spec(spec))
    assert [str(w).split("report.yaml:")[1] for w in warnings] == [
        "6:12: warning: sections[0].image.alt: image photo.jpg has no alt text; screen readers will skip it "
        '(describe it in `alt`, or write `alt: ""` if it is only decoration)']


def test_strict_build_refuses_an_image_without_alt_text(write_spec: Callable[[str], Path], tmp_path: Path):
    from reportgen.pipeline import BuildOptions, build

    spec = write_spec(HEAD + "  - type: cover\n    image: assets/photos/photo.jpg\n")
    with pytest.raises(ReportError) as caught:
        build(spec, tmp_path / "out.pdf", BuildOptions(strict=True))
    assert [d.path for d in caught.value.diagnostics] == [("sections", 0, "image", "alt")]
    assert not (tmp_path / "out.pdf").exists()


def test_plain_rounding_of_a_percentage_is_not_a_warning(write_spec: Callable[[str], Path]):
    """147 of 627 is 23.4%: '23' is its plain rounding (largest remainder would print 24), so no warning;
    59 of 627 is 9.4%: '10' is neither rounding, so it is reported (within tolerance: a warning)."""
    spec = write_spec(pie_spec("label: A, amount: 303, percent: 48", "label: B, amount: 147, percent: 23",
                               "label: C, amount: 118, percent: 19", "label: D, amount: 59, percent: 10"))
    _, warnings = validate(load_spec(spec))
    assert [w.path for w in warnings] == [("sections", 0, "pie", "slices", 3, "percent")]


def test_a_bleed_past_pdfs_largest_page_is_located_at_page_bleed(write_spec: Callable[[str], Path]):
    spec = write_spec("page: {bleed: 100in}\n" + HEAD + "  - {type: text, title: X, body: hi}\n")
    assert problems(spec) == [
        f"{spec}:1:15: page.bleed: with 7200 pt (100 in) of bleed and 27 pt for crop marks on each side, the printed "
        "page is 15,246 pt (211.8 in) across; a PDF page may be at most 14,400 pt (200 in) (at most 6777 pt "
        "(94.1 in) of bleed fits; 0.125in (3mm) is usual)"]


def test_a_page_too_large_for_its_bleed_and_marks_is_located_at_page_size(write_spec: Callable[[str], Path]):
    spec = write_spec("page: {size: [200in, 100in]}\n" + HEAD + "  - {type: text, title: X, body: hi}\n")
    assert problems(spec) == [
        f"{spec}:1:14: page.size: with 9 pt (0.125 in) of bleed and 27 pt for crop marks on each side, the printed "
        "page is 14,472 pt (201 in) across; a PDF page may be at most 14,400 pt (200 in) (make the page at most "
        "14328 pt (199 in) each way for print)"]
    write_spec("page: {size: [199in, 100in]}\n" + HEAD + "  - {type: text, title: X, body: hi}\n")
    assert validate(load_spec(spec))[0].page.size == (199 * 72, 100 * 72)


def test_the_slug_the_page_check_allows_for_is_the_layouts():
    from reportgen.layout.geometry import SLUG
    from reportgen.model.validate import PRINT_SLUG

    assert PRINT_SLUG == SLUG
