"""Where things are, computed once from this file, so a test works from any folder depth."""

from __future__ import annotations

from pathlib import Path

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
FIXTURES = TESTS / "fixtures"
GOLDEN = TESTS / "golden"
VENDOR = TESTS / "vendor"
SEED = ROOT / "sources" / "ili-ilp-melanoma.txt"
SHARED = ROOT.parent / "shared"
