"""Library benchmark (issue 13): a library of N handouts built the way editors build it.

Builds N sources made from the shared corpora (``../shared/corpus/extraction`` pages and the
seed, copied under distinct names into a temporary folder; past the pool, copies made unique by
an appended sentence) and prints one table, each figure a median of ``--runs`` runs (the
cold builds of the small and large library: ``--scale-runs``, default 1, since the large one
takes minutes), the compared commands interleaved in the same run:

* ``make -j2`` against ``plainprint build -j 2`` on the same sources, cold output each run;
* time per document at the small and the large N (the same pages, so the mix is the same);
* ``-j 2`` against ``-j 1``, and the peak RSS of each build worker (``VmHWM`` from /proc);
* a no-op ``make`` and ``plainprint build`` on the large library, and one edited source;
* each stage per document, in process (ingest, checks, PDF, HTML, editor's report), and
  ``render_pdf`` against bare WeasyPrint on the same HTML (``bench/render.py``'s pair);
* cold start of ``plainprint check FILE`` and ``plainprint --help``.

Subprocesses run with bytecode caching on (in a temporary ``PYTHONPYCACHEPREFIX``, warmed
first), as an installed plainprint runs. Speed is never asserted in unit tests; this script
exits 1 on a missed target only with ``--strict``. Linux only (/proc).

Usage: python bench/library.py [--quick] [--runs N] [--compare N] [--small N] [--large N]
                               [--scale-runs N] [--stage-docs N] [--markdown FILE] [--strict]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
CORPUS = ROOT.parent / "shared" / "corpus" / "extraction"
SEED = ROOT / "sources" / "ili-ilp-melanoma.txt"
PY = sys.executable


@dataclass
class Row:
    measure: str
    value: str
    target: str
    ok: bool | None  # None: information only
    note: str = ""

    @property
    def result(self) -> str:
        return "-" if self.ok is None else ("PASS" if self.ok else "MISS")


# ---------------------------------------------------------------- the library's sources


def corpus_pages() -> list[Path]:
    """Real pages of the shared corpus (the synthetic Readability fixtures left out), sorted."""
    skip = set()
    listing = CORPUS / "synthetic-pages.txt"
    if listing.exists():
        skip = {
            line.strip() for line in listing.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")
        }  # fmt: skip
    pages = []
    for sub in ("wcxb-health", "wcxb-articles", "readability"):
        for page in sorted((CORPUS / sub).glob("*/source.html")):
            if f"{sub}/{page.parent.name}" not in skip:
                pages.append(page)
    return pages


def pool(size: int) -> list[Path]:
    """``size`` pages spread evenly over the corpus, the seed first."""
    pages = corpus_pages()
    picked = [SEED]
    if size > 1 and pages:
        step = len(pages) / (size - 1)
        picked += [pages[int(i * step)] for i in range(min(size - 1, len(pages)))]
    return picked


def name_of(page: Path) -> str:
    return page.stem if page == SEED else f"{page.parent.parent.name}-{page.parent.name}"


def make_library(folder: Path, n: int, pages: list[Path]) -> list[Path]:
    """``n`` sources cycling over ``pages``; copy k > 0 of a page gets a sentence of its own."""
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for i in range(n):
        page = pages[i % len(pages)]
        copy = i // len(pages)
        dest = folder / f"{i:04d}-{name_of(page)}{page.suffix}"
        data = page.read_bytes()
        if copy:
            data = _unique(data, page.suffix, copy)
        dest.write_bytes(data)
        made.append(dest)
    return made


def _unique(data: bytes, suffix: str, copy: int) -> bytes:
    sentence = f"This is copy {copy} of this handout, kept for the library benchmark."
    if suffix == ".html":
        tag = f"<p>{sentence}</p>".encode()
        at = data.lower().rfind(b"</body>")
        return data[:at] + tag + data[at:] if at >= 0 else data + tag
    return data.rstrip(b"\n") + f"\n\n{sentence}\n".encode()


# ---------------------------------------------------------------- running and measuring


_DROP = ("PYTHONDONTWRITEBYTECODE", "MAKEFLAGS", "MFLAGS", "MAKELEVEL")  # make bench's own


def bench_env(pycache: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _DROP}
    env.update(CI="true", PYTHONPYCACHEPREFIX=str(pycache))
    return env


def _descendants(pid: int) -> list[int]:
    parents: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        parents.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = [], [pid]
    while todo:
        for child in parents.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def _peak_rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def run(cmd: list[str], env: dict[str, str], watch_workers: bool = False) -> tuple[float, float]:
    """Wall seconds, and the largest peak RSS (MB) among the command's child processes."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)  # fmt: skip
    peaks: dict[int, float] = {}
    stop = threading.Event()

    def sample() -> None:
        while not stop.wait(0.2):
            for child in _descendants(proc.pid):
                rss = _peak_rss_mb(child)
                if rss is not None:
                    peaks[child] = max(rss, peaks.get(child, 0.0))

    sampler = threading.Thread(target=sample, daemon=True)
    if watch_workers:
        sampler.start()
    _, err = proc.communicate()
    wall = time.perf_counter() - start
    stop.set()
    if watch_workers:
        sampler.join()
    if proc.returncode not in (0, 1, 2):  # 2: a source of the corpus could not be built
        sys.exit(f"bench/library.py: {' '.join(cmd)} failed ({proc.returncode}):\n{err.decode()}")
    return wall, max(peaks.values(), default=0.0)


