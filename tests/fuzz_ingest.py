"""Coverage-guided fuzzing of ingest (``make fuzz``; not a pytest module).

Feeds arbitrary bytes to ``ingest_bytes`` as ``.txt``, ``.md`` and ``.html``: every input
must give a valid Document or an ``IngestError``; anything else (another exception, a
hang past libFuzzer's ``-timeout``) is a finding. Uses atheris (``pip install -e
'.[fuzz]'``) when it is installed, else hypothesis alone for the same time budget.

    FUZZ_SECONDS=60 python tests/fuzz_ingest.py [corpus-dir ...]
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SUFFIXES = (".txt", ".md", ".html")


def one_input(data: bytes) -> None:
    from plainprint.pipeline.document import validate
    from plainprint.pipeline.errors import IngestError
    from plainprint.pipeline.export.markdown import to_markdown
    from plainprint.pipeline.ingest import ingest_bytes

    if not data:
        return
    suffix = SUFFIXES[data[0] % len(SUFFIXES)]
    try:
        doc = ingest_bytes(data[1:], Path("fuzz" + suffix))
    except IngestError:
        return
    validate(doc)
    to_markdown(doc)


def seed_corpus(folder: Path) -> None:
    """Start from the real sources, one copy per format."""
    folder.mkdir(parents=True, exist_ok=True)
    sources = sorted((ROOT / "sources").glob("*.*")) + sorted(
        (ROOT / "tests" / "fixtures").rglob("*.*") if (ROOT / "tests" / "fixtures").is_dir() else []
    )
    for n, src in enumerate(sources[:50]):
        data = src.read_bytes()[:60_000]
        for k, _ in enumerate(SUFFIXES):
            (folder / f"seed-{n}-{k}").write_bytes(bytes([k]) + data)


def fuzz_with_atheris(seconds: int, corpus: list[str]) -> None:
    import atheris

    with atheris.instrument_imports(include=["plainprint"]):
        import plainprint.pipeline.ingest  # noqa: F401
        import plainprint.pipeline.ingest.markdown  # noqa: F401
        import plainprint.pipeline.ingest.text  # noqa: F401

    args = [sys.argv[0], f"-max_total_time={seconds}", "-timeout=10", "-rss_limit_mb=3072",
            "-max_len=65536", *corpus]  # fmt: skip
    atheris.Setup(args, one_input)
    atheris.Fuzz()


def fuzz_with_hypothesis(seconds: int) -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    @settings(max_examples=500, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))  # fmt: skip
    @given(st.binary(max_size=4096))
    def check(data: bytes) -> None:
        one_input(data)

    end = time.monotonic() + seconds
    rounds = 0
    while time.monotonic() < end:
        check()
        rounds += 1
    print(f"fuzz_ingest: hypothesis ran {rounds * 500} inputs in {seconds}s without a failure")


def main() -> None:
    sys.path.insert(0, str(ROOT))
    seconds = int(os.environ.get("FUZZ_SECONDS", "60"))
    corpus = sys.argv[1:] or [str(ROOT / "output" / "fuzz-corpus")]
    try:
        import atheris  # noqa: F401
    except ImportError:
        print("fuzz_ingest: atheris is not installed; using hypothesis", file=sys.stderr)
        fuzz_with_hypothesis(seconds)
        return
    for folder in corpus:
        if not Path(folder).exists():
            seed_corpus(Path(folder))
    fuzz_with_atheris(seconds, corpus)


if __name__ == "__main__":
    main()
