"""Batch builds: every source → Document, check report, editor report, PDF and HTML.

One failing source is reported with its name and reason and never stops the others.
Every file is written atomically (see ``atomic.py``), so a failed or interrupted build
leaves no partial output. Used by ``plainprint build`` and, stage by stage, by the Makefile.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sys
import traceback
from collections.abc import Callable, Iterable
from concurrent.futures import Executor, ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from plainprint.pipeline.atomic import remove_partial_files, write_bytes, write_text
from plainprint.pipeline.config import Config
from plainprint.pipeline.errors import PlainprintError
from plainprint.pipeline.layout import error_path, errors_for, output_paths
from plainprint.pipeline.manifest import Entry, Manifest
from plainprint.pipeline.runtime import tune_gc
from plainprint.pipeline.sources import Source

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
    entry: Entry | None = None  # the manifest entry for what was built


def _summarise(outcome: Outcome, report: dict) -> None:
    """Grade, pass and findings by severity from the report's own summary (not recounted)."""
    from plainprint.checks.report import ReportHead

    head = ReportHead.from_dict(report)
    outcome.grade = head.grade
    outcome.target = head.target
    outcome.passed = head.passed
    outcome.severities = {s: n for s, n in head.summary.to_dict().items() if n}


def build_one(
    source: Source,
    out: Path,
    config: Config,
    stages: Iterable[str] = DEFAULT_STAGES,
    debug: bool = False,
    entry: Entry | None = None,
    probe: bool = False,
) -> Outcome | None:
    """Build one source's stages that are out of date; never raises for bad input.

    With ``probe``, return None instead of doing any work: the batch asks this in its own
    process first, so only out-of-date sources go to workers (see ``build_many``).

    ``entry`` is what the manifest says the outputs were last built from; the Outcome
    carries the updated entry back. A stage whose inputs (see ``manifest.py``) are unchanged
    and whose outputs exist is skipped. Within a stage everything is rendered before anything
    is written, so a failure never leaves a fresh output beside a stale companion.
    """
    from plainprint.pipeline.loading import config_for, load_document, source_folder
    from plainprint.pipeline.manifest import document_key, file_hash, stage_key

    stages = set(stages)
    old = entry or Entry()
    new = Entry(source=str(source.path), summary=dict(old.summary))
    outcome = Outcome(source.name, str(source.path), note=source.note(), entry=new)
    paths = output_paths(out, source.name)
    is_json = source.path.suffix.lower() == ".json"
    stage = "document"
    doc = doc_cfg = None
    base_dir = source.path.parent
    try:
        if probe and not (old.keys.get("document") and paths["document"].exists()):
            raise _Stale  # never built, or its Document is gone: no need to hash anything
        cfg = config.for_source(source.path)
        if is_json:
            if probe:
                raise _Stale
            doc = load_document(source.path, cfg)
            new.document_sha = file_hash(source.path)
        else:
            key = document_key(source.path, cfg)
            if old.keys.get("document") == key and old.document_sha and paths["document"].exists():
                new.keys["document"], new.document_sha = key, old.document_sha
                new.assets = list(old.assets)
            else:
                if probe:
                    raise _Stale
                from plainprint.pipeline.document import to_json

                doc = load_document(source.path, cfg)
                text = to_json(doc)
                if _write_if_changed(paths["document"], text):
                    outcome.written.append(str(paths["document"]))
                new.keys["document"] = key
                new.document_sha = _sha(text)
        _clear_error(out, source.name, "document")
        for stage in ("report", "render", "print"):
            if stage not in stages:
                if stage in old.keys:
                    new.keys[stage] = old.keys[stage]
                continue
            if doc is None and _stage_is_current(stage, old, new, cfg, paths):
                new.keys[stage] = old.keys[stage]
                continue
            if doc is None:
                if probe:
                    raise _Stale
                doc = load_document(paths["document"], cfg)
            if doc_cfg is None:
                doc_cfg = config_for(config, source.path, doc) if is_json else cfg
                base_dir = source_folder(source.path, doc)
                new.assets = [str(p) for p in _assets(doc, base_dir)]
            key = stage_key(stage, new.document_sha or "", doc_cfg,
                            [Path(a) for a in new.assets])  # fmt: skip
            if old.keys.get(stage) == key and all(p.exists() for p in _outputs(stage, paths)):
                new.keys[stage] = key
                continue
            outcome.written += _STAGES[stage](doc, doc_cfg, base_dir, paths, outcome)
            new.keys[stage] = key
            _clear_error(out, source.name, stage)
        if outcome.title is None and doc is not None:
            outcome.title = doc.metadata.title
    except _Stale:
        return None
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
        new.keys.pop(stage, None)  # the failed stage is retried next time
        _write_if_changed(error_path(out, source.name, stage), outcome.error + "\n")
    _keep_summary(outcome, new)
    return outcome


class _Stale(Exception):
    """A probed source has work to do (``build_one(probe=True)``)."""


def _stage_is_current(
    stage: str, old: Entry, new: Entry, cfg: Config, paths: dict[str, Path]
) -> bool:
    """Without loading the Document: same Document, configuration, code and images."""
    from plainprint.pipeline.manifest import stage_key

    if not old.keys.get(stage) or not all(p.exists() for p in _outputs(stage, paths)):
        return False
    key = stage_key(stage, new.document_sha or "", cfg, [Path(a) for a in new.assets])
    return key == old.keys[stage]


def _outputs(stage: str, paths: dict[str, Path]) -> list[Path]:
    return {
        "report": [paths["report"], paths["report_html"]],
        "render": [paths["pdf"], paths["html"]],
        "print": [paths["print"]],
    }[stage]


