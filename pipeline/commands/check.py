"""``plainprint check [SOURCE|FOLDER|DOC.json …] [--format …] [--fail-on …]``: the checks stage.

Takes what ``build`` takes (files, folders searched the way build searches them, nothing for
the configured sources folder). ``--from-reports OUTPUT`` runs no check at all: it reads the
typed reports a build wrote (``make check`` does this after ``make report``). After the checks, the command reads ``.md`` and ``.txt``
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
        "--from-reports",
        metavar="OUTPUT",
        type=Path,
        help="run no checks: read the reports a build wrote to OUTPUT/reports/<name>.json "
        "(for every SOURCE given, else every report there) and write them in --format; what "
        "`make check` does after `make report`",
    )
    p.add_argument(
        "--color", choices=("auto", "always", "never"), default="auto", help="colour text output"
    )
    p.set_defaults(run=run)


def run(args) -> int:
    from plainprint.checks.suppress import load_baseline

    config = config_from_args(args)
    typed = config.typed  # validated at load: no value is re-checked here
    fail_on = args.fail_on or typed.fail_level
    select, ignore = _rule_list(args.select, "--select"), _rule_list(args.ignore, "--ignore")
    if args.from_reports is not None:
        if select or ignore or args.check_links:
            raise PlainprintError(
                None,
                "--from-reports reads reports as the build checked them",
                "drop --select, --ignore and --check-links, or check without --from-reports",
            )
        baseline = load_baseline(args.baseline) if args.baseline else None
        reports = read_reports(args.from_reports, args.sources, baseline)
        for report in reports:
            report.fail_on = fail_on  # as a fresh check with this --fail-on records it
        return _write(args, config, reports, fail_on)
    from plainprint.checks import run_checks
    from plainprint.checks.suppress import apply_baseline

    baseline_file = args.baseline or typed.checks.baseline
    baseline = load_baseline(baseline_file) if baseline_file else None
    inputs = args.sources or [Path(typed.sources)]
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
        flags: dict[str, object] = {"checks.fail_on": fail_on}  # the command line wins
        if args.check_links:
            flags["checks.check_links"] = True
        if select:
            flags["checks.select"] = select
        if ignore:
            flags["checks.ignore"] = [*per.typed.checks.ignore, *ignore]
        report = run_checks(doc, per.with_values(flags))
        if not doc.metadata.source_path:
            report.source = source
        _refine_positions(report, doc, path)
        if baseline is not None:
            apply_baseline(report, baseline)
        reports.append(report)
    return _write(args, config, reports, fail_on)


def _write(args, config, reports, fail_on: str) -> int:
    """Write ``reports`` in the chosen format; the exit code of the --fail-on level."""
    from plainprint.checks.formats import render
    from plainprint.checks.suppress import baseline_dict

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
        rules_url=args.rules_url or config.typed.checks.rules_url,
    )
    if args.output:
        write_text(args.output, out)
    else:
        sys.stdout.write(out)
    return 1 if any(r.failing(fail_on) for r in reports) else 0


def read_reports(out: Path, inputs: list[Path], baseline: dict | None = None) -> list:
    """The typed reports a build wrote to ``out/reports`` for ``inputs`` (sources, folders or
    Document JSON, resolved as ``check`` resolves them; none: every report in ``out``), with
    exact source positions as a fresh check gives them. No check is run: the build's
    configuration (and its ``checks.baseline``) already applied; ``baseline`` is one more."""
    import json

    from plainprint.checks.report import Report
    from plainprint.checks.suppress import apply_baseline
    from plainprint.pipeline.layout import output_paths

    if not (out / "reports").is_dir():
        raise PlainprintError(
            out, "no reports folder here", "run `make report` (or `plainprint build`) first"
        )
    given: list[tuple[str, Path | None]]
    if inputs:
        given = [(s.name, s.path) for s in resolve(inputs)]
    else:
        given = [(p.stem, None) for p in sorted((out / "reports").glob("*.json"))]
    if not given:
        raise PlainprintError(
            out, "no reports found", "run `make report` (or `plainprint build`) first"
        )
    reports = []
    for name, path in given:
        paths = output_paths(out, name)
        try:
            data = json.loads(paths["report"].read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise PlainprintError(
                paths["report"], "no report for this source", "run `make report` first"
            ) from None
        except ValueError as exc:
            raise PlainprintError(
                paths["report"], f"report is not JSON ({exc})", "run `make report` again"
            ) from None
        try:
            report = Report.from_dict(data)
        except ValueError as exc:
            raise PlainprintError(paths["report"], str(exc), "run `make report` again") from None
        doc = load_document(str(paths["document"])) if paths["document"].is_file() else None
        if doc is not None:
            if not doc.metadata.source_path:  # as `check DOC.json` names it
                report.source = str(path or paths["document"])
            _refine_positions(report, doc, path or paths["document"])
        if baseline is not None:
            apply_baseline(report, baseline)
        reports.append(report)
    return reports


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
