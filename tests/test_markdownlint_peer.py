"""Peer conformance (issue 17, point 6): markdownlint's own heading fixtures, vendored in
tests/fixtures/markdownlint/ (MIT, see its LICENSE and README), run through plainprint's real
Markdown reader and heading rules. A ``{MD001}`` marker on a line (or ``{MD024:5}`` anywhere)
means markdownlint reports that rule on that line; where the two tools' rules mean the same
thing, plainprint must find the marked lines and flag nothing else.

The tables below are the contract: which rules are compared, and every deliberate scope
difference with the fixture lines it excludes and why (README, "Heading rules and markdownlint").
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from plainprint.checks import run_checks
from plainprint.pipeline.config import Config
from plainprint.pipeline.ingest.markdown import parse_markdown

FIXTURES = Path(__file__).parent / "fixtures" / "markdownlint"
THRESHOLD = 0.95

# markdownlint rule -> (plainprint rule, markdownlint's aliases for it in fixture config).
PAIRS = {
    "MD001": ("HD003", ("heading-increment", "header-increment")),
    "MD024": ("HD005", ("no-duplicate-heading", "no-duplicate-header")),
    "MD025": ("HD002", ("single-title", "single-h1")),
    "MD036": ("HD007", ("no-emphasis-as-heading", "no-emphasis-as-header")),
    "MD041": ("HD001", ("first-line-heading", "first-line-h1")),
}
# HD001 is about the whole document ("no H1"): compared once per file, not per line.
DOCUMENT_LEVEL = {"MD041"}
# Options under which markdownlint's rule means what plainprint's does (HD005: siblings only).
AGREEING_OPTIONS = {"MD024": {"siblings_only": True, "allow_different_nesting": True}}

# markdownlint heading rules with no plainprint counterpart: they lint Markdown spelling, which
# plainprint's reader normalises (CommonMark decides what is a heading), not handout structure.
UNMAPPED = {
    "MD002": "first heading h1 (deprecated upstream; HD001 asks for an H1 anywhere)",
    "MD003": "heading style (atx / setext): spelling, not structure",
    "MD018": "no space after '#': CommonMark reads the line as a paragraph, so does plainprint",
    "MD019": "spaces after '#': spelling",
    "MD020": "closed-atx spacing: spelling",
    "MD021": "closed-atx spacing: spelling",
    "MD022": "blank lines around headings: spelling",
    "MD023": "indented heading: spelling; the reader still reads it as a heading",
    "MD026": "trailing punctuation in headings: style",
    "MD043": "required outline: plainprint has no per-template outline",
}

# Deliberate scope differences: (fixture, markdownlint rule, line) -> why it is left out.
EXCLUDED_LINES = {
    ("heading_duplicate_content.md", "MD024", 5): (
        "MD024 by default compares every heading; '## Heading 1' repeats the H1 that is its "
        "parent, not a sibling (HD005 compares siblings only, as MD024 siblings_only)"
    ),
    ("heading_duplicate_content.md", "MD024", 7): (
        "'### Heading 2' repeats '## Heading 2' one level up: not a sibling (HD005)"
    ),
}
# Fixtures that switch a mapped rule off or give it options plainprint has no equivalent of
# (read from their markdownlint-configure-file / -disable-file comments; checked below).
CONFIGURED = {
    ("MD001-MD010.md", "MD041"): "MD041 switched off by the fixture (HD001 fires: no H1)",
    ("alternate_top_level_heading.md", "MD025"): "MD025 level 2: h2 taken as the title level",
    ("alternate_top_level_heading.md", "MD041"): "MD041 level 2: h2 taken as the title level",
    ("emoji-headings.md", "MD025"): "MD025 disabled for the file (it has four H1s)",
}

_MARKER = re.compile(r"\{(MD\d{3})(?::(\d+))?\}")
_CONFIGURE = re.compile(r"<!--\s*markdownlint-configure-file\s*(\{.*?\})\s*-->", re.S)
_DISABLE = re.compile(r"<!--\s*markdownlint-disable-file\s+([^>]*?)\s*-->")


def fixtures() -> list[Path]:
    return sorted(p for p in FIXTURES.glob("*.md") if p.name != "README.md")


def markers(text: str) -> set[tuple[str, int]]:
    """``{MDnnn}`` marks its own line; ``{MDnnn:N}`` marks line N."""
    found = set()
    for number, line in enumerate(text.split("\n"), 1):
        for m in _MARKER.finditer(line):
            found.add((m[1], int(m[2]) if m[2] else number))
    return found


def configured(text: str) -> set[str]:
    """Mapped rules the fixture disables or configures differently from plainprint's scope."""
    out = set()
    settings: dict = {}
    for block in _CONFIGURE.findall(text):
        settings.update(json.loads(block))
    disabled = {n for m in _DISABLE.findall(text) for n in m.split()}
    for code, (_, aliases) in PAIRS.items():
        names = {code, *aliases}
        if names & disabled:
            out.add(code)
        for key, value in settings.items():
            if key not in names:
                continue
            agree = AGREEING_OPTIONS.get(code, {})
            if value is False or (
                isinstance(value, dict) and any(agree.get(k) != v for k, v in value.items())
            ):
                out.add(code)
    return out


