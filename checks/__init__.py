"""The checks stage: reading level, plain language, citations and headings, like a linter.

``run_checks(doc, config)`` returns a ``Report``; ``checks.formats`` writes reports as
text, JSON, SARIF, JUnit or GitHub annotations; ``checks.registry`` lists the rules.

Names are loaded on first use, so reading a report (``checks.report``) does not load the
engine, the rules and their word table.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from plainprint.checks.engine import run_checks
    from plainprint.checks.finding import Finding, Location, Suggestion
    from plainprint.checks.report import SCHEMA, Report

_WHERE = {
    "run_checks": "plainprint.checks.engine",
    "Finding": "plainprint.checks.finding",
    "Location": "plainprint.checks.finding",
    "Suggestion": "plainprint.checks.finding",
    "SCHEMA": "plainprint.checks.report",
    "Report": "plainprint.checks.report",
}


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(_WHERE[name]), name)
    globals()[name] = value
    return value


__all__ = ["SCHEMA", "Finding", "Location", "Report", "Suggestion", "run_checks"]
