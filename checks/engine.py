"""Run every enabled rule on a Document and assemble the report."""

from __future__ import annotations

import datetime as dt
from typing import Any

from plainprint.checks.analysis.formulas import SMOG_SAMPLE, Counts
from plainprint.checks.analysis.lang import name as language_name
from plainprint.checks.analysis.lang import valid_for
from plainprint.checks.analysis.text import (
    HARD_GRADE,
    HARD_WORDS,
    VERY_HARD_GRADE,
    VERY_HARD_WORDS,
    heading_text,
)
from plainprint.checks.context import HOOKS, Context, Settings, build_context
from plainprint.checks.finding import Finding
from plainprint.checks.registry import Rule, all_rules
from plainprint.checks.report import (
    Note,
    Report,
    ReportCounts,
    SectionScore,
    SentenceFacts,
    UnitScore,
    polysyllables_of,
)
from plainprint.checks.suppress import apply_inline
from plainprint.pipeline.config import Config
from plainprint.pipeline.document.nodes import Document, Heading
from plainprint.pipeline.i18n.messages import translator


def _rule_settings(
    rule: Rule, settings: Settings, config: Config
) -> tuple[bool, str, dict[str, Any]]:
    """(enabled, severity, options) for one rule after select/ignore and per-rule tables."""
    cfg: dict[str, Any] = {}
    for key in (rule.family, rule.code, rule.name):
        cfg.update(settings.rule_config.get(key, {}))
    enabled = True
    if settings.select:
        enabled = any(rule.code.startswith(s) or s == rule.name for s in settings.select)
    if any(rule.code.startswith(s) or s == rule.name for s in settings.ignore):
        enabled = False
    if "enabled" in cfg:
        enabled = bool(cfg["enabled"])
    severity = cfg.get("severity", rule.severity)
    if severity == "off":
        enabled, severity = False, rule.severity
    options = dict(rule.options)
    checks = config.section("checks")
    for option, key in rule.config_keys.items():  # a [checks] key that sets an option
        if key in checks:
            options[option] = checks[key]
    # Option names and types were checked against rule.options by the configuration schema.
    options.update({k: v for k, v in cfg.items() if k not in ("enabled", "severity")})
    return enabled, severity, options


def _difficulty(grade: float, words: int) -> str:
    if grade >= VERY_HARD_GRADE or words > VERY_HARD_WORDS:
        return "very_hard"
    if grade >= HARD_GRADE or words > HARD_WORDS:
        return "hard"
    return "ok"


def _views(ctx: Context) -> tuple[list[dict], list[dict], list[dict]]:
    sections: list[dict] = []
    by_id: dict[str, tuple[Counts, dict]] = {}
    levels = {b.id: b.level for b in ctx.doc.blocks if isinstance(b, Heading)}
    for ui, unit in enumerate(ctx.units):
        if unit.section_id not in by_id:
            entry = {"heading": unit.section, "block_id": unit.section_id or None,
                     "level": levels.get(unit.section_id)}  # fmt: skip
            by_id[unit.section_id] = (Counts(), entry)
            sections.append(entry)
        by_id[unit.section_id][0].__iadd__(ctx.unit_counts[ui])
    for c, entry in by_id.values():
        entry.update(sentences=c.sentences, words=c.words, scores=ctx.score(c))
    paragraphs = []
    sentences = []
    for ui, unit in enumerate(ctx.units):
        c = ctx.unit_counts[ui]
        paragraphs.append({
            "block_id": unit.block_id, "item": unit.item, "kind": unit.kind,
            "section": unit.section, "line": unit.line, "sentences": c.sentences,
            "words": c.words, "scores": ctx.score(c),
        })  # fmt: skip
        for si, sent in enumerate(unit.sentences):
            sc = ctx.sentence_counts[(ui, si)]
            grade = max(0.0, ctx.sentence_grade(sc) or 0.0)
            sentences.append({
                "block_id": unit.block_id, "item": unit.item, "start": sent.start,
                "end": sent.end, "words": sc.words, "grade": round(grade, 1),
                "difficulty": _difficulty(grade, sc.words), "passive": bool(sc.passive_sentences),
            })  # fmt: skip
    return sections, paragraphs, sentences


