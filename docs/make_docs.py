"""Regenerate docs/*.png, the pictures in the README.

- the seed's large-print PDF pages, rasterised with poppler's pdftoppm (Debian poppler-utils);
- screenshots of the seed's editor's report and of the library index, taken with Debian's
  headless Chromium (never a downloaded browser).

Run by `make docs`.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PAGES = 2  # the first pages show the title, headings, body and "Page N of M"
DPI = 60


def main() -> int:
    from plainprint.pipeline.config import Config
    from plainprint.pipeline.ingest import ingest_path
    from plainprint.pipeline.render import render_pdf

    if shutil.which("pdftoppm") is None:
        print("make_docs: needs pdftoppm (apt-get install poppler-utils)", file=sys.stderr)
        return 2
    seed = ROOT / "sources" / "ili-ilp-melanoma.txt"
    pdf = render_pdf(ingest_path(seed), Config(), base_dir=seed.parent)
    out = ROOT / "docs"
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "seed.pdf"
        src.write_bytes(pdf)
        subprocess.run(
            ["pdftoppm", "-png", "-r", str(DPI), "-f", "1", "-l", str(PAGES), str(src),
             str(Path(tmp) / "page")],
            check=True,
        )  # fmt: skip
        for n, png in enumerate(sorted(Path(tmp).glob("page-*.png")), 1):
            target = out / f"seed-page-{n}.png"
            shutil.copyfile(png, target)
            print(target.relative_to(ROOT))
    return screenshots(out)


CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
]  # fmt: skip


def screenshots(out: Path) -> int:
    """The editor's report and the library index for the seed, as the README shows them."""
    from plainprint.checks import run_checks
    from plainprint.pipeline.config import Config
    from plainprint.pipeline.ingest import ingest_path
    from plainprint.pipeline.report import render_report
    from plainprint.pipeline.report.index import write_index

    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(chromium).exists():
        print("make_docs: needs chromium (apt-get install chromium)", file=sys.stderr)
        return 2
    seed = ROOT / "sources" / "ili-ilp-melanoma.txt"
    doc = ingest_path(seed)
    report = run_checks(doc, Config()).to_dict()
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        (tmpdir / "reports").mkdir()
        (tmpdir / "reports" / "ili-ilp-melanoma.json").write_text(json.dumps(report))
        report_html = tmpdir / "reports" / "ili-ilp-melanoma.html"
        report_html.write_text(render_report(doc, report), encoding="utf-8")
        index_html = write_index(tmpdir, Config())
        for page, name, size in (
            (report_html, "report.png", "1000,1500"),
            (index_html, "index.png", "1000,800"),
        ):
            target = out / name
            subprocess.run(
                [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={tmpdir / 'profile'}",
                 f"--screenshot={target}", f"--window-size={size}", page.as_uri()],
                check=True, capture_output=True, timeout=120,
            )  # fmt: skip
            print(target.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
