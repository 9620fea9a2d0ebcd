"""The HTML handout in headless Chromium: axe-core WCAG 2.2 A/AA, reflow at 320 px, text spacing.

Chromium is driven over the DevTools protocol (the `websockets` package); Debian's
/usr/bin/chromium is launched directly, never downloaded. Without Chromium the tests skip
with a reason, except in CI, where they fail.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from plainprint.pipeline.config import Config
from plainprint.pipeline.document import Figure, Table, Text
from plainprint.pipeline.document.build import doc, h, p, refs, ul
from plainprint.pipeline.render import render_html
from tests.browser import AXE, TAGS

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent


def _rich_doc(tmp_path: Path):
    """A handout exercising every block type, glossary terms and key points."""
    (tmp_path / "pic.png").write_bytes(_PNG)
    d = doc(
        h(1, "Treatment for metastatic melanoma"),
        p("Some melanoma is metastatic. Ask your care team before you start."),
        h(2, "What happens"),
        ul("You rest first.", "The team checks your blood."),
        Table(
            header=((tuple([Text("Step")]), tuple([Text("How long")])),),
            rows=((tuple([Text("Infusion")]), tuple([Text("30 minutes")])),),
            caption=(Text("Steps of the treatment"),),
        ),
        Figure(src="pic.png", alt="A nurse checks a drip", caption=(Text("The drip"),)),
        Figure(src="pic.png", alt=""),
        h(2, "References"),
        refs("Example source. https://example.org/a-very-long-path/that/keeps/going/on/and/on"),
        title="Treatment for metastatic melanoma",
        key_points=("Melanoma can spread.", "Treatment can help."),
    )
    return d


def _issue10_doc():
    """Real-page shapes from issue 10: skipped heading levels, tables without header rows
    (first row, first column, neither), a wide table and a link with no text."""
    from plainprint.pipeline.document import Link

    def row(*cells):
        return tuple((Text(c),) for c in cells)

    wide = tuple(f"Column heading number {n}" for n in range(12))
    return doc(
        h(4, "Side effects you may notice after treatment"),
        p("Most side effects are mild and go away. ", Link("https://example.org/x", (Text(" "),))),
        h(6, "Skin"),
        Table(header=(), rows=(row("Drug", "Dose"), row("Aspirin", "100 mg"))),
        Table(header=(), rows=(row("Dose", "5 mg"), row("Age", "12 years"))),
        Table(header=(), rows=(row("12", "14"), row("", "3"))),
        h(2, "A wide table"),
        Table(header=(), rows=(row(*wide), row(*(f"{n} mg" for n in range(12))))),
        title="After treatment",
    )


_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360606060000000050001a5f645400000000049454e44ae426082"
)


def _handouts(seed_doc, tmp_path):
    rich = _rich_doc(tmp_path)
    out = []
    cases = (
        ("seed", seed_doc, ROOT / "sources"),
        ("rich", rich, tmp_path),
        ("issue10", _issue10_doc(), tmp_path),
    )
    for name, d, base in cases:
        path = tmp_path / f"{name}.html"
        path.write_text(render_html(d, Config(), base_dir=base), encoding="utf-8")
        out.append((name, path))
    return out


def test_axe_wcag22_aa_zero_violations_and_no_requests(browser, seed_doc, tmp_path):
    axe = AXE.read_text(encoding="utf-8")
    for name, path in _handouts(seed_doc, tmp_path):
        browser.open(path.as_uri())
        requests = [
            e["params"]["request"]["url"]
            for e in browser.events
            if e.get("method") == "Network.requestWillBeSent"
            and not e["params"]["request"]["url"].startswith("data:")
        ]
        assert requests == [path.as_uri()], f"{name}: unexpected requests {requests}"
        browser.evaluate(axe)
        result = browser.evaluate(
            f"axe.run(document, {{runOnly: {{type: 'tag', values: {json.dumps(TAGS)}}}}})"
            ".then(r => ({violations: r.violations.map(v => ({id: v.id, nodes: v.nodes.map(n => n.html)})),"
            " passes: r.passes.length}))",
            await_promise=True,
        )
        assert result["violations"] == [], f"{name}: {result['violations']}"
        assert result["passes"] >= 10  # axe really ran its rules
        assert browser.evaluate("document.querySelectorAll('h1').length") == 1
        assert browser.evaluate("document.querySelectorAll('script').length") == 0
        size = browser.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
        assert size >= 18


def test_reflow_at_320_px_and_text_spacing(browser, seed_doc, tmp_path):
    spacing = (
        "var s=document.createElement('style');s.textContent='*{line-height:1.5!important;"
        "letter-spacing:0.12em!important;word-spacing:0.16em!important}"
        "p{margin-bottom:2em!important}';document.head.appendChild(s);"
    )
    clipped = (
        "Array.from(document.querySelectorAll('body *')).filter(e => {"
        "const s = getComputedStyle(e); return (s.overflow === 'hidden' || s.overflowY === 'hidden')"
        " && (e.scrollHeight > e.clientHeight + 1 || e.scrollWidth > e.clientWidth + 1);}).length"
    )
    for name, path in _handouts(seed_doc, tmp_path):
        browser.open(path.as_uri(), width=320, height=256)
        width = browser.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, f"{name}: page is {width}px wide at a 320px viewport"
        browser.evaluate(spacing)
        assert browser.evaluate("document.documentElement.scrollWidth") <= 320, name
        assert browser.evaluate(clipped) == 0, f"{name}: text clipped with text-spacing overrides"
        # Measure: about 70 characters at desktop width.
        browser.viewport(1280, 900)
        main_width = browser.evaluate(
            "document.querySelector('main').getBoundingClientRect().width"
        )
        char = browser.evaluate(
            "(() => {const s=document.createElement('span');s.textContent='abcdefghij'.repeat(7);"
            "document.querySelector('main p').appendChild(s);const w=s.getBoundingClientRect().width;"
            "s.remove();return w/70;})()"
        )
        assert 55 <= main_width / char <= 85, f"{name}: measure {main_width / char:.0f} characters"
