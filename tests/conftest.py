"""Shared fixtures: paths, the seed, and the team corpus (skipped when ../shared is absent)."""

from __future__ import annotations

import contextlib
import ctypes.util
import logging
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from tests.paths import FIXTURES, GOLDEN, ROOT, SEED, SHARED  # noqa: F401 (re-exported)

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


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "expect_warnings(*patterns): the test expects log records at WARNING or above; each "
        "pattern (a regular expression) must match at least one record and every record must "
        "match a pattern (no patterns: any warnings, which the test then asserts itself)",
    )


@pytest.fixture(autouse=True)
def no_unexpected_warnings(request: pytest.FixtureRequest, caplog: pytest.LogCaptureFixture):
    """Fail a test whose code logs at WARNING or above without expecting it.

    Like WeasyPrint's ``assert_no_logs``: a warning nobody asked for is a bug or a missing
    assertion. Tests that expect warnings say so with ``@pytest.mark.expect_warnings(...)``.
    Records from the test's setup (fixtures) and call both count.
    """
    yield
    records = [
        r
        for when in ("setup", "call")
        for r in caplog.get_records(when)
        if r.levelno >= logging.WARNING
    ]
    marker = request.node.get_closest_marker("expect_warnings")
    problems = log_problems(records, None if marker is None else marker.args)
    if problems:
        pytest.fail("unexpected log records:\n  " + "\n  ".join(problems), pytrace=False)


def log_problems(records: list[logging.LogRecord], expected: tuple[str, ...] | None) -> list[str]:
    """What is wrong with the WARNING+ ``records`` of a test that expects ``expected``.

    ``None``: no warnings expected. ``()``: any (the test asserts them). Patterns: each must
    match a record and every record must match one.
    """
    if expected == ():
        return []
    patterns = [re.compile(p) for p in expected or ()]
    unexpected = [r for r in records if not any(p.search(r.getMessage()) for p in patterns)]
    missing = [p.pattern for p in patterns if not any(p.search(r.getMessage()) for r in records)]
    return [f"{r.levelname} {r.name}: {r.getMessage()}" for r in unexpected] + [
        f"expected a warning matching {p!r}, none was logged" for p in missing
    ]


@contextlib.contextmanager
def captured_log(name: str, level: int = logging.WARNING) -> Iterator[list[str]]:
    """Collect logger ``name``'s messages at ``level``+ without passing them on, for a fixture
    wider than one test that asserts its own expected warnings."""
    logger = logging.getLogger(name)
    said: list[str] = []
    handler = logging.Handler(level)
    handler.emit = lambda record: said.append(record.getMessage())  # type: ignore[method-assign]
    logger.addHandler(handler)
    propagate, logger.propagate = logger.propagate, False
    try:
        yield said
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate
