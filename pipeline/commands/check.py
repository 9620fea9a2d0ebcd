"""``plainprint check [SOURCE|FOLDER|DOC.json …] [--format …] [--fail-on …]``: the checks stage.

Takes what ``build`` takes (files, folders searched the way build searches them, nothing for
the configured sources folder). After the checks, the command reads ``.md`` and ``.txt``
sources once more to give findings exact lines and columns: I/O stays out of the checks.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from plainprint.pipeline.atomic import write_text
from plainprint.pipeline.commands.common import config_from_args
from plainprint.pipeline.config import DEFAULT_RULES_URL
from plainprint.pipeline.errors import PlainprintError
from plainprint.pipeline.loading import config_for, load_document
from plainprint.pipeline.sources import resolve

FORMATS = ("text", "json", "sarif", "junit", "github")


def add_parser(sub) -> None:
    p = sub.add_parser(
        "check",
        help="score reading level and lint plain language, citations and headings",
        description=(
            "Check sources (or Document JSON from `plainprint ingest`) like a linter: reading "
            "grade against the target, plain-language, citation and heading rules. Folders are "
            "searched for sources as `plainprint build` does; with no SOURCE, the sources/ "
            "folder (or the configured `sources`). `plainprint rules` explains every rule."
        ),
        epilog="exit codes: 0 nothing at the --fail-on level; 1 findings at that level; 2 bad input.",
    )
    p.add_argument(
        "sources",
        nargs="*",
        type=Path,
        metavar="SOURCE",
        help="source file, folder of sources or Document JSON (default: the sources/ folder)",
    )
    p.add_argument(
        "--format", choices=FORMATS, default="text", help="output format (default: text)"
    )
    p.add_argument(
        "--fail-on",
        choices=("error", "warning", "suggestion", "never"),
        help="lowest severity that makes the exit code 1 (default: checks.fail_on or error)",
    )
    p.add_argument("-o", "--output", metavar="FILE", help="write the report here instead of stdout")
    p.add_argument("--baseline", metavar="FILE", help="accept the findings recorded in FILE")
    p.add_argument("--write-baseline", metavar="FILE", help="record today's findings in FILE")
    p.add_argument(
        "--select",
        metavar="RULES",
        help="run only these rules: codes, names or prefixes, comma-separated (replaces "
        "checks.select), e.g. RL,CT001",
    )
    p.add_argument(
        "--ignore",
        metavar="RULES",
        help="skip these rules as well as checks.ignore, comma-separated, e.g. PL004,PL013",
    )
    p.add_argument(
        "--sarif-root",
        metavar="DIR",
        type=Path,
        help="SARIF paths are relative to DIR (default: the git top-level of the working "
        "folder, else the working folder)",
    )
    p.add_argument(
        "--rules-url",
        metavar="URL",
        help="base URL of the rule documentation for SARIF helpUri (default: checks.rules_url "
        f"or {DEFAULT_RULES_URL})",
    )
    p.add_argument(
        "--check-links", action="store_true", help="follow reference URLs and DOIs (needs network)"
    )
    p.add_argument(
        "--color", choices=("auto", "always", "never"), default="auto", help="colour text output"
    )
    p.set_defaults(run=run)


def run(args) -> int:
    from plainprint.checks import run_checks
    from plainprint.checks.formats import render
    from plainprint.checks.suppress import apply_baseline, baseline_dict, load_baseline
    from plainprint.pipeline.config import Config

    config = config_from_args(args)
    fail_on = args.fail_on or str(config.get("checks.fail_on", config.get("fail_on", "error")))
    if fail_on not in ("error", "warning", "suggestion", "never"):
        raise PlainprintError(
            config.path,
            f"fail_on {fail_on!r} is not valid",
            "use error, warning, suggestion or never",
        )
    select, ignore = _rule_list(args.select, "--select"), _rule_list(args.ignore, "--ignore")
    baseline_file = args.baseline or config.get("checks.baseline")
    baseline = load_baseline(baseline_file) if baseline_file else None
    inputs = args.sources or [Path(str(config.get("sources", "sources")))]
    sources = [s.path for s in resolve(inputs)]
    if not sources:
        where = ", ".join(str(p) for p in inputs)
        raise PlainprintError(
            inputs[0],
            f"no sources found in {where}",
            "add .md, .txt or .html files, or name the files to check",
        )
    reports = []
    for path in sources:
        source = str(path)
        per = config.for_source(source)
        doc = load_document(source, per)
        per = config_for(config, path, doc)
        data = dict(per.data)
        checks = dict(data.get("checks", {}))
        checks["fail_on"] = fail_on
        if args.check_links:
            checks["check_links"] = True
        if select:
            checks["select"] = select
        if ignore:
            checks["ignore"] = [*_as_list(checks.get("ignore")), *ignore]
        data["checks"] = checks
        report = run_checks(doc, Config(data, per.path))
        if not doc.metadata.source_path:
            report.source = source
        _refine_positions(report, doc, path)
        if baseline is not None:
            apply_baseline(report, baseline)
        reports.append(report)
    if args.write_baseline:
        write_text(args.write_baseline, json.dumps(baseline_dict(reports), indent=2) + "\n")
    colour = args.color == "always" or (
        args.color == "auto" and not args.output and sys.stdout.isatty()
    )
    out = render(
        reports,
        args.format,
        colour=colour,
        fail_on=fail_on,
        root=(args.sarif_root or repository_root(Path.cwd())).resolve(),
        rules_url=args.rules_url or str(config.get("checks.rules_url", DEFAULT_RULES_URL)),
    )
    if args.output:
        write_text(args.output, out)
    else:
        sys.stdout.write(out)
    return 1 if any(r.failing(fail_on) for r in reports) else 0


def _refine_positions(report, doc, given: Path) -> None:
    """Exact lines and columns for findings in a ``.md`` or ``.txt`` source (see
    checks.positions); Document JSON uses the source it was ingested from, if still there."""
    from plainprint.checks.positions import SOURCE_SUFFIXES, refine

    path = Path(doc.metadata.source_path) if doc.metadata.source_path else given
    if path.suffix.lower() not in SOURCE_SUFFIXES or not path.is_file():
        return
    text = path.read_bytes().decode("utf-8-sig", errors="replace")
    refine([*report.findings, *report.suppressed], doc, text)


def repository_root(start: Path) -> Path:
    """The git top-level above ``start`` (a ``.git`` folder, or file in a worktree), else
    ``start``: code scanning resolves SARIF paths against the repository root."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return start


def _as_list(value) -> list:
    return [value] if isinstance(value, str) else list(value or [])


def _rule_list(value: str | None, flag: str) -> list[str]:
    """``"RL, CT001"`` → ``["RL", "CT001"]``, every entry naming at least one rule."""
    from plainprint.checks.registry import SELECTOR_HINT, unknown_selectors

    if not value:
        return []
    items = [v.strip() for v in value.split(",") if v.strip()]
    unknown = unknown_selectors(items)
    if unknown:
        raise PlainprintError(
            None,
            f"{flag} {unknown[0]!r} matches no rule",
            SELECTOR_HINT,
        )
    return items
