"""``output/reports/<name>.html``: the editor's report.

The document's own text with findings highlighted in place, a scorecard, the heading
outline, a citation table, the PEMAT-P items a machine can score, and every finding of
``report.json`` listed with a link back to where it is. Built from the Document and the
check report only, so it always agrees with ``report.json``.
"""

from __future__ import annotations

from collections import Counter

from markupsafe import Markup

from plainprint.pipeline.config import Config
from plainprint.pipeline.document import Document, iter_items, plain_text
from plainprint.pipeline.document.nodes import (
    BlockQuote,
    Figure,
    Heading,
    ListBlock,
    Paragraph,
    References,
    Table,
)
from plainprint.pipeline.document.walk import iter_citations
from plainprint.pipeline.render.sanitize import clean
from plainprint.pipeline.report.highlight import LEGEND, Span, category, highlight
from plainprint.pipeline.report.pemat import assess
from plainprint.pipeline.report.templating import env, stylesheet

FORMULAS = [
    ("smog", "SMOG grade", "years of school; the health-literacy standard"),
    ("fkgl", "Flesch-Kincaid grade", "years of school"),
    ("flesch_reading_ease", "Flesch Reading Ease", "0–100; higher is easier, 60+ is plain"),
    ("forcast", "FORCAST grade", "suits lists and forms"),
    ("dale_chall", "Dale-Chall score", "counts unfamiliar words"),
    ("coleman_liau", "Coleman-Liau grade", "letters per word"),
    ("gunning_fog", "Gunning Fog index", "years of school"),
    ("ari", "Automated Readability Index", "years of school"),
    ("health_vocabulary", "Health vocabulary", "jargon and rare words; higher is harder"),
]
# Spanish documents: the Spanish formulas (checks.analysis.lang.es.formulas), never the English ones.
FORMULAS_ES = [
    ("sol", "SOL grade", "Spanish SMOG on the English grade scale; years of school"),
    ("inflesz", "INFLESZ (Szigriszt-Pazos)", "0–100; higher is easier, 55+ is normal"),
    ("fernandez_huerta", "Fernández-Huerta", "0–100; higher is easier"),
    ("health_vocabulary", "Health vocabulary", "jargon and rare words; higher is harder"),
]


def _number_findings(report: dict) -> list[dict]:
    """Each finding with a stable id (f1, f2, …) in report order, and its category."""
    from plainprint.checks.registry import get_rule

    out = []
    for n, f in enumerate(report.get("findings", []), 1):
        rule = get_rule(f.get("rule", ""))
        fixable = rule.autofix if rule else None  # what `plainprint fix` may apply
        out.append({**f, "id": f"f{n}", "n": n, "category": category(f.get("rule", "")),
                    "fixable": fixable})  # fmt: skip
    return out


def _spans_for(unit_key, findings, sentences) -> list[Span]:
    spans: list[Span] = []
    for s in sentences.get(unit_key, []):
        if s.get("difficulty") in ("hard", "very_hard"):
            very = s["difficulty"] == "very_hard"
            grade = s.get("grade")
            label = "very hard" if very else "hard"
            spans.append(
                Span(
                    s["start"],
                    s["end"],
                    "sentence",
                    "s-very-hard" if very else "s-hard",
                    f"s-{unit_key[0]}-{unit_key[1]}-{s['start']}",
                    "legend-" + ("s-very-hard" if very else "s-hard"),
                    label,
                    f"{label} sentence" + (f", grade {grade:.1f}" if grade is not None else ""),
                )
            )
    for f in findings.get(unit_key, []):
        loc = f["location"]
        if loc.get("start") is None or loc.get("end") is None:
            continue
        spans.append(
            Span(
                loc["start"],
                loc["end"],
                "finding",
                f["category"],
                f["id"],
                f["id"],
                str(f["n"]),
                f"finding {f['n']}: {f['message']}",
            )
        )
    return spans


def _block_flags(block_findings: list[dict]) -> Markup:
    """Flags for findings about a whole block (no character span)."""
    parts = []
    for f in block_findings:
        if f["location"].get("start") is not None:
            continue
        parts.append(
            Markup(
                '<a class="flag flag-{c}" href="#{i}" id="at-{i}">'
                '<span aria-hidden="true">{n}</span>'
                '<span class="visually-hidden">finding {n}: {m}</span></a>'
            ).format(c=f["category"], i=f["id"], n=f["n"], m=f["message"])
        )
    return Markup(" ").join(parts)


