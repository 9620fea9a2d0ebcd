"""Render warnings grouped: one line per source per kind, with a count and the first examples.

A scraped page can miss forty images or print seven hundred characters no font covers;
one line per occurrence buries the one line that matters. Inside :func:`grouped` warnings
are collected (the PDF and the HTML handout of one source meet the same missing images, so
identical examples count once) and logged when the outermost block ends. A batch renders the
screen and print PDFs of a source in separate steps; a line already said in this process is
not said again.
"""

from __future__ import annotations

import contextvars
import logging
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

LOG = logging.getLogger("plainprint.render")
EXAMPLES = 3
IMAGE, TABLE, FONT, OTHER = "image", "table", "font", "weasyprint"
_SAID: dict[str, None] = {}  # lines logged by this process, oldest first (bounded)
MAX_SAID = 10_000
_ACTIVE: contextvars.ContextVar[Grouped | None] = contextvars.ContextVar(
    "plainprint_warnings", default=None
)


def script_of(char: str) -> str:
    """A readable name for the script of ``char`` ("Hangul", "Arabic", "Cjk")."""
    try:
        return unicodedata.name(char).split()[0].title()
    except ValueError:
        return f"U+{ord(char):04X}"


def _describe(kind: str, examples: list[str]) -> str:
    n = len(examples)
    shown = ", ".join(examples[:EXAMPLES]) + (", …" if n > EXAMPLES else "")
    if kind == IMAGE:
        return f"{n} image{'s' if n != 1 else ''} left out or shown as text: {shown}"
    if kind == TABLE:
        return f"{n} table{'s' if n != 1 else ''} without headers shown as layout: {shown}"
    if kind == FONT:
        scripts = ", ".join(dict.fromkeys(script_of(c) for c in examples))
        return (
            f"no packaged font for {scripts} text ({n} different character{'s' if n != 1 else ''}, "
            f"e.g. {shown}); it prints as empty boxes"
        )
    return f"{n} WeasyPrint warning{'s' if n != 1 else ''}: {shown}"


@dataclass
class Grouped:
    items: dict[tuple[str, str], list[str]] = field(default_factory=dict)

    def add(self, source: str, kind: str, example: str) -> None:
        examples = self.items.setdefault((source, kind), [])
        if example not in examples:
            examples.append(example)

    def lines(self) -> list[str]:
        return [f"{source}: {_describe(kind, ex)}" for (source, kind), ex in self.items.items()]


@contextmanager
def grouped() -> Iterator[Grouped]:
    """Collect warnings until the outermost block ends, then log one line per source and kind."""
    active = _ACTIVE.get()
    if active is not None:
        yield active
        return
    group = Grouped()
    token = _ACTIVE.set(group)
    try:
        yield group
    finally:
        _ACTIVE.reset(token)
        for line in group.lines():
            if line in _SAID:
                continue
            _SAID[line] = None
            if len(_SAID) > MAX_SAID:
                del _SAID[next(iter(_SAID))]
            LOG.warning("%s", line)


def warn(source: str, kind: str, example: str) -> None:
    with grouped() as group:
        group.add(source, kind, example)
