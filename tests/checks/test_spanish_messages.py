"""Findings in the document's language (issue 16, point 4): every rule that runs on Spanish
writes its messages and suggestions through ``Context.t`` (the gettext catalogue), the
Spanish catalogue translates each template with the same placeholders, and English
documents get the English text unchanged."""

from __future__ import annotations

import ast
import datetime as dt
import inspect
import json
import re
import string
from pathlib import Path

import pytest

from plainprint.checks import context as context_module
from plainprint.checks import engine
from plainprint.checks.engine import run_checks
from plainprint.checks.examples import example_document
from plainprint.checks.registry import Rule, all_rules
from plainprint.pipeline.config import Config
from plainprint.pipeline.i18n.messages import locale_dir, read_po
from plainprint.pipeline.ingest import ingest_bytes, ingest_path
from tests import paths

TODAY = dt.date(2025, 1, 31)
HANDOUT = paths.FIXTURES / "es" / "presion-alta.md"
RULES_DIR = Path(engine.__file__).parent / "rules"
ES_RULES = [r for r in all_rules() if "es" in r.languages or "*" in r.languages]
# Words of English finding messages that must not reach a Spanish report.
ENGLISH_WORDS = (
    "is medical jargon", "plain words", "explain the term", "does not say who acts",
    "scored sentences", "is indicative", "words (more than", "Split it", "is a rare word",
    "Confusing number", "Heading level skipped", "is never cited", "checks are valid",
    "were not run", "Say who does it", "duplicates reference", "has no URL",
)  # fmt: skip
# A Spanish handout with a finding from most rules that run on Spanish ("Accessed": the
# reference parser does not read Spanish access dates such as "Consultado el").
ES_MANY = """---
title: Su tratamiento
lang: es
---
# Su tratamiento

La prueba fue realizada en el hospital. Evite la automedicación y la polifarmacia. Tome 2,5 mg
al día. El 25 % de las personas tiene dolor. El diurético ayuda.[1] Tome la pastilla blanca
cada mañana con un vaso de agua y algo de comida, y llame a su médico si se siente mal.[3]

### Comida

Coma fruta.

## Comida

Beba agua.

## Comida

Camine.

[^1]: Sociedad de Cardiología. Guía. https://example.org/a. Accessed 2019-01-01.
[^2]: Sociedad de Cardiología. Otra guía. https://example.org/b.
"""


def _templates() -> list[tuple[str, str]]:
    """(file, template) for every literal passed to ``ctx.t(...)`` or ``t(...)``."""
    out: dict[str, str] = {}
    for path in [*sorted(RULES_DIR.glob("*.py")), Path(engine.__file__)]:
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if _is_t_call(node) and isinstance(node.args[0], ast.Constant):
                out.setdefault(node.args[0].value, path.name)
    return [(f, t) for t, f in out.items()]


def _is_t_call(node: ast.AST) -> bool:
    if not isinstance(node, ast.Call) or not node.args:
        return False
    f = node.func
    return (isinstance(f, ast.Attribute) and f.attr == "t") or (
        isinstance(f, ast.Name) and f.id == "t"
    )


def _fields(template: str) -> list[tuple[str, str]]:
    """Placeholder names with their format specs: "{grade:.1f}" → ("grade", ".1f")."""
    return sorted((n, spec or "") for _, n, spec, _ in string.Formatter().parse(template) if n)


def _catalogue(path: Path) -> dict[str, str]:
    return read_po(path.read_text("utf-8"))


TEMPLATES = _templates()
ES = _catalogue(locale_dir() / "es" / "LC_MESSAGES" / "plainprint.po")
POT_IDS = set(
    ast.literal_eval(m)
    for m in re.findall(
        r'^msgid (".*")$', (locale_dir() / "plainprint.pot").read_text("utf-8"), re.M
    )
)


def test_templates_are_found():
    assert len(TEMPLATES) >= 60  # every rule family's messages, and the engine's note


@pytest.mark.parametrize(("module", "template"), TEMPLATES, ids=[t[:40] for _, t in TEMPLATES])
def test_template_has_a_spanish_msgstr_with_the_same_placeholders(module, template):
    assert template in POT_IDS, f"{module}: add {template!r} to plainprint.pot"
    assert template in ES, f"{module}: no Spanish msgstr for {template!r}"
    assert ES[template] != "" and _fields(ES[template]) == _fields(template)


def test_the_language_names_the_note_uses_are_translated():
    assert ES["Spanish"] == "español"


# ----------------------------------------------------------- no untranslated literals


def _functions(rule: Rule) -> list[ast.FunctionDef]:
    """The rule's function and the module functions it calls (transitively): where its
    messages are written."""
    module = inspect.getmodule(rule.check)
    tree = ast.parse(inspect.getsource(module))
    defs = {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef)}
    todo, seen = [rule.check.__name__], {}
    while todo:
        name = todo.pop()
        if name in seen or name not in defs:
            continue
        seen[name] = defs[name]
        todo += [c.func.id for c in ast.walk(defs[name]) if isinstance(c, ast.Call)
                 and isinstance(c.func, ast.Name)]  # fmt: skip
    return list(seen.values())


def _literal_words(node: ast.AST) -> list[str]:
    """String literals with letters in ``node`` that do not go through ``t(...)``."""
    if _is_t_call(node):
        return []
    if isinstance(node, ast.JoinedStr):
        return [ast.unparse(node)]
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value] if re.search(r"[^\W\d_]", node.value) else []
    return [w for child in ast.iter_child_nodes(node) for w in _literal_words(child)]