def _assets(doc, base_dir: Path) -> list[Path]:
    """Local images the handout embeds: editing one rebuilds that handout."""
    from plainprint.pipeline.document import Figure
    from plainprint.pipeline.document.walk import iter_blocks

    found = set()
    for block in iter_blocks(doc.blocks):
        src = block.src if isinstance(block, Figure) else None
        if src and "://" not in src and not src.startswith("data:"):
            path = (base_dir / src).resolve()
            if path.is_file():
                found.add(path)
    return sorted(found)


def _keep_summary(outcome: Outcome, entry: Entry) -> None:
    """The summary table's facts live in the manifest, so an up-to-date source needs no read."""
    if outcome.title is not None:
        entry.summary["title"] = outcome.title
    if outcome.grade is not None or outcome.severities:  # the report was built now
        entry.summary.update(grade=outcome.grade, target=outcome.target,
                             passed=outcome.passed, severities=outcome.severities)  # fmt: skip
    for key, value in entry.summary.items():
        if getattr(outcome, key) in (None, {}):
            setattr(outcome, key, value)


def _sha(text: str) -> str:
    import hashlib

    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _write_if_changed(path: Path, text: str) -> bool:
    with contextlib.suppress(OSError, UnicodeDecodeError):
        if path.read_text(encoding="utf-8") == text:
            return False
    write_text(path, text)
    return True


def _report_stage(doc, cfg, base_dir, paths, outcome) -> list[str]:
    from plainprint.checks import run_checks
    from plainprint.pipeline.report import render_report

    checked = run_checks(doc, cfg)
    baseline = cfg.get("checks.baseline")
    if baseline:  # the same accepted findings as `plainprint check`, so pass/fail agree
        from plainprint.checks.suppress import apply_baseline, load_baseline

        apply_baseline(checked, load_baseline(baseline))
    report = checked.to_dict()
    html = render_report(doc, report, cfg)
    write_text(paths["report_html"], html)
    write_text(paths["report"], json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    _summarise(outcome, report)
    return [str(paths["report_html"]), str(paths["report"])]


def _render_stage(doc, cfg, base_dir, paths, outcome) -> list[str]:
    from plainprint.pipeline.render import render_html, render_pdf, warnings_once

    with warnings_once():
        html = render_html(doc, cfg, base_dir=base_dir)
        pdf = render_pdf(doc, cfg, profile="screen", base_dir=base_dir)
    write_text(paths["html"], html)
    write_bytes(paths["pdf"], pdf)
    return [str(paths["html"]), str(paths["pdf"])]


def _print_stage(doc, cfg, base_dir, paths, outcome) -> list[str]:
    from plainprint.pipeline.render import render_pdf

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
    manifest: Manifest | None = None,
    executor: Executor | None = None,
) -> list[Outcome]:
    """Build what is out of date; the manifest (loaded from ``out`` unless given) is updated
    and saved, also when the batch is interrupted, so finished work is not redone."""
    stages = tuple(stages)
    manifest = manifest if manifest is not None else Manifest.load(out)
    results: dict[str, Outcome] = {}
    total = len(sources)

    def done(outcome: Outcome) -> None:
        results[outcome.name] = outcome
        if outcome.entry is not None:
            manifest.entries[outcome.name] = outcome.entry
        if progress:
            progress(outcome, len(results), total)

    def run_on(pool: Executor, todo: list[Source]) -> None:
        futures = [
            pool.submit(build_one, s, out, config, stages, debug, manifest.entries.get(s.name))
            for s in todo
        ]
        for future in as_completed(futures):
            outcome = future.result()
            assert outcome is not None  # only a probe returns None
            done(outcome)

    try:
        # Up-to-date sources are settled here, in this process (hashes and stats only), so
        # workers see only real work: one edited source in a library of 1,000 is one task,
        # built in this process, rather than 1,000 pickled tasks for a fresh pool.
        todo = []
        for source in sources:
            outcome = build_one(
                source, out, config, stages, debug, manifest.entries.get(source.name), probe=True
            )
            if outcome is None:
                todo.append(source)
            else:
                done(outcome)
        if executor is not None and todo:  # e.g. a Dask cluster's; it owns its workers
            run_on(executor, todo)
        elif jobs <= 1 or len(todo) <= 1:
            for source in todo:
                built = build_one(
                    source, out, config, stages, debug, manifest.entries.get(source.name)
                )
                assert built is not None  # only a probe returns None
                done(built)
        else:
            pool = ProcessPoolExecutor(max_workers=min(jobs, len(todo)), initializer=_start_worker)
            try:
                run_on(pool, todo)
            except BaseException:  # Ctrl-C (or a crash): stop now, not when the queue is done
                _stop_pool(pool, out)
                raise
            pool.shutdown()
    finally:
        manifest.save(out)
    return [results[s.name] for s in sources]


def _ignore_sigint() -> None:
    """Workers leave Ctrl-C to the parent, which cancels the batch and stops them.

    A worker that took SIGINT itself would report it as that source's error and go on
    with the next source.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _start_worker() -> None:
    _ignore_sigint()
    tune_gc()  # a spawned worker starts with the collector's default pace


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


def shard(sources: list[Source], k: int, n: int) -> list[Source]:
    """Shard ``k`` of ``n`` (1-based): a stable share by a hash of each source's name, so
    ``n`` CI runners build every source exactly once, whatever order they list them in."""
    import hashlib

    return [
        s for s in sources
        if int.from_bytes(hashlib.sha256(s.name.encode("utf-8")).digest()[:8], "big") % n == k - 1
    ]  # fmt: skip
