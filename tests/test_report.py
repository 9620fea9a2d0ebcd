"""The editor's report (issue 5): findings in place, scorecard, outline, citations, PEMAT."""

from __future__ import annotations

import re
from html import unescape

import pytest

from plainprint.checks import run_checks
from plainprint.pipeline.config import Config
from plainprint.pipeline.document.build import cite, doc, h, p, refs, ul
from plainprint.pipeline.report import render_report
from plainprint.pipeline.report.highlight import Span, highlight


@pytest.fixture(scope="module")
def seed_report(seed_doc):
    report = run_checks(seed_doc, Config()).to_dict()
    return report, render_report(seed_doc, report)


def _text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", "", html)).split())


def test_every_finding_in_report_json_appears_in_the_report(seed_report):
    report, html = seed_report
    assert report["findings"], "the seed has findings"
    for n, finding in enumerate(report["findings"], 1):
        item = re.search(
            rf'<li id="f{n}" value="{n}" class="sev-{finding["severity"]}" '
            rf'data-rule="{finding["rule"]}">(.*?)</li>',
            html,
            re.S,
        )
        assert item, f"finding {n} ({finding['rule']}) missing"
        assert finding["message"] in _text(item.group(1))
        if finding["location"]["block_id"]:
            # ...and it is flagged in the text with a link to its explanation.
            assert f'href="#f{n}" id="at-f{n}"' in html
    assert len(re.findall(r'<li id="f\d+"', html)) == len(report["findings"])


def test_long_sentences_and_jargon_are_highlighted_with_the_same_counts(seed_report):
    report, html = seed_report
    long_ids = [n for n, f in enumerate(report["findings"], 1) if f["rule"] in ("PL001", "PL002")]
    jargon = [f for f in report["findings"] if f["rule"] in ("PL006", "PL013")]
    assert long_ids and jargon
    for n in long_ids:
        assert f'class="flag flag-long-sentence" href="#f{n}"' in html
    marked = re.findall(r'<mark class="[^"]*\bjargon\b[^"]*">([^<]*)</mark>', html)
    for f in jargon:
        word = f["location"]["excerpt"] if len(f["location"]["excerpt"]) < 30 else None
        if word:
            assert any(word.lower() in m.lower() for m in marked), word
    words = {m.lower() for m in marked}
    assert {"metastatic", "systemic", "locoregional"} <= words
    very_hard = sum(1 for s in report["sentences"] if s["difficulty"] == "very_hard")
    assert html.count('class="flag flag-s-very-hard"') == very_hard


def test_scorecard_says_pass_or_fail_in_words(seed_report):
    report, html = seed_report
    text = _text(html)
    assert report["grade"] > 8
    assert f"Fail: reading grade {report['grade']:.1f} (SMOG) is above" in text
    assert "is above the target of 8" in text
    for label in (
        "SMOG grade",
        "Flesch-Kincaid grade",
        "Flesch Reading Ease",
        "FORCAST grade",
        "Dale-Chall score",
        "Coleman-Liau grade",
        "Gunning Fog index",
        "Automated Readability Index",
        "Health vocabulary",
    ):
        assert label in text
    assert "The words behind the score" in text and "chemotherapy" in text


def test_outline_and_citation_table(seed_report):
    _, html = seed_report
    text = _text(html)
    assert text.count("H2") >= 8
    # 12 markers, 13 marker→reference rows (lives.1,3 points to two), and ref 2 never cited.
    rows = re.findall(r"<tr><td>\[([^\]]+)\] → (\d+)</td>", html)
    assert len(rows) == 13
    assert sum(1 for _, key in rows if key == "1") == 8
    assert "none → 2" in text and "never cited" in text.lower()


def test_pemat_checklist_scores_and_lists_items_for_a_person(seed_report):
    _, html = seed_report
    text = _text(html)
    assert re.search(r"Automatic score: \d+%", text)
    assert "5. The material uses the active voice." in text
    assert "Items for a person to sign off" in text
    assert "10. The material presents information in a logical sequence." in text


def test_report_has_no_script_and_escapes_source_text():
    d = doc(
        h(1, "Flu <script>alert(1)</script>"),
        p("Call us <img src=x onerror=alert(1)> today.", cite("1")),
        ul("Rest <b onclick=x>now</b>."),
        refs("javascript:alert(1) Evil reference."),
    )
    html = render_report(d, run_checks(d, Config()).to_dict())
    assert "<script" not in html.lower()
    assert "onerror" not in html.replace("onerror=alert(1)&gt;", "") or "&lt;img" in html
    assert not re.search(r"<[^>]+\son\w+=", html)
    assert 'href="javascript:' not in html


