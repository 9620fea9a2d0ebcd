"""Report writers: text (coloured on a terminal), JSON, SARIF 2.1.0, JUnit XML, GitHub.

Each takes a list of reports and returns a string, so the CLI can print it or write it
to a file. Output is deterministic: reports in input order, findings in document order.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from pathlib import Path
from urllib.parse import quote
from xml.etree import ElementTree as ET

from plainprint.checks.finding import SEVERITY_RANK, Finding
from plainprint.checks.registry import all_rules
from plainprint.checks.report import SCHEMA, Report
from plainprint.pipeline.config import DEFAULT_RULES_URL

FORMATS = ("text", "json", "sarif", "junit", "github")
TOOL = "plainprint"
# The published rule documentation (checks/RULES.md); `--rules-url` / checks.rules_url
# point SARIF's helpUri elsewhere, e.g. at a fork's own docs.


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
    """``path:line:column`` (as compilers print it), then the block and offsets."""
    loc = f.location
    path = report.source
    parts = [path]
    if loc.line is not None:
        parts.append(str(loc.line))
        if loc.column is not None:
            parts.append(str(loc.column))
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
        for note in r.notes:
            lines.append(c(_DIM, f"  note: {note['message']}"))
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


def sarif_uri(source: str, root: Path | None = None) -> str:
    """The source as a URI reference relative to ``root`` (the repository root), each path
    segment percent-encoded; a source outside ``root`` becomes an absolute ``file:`` URI."""
    path = Path(source)
    if root is not None:
        absolute = path if path.is_absolute() else Path.cwd() / path
        try:
            path = Path(absolute.resolve()).relative_to(root)
        except ValueError:
            return absolute.resolve().as_uri()
    elif path.is_absolute():
        return path.as_uri()
    return "/".join(quote(part, safe="") for part in path.as_posix().split("/"))


def _fingerprints(uri: str, findings: list[Finding]) -> list[str]:
    """One stable fingerprint per finding: file, rule, normalised excerpt (and reference)
    and the occurrence number of that combination, never a line, so a finding keeps its
    fingerprint when text above it moves."""
    seen: dict[str, int] = {}
    out = []
    for f in findings:
        excerpt = " ".join(f.location.excerpt.split()).casefold()
        key = "\x1f".join((uri, f.rule, excerpt, f.location.reference or ""))
        n = seen.get(key, 0)
        seen[key] = n + 1
        digest = hashlib.sha256(f"{key}\x1f{n}".encode()).hexdigest()[:32]
        out.append(f"{digest}:{n + 1}")
    return out


def _region(f: Finding) -> dict:
    """Every result has a region: the finding's line (1 for document-level findings without
    one) and, when the source gave a span, its columns."""
    loc = f.location
    region: dict = {"startLine": loc.line or 1}
    if loc.column is not None:
        region["startColumn"] = loc.column
        if loc.end_line is not None and loc.end_column is not None:
            region["endLine"] = loc.end_line
            region["endColumn"] = loc.end_column
    if loc.excerpt:
        region["snippet"] = {"text": loc.excerpt}
    return region


def _sarif_rule(r, rules_url: str) -> dict:
    url = f"{rules_url}#{r.code.lower()}"
    return {
        "id": r.code,
        "name": r.name,
        "shortDescription": {"text": r.summary},
        "fullDescription": {"text": r.rationale},
        "helpUri": url,
        "help": {
            "text": f"{r.summary} `plainprint rules {r.code}` explains it, with examples; "
            f"documentation: {url}",
            "markdown": f"{r.summary}\n\nRun `plainprint rules {r.code}` or read the "
            f"[rule documentation]({url}).",
        },
        "defaultConfiguration": {"level": _SARIF_LEVEL[r.severity]},
        "properties": {"tags": list(r.tags)},
    }


def to_sarif(
    reports: list[Report], *, root: Path | None = None, rules_url: str = DEFAULT_RULES_URL
) -> str:
    """SARIF 2.1.0 as code-scanning services read it: ``uri`` relative to ``root`` (the
    repository root), a region on every result, ``helpUri`` on every rule."""
    rules = all_rules()
    index = {r.code: i for i, r in enumerate(rules)}
    driver = {
        "name": TOOL,
        "version": _version(),
        "informationUri": rules_url,
        "rules": [_sarif_rule(r, rules_url) for r in rules],
    }
    results = []
    for rep in reports:
        uri = sarif_uri(rep.source, root)
        for f, fp in zip(rep.findings, _fingerprints(uri, rep.findings), strict=True):
            physical = {"artifactLocation": {"uri": uri}, "region": _region(f)}
            logical = [{"name": f.location.block_id or "document", "kind": "object",
                        "fullyQualifiedName": f.location.section or rep.title}]  # fmt: skip
            result = {
                "ruleId": f.rule,
                "ruleIndex": index.get(f.rule, -1),
                "level": _SARIF_LEVEL[f.severity],
                "message": {"text": f.message},
                "locations": [{"physicalLocation": physical, "logicalLocations": logical}],
                "partialFingerprints": {"plainprint/v2": fp},
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
            loc = f.location
            if loc.line is not None:
                props.append(f"line={loc.line}")
            if loc.column is not None:
                props.append(f"col={loc.column}")
                if loc.end_line is not None and loc.end_column is not None:
                    props.append(f"endLine={loc.end_line}")
                    props.append(f"endColumn={loc.end_column}")
            props.append(f"title={_gh_escape(f'{f.rule} {f.name}', True)}")
            msg = f.message + (f" (suggest: {f.suggestion.title})" if f.suggestion else "")
            lines.append(f"::{_GH_LEVEL[f.severity]} {','.join(props)}::{_gh_escape(msg)}")
    return "\n".join(lines) + ("\n" if lines else "")


def render(
    reports: list[Report],
    fmt: str,
    *,
    colour: bool = False,
    fail_on: str = "error",
    root: Path | None = None,
    rules_url: str = DEFAULT_RULES_URL,
) -> str:
    if fmt == "text":
        return to_text(reports, colour=colour)
    if fmt == "json":
        return to_json(reports)
    if fmt == "sarif":
        return to_sarif(reports, root=root, rules_url=rules_url)
    if fmt == "junit":
        return to_junit(reports, fail_on=fail_on)
    if fmt == "github":
        return to_github(reports)
    raise ValueError(f"unknown format {fmt!r}")
