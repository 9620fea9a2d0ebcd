"""Conformance on real pages (issue 10): the whole corpus build passes independent checkers.

Every real page of ../shared/corpus/extraction plus the seed is built once per session
(``plainprint build -j 2 --print``: screen and print PDFs, handouts, editor's reports, the
index); then every PDF must have 0 errors from both ``outloud`` and ``pdfua``, and every HTML
output 0 axe-core violations (WCAG 2.2 A/AA) and no page-level horizontal scroll at 320 CSS px.
Warnings and the full results go to ``conformance.json`` and ``conformance-warnings.md`` in the
build folder (``make bench-conformance`` writes bench/conformance-warnings.md the same way).
A failure lists each file with each error kind, per checker.
"""

from __future__ import annotations

import json

import pytest

from bench.conformance import (
    CHECKERS,
    build,
    check_html,
    check_pdfs,
    corpus_sources,
    html_pages,
    pdf_errors,
    summary,
)
from tests import paths

pytestmark = [pytest.mark.shared, pytest.mark.slow]
ROOT = paths.ROOT


@pytest.fixture(scope="module")
def corpus_build(shared_dir, tmp_path_factory):
    """The corpus built once: (sources, output folder, build result)."""
    work = tmp_path_factory.mktemp("conformance")
    sources = corpus_sources(shared_dir, work / "sources")
    out = work / "output"
    return sources, out, build(work / "sources", out, jobs=2)


@pytest.fixture(scope="module")
def pdf_results(corpus_build):
    _, out, _ = corpus_build
    pdfs = sorted((out / "pdf").glob("*.pdf")) + sorted((out / "print").glob("*.pdf"))
    results = check_pdfs(pdfs, jobs=2)
    (out / "conformance-pdf.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    return results


@pytest.fixture(scope="module")
def html_results(corpus_build, browser):
    _, out, _ = corpus_build
    results = check_html(browser, html_pages(out))
    (out / "conformance-html.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    return results


def test_every_source_builds_in_both_profiles(corpus_build):
    sources, out, done = corpus_build
    assert len(sources) > 250, "the corpus has about 290 real pages"
    errors = (
        sorted(p.name for p in (out / "errors").glob("*.txt")) if (out / "errors").exists() else []
    )
    assert done.returncode == 0 and not errors, f"not built: {errors}\n{done.stderr[-3000:]}"
    for folder, ext in (("pdf", "pdf"), ("print", "pdf"), ("html", "html")):
        assert len(list((out / folder).glob(f"*.{ext}"))) == len(sources), folder
    assert len(list((out / "reports").glob("*.html"))) == len(sources)
    assert (out / "index.html").is_file()


@pytest.mark.parametrize("checker", CHECKERS)
def test_pdfs_have_no_checker_errors(pdf_results, corpus_build, checker):
    sources, out, _ = corpus_build
    assert len(pdf_results) == 2 * len(sources), "a screen and a print PDF per source"
    failures = pdf_errors(pdf_results, checker)
    report = "\n".join(
        f"{path}\n  " + "\n  ".join(lines) for path, lines in sorted(failures.items())
    )
    assert not failures, (
        f"{checker}: {len(failures)} of {len(pdf_results)} PDFs have errors "
        f"(details: {out / 'conformance-pdf.json'}):\n{report}"
    )


@pytest.mark.browser
def test_html_outputs_pass_axe_and_reflow_at_320_px(html_results, corpus_build):
    sources, out, _ = corpus_build
    # Each handout, each editor's report and the index.
    assert len(html_results) == 2 * len(sources) + 1
    bad = [
        f"{r['path']}: {r['width']}px wide; axe: "
        + ", ".join(f"{v['id']} ({v['nodes'][:1]})" for v in r["violations"])
        for r in html_results
        if r["violations"] or r["width"] > 320
    ]
    assert not bad, f"{len(bad)} of {len(html_results)} HTML pages fail:\n" + "\n".join(bad)


@pytest.mark.browser
def test_warnings_are_written_down_and_explained(pdf_results, html_results, corpus_build):
    """Warnings do not fail the build, but each kind is in the report and is either fixed or
    explained in the README's accessibility section (by its rule id)."""
    sources, out, _ = corpus_build
    text = summary(pdf_results, html_results, len(sources))
    (out / "conformance-warnings.md").write_text(text, encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Accessibility") :]
    section = section[: section.find("\n## ", 3)]
    unexplained = set()
    for r in pdf_results:
        for checker in CHECKERS:
            for f in r[checker]["findings"]:
                if f["severity"] == "warning":
                    assert f"| warning | {f['rule']} |" in text
                    if f["rule"] not in section:
                        unexplained.add(f"{checker} {f['rule']}: {f['message'][:100]}")
    assert not unexplained, "warning kinds the README does not explain:\n" + "\n".join(
        sorted(unexplained)
    )


def test_no_notdef_glyph_in_any_pdf(corpus_build):
    """Every script prints (issue 10, point 4): no glyph the embedded font lacks, in any PDF."""
    import pikepdf

    from tests.render.test_render_scripts import notdef_glyphs

    _, out, _ = corpus_build
    pdfs = sorted((out / "pdf").glob("*.pdf")) + sorted((out / "print").glob("*.pdf"))
    assert pdfs
    missing = {}
    for path in pdfs:
        with pikepdf.open(path) as pdf:
            if count := notdef_glyphs(pdf):
                missing[path.name] = count
    assert not missing, f".notdef glyphs in {len(missing)} PDFs: {missing}"
