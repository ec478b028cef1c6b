"""benchmarks/generate.py: a small generated spec validates, varies its text and is reproducible."""

import importlib.util
from pathlib import Path

from reportgen.pipeline import check_spec
from tests.conftest import ROOT


def _generator():
    spec = importlib.util.spec_from_file_location("bench_generate", ROOT / "benchmarks" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def test_a_generated_spec_validates_with_its_photos_beside_it(tmp_path: Path):
    generate = _generator()
    path = generate.write(40, tmp_path / "bench" / "report.yaml")
    _, report, warnings = check_spec(path)
    types = [section.type for section in report.sections]
    assert {"cover", "contents", "pillar", "financials", "text", "quote", "back_cover"} <= set(types)
    assert types.count("pillar") >= 2
    pillars = [s for s in report.sections if s.type == "pillar"]
    assert pillars[0].body != pillars[1].body  # varied text, not one paragraph repeated
    assert all(image.file.is_relative_to(tmp_path / "bench") for p in pillars for image in p.images)
    assert not [w for w in warnings if w.severity == "error"]
    # seeded: the same arguments give the same spec
    assert generate.write(40, tmp_path / "again" / "report.yaml").read_text() == path.read_text()
