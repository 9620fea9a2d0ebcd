"""``plainprint index OUTPUT... [-o MERGED]``: one library index from one or more build outputs.

A CI matrix builds a large library in shards (``plainprint build --shard K/N``), each into its
own output folder; this merges them: every shard's outputs, errors and manifest entries are
copied into one folder, and its ``index.html`` lists every handout.
"""

from __future__ import annotations

import sys
from pathlib import Path

from plainprint.pipeline.errors import PlainprintError

_FOLDERS = ("documents", "reports", "pdf", "print", "html", "errors")


def add_parser(sub) -> None:
    p = sub.add_parser(
        "index",
        help="write the library index, merging the outputs of several (sharded) builds",
        description=(
            "Write MERGED/index.html (default: the first OUTPUT) listing every handout in the "
            "given output folders. With several folders, the others' documents, reports, PDFs, "
            "HTML handouts, errors and build manifests are first copied into MERGED, so the "
            "index links work and a later `plainprint build -o MERGED` knows what is current."
        ),
        epilog="exit codes: 0 success; 2 an output folder that does not exist.",
    )
    p.add_argument("outputs", nargs="+", type=Path, metavar="OUTPUT", help="build output folders")
    p.add_argument("-o", "--output", type=Path, help="merged output folder (default: the first)")
    p.set_defaults(run=run)


def merge(outputs: list[Path], target: Path):
    """Copy every other output into ``target``; return the merged Manifest (saved there)."""
    import shutil

    from plainprint.pipeline.atomic import atomic_path
    from plainprint.pipeline.manifest import FILE, Manifest

    for folder in outputs:
        if not folder.is_dir():
            raise PlainprintError(folder, "output folder not found", "check the path")
    merged = Manifest.load(target)
    for folder in outputs:
        if folder.resolve() != target.resolve():
            for kind in _FOLDERS:
                for path in sorted((folder / kind).glob("*")) if (folder / kind).is_dir() else []:
                    if path.is_file() and not path.name.startswith("."):
                        with atomic_path(target / kind / path.name) as tmp:
                            shutil.copyfile(path, tmp)
        merged.entries.update(Manifest.load(folder).entries)
    merged.index_key = None
    if merged.entries or (target / FILE).exists():
        merged.save(target)
    return merged


def run(args) -> int:
    from plainprint.pipeline.commands.common import config_from_args
    from plainprint.pipeline.report.index import collect_rows, write_index

    config = config_from_args(args)
    target = args.output or args.outputs[0]
    target.mkdir(parents=True, exist_ok=True)
    manifest = merge(list(args.outputs), target)
    names = set(manifest.entries) or None  # without manifests: whatever the folders hold
    path = write_index(target, config, names)
    rows = collect_rows(target, names)
    print(
        f"plainprint: {path}: {len(rows)} handouts from {len(args.outputs)} output folder(s)",
        file=sys.stderr,
    )
    return 0