def language_notes(settings: Settings, not_run: list[str]) -> list[dict[str, Any]]:
    """One note when rules were not run because they are not valid for the language."""
    if not not_run:
        return []
    code = settings.language
    t = translator(code)  # the document's language, as the rules' messages (Context.t)
    how = t("detected") if settings.detected else t("declared")
    values = {"language": t(language_name(code)), "code": code, "how": how,
              "n": len(not_run), "rules": ", ".join(not_run)}  # fmt: skip
    if settings.lang is None:
        message = t(
            "plainprint has no reading-level or plain-language rules for {language} "
            "({code}, {how}): {n} checks not run ({rules}); no grade is given. Heading and "
            "citation checks ran."
        ).format(**values)
    else:
        message = t(
            "{n} checks are valid for other languages only and were not run on this "
            "{language} document ({code}, {how}): {rules}."
        ).format(**values)
    return [{"code": "language-rules", "language": code, "detected": settings.detected,
             "rules_not_run": not_run, "message": message}]  # fmt: skip


def run_checks(doc: Document, config: Config | None = None, *, today: dt.date | None = None,
               _hooks: dict[str, Any] | None = None) -> Report:  # fmt: skip
    """Score ``doc`` and run every enabled rule. Pure apart from, with ``check_links``, the
    network; inline suppressions come from ``doc.suppressions`` (read at ingest)."""
    config = config or Config()
    settings = Settings.from_config(config, doc, today)
    ctx = build_context(doc, settings)
    for name, value in (_hooks or {}).items():
        if name not in HOOKS:
            raise TypeError(f"run_checks: unknown hook {name!r}; hooks: {', '.join(HOOKS)}")
        setattr(ctx, name, value)
    findings: list[Finding] = []
    not_run: list[str] = []
    rules = all_rules()
    resolved = {r.code: _rule_settings(r, settings, config) for r in rules}
    for rule in rules:
        enabled, severity, options = resolved[rule.code]
        options = rule.resolve(options, lambda code: resolved[code][2])
        if not enabled:
            continue
        if not valid_for(rule.languages, settings.language):
            if "en" in rule.languages:  # another language's own rules are not news here
                not_run.append(rule.code)
            continue
        for hit in rule.check(ctx, options):
            findings.append(
                Finding(rule.code, rule.name, severity, hit.message, hit.location, hit.suggestion)
            )
    apply_inline(findings, doc.suppressions)
    order = ctx.block_order
    findings.sort(key=lambda f: f.sort_key(order))
    sections, paragraphs, sentences = _views(ctx)
    c = ctx.counts
    counts = {
        **c.to_dict(),
        "vocabulary_load": round(c.vocabulary_load, 2),
        "active_share": round(1 - c.passive_sentences / c.sentences, 3) if c.sentences else None,
        "units": len(ctx.units),
        "headings": sum(1 for b in doc.blocks if isinstance(b, Heading)),
        "references": len(doc.references),
    }
    fail_on = config.typed.fail_level
    report = Report(
        source=doc.metadata.source_path or doc.metadata.title,
        title=doc.metadata.title,
        language=doc.metadata.language,
        formula=settings.formula,
        grade=ctx.grade,
        indicative=settings.formula in ("smog", "sol") and c.sentences < SMOG_SAMPLE,
        target=settings.target_grade,
        fail_on=fail_on,
        scores=ctx.scores,
        counts=ReportCounts.from_dict(counts),
        sections=[SectionScore.from_dict(s, "sections") for s in sections],
        paragraphs=[UnitScore.from_dict(p, "paragraphs") for p in paragraphs],
        sentences=[SentenceFacts.from_dict(s, "sentences") for s in sentences],
        findings=findings,
        today=settings.today.isoformat(),
        language_detected=settings.detected,
        notes=[Note.from_dict(n, "notes") for n in language_notes(settings, not_run)],
        polysyllables=polysyllables_of(ctx.units),
    )
    report.refresh()
    return report


__all__ = ["heading_text", "run_checks"]
