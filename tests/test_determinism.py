"""Issue 6: building the same sources twice gives byte-identical outputs, in separate processes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from tests.conftest import ROOT, SEED, require_icc_profile, require_reproducible_fonts

pytestmark = pytest.mark.slow


def _build(src, out, tz: str) -> None:
    env = {**os.environ, "TZ": tz, "CI": "true", "PYTHONHASHSEED": "random"}
    result = subprocess.run(
        [sys.executable, "-m", "plainprint", "build", "--print", "-j", "1", "-o", str(out), str(src)],
        capture_output=True, text=True, timeout=600, env=env, cwd=ROOT,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr


def test_two_builds_are_byte_identical(tmp_path):
    require_reproducible_fonts()
    require_icc_profile()
    src = tmp_path / "sources"
    src.mkdir()
    shutil.copy(SEED, src / "seed.txt")
    (src / "flu.md").write_text(
        "---\ntitle: Flu\nlang: en\nkey_points: [Rest, Drink water]\n---\n\n# Flu\n\n"
        "Flu spreads fast.[^1] Rest at home.\n\n- Drink water.\n- Call us.\n\n"
        "[^1]: CDC. Flu basics. https://www.cdc.gov/flu/ Accessed 2024-01-05.\n",
        encoding="utf-8",
    )
    first, second = tmp_path / "a", tmp_path / "b"
    _build(src, first, "UTC")
    _build(src, second, "Pacific/Auckland")
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert {f.parts[0] for f in files} >= {
        "documents",
        "reports",
        "pdf",
        "print",
        "html",
        "index.html",
    }
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    different = [str(f) for f in files if (first / f).read_bytes() != (second / f).read_bytes()]
    assert different == []


def test_outputs_do_not_depend_on_where_the_project_lives(tmp_path):
    """The same source with its image, built from two folders: identical PDF and HTML bytes."""
    require_reproducible_fonts()
    from plainprint.pipeline.config import Config
    from plainprint.pipeline.document import Figure
    from plainprint.pipeline.document.build import doc, h, p
    from plainprint.pipeline.render import render_html, render_pdf

    png = bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d49444154789c6360606060000000050001a5f645400000000049454e44ae426082"
    )
    d = doc(h(1, "Eyes"), p("Text about eyes."), Figure(src="img.png", alt="An eye"))
    outputs = []
    for folder in (tmp_path / "a", tmp_path / "somewhere" / "else"):
        folder.mkdir(parents=True)
        (folder / "img.png").write_bytes(png)
        outputs.append(
            (
                render_pdf(d, Config(), profile="screen", base_dir=folder),
                render_pdf(d, Config(), profile="print", base_dir=folder),
                render_html(d, Config(), base_dir=folder),
            )
        )
    assert outputs[0] == outputs[1]
