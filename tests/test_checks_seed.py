"""Golden expectations on the seed page, sources/ili-ilp-melanoma.txt."""

from __future__ import annotations

import datetime as dt

import pytest

from plainprint.checks import run_checks
from plainprint.pipeline.config import Config
from plainprint.pipeline.document import plain_text
from plainprint.pipeline.document.nodes import Heading, References


@pytest.fixture(scope="module")
def report(seed_doc):
    return run_checks(seed_doc, Config(), today=dt.date(2025, 1, 31))


def by_rule(report, code):
    return [f for f in report.findings if f.rule == code]


def test_grade_well_above_target_and_fails(report):
    assert report.formula == "smog"
    assert report.grade > 12
    assert report.target == 8
    assert by_rule(report, "RL001")[0].severity == "error"
    assert not report.passed


def test_reference_2_never_cited(report):
    assert [f.location.reference for f in by_rule(report, "CT002")] == ["2"]


def test_all_references_lack_links_and_are_stale(report):
    for code in ("CT003", "CT004", "CT005"):
        assert sorted(f.location.reference for f in by_rule(report, code)) == ["1", "2", "3"], code


def test_jargon_with_plain_alternatives(report):
    found = {f.location.excerpt and f.message.split("”")[0].strip("“").lower(): f
             for f in by_rule(report, "PL006")}  # fmt: skip
    for term in ("metastatic", "systemic", "locoregional"):
        assert term in found, sorted(found)
        assert found[term].suggestion.replacement
    assert "melanoma" not in found, "the topic word is not jargon on every line"


def test_survival_statistics_uncited(report, seed_doc):
    texts = [f.location.excerpt for f in by_rule(report, "PL010")]
    assert any("survival rate around 98%" in t for t in texts)
    assert any("64%" in t and "23%" in t for t in texts)
    # The cited statistic ("fewer than 5% … cases.1") is not reported.
    assert not any("fewer than 5%" in t for t in texts)


def test_no_prose_finding_points_at_a_heading_or_reference_list(report, seed_doc):
    headings = {b.id for b in seed_doc.blocks if isinstance(b, Heading)}
    refs = {b.id for b in seed_doc.blocks if isinstance(b, References)}
    blocks = {b.id: b for b in seed_doc.blocks}
    for f in report.findings:
        loc = f.location
        if f.rule.startswith("HD"):
            continue
        if f.rule.startswith("CT") and loc.reference:
            assert loc.block_id in refs
            continue
        assert loc.block_id not in headings, f
        assert loc.block_id not in refs, f
        if loc.start is not None:
            text = plain_text(blocks[loc.block_id].content)
            assert 0 <= loc.start <= loc.end <= len(text)
            assert loc.line == blocks[loc.block_id].line


def test_scores_and_sentences_are_reported(report):
    assert set(report.scores) >= {"smog", "fkgl", "flesch_reading_ease", "forcast", "dale_chall",
                                  "coleman_liau", "gunning_fog", "ari", "health_vocabulary"}  # fmt: skip
    assert report.counts["sentences"] >= 30  # headings are not glued to sentences
    assert 0 < report.counts["active_share"] < 1
    assert {s["difficulty"] for s in report.sentences} >= {"hard", "very_hard"}
    assert all(p["block_id"].startswith("p") for p in report.paragraphs)
