"""Report writers: text (coloured on a terminal), JSON, SARIF 2.1.0, JUnit XML, GitHub.

Each takes a list of reports and returns a string, so the CLI can print it or write it
to a file. Output is deterministic: reports in input order, findings in document order.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from xml.etree import ElementTree as ET

from .finding import SEVERITY_RANK, Finding
from .registry import all_rules
from .report import SCHEMA, Report

FORMATS = ("text", "json", "sarif", "junit", "github")
TOOL = "plainprint"
# Rule docs ship with the project; links are relative to the repository root.
RULES_DOC = "checks/RULES.md"


def _version() -> str:
    from importlib import metadata

    try:
        return metadata.version("plainprint")
    except metadata.PackageNotFoundError:  # pragma: no cover - running from a checkout
        return "0+unknown"


def _rel(path: str) -> str:
    """A path relative to the working folder when it lies inside it (for CI annotations)."""
    p = Path(path)
    if p.is_absolute():
        with contextlib.suppress(ValueError):
            p = p.relative_to(Path.cwd())
    return p.as_posix()


def _where(report: Report, f: Finding) -> str:
    loc = f.location
    path = report.source
    parts = [path]
    if loc.line is not None:
        parts.append(str(loc.line))
    head = ":".join(parts)
    if loc.block_id:
        span = f":{loc.start}-{loc.end}" if loc.start is not None else ""
        item = f"[{loc.item}]" if loc.item is not None else ""
        head += f" {loc.block_id}{item}{span}"
    if loc.reference:
        head += f" ref {loc.reference}"
    return head


_COLOURS = {"error": "\033[31m", "warning": "\033[33m", "suggestion": "\033[36m"}
_BOLD, _DIM, _RESET = "\033[1m", "\033[2m", "\033[0m"


def to_text(reports: list[Report], *, colour: bool = False) -> str:
    def c(code: str, s: str) -> str:
        return f"{code}{s}{_RESET}" if colour else s

    lines = []
    totals = {"error": 0, "warning": 0, "suggestion": 0}
    for r in reports:
        grade = "n/a" if r.grade is None else f"{r.grade:.1f}"
        flag = " (indicative)" if r.indicative else ""
        ok = r.grade is not None and r.grade <= r.target
        verdict = c("\033[32m", "within target") if ok else c(_COLOURS["error"], "above target")
        lines.append(c(_BOLD, f"{r.source}: {r.title}"))
        lines.append(
            f"  grade {grade} {r.formula}{flag}, target {r.target:g}: {verdict}; "
            f"health_vocabulary {r.scores.get('health_vocabulary')}; "
            f"active sentences {r.counts.get('active_share')}"
        )
        for f in r.findings:
            sev = c(_COLOURS[f.severity], f"[{f.severity}]")
            line = f"  {_where(r, f)}: {c(_BOLD, f.rule)} {sev} {f.message}"
            if f.suggestion:
                line += c(_DIM, f" (suggest: {f.suggestion.title})")
            lines.append(line)
            totals[f.severity] += 1
        if r.suppressed:
            lines.append(c(_DIM, f"  {len(r.suppressed)} finding(s) suppressed"))
    lines.append(
        f"{len(reports)} document(s): {totals['error']} error(s), {totals['warning']} "
        f"warning(s), {totals['suggestion']} suggestion(s)"
    )
    return "\n".join(lines) + "\n"


def to_json(reports: list[Report]) -> str:
    data = {
        "schema": SCHEMA,
        "tool": {"name": TOOL, "version": _version()},
        "documents": [r.to_dict() for r in reports],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


_SARIF_LEVEL = {"error": "error", "warning": "warning", "suggestion": "note"}


def to_sarif(reports: list[Report]) -> str:
    rules = all_rules()
    index = {r.code: i for i, r in enumerate(rules)}
    driver = {
        "name": TOOL,
        "version": _version(),
        "rules": [
            {
                "id": r.code,
                "name": r.name,
                "shortDescription": {"text": r.summary},
                "fullDescription": {"text": r.rationale},
                "help": {"text": f"{r.summary} See {RULES_DOC}#{r.code.lower()}."},
                "defaultConfiguration": {"level": _SARIF_LEVEL[r.severity]},
                "properties": {"tags": list(r.tags)},
            }
            for r in rules
        ],
    }
    from .suppress import fingerprint

    results = []
    for rep in reports:
        for f in rep.findings:
            region: dict = {}
            if f.location.line is not None:
                region["startLine"] = f.location.line
            if f.location.excerpt:
                region["snippet"] = {"text": f.location.excerpt}
            physical: dict = {"artifactLocation": {"uri": _rel(rep.source)}}
            if region.get("startLine"):
                physical["region"] = region
            logical = [{"name": f.location.block_id or "document", "kind": "object",
                        "fullyQualifiedName": f.location.section or rep.title}]  # fmt: skip
            result = {
                "ruleId": f.rule,
                "ruleIndex": index.get(f.rule, -1),
                "level": _SARIF_LEVEL[f.severity],
                "message": {"text": f.message},
                "locations": [{"physicalLocation": physical, "logicalLocations": logical}],
                "partialFingerprints": {"plainprint/v1": fingerprint(rep.source, f)},
            }
            if f.location.start is not None:
                result["properties"] = {"start": f.location.start, "end": f.location.end}
            if f.suggestion:
                result["message"]["text"] += f" (suggest: {f.suggestion.title})"
            results.append(result)
    sarif = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {"tool": {"driver": driver}, "results": results, "columnKind": "unicodeCodePoints"}
        ],
    }
    return json.dumps(sarif, indent=2, ensure_ascii=False) + "\n"


def to_junit(reports: list[Report], *, fail_on: str = "error") -> str:
    """One test suite per document, one test case per enabled rule; findings at or above
    ``fail_on`` are failures, the rest are listed in ``system-out`` (JUnit has no warnings)."""
    root = ET.Element("testsuites", name=TOOL)
    rank = SEVERITY_RANK.get(fail_on, 99)
    total_tests = total_fail = 0
    for rep in reports:
        suite = ET.SubElement(root, "testsuite", name=rep.source)
        by_rule: dict[str, list[Finding]] = {}
        for f in rep.findings:
            by_rule.setdefault(f.rule, []).append(f)
        tests = failures = 0
        for r in all_rules():
            case = ET.SubElement(suite, "testcase", classname=rep.source, name=f"{r.code} {r.name}")
            tests += 1
            found = by_rule.get(r.code, [])
            failing = [f for f in found if SEVERITY_RANK[f.severity] >= rank]
            if failing:
                failures += 1
                fail = ET.SubElement(case, "failure", type=r.code,
                                     message=f"{len(failing)} finding(s): {failing[0].message}")  # fmt: skip
                fail.text = "\n".join(f"{_where(rep, f)}: {f.message}" for f in failing)
            rest = [f for f in found if f not in failing]
            if rest:
                out = ET.SubElement(case, "system-out")
                out.text = "\n".join(f"{_where(rep, f)}: [{f.severity}] {f.message}" for f in rest)
        suite.set("tests", str(tests))
        suite.set("failures", str(failures))
        suite.set("errors", "0")
        total_tests += tests
        total_fail += failures
    root.set("tests", str(total_tests))
    root.set("failures", str(total_fail))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _gh_escape(s: str, prop: bool = False) -> str:
    s = s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        s = s.replace(":", "%3A").replace(",", "%2C")
    return s


_GH_LEVEL = {"error": "error", "warning": "warning", "suggestion": "notice"}


def to_github(reports: list[Report]) -> str:
    """GitHub Actions workflow commands (``::error file=…,line=…,title=…::message``)."""
    lines = []
    for rep in reports:
        for f in rep.findings:
            props = [f"file={_gh_escape(_rel(rep.source), True)}"]
            if f.location.line is not None:
                props.append(f"line={f.location.line}")
            props.append(f"title={_gh_escape(f'{f.rule} {f.name}', True)}")
            msg = f.message + (f" (suggest: {f.suggestion.title})" if f.suggestion else "")
            lines.append(f"::{_GH_LEVEL[f.severity]} {','.join(props)}::{_gh_escape(msg)}")
    return "\n".join(lines) + ("\n" if lines else "")


def render(reports: list[Report], fmt: str, *, colour: bool = False, fail_on: str = "error") -> str:
    if fmt == "text":
        return to_text(reports, colour=colour)
    if fmt == "json":
        return to_json(reports)
    if fmt == "sarif":
        return to_sarif(reports)
    if fmt == "junit":
        return to_junit(reports, fail_on=fail_on)
    if fmt == "github":
        return to_github(reports)
    raise ValueError(f"unknown format {fmt!r}")
