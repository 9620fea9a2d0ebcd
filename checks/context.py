"""Everything the rules share for one document: settings, prepared text, counts, terms."""

from __future__ import annotations

import datetime as dt
import functools
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from plainprint.checks.analysis.formulas import SCORE_NAMES, Counts
from plainprint.checks.analysis.glossary import GlossaryEntry, config_files, load_glossary
from plainprint.checks.analysis.swaps import swap_rows
from plainprint.checks.analysis.terms import Occurrence, TermMatcher
from plainprint.checks.analysis.text import Sentence, Unit, heading_text, prepare
from plainprint.checks.analysis.vocabulary import Vocabulary
from plainprint.checks.finding import Location
from plainprint.checks.scoring import sentence_counts
from plainprint.pipeline.config import Config
from plainprint.pipeline.config.schema import CheckFacts, validate_checks
from plainprint.pipeline.document import iter_blocks, plain_text
from plainprint.pipeline.document.nodes import (
    Block,
    Citation,
    Document,
    Heading,
    ListBlock,
    Paragraph,
)
from plainprint.pipeline.i18n.messages import translator

TOPIC_MIN_USES = 3


def build_date() -> dt.date:
    """Today in UTC, or the day of ``SOURCE_DATE_EPOCH`` when set (reproducible-builds.org):
    never the machine's time zone, so two machines building at the same moment agree."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.datetime.now(dt.UTC).date()


@functools.lru_cache(maxsize=16)
def _glossary(paths: tuple[str, ...], default: str = "glossary.tsv") -> dict[str, GlossaryEntry]:
    """One glossary object per set of files, so word scores and matchers are reused."""
    return load_glossary(paths, default)


@dataclass
class Settings:
    target_grade: float
    formula: str
    today: dt.date
    glossary: dict[str, GlossaryEntry]
    swap_rows: list[tuple[str, str]]
    allow: frozenset[str]
    rule_config: dict[str, dict[str, Any]]
    select: tuple[str, ...]
    ignore: tuple[str, ...]
    check_links: bool = False
    language: str = "en"  # the document's primary language subtag
    detected: bool = False  # the language was detected, not declared

    @property
    def lang(self):
        """The language's facts (``checks.analysis.lang.Language``), None without rules for it."""
        from plainprint.checks.analysis.lang import language

        return language(self.language)

    @classmethod
    def from_config(cls, config: Config, doc: Document, today: dt.date | None) -> Settings:
        """Settings for one document from the typed configuration (validated by the schema,
        here against the checks' facts too; nothing is re-checked)."""
        from plainprint.checks.analysis.lang import base, language

        rule_config = validate_checks(config, check_facts())
        typed = config.typed
        checks = typed.checks
        code = base(doc.metadata.language) or "en"
        lang = language(code)
        own = typed.language_section(code)
        target = doc.metadata.target_grade
        target = typed.target_for(code) if target is None else float(target)
        formula = checks.formula
        if lang is None:
            formula = "none"  # no reading-level formula for this language
        elif code != "en":
            formula = own.formula or lang.default_formula
        if today is None:
            today = checks.today or build_date()
        if code == "en" or lang is None:
            glossary = _glossary(tuple(str(p) for p in config_files(config, "checks.glossary")))
        else:
            files = config_files(config, f"checks.{code}.glossary")
            glossary = _glossary(tuple(str(p) for p in files), lang.glossary_file)
        swap_files = tuple(config_files(config, "checks.swaps"))
        allow = {w.lower() for w in checks.allow}
        for path in config_files(config, "checks.allow_files"):
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip() and not line.startswith("#"):
                    allow.add(line.strip().lower())
        return cls(
            target_grade=target,
            formula=formula,
            today=today,
            glossary=glossary,
            swap_rows=swap_rows(swap_files),
            allow=frozenset(allow),
            rule_config=rule_config,
            select=checks.select,
            ignore=checks.ignore,
            check_links=checks.check_links,
            language=code,
            detected=doc.metadata.language_detected,
        )


