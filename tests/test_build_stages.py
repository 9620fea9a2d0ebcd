"""Per-stage builds as the Makefile runs them: overrides, error bookkeeping, baselines."""

from __future__ import annotations

import json
from pathlib import Path

from plainprint.pipeline.build import build_many, errors_for, outcomes_from_disk
from plainprint.pipeline.config import parse_config
from plainprint.pipeline.report.index import collect_rows
from plainprint.pipeline.sources import Source, discover

TEXT = "Flu and you\n\nFlu is common. Rest at home. Drink water. Call us if you feel worse.\n"


def _stage(out: Path, name: str, stage: str, config):
    """What `make` does: one stage, with the Document JSON as input."""
    doc = out / "documents" / f"{name}.json"
    return build_many([Source(name, doc)], out, config, stages=[stage])[0]


def test_overrides_match_the_original_source_in_later_stages(tmp_path):
    src, out = tmp_path / "sources", tmp_path / "out"
    src.mkdir()
    (src / "kids-flu.txt").write_text(TEXT, encoding="utf-8")
    config = parse_config(
        f'target_grade = 8\n[[overrides]]\nglob = "{src}/kids-*"\ntarget_grade = 5\n',
        tmp_path / "plainprint.toml",
    )
    build_many(discover(src), out, config, stages=["document"])
    _stage(out, "kids-flu", "report", config)
    report = json.loads((out / "reports" / "kids-flu.json").read_text())
    assert report["target"] == 5.0


def test_a_later_success_clears_an_earlier_failure_of_the_same_stage(tmp_path):
    src, out = tmp_path / "sources", tmp_path / "out"
    src.mkdir()
    bad = src / "a.txt"
    bad.write_text("", encoding="utf-8")
    build_many(
        discover(src), out, parse_config("", tmp_path / "p.toml"), stages=["document", "report"]
    )
    assert errors_for(out, "a") and (out / "errors" / "a.document.txt").exists()
    bad.write_text(TEXT, encoding="utf-8")
    config = parse_config("", tmp_path / "p.toml")
    build_many(discover(src), out, config, stages=["document"])  # make's first rule
    _stage(out, "a", "report", config)
    assert errors_for(out, "a") == []
    (outcome,) = outcomes_from_disk(discover(src), out)
    assert outcome.ok and outcome.grade is not None


def test_names_with_dots_keep_their_own_errors_in_the_index(tmp_path):
    src, out = tmp_path / "sources", tmp_path / "out"
    src.mkdir()
    (src / "flu.txt").write_text(TEXT, encoding="utf-8")
    (src / "flu.v2.txt").write_text("", encoding="utf-8")
    build_many(
        discover(src), out, parse_config("", tmp_path / "p.toml"), stages=["document", "report"]
    )
    rows = {r["name"]: r for r in collect_rows(out)}
    assert rows["flu"]["error"] is None and rows["flu"]["grade"] is not None
    assert "flu.v2.txt: file is empty" in rows["flu.v2"]["error"]


def test_report_stage_honours_the_configured_baseline(tmp_path, monkeypatch):
    from plainprint.pipeline.cli import main

    monkeypatch.chdir(tmp_path)
    src, out = tmp_path / "sources", tmp_path / "out"
    src.mkdir()
    (src / "flu.txt").write_text(
        TEXT + "\nThe statistically significant hyperlipidemia was 12.5%.\n"
    )
    # Fails today (RL001: the added sentence lifts the grade above 8) and records it in the baseline.
    assert main(["check", str(src / "flu.txt"), "--write-baseline", "baseline.json"]) == 1
    config = parse_config('[checks]\nbaseline = "baseline.json"\n', tmp_path / "plainprint.toml")
    build_many(discover(src), out, config, stages=["document", "report"])
    report = json.loads((out / "reports" / "flu.json").read_text())
    assert report["findings"] == [] and report["suppressed"]
    assert report["passed"] is True


def test_a_missing_image_is_reported_once_per_source_not_once_per_output(tmp_path, caplog):
    import logging

    src, out = tmp_path / "sources", tmp_path / "out"
    src.mkdir()
    page = (
        "<html lang='en'><head><title>Eyes</title></head><body><article><h1>Eyes</h1>"
        + "<p>Rest your eyes every hour when you read or work at a screen.</p>" * 3
        + "<figure><img src='gone/chart.png' alt='Eye chart'></figure></article></body></html>"
    )
    (src / "eyes.html").write_text(page, encoding="utf-8")
    config = parse_config("", tmp_path / "plainprint.toml")
    with caplog.at_level(logging.WARNING, logger="plainprint.render"):
        build_many(discover(src), out, config, stages=["document", "render"])
    said = [r.getMessage() for r in caplog.records if "gone/chart.png" in r.getMessage()]
    assert len(said) == 1, said
    assert (out / "pdf" / "eyes.pdf").exists() and (out / "html" / "eyes.html").exists()
