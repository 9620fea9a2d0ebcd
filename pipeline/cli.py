"""The ``plainprint`` command line: ingest, check, render and build.

Each subcommand lives in ``pipeline/commands/<name>.py`` with ``add_parser`` and ``run``.
Errors in the user's input print one line naming the file and exit 2; ``--debug`` shows
the traceback instead.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from plainprint.pipeline import __version__
from plainprint.pipeline.errors import PlainprintError

COMMANDS = ("ingest", "check", "fix", "render", "build", "index", "serve", "rules")

EPILOG = """\
exit codes: 0 success; 1 checks found problems at the --fail-on level; 2 bad input,
usage or configuration error (one line on stderr names the file and what to do).

configuration: plainprint.toml, or [tool.plainprint] in pyproject.toml, in the current
folder (or --config FILE). See README.md.
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="plainprint",
        description=(
            "Turn scraped health articles into large-print PDFs and plain-language HTML "
            "handouts, and check their reading level, citations and structure like a linter."
        ),
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"plainprint {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks and debug logs")
    parser.add_argument(
        "--config", metavar="FILE", help="configuration file (default: ./plainprint.toml)"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        module = importlib.import_module(f"plainprint.pipeline.commands.{name}")
        module.add_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return 2
    import logging  # not before: `plainprint --help` should start fast

    from plainprint.pipeline.runtime import tune_gc

    tune_gc()

    logging.basicConfig(
        level=logging.DEBUG if args.debug else logging.WARNING,
        format="plainprint: %(levelname)s: %(message)s",
    )
    try:
        return int(args.run(args) or 0)
    except PlainprintError as exc:
        if args.debug:
            raise
        print(f"plainprint: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("plainprint: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
