"""Language decides the rules (issue 16): rules declare their languages; a document in a
language without rules gets heading and citation findings and one note, never English
reading-level or plain-language judgements; a missing language is detected."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from plainprint.checks.analysis.lang import ANY, base, language, valid_for
from plainprint.checks.engine import run_checks
from plainprint.checks.examples import example_document
from plainprint.checks.registry import all_rules
from plainprint.pipeline.config import Config, parse_config
from plainprint.pipeline.document import from_json, to_json
from plainprint.pipeline.errors import ConfigError
from plainprint.pipeline.i18n.detect import detect_language
from plainprint.pipeline.ingest import ingest_bytes

PT = """---
title: Pressão arterial alta
lang: pt
---
# Pressão arterial alta

A pressão arterial alta é uma doença comum que muitas vezes não causa sintomas. O tratamento
farmacológico da hipertensão arterial sistêmica exige a consideração individualizada das
comorbidades e das contraindicações dos medicamentos anti-hipertensivos [1].

## O que fazer

Tome os seus remédios todos os dias.

## O que fazer

Meça a pressão em casa.

[1]: Ministério da Saúde. Hipertensão. 2020.
"""

KO = """# 고혈압

고혈압은 흔한 질병이며 대부분 증상이 없습니다. 혈압약을 매일 드시고 짠 음식을 줄이세요 [1].
정기적으로 혈압을 재고 의사와 상담하십시오. 운동을 꾸준히 하면 혈압을 낮추는 데 도움이 됩니다.

#### 운동

매일 삼십 분 정도 걸으세요.

