"""``plainprint build [SOURCES] [-o OUTPUT] [-j N]``: the whole pipeline in one process."""

from __future__ import annotations

import sys
from pathlib import Path

# The build machinery is imported in run(): `plainprint --help` imports every command module.
STAGES = ("document", "report", "render", "print")  # pipeline.build.STAGES (a test checks)


def add_parser(sub) -> None:
    p = sub.add_parser(
        "build",
        help="build every source: Document, check report, PDF and HTML, then the index",
        description=(
            "Build sources (default: the sources/ folder) into OUTPUT: documents/<name>.json, "
            "reports/<name>.json and .html, pdf/<name>.pdf, html/<name>.html, print/<name>.pdf "
            '(with --print or render.profile = "print"), and index.html. A source that cannot be '
            "built is reported with its reason and the others are still built. Exit 0 when "
            "everything was built, 2 when something could not be."
        ),
    )
    p.add_argument(
        "sources", nargs="*", type=Path, help="source files, Document JSON files or folders"
    )
    p.add_argument("-o", "--output", type=Path, help="output folder (default: output)")
    p.add_argument(
        "-j",
        "--jobs",
        type=_positive,
        default=None,
        help="parallel workers, at least 1 (default: one per core, at most 4)",
    )
    p.add_argument(
        "--only",
        action="append",
        choices=(*STAGES, "index"),
        help="run only these stages (repeatable); used by the Makefile's per-source rules",
    )
    p.add_argument(
        "--print", dest="print_profile", action="store_true", help="also build print-shop PDFs"
    )
    p.add_argument(
        "--shard",
        type=_shard,
        metavar="K/N",
        help="build only shard K of N (a stable share by source name), for a CI matrix of N "
        "runners; merge their outputs with `plainprint index`",
    )
    p.add_argument(
        "--executor",
        metavar="URL",
        help="run the per-source work elsewhere: dask://HOST:PORT sends it to a Dask cluster "
        "(pip install 'plainprint[dask]'; the workers must see the same files)",
    )
    p.add_argument("-q", "--quiet", action="store_true", help="no progress, no summary")
    p.set_defaults(run=run)


def _shard(text: str) -> tuple[int, int]:
    import argparse

    k, _, n = text.partition("/")
    if not (k.isdigit() and n.isdigit() and 1 <= int(k) <= int(n)):
        raise argparse.ArgumentTypeError(f"{text!r} is not a shard (use K/N, e.g. 2/4)")
    return int(k), int(n)


def _positive(text: str) -> int:
    import argparse

    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of workers (use 1 or more)")
    return value


def _progress_printer(quiet: bool):
    from plainprint.pipeline.build import stream_is_interactive

    if quiet:
        return None, None
    if stream_is_interactive():
        from tqdm import tqdm

        bar = tqdm(total=0, unit="source", file=sys.stderr, leave=False)

        def tick(outcome, n, total):
            bar.total = total
            bar.set_postfix_str(outcome.name[:30])
            bar.update(1)
            if not outcome.ok:
                bar.write(f"plainprint: error: {outcome.error}", file=sys.stderr)
            elif outcome.note:
                bar.write(f"plainprint: {outcome.note}", file=sys.stderr)

        return tick, bar

    def line(outcome, n, total):
        status = (
            f"error: {outcome.error}"
            if not outcome.ok
            else "ok"
            if outcome.written
            else "up to date"
        )
        print(f"[{n}/{total}] {outcome.name}: {status}", file=sys.stderr)
        if outcome.note:
            print(f"plainprint: {outcome.note}", file=sys.stderr)

    return line, None


def _write_index(out: Path, config, names: set[str], manifest) -> None:
    """Rewrite the index only when a report, an error or a listed output changed."""
    from plainprint.pipeline.manifest import index_key

    key = index_key(manifest, names, out, config)
    if key == manifest.index_key and (out / "index.html").exists():
        return
    from plainprint.pipeline.report.index import write_index

    write_index(out, config, names)
    manifest.index_key = key
    manifest.save(out)


def run(args) -> int:
    from plainprint.pipeline.build import (
        build_many,
        default_jobs,
        format_summary,
        outcomes_from_disk,
        shard,
    )
    from plainprint.pipeline.commands.common import config_from_args, executor_for
    from plainprint.pipeline.manifest import Manifest
    from plainprint.pipeline.sources import resolve

    config = config_from_args(args)
    out = args.output or Path(config.get("output", "output"))
    inputs = args.sources or [Path(config.get("sources", "sources"))]
    sources = resolve(list(inputs))
    if args.shard:
        sources = shard(sources, *args.shard)
    stages = list(args.only or ("document", "report", "render", "index"))
    if args.print_profile or (config.get("render.profile") == "print" and not args.only):
        stages.append("print")
    source_stages = [s for s in stages if s != "index"]
    if source_stages and "document" not in source_stages:
        source_stages.insert(0, "document")  # later stages read the current Document
    manifest = Manifest.load(out)
    tick, bar = _progress_printer(args.quiet)
    outcomes = []
    if source_stages and sources:
        with executor_for(args.executor) as executor:
            outcomes = build_many(
                sources,
                out,
                config,
                stages=source_stages,
                jobs=args.jobs or default_jobs(),
                progress=tick,
                debug=args.debug,
                manifest=manifest,
                executor=executor,
            )
    if bar is not None:
        bar.close()
    if "index" in stages:
        _write_index(out, config, {s.name for s in sources}, manifest)
    if not sources and not args.quiet:
        print(f"plainprint: no sources found in {', '.join(map(str, inputs))}", file=sys.stderr)
    if "index" in stages and not source_stages:
        # After the Makefile's per-source rules: the index is written whatever failed;
        # `make`'s summary step reports failures and sets the exit code.
        if not args.quiet:
            print(format_summary(outcomes_from_disk(sources, out)))
        return 0
    if outcomes and not args.quiet and "index" in stages:
        print(format_summary(outcomes))
    return 0 if all(o.ok for o in outcomes) else 2
