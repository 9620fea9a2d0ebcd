"""The checks stage: reading level, plain language, citations and headings, like a linter.

``run_checks(doc, config)`` returns a ``Report``; ``checks.formats`` writes reports as
text, JSON, SARIF, JUnit or GitHub annotations; ``checks.registry`` lists the rules.
"""

from plainprint.checks.engine import run_checks
from plainprint.checks.finding import Finding, Location, Suggestion
from plainprint.checks.report import SCHEMA, Report

__all__ = ["SCHEMA", "Finding", "Location", "Report", "Suggestion", "run_checks"]
