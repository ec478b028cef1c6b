"""docs/gallery.md: a picture of every chart type and a table, rendered from the specs in docs/gallery/, current."""

from __future__ import annotations

import importlib.util

from reportgen.model.charts import Chart
from tests.conftest import ROOT

SCRIPT = ROOT / "scripts" / "make_gallery.py"


def _gallery():
    spec = importlib.util.spec_from_file_location("make_gallery", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_chart_type_and_a_table_are_in_the_gallery():
    import yaml

    kinds = set()
    tables = 0
    for path in (ROOT / "docs" / "gallery").glob("*.yaml"):
        section = yaml.safe_load(path.read_text(encoding="utf-8"))["sections"][0]
        kinds |= {chart["type"] for chart in section.get("charts", [])}
        tables += len(section.get("tables", []))
        assert (path.with_suffix(".png")).is_file()
        assert f"(gallery/{path.stem}.png)" in (ROOT / "docs" / "gallery.md").read_text(encoding="utf-8")
    assert kinds == set(Chart.fields["type"].type.__args__)
    assert tables >= 1


def test_the_gallery_is_current():
    """`make gallery` would change nothing: every picture is what its spec builds now (within font hinting)."""
    assert _gallery().main(["--check"]) == 0, "run `make gallery` (scripts/make_gallery.py) and commit the pictures"
