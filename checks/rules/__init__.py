"""Rule families; importing this package registers every rule (see ``checks.registry``)."""

from plainprint.checks.rules import citations, headings, plain, reading, spanish, suppressions  # noqa: F401
