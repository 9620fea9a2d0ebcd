"""Conformance of the corpus build: two independent PDF/UA-1 checkers and axe-core.

Builds every real page of ``../shared/corpus/extraction`` (the synthetic pages listed in
``synthetic-pages.txt`` aside) plus the seed, in both profiles (``plainprint build -j 2
--print``), then checks every PDF with ``outloud`` and ``pdfua`` and every HTML output
(handouts, editor's reports, the index) with axe-core (WCAG 2.2 A/AA) and a 320 CSS px
reflow measure in headless Chromium. tests/test_conformance_corpus.py asserts on the same
functions; this script writes the warnings summary, ``bench/conformance-warnings.md``.

Usage: python bench/conformance.py [--out DIR] [--no-build] [--md FILE]
Exit 1 when any PDF has a checker error or any HTML page fails axe or reflow.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared"
CORPUS = ("readability", "wcxb-health", "wcxb-articles")
SEED = ROOT / "sources" / "ili-ilp-melanoma.txt"
CHECKERS = ("outloud", "pdfua")


def corpus_sources(shared: Path, dest: Path) -> list[Path]:
    """Link each real corpus page (and the seed) into ``dest`` as ``<folder>-<page>.html``.

    Links, not copies: the corpus stays in ../shared and the names stay unique.
    """
    root = shared / "corpus" / "extraction"
    skip = {
        line.strip()
        for line in (root / "synthetic-pages.txt").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    dest.mkdir(parents=True, exist_ok=True)
    out = []
    for folder in CORPUS:
        for page in sorted((root / folder).iterdir()):
            if f"{folder}/{page.name}" in skip or not (page / "source.html").is_file():
                continue
            link = dest / f"{folder}-{page.name}.html"
            link.symlink_to(page / "source.html")
            out.append(link)
    seed = dest / SEED.name
    seed.symlink_to(SEED)
    return [*out, seed]


def build(sources: Path, out: Path, jobs: int = 2) -> subprocess.CompletedProcess:
    """``plainprint build SOURCES -o OUT -j JOBS --print``: screen and print PDFs, HTML, index."""
    return subprocess.run(
        [sys.executable, "-m", "plainprint", "build", str(sources), "-o", str(out)]
        + ["-j", str(jobs), "--print", "-q"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def check_pdf(path: str) -> dict:
    """Both checkers on one PDF: findings by checker as {severity, rule, message, count},
    plus the rules a checker could not run (``skipped``) and an unreadable file (``error``)."""
    import outloud
    import pdfua

    result: dict = {"path": path}
    ol = outloud.check(path)
    result["outloud"] = {
        "error": ol.error,
        "findings": [
            {"severity": f.severity, "rule": f.rule, "message": f.message, "count": f.count}
            for f in ol.findings
            if f.severity in ("error", "warning")
        ],
        "skipped": sorted({r.rule for r in ol.runs if r.status == "crashed"}),
    }
    try:
        report = pdfua.validate(path)
    except pdfua.PdfuaError as exc:
        result["pdfua"] = {"error": str(exc), "findings": [], "skipped": []}
        return result
    result["pdfua"] = {
        "error": None,
        "findings": [
            {
                "severity": f.severity.name.lower(),
                "rule": f.rule_id,
                "message": f.message,
                "count": 1,
            }
            for f in report.findings
            if f.severity >= pdfua.Severity.WARNING
        ],
        "skipped": sorted(f"{o.rule_id}: {o.skipped_reason.split(':')[0]}" for o in report.skipped),
    }
    return result


def check_pdfs(paths: list[Path], jobs: int = 2) -> list[dict]:
    """``check_pdf`` over every PDF, ``jobs`` processes at once, in path order."""
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(check_pdf, [str(p) for p in paths], chunksize=8))


def pdf_errors(results: list[dict], checker: str) -> dict[str, list[str]]:
    """File → "RULE ×n: message" lines for each error kind ``checker`` found there."""
    out: dict[str, list[str]] = {}
    for r in results:
        res = r[checker]
        kinds: Counter = Counter()
        first: dict[str, str] = {}
        for f in res["findings"]:
            if f["severity"] == "error":
                kinds[f["rule"]] += f["count"]
                first.setdefault(f["rule"], f["message"])
        lines = [f"{rule} ×{n}: {first[rule][:120]}" for rule, n in sorted(kinds.items())]
        if res["error"]:
            lines.append(f"unreadable: {res['error']}")
        if lines:
            out[r["path"]] = lines
    return out


def html_pages(out: Path) -> list[Path]:
    """Every HTML output of a build: handouts, editor's reports and the index."""
    return [
        *sorted((out / "html").glob("*.html")),
        *sorted((out / "reports").glob("*.html")),
        out / "index.html",
    ]