@pytest.mark.parametrize("rule", ES_RULES, ids=lambda r: r.code)
def test_rule_valid_for_spanish_has_no_untranslated_message(rule):
    untranslated = []
    for fn in _functions(rule):
        for call in ast.walk(fn):
            if (
                isinstance(call, ast.Call)
                and isinstance(call.func, ast.Name)
                and call.func.id in ("Hit", "Suggestion")
                and call.args
            ):
                untranslated += _literal_words(call.args[0])  # message / suggestion title
    assert not untranslated, f"{rule.code}: write these through ctx.t(...): {untranslated}"


def _spanish(example: str) -> str:
    if example.startswith("---\n"):
        return (
            example if "\nlang:" in example.split("\n---\n")[0] else "---\nlang: es\n" + example[4:]
        )
    return "---\nlang: es\n---\n" + example


EXTRA = {  # rules whose registry examples cannot show them
    "CK001": ["# Título\n\nDescanse. <!-- plainprint-disable PL006 -->"],
    "CT010": ["# Título\n\nA.[1]\n\n[^1]: Sol. https://example.org/gone."],
}


@pytest.mark.parametrize("rule", ES_RULES, ids=lambda r: r.code)
def test_every_spanish_finding_comes_from_the_catalogue(rule, monkeypatch):
    """Run the rule's flagged examples as Spanish documents with a catalogue that marks each
    message ⟦…⟧: nothing of a message or suggestion may be outside the marks."""
    monkeypatch.setattr(context_module, "translator", lambda lang: lambda s: f"⟦{s}⟧")
    config = Config({"checks": {"check_links": True}})
    hooks = {"fetch_status": lambda url: 404}
    texts = []
    for example in [*rule.flagged, *EXTRA.get(rule.code, [])]:
        doc = example_document(_spanish(example))
        assert doc.metadata.language == "es"
        for f in run_checks(doc, config, today=TODAY, _hooks=hooks).findings:
            if f.rule == rule.code:
                texts += [f.message] + ([f.suggestion.title] if f.suggestion else [])
    assert texts, f"{rule.code}: no example is flagged as a Spanish document"
    for text in texts:
        rest = text
        while (inner := re.sub(r"⟦[^⟦⟧]*⟧", "", rest)) != rest:
            rest = inner
        assert not re.search(r"[^\W\d_]", rest), f"{rule.code}: untranslated part in {text!r}"


# ------------------------------------------------------------- reports in Spanish


@pytest.fixture(scope="module")
def spanish_reports():
    docs = [ingest_path(HANDOUT), ingest_bytes(ES_MANY.encode(), Path("tratamiento.md"))]
    return [(d, run_checks(d, Config(), today=TODAY).to_dict()) for d in docs]


def test_spanish_reports_have_many_rules_findings(spanish_reports):
    rules = {f["rule"] for _, r in spanish_reports for f in r["findings"]}
    assert {"PL006", "RL003", "PL014", "PL015", "PL016", "PL001", "HD003", "HD005", "CT002",
            "CT005", "CT001"} <= rules  # fmt: skip


def test_spanish_json_report_findings_are_in_spanish(spanish_reports):
    for _doc, report in spanish_reports:
        text = json.dumps([report["findings"], report["notes"]], ensure_ascii=False)
        for words in ENGLISH_WORDS:
            assert words not in text, words
    first = json.dumps(spanish_reports[0][1], ensure_ascii=False)
    assert "“diurético” es una palabra médica difícil; palabras sencillas:" in first
    assert "no se hicieron en este documento en español (es, declarado)" in first
    assert "el grado SOL es orientativo" in first


def test_spanish_editor_report_findings_are_in_spanish(spanish_reports):
    from plainprint.pipeline.report.editor import render_report

    for doc, report in spanish_reports:
        html = render_report(doc, report, Config())
        visible = re.sub(r"<[^>]+>", " ", html)
        for words in ENGLISH_WORDS:
            assert words not in visible, words
        for f in report["findings"]:
            assert f["message"].split("“")[0].strip() in visible
    html = render_report(*spanish_reports[1], Config())
    assert "Voz pasiva:" in html and "es una palabra poco común en español" in html


# --------------------------------------------------------------- English unchanged


@pytest.mark.parametrize("language", ["en", "pt", "ko"])
def test_t_formats_the_english_template_without_a_catalogue(language):
    doc = example_document(f"---\nlang: {language}\n---\n# Title\n\nRest.")
    ctx = context_module.build_context(
        doc, context_module.Settings.from_config(Config(), doc, TODAY)
    )
    template = "Reading grade {grade:.1f} ({formula}) is above the target {target:g}{note}"
    values = {"grade": 9.04, "formula": "smog", "target": 8.0, "note": ""}
    assert ctx.t(template, **values) == "Reading grade 9.0 (smog) is above the target 8"


def test_english_messages_are_the_templates_text():
    doc = example_document("# Skin care\n\nThe cancer is metastatic.")
    found = [f for f in run_checks(doc, Config(), today=TODAY).findings if f.rule == "PL006"]
    assert found[0].message.startswith("“metastatic” is medical jargon; plain words: ")
    assert found[0].suggestion.title.endswith("”, or explain the term")


def test_note_for_a_language_without_catalogue_stays_english():
    doc = example_document("---\nlang: pt\n---\n# Título\n\nDescanse bem.")
    (note,) = run_checks(doc, Config(), today=TODAY).notes
    assert note.message.startswith("plainprint has no reading-level or plain-language rules for "
                                   "Portuguese (pt, declared): ")  # fmt: skip


def test_the_source_walk_sees_rule_bodies_and_their_helpers():
    """Guards the untranslated-literal test: it must read the rule's body and helpers."""
    rl001 = next(r for r in all_rules() if r.code == "RL001")
    names = {f.name for f in _functions(rl001)}
    assert {"grade_above_target", "grade_advice"} <= names
