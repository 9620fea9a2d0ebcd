"""Which language a document is checked as, and each language's facts.

Rules declare the languages they are valid for (``languages`` in ``checks.registry``);
this module says what plainprint knows per language: sentence facts and syllables, the
scores and grade formulas, the default glossary, the per-sentence counts. A language not
listed here gets no reading-level or plain-language judgement at all, only the rules valid
for every language ("*": headings, citations), and one note in the report.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

from plainprint.checks.analysis.formulas import Counts
from plainprint.checks.analysis.text import ENGLISH, Abbreviations

ANY = "*"
NAMES = {
    "en": "English", "es": "Spanish", "pt": "Portuguese", "fr": "French", "de": "German",
    "it": "Italian", "ko": "Korean", "zh": "Chinese", "ja": "Japanese", "vi": "Vietnamese",
    "ar": "Arabic", "ru": "Russian", "tl": "Tagalog", "nl": "Dutch", "pl": "Polish",
    "ht": "Haitian Creole", "hi": "Hindi", "fa": "Persian", "uk": "Ukrainian",
}  # fmt: skip


def base(tag: str | None) -> str:
    """The primary language subtag: "es-MX" → "es", "EN_us" → "en"."""
    return (tag or "").replace("_", "-").split("-")[0].strip().lower()


def name(tag: str) -> str:
    return NAMES.get(base(tag), base(tag) or "unknown")


@dataclass(frozen=True)
class Language:
    code: str
    text: Abbreviations
    score_names: tuple[str, ...]  # every score in the report, in order
    grade_formulas: tuple[str, ...]  # scores that are grades (checks.formula may name them)
    default_formula: str
    scores: Callable[[Counts], dict[str, float | None]]
    sentence_grade: Callable[[Counts], float | None]  # for the editor's sentence colours
    glossary_file: str  # under checks/analysis/data/


def _english_scores(c: Counts) -> dict[str, float | None]:
    from plainprint.checks.analysis.formulas import scores

    return scores(c)


def _english_sentence_grade(c: Counts) -> float | None:
    from plainprint.checks.analysis.formulas import fkgl

    return fkgl(c)


def _spanish_scores(c: Counts) -> dict[str, float | None]:
    from plainprint.checks.analysis.formulas import SCORE_NAMES
    from plainprint.checks.analysis.lang.es.formulas import FORMULAS

    out: dict[str, float | None] = dict.fromkeys(SCORE_NAMES)  # English scores: not run
    out.update({n: fn(c) for n, fn in FORMULAS.items()})
    from plainprint.checks.analysis.vocabulary import score_from_counts

    out["health_vocabulary"] = score_from_counts(c)
    return out


def _spanish_sentence_grade(c: Counts) -> float | None:
    from plainprint.checks.analysis.lang.es.formulas import sol

    return sol(c)


@functools.cache
def languages() -> dict[str, Language]:
    from plainprint.checks.analysis.formulas import SCORE_NAMES
    from plainprint.checks.analysis.lang.es.formulas import SCORE_NAMES as ES_NAMES
    from plainprint.checks.analysis.lang.es.text import SPANISH

    grades = tuple(n for n in SCORE_NAMES if n != "flesch_reading_ease")
    return {
        "en": Language(
            "en",
            ENGLISH,
            SCORE_NAMES,
            grades,
            "smog",
            _english_scores,
            _english_sentence_grade,
            "glossary.tsv",
        ),  # fmt: skip
        "es": Language(
            "es",
            SPANISH,
            (*SCORE_NAMES, *ES_NAMES),
            ("sol",),
            "sol",
            _spanish_scores,
            _spanish_sentence_grade,
            "glossary_es.tsv",
        ),  # fmt: skip
    }


def language(tag: str | None) -> Language | None:
    """The facts for a document language, or None when plainprint has no rules for it."""
    return languages().get(base(tag))


def text_profile(tag: str | None) -> Abbreviations:
    """Sentence facts for splitting: the language's own, else English's (the structure and
    citation rules only need sentences roughly right; nothing is scored)."""
    lang = language(tag)
    return lang.text if lang else ENGLISH


def valid_for(rule_languages: tuple[str, ...], tag: str | None) -> bool:
    return ANY in rule_languages or base(tag) in rule_languages