def check_html(browser, pages: list[Path]) -> list[dict]:
    """axe-core (WCAG 2.2 A/AA) and the width at 320 CSS px, one load per page, one browser."""
    from tests.browser import axe_and_reflow

    results = []
    for page in pages:
        violations, width = axe_and_reflow(browser, page.resolve().as_uri())
        results.append({"path": str(page), "violations": violations, "width": width})
    return results


def summary(pdf_results: list[dict], html_results: list[dict], sources: int) -> str:
    """The Markdown summary: errors and warnings per checker and kind, with file counts."""
    lines = [
        "# Conformance of the corpus build",
        "",
        "Written by `make bench-conformance` (`bench/conformance.py`): every real page of",
        "`../shared/corpus/extraction` plus the seed, "
        f"{sources} sources, built with `plainprint build -j 2 --print`; "
        f"{len(pdf_results)} PDFs (screen and print) and {len(html_results)} HTML pages checked.",
        "",
    ]
    for checker in CHECKERS:
        tally: dict[tuple[str, str], list] = defaultdict(lambda: [0, set(), ""])
        skipped: Counter = Counter()
        unreadable = 0
        for r in pdf_results:
            res = r[checker]
            unreadable += bool(res["error"])
            skipped.update(res["skipped"])
            for f in res["findings"]:
                entry = tally[(f["severity"], f["rule"])]
                entry[0] += f["count"]
                entry[1].add(r["path"])
                entry[2] = entry[2] or f["message"]
        lines += [f"## {checker}", ""]
        if not tally:
            lines.append("No errors or warnings.")
        else:
            lines += [
                "| severity | rule | findings | PDFs | first message |",
                "| --- | --- | --- | --- | --- |",
            ]
            for (sev, rule), (n, files, msg) in sorted(tally.items()):
                msg = " ".join(msg.split())[:140].replace("|", "\\|")
                lines.append(f"| {sev} | {rule} | {n} | {len(files)} | {msg} |")
        if skipped:
            lines += ["", "Rules the checker could not run (not counted as passes):", ""]
            lines += [f"- {rule} (on {n} PDFs)" for rule, n in sorted(skipped.items())]
        if unreadable:
            lines += ["", f"Unreadable PDFs: {unreadable}."]
        lines.append("")
    axe: Counter = Counter()
    pages: dict[str, set] = defaultdict(set)
    for r in html_results:
        for v in r["violations"]:
            axe[v["id"]] += 1
            pages[v["id"]].add(r["path"])
    wide = [r for r in html_results if r["width"] > 320]
    lines += ["## HTML: axe-core (WCAG 2.2 A/AA) and reflow at 320 CSS px", ""]
    if axe:
        lines += ["| axe rule | pages |", "| --- | --- |"]
        lines += [f"| {rule} | {len(pages[rule])} |" for rule in sorted(axe)]
    else:
        lines.append("No axe violations.")
    lines += ["", f"Pages wider than 320 px: {len(wide)}."]
    lines += [f"- {Path(r['path']).name}: {r['width']} px" for r in wide[:20]]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="build folder (default: a temporary one)")
    parser.add_argument("--no-build", action="store_true", help="check an existing --out build")
    parser.add_argument("--md", type=Path, default=ROOT / "bench" / "conformance-warnings.md")
    args = parser.parse_args()
    if not SHARED.is_dir():
        print("needs ../shared (the team corpus)", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="plainprint-conformance-"))
    out = args.out or work / "output"
    sources = corpus_sources(SHARED, work / "sources")
    if not args.no_build:
        done = build(work / "sources", out)
        if done.returncode:
            print(done.stdout[-2000:], done.stderr[-2000:], file=sys.stderr)
    pdfs = sorted((out / "pdf").glob("*.pdf")) + sorted((out / "print").glob("*.pdf"))
    pdf_results = check_pdfs(pdfs)
    from tests.browser import Browser, chromium_executable

    exe = chromium_executable()
    if exe is None:
        print("needs chromium (apt-get install chromium)", file=sys.stderr)
        return 2
    browser = Browser(exe)
    try:
        html_results = check_html(browser, html_pages(out))
    finally:
        browser.close()
    (out / "conformance.json").write_text(
        json.dumps({"pdf": pdf_results, "html": html_results}, indent=1), encoding="utf-8"
    )
    text = summary(pdf_results, html_results, len(sources))
    args.md.write_text(text, encoding="utf-8")
    print(text)
    print(f"wrote {args.md} and {out / 'conformance.json'}")
    failed = any(pdf_errors(pdf_results, c) for c in CHECKERS) or any(
        r["violations"] or r["width"] > 320 for r in html_results
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
