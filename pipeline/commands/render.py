"""``plainprint render``: registered here; implemented by its own issue."""

from __future__ import annotations

import sys


def add_parser(sub) -> None:
    p = sub.add_parser("render", help="(not yet available)")
    p.add_argument("sources", nargs="*")
    p.set_defaults(run=run)


def run(args) -> int:
    print("plainprint: error: 'render' is not implemented yet", file=sys.stderr)
    return 2
