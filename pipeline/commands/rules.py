"""``plainprint rules [RULE …] [--format text|json]``: the check rules, from the registry.

Like ``ruff rule``: an editor who meets ``PL006`` in a report, or a CI log, can read why it
matters and how to tune it without finding ``checks/RULES.md`` (which a pip install lacks).
"""

from __future__ import annotations

import json
import sys

from plainprint.pipeline.errors import PlainprintError


def add_parser(sub) -> None:
    p = sub.add_parser(
        "rules",
        help="list the check rules, or explain one",
        description=(
            "Without arguments, list every check rule: code, name, default severity, whether "
            "`plainprint fix` can fix it (safe or unsafe) and summary. With codes or names (RL001, jargon-term) or family prefixes (PL), print "
            "each rule's full entry: why it matters, options, references and examples."
        ),
        epilog="exit codes: 0 success; 2 a rule that does not exist.",
    )
    p.add_argument("names", nargs="*", metavar="RULE", help="rule code, name or family prefix")
    p.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (default: text)"
    )
    p.set_defaults(run=run)


def _select(names: list[str]):
    from plainprint.checks.registry import FAMILIES, all_rules, get_rule

    rules = all_rules()
    if not names:
        return rules
    chosen = []
    for name in names:
        if name.upper() in FAMILIES:
            chosen += [r for r in rules if r.family == name.upper()]
            continue
        found = get_rule(name) or get_rule(name.upper())
        if found is None:
            raise PlainprintError(
                None,
                f"no rule named {name!r}",
                "run `plainprint rules` for the list; give a code (RL001), a name "
                "(jargon-term) or a family (" + ", ".join(FAMILIES) + ")",
            )
        chosen.append(found)
    return list({r.code: r for r in chosen}.values())


def run(args) -> int:
    from plainprint.checks.docs import rule_section

    rules = _select(args.names)
    if args.format == "json":
        data = [
            {
                "code": r.code,
                "name": r.name,
                "severity": r.severity,
                "summary": r.summary,
                "rationale": r.rationale,
                "options": r.options,
                "references": list(r.references),
                "fix": r.fix,
                "autofix": r.autofix,
                "languages": list(r.languages),
                "status": r.status,
            }
            for r in rules
        ]
        sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    elif args.names:
        sys.stdout.write("\n".join("\n".join(rule_section(r)).rstrip() + "\n" for r in rules))
    else:
        width = max(len(r.name) for r in rules)
        for r in rules:
            fix = f"fix: {r.autofix}" if r.autofix else ""
            sys.stdout.write(
                f"{r.code}  {r.name:<{width}}  {r.severity:<10}  {fix:<11}  {r.summary}\n"
            )
    return 0
