"""No size literals in blocks: every size, gap and proportion a block draws with comes from the stylesheet
(theme/stylesheet.yaml, read through Theme.measures / Theme.styles), and every other number is named in
layout/limits.py. Read from the modules' syntax trees, so a literal cannot hide in a default or a tuple."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT

BLOCKS = ROOT / "src" / "reportgen" / "layout" / "blocks"
# numbers that are arithmetic, not design: nothing, one (a whole, one more, one less, round to whole points
# or tenths via `round(x, 1)`), two (halves: centring, both sides; odd and even pages), the last item, a half
ALLOWED = {0, 1, 2, -1, 0.5}
NOT_YET: frozenset[str] = frozenset()  # every block module takes its sizes from the stylesheet


def literals(path: Path) -> list[str]:
    """Every numeric literal of a module outside ALLOWED, as 'file:line: value' (a negative number is a
    unary minus on a literal: read as one)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    negated = {id(node.operand) for node in ast.walk(tree)
               if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub)}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and type(node.value) in (int, float, complex):
            value = -node.value if id(node) in negated else node.value
            if value not in ALLOWED:
                found.append(f"{path.name}:{node.lineno}: {value!r}")
    return found


def test_blocks_take_every_size_from_the_stylesheet():
    modules = sorted(path for path in BLOCKS.glob("*.py") if path.name not in NOT_YET)
    assert len(modules) >= 9  # the test reads the blocks (it would pass vacuously on a moved folder)
    found = [literal for path in modules for literal in literals(path)]
    assert found == [], ("size literals in blocks: give them a stylesheet element (theme/stylesheet.yaml, "
                         "docs/spec.md) or, when they are not design, a name in layout/limits.py:\n"
                         + "\n".join(found))


def test_the_check_finds_a_literal(tmp_path: Path):
    module = tmp_path / "block.py"
    module.write_text("GAP = 8.0\n\ndef f(x):\n    return x * 2 + 0.5 - 1 + round(x, -1) + (3,)[0] - -4\n")
    assert sorted(literals(module)) == ["block.py:1: 8.0", "block.py:4: -4", "block.py:4: 3"]
