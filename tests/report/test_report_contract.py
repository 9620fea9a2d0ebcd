"""The typed Report contract (issue 12, point 2): lossless JSON, schema, and nobody downstream
segments text or counts findings again; `make check` reads the reports the build wrote."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import pytest

from plainprint.checks import run_checks
from plainprint.checks.report import SCHEMA, Report, ReportError, ReportHead
from plainprint.pipeline.cli import main
from plainprint.pipeline.config import Config
from plainprint.pipeline.ingest import ingest_bytes, ingest_path
from tests.conftest import ROOT, SEED

FIXTURES = ROOT / "tests" / "fixtures"
SCHEMA_FILE = ROOT / "checks" / "data" / "report.schema.json"
PT = "---\ntitle: Pressão alta\nlang: pt\n---\n# Pressão alta\n\nA pressão alta é comum.\n"


def _doc(kind: str):
    if kind == "seed":
        return ingest_path(SEED)
    if kind == "spanish":
        return ingest_path(FIXTURES / "es" / "presion-alta.md")
    if kind == "suppressed":
        return ingest_path(FIXTURES / "checks" / "suppressed.md")
    return ingest_bytes(PT.encode(), Path("pt.md"))  # no rules for Portuguese: a note


@pytest.fixture(scope="module", params=["seed", "spanish", "suppressed", "portuguese"])
def report(request) -> Report:
    return run_checks(_doc(request.param), Config())


def test_round_trip_is_lossless(report):
    data = report.to_dict()
    again = Report.from_dict(json.loads(json.dumps(data)))
    assert again == report
    assert json.dumps(again.to_dict(), ensure_ascii=False) == json.dumps(data, ensure_ascii=False)


def test_report_validates_against_its_schema(report):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.validate(report.to_dict(), schema)
    assert schema["$defs"]["document"]["properties"]["schema"]["const"] == SCHEMA


def test_views_agree_with_the_report(report):
    assert report.summary().total == len(report.findings)
    assert sum(report.difficulty_counts().values()) == len(report.sentences)
    by_unit = report.sentences_by_unit()
    assert sum(map(len, by_unit.values())) == len(report.sentences)
    assert {p.key for p in report.paragraphs} >= set(by_unit)
    assert all(p.syllables >= 3 and p.count >= 1 for p in report.polysyllables)
    head = ReportHead.from_dict(report.to_dict())
    assert (head.grade, head.passed, head.summary) == (
        report.grade,
        report.passed,
        report.summary(),
    )


def test_the_seed_has_typed_facts_the_editor_needs():
    report = run_checks(ingest_path(SEED), Config())
    assert report.summary().total > 0 and report.summary()["error"] == report.summary().error
    assert report.difficulty_counts()["hard"] > 0
    assert report.polysyllables[0].count >= report.polysyllables[-1].count
    listed = sum(p.count for p in report.polysyllables)  # numbers are counted, not listed
    assert 0 < listed <= report.counts.polysyllables
    assert not any(p.word[0].isdigit() for p in report.polysyllables)
    assert report.notes == []


def _seed_dict() -> dict:
    return run_checks(ingest_path(SEED), Config()).to_dict()


SEED_DICT = None


def _broken(path: str, value) -> dict:
    global SEED_DICT
    if SEED_DICT is None:
        SEED_DICT = _seed_dict()
    data = copy.deepcopy(SEED_DICT)
    *parents, last = path.split(".")
    node = data
    for key in parents:
        node = node[int(key)] if key.isdigit() else node[key]
    if value is KeyError:
        del node[last]
    else:
        node[last] = value
    return data


@pytest.mark.parametrize(
    ("path", "value", "named"),
    [
        ("schema", "plainprint-report/0", "schema"),
        ("grade", "8", "report.grade"),
        ("counts.words", KeyError, "'words'"),
        ("counts.words", 1.5, "counts.words"),
        ("sentences.0.difficulty", "easy", "report.sentences[0].difficulty"),
        ("sentences.0.start", None, "report.sentences[0].start"),
        ("findings.0.severity", "fatal", "report.findings[0].severity"),
        ("findings.0.location", "p1", "report.findings[0].location"),
        ("summary.error", 999, "report.summary"),
        ("sections", {}, "report.sections"),
        ("polysyllables", [{"word": "x"}], "report.polysyllables[0]"),
    ],
)
def test_a_broken_report_names_the_field(path, value, named):
    with pytest.raises(ReportError, match=re.escape(named)):
        Report.from_dict(_broken(path, value))


def test_a_report_from_before_polysyllables_still_reads():
    report = Report.from_dict(_broken("polysyllables", KeyError))
    assert report.polysyllables == []


# -- downstream reads the report; it never segments or counts findings again -----------------

DOWNSTREAM = [
    "pipeline/report/editor.py",
    "pipeline/report/highlight.py",
    "pipeline/report/pemat.py",
    "pipeline/report/chart.py",
    "pipeline/report/index.py",
    "pipeline/summary.py",
    "pipeline/build.py",
    "pipeline/commands/index.py",
    "checks/formats.py",
]
SEGMENTING = re.compile(
    r"\bprepare\(|analysis\.text import \(?[^)]*\bprepare\b|\bsplit_sentences\b|\bsegment\(|\bwords_in\("
)
COUNTING = re.compile(
    r"""\[\s*f(inding)?\s*\.severity\s*\]\s*\+=|\[\s*f(inding)?\[["']severity["']\]\s*\]"""
    r"""|get\(["']severity["']\)|Counter\([^)]*severity"""
)


@pytest.mark.parametrize("path", DOWNSTREAM)
def test_downstream_does_not_resegment_or_recount(path):
    text = (ROOT / path).read_text(encoding="utf-8")
    assert not SEGMENTING.search(text), f"{path} segments the text again"
    assert not COUNTING.search(text), f"{path} counts findings by severity itself"


def test_the_patterns_catch_what_they_forbid():
    assert SEGMENTING.search("from plainprint.checks.analysis.text import prepare")
    assert SEGMENTING.search("from plainprint.checks.analysis.text import (\n    HARD, prepare)")
    assert SEGMENTING.search("for unit in prepare(doc):")
    assert not SEGMENTING.search("from plainprint.checks.analysis.text import HARD_GRADE")
    assert COUNTING.search('counts[finding["severity"]] = counts.get(finding["severity"], 0) + 1')
    assert COUNTING.search("totals[f.severity] += 1")


# -- `check --from-reports`: what `make check` runs -------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Path]:
    from plainprint.pipeline.build import build_one
    from plainprint.pipeline.sources import resolve

    out = tmp_path_factory.mktemp("out")
    (source,) = resolve([SEED])
    outcome = build_one(source, out, Config(), stages=("document", "report"))
    assert outcome.ok, outcome.error
    return out, out / "documents" / f"{source.name}.json"


def _run(argv, capsys) -> tuple[int, str]:
    code = main(argv)
    return code, capsys.readouterr().out


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "junit", "github"])
@pytest.mark.parametrize("fail_on", ["error", "never"])
def test_from_reports_equals_a_fresh_check_without_running_checks(
    built, fmt, fail_on, capsys, monkeypatch
):
    out, doc_json = built
    args = ["--format", fmt, "--fail-on", fail_on, "--color", "never"]
    fresh = _run(["check", str(doc_json), *args], capsys)

    def refuse(*_a, **_k):
        raise AssertionError("run_checks called: --from-reports must read the reports")

    monkeypatch.setattr("plainprint.checks.run_checks", refuse)
    monkeypatch.setattr("plainprint.checks.engine.run_checks", refuse)
    read = _run(["check", "--from-reports", str(out), str(doc_json), *args], capsys)
    assert read == fresh
    assert read[0] == (0 if fail_on == "never" else 1) and read[1].strip()
    every = _run(["check", "--from-reports", str(out), *args], capsys)  # no SOURCE: all
    assert every == fresh


def test_from_reports_errors_are_usage_errors(built, tmp_path, capsys):
    out, doc_json = built
    assert main(["check", "--from-reports", str(tmp_path), str(doc_json)]) == 2
    assert "no reports folder" in capsys.readouterr().err
    assert main(["check", "--from-reports", str(out), "--select", "RL"]) == 2
    assert "--from-reports" in capsys.readouterr().err
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "x.json").write_text('{"schema": "plainprint-report/1"}')
    assert main(["check", "--from-reports", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "x.json" in err and "report: missing" in err and "make report" in err


def test_make_check_reads_the_reports():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\ncheck:", 1)[1].split("\n\n", 1)[0]
    calls = re.findall(r"\$\(PLAINPRINT\) check ([^;\n]*)", recipe)
    assert len(calls) == 2, recipe
    assert all(c.startswith("--from-reports $(OUT)") for c in calls), calls
    assert "check: report" in makefile  # the reports are brought up to date first
