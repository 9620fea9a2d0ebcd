"""``plainprint serve [SOURCES] [--port N]``: the library, rebuilt and reloaded on every save."""

from __future__ import annotations

import sys
from pathlib import Path

from plainprint.pipeline.commands.common import config_from_args

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def add_parser(sub) -> None:
    p = sub.add_parser(
        "serve",
        help="serve the library on localhost; a saved source is rebuilt and its pages reload",
        description=(
            "Build the sources (default: the sources/ folder) into OUTPUT, then serve OUTPUT at "
            "http://localhost:PORT/: the index, each editor's report and each handout. When a "
            "source, its sidecar, the configuration or a file it names (glossary, swaps) changes, "
            "only what changed is rebuilt and the open pages reload, keeping their place; the "
            "report shows the grade trend of this editing session. Read-only, loopback only."
        ),
        epilog="Ctrl-C stops the server (exit 130).",
    )
    p.add_argument("sources", nargs="*", type=Path, help="source files or folders")
    p.add_argument("-o", "--output", type=Path, help="output folder (default: output)")
    p.add_argument("--port", type=int, default=8000, help="port (default: 8000; 0 picks one)")
    p.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to bind (default: 127.0.0.1; anything else exposes your drafts, with a "
        "warning)",
    )
    p.add_argument("-j", "--jobs", type=int, default=1, help="workers for the first build")
    p.set_defaults(run=run)


def run(args) -> int:
    from plainprint.pipeline.serve import Session, serve

    config = config_from_args(args)
    out = args.output or Path(config.get("output", "output"))
    inputs = args.sources or [Path(config.get("sources", "sources"))]
    if args.host not in LOOPBACK:
        print(
            f"plainprint: warning: serving on {args.host}: other machines can read your drafts; "
            "the server is read-only and checks the Host header, but has no login",
            file=sys.stderr,
        )
    serve(Session(list(inputs), out, config, jobs=max(1, args.jobs)), args.host, args.port)
    return 0
