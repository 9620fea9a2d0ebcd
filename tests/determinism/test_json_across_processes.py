"""The check report's and the Document's JSON are the same bytes in every process.

Comparing ``to_json(x) == to_json(x)`` in one process cannot catch what makes JSON differ
between runs: set and dict order under a different string-hash seed, a clock, a time zone.
Here separate interpreters with different PYTHONHASHSEED and TZ write it, and the bytes must
match each other (and, for the Document, this process's ``to_json``).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from plainprint.pipeline.document import to_json as document_json
from tests.paths import FIXTURES, ROOT, SEED

# `today` fixed, so the report does not depend on the date either (build_date, stale dates).
CONFIG = "[checks]\ntoday = 2025-01-31\n"
SOURCES = [SEED, FIXTURES / "checks" / "suppressed.md", FIXTURES / "es" / "presion-alta.md"]


def _run(args: list[str], hashseed: str, tz: str, cwd) -> str:
    env = {**os.environ, "PYTHONHASHSEED": hashseed, "TZ": tz}
    result = subprocess.run(
        [sys.executable, "-m", "plainprint", *args],
        capture_output=True, text=True, timeout=300, env=env, cwd=cwd,
    )  # fmt: skip
    assert result.returncode in (0, 1), result.stderr
    return result.stdout


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_report_json_is_identical_across_processes(tmp_path, source):
    config = tmp_path / "plainprint.toml"
    config.write_text(CONFIG, encoding="utf-8")
    args = ["--config", str(config), "check", str(source), "--format", "json", "--fail-on", "never"]
    first = _run(args, "1", "UTC", ROOT)
    second = _run(args, "4242", "Pacific/Auckland", ROOT)
    assert first == second
    doc = json.loads(first)["documents"][0]
    assert doc["build_date"] == "2025-01-31" and doc["findings"], "a report with findings"


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_document_json_is_identical_across_processes(source):
    first = _run(["ingest", str(source)], "1", "UTC", ROOT)
    second = _run(["ingest", str(source)], "4242", "Pacific/Auckland", ROOT)
    assert first == second and json.loads(first)["blocks"]
    from plainprint.pipeline.ingest import ingest_path

    assert document_json(ingest_path(source)).rstrip("\n") == first.rstrip("\n")
