"""The report for one document and its JSON form (schema ``plainprint-report/1``).

The JSON Schema is ``checks/data/report.schema.json``; the schema string changes its
number only when a field is removed or changes meaning.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from plainprint.checks.finding import SEVERITY_RANK, Finding

SCHEMA = "plainprint-report/1"


@dataclass
class Report:
    source: str
    title: str
    language: str
    formula: str
    grade: float | None
    indicative: bool
    target: float
    fail_on: str
    scores: dict[str, float | None]
    counts: dict[str, Any]
    sections: list[dict[str, Any]]
    paragraphs: list[dict[str, Any]]
    sentences: list[dict[str, Any]]
    findings: list[Finding]
    suppressed: list[Finding] = field(default_factory=list)
    today: str = ""
    language_detected: bool = False
    notes: list[dict[str, Any]] = field(default_factory=list)

    def refresh(self) -> None:
        """Move findings marked as suppressed (inline or baseline) out of ``findings``."""
        self.suppressed += [f for f in self.findings if f.suppressed]
        self.findings = [f for f in self.findings if not f.suppressed]

    def failing(self, fail_on: str | None = None) -> list[Finding]:
        level = fail_on or self.fail_on
        if level == "never":
            return []
        rank = SEVERITY_RANK[level]
        return [f for f in self.findings if SEVERITY_RANK[f.severity] >= rank]

    @property
    def passed(self) -> bool:
        return not self.failing()

    def summary(self) -> dict[str, int]:
        out = {"error": 0, "warning": 0, "suggestion": 0}
        for f in self.findings:
            out[f.severity] += 1
        return out

    def _bands(self) -> dict[str, Any]:
        if "inflesz" not in self.scores:
            return {}
        from plainprint.checks.analysis.lang.es.formulas import inflesz_band

        return {"bands": {"inflesz": inflesz_band(self.scores["inflesz"])}}

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "source": self.source,
            "title": self.title,
            "language": self.language,
            "language_detected": self.language_detected,
            "notes": list(self.notes),
            "formula": self.formula,
            "grade": self.grade,
            "grade_indicative": self.indicative,
            "target": self.target,
            "grade_within_target": self.grade is not None and self.grade <= self.target,
            "fail_on": self.fail_on,
            "passed": self.passed,
            "build_date": self.today,
            "scores": dict(self.scores),
            **self._bands(),
            "counts": dict(self.counts),
            "summary": self.summary(),
            "sections": self.sections,
            "paragraphs": self.paragraphs,
            "sentences": self.sentences,
            "findings": [f.to_dict() for f in self.findings],
            "suppressed": [{**f.to_dict(), "reason": f.suppressed} for f in self.suppressed],
        }