@functools.cache
def check_facts() -> CheckFacts:
    """What the configuration schema validates [checks] against: the rule registry's rules
    and declared options, and each language's grade formulas."""
    from plainprint.checks.analysis.lang import languages
    from plainprint.checks.registry import SELECTOR_HINT, all_rules, unknown_selectors

    langs = languages()
    return CheckFacts(
        rules=tuple(all_rules()),
        unknown_selectors=unknown_selectors,
        selector_hint=SELECTOR_HINT,
        grade_formulas=langs["en"].grade_formulas,
        language_formulas={c: lang.grade_formulas for c, lang in langs.items() if c != "en"},
    )


class FirstUse(NamedTuple):
    """Where a glossary term is first used in the scored text."""

    unit: Unit
    sentence: Sentence
    occurrence: Occurrence


class Marker(NamedTuple):
    """A citation marker where it stands. ``start`` (offset in ``text``) is given only where
    block id and list item pin the text down: not in a table cell or a caption."""

    block: Block
    item: int | None
    start: int | None
    citation: Citation
    text: str


# Stand-ins a test may give ``run_checks`` instead of the real thing (the network).
HOOKS = ("fetch_status",)


@dataclass
class Context:
    """Shared per-document facts. Facts several rules need are computed on first use and
    kept (``functools.cached_property``), so a rule never recomputes another's work and no
    rule reads an untyped side channel."""

    doc: Document
    settings: Settings
    units: list[Unit]
    counts: Counts
    unit_counts: list[Counts]
    sentence_counts: dict[tuple[int, int], Counts]  # (unit index, sentence index) → counts
    scores: dict[str, float | None]
    block_order: dict[str | None, int]
    lines: dict[str, int | None]
    matcher: TermMatcher
    topic_words: frozenset[str]
    fetch_status: Callable[[str], int | str] | None = None  # HOOKS: None means the network
    _terms: dict[int, list[Occurrence]] = field(default_factory=dict, repr=False)

    @property
    def grade(self) -> float | None:
        return self.scores.get(self.settings.formula)

    def t(self, template: str, /, **values: Any) -> str:
        """A finding's message in the document's language: rules write the English
        ``template`` (``str.format`` fields), the gettext catalogue gives its translation,
        so a translator adds messages in the ``.po`` file alone. English, and a language
        without a catalogue, get the template itself, formatted."""
        return translator(self.settings.language)(template).format(**values)

    def score(self, c: Counts) -> dict[str, float | None]:
        """Every score of the document's language for some counts (a section, a unit)."""
        lang = self.settings.lang
        return lang.scores(c) if lang else dict.fromkeys(SCORE_NAMES)

    def sentence_grade(self, c: Counts) -> float | None:
        lang = self.settings.lang
        return lang.sentence_grade(c) if lang else None

    def terms(self, sent: Sentence) -> list[Occurrence]:
        """Glossary terms in one sentence, found once per run (several rules ask)."""
        hit = self._terms.get(id(sent))
        if hit is None:
            hit = self._terms[id(sent)] = self.matcher.find(sent.clean)
        return hit

    @functools.cached_property
    def first_uses(self) -> dict[str, FirstUse]:
        """Glossary term → its first use in the scored text (the term rules and the rare-word
        rule, which leaves glossary terms to them, all ask)."""
        first: dict[str, FirstUse] = {}
        for _ui, _si, unit, sent in self.sentences():
            for occ in self.terms(sent):
                if occ.term not in first:
                    first[occ.term] = FirstUse(unit, sent, occ)
        return first

    @functools.cached_property
    def markers(self) -> list[Marker]:
        """Every citation marker: paragraphs, headings, list items, table cells and captions,
        also inside block quotes, in document order."""
        from plainprint.pipeline.document.walk import iter_citations

        return [
            Marker(block, item, offset if isinstance(block, Paragraph | Heading | ListBlock)
                   else None, cit, plain_text(content))
            for block, item, offset, cit, content in iter_citations(self.doc)
        ]  # fmt: skip

    @functools.cached_property
    def bad_suppressions(self) -> list[tuple[int, str]]:
        """(line, comment) of inline suppressions without a reason (they suppress nothing)."""
        from plainprint.checks.suppress import bad_directives

        return bad_directives(self.doc.suppressions)

    def allowed(self, word: str) -> bool:
        w = word.lower()
        return w in self.settings.allow or w.rstrip("s") in self.settings.allow

    def sentences(self):
        for ui, unit in enumerate(self.units):
            for si, sent in enumerate(unit.sentences):
                yield ui, si, unit, sent

    def loc(self, unit: Unit, start: int, end: int, excerpt: str | None = None) -> Location:
        text = unit.text
        if excerpt is None:
            excerpt = text[start:end]
            if len(excerpt) > 120:
                excerpt = excerpt[:117].rstrip() + "…"
        line = unit.line
        if line is not None and unit.item is None:
            line += text.count("\n", 0, start)
        return Location(
            block_id=unit.block_id, section=unit.section, excerpt=" ".join(excerpt.split()),
            start=start, end=end, line=line, item=unit.item,
        )  # fmt: skip

    def sentence_loc(self, unit: Unit, sent: Sentence) -> Location:
        return self.loc(unit, sent.start, sent.end)


