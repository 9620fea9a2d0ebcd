"""``plainprint check``: registered here; implemented by its own issue."""

from __future__ import annotations

import sys


def add_parser(sub) -> None:
    p = sub.add_parser("check", help="(not yet available)")
    p.add_argument("sources", nargs="*")
    p.set_defaults(run=run)


def run(args) -> int:
    print("plainprint: error: 'check' is not implemented yet", file=sys.stderr)
    return 2
