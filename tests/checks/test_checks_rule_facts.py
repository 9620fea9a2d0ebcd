"""Each rule owns its facts: the registry is the one place a rule code is given meaning.

The grep test holds the rest of the code base to it: no rule code is written in a Python
module outside the rule modules, the registry, the docs generator and the tests, except
the few listed in ``ALLOWED`` with the reason they are there.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from plainprint.checks import run_checks
from plainprint.checks.examples import example_document
from plainprint.checks.registry import (
    CATEGORIES,
    CODE_RE,
    FAMILIES,
    all_rules,
    category_of,
    get_rule,
    rule,
    rules_in,
)
from plainprint.pipeline.config import Config
from plainprint.pipeline.report.pemat import assess
from tests.paths import ROOT as REPO

ROOT = REPO
RULES = all_rules()
TODAY = dt.date(2025, 1, 31)

# A rule code: a registered family and three digits (the registry's own pattern, unanchored).
CODE = re.compile(r"\b(?:" + "|".join(FAMILIES) + r")\d{3}\b")

# Folders whose modules may name rule codes: the rules, the registry and the docs generator.
OWNERS = ("checks/rules/", "checks/registry.py", "checks/docs.py")

# (path, code) → why that code may stand there. Examples in help text and docstrings show a
# user what to type; they give no rule any behaviour.
ALLOWED = {
    ("pipeline/config/schema.py", "PL013"): "an example in the message for a bad checks.ignore",
    ("pipeline/config/schema.py", "HD001"): "an example in the message for a bad checks.select",
    ("pipeline/config/schema.py", "CT005"): "the key's documentation names the rule it tunes"
    " (CT005 declares the key in its config_keys)",
    ("pipeline/commands/check.py", "CT001"): "an example in --select's help",
    ("pipeline/commands/check.py", "PL004"): "an example in --ignore's help",
    ("pipeline/commands/check.py", "PL013"): "an example in --ignore's help",
    ("pipeline/commands/rules.py", "PL006"): "an example in the command's docstring",
    ("pipeline/commands/rules.py", "RL001"): "an example in the command's help",
    ("pipeline/ingest/directives.py", "PL006"): "the suppression syntax in the docstring",
    ("pipeline/ingest/directives.py", "PL013"): "the suppression syntax in the docstring",
    ("pipeline/ingest/directives.py", "PL001"): "the suppression syntax in the docstring",
    ("pipeline/ingest/directives.py", "RL001"): "the suppression syntax in the docstring",
    ("checks/suppress.py", "PL006"): "the suppression syntax in the docstring",
    ("checks/suppress.py", "PL013"): "the suppression syntax in the docstring",
    ("checks/suppress.py", "PL001"): "the suppression syntax in the docstring",
    ("checks/suppress.py", "RL001"): "the suppression syntax in the docstring",
    ("checks/suppress.py", "CK001"): "names the rule that reports a bad suppression",
    ("pipeline/ingest/references.py", "CT008"): "a comment: why a malformed DOI is kept",
    ("pipeline/document/nodes.py", "HD001"): "a comment: why a derived title still warns",
    ("checks/examples.py", "HD001"): "a docstring: what an example document's title does",
    ("checks/positions.py", "RL001"): "a comment: where document-level findings point",
    ("checks/positions.py", "PL005"): "a comment: where document-level findings point",
}


def _modules() -> list[Path]:
    out = []
    for top in ("pipeline", "checks", "plainprint", "bench"):
        for path in sorted((ROOT / top).rglob("*.py")):
            rel = path.relative_to(ROOT).as_posix()
            if rel.startswith(("plainprint/pipeline/", "plainprint/checks/")):
                continue  # links to pipeline/ and checks/, read there
            out.append(path)
    return out


def test_no_rule_code_outside_its_rule_the_registry_and_the_docs():
    found = set()
    for path in _modules():
        rel = path.relative_to(ROOT).as_posix()
        if rel.startswith(OWNERS):
            continue
        for code in CODE.findall(path.read_text(encoding="utf-8")):
            found.add((rel, code))
    assert found - set(ALLOWED) == set(), "a rule code outside its rule: declare it in the registry"
    assert set(ALLOWED) - found == set(), "an allow-list entry that no longer applies"


def test_the_grep_sees_every_family_and_the_real_modules():
    assert CODE.pattern.count("|") == len(FAMILIES) - 1
    assert all(CODE_RE.match(r.code) and CODE.fullmatch(r.code) for r in RULES)
    rels = {p.relative_to(ROOT).as_posix() for p in _modules()}
    assert "pipeline/report/highlight.py" in rels and "checks/engine.py" in rels


@pytest.mark.parametrize("r", RULES, ids=lambda r: r.code)
def test_every_fact_is_valid(r):
    assert r.category in CATEGORIES
    assert r.pemat_item is None or 1 <= r.pemat_item <= 26
    for name, (code, option) in r.related_options.items():
        assert name not in r.options
        assert option in get_rule(code).options, (r.code, code, option)
    assert set(r.config_keys) <= set(r.options)
    assert "{" not in r.summary and "}" not in r.summary


@pytest.mark.parametrize(
    ("code", "category"),
    [
        ("PL001", "long-sentence"),
        ("PL002", "long-sentence"),
        ("PL003", "long-paragraph"),
        ("PL004", "passive"),
        ("PL006", "jargon"),
        ("PL007", "undefined"),
        ("PL008", "undefined"),
        ("PL009", "number"),
        ("PL010", "uncited"),
        ("PL011", "uncited"),
        ("PL012", "wordy"),
        ("PL013", "jargon"),
        ("RL001", "other"),
        ("HD008", "other"),
        ("XX999", "other"),
    ],
)
def test_highlight_categories_come_from_the_registry(code, category):
    assert category_of(code) == category


@pytest.mark.parametrize(
    ("item", "codes"),
    [(3, ["PL006", "PL013"]), (4, ["PL007", "PL008"]), (6, ["PL009"]), (8, ["HD008", "PL003"])],
)
def test_pemat_items_come_from_the_registry(item, codes):
    assert [r.code for r in rules_in(pemat_item=item)] == codes


def test_pemat_counts_the_findings_of_an_items_rules():
    from plainprint.checks import run_checks
    from plainprint.checks.examples import example_document
    from plainprint.pipeline.config import Config

    doc = example_document(
        "# Your heart\n\nThe operation was done by the surgeon. Your cardiomyopathy is "
        "a problem with the heart muscle. Hypertension means high blood pressure."
    )
    report = run_checks(doc, Config({}))
    jargon = [f for f in report.findings if f.rule in ("PL006", "PL013")]
    assert jargon and any(f.rule == "PL004" for f in report.findings)  # both kinds are there
    item3 = next(i for i in assess(doc, report)["items"] if i.number == 3)
    assert item3.evidence.startswith(f"{len(jargon)} jargon or complex words flagged")


@pytest.mark.parametrize(
    ("code", "summary"),
    [
        ("PL001", "A sentence has more than 20 words (up to 30; longer ones are PL002)."),
        ("PL002", "A sentence has more than 30 words."),
        ("PL003", "A paragraph has more than 5 sentences or 120 words."),
        ("PL005", "Fewer than 80% of the document's sentences are active."),
        ("CT005", "A reference was last accessed more than 3 years before the build date."),
        ("HD006", "A heading has more than 10 words."),
        ("HD008", "A section runs for more than 300 words with no subheading."),
    ],
)
def test_summaries_quote_the_default_options(code, summary):
    assert get_rule(code).summary == summary


def test_the_legend_quotes_the_registry_thresholds():
    from plainprint.pipeline.report import highlight

    notes = {css: note for css, _label, note in highlight.LEGEND}
    assert notes["long-sentence"] == f"more than {get_rule('PL001').options['max_words']} words"
    assert notes["long-paragraph"] == "boxed; more than 5 sentences or 120 words"
    assert {css for css in notes if not css.startswith("s-")} == set(CATEGORIES)


LONG_25 = " ".join(["word"] * 24) + " end."


def _long_sentence_codes(config: dict) -> list[str]:
    doc = example_document(f"# Title\n\n{LONG_25}")
    report = run_checks(doc, Config(config), today=TODAY)
    return [f.rule for f in report.findings if f.rule in ("PL001", "PL002")]


@pytest.mark.parametrize(
    ("config", "codes"),
    [
        ({}, ["PL001"]),  # 25 words: over PL001's 20, under PL002's 30
        ({"checks": {"rules": {"PL002": {"max_words": 22}}}}, ["PL002"]),  # PL001 stops at 22
        ({"checks": {"rules": {"sentence-far-too-long": {"max_words": 22}}}}, ["PL002"]),
        ({"checks": {"rules": {"PL001": {"max_words": 26}}}}, []),
    ],
)
def test_related_option_is_read_through_the_registry(config, codes):
    assert _long_sentence_codes(config) == codes


def test_a_related_option_cannot_be_configured_on_the_rule_that_reads_it():
    from plainprint.pipeline.errors import ConfigError

    with pytest.raises(ConfigError, match="unknown option 'upper_words'"):
        _long_sentence_codes({"checks": {"rules": {"PL001": {"upper_words": 40}}}})


OLD_REF = "# Title\n\nSun.[1]\n\n[^1]: Sun facts. https://example.org/sun. Accessed 2020-01-01."


@pytest.mark.parametrize(
    ("checks", "stale"),
    [
        ({}, True),  # 5 years old; the default is 3
        ({"stale_after_years": 10}, False),  # the [checks] key the rule's entry maps
        ({"rules": {"CT005": {"stale_after_years": 10}}}, False),
    ],
)
def test_a_checks_key_sets_an_option_as_its_rule_declares(checks, stale):
    code = next(r.code for r in RULES if "stale_after_years" in r.config_keys)
    report = run_checks(example_document(OLD_REF), Config({"checks": checks}), today=TODAY)
    assert (code in [f.rule for f in report.findings]) is stale


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"category": "shiny"}, "category must be one of"),
        ({"config_keys": {"nope": "x"}}, "config_keys name options"),
        ({"options": {"a": 1}, "related_options": {"a": ("PL002", "max_words")}}, "related"),
    ],
)
def test_the_registry_refuses_bad_facts(kwargs, message):
    with pytest.raises(ValueError, match=message):
        rule(
            code="ZZ999", name="zz", severity="warning", summary="s", rationale="r",
            flagged=(), clean=(), languages=("*",), **kwargs,
        )(lambda ctx, opts: iter(()))  # fmt: skip


def test_unknown_hook_is_refused():
    with pytest.raises(TypeError, match="unknown hook"):
        run_checks(example_document("# T\n\nRest."), Config(), today=TODAY, _hooks={"x": 1})
