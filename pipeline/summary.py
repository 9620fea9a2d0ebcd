"""``python -m plainprint.pipeline.summary [-o OUTPUT] [SOURCES]``: the table `make` prints at the end.

Kept import-light (no WeasyPrint, no checks) so a no-op `make` stays fast.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from plainprint.pipeline.build import format_summary, outcomes_from_disk
from plainprint.pipeline.sources import resolve


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m plainprint.pipeline.summary", description=__doc__
    )
    parser.add_argument("sources", nargs="*", type=Path, default=[Path("sources")])
    parser.add_argument("-o", "--output", type=Path, default=Path("output"))
    args = parser.parse_args(argv)
    sources = resolve(args.sources)
    for source in sources:
        if source.note():
            print(f"plainprint: {source.note()}", file=sys.stderr)
    outcomes = outcomes_from_disk(sources, args.output)
    if not outcomes:
        print("plainprint: no sources found", file=sys.stderr)
        return 0
    print(format_summary(outcomes))
    return 0 if all(o.ok for o in outcomes) else 2


if __name__ == "__main__":
    sys.exit(main())
