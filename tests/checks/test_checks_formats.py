"""Every output format: JSON against its schema, SARIF and JUnit parsed back, GitHub, text."""

from __future__ import annotations

import datetime as dt
import json
from importlib import resources
from xml.etree import ElementTree as ET

import jsonschema
import pytest

from plainprint.checks import run_checks
from plainprint.checks.examples import example_document
from plainprint.checks.formats import render, to_github, to_json, to_junit, to_sarif, to_text
from plainprint.checks.registry import all_rules
from plainprint.pipeline.config import Config


@pytest.fixture(scope="module")
def reports(seed_doc):
    other = example_document("# Care\n\nRest. Drink fluids. Call us.\n\n### Skipped\n\nEat fruit.")
    return [run_checks(seed_doc, Config(), today=dt.date(2025, 1, 31)),
            run_checks(other, Config(), today=dt.date(2025, 1, 31))]  # fmt: skip


@pytest.fixture(scope="module")
def schema():
    return json.loads(
        resources.files("plainprint.checks").joinpath("data/report.schema.json").read_text()
    )


def test_json_validates_against_schema(reports, schema):
    data = json.loads(to_json(reports))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(data, schema)
    assert data["schema"] == "plainprint-report/1"
    for report in reports:
        jsonschema.validate(report.to_dict(), schema)
    doc = data["documents"][0]
    assert doc["grade"] == doc["scores"]["smog"]
    assert doc["findings"][0]["location"].keys() >= {
        "block_id",
        "section",
        "excerpt",
        "start",
        "end",
        "line",
    }


def test_json_schema_rejects_a_broken_report(reports, schema):
    bad = reports[0].to_dict()
    bad["findings"][0]["severity"] = "fatal"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)


def test_json_is_deterministic(reports):
    assert to_json(reports) == to_json(reports)


def test_sarif_parses_back(reports):
    sarif = json.loads(to_sarif(reports))
    assert sarif["version"] == "2.1.0"
    run = sarif["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [r.code for r in all_rules()]
    total = sum(len(r.findings) for r in reports)
    assert len(run["results"]) == total
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in ("error", "warning", "note")
        uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert uri
    seed_results = [r for r in run["results"] if r["ruleId"] == "CT002"]
    assert seed_results[0]["locations"][0]["physicalLocation"]["region"]["startLine"] == 51


def test_junit_parses_back(reports):
    root = ET.fromstring(to_junit(reports, fail_on="error"))
    suites = root.findall("testsuite")
    assert len(suites) == 2
    seed = suites[0]
    assert int(seed.get("tests")) == len(all_rules())
    failed = {
        c.get("name").split()[0] for c in seed.findall("testcase") if c.find("failure") is not None
    }
    assert "RL001" in failed and "CT002" not in failed  # warnings are not failures at error level
    warn = ET.fromstring(to_junit(reports, fail_on="warning")).findall("testsuite")[0]
    assert "CT002" in {
        c.get("name").split()[0] for c in warn.findall("testcase") if c.find("failure") is not None
    }
    assert int(root.get("failures")) == sum(int(s.get("failures")) for s in suites)


def test_github_annotations(reports):
    lines = to_github(reports).splitlines()
    assert len(lines) == sum(len(r.findings) for r in reports)
    assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in lines)
    ct = next(line for line in lines if "CT002" in line)
    assert "file=sources/ili-ilp-melanoma.txt" in ct and "line=51" in ct
    assert all("\n" not in line for line in lines)
    pct = next(line for line in lines if "PL005" in line)
    assert "%25" in pct  # "%" is escaped


def test_text_plain_and_coloured(reports):
    plain = to_text(reports)
    assert "\033[" not in plain
    assert "RL001 [error]" in plain
    assert plain.strip().endswith("suggestion(s)")
    assert "\033[31m" in to_text(reports, colour=True)
    assert render(reports, "text") == plain
