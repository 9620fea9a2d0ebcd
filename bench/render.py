"""Render benchmark: plainprint's render_pdf vs bare WeasyPrint on the same HTML, same process.

Target (issue 4): plainprint costs at most 10 % more than bare WeasyPrint. "Bare" means
``HTML(string=...).write_pdf(pdf_variant="pdf/ua-1")`` with the same stylesheets and a
shared FontConfiguration, so the difference is plainprint's own work: the Document →
HTML writer, the sanitiser, the log capture and the pikepdf post-processing. Also
measures what reusing the FontConfiguration across a batch saves.

Usage: python bench/render.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def timed(fn, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def pdf_pair(doc, config, base_dir: Path):
    """Two callables rendering ``doc``'s PDF: bare WeasyPrint on plainprint's own page HTML
    and stylesheets (one shared FontConfiguration), and plainprint's ``render_pdf``.

    Also used by ``bench/library.py`` on a sample of the corpus.
    """
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    from plainprint.pipeline.render import render_pdf
    from plainprint.pipeline.render.api import pdf_job
    from plainprint.pipeline.render.fonts import font_face_css
    from plainprint.pipeline.render.pdf import profile_css, templates_dir

    job = pdf_job(doc, config, base_dir=base_dir)
    css_text = (
        font_face_css()
        + (templates_dir() / "pdf" / "style.css").read_text(encoding="utf-8")
        + profile_css(job.settings)
    )
    fc = FontConfiguration()
    sheets = [CSS(string=css_text, font_config=fc)]

    def bare():
        HTML(string=job.html, base_url=job.base_url).write_pdf(
            pdf_variant="pdf/ua-1", stylesheets=sheets, font_config=fc
        )

    def ours():
        render_pdf(doc, config, base_dir=base_dir)

    return bare, ours


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()

    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    from plainprint.pipeline.config import Config
    from plainprint.pipeline.ingest import ingest_path
    from plainprint.pipeline.render.api import pdf_job
    from plainprint.pipeline.render.fonts import font_face_css
    from plainprint.pipeline.render.pdf import profile_css, templates_dir

    seed = ROOT / "sources" / "ili-ilp-melanoma.txt"
    doc = ingest_path(seed)
    config = Config()
    bare, ours = pdf_pair(doc, config, seed.parent)
    job = pdf_job(doc, config, base_dir=seed.parent)
    css_text = (
        font_face_css()
        + (templates_dir() / "pdf" / "style.css").read_text(encoding="utf-8")
        + profile_css(job.settings)
    )
    fc = FontConfiguration()
    sheets = [CSS(string=css_text, font_config=fc)]

    for fn in (bare, ours):  # warm up: imports, font loading, caches
        fn()
    bare_t, ours_t = [], []
    for _ in range(args.runs):  # interleaved, so machine noise hits both equally
        bare_t += timed(bare, 1)
        ours_t += timed(ours, 1)
    b, o = statistics.median(bare_t), statistics.median(ours_t)
    overhead = (o - b) / b * 100
    print(f"seed document, {args.runs} runs each, median:")
    print(f"  bare WeasyPrint (pdf/ua-1): {b * 1000:7.1f} ms")
    print(f"  plainprint render_pdf:      {o * 1000:7.1f} ms")
    print(f"  overhead: {overhead:+.1f} % (target <= 10 %)")

    def batch(shared: bool, n: int = 10) -> float:
        t = time.perf_counter()
        for _ in range(n):
            conf = fc if shared else FontConfiguration()
            css = sheets if shared else [CSS(string=css_text, font_config=conf)]
            HTML(string=job.html, base_url=job.base_url).write_pdf(
                pdf_variant="pdf/ua-1", stylesheets=css, font_config=conf
            )
        return time.perf_counter() - t

    fresh, shared = batch(False), batch(True)
    print(f"batch of 10: fresh FontConfiguration {fresh:.2f} s, shared {shared:.2f} s "
          f"({(shared - fresh) / fresh * 100:+.0f} %)")  # fmt: skip
    return 0 if overhead <= 10 else 1


if __name__ == "__main__":
    sys.exit(main())