_VOCABS: dict[tuple[int, str], tuple[dict, Vocabulary]] = {}


def vocabulary_for(glossary: dict[str, GlossaryEntry], language: str = "en") -> Vocabulary:
    """One Vocabulary per glossary object (the default glossary is shared across runs)."""
    hit = _VOCABS.get((id(glossary), language))
    if hit is not None and hit[0] is glossary:
        return hit[1]
    cls = Vocabulary
    if language == "es":
        from plainprint.checks.analysis.lang.es.vocabulary import SpanishVocabulary as cls  # noqa: N813
    vocab = cls(t for t, e in glossary.items() if e.kind == "medical")
    _VOCABS[(id(glossary), language)] = (glossary, vocab)
    return vocab


_MATCHERS: dict[int, tuple[dict, TermMatcher]] = {}


def matcher_for(glossary: dict[str, GlossaryEntry]) -> TermMatcher:
    hit = _MATCHERS.get(id(glossary))
    if hit is not None and hit[0] is glossary:
        return hit[1]
    m = TermMatcher(glossary)
    _MATCHERS[id(glossary)] = (glossary, m)
    return m


def build_context(doc: Document, settings: Settings) -> Context:
    from plainprint.checks.analysis.lang import ENGLISH, language

    lang = language(settings.language)
    units = prepare(doc, lang.text if lang else ENGLISH)
    vocab = vocabulary_for(settings.glossary, settings.language if lang else "en")
    counter = sentence_counts
    if lang is not None and lang.code == "es":
        from plainprint.checks.analysis.lang.es.counts import sentence_counts as counter
    total = Counts()
    per_unit: list[Counts] = []
    per_sentence: dict[tuple[int, int], Counts] = {}
    for ui, unit in enumerate(units):
        uc = Counts()
        for si, sent in enumerate(unit.sentences):
            sc = counter(sent, vocab)
            per_sentence[(ui, si)] = sc
            uc += sc
        per_unit.append(uc)
        total += uc
    order: dict[str | None, int] = {}
    lines: dict[str, int | None] = {}
    for i, block in enumerate(iter_blocks(doc.blocks)):
        order[block.id] = i
        lines[block.id] = block.line
    matcher = matcher_for(settings.glossary)
    title_terms = {o.term for o in matcher.find(doc.metadata.title)}
    for block in doc.blocks:
        if isinstance(block, Heading) and block.level == 1:
            title_terms |= {o.term for o in matcher.find(heading_text(block))}
    uses: dict[str, int] = {}
    for unit in units:
        for occ in matcher.find(unit.clean):
            uses[occ.term] = uses.get(occ.term, 0) + 1
    topic = frozenset(t for t in title_terms if uses.get(t, 0) >= TOPIC_MIN_USES)
    all_scores = lang.scores(total) if lang else dict.fromkeys(SCORE_NAMES)
    return Context(
        doc, settings, units, total, per_unit, per_sentence, all_scores, order, lines,
        matcher, topic,
    )  # fmt: skip