def _text_blocks(doc: Document, findings: list[dict], report: dict) -> list[dict]:
    by_unit: dict[tuple, list[dict]] = {}
    for f in findings:
        loc = f["location"]
        if loc.get("block_id"):
            by_unit.setdefault((loc["block_id"], loc.get("item")), []).append(f)
    sentences: dict[tuple, list[dict]] = {}
    for s in report.get("sentences", []):
        sentences.setdefault((s["block_id"], s.get("item")), []).append(s)

    def render_inline(key, content) -> Markup:
        text = plain_text(content)
        return Markup(clean(highlight(text, content, _spans_for(key, by_unit, sentences))))

    def visit(blocks, out) -> None:
        for block in blocks:
            key = (block.id, None)
            entry = {
                "id": block.id,
                "kind": type(block).__name__,
                "flags": _block_flags(by_unit.get(key, [])),
                "categories": sorted({f["category"] for f in by_unit.get(key, [])}),
            }
            if isinstance(block, Heading):
                entry.update(level=min(6, block.level + 2), html=render_inline(key, block.content))
            elif isinstance(block, Paragraph):
                entry.update(html=render_inline(key, block.content))
            elif isinstance(block, ListBlock):
                items = []
                for index, (item, depth) in enumerate(iter_items(block)):
                    ikey = (block.id, index)
                    items.append(
                        {
                            "depth": depth,
                            "html": render_inline(ikey, item.content),
                            "flags": _block_flags(by_unit.get(ikey, [])),
                        }
                    )
                entry.update(ordered=block.ordered, list_items=items)
            elif isinstance(block, BlockQuote):
                inner: list[dict] = []
                visit(block.blocks, inner)
                entry.update(children=inner)
            elif isinstance(block, Table):
                entry.update(
                    header=[[plain_text(c) for c in row] for row in block.header],
                    rows=[[plain_text(c) for c in row] for row in block.rows],
                    caption=plain_text(block.caption),
                )
            elif isinstance(block, Figure):
                entry.update(alt=block.alt, src=block.src, caption=plain_text(block.caption))
            elif isinstance(block, References):
                entry.update(references=[{"key": r.key, "raw": r.raw} for r in block.items])
            out.append(entry)

    out: list[dict] = []
    visit(doc.blocks, out)
    return out


def _outline(doc: Document, findings: list[dict]) -> list[dict]:
    problems: dict[str, list[dict]] = {}
    for f in findings:
        if f["rule"].startswith("HD") and f["location"].get("block_id"):
            problems.setdefault(f["location"]["block_id"], []).append(f)
    rows = []
    for block in doc.blocks:
        if isinstance(block, Heading):
            rows.append(
                {
                    "level": block.level,
                    "text": plain_text(block.content) or "(empty heading)",
                    "id": block.id,
                    "problems": problems.get(block.id, []),
                }
            )
    return rows


def _citation_table(doc: Document, findings: list[dict]) -> tuple[list[dict], list[dict]]:
    refs = {r.key: r for r in doc.references}
    ref_problems: dict[str, list[dict]] = {}
    for f in findings:
        key = f["location"].get("reference")
        if key is not None:
            ref_problems.setdefault(str(key), []).append(f)
    rows = []
    cited: Counter[str] = Counter()
    for block, _item, _offset, node, _content in iter_citations(doc):
        for key in node.refs:
            cited[key] += 1
            ref = refs.get(key)
            probs = ref_problems.get(key, [])
            status = (
                "missing: no such reference"
                if ref is None
                else ("; ".join(p["message"] for p in probs) or "ok")
            )
            rows.append(
                {
                    "marker": node.raw,
                    "block": block.id,
                    "key": key,
                    "reference": (ref.title or ref.raw) if ref else None,
                    "ok": ref is not None and not probs,
                    "status": status,
                }
            )
    uncited = [
        {
            "key": r.key,
            "reference": r.title or r.raw,
            "status": "; ".join(p["message"] for p in ref_problems.get(r.key, [])) or "never cited",
        }
        for r in doc.references
        if cited[r.key] == 0
    ]
    return rows, uncited


def _polysyllables(doc: Document) -> list[tuple[str, int, int]]:
    """The polysyllabic words that drive SMOG: (word, syllables, count), most frequent first."""
    from plainprint.checks.analysis.text import prepare

    counts: Counter[str] = Counter()
    syll: dict[str, int] = {}
    shown: dict[str, str] = {}  # as first written, so acronyms stay upper case
    for unit in prepare(doc):
        for sentence in unit.sentences:
            for w in sentence.words:
                if w.syllables >= 3 and not w.is_number:
                    counts[w.lower] += 1
                    syll[w.lower] = w.syllables
                    shown.setdefault(w.lower, w.text if w.text.isupper() else w.lower)
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return [(shown[w], syll[w], c) for w, c in ranked]


def render_report(doc: Document, report: dict, config: Config | None = None) -> str:
    findings = _number_findings(report)
    scores = report.get("scores", {})
    rows = FORMULAS_ES if "sol" in scores else FORMULAS
    citations, uncited = _citation_table(doc, findings)
    by_category = Counter(f["category"] for f in findings)
    sentence_counts = Counter(s.get("difficulty") for s in report.get("sentences", []))
    from plainprint.pipeline.i18n.messages import has_catalogue, translator

    lang = doc.metadata.language
    ui_lang = lang if has_catalogue(lang) else "en"  # labels in the document's language
    _ = translator(ui_lang)
    formulas = [(key, _(label), _(note), scores.get(key)) for key, label, note in rows]
    return (
        env()
        .get_template("report/template.html.j2")
        .render(
            doc=doc,
            report=report,
            css=Markup(stylesheet("report")),
            findings=findings,
            document_findings=[f for f in findings if not f["location"].get("block_id")],
            formulas=formulas,
            blocks=_text_blocks(doc, findings, report),
            outline=_outline(doc, findings),
            citations=citations,
            uncited=uncited,
            pemat=assess(doc, report),
            legend=[(css, _(label), _(note)) for css, label, note in LEGEND],
            by_category=by_category,
            sentence_counts=sentence_counts,
            polysyllables=_polysyllables(doc)[:40],
            severities=("error", "warning", "suggestion"),
            _=_,
            ui_lang=ui_lang,
        )
    )
