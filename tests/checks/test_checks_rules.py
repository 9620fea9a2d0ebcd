"""Every rule's own examples, the registry's shape, RULES.md, and configuration."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

import pytest

from plainprint.checks import run_checks
from plainprint.checks.docs import RULES_MD, render
from plainprint.checks.examples import example_document
from plainprint.checks.registry import CODE_RE, FAMILIES, NAME_RE, REDIRECTS, RETIRED, all_rules
from plainprint.pipeline.config import Config
from plainprint.pipeline.document import to_json
from plainprint.pipeline.errors import ConfigError
from tests import paths

TODAY = dt.date(2025, 1, 31)
RULES = all_rules()
NETWORK_OR_SOURCE = {"CT010", "CK001"}  # need the network / a Markdown file: tested below


def codes(doc, config=None):
    return [f.rule for f in run_checks(doc, config or Config(), today=TODAY).findings]


@pytest.mark.parametrize(
    ("code", "example"),
    [(r.code, ex) for r in RULES for ex in r.flagged],
)
def test_flagged_examples_are_flagged(code, example):
    assert code in codes(example_document(example))


@pytest.mark.parametrize(("code", "example"), [(r.code, ex) for r in RULES for ex in r.clean])
def test_clean_examples_pass(code, example):
    assert code not in codes(example_document(example))


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_metadata(rule):
    assert CODE_RE.match(rule.code)
    assert rule.family in FAMILIES
    assert NAME_RE.match(rule.name)
    assert not re.match(r"^(no|avoid|use)-", rule.name), "names describe the problem"
    assert rule.severity in ("error", "warning", "suggestion")
    assert rule.summary and rule.rationale
    assert rule.clean, "every rule needs a clean example"
    assert rule.flagged or rule.code in NETWORK_OR_SOURCE
    assert rule.code not in RETIRED
    assert rule.check.__module__.startswith("plainprint.checks.rules.")


def test_codes_and_names_unique():
    assert len({r.code for r in RULES}) == len(RULES)
    assert len({r.name for r in RULES}) == len(RULES)
    assert all(target in {r.code for r in RULES} for target in REDIRECTS.values())


def test_rules_md_is_current():
    assert RULES_MD.read_text(encoding="utf-8") == render(), (
        "run `python -m plainprint.checks.docs`"
    )


def test_heading_rules_cite_axe_markdownlint_or_wcag():
    for r in RULES:
        if r.family == "HD":
            refs = " ".join(r.references)
            assert any(k in refs for k in ("axe", "markdownlint", "WCAG")), r.code


def test_link_check_runs_only_when_asked():
    doc = example_document("# T\n\nA.[1]\n\n[^1]: Sun. https://example.org/gone.")
    calls = []

    def fake(url):
        calls.append(url)
        return 404

    off = run_checks(doc, Config(), today=TODAY, _hooks={"fetch_status": fake})
    assert "CT010" not in [f.rule for f in off.findings] and not calls
    on = run_checks(doc, Config({"checks": {"check_links": True}}), today=TODAY,
                    _hooks={"fetch_status": fake})  # fmt: skip
    assert calls == ["https://example.org/gone"]
    assert [f.rule for f in on.findings if f.rule == "CT010"] == ["CT010"]
    ok = run_checks(doc, Config({"checks": {"check_links": True}}), today=TODAY,
                    _hooks={"fetch_status": lambda url: 200})  # fmt: skip
    assert "CT010" not in [f.rule for f in ok.findings]


def test_config_tunes_rules():
    doc = example_document("# T\n\nKeep your arm up on a pillow when you sit down at home today.")
    assert "PL001" not in codes(doc)
    cfg = Config({"checks": {"rules": {"PL001": {"max_words": 10, "severity": "error"}}}})
    found = run_checks(doc, cfg, today=TODAY).findings
    assert [(f.rule, f.severity) for f in found if f.rule == "PL001"] == [("PL001", "error")]
    off = Config({"checks": {"rules": {"passive-voice": "off"}}})
    passive = example_document("# T\n\nThe drug is given by a nurse.")
    assert "PL004" in codes(passive)
    assert "PL004" not in codes(passive, off)
    assert "PL004" not in codes(passive, Config({"checks": {"ignore": ["PL"]}}))
    assert set(codes(passive, Config({"checks": {"select": ["HD"]}}))) <= {"HD001", "HD002"} | {
        c for c in codes(passive) if c.startswith("HD")
    }


def test_unknown_rule_option_is_a_config_error():
    with pytest.raises(ConfigError, match="unknown option"):
        run_checks(
            example_document("# T\n\nHi."), Config({"checks": {"rules": {"PL001": {"max": 3}}}})
        )


def test_allow_list_and_topic_word():
    doc = example_document(
        "# Melanoma care\n\nMelanoma is a skin cancer. Melanoma can spread. Check for melanoma. "
        "A tourniquet is used."
    )
    found = run_checks(doc, Config(), today=TODAY).findings
    jargon = {
        f.location.excerpt[f.location.start - f.location.start :]
        for f in found
        if f.rule == "PL006"
    }
    assert not any("elanoma" in f.message for f in found if f.rule == "PL006"), jargon
    assert any("tourniquet" in f.message for f in found if f.rule == "PL006")
    allowed = run_checks(doc, Config({"checks": {"allow": ["tourniquet"]}}), today=TODAY).findings
    assert not any(f.rule == "PL006" for f in allowed)


def test_target_grade_from_config_and_sidecar():
    doc = example_document(
        "# T\n\nPharmacological management necessitates individualised consideration."
    )
    assert "RL001" in codes(doc)
    assert "RL001" not in codes(doc, Config({"checks": {"target_grade": 30}}))


def _finding(doc, code, config=None):
    found = [f for f in run_checks(doc, config or Config(), today=TODAY).findings if f.rule == code]
    assert found, code
    return found[0]


def test_grade_advice_says_how_many_long_words_the_target_allows():
    body = " ".join(
        ["Hypertension necessitates individualised medication management today."] * 3
        + ["Take your tablets with water and food every day at breakfast time if you can."]
    )
    doc = example_document(f"# Blood pressure\n\n{body}")
    advice = _finding(doc, "RL001").suggestion.title
    # 5 long words in each hard sentence, "every" in the easy one; grade 8 allows
    # ((8 - 3.1291) / 1.043)² × 4 / 30 = 2.91 → 2 long words in 4 sentences.
    assert advice.startswith("Use fewer long words: 16 words of three or more syllables in 4 ")
    assert "grade 8 allows about 2;" in advice
    assert "long words used most: hypertension ×3, necessitates ×3" in advice
    assert "split the sentence of more than 20 words" not in advice  # none is that long
    gentler = Config({"checks": {"target_grade": 12}})
    # ((12 - 3.1291) / 1.043)² × 4 / 30 = 9.65 → 9
    assert "grade 12 allows about 9;" in _finding(doc, "RL001", gentler).suggestion.title


def test_grade_advice_leaves_out_the_topic_and_allowed_words_and_names_long_sentences():
    long = "Melanoma " + " ".join(["treatment options"] * 11) + " are available nowadays."
    body = " ".join([long, "Melanoma is serious.", "Melanoma can spread.", "Call your doctor."])
    doc = example_document(f"# Melanoma\n\n{body}")
    advice = _finding(doc, "RL001").suggestion.title
    assert "melanoma" not in advice.lower()  # the topic word counts but cannot change
    assert "split the sentence of more than 20 words" in advice
    allowed = Config({"checks": {"allow": ["available"]}})
    assert "available" not in _finding(doc, "RL001", allowed).suggestion.title


def test_grade_advice_for_another_formula_gives_its_averages():
    doc = example_document(
        "# T\n\nPharmacological management necessitates individualised consideration."
    )
    fkgl = Config({"checks": {"formula": "fkgl"}})
    advice = _finding(doc, "RL001", fkgl).suggestion.title
    # 6 + 3 + 4 + 6 + 5 syllables in 5 words
    assert advice.startswith("Use shorter words and sentences: 5 words per sentence, 4.80 ")


def test_section_grade_advice_counts_that_section_only():
    easy = "Eat fruit. Eat greens. Drink milk. Walk every day."
    hard = "Pharmacological management necessitates individualised consideration. " * 2
    doc = example_document(f"# T\n\n{easy}\n\n## Kidneys\n\n{hard}")
    advice = _finding(doc, "RL002").suggestion.title
    assert "in 2 sentences" in advice and "pharmacological ×2" in advice


def test_stale_after_years_and_today_from_config():
    doc = example_document("# T\n\nA.[1]\n\n[^1]: Sun. https://example.org/a. Accessed 2023-01-01.")
    assert "CT005" not in codes(doc)
    cfg = Config({"checks": {"stale_after_years": 1}})
    assert "CT005" in codes(doc, cfg)
    pinned = Config({"checks": {"today": "2023-06-01", "stale_after_years": 1}})
    assert "CT005" not in [f.rule for f in run_checks(doc, pinned).findings]


def test_inline_suppressions(tmp_path):
    src = paths.FIXTURES / "checks" / "suppressed.md"
    from plainprint.pipeline.ingest import ingest_path

    # Markdown ingest reads the directives into the Document; the checks never re-read the file.
    doc = ingest_path(src)
    assert len(doc.suppressions) == 4
    assert "plainprint-disable" not in to_json(dataclasses.replace(doc, suppressions=()))
    report = run_checks(doc, Config(), today=TODAY)
    active = {
        (f.rule, f.location.excerpt.split()[0] if f.location.excerpt else "")
        for f in report.findings
    }
    suppressed = {f.rule: f.suppressed for f in report.suppressed}
    assert suppressed.get("PL006", "").startswith("inline: the clinic")
    assert suppressed.get("PL008", "").startswith("inline: these are the names")
    assert any(
        r == "PL008" and "ILP" in f.message
        for r, _ in active
        for f in report.findings
        if f.rule == r
    )
    assert "PL013" in {f.rule for f in report.findings}, (
        "a suppression without a reason suppresses nothing"
    )
    assert "CK001" in {f.rule for f in report.findings}


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("Do NOT stop your pills. NEVER drive after a dose.", []),  # emphasis
        ("TIP: eat fruit. IMPORTANT: take the WHOLE tablet.", []),  # labels, emphasis
        ("Written by Jane Doe, MD, and John Roe, PhD, RN.", []),  # credentials
        ("The trial NCT03891810 is registered.", []),  # an identifier
        ("COVID-19 vaccines are safe. A DNA test is quick.", []),  # better known than expanded
        ("Ask about AIDS and HIV. A PET scan or a CT scan may help.", ["AIDS", "HIV", "PET", "CT"]),
        ("Take an NSAID. Do NOT take two.", ["NSAID"]),
        ("Take a nonsteroidal anti-inflammatory drug (NSAID). An NSAID helps.", []),
    ],
)
def test_acronyms_that_need_spelling_out(text, flagged):
    found = run_checks(example_document(f"# Title\n\n{text}"), Config(), today=TODAY).findings
    named = [re.search(r"“(.+?)”", f.message).group(1) for f in found if f.rule == "PL008"]
    assert named == flagged


def test_a_statistic_linked_to_its_source_on_a_saved_page_counts_as_cited():
    from plainprint.pipeline.ingest import ingest_bytes

    html = (
        b"<html lang='en'><head><title>Teens and sleep</title></head><body><article>"
        b"<h1>Teens and sleep</h1>"
        b"<p>A recent analysis found that <a href='https://www.ncbi.nlm.nih.gov/pmc/'>41%</a>"
        b" of teens sleep less than 7 hours.</p>"
        b"<p>Another survey found that 55% of parents worry about it.</p>"
        b"<p>About <a href='#methods'>30%</a> nap after school.</p>"
        b"</article></body></html>"
    )
    doc = ingest_bytes(html, Path("teens.html"))
    found = run_checks(doc, Config(), today=TODAY).findings
    uncited = [f.location.excerpt for f in found if f.rule == "PL010"]
    assert uncited == [
        "Another survey found that 55% of parents worry about it.",
        "About 30% nap after school.",  # a link within the page is not a source
    ]


def test_a_bibliography_nobody_cites_is_one_finding_not_one_per_entry():
    refs = "\n".join(f"[^{n}]: Source {n}. https://example.org/{n}." for n in range(1, 6))
    found = run_checks(
        example_document(f"# Title\n\nSun harms skin.\n\n{refs}"), Config(), today=TODAY
    ).findings
    never = [f for f in found if f.rule == "CT002"]
    assert [f.message for f in never] == ["None of the 5 references is cited in the text"]
    assert never[0].location.reference == "1"
    # One cited entry: the others are reported one by one.
    found = run_checks(
        example_document(f"# Title\n\nSun harms skin.[2]\n\n{refs}"), Config(), today=TODAY
    ).findings
    assert [f.message for f in found if f.rule == "CT002"] == [
        f"Reference {n} is never cited" for n in (1, 3, 4, 5)
    ]


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("Efficacious treatments exist. They are used.", ["Efficacious"]),
        ("Rosenblum studies sleep. We asked Dr. Rosenblum about it.", []),  # a name
        ("We met Abhijeet today. Efficacious drugs help.", ["Efficacious"]),
    ],
)
def test_rare_words_at_the_start_of_a_sentence_unless_a_name(text, flagged):
    found = run_checks(example_document(f"# Title\n\n{text}"), Config(), today=TODAY).findings
    named = [re.search(r"“(.+?)”", f.message).group(1) for f in found if f.rule == "PL013"]
    assert named == flagged


@pytest.mark.parametrize(
    ("percent", "said"),
    [
        (21, "“21 out of 100” or “about 1 in 5”"),
        (98, "“98 out of 100”"),
        (30, "“30 out of 100” or “about 3 in 10”"),
        (66.7, "“67 out of 100” or “about 2 in 3”"),
        (0.5, "“5 out of 1,000”"),
        (0.04, "“fewer than 1 in 1,000”"),
    ],
)
def test_a_percentage_as_a_natural_frequency(percent, said):
    from plainprint.checks.rules.plain.numbers import natural_frequency

    assert natural_frequency(percent) == said


def test_the_percentage_finding_says_which_number_and_how():
    doc = example_document("# Title\n\nAbout 21% of teens sleep too little.")
    (finding,) = [f for f in run_checks(doc, Config(), today=TODAY).findings if f.rule == "PL009"]
    assert "say “21 out of 100” or “about 1 in 5” rather than “21%”" in finding.message
