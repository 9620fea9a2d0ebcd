"""Findings: what a rule reports, with a location a person (or an editor) can find."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SEVERITIES = ("error", "warning", "suggestion")
SEVERITY_RANK = {"error": 3, "warning": 2, "suggestion": 1}


@dataclass(frozen=True, slots=True)
class Location:
    """Where a finding is. ``start``/``end`` index ``plain_text(content)`` of the block
    (of the list item when ``item`` is set); ``line`` is the source line for text and
    Markdown sources; ``reference`` is the reference key for citation-list findings.

    ``column``, ``end_line`` and ``end_column`` (1-based, end exclusive, in code points) are
    the span in the source file, set by ``checks.positions`` when the command can read a
    ``.md`` or ``.txt`` source; checks themselves never read files."""

    block_id: str | None = None
    section: str = ""
    excerpt: str = ""
    start: int | None = None
    end: int | None = None
    line: int | None = None
    item: int | None = None
    reference: str | None = None
    column: int | None = None
    end_line: int | None = None
    end_column: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "block_id": self.block_id,
            "section": self.section,
            "excerpt": self.excerpt,
            "start": self.start,
            "end": self.end,
            "line": self.line,
            "item": self.item,
            "reference": self.reference,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
        }


@dataclass(frozen=True, slots=True)
class Suggestion:
    title: str
    replacement: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"title": self.title, "replacement": self.replacement}


@dataclass(slots=True)
class Finding:
    rule: str
    name: str
    severity: str
    message: str
    location: Location = field(default_factory=Location)
    suggestion: Suggestion | None = None
    suppressed: str | None = None  # "inline: reason" | "baseline"

    def sort_key(self, order: dict[str | None, int]) -> tuple:
        loc = self.location
        return (
            order.get(loc.block_id, -1 if loc.block_id is None else 10**6),
            loc.item if loc.item is not None else -1,
            loc.start if loc.start is not None else -1,
            self.rule,
            loc.reference or "",
            self.message,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "name": self.name,
            "severity": self.severity,
            "message": self.message,
            "location": self.location.to_dict(),
            "suggestion": self.suggestion.to_dict() if self.suggestion else None,
            "url": f"checks/RULES.md#{self.rule.lower()}",
        }
