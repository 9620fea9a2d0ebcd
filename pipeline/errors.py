"""One error hierarchy; each error names the file, what is wrong and what to do.

The CLI catches ``PlainprintError``, prints ``str(error)`` as one line and exits 2.
"""

from __future__ import annotations

from pathlib import Path


class PlainprintError(Exception):
    """A problem with the user's input or configuration (exit code 2)."""

    exit_code = 2

    def __init__(self, path: str | Path | None, problem: str, hint: str = "") -> None:
        self.path = str(path) if path is not None else None
        self.problem = problem
        self.hint = hint
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.path}: " if self.path else ""
        tail = f" ({self.hint})" if self.hint else ""
        return f"{where}{self.problem}{tail}"


class IngestError(PlainprintError):
    """The source cannot be read as an article."""


class ConfigError(PlainprintError):
    """The configuration file is malformed or names an unknown key."""


class RenderError(PlainprintError):
    """The document cannot be rendered (for example, a PDF/UA requirement is missing)."""
