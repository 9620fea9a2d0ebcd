"""Batch builds: every source → Document, check report, editor report, PDF and HTML.

One failing source is reported with its name and reason and never stops the others.
Every file is written atomically (see ``atomic.py``), so a failed or interrupted build
leaves no partial output. Used by ``plainprint build`` and, stage by stage, by the Makefile.
"""

from __future__ import annotations

import contextlib
import glob
import json
import os
import signal
import sys
import traceback
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from .atomic import remove_partial_files, write_bytes, write_text
from .config import Config
from .errors import PlainprintError
from .sources import Source

STAGES = ("document", "report", "render", "print")
DEFAULT_STAGES = ("document", "report", "render")


@dataclass
class Outcome:
    name: str
    source: str
    ok: bool = True
    error: str | None = None
    note: str | None = None
    title: str | None = None
    grade: float | None = None
    target: float | None = None
    passed: bool | None = None
    severities: dict[str, int] = field(default_factory=dict)
    written: list[str] = field(default_factory=list)


def output_paths(out: Path, name: str) -> dict[str, Path]:
    return {
        "document": out / "documents" / f"{name}.json",
        "report": out / "reports" / f"{name}.json",
        "report_html": out / "reports" / f"{name}.html",
        "pdf": out / "pdf" / f"{name}.pdf",
        "print": out / "print" / f"{name}.pdf",
        "html": out / "html" / f"{name}.html",
    }


def error_path(out: Path, name: str, stage: str) -> Path:
    """Where a source's last error in one stage is kept, for summaries and the index."""
    return out / "errors" / f"{name}.{stage}.txt"


def errors_for(out: Path, name: str) -> list[str]:
    folder = out / "errors"
    if not folder.is_dir():
        return []
    return [
        p.read_text(encoding="utf-8").strip()
        for p in sorted(folder.glob(f"{glob.escape(name)}.*.txt"))
        if p.name[len(name) + 1 :].count(".") == 1
    ]


def _summarise(outcome: Outcome, report: dict) -> None:
    outcome.grade = report.get("grade")
    outcome.target = report.get("target")
    outcome.passed = report.get("passed")
    counts: dict[str, int] = {}
    for finding in report.get("findings", []):
        counts[finding["severity"]] = counts.get(finding["severity"], 0) + 1
    outcome.severities = counts


def build_one(
    source: Source,
    out: Path,
    config: Config,
    stages: Iterable[str] = DEFAULT_STAGES,
    debug: bool = False,
) -> Outcome:
    """Build one source; never raises for bad input (the Outcome carries the error).

    Within a stage everything is rendered before anything is written, and the file make
    tracks (the stage's target) is written last, so a failure never leaves a fresh-looking
    target beside a stale companion.
    """
    from .commands.common import config_for, load_document, source_folder

    stages = set(stages)
    outcome = Outcome(source.name, str(source.path), note=source.note())
    paths = output_paths(out, source.name)
    stage = "document"
    try:
        doc = load_document(source.path, config.for_source(source.path))
        cfg = config_for(config, source.path, doc)
        outcome.title = doc.metadata.title
        base_dir = source_folder(source.path, doc)
        if "document" in stages and source.path.suffix.lower() != ".json":
            from .document import to_json

            write_text(paths["document"], to_json(doc))
            outcome.written.append(str(paths["document"]))
        _clear_error(out, source.name, "document")
        for stage in ("report", "render", "print"):
            if stage in stages:
                outcome.written += _STAGES[stage](doc, cfg, base_dir, paths, outcome)
                _clear_error(out, source.name, stage)
    except PlainprintError as exc:
        outcome.ok, outcome.error = False, str(exc)
    except Exception as exc:  # a bug, but one source must not stop the batch
        if debug:
            traceback.print_exc()
        outcome.ok = False
        outcome.error = (
            f"{source.path}: internal error {type(exc).__name__}: {exc} "
            "(re-run with --debug and report it)"
        )
    if outcome.error:
        write_text(error_path(out, source.name, stage), outcome.error + "\n")
    return outcome


