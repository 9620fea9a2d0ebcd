"""Ctrl-C stops a batch at once: pending sources are cancelled, workers stop, nothing partial stays.

A terminal's Ctrl-C sends SIGINT to the whole foreground process group, so the tests do the same.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pikepdf
import pytest

from tests.conftest import ROOT, SEED

pytestmark = pytest.mark.slow

STOP_WITHIN = 2.0  # seconds, as issue 11 asks


def _sources(tmp_path: Path, n: int) -> Path:
    src = tmp_path / "src"
    src.mkdir()
    for i in range(n):
        shutil.copy(SEED, src / f"handout-{i:02}.txt")
    return src


def _interrupt_when(proc: subprocess.Popen, ready, timeout: float = 120) -> float:
    """SIGINT to the process group once ``ready()``; return how long the group took to stop."""
    deadline = time.monotonic() + timeout
    while not ready():
        assert proc.poll() is None, "the batch ended before it could be interrupted"
        assert time.monotonic() < deadline, "the batch never got going"
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGINT)
    start = time.monotonic()
    proc.wait(timeout=60)
    return time.monotonic() - start


def _assert_nothing_partial(out: Path) -> None:
    assert not [p for p in out.rglob("*.part")], "a temporary file was left behind"
    for pdf in out.rglob("*.pdf"):
        with pikepdf.open(pdf) as opened:  # raises on a truncated file
            assert len(opened.pages) >= 1
    for html in out.rglob("*.html"):
        assert html.read_text(encoding="utf-8").rstrip().endswith("</html>"), html


def _group_is_gone(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return True
    return False


def test_ctrl_c_stops_a_parallel_build(tmp_path):
    src, out = _sources(tmp_path, 12), tmp_path / "out"
    proc = subprocess.Popen(
        [sys.executable, "-m", "plainprint", "build", "-j", "2", "-o", str(out), str(src)],
        cwd=ROOT, start_new_session=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    pdfs = out / "pdf"
    took = _interrupt_when(proc, lambda: pdfs.is_dir() and any(pdfs.glob("*.pdf")))
    stderr = proc.stderr.read().decode()
    assert proc.returncode == 130, stderr
    assert took < STOP_WITHIN, f"the build took {took:.2f} s to stop"
    assert "interrupted" in stderr
    time.sleep(0.2)
    assert _group_is_gone(proc.pid), "a worker outlived the interrupted build"
    assert len(list(pdfs.glob("*.pdf"))) < 12, "the build went on after Ctrl-C"
    assert not (out / "index.html").exists()
    _assert_nothing_partial(out)


@pytest.mark.skipif(shutil.which("make") is None, reason="needs GNU make")
def test_ctrl_c_stops_make(tmp_path):
    venv_python = ROOT / ".venv" / "bin" / "python"
    if not venv_python.exists():
        pytest.skip("needs the project's .venv (make test creates it)")
    src, out = _sources(tmp_path, 6), tmp_path / "out"
    proc = subprocess.Popen(
        ["make", "-j2", f"SRC={src}", f"OUT={out}"],
        cwd=ROOT, start_new_session=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )  # fmt: skip
    reports = out / "reports"
    took = _interrupt_when(proc, lambda: reports.is_dir() and any(reports.glob("*.json")))
    log = proc.stdout.read().decode()
    assert proc.returncode != 0, log
    assert "interrupted" in log
    assert took < STOP_WITHIN, f"make took {took:.2f} s to stop"
    time.sleep(0.2)
    assert _group_is_gone(proc.pid), "a recipe outlived the interrupted make"
    assert not (out / "index.html").exists()
    _assert_nothing_partial(out)