def test_highlight_handles_overlaps_and_citations():
    from plainprint.pipeline.document.nodes import Citation, Text

    content = (Text("Rest now. Drink water."), Citation(refs=("1",), raw="1"))
    text = "Rest now. Drink water."
    spans = [
        Span(0, 9, "sentence", "s-hard", "s1", "legend-s-hard", "hard", "hard sentence"),
        Span(5, 15, "finding", "jargon", "f1", "f1", "1", "finding 1"),
    ]
    html = highlight(text, content, spans)
    visible = re.sub(r'<span class="visually-hidden">[^<]*</span>', "", html)
    assert unescape(re.sub(r"<[^>]+>", "", visible)) == "Rest now.hard Drink1 water.[1]"
    assert '<span class="s-hard"><mark class="jargon">now.</mark></span>' in html
    assert html.endswith('<sup class="cite">[1]</sup>')


@pytest.mark.browser
def test_report_passes_axe(browser, seed_report, tmp_path):
    from tests.browser import axe_violations

    _, html = seed_report
    path = tmp_path / "report.html"
    path.write_text(html, encoding="utf-8")
    assert axe_violations(browser, path.as_uri()) == []


@pytest.mark.browser
def test_report_reflows_at_320_px_and_a_wide_table_scrolls_in_its_own_region(
    browser, seed_report, tmp_path
):
    """WCAG 1.4.10: the page never scrolls sideways; a wide table scrolls inside a focusable,
    labelled region (the seed report was 421 px wide at 320 px; issue 10)."""
    from plainprint.pipeline.document import Table, Text
    from tests.browser import axe_and_reflow

    wide = Table(
        header=(tuple((Text(f"Column heading {n}"),) for n in range(8)),),
        rows=(tuple((Text(f"Dose{n}mgPerKilogramOfBodyWeight"),) for n in range(8)),),
        caption=(Text("Doses by weight"),),
    )
    d = doc(h(1, "Doses"), p("The table gives the doses."), wide, title="Doses")
    pages = {"seed": seed_report[1], "wide": render_report(d, run_checks(d, Config()).to_dict())}
    for name, html in pages.items():
        path = tmp_path / f"{name}.html"
        path.write_text(html, encoding="utf-8")
        violations, width = axe_and_reflow(browser, path.as_uri())
        assert violations == [], name
        assert width <= 320, f"{name}: the report is {width}px wide at a 320px viewport"
    regions = browser.evaluate(
        "Array.from(document.querySelectorAll('[role=region]')).map(e => ({"
        "tab: e.tabIndex, label: e.getAttribute('aria-labelledby') || e.getAttribute('aria-label'),"
        "scrolls: e.scrollWidth > e.clientWidth}))"
    )
    assert any(r["scrolls"] for r in regions), "the wide table should scroll inside its region"
    assert all(r["tab"] == 0 and r["label"] for r in regions), regions


def test_citations_in_tables_and_quotes_count_in_checks_and_report():
    from plainprint.pipeline.document import BlockQuote, Table, Text

    d = doc(
        h(1, "Flu"),
        p("Flu spreads fast in winter."),
        Table(
            header=(((Text("Group"),), (Text("Risk"),)),),
            rows=(((Text("Over 65"),), (Text("High "), cite("1"))),),
        ),
        BlockQuote(blocks=(p("Rest and drink water.", cite("2")),)),
        refs("CDC. Flu risk. https://www.cdc.gov/flu/", "NHS. Flu care. https://www.nhs.uk/flu/"),
    )
    report = run_checks(d, Config()).to_dict()
    assert not [f for f in report["findings"] if f["rule"] == "CT002"], "both references are cited"
    html = render_report(d, report)
    rows = re.findall(r"<tr><td>\[([^\]]+)\] → (\d+)</td>", html)
    assert rows == [("1", "1"), ("2", "2")]
    assert "never cited" not in html


def test_pemat_counts_findings_by_rule_code():
    from plainprint.pipeline.report.pemat import assess

    d = doc(h(1, "Flu"), h(2, "What to do"), p("About 12.5% of people get flu each year."))
    report = {
        "counts": {"words": 8, "active_share": 1.0},
        "findings": [
            {"rule": "PL010", "name": "uncited-statistic"},  # not a confusing number
            {"rule": "HD008", "name": "section-without-subheading"},  # a long section
        ],
    }
    items = {i.number: i for i in assess(d, report)["items"]}
    assert items[6].met is True and "0 confusing numbers" in items[6].evidence
    assert items[8].met is False and "1 long paragraphs or sections" in items[8].evidence