def build_cmd(src: Path, out: Path, jobs: int) -> list[str]:
    return [PY, "-m", "plainprint", "build", "-o", str(out), "-j", str(jobs), str(src)]


def make_cmd(src: Path, out: Path, jobs: int) -> list[str]:
    return ["make", "-s", "-C", str(ROOT), f"-j{jobs}", f"SRC={src}", f"OUT={out}", "all"]


def cold(cmd_for, src: Path, out: Path, jobs: int, env, watch=False) -> tuple[float, float]:
    shutil.rmtree(out, ignore_errors=True)
    return run(cmd_for(src, out, jobs), env, watch)


def med(values: list[float]) -> float:
    return statistics.median(values)


# ---------------------------------------------------------------- in-process stages


def stage_times(pages: list[Path], runs: int) -> tuple[dict[str, float], float, float, int]:
    """Median seconds per document of each stage, and (bare, ours) PDF medians summed."""
    from render import pdf_pair

    from plainprint.checks import run_checks
    from plainprint.pipeline.config import Config
    from plainprint.pipeline.ingest import ingest_path
    from plainprint.pipeline.render import render_html, render_pdf, warnings_once
    from plainprint.pipeline.report import render_report

    config = Config()
    per: dict[str, list[float]] = {k: [] for k in ("ingest", "checks", "PDF", "HTML", "report")}
    bare_sum = ours_sum = 0.0
    done = 0

    def timed(fn, n=runs):
        values = []
        for _ in range(n):
            t = time.perf_counter()
            result = fn()
            values.append(time.perf_counter() - t)
        return med(values), result

    quiet = contextlib.redirect_stderr(io.StringIO())  # the corpus's image and glyph warnings
    with warnings_once(), quiet:
        render_pdf(ingest_path(SEED), config, base_dir=SEED.parent)  # imports, fonts, CSS
        for page in pages:
            try:
                t_ingest, doc = timed(lambda p=page: ingest_path(p))
                t_checks, checked = timed(lambda d=doc: run_checks(d, config))
                report = checked.to_dict()
                t_pdf, _ = timed(lambda d=doc, p=page: render_pdf(d, config, base_dir=p.parent))
                t_html, _ = timed(lambda d=doc, p=page: render_html(d, config, base_dir=p.parent))
                t_report, _ = timed(lambda d=doc, r=report: render_report(d, r, config))
                bare, ours = pdf_pair(doc, config, page.parent)
                bare_t, ours_t = [], []
                for _ in range(runs):  # interleaved: machine noise hits both alike
                    bare_t.append(timed(bare, 1)[0])
                    ours_t.append(timed(ours, 1)[0])
            except Exception as exc:  # a page that cannot be rendered is not a speed figure
                print(
                    f"  skipped {name_of(page)}: {type(exc).__name__}: {exc}", file=sys.__stderr__
                )
                continue
            for key, value in zip(per, (t_ingest, t_checks, t_pdf, t_html, t_report), strict=True):
                per[key].append(value)
            bare_sum += med(bare_t)
            ours_sum += med(ours_t)
            done += 1
    return {k: med(v) for k, v in per.items() if v}, bare_sum, ours_sum, done


# ---------------------------------------------------------------- cold start


def cold_start(cmd: list[str], env, runs: int) -> tuple[float, float]:
    """Median wall and median CPU (user + system) seconds of a fresh process."""
    import resource

    run(cmd, env)  # bytecode written, page cache warm
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        wall, _ = run(cmd, env)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        walls.append(wall)
        cpus.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return med(walls), med(cpus)


# ---------------------------------------------------------------- the table


