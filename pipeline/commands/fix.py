"""``plainprint fix SOURCE… [--diff] [--unsafe] [--select RULES] [--ignore RULES]``.

Like ``ruff check --fix``: applies the fixes that rules declare safe, and with ``--unsafe``
the ones an editor should review; ``--diff`` shows them and writes nothing. An ``.html`` or
``.txt`` source is first exported to the ``.md`` beside it (which then wins in builds).
"""

from __future__ import annotations

import difflib
import sys
from pathlib import Path

from plainprint.pipeline.atomic import write_text
from plainprint.pipeline.commands.common import config_from_args
from plainprint.pipeline.errors import PlainprintError
from plainprint.pipeline.loading import load_document

SPACES = "doubled-space"


def add_parser(sub) -> None:
    p = sub.add_parser(
        "fix",
        help="apply safe fixes (wording swaps, doubled spaces) to Markdown sources",
        description=(
            "Apply the fixes check rules declare: safe ones by default (the swap table's "
            "wording swaps, doubled spaces), unsafe ones (jargon → plain words, a definition "
            "at a term's first use, an acronym spelled out from the document's own full form) "
            "with --unsafe. Numbers, doses, drug names, quotations, citation markers, links "
            "and code are never touched. An .html or .txt source is first written as the .md "
            "beside it. Prints the grade before and after, and each rule's fixes."
        ),
        epilog=(
            "exit codes: 0 done (with --diff: nothing to fix); 1 with --diff, there are fixes "
            "to apply; 2 bad input."
        ),
    )
    p.add_argument("sources", nargs="+", metavar="SOURCE", help="a .md, .html or .txt source")
    p.add_argument("--diff", action="store_true", help="print a unified diff; write nothing")
    p.add_argument("--unsafe", action="store_true", help="also apply unsafe fixes (review them)")
    p.add_argument(
        "--select",
        metavar="RULES",
        help=f"fix only these rules (codes, names, prefixes, or {SPACES}), comma-separated",
    )
    p.add_argument("--ignore", metavar="RULES", help="do not apply these rules' fixes")
    p.set_defaults(run=run)


def _selectors(value: str | None, flag: str) -> list[str]:
    from plainprint.pipeline.commands.check import _rule_list

    items = [v.strip() for v in (value or "").split(",") if v.strip()]
    _rule_list(",".join(i for i in items if i != SPACES), flag)
    return items


def markdown_for(source: Path, config, diff: bool) -> tuple[Path, str, str | None]:
    """(the .md to fix, its text, a note when it was exported from an .html/.txt source)."""
    from plainprint.pipeline.export.markdown import to_markdown

    suffix = source.suffix.lower()
    if suffix in (".md", ".markdown"):
        try:
            return source, source.read_text(encoding="utf-8"), None
        except FileNotFoundError:
            raise PlainprintError(source, "file not found", "check the path") from None
    if suffix not in (".html", ".htm", ".txt"):
        raise PlainprintError(source, "cannot fix this kind of file", "give a .md, .html or .txt")
    md = source.with_suffix(".md")
    if md.exists():
        note = f"{md} already exists and wins over {source.name}: fixing it instead"
        return md, md.read_text(encoding="utf-8"), note
    text = to_markdown(load_document(source, config))
    if diff:
        return md, text, f"would write {md} (the Markdown rewrite of {source.name}) first"
    write_text(md, text)
    return md, text, f"wrote {md}, the Markdown rewrite of {source.name}; builds now use it"


def run(args) -> int:
    from plainprint.pipeline.fix import fix_markdown, parse
    from plainprint.pipeline.loading import config_for

    config = config_from_args(args)
    select = _selectors(args.select, "--select")
    ignore = _selectors(args.ignore, "--ignore")
    pending = False
    for name in args.sources:
        source = Path(name)
        md, text, note = markdown_for(source, config.for_source(source), args.diff)
        if note:
            print(f"plainprint: {note}", file=sys.stderr)
        per = config_for(config, md, parse(text, md))
        out = fix_markdown(text, md, per, unsafe=args.unsafe, select=select, ignore=ignore)
        if args.diff:
            sys.stdout.writelines(
                difflib.unified_diff(
                    out.before.splitlines(keepends=True),
                    out.after.splitlines(keepends=True),
                    fromfile=f"{md} (before)",
                    tofile=f"{md} (fixed)",
                )
            )
            pending = pending or out.changed
        elif out.changed:
            write_text(md, out.after)
        _summary(md, out, args.diff, sys.stderr if args.diff else sys.stdout)
    return 1 if pending else 0


def _grade(g: float | None) -> str:
    return "n/a" if g is None else f"{g:.1f}"


def _summary(md: Path, out, diff: bool, stream) -> None:
    from plainprint.checks.registry import get_rule

    verb = "would apply" if diff else "applied"
    print(
        f"{md}: grade {_grade(out.grade_before)} → {_grade(out.grade_after)} "
        f"({out.formula}, target {out.target:g})",
        file=stream,
    )
    for code in sorted(set(out.applied) | set(out.skipped)):
        rule = get_rule(code)
        label = f"{code} {rule.name}" if rule else code
        skipped = out.skipped.get(code, {})
        line = f"  {label}: {verb} {out.applied.get(code, 0)}"
        if skipped:
            reasons = "; ".join(f"{n} {why}" for why, n in sorted(skipped.items()))
            line += f", skipped {sum(skipped.values())} ({reasons})"
        print(line, file=stream)
    if out.unsafe_hidden:
        hidden = ", ".join(f"{c} ×{n}" for c, n in sorted(out.unsafe_hidden.items()))
        print(
            f"  {sum(out.unsafe_hidden.values())} more fixes need --unsafe ({hidden})",
            file=stream,
        )
    if not out.applied and not out.skipped:
        print("  nothing to fix", file=stream)
