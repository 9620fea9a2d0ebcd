"""Inline suppressions in Markdown sources, and the baseline file.

Inline (Markdown sources only; Markdown ingest reads the comments into
``Document.suppressions`` and drops them from the text, so they never print and the checks
never re-read the source). A reason after `` -- `` is required:

    <!-- plainprint-disable PL006,PL013 -- the audience are oncology nurses -->
    …findings in blocks starting on these lines are suppressed…
    <!-- plainprint-enable PL006,PL013 -->

    <!-- plainprint-disable-next-line PL001 -- quoted from the consent form -->
    (the block starting on the next non-blank line)

    <!-- plainprint-disable-file RL001 -- a clinician handout, not for patients -->

Rules are codes, names or family prefixes (``PL``). A comment without a reason suppresses
nothing and is itself reported (CK001).

Baseline: ``--write-baseline FILE`` records today's findings by fingerprint (rule, source,
section, excerpt — not offsets, so edits elsewhere do not invalidate it); ``--baseline
FILE`` then accepts those findings (each fingerprint as many times as it was recorded) and
only new ones count.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from plainprint.checks.finding import Finding
from plainprint.pipeline.document.nodes import Suppression
from plainprint.pipeline.errors import PlainprintError

BASELINE_SCHEMA = "plainprint-baseline/1"


def bad_directives(directives: tuple[Suppression, ...]) -> list[tuple[int, str]]:
    """(line, comment) of the suppressions that give no reason: they suppress nothing."""
    return [(d.line or 0, d.text) for d in directives if d.kind != "enable" and not d.reason]


def _matches(rules: tuple[str, ...], finding: Finding) -> bool:
    if not rules:
        return True
    return any(r in (finding.rule, finding.name) or finding.rule.startswith(r) for r in rules)


def apply_inline(
    findings: list[Finding], directives: tuple[Suppression, ...]
) -> list[tuple[int, str]]:
    """Mark suppressed findings; return (line, comment) of comments that lack a reason."""
    bad = bad_directives(directives)
    valid = [d for d in directives if d.kind == "enable" or d.reason]
    for f in findings:
        line = f.location.line
        for d in valid:
            if d.kind == "disable-file" and _matches(d.rules, f):
                f.suppressed = f"inline: {d.reason}"
        if line is None or f.suppressed:
            continue
        active: dict[str, Suppression] = {}
        for d in valid:
            if d.line is None or d.line > line:
                continue
            if d.kind == "disable":
                active[" ".join(d.rules)] = d
            elif d.kind == "enable":
                for key, a in list(active.items()):
                    if not d.rules or set(a.rules) <= set(d.rules):
                        del active[key]
            elif d.kind == "disable-next-line" and d.target == line and _matches(d.rules, f):
                f.suppressed = f"inline: {d.reason}"
        for a in active.values():
            if _matches(a.rules, f):
                f.suppressed = f"inline: {a.reason}"
    return bad


def fingerprint(source: str, f: Finding) -> str:
    excerpt = " ".join(f.location.excerpt.split()).lower()
    key = "\x1f".join(
        (Path(source).name, f.rule, f.location.section, excerpt, f.location.reference or "")
    )
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


def baseline_dict(reports) -> dict:
    entries: dict[str, list[dict[str, str]]] = {}
    for report in reports:
        rows = [
            {"rule": f.rule, "fingerprint": fingerprint(report.source, f), "message": f.message}
            for f in report.findings
        ]
        entries[Path(report.source).name] = sorted(
            rows, key=lambda r: (r["rule"], r["fingerprint"])
        )
    return {"schema": BASELINE_SCHEMA, "findings": dict(sorted(entries.items()))}


def load_baseline(path: str | Path) -> dict[str, list[str]]:
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PlainprintError(
            path, "baseline file not found", "create it with --write-baseline"
        ) from None
    except ValueError as exc:
        raise PlainprintError(path, f"baseline is not JSON ({exc})") from None
    if not isinstance(data, dict) or data.get("schema") != BASELINE_SCHEMA:
        raise PlainprintError(
            path, f"not a {BASELINE_SCHEMA} file", "recreate it with --write-baseline"
        )
    return {src: [r["fingerprint"] for r in rows] for src, rows in data.get("findings", {}).items()}


def apply_baseline(report, baseline: dict[str, list[str]]) -> None:
    remaining = list(baseline.get(Path(report.source).name, []))
    for f in report.findings:
        fp = fingerprint(report.source, f)
        if fp in remaining:
            remaining.remove(fp)
            f.suppressed = "baseline"
    report.refresh()
