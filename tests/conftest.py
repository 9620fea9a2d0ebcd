"""Shared fixtures: paths, the seed, and the team corpus (skipped when ../shared is absent)."""

from __future__ import annotations

import ctypes.util
import os
from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED = ROOT / "sources" / "ili-ilp-melanoma.txt"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")

# CI: the same examples on every run (derandomize), so a merge never fails on a random draw;
# a failure prints the blob that reproduces it. Local runs keep exploring new examples, and
# `make fuzz` explores for longer.
settings.register_profile("ci", max_examples=60, deadline=None, derandomize=True, print_blob=True)
# HYPOTHESIS_EXAMPLES=500 make test: a longer exploration on demand.
settings.register_profile(
    "dev",
    max_examples=int(os.environ.get("HYPOTHESIS_EXAMPLES", "30")),
    deadline=None,
    print_blob=True,
)
settings.load_profile("ci" if IN_CI else "dev")

ICC_PROFILE = Path("/usr/share/color/icc/ghostscript/default_cmyk.icc")
HAS_HARFBUZZ_SUBSET = ctypes.util.find_library("harfbuzz-subset") is not None


def require_system(present: bool, what: str, package: str) -> None:
    """A test that needs a Debian package: `make test` installs it first (as root).

    Without it a user's run skips with the reason; CI, which runs `make test`, fails instead.
    """
    if present:
        return
    reason = f"needs {what} (Debian package {package}; `make test` installs it when run as root)"
    if IN_CI:
        pytest.fail(reason)
    pytest.skip(reason)


def require_reproducible_fonts() -> None:
    """Byte-identical PDFs need HarfBuzz's subsetter: WeasyPrint's fontTools fallback differs."""
    require_system(HAS_HARFBUZZ_SUBSET, "HarfBuzz's font subsetter", "libharfbuzz-subset0")


def require_icc_profile() -> None:
    require_system(ICC_PROFILE.is_file(), "a CMYK ICC profile for --print", "libgs-common")


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        if IN_CI:
            pytest.fail("../shared is missing in CI; the team corpus must be present there")
        pytest.skip("needs ../shared (the team corpus), which a user's clone does not have")
    return SHARED


@pytest.fixture(scope="session")
def seed_doc():
    from plainprint.pipeline.ingest import ingest_path

    return ingest_path(SEED)


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium (see tests/browser.py); skips without it, except in CI."""
    from tests.browser import Browser, chromium_executable

    exe = chromium_executable()
    if exe is None:
        if IN_CI:
            pytest.fail(
                "chromium is missing in CI; `make test` installs it (apt-get install chromium)"
            )
        pytest.skip("needs Debian's chromium at /usr/bin/chromium (apt-get install chromium)")
    b = Browser(exe)
    yield b
    b.close()
