"""A footer keeps inside the page (and the print safe zone); a bottom margin with no room for it is a located
error, not a preflight finding about the PDF (found by the layout fuzzer, issue 12)."""

from __future__ import annotations

import pytest

from tests.conftest import run_cli

HEAD = "meta: {title: T, organization: O}\n"
BODY = "sections:\n  - {type: text, title: T, body: Some text.}\n"


@pytest.mark.parametrize("mode, needed", [((), 8), (("--print",), 17)])
def test_no_room_for_the_footer_is_located_at_the_bottom_margin(write_spec, tmp_path, mode, needed):
    spec = write_spec(HEAD + "page:\n  margins:\n    bottom: 0\n" + BODY)
    for command in (("build", *mode, str(spec), "-o", str(tmp_path / "out" / "r.pdf")), ("validate", *mode, str(spec))):
        result = run_cli(*command)
        assert result.code == 1
        assert result.err.splitlines()[0] == (
            f"{spec}:4:13: page.margins.bottom: a bottom margin of 0 pt leaves no room for the footer: its 7.5 pt text"
            f"{' and the print safe zone need' if mode else ' needs'} {needed} pt (give page.margins.bottom at least "
            f"{needed} pt, or set footer.even and footer.odd to \"\" for pages without a footer)")


def test_a_margin_just_large_enough_builds_in_print_and_the_footer_stays_in_the_safe_zone(write_spec, tmp_path):
    spec = write_spec(HEAD + "page:\n  margins:\n    bottom: 17\n" + BODY)
    result = run_cli("build", "--print", str(spec), "-o", str(tmp_path / "out" / "r.pdf"))
    assert result.code == 0, result.err


def test_without_footers_a_zero_bottom_margin_is_fine(write_spec, tmp_path):
    spec = write_spec(HEAD + "page:\n  margins:\n    bottom: 0\nfooter: {even: '', odd: ''}\n" + BODY)
    assert run_cli("build", "--print", str(spec), "-o", str(tmp_path / "out" / "r.pdf")).code == 0
    only_a_cover = write_spec(HEAD + "page:\n  margins:\n    bottom: 0\nsections:\n  - {type: cover}\n", "cover.yaml")
    assert run_cli("build", str(only_a_cover), "-o", str(tmp_path / "out" / "c.pdf")).code == 0
