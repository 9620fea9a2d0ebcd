"""``plainprint check``: exit codes, formats, output files, baseline and config."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from plainprint.pipeline.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "checks"
SEED = Path(__file__).resolve().parent.parent / "sources" / "ili-ilp-melanoma.txt"


def run(args, capsys):
    code = main(args)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_seed_fails_at_error_level(capsys):
    code, out, _ = run(["check", str(SEED)], capsys)
    assert code == 1
    assert "RL001 [error]" in out


def test_fail_on_never_and_plain_handout(capsys, tmp_path):
    code, _, _ = run(["check", str(SEED), "--fail-on", "never"], capsys)
    assert code == 0
    code, out, _ = run(["check", str(FIXTURES / "plain-handout.txt")], capsys)
    assert code == 0, out


def test_fail_on_levels(capsys):
    handout = str(FIXTURES / "plain-handout.txt")
    # Its only finding is a suggestion (RL003: fewer than 30 sentences).
    code, out, _ = run(["check", handout, "--fail-on", "suggestion"], capsys)
    assert code == 1 and "RL003 [suggestion]" in out
    code, _, _ = run(["check", handout, "--fail-on", "warning"], capsys)
    assert code == 0
    code, out, _ = run(["check", str(SEED), "--fail-on", "warning", "--format", "json"], capsys)
    assert code == 1
    assert json.loads(out)["documents"][0]["passed"] is False


def test_input_errors_exit_2(capsys, tmp_path):
    code, _, err = run(["check", str(tmp_path / "missing.txt")], capsys)
    assert code == 2 and "missing.txt" in err
    bad = tmp_path / "bad.json"
    bad.write_text("{}")
    code, _, err = run(["check", str(bad)], capsys)
    assert code == 2


def test_document_json_input_and_output_file(capsys, tmp_path):
    doc = tmp_path / "seed.json"
    assert main(["ingest", str(SEED), "-o", str(doc)]) == 0
    out = tmp_path / "report.sarif"
    code, stdout, _ = run(["check", str(doc), "--format", "sarif", "-o", str(out)], capsys)
    assert code == 1 and stdout == ""
    assert json.loads(out.read_text())["version"] == "2.1.0"


def test_baseline_accepts_existing_findings(capsys, tmp_path):
    base = tmp_path / "baseline.json"
    code, _, _ = run(["check", str(SEED), "--write-baseline", str(base)], capsys)
    assert code == 1
    data = json.loads(base.read_text())
    assert data["schema"] == "plainprint-baseline/1"
    code, out, _ = run(["check", str(SEED), "--baseline", str(base), "--format", "json"], capsys)
    assert code == 0
    doc = json.loads(out)["documents"][0]
    assert doc["findings"] == [] and doc["suppressed"]
    # A new problem is not in the baseline and fails again.
    changed = tmp_path / "ili-ilp-melanoma.txt"
    shutil.copy(SEED, changed)
    changed.write_text(
        changed.read_text().replace(
            "Melanoma rates are rising.", "Melanoma rates are rising, with hyperlipidemia common."
        )
    )
    code, out, _ = run(
        ["check", str(changed), "--baseline", str(base), "--fail-on", "warning"], capsys
    )
    assert code == 1 and "hyperlipidemia" in out


def test_baseline_named_in_configuration(capsys, tmp_path):
    base = tmp_path / "baseline.json"
    run(["check", str(SEED), "--write-baseline", str(base)], capsys)
    cfg = tmp_path / "plainprint.toml"
    cfg.write_text(f"[checks]\nbaseline = {str(base)!r}\n")
    code, _, _ = run(["--config", str(cfg), "check", str(SEED)], capsys)
    assert code == 0
    cfg.write_text(f"[checks]\nbaseline = {str(tmp_path / 'missing.json')!r}\n")
    code, _, err = run(["--config", str(cfg), "check", str(SEED)], capsys)
    assert code == 2 and "missing.json: baseline file not found" in err


def test_config_file_and_per_source_overrides(capsys, tmp_path, monkeypatch):
    cfg = tmp_path / "plainprint.toml"
    cfg.write_text(
        (FIXTURES / "plainprint.toml").read_text()
        + '\n[[overrides]]\nglob = "*.txt"\nchecks = { target_grade = 20 }\n'
    )
    code, out, _ = run(["--config", str(cfg), "check", str(SEED), "--format", "json"], capsys)
    doc = json.loads(out)["documents"][0]
    assert doc["target"] == 20
    assert doc["build_date"] == "2025-01-31"
    assert not any(f["rule"] == "PL004" for f in doc["findings"])
    assert not any("tourniquet" in f["message"] for f in doc["findings"])


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "junit", "github"])
def test_every_format_from_the_cli(capsys, fmt):
    code, out, _ = run(["check", str(SEED), "--format", fmt, "--color", "never"], capsys)
    assert code == 1 and out.strip()


def test_inline_suppressions_in_a_markdown_source(capsys):
    code, out, _ = run(
        ["check", str(FIXTURES / "suppressed.md"), "--format", "json", "--fail-on", "never"], capsys
    )
    doc = json.loads(out)["documents"][0]
    reasons = {f["rule"]: f["reason"] for f in doc["suppressed"]}
    assert reasons["PL006"] == "inline: the clinic uses this word on its signs"
    assert reasons["PL008"] == "inline: these are the names printed on the pump"
    rules = [f["rule"] for f in doc["findings"]]
    assert "CK001" in rules and "PL013" in rules  # no reason: reported, suppresses nothing
    assert not any("PL00" in f["message"] for f in doc["findings"]), "comments are not prose"
    assert any("ILP" in f["message"] for f in doc["findings"] if f["rule"] == "PL008")


def test_select_and_ignore_from_the_command_line(capsys):
    code, out, _ = run(["check", str(SEED), "--select", "CT", "--fail-on", "never"], capsys)
    found = {line.split(": ")[1].split()[0] for line in out.splitlines() if " [" in line}
    assert found == {"CT002", "CT003", "CT004", "CT005"}
    code, out, _ = run(
        ["check", str(SEED), "--select", "CT", "--ignore", "CT005,reference-without-link"],
        capsys,
    )
    assert code == 0  # only warnings are left
    assert "CT004" in out and "CT005" not in out and "CT003" not in out


@pytest.mark.parametrize("flag", ["--select", "--ignore"])
def test_a_selector_that_names_no_rule_is_a_usage_error(capsys, flag):
    code, _, err = run(["check", str(SEED), flag, "PL0066"], capsys)
    assert code == 2
    assert f"{flag} 'PL0066' matches no rule" in err and "plainprint rules" in err


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('[checks]\nignore = ["PL0066"]\n', "checks.ignore entry 'PL0066' matches no rule"),
        ('[checks]\nselect = "HX"\n', "checks.select entry 'HX' matches no rule"),
        ('[checks.rules.PL999]\nseverity = "off"\n', "checks.rules.PL999 names no rule"),
    ],
)
def test_a_configured_rule_that_does_not_exist_is_an_error(capsys, tmp_path, toml, message):
    config = tmp_path / "plainprint.toml"
    config.write_text(toml, encoding="utf-8")
    code, _, err = run(["--config", str(config), "check", str(SEED)], capsys)
    assert code == 2
    assert str(config) in err and message in err


def test_rules_lists_every_rule_and_explains_one(capsys):
    from plainprint.checks.registry import all_rules

    code, out, _ = run(["rules"], capsys)
    assert code == 0
    assert [line.split()[0] for line in out.splitlines()] == [r.code for r in all_rules()]
    code, out, _ = run(["rules", "pl006"], capsys)
    assert code == 0
    assert out.startswith("### PL006") and "Why it matters:" in out and "Flagged:" in out
    code, out, _ = run(["rules", "jargon-term", "PL006", "HD"], capsys)
    codes = re.findall(r"^### ([A-Z]{2}\d{3})$", out, flags=re.M)
    assert codes == ["PL006"] + [r.code for r in all_rules() if r.family == "HD"]


def test_rules_as_json_and_unknown_rule(capsys):
    code, out, _ = run(["rules", "RL001", "--format", "json"], capsys)
    (entry,) = json.loads(out)
    assert code == 0
    assert entry["code"] == "RL001" and entry["severity"] == "error" and entry["rationale"]
    code, _, err = run(["rules", "nope"], capsys)
    assert code == 2 and "no rule named 'nope'" in err


def test_check_takes_folders_and_defaults_to_sources(capsys, tmp_path, monkeypatch):
    """Like build: a folder is searched for sources (one per name, in build's order .md,
    .html, .txt), no argument means sources/, and a folder without sources is an error."""
    sources = tmp_path / "sources"
    sources.mkdir()
    shutil.copy(SEED, sources / "seed.txt")
    shutil.copy(FIXTURES / "plain-handout.txt", sources / "handout.txt")
    (sources / "handout.md").write_text("# Handout\n\nRest. Drink water. Call us.\n")
    (sources / "notes.json").write_text("{}")  # not a source: folders hold no Document JSON
    monkeypatch.chdir(tmp_path)
    code, out, err = run(["check", "--format", "json", "--fail-on", "never"], capsys)
    assert code == 0, err
    docs = [Path(d["source"]).name for d in json.loads(out)["documents"]]
    assert docs == ["handout.md", "seed.txt"]
    code, out2, _ = run(["check", "sources", "--format", "json", "--fail-on", "never"], capsys)
    assert [d["source"] for d in json.loads(out2)["documents"]] == [
        d["source"] for d in json.loads(out)["documents"]
    ]
    (tmp_path / "empty").mkdir()
    code, _, err = run(["check", "empty"], capsys)
    assert code == 2 and "empty: no sources found" in err and "\n" not in err.strip()


def test_check_mixes_files_folders_and_document_json(capsys, tmp_path):
    doc = tmp_path / "seed.json"
    assert main(["ingest", str(SEED), "-o", str(doc)]) == 0
    folder = tmp_path / "more"
    folder.mkdir()
    shutil.copy(FIXTURES / "plain-handout.txt", folder / "handout.txt")
    code, out, _ = run(["check", str(doc), str(folder), "--format", "json"], capsys)
    sources = [Path(d["source"]).name for d in json.loads(out)["documents"]]
    assert code == 1 and sources == ["ili-ilp-melanoma.txt", "handout.txt"]
