"""Rule families; importing this package registers every rule (see ``checks.registry``)."""

from . import citations, headings, plain, reading, suppressions  # noqa: F401
