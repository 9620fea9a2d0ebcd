"""`make` rebuilds only what changed (issue 5). Runs the real Makefile on a temporary folder."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEED

pytestmark = pytest.mark.slow

TEXT = "Flu and you\n\nFlu is an illness. {extra} Rest at home. Drink water. Call us if you feel worse.\n"


def _make(src: Path, out: Path, *targets: str) -> subprocess.CompletedProcess:
    if shutil.which("make") is None:
        pytest.skip("needs GNU make")
    return subprocess.run(
        ["make", "-C", str(ROOT), f"SRC={src}", f"OUT={out}", *targets],
        capture_output=True,
        text=True,
        timeout=900,
        env={**os.environ, "CI": "true"},
    )


def _snapshot(out: Path) -> dict[str, int]:
    return {str(p.relative_to(out)): p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}


def test_make_rebuilds_only_the_touched_source(tmp_path):
    src, out = tmp_path / "sources", tmp_path / "output"
    src.mkdir()
    shutil.copy(SEED, src / "seed.txt")
    (src / "flu.txt").write_text(TEXT.format(extra="It spreads fast."), encoding="utf-8")
    (src / "cold.txt").write_text(TEXT.format(extra="Colds are mild."), encoding="utf-8")
    first = _make(src, out, "-j2", "all")  # parallel make is safe: per-source targets
    assert first.returncode == 0, first.stdout + first.stderr
    for name in ("seed", "flu", "cold"):
        for rel in (
            f"documents/{name}.json",
            f"reports/{name}.json",
            f"pdf/{name}.pdf",
            f"html/{name}.html",
        ):
            assert (out / rel).is_file(), rel
    assert (out / "index.html").is_file()
    assert "3 of 3 built" in first.stdout

    before = _snapshot(out)
    again = _make(src, out, "all")
    assert again.returncode == 0
    assert _snapshot(out) == before, "a no-op make rewrote files"
    assert "ingest" not in again.stdout and "render" not in again.stdout

    time.sleep(1.1)  # mtime granularity on some filesystems
    (src / "flu.txt").write_text(TEXT.format(extra="It spreads very fast."), encoding="utf-8")
    third = _make(src, out, "all")
    assert third.returncode == 0, third.stdout + third.stderr
    after = _snapshot(out)
    changed = {k for k in after if after[k] != before.get(k)}
    assert {k for k in changed if not k.startswith(("index", "errors", ".manifest"))} == {
        k for k in after if "/flu." in k and not k.startswith("errors")
    }
    assert not any("seed" in k or "cold" in k for k in changed)


def test_make_reports_a_broken_source_and_builds_the_rest(tmp_path):
    src, out = tmp_path / "sources", tmp_path / "output"
    src.mkdir()
    (src / "good.txt").write_text(TEXT.format(extra="Fine."), encoding="utf-8")
    (src / "broken.html").write_bytes(b"%PDF-1.4 not a page")
    result = _make(src, out, "all")
    assert result.returncode != 0
    assert (out / "pdf" / "good.pdf").is_file()
    assert not (out / "pdf" / "broken.pdf").exists()
    assert "broken" in result.stdout and "file is a PDF" in result.stdout
    assert "1 of 2 built" in result.stdout
    assert not list(out.rglob("*.part"))
