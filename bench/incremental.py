"""Benchmark: a no-op `make` over 100 built sources (target: under 1 s), and a one-file rebuild.

Run on demand: `.venv/bin/python bench/incremental.py [--sources 100]`. The first full build
takes minutes (one process per stage per source); only the timings after it are reported.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEXT = (
    "Handout number {n}\n\nThis is handout {n}. Flu is an illness that spreads fast. "
    "Rest at home. Drink water. Call us if you feel worse.\n\nWhen to get help\n\n"
    "Get help if you have trouble breathing or a fever for more than {n} days.\n"
)


def make(src: Path, out: Path, jobs: int) -> float:
    start = time.perf_counter()
    subprocess.run(
        ["make", "-C", str(ROOT), f"-j{jobs}", f"SRC={src}", f"OUT={out}", "all"],
        check=False,
        capture_output=True,
        env={**os.environ, "CI": "true"},
    )
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sources", type=int, default=100)
    parser.add_argument("-j", "--jobs", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp) / "sources", Path(tmp) / "output"
        src.mkdir()
        for n in range(args.sources):
            (src / f"handout-{n:03d}.txt").write_text(TEXT.format(n=n + 1), encoding="utf-8")
        full = make(src, out, args.jobs)
        noop = min(make(src, out, args.jobs) for _ in range(3))
        (src / "handout-007.txt").write_text(TEXT.format(n=777), encoding="utf-8")
        one = make(src, out, args.jobs)
    print(f"sources: {args.sources}, make -j{args.jobs}")
    print(f"full build:        {full:8.2f} s")
    print(f"no-op make:        {noop:8.3f} s   (target < 1 s)")
    print(f"one source edited: {one:8.2f} s")
    return 0 if noop < 1.0 else 1


if __name__ == "__main__":
    sys.exit(main())
