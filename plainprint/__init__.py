"""plainprint: accessible, plain-language handouts from scraped health articles.

The distribution's import packages live under this name so they cannot collide with another
project's ``pipeline`` or ``checks``: ``plainprint.pipeline`` (ingest, render, report, build,
the command line) and ``plainprint.checks`` (the linter and its text-analysis library). In the
repository they are the top-level ``pipeline/`` and ``checks/`` folders, linked here.
"""

__version__ = "0.1.0"
