"""bench/library.py's own logic: the library it builds and what it reads from /proc.

No timings here (speed is the benchmark's business); these pin that the sources it times are
the ones it claims: distinct names, distinct bytes past the pool, the same mix at every size.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

import pytest

from tests import paths

ROOT = paths.ROOT


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("bench_library", ROOT / "bench" / "library.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("suffix", "data"),
    [(".html", b"<html><body><p>Hi.</p></body></html>"), (".html", b"<p>no body</p>"),
     (".txt", b"Title\n\nText.\n")],
)  # fmt: skip
def test_a_copy_differs_from_the_page_and_from_other_copies(bench, suffix, data):
    first, second = bench._unique(data, suffix, 1), bench._unique(data, suffix, 2)
    assert len({data, first, second}) == 3
    assert b"copy 1 of this handout" in first
    if b"</body>" in data:
        assert first.endswith(b"</body></html>")  # inside the body, where ingest reads


def test_a_library_past_its_pool_has_distinct_sources(bench, tmp_path):
    pages = []
    for n in range(3):
        page = tmp_path / "corpus" / f"p{n}" / "source.html"
        page.parent.mkdir(parents=True)
        page.write_bytes(f"<html><body><p>Page {n}.</p></body></html>".encode())
        pages.append(page)
    made = bench.make_library(tmp_path / "lib", 7, pages)
    assert len(made) == 7 == len({p.name for p in made})
    assert len({p.read_bytes() for p in made}) == 7
    # The same mix at every size: source i is always a copy of page i mod 3.
    assert [p.name.split("-", 1)[1] for p in made[:3]] == [
        p.name.split("-", 1)[1] for p in made[3:6]
    ]


@pytest.mark.shared
def test_the_pool_spreads_over_the_corpus_and_starts_with_the_seed(bench, shared_dir):
    pages = bench.pool(20)
    assert pages[0] == bench.SEED
    assert len(pages) == len(set(pages)) == 20
    groups = {p.parent.parent.name for p in pages[1:]}
    assert groups == {"wcxb-health", "wcxb-articles", "readability"}
    synthetic = (shared_dir / "corpus" / "extraction" / "synthetic-pages.txt").read_text()
    assert not any(f"readability/{p.parent.name}\n" in synthetic for p in pages[1:])


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux /proc")
def test_peak_rss_and_descendants_come_from_proc(bench):
    import subprocess

    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(5)"])
    try:
        assert child.pid in bench._descendants(os.getpid())
        assert 1 < bench._peak_rss_mb(child.pid) < 400
    finally:
        child.kill()
        child.wait()
    assert bench._peak_rss_mb(child.pid) is None  # gone


def test_the_table_marks_each_row(bench):
    rows = [bench.Row("a", "1 s", "<= 2 s", True), bench.Row("b", "3 s", "<= 2 s", False),
            bench.Row("c", "5 ms", "-", None)]  # fmt: skip
    lines = bench.table(rows)
    assert lines[0].startswith("| measure") and set(lines[1]) <= {"|", "-", " "}
    assert [line.split("|")[4].strip() for line in lines[2:]] == ["PASS", "MISS", "-"]


def test_the_steady_rate_leaves_out_the_fixed_start_and_the_tail(bench):
    # 5 s of start-up, then one document a second, then a 4 s tail on the last one.
    stamps = [5.0 + k for k in range(20)] + [28.0]
    assert bench.steady(stamps) == pytest.approx(1.0)
    assert bench.steady([1.0, 2.0]) != bench.steady([1.0, 2.0])  # nan: too few to tell


def test_progress_lines_are_what_the_build_prints(bench):
    assert bench._PROGRESS.match(b"[3/40] 0002-wcxb-health-x: ok\n")
    assert not bench._PROGRESS.match(b"plainprint: WARNING: [3/40]\n")
