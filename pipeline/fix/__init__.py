"""``plainprint fix``: apply the fixes rules declare, like ``ruff check --fix``.

Safe fixes (the swap table's wording swaps, doubled spaces) apply by default; unsafe ones
(jargon → plain words, a definition at a term's first use, an acronym spelled out) only
when asked. Each fix is mapped back to the Markdown source (``locate``), refused when it
would touch a number, a dose, a drug name, a quotation or markup (``guards``), skipped when
it overlaps another, and the whole result is re-ingested and compared (``facts``) before
anything is written.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from plainprint.pipeline.config import Config
from plainprint.pipeline.document.nodes import Document
from plainprint.pipeline.errors import PlainprintError
from plainprint.pipeline.fix.facts import changed
from plainprint.pipeline.fix.guards import in_block_quote, refusal
from plainprint.pipeline.fix.locate import NotLocated, block_regions, locate
from plainprint.pipeline.fix.spaces import NAME as SPACES
from plainprint.pipeline.fix.spaces import doubled_spaces


@dataclass
class Outcome:
    """What one ``fix`` run did to one Markdown text."""

    before: str
    after: str
    formula: str = "smog"
    target: float = 8.0
    grade_before: float | None = None
    grade_after: float | None = None
    applied: Counter = field(default_factory=Counter)  # rule code → count
    skipped: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    unsafe_hidden: Counter = field(default_factory=Counter)  # fixes that need --unsafe

    @property
    def changed(self) -> bool:
        return self.before != self.after


@dataclass(frozen=True)
class _Edit:
    start: int
    end: int
    text: str
    rule: str


def parse(text: str, path: Path) -> Document:
    from plainprint.pipeline.ingest import ingest_bytes

    return ingest_bytes(text.encode("utf-8"), path, "markdown")


def _selected(code: str, name: str, select: list[str], ignore: list[str]) -> bool:
    if select and not any(code.startswith(s) or s == name for s in select):
        return False
    return not any(code.startswith(s) or s == name for s in ignore)


def fix_markdown(
    text: str,
    path: Path,
    config: Config,
    *,
    unsafe: bool = False,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
) -> Outcome:
    """Fix the Markdown ``text`` of ``path`` (not written here); ``config`` is the source's."""
    from plainprint.checks import run_checks
    from plainprint.checks.context import Settings, build_context
    from plainprint.checks.registry import get_rule

    doc = parse(text, path)
    report = run_checks(doc, config)
    ctx = build_context(doc, Settings.from_config(config, doc, None))
    out = Outcome(text, text, report.formula, report.target, report.grade)
    regions = block_regions(doc, text)
    units_by_block: dict[str, list] = defaultdict(list)
    for unit in ctx.units:
        units_by_block[unit.block_id].append(unit)
    edits: list[_Edit] = []
    for finding in report.findings:
        rule = get_rule(finding.rule)
        if (
            rule is None
            or rule.autofix is None
            or not _selected(rule.code, rule.name, list(select), list(ignore))
        ):
            continue
        if rule.autofix == "unsafe" and not unsafe:
            out.unsafe_hidden[rule.code] += 1
            continue
        try:
            edits.append(_plan(ctx, finding, rule, text, regions, units_by_block))
        except NotLocated as exc:
            out.skipped[rule.code][f"not located: {exc}"] += 1
        except _Refused as exc:
            out.skipped[rule.code][str(exc)] += 1
    if _selected(SPACES, SPACES, list(select), list(ignore)):
        edits += [
            _Edit(s, e, t, SPACES) for s, e, t in doubled_spaces(text, list(regions.values()))
        ]
    out.after = _apply(text, edits, out)
    if out.changed:
        new_doc = parse(out.after, path)
        broken = changed(doc, new_doc)
        if broken:
            raise PlainprintError(
                path,
                "the fixes would change " + "; ".join(broken) + ", so nothing was written",
                "report this as a bug; use --select to apply other rules' fixes",
            )
        out.grade_after = run_checks(new_doc, config).grade
    else:
        out.grade_after = out.grade_before
    return out


class _Refused(Exception):
    pass


def _plan(ctx, finding, rule, text, regions, units_by_block) -> _Edit:
    from plainprint.checks.registry import Unfixable

    loc = finding.location
    units = units_by_block.get(loc.block_id or "", [])
    index = next((i for i, u in enumerate(units) if u.item == loc.item), None)
    if index is None or loc.start is None or loc.end is None or loc.block_id not in regions:
        raise NotLocated("the finding has no place in the text")
    unit = units[index]
    try:
        new = rule.fixer(ctx, finding, unit)
    except Unfixable as exc:
        raise _Refused(f"not fixable: {exc}") from None
    reason = refusal(unit.text, loc.start, loc.end, new, acronym=rule.fix_keeps_capitals)
    if reason:
        raise _Refused(f"refused: {reason}")
    start, end = locate(
        text, regions[loc.block_id], [(u.text, u.masked) for u in units], index, loc.start, loc.end
    )
    if in_block_quote(text, start):
        raise _Refused("refused: it is inside a quotation")
    return _Edit(start, end, new, rule.code)


def _apply(text: str, edits: list[_Edit], out: Outcome) -> str:
    """Apply non-overlapping edits in source order; an overlapping one is skipped."""
    parts = []
    pos = 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if edit.start < pos:
            out.skipped[edit.rule]["overlaps another fix"] += 1
            continue
        parts.append(text[pos : edit.start])
        parts.append(edit.text)
        pos = edit.end
        out.applied[edit.rule] += 1
    parts.append(text[pos:])
    return "".join(parts)