def _report_stage(doc, cfg, base_dir, paths, outcome) -> list[str]:
    from checks import run_checks

    from .report import render_report

    checked = run_checks(doc, cfg)
    baseline = cfg.get("checks.baseline")
    if baseline:  # the same accepted findings as `plainprint check`, so pass/fail agree
        from checks.suppress import apply_baseline, load_baseline

        apply_baseline(checked, load_baseline(baseline))
    report = checked.to_dict()
    html = render_report(doc, report, cfg)
    write_text(paths["report_html"], html)
    write_text(paths["report"], json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    _summarise(outcome, report)
    return [str(paths["report_html"]), str(paths["report"])]


def _render_stage(doc, cfg, base_dir, paths, outcome) -> list[str]:
    from .render import render_html, render_pdf, warnings_once

    with warnings_once():
        html = render_html(doc, cfg, base_dir=base_dir)
        pdf = render_pdf(doc, cfg, profile="screen", base_dir=base_dir)
    write_text(paths["html"], html)
    write_bytes(paths["pdf"], pdf)
    return [str(paths["html"]), str(paths["pdf"])]


def _print_stage(doc, cfg, base_dir, paths, outcome) -> list[str]:
    from .render import render_pdf

    write_bytes(paths["print"], render_pdf(doc, cfg, profile="print", base_dir=base_dir))
    return [str(paths["print"])]


_STAGES = {"report": _report_stage, "render": _render_stage, "print": _print_stage}


def _clear_error(out: Path, name: str, stage: str) -> None:
    path = error_path(out, name, stage)
    if path.exists():
        path.unlink()


def outcomes_from_disk(sources: list[Source], out: Path) -> list[Outcome]:
    """Outcomes rebuilt from what earlier (make) runs left in ``out``, for the summary."""
    outcomes = []
    for source in sources:
        outcome = Outcome(source.name, str(source.path), note=source.note())
        errors = errors_for(out, source.name)
        report = output_paths(out, source.name)["report"]
        if errors:
            outcome.ok, outcome.error = False, errors[0]
        elif report.exists():
            _summary_from_report_file(outcome, report)
        elif not output_paths(out, source.name)["document"].exists():
            outcome.ok, outcome.error = False, "not built yet"
        outcomes.append(outcome)
    return outcomes


def _summary_from_report_file(outcome: Outcome, path: Path) -> None:
    with contextlib.suppress(OSError, ValueError):
        _summarise(outcome, json.loads(path.read_text(encoding="utf-8")))


def build_many(
    sources: list[Source],
    out: Path,
    config: Config,
    *,
    stages: Iterable[str] = DEFAULT_STAGES,
    jobs: int = 1,
    progress: Callable[[Outcome, int, int], None] | None = None,
    debug: bool = False,
) -> list[Outcome]:
    stages = tuple(stages)
    results: dict[str, Outcome] = {}
    total = len(sources)
    if jobs <= 1 or total <= 1:
        for n, source in enumerate(sources, 1):
            outcome = build_one(source, out, config, stages, debug)
            results[source.name] = outcome
            if progress:
                progress(outcome, n, total)
    else:
        pool = ProcessPoolExecutor(max_workers=jobs, initializer=_ignore_sigint)
        try:
            futures = {pool.submit(build_one, s, out, config, stages, debug): s for s in sources}
            for n, future in enumerate(as_completed(futures), 1):
                outcome = future.result()
                results[outcome.name] = outcome
                if progress:
                    progress(outcome, n, total)
        except BaseException:  # Ctrl-C (or a crash): stop now, not when the queue is done
            _stop_pool(pool, out)
            raise
        pool.shutdown()
    return [results[s.name] for s in sources]


def _ignore_sigint() -> None:
    """Workers leave Ctrl-C to the parent, which cancels the batch and stops them.

    A worker that took SIGINT itself would report it as that source's error and go on
    with the next source.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _stop_pool(pool: ProcessPoolExecutor, out: Path) -> None:
    """Cancel pending sources, kill running workers and remove their half-written files."""
    workers = list((pool._processes or {}).values())  # no public API to terminate workers
    pool.shutdown(wait=False, cancel_futures=True)
    for worker in workers:
        worker.kill()
    for worker in workers:
        worker.join(timeout=2)
    remove_partial_files(out)


def default_jobs() -> int:
    return max(1, min(4, os.cpu_count() or 1))


def format_summary(outcomes: list[Outcome]) -> str:
    """A plain table: one row per source, then totals."""
    rows = [("source", "grade", "target", "result", "errors", "warnings", "suggestions")]
    for o in outcomes:
        if not o.ok:
            rows.append((o.name, "-", "-", "NOT BUILT", "-", "-", "-"))
            continue
        grade = f"{o.grade:.1f}" if isinstance(o.grade, int | float) else "-"
        target = f"{o.target:g}" if isinstance(o.target, int | float) else "-"
        result = "-" if o.passed is None else ("pass" if o.passed else "FAIL")
        sev = o.severities
        rows.append(
            (
                o.name,
                grade,
                target,
                result,
                str(sev.get("error", 0)),
                str(sev.get("warning", 0)),
                str(sev.get("suggestion", 0)),
            )
        )
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    built = sum(o.ok for o in outcomes)
    failed = [o for o in outcomes if not o.ok]
    lines.append(
        f"{built} of {len(outcomes)} built"
        + (f", {len(failed)} could not be built:" if failed else "")
    )
    lines += [f"  {o.name}: {o.error}" for o in failed]
    return "\n".join(lines)


def stream_is_interactive(stream=sys.stderr) -> bool:
    return stream.isatty() and os.environ.get("CI", "").lower() not in ("1", "true", "yes")
