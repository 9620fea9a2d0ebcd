"""Rule families; importing this package registers every rule (see ``checks.registry``)."""

from . import citations, headings, plain, reading, spanish, suppressions  # noqa: F401
