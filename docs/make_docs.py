"""Regenerate docs/*.png: the seed's large-print PDF pages, the picture in the README.

Renders sources/ili-ilp-melanoma.txt with the screen profile and rasterises pages with
poppler's pdftoppm (Debian poppler-utils). Run by `make docs`.
"""

from __future__ import annotations

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
    from pipeline.config import Config
    from pipeline.ingest import ingest_path
    from pipeline.render import render_pdf

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
    return 0


if __name__ == "__main__":
    sys.exit(main())