[1]: 질병관리청. 고혈압 안내. 2021.
"""


def _report(text: str, name: str = "doc.md"):
    doc = ingest_bytes(text.encode(), Path(name))
    return doc, run_checks(doc, Config()).to_dict()


def test_every_rule_declares_its_languages():
    for r in all_rules():
        assert r.languages, r.code
        if r.family in ("HD", "CT", "CK"):
            assert r.languages == (ANY,), r.code
        else:
            assert ANY not in r.languages and {"en", "es"} & set(r.languages), r.code


@pytest.mark.parametrize(
    "tag, code", [("es-MX", "es"), ("EN_us", "en"), ("pt-BR", "pt"), ("", ""), (None, "")]
)
def test_base_language(tag, code):
    assert base(tag) == code


def test_valid_for():
    assert valid_for((ANY,), "ko") and valid_for(("en", "es"), "es-US")
    assert not valid_for(("en",), "pt")


@pytest.mark.parametrize("text, name, lang", [(PT, "pt.md", "pt"), (KO, "ko.md", "ko")])
def test_language_without_rules_gets_structure_citations_and_one_note(text, name, lang):
    doc, report = _report(text, name)
    assert doc.metadata.language == lang
    rules = {f["rule"] for f in report["findings"]}
    assert not {r for r in rules if r[:2] in ("RL", "PL")}, rules
    assert "CT001" in rules  # the marker [1] has no reference list entry it resolves to
    assert rules & {"HD005", "HD003"}, rules  # duplicate sibling heading / skipped level
    assert len(report["notes"]) == 1
    note = report["notes"][0]
    assert note["language"] == lang
    expected = sorted(
        r.code for r in all_rules() if r.family in ("RL", "PL") and "en" in r.languages
    )
    assert sorted(note["rules_not_run"]) == expected
    assert "RL001" in note["message"] and "no grade" in note["message"]
    assert report["grade"] is None and report["formula"] == "none"
    assert all(v is None for v in report["scores"].values())


def test_korean_without_declared_language_is_detected_and_report_says_so():
    doc, report = _report(KO, "ko.md")
    assert doc.metadata.language_detected
    assert report["language"] == "ko" and report["language_detected"] is True
    assert "detected" in report["notes"][0]["message"]


def test_declared_language_wins_over_detection():
    doc, report = _report(PT, "pt.md")
    assert not doc.metadata.language_detected
    assert "declared" in report["notes"][0]["message"]


def test_sidecar_language_is_declared(tmp_path):
    src = tmp_path / "ko.md"
    src.write_text(KO, encoding="utf-8")
    (tmp_path / "ko.toml").write_text('language = "ko"\n', encoding="utf-8")
    from plainprint.pipeline.ingest import ingest_path

    doc = ingest_path(src)
    assert doc.metadata.language == "ko" and not doc.metadata.language_detected


@pytest.mark.parametrize(
    "text, code",
    [
        ("La presión arterial alta es común. Tome sus medicinas todos los días.", "es"),
        ("A pressão arterial alta é uma doença comum. Tome seus remédios todos os dias.", "pt"),
        ("고혈압은 흔한 질병입니다. 매일 약을 드세요. 짠 음식을 줄이세요.", "ko"),
        ("High blood pressure is common. Take your medicine every day, even when well.", "en"),
    ],
)
def test_detector(text, code):
    assert detect_language(text) == code


def test_too_little_text_is_not_detected():
    assert detect_language("Rest. Call us.") is None


def test_detected_language_round_trips_through_json_and_markdown():
    doc, _ = _report(KO, "ko.md")
    assert from_json(to_json(doc)) == doc
    from plainprint.pipeline.export.markdown import to_markdown

    again = ingest_bytes(to_markdown(doc).encode(), Path("ko.md"))
    assert again.metadata.language == "ko" and again.metadata.language_detected


def test_english_documents_keep_english_rules_and_no_note():
    doc = example_document("# Pills\n\nTake your pills with food. Drink water.")
    report = run_checks(doc, Config()).to_dict()
    assert report["language"] == "en" and report["notes"] == []
    assert report["formula"] == "smog" and report["grade"] is not None


def test_spanish_note_names_english_only_rules():
    doc = example_document("---\nlang: es\n---\n# Agua\n\nBeba agua. Descanse.")
    report = run_checks(doc, Config()).to_dict()
    note = report["notes"][0]
    assert "RL001" not in note["rules_not_run"] and "PL001" not in note["rules_not_run"]
    assert "PL013" in note["rules_not_run"]  # English word frequencies
    assert language("es") is not None and language("pt") is None


def test_reports_validate_against_schema():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(Path("checks/data/report.schema.json").read_text(encoding="utf-8"))
    for text, name in ((PT, "pt.md"), (KO, "ko.md")):
        jsonschema.validate(_report(text, name)[1], schema)
    es = Path("tests/fixtures/es/presion-alta.md").read_text(encoding="utf-8")
    jsonschema.validate(_report(es, "es.md")[1], schema)


@pytest.mark.parametrize(
    "toml, message",
    [
        ('[checks.es]\nformula = "smog"\n', "not a grade formula for es"),
        ('[checks.es]\ntarget_grade = "six"\n', "checks.es.target_grade"),
        ("[checks.es]\ncolour = 1\n", "unknown key 'checks.es.colour'"),
    ],
)
def test_spanish_configuration_is_validated(toml, message, tmp_path):
    path = tmp_path / "plainprint.toml"
    doc = example_document("---\nlang: es\n---\n# Agua\n\nBeba agua.")
    with pytest.raises(ConfigError, match=message):
        run_checks(doc, parse_config(toml, path))


def test_spanish_target_from_configuration(tmp_path):
    doc = example_document("---\nlang: es\n---\n# Agua\n\nBeba agua. Descanse.")
    cfg = parse_config("target_grade = 8\n[checks.es]\ntarget_grade = 5\n", tmp_path / "p.toml")
    report = run_checks(doc, cfg).to_dict()
    assert report["target"] == 5 and report["formula"] == "sol"


def test_registry_refuses_a_rule_without_languages():
    from plainprint.checks.registry import rule

    for languages in ((), ("english",), ("EN",)):
        with pytest.raises(ValueError, match="languages"):
            rule(code="PL998", name="x", severity="warning", summary="", rationale="",
                 flagged=(), clean=(), languages=languages)(lambda ctx, opts: iter(()))  # fmt: skip
