"""The rule registry: every rule's stable code, name, default severity, docs and examples.

Rules register explicitly with the ``@rule`` decorator in their family module
(``checks/rules/*.py``); ``ALL_RULES`` lists them in code order. ``checks/RULES.md`` is
generated from this registry (``python -m plainprint.checks.docs``) and a test keeps it current.

Codes are two letters for the family and three digits; they are never reused. A retired
code stays in ``RETIRED``; a renamed one goes in ``REDIRECTS``.

A rule that ``plainprint fix`` can apply declares ``autofix`` ("safe": applied by default,
the meaning cannot change; "unsafe": only with ``--unsafe``, an editor should review it)
and its ``fixer``, which owns the rule's facts: given the checks context, the finding and
its unit, it returns the text that replaces the finding's span, or raises ``Unfixable``.

Every rule declares the ``languages`` it is valid for: language codes ("en", "es") whose
facts it uses, or ``("*",)`` for rules that do not depend on language (headings,
citations). The engine runs a rule only on documents in one of its languages and names
the others in the report's note (see ``checks.analysis.lang``).

Each entry owns every fact about its rule, so nothing downstream names a rule code:
``options`` are the single source of thresholds (a summary quotes them as ``{max_words}``);
``related_options`` reads another rule's option by declared relation (PL001 stops where
PL002 starts); ``config_keys`` lets a ``[checks]`` key set an option (the engine applies it
generically); ``category`` is the editor's highlight category and ``pemat_item`` the PEMAT-P
item whose automatic score counts the rule's findings.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

# Highlight categories of the editor's report (its legend says what each marks).
CATEGORIES = (
    "jargon",
    "passive",
    "undefined",
    "uncited",
    "number",
    "wordy",
    "long-sentence",
    "long-paragraph",
    "other",
)
FAMILIES = {
    "RL": "Reading level",
    "PL": "Plain language",
    "CT": "Citations",
    "HD": "Headings",
    "CK": "Checker (suppressions)",
}
RETIRED: dict[str, str] = {}  # code → why it was retired
REDIRECTS: dict[str, str] = {}  # old code or name → current code

CODE_RE = re.compile(r"^(RL|PL|CT|HD|CK)\d{3}$")
NAME_RE = re.compile(r"^[a-z]+(?:-[a-z0-9]+)*$")
AUTOFIX = (None, "safe", "unsafe")
LANG_RE = re.compile(r"^(?:\*|[a-z]{2,3})$")


class Unfixable(Exception):
    """A finding of a fixable rule that cannot be fixed here; the message says why."""


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: str
    summary_template: str  # may quote options: "more than {max_words} words"
    rationale: str
    flagged: tuple[str, ...]  # example documents (see checks.examples) that must be flagged
    clean: tuple[str, ...]  # examples that must pass
    check: Callable[..., Iterator[Any]]
    languages: tuple[str, ...]  # language codes the rule is valid for; ("*",) for any
    options: dict[str, Any] = field(default_factory=dict)
    tags: tuple[str, ...] = ()
    references: tuple[str, ...] = ()  # axe-core, markdownlint, WCAG, PEMAT… identifiers
    fix: str = "none"  # none | sometimes | always (a suggestion is offered)
    status: str = "stable"
    since: str = "0.1.0"
    autofix: str | None = None  # None | "safe" | "unsafe": what `plainprint fix` may apply
    fixer: Callable[..., str] | None = None  # (ctx, finding, unit) -> replacement text
    category: str = "other"  # highlight category in the editor's report (CATEGORIES)
    pemat_item: int | None = None  # PEMAT-P item whose automatic score counts the findings
    # option name → (related rule's code, its option): read, not configured, here
    related_options: dict[str, tuple[str, str]] = field(default_factory=dict)
    config_keys: dict[str, str] = field(default_factory=dict)  # option → [checks] key
    # The fix writes the capitalised found word back (an acronym spelled out around it), so
    # `plainprint fix`'s guard against changing a name inside a sentence does not apply.
    fix_keeps_capitals: bool = False

    @property
    def defaults(self) -> dict[str, Any]:
        """The default options, with related rules' defaults under their declared names."""
        related = {k: _REGISTRY[c].options[o] for k, (c, o) in self.related_options.items()}
        return {**self.options, **related}

    @property
    def summary(self) -> str:
        """The summary with the default thresholds filled in, so it always quotes them."""
        return self.summary_template.format_map(self.defaults)

    def resolve(
        self, options: dict[str, Any], options_of: Callable[[str], dict[str, Any]]
    ) -> dict[str, Any]:
        """This rule's options plus its related options, read from ``options_of(code)``
        (each related rule's effective options after configuration)."""
        related = {k: options_of(c)[o] for k, (c, o) in self.related_options.items()}
        return {**options, **related}

    @property
    def fix_label(self) -> str:
        """How `plainprint rules`, RULES.md and the editor's report name the fix."""
        return {"safe": "fixable (safe)", "unsafe": "fixable (unsafe, --unsafe)"}.get(
            self.autofix or "", "not fixable"
        )

    @property
    def family(self) -> str:
        return self.code[:2]