def plainprint_hits(path: Path, text: str) -> set[tuple[str, int]]:
    doc = parse_markdown(text, path)
    hd = {hd for hd, _ in PAIRS.values()}
    return {
        (f.rule, f.location.line or 0) for f in run_checks(doc, Config()).findings if f.rule in hd
    }


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0


def compare() -> tuple[dict[str, Score], set, set[tuple[str, str]]]:
    """Score every mapped pair over every fixture; also return which excluded lines really
    disagree and which (fixture, rule) pairs the fixtures configure out of scope."""
    scores = {md: Score() for md in PAIRS}
    disagreeing: set[tuple[str, str, int]] = set()
    config_out: set[tuple[str, str]] = set()
    for path in fixtures():
        text = path.read_text(encoding="utf-8")
        marks, hits = markers(text), plainprint_hits(path, text)
        off = configured(text)
        config_out |= {(path.name, code) for code in off}
        for md, (hd, _) in PAIRS.items():
            if md in off:
                continue
            want = {line for rule, line in marks if rule == md}
            got = {line for rule, line in hits if rule == hd}
            if md in DOCUMENT_LEVEL:
                want, got = ({0} if want else set()), ({0} if got else set())
            for line in want ^ got:
                if (path.name, md, line) in EXCLUDED_LINES:
                    disagreeing.add((path.name, md, line))
            skip = {line for name, rule, line in EXCLUDED_LINES if (name, rule) == (path.name, md)}
            want, got = want - skip, got - skip
            s = scores[md]
            s.tp += len(want & got)
            s.fn += len(want - got)
            s.fp += len(got - want)
            s.misses += [f"FN {path.name}:{n} {md}/{hd}" for n in sorted(want - got)]
            s.misses += [f"FP {path.name}:{n} {md}/{hd}" for n in sorted(got - want)]
    return scores, disagreeing, config_out


def table(scores: dict[str, Score]) -> str:
    rows = ["rule pair      TP  FP  FN  recall  precision"]
    for md, s in scores.items():
        rows.append(
            f"{md}/{PAIRS[md][0]}  {s.tp:3d} {s.fp:3d} {s.fn:3d}  {s.recall:6.2f}  {s.precision:9.2f}"
        )
    rows += [m for s in scores.values() for m in s.misses]
    return "\n".join(rows)


def test_vendored_fixtures_carry_their_licence_and_source():
    assert "MIT License" in (FIXTURES / "LICENSE").read_text(encoding="utf-8")
    readme = (FIXTURES / "README.md").read_text(encoding="utf-8")
    for path in fixtures():
        assert f"`{path.name}`" in readme, f"{path.name} has no provenance line in README.md"


def test_every_mapped_rule_has_marked_fixture_lines():
    seen = {rule for p in fixtures() for rule, _ in markers(p.read_text(encoding="utf-8"))}
    assert set(PAIRS) <= seen
    assert not set(PAIRS) & set(UNMAPPED)


def test_peer_table_recall_and_precision():
    scores, _, _ = compare()
    report = table(scores)
    print("\n" + report)
    for md, s in scores.items():
        assert s.tp + s.fn > 0, f"{md}: no marked line in scope\n{report}"
        assert s.recall >= THRESHOLD and s.precision >= THRESHOLD, f"{md}\n{report}"


def test_deliberate_differences_are_real_and_current():
    """Every excluded line is one where the tools really differ, and the configured-out pairs
    are exactly what the fixtures' own configuration comments say, so the table cannot rot."""
    _, disagreeing, config_out = compare()
    assert set(EXCLUDED_LINES) == disagreeing
    assert set(CONFIGURED) == config_out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("# A {MD025}\n", {("MD025", 1)}),
        ("x\n\n{MD024:1} {MD001:3}", {("MD024", 1), ("MD001", 3)}),
        ("no markers {MD1}\n", set()),
    ],
)
def test_markers_are_read_as_markdownlint_writes_them(text, expected):
    assert markers(text) == expected


@pytest.mark.parametrize(
    ("comment", "expected"),
    [
        ('<!-- markdownlint-configure-file {"MD041": false} -->', {"MD041"}),
        ('<!-- markdownlint-configure-file {"single-h1": {"level": 2}} -->', {"MD025"}),
        ('<!-- markdownlint-configure-file {"MD024": {"siblings_only": true}} -->', set()),
        ('<!-- markdownlint-configure-file {"MD024": {"siblings_only": false}} -->', {"MD024"}),
        ("<!-- markdownlint-disable-file MD025 no-inline-html -->", {"MD025"}),
        ("<!-- markdownlint-disable-file no-inline-html -->", set()),
    ],
)
def test_fixture_configuration_is_read(comment, expected):
    assert configured(f"# A\n\n{comment}\n") == expected
