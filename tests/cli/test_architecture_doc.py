"""docs/architecture.md is generated from the layer contracts and the imports: it stays current."""

from __future__ import annotations

import subprocess
import sys

from tests.paths import ROOT


def test_the_architecture_diagram_is_current():
    run = subprocess.run(
        [sys.executable, str(ROOT / "docs" / "architecture.py"), "--check"],
        cwd=ROOT, capture_output=True, text=True,
    )  # fmt: skip
    assert run.returncode == 0, run.stdout + run.stderr


def test_the_diagram_shows_every_layer_and_no_upward_arrow():
    sys.path.insert(0, str(ROOT / "docs"))
    try:
        import architecture
    finally:
        sys.path.pop(0)
    stack = architecture.layers()
    rank = {m: i for i, layer in enumerate(stack) for m in layer}
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    for module in rank:
        assert f'{architecture.box(module)}["' in text, module
    boxes = {architecture.box(m): m for m in rank}
    arrows = [line.split(" --> ") for line in text.splitlines() if " --> " in line]
    assert arrows, "the diagram draws the imports"
    for src, dst in arrows:
        assert rank[boxes[src.strip()]] <= rank[boxes[dst.strip()]], (src, dst)
