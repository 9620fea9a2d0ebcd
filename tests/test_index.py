"""The library index (issue 5): one row per source, sortable without script, grade chart."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from plainprint.pipeline.build import build_many
from plainprint.pipeline.config import Config
from plainprint.pipeline.report.index import collect_rows, render_index, write_index
from plainprint.pipeline.sources import discover
from tests.conftest import SEED

EASY = "Flu and you {n}\n\nFlu is common. Rest at home. Drink lots of water. Call us if you feel worse.\n"
HARD = (
    "Pharmacological management {n}\n\nPharmacological interventions demonstrate considerable "
    "heterogeneity regarding immunological efficacy, necessitating individualized therapeutic "
    "consideration of comorbidities and contraindications.\n"
)


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    """The seed plus 20 generated sources, some easy and some hard, checked (no render)."""
    root = tmp_path_factory.mktemp("library")
    src, out = root / "sources", root / "output"
    src.mkdir()
    shutil.copy(SEED, src / "ili-ilp-melanoma.txt")
    for n in range(20):
        text = (EASY if n % 2 else HARD).format(n=n)
        (src / f"handout-{n:02d}.txt").write_text(text, encoding="utf-8")
    (src / "broken.txt").write_bytes(b"")
    outcomes = build_many(discover(src), out, Config(), stages=["document", "report"])
    write_index(out, Config())
    return out, outcomes


def test_index_rows_match_the_reports(library):
    out, outcomes = library
    html = (out / "index.html").read_text(encoding="utf-8")
    rows = collect_rows(out)
    assert len(rows) == 22  # seed + 20 + the broken one
    for name in [o.name for o in outcomes if o.ok]:
        report = json.loads((out / "reports" / f"{name}.json").read_text(encoding="utf-8"))
        row = next(r for r in rows if r["name"] == name)
        assert row["grade"] == report["grade"]
        assert row["passed"] == report["passed"]
        errors = sum(1 for f in report["findings"] if f["severity"] == "error")
        assert row["counts"]["error"] == errors
        # The first (hardest-first) view has this row with the grade shown to one decimal.
        view = html.split('id="by-findings"')[0]
        assert re.search(
            rf"{re.escape(report['title'])}<br><span class=\"name\">{re.escape(name)}</span></th>\s*"
            rf"<td>{report['grade']:.1f}</td>",
            view,
        ), name
    broken = next(r for r in rows if r["name"] == "broken")
    assert "file is empty" in broken["error"]
    assert "Not built" in html


def test_views_are_sorted_and_need_no_script(library):
    out, _ = library
    html = (out / "index.html").read_text(encoding="utf-8")
    assert "<script" not in html.lower()
    by_grade = html.split('id="by-grade"')[1].split('id="by-findings"')[0]
    grades = [float(g) for g in re.findall(r"</th>\s*<td>(\d+\.\d)</td>", by_grade)]
    assert len(grades) == 21 and grades == sorted(grades, reverse=True)
    by_title = html.split('id="by-title"')[1]
    titles = re.findall(r'<th scope="row">([^<]+)<br>', by_title)
    assert titles == sorted(titles, key=str.lower)


def test_chart_is_svg_with_target_line_and_words(library):
    out, _ = library
    rows = collect_rows(out)
    html = render_index(rows, 8)
    svg = re.search(r"<svg.*?</svg>", html, re.S).group(0)
    assert "target-line" in svg and "target 8" in svg
    assert svg.count("<rect") == sum(1 for r in rows if r["grade"] is not None)
    assert "(fail)" in svg and "(pass)" in svg


@pytest.mark.browser
def test_index_passes_axe(browser, library):
    from tests.browser import axe_violations

    out, _ = library
    assert axe_violations(browser, (out / "index.html").as_uri()) == []


@pytest.mark.browser
def test_index_reflows_at_320_px(browser, library):
    """WCAG 1.4.10 (issue 10: the index was 821 px wide at 320 px): the table scrolls inside
    its view, a focusable region labelled by its caption, never the page."""
    from tests.browser import axe_and_reflow

    out, _ = library
    violations, width = axe_and_reflow(browser, (out / "index.html").as_uri())
    assert violations == []
    assert width <= 320, f"the index is {width}px wide at a 320px viewport"
    view = browser.evaluate(
        "(() => { const v = document.querySelector('.view');"
        " return {tab: v.tabIndex, role: v.getAttribute('role'),"
        " label: document.getElementById(v.getAttribute('aria-labelledby')).textContent,"
        " scrolls: v.scrollWidth > v.clientWidth}; })()"
    )
    assert view == {"tab": 0, "role": "region", "label": "Handouts, hardest first", "scrolls": True}


def test_index_lists_only_current_sources(library):
    out, _ = library
    rows = collect_rows(out, {"handout-01", "ili-ilp-melanoma", "gone"})
    assert [r["name"] for r in rows] == ["handout-01", "ili-ilp-melanoma"]