_REGISTRY: dict[str, Rule] = {}


def rule(
    *,
    code: str,
    name: str,
    severity: str,
    summary: str,
    rationale: str,
    flagged: tuple[str, ...],
    clean: tuple[str, ...],
    languages: tuple[str, ...],
    options: dict[str, Any] | None = None,
    tags: tuple[str, ...] = (),
    references: tuple[str, ...] = (),
    fix: str = "none",
    autofix: str | None = None,
    fixer: Callable[..., str] | None = None,
    category: str = "other",
    pemat_item: int | None = None,
    related_options: dict[str, tuple[str, str]] | None = None,
    config_keys: dict[str, str] | None = None,
    fix_keeps_capitals: bool = False,
) -> Callable[[Callable[..., Iterator[Any]]], Callable[..., Iterator[Any]]]:
    def register(fn: Callable[..., Iterator[Any]]) -> Callable[..., Iterator[Any]]:
        if code in _REGISTRY or code in RETIRED:
            raise ValueError(f"rule code {code} is already used")
        if not languages or not all(LANG_RE.match(x) for x in languages):
            raise ValueError(f"rule {code}: languages must be codes like 'en' or '*'")
        if autofix not in AUTOFIX or (autofix is None) != (fixer is None):
            raise ValueError(f"rule {code}: autofix must be safe or unsafe, with a fixer")
        if category not in CATEGORIES:
            raise ValueError(f"rule {code}: category must be one of {', '.join(CATEGORIES)}")
        unknown = set(config_keys or {}) - set(options or {})
        if unknown or set(related_options or {}) & set(options or {}):
            raise ValueError(f"rule {code}: config_keys name options; related ones are not")
        _REGISTRY[code] = Rule(
            code, name, severity, summary, rationale, flagged, clean, fn, tuple(languages),
            dict(options or {}), tags, references, fix, autofix=autofix, fixer=fixer,
            category=category, pemat_item=pemat_item,
            related_options=dict(related_options or {}), config_keys=dict(config_keys or {}),
            fix_keeps_capitals=fix_keeps_capitals,
        )  # fmt: skip
        return fn

    return register


def all_rules() -> list[Rule]:
    from plainprint.checks import rules  # noqa: F401  (registers every family)

    return [_REGISTRY[c] for c in sorted(_REGISTRY)]


def get_rule(code_or_name: str) -> Rule | None:
    key = REDIRECTS.get(code_or_name, code_or_name)
    for r in all_rules():
        if key in (r.code, r.name):
            return r
    return None


def rules_in(*, category: str | None = None, pemat_item: int | None = None) -> list[Rule]:
    """The rules (code order) with this highlight category or PEMAT item."""
    return [
        r
        for r in all_rules()
        if (category is None or r.category == category)
        and (pemat_item is None or r.pemat_item == pemat_item)
    ]


def category_of(code: str) -> str:
    """A finding's highlight category from its rule code ("other" for an unknown code)."""
    r = get_rule(code)
    return r.category if r else "other"


SELECTOR_HINT = (
    "use rule codes (PL001), names (sentence-too-long) or code prefixes (PL); "
    "`plainprint rules` lists them"
)


def unknown_selectors(selectors: Iterable[str]) -> list[str]:
    """The entries of a select/ignore list (codes, names, prefixes) that match no rule."""
    rules = all_rules()
    return [
        s
        for s in selectors
        if not s
        or s not in REDIRECTS
        and not any(r.code.startswith(s) or s == r.name for r in rules)
    ]


@dataclass(frozen=True, slots=True)
class Hit:
    """What a rule function yields; the engine adds code, name and severity."""

    message: str
    location: Any  # checks.finding.Location
    suggestion: Any = None  # checks.finding.Suggestion | None