def machine() -> list[str]:
    cpu = "unknown CPU"
    with_info = Path("/proc/cpuinfo")
    if with_info.exists():
        match = re.search(r"^model name\s*:\s*(.+)$", with_info.read_text(), re.M)
        cpu = match.group(1).strip() if match else cpu
    load = os.getloadavg()
    return [
        f"- CPU: {cpu}, {os.cpu_count()} cores",
        f"- Python {platform.python_version()} on {platform.system()} {platform.release()}",
        f"- load average at start: {load[0]:.2f}, {load[1]:.2f}, {load[2]:.2f} "
        "(other jobs share the machine)",
    ]


def table(rows: list[Row]) -> list[str]:
    head = ("measure", "value", "target", "result", "note")
    cells = [head] + [(r.measure, r.value, r.target, r.result, r.note) for r in rows]
    widths = [max(len(c[i]) for c in cells) for i in range(len(head))]
    lines = ["| " + " | ".join(c.ljust(w) for c, w in zip(cell, widths, strict=True)) + " |"
             for cell in cells]  # fmt: skip
    lines.insert(1, "| " + " | ".join("-" * w for w in widths) + " |")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true",
                        help="small libraries (6, 10 and 40 sources) and 2 runs, to try it out")  # fmt: skip
    parser.add_argument("--runs", type=int, help="runs per figure, median taken (default 3)")
    parser.add_argument("--compare", type=int,
                        help="sources for make vs build and -j 2 vs -j 1 (default 40)")  # fmt: skip
    parser.add_argument("--small", type=int, help="the small library (default 100)")
    parser.add_argument("--large", type=int, help="the large library (default 1000)")
    parser.add_argument("--scale-runs", type=int, default=1,
                        help="cold builds of the small and large library (default 1: the "
                        "large one takes minutes)")  # fmt: skip
    parser.add_argument("--stage-docs", type=int, help="documents timed stage by stage (10)")
    parser.add_argument("--markdown", type=Path, help="also write the results here (Markdown)")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args()
    runs = args.runs or (2 if args.quick else 3)
    compare = args.compare or (6 if args.quick else 40)
    small = args.small or (10 if args.quick else 100)
    large = args.large or (40 if args.quick else 1000)
    stage_docs = args.stage_docs or (4 if args.quick else 10)
    if not CORPUS.is_dir():
        print(f"bench/library.py: {CORPUS} not found: the shared corpus is needed", file=sys.stderr)
        return 2
    if not shutil.which("make"):
        print("bench/library.py: make not found (apt-get install make)", file=sys.stderr)
        return 2

    header = machine()
    started = time.perf_counter()
    print("\n".join(header), flush=True)
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="plainprint-bench-") as tmp_name:
        tmp = Path(tmp_name)
        env = bench_env(tmp / "pycache")
        lib_compare, out = tmp / "compare", tmp / "out"
        make_library(lib_compare, compare, pool(compare))
        run([PY, "-m", "plainprint", "--help"], env)  # compile bytecode once, outside the timings

        def say(text: str) -> None:
            print(f"[{time.perf_counter() - started:6.0f} s] {text}", file=sys.stderr, flush=True)

        say(f"cold builds of {compare} sources: make -j2, build -j 2, build -j 1 x {runs}")
        t_make, t_j2, t_j1, rss = [], [], [], []
        for _ in range(runs):
            t_make.append(cold(make_cmd, lib_compare, out, 2, env)[0])
            wall, peak = cold(build_cmd, lib_compare, out, 2, env, watch=True)
            t_j2.append(wall)
            rss.append(peak)
            t_j1.append(cold(build_cmd, lib_compare, out, 1, env)[0])
        ratio = med(t_make) / med(t_j2)
        rows.append(Row(f"make -j2 / plainprint build -j 2 ({compare} sources, cold)",
                        f"{ratio:.2f}x ({med(t_make):.1f} s / {med(t_j2):.1f} s)", "<= 1.10x",
                        ratio <= 1.10))  # fmt: skip
        speedup = med(t_j1) / med(t_j2)
        rows.append(Row(f"build -j 2 speed-up over -j 1 ({compare} sources)",
                        f"{speedup:.2f}x ({med(t_j1):.1f} s / {med(t_j2):.1f} s)", ">= 1.7x",
                        speedup >= 1.7, f"{os.cpu_count()} cores shared"))  # fmt: skip
        rows.append(Row("peak RSS per worker (build -j 2)", f"{max(rss):.0f} MB", "<= 400 MB",
                        0 < max(rss) <= 400, "largest VmHWM of any worker"))  # fmt: skip

        # The large library cycles over the small one's pages, so both have the same mix.
        scale = args.scale_runs
        say(f"cold builds of {small} and {large} sources, build -j 2 x {scale}")
        pages = pool(small)
        lib_small, lib_large = tmp / "small", tmp / "large"
        make_library(lib_small, small, pages)
        make_library(lib_large, large, pages)
        out_large = tmp / "out-large"
        t_small, t_large = [], []
        for _ in range(scale):
            t_small.append(cold(build_cmd, lib_small, out, 2, env)[0])
            t_large.append(cold(build_cmd, lib_large, out_large, 2, env)[0])
        per_small, per_large = med(t_small) / small, med(t_large) / large
        drift = per_large / per_small - 1
        rows.append(Row(f"time per document, {small} vs {large} sources (build -j 2)",
                        f"{per_small:.3f} s vs {per_large:.3f} s ({drift * 100:+.1f} %)",
                        "within 10 %", abs(drift) <= 0.10,
                        f"{scale} cold build(s) each"))  # fmt: skip

        say(f"no-op and one-edit builds of {large} sources x {runs}")
        noop_build, noop_make, edit_build, edit_make = [], [], [], []
        sources = sorted(lib_large.iterdir())
        for i in range(runs):
            noop_build.append(run(build_cmd(lib_large, out_large, 2), env)[0])
            noop_make.append(run(make_cmd(lib_large, out_large, 2), env)[0])
            for cmd_for, times, k in ((build_cmd, edit_build, 2 * i), (make_cmd, edit_make, 2 * i + 1)):  # fmt: skip
                edited = sources[(k * 37) % len(sources)]
                edited.write_bytes(_unique(edited.read_bytes(), edited.suffix, 1000 + k))
                times.append(run(cmd_for(lib_large, out_large, 2), env)[0])
        for label, values, target in (
            ("no-op plainprint build", noop_build, 2.0),
            ("no-op make", noop_make, 2.0),
            ("one source edited, plainprint build", edit_build, 3.0),
            ("one source edited, make", edit_make, 3.0),
        ):
            rows.append(Row(f"{label} ({large} sources)", f"{med(values):.2f} s",
                            f"<= {target:g} s", med(values) <= target))  # fmt: skip

        say(f"stages per document, in process: {stage_docs} documents x {runs}")
        stage_pages = pool(stage_docs)
        stages, bare, ours, timed_docs = stage_times(stage_pages, runs)
        for key, value in stages.items():
            rows.append(Row(f"{key} per document (median of {timed_docs})",
                            f"{value * 1000:.0f} ms", "-", None))  # fmt: skip
        overhead = ours / bare if bare else float("nan")
        rows.append(Row(f"render_pdf / bare WeasyPrint, same HTML ({timed_docs} documents)",
                        f"{overhead:.3f}x ({ours:.2f} s / {bare:.2f} s)", "<= 1.10x",
                        overhead <= 1.10))  # fmt: skip

        say("cold start")
        cold_runs = max(5, runs * 3)
        wall, cpu = cold_start([PY, "-m", "plainprint", "check", str(SEED)], env, cold_runs)
        rows.append(Row("cold start: plainprint check SEED", f"{wall:.3f} s", "<= 0.35 s",
                        wall <= 0.35, f"CPU {cpu:.3f} s; median of {cold_runs}"))  # fmt: skip
        wall, cpu = cold_start([PY, "-m", "plainprint", "--help"], env, cold_runs)
        rows.append(Row("cold start: plainprint --help", f"{wall:.3f} s", "<= 0.15 s",
                        wall <= 0.15, f"CPU {cpu:.3f} s; median of {cold_runs}"))  # fmt: skip

    elapsed = time.perf_counter() - started
    command = "python bench/library.py " + " ".join(sys.argv[1:])
    lines = [
        *header,
        f"- command: `{command.strip()}` ({runs} runs per figure, {elapsed / 60:.1f} min)",
        "",
        *table(rows),
    ]
    missed = [r.measure for r in rows if r.ok is False]
    lines += ["", f"missed: {', '.join(missed)}" if missed else "every target met"]
    print("\n".join(lines[len(header) :]))
    if args.markdown:
        args.markdown.parent.mkdir(parents=True, exist_ok=True)
        args.markdown.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"wrote {args.markdown}", file=sys.stderr)
    return 1 if args.strict and missed else 0


if __name__ == "__main__":
    sys.exit(main())
