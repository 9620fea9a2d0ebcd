"""Golden files: compared, never written by a test run unless asked.

A golden that writes itself when missing passes on a broken build (it records the broken
output); here a missing or stale golden fails with the command that regenerates it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.paths import ROOT

UPDATE_ENV = "PLAINPRINT_UPDATE_GOLDEN"


def updating() -> bool:
    """True when the run was asked to rewrite goldens (PLAINPRINT_UPDATE_GOLDEN=1)."""
    return os.environ.get(UPDATE_ENV, "") not in ("", "0")


def regenerate_hint(golden: Path) -> str:
    rel = golden.relative_to(ROOT) if golden.is_relative_to(ROOT) else golden
    return (
        f"{rel}: regenerate with `{UPDATE_ENV}=1 .venv/bin/python -m pytest {_current_test_file()} -q`"
        " and review the diff"
    )


def _current_test_file() -> str:
    """The running test's file (pytest sets PYTEST_CURRENT_TEST), for the hint's command."""
    node = os.environ.get("PYTEST_CURRENT_TEST", "tests").split(" ")[0]
    return node.split("::")[0]


def assert_golden(golden: Path, actual: str) -> None:
    """Fail when `golden` is missing; rewrite it only under PLAINPRINT_UPDATE_GOLDEN=1."""
    if updating():
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
        return
    if not golden.is_file():
        pytest.fail(f"golden file missing: {regenerate_hint(golden)}")
