"""Readability formulas over counts from our own segmentation.

Every formula takes a ``Counts`` (sentences, words, syllables… from ``checks.analysis.text``), so
the numbers are the same whatever the block structure. Coefficients are the published ones
(the sources are in RULES.md); they match textstat 0.7's formulas, which the readability
benchmark runs side by side on the same texts.
"""

from __future__ import annotations

import functools
import importlib.util
import math
import re
from dataclasses import dataclass, fields
from pathlib import Path

from plainprint.checks.analysis.text import Sentence

SCORE_NAMES = (
    "smog",
    "fkgl",
    "flesch_reading_ease",
    "forcast",
    "dale_chall",
    "coleman_liau",
    "gunning_fog",
    "ari",
    "health_vocabulary",
)
# Scores where a higher number means easier text (all others: higher is harder).
HIGHER_IS_EASIER = frozenset({"flesch_reading_ease"})
SMOG_SAMPLE = 30  # McLaughlin normed SMOG on 30-sentence samples
SMOG_SLOPE, SMOG_INTERCEPT = 1.0430, 3.1291  # grade = slope × √(polysyllables per 30) + intercept


@dataclass(slots=True)
class Counts:
    sentences: int = 0
    words: int = 0
    syllables: int = 0
    polysyllables: int = 0  # 3+ syllables (SMOG)
    monosyllables: int = 0  # FORCAST
    letters: int = 0  # letters and digits in words (Coleman-Liau, ARI)
    complex_words: int = 0  # Gunning Fog's hard words
    difficult_words: int = 0  # not on the Dale-Chall list (every use counts)
    passive_sentences: int = 0
    vocabulary_load: float = 0.0  # sum of per-word difficulty (see vocabulary.py)

    def __iadd__(self, other: Counts) -> Counts:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))
        return self

    def to_dict(self) -> dict[str, float | int]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


@functools.cache
def dale_chall_easy_words() -> frozenset[str]:
    """The Dale-Chall list of about 3,000 familiar words, as textstat ships it (MIT).

    Read from textstat's package folder without importing textstat (whose import pulls in
    NLTK and may try to download data).
    """
    spec = importlib.util.find_spec("textstat")
    if spec is None or not spec.submodule_search_locations:
        return frozenset()
    path = Path(next(iter(spec.submodule_search_locations))) / "resources" / "en" / "easy_words.txt"
    try:
        return frozenset(w.strip().lower() for w in path.read_text(encoding="utf-8").split())
    except OSError:
        return frozenset()


_INFLECTIONS = (("ies", "y"), ("ied", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"),
                ("ing", ""), ("ing", "e"), ("er", ""), ("est", ""), ("ly", ""), ("'s", ""))  # fmt: skip


def is_easy_word(lower: str, easy: frozenset[str]) -> bool:
    """On the Dale-Chall list, allowing regular inflections (textstat issue #150)."""
    if lower in easy:
        return True
    for suffix, restore in _INFLECTIONS:
        if lower.endswith(suffix) and lower[: -len(suffix)] + restore in easy:
            return True
    return False


@functools.lru_cache(maxsize=65536)
def _letters(token: str) -> int:
    return sum(1 for ch in token if ch.isalnum())


@functools.lru_cache(maxsize=65536)
def _is_easy_cached(lower: str, easy: frozenset[str]) -> bool:
    return is_easy_word(lower, easy)


_FOG_SUFFIX = re.compile(r"(?:es|ed|ing)$")


def count_sentence(sentence: Sentence, easy: frozenset[str]) -> Counts:
    c = Counts(sentences=1)
    for i, w in enumerate(sentence.words):
        c.words += 1
        c.syllables += w.syllables
        if w.syllables >= 3:
            c.polysyllables += 1
            proper = i > 0 and w.text[:1].isupper()
            if not proper and "-" not in w.text:
                stem = _FOG_SUFFIX.sub("", w.lower)
                if stem == w.lower or w.syllables - 1 >= 3:
                    c.complex_words += 1
        elif w.syllables == 1:
            c.monosyllables += 1
        c.letters += _letters(w.text)
        if not w.is_number and not _is_easy_cached(w.lower, easy):
            c.difficult_words += 1
    return c


def _r(x: float) -> float:
    return round(x, 2)


def smog(c: Counts) -> float | None:
    """McLaughlin's SMOG grade: 1.0430 √(polysyllables × 30 / sentences) + 3.1291.

    Below 30 sentences the polysyllable count is scaled to 30 sentences, which is exactly
    McLaughlin's short-text procedure (add the average per sentence for each missing one).
    """
    if not c.sentences:
        return None
    return _r(SMOG_SLOPE * math.sqrt(c.polysyllables * SMOG_SAMPLE / c.sentences) + SMOG_INTERCEPT)


def fkgl(c: Counts) -> float | None:
    if not c.words:
        return None
    return _r(0.39 * c.words / c.sentences + 11.8 * c.syllables / c.words - 15.59)


def flesch_reading_ease(c: Counts) -> float | None:
    if not c.words:
        return None
    return _r(206.835 - 1.015 * c.words / c.sentences - 84.6 * c.syllables / c.words)


def forcast(c: Counts) -> float | None:
    """20 − N/10, N = one-syllable words per 150 words. Ignores sentences: fit for lists."""
    if not c.words:
        return None
    return _r(20 - (c.monosyllables * 150 / c.words) / 10)


def dale_chall(c: Counts) -> float | None:
    """New Dale-Chall raw score (4.9 or less ≈ grade 4; 9.0–9.9 ≈ grades 13–15)."""
    if not c.words:
        return None
    pdw = 100 * c.difficult_words / c.words
    score = 0.1579 * pdw + 0.0496 * c.words / c.sentences
    return _r(score + 3.6365 if pdw > 5 else score)


def coleman_liau(c: Counts) -> float | None:
    if not c.words:
        return None
    return _r(0.0588 * 100 * c.letters / c.words - 0.296 * 100 * c.sentences / c.words - 15.8)


def gunning_fog(c: Counts) -> float | None:
    if not c.words:
        return None
    return _r(0.4 * (c.words / c.sentences + 100 * c.complex_words / c.words))


def ari(c: Counts) -> float | None:
    if not c.words:
        return None
    return _r(4.71 * c.letters / c.words + 0.5 * c.words / c.sentences - 21.43)


def health_vocabulary(c: Counts) -> float | None:
    from plainprint.checks.analysis.vocabulary import score_from_counts

    return score_from_counts(c)


FORMULAS = {
    "smog": smog,
    "fkgl": fkgl,
    "flesch_reading_ease": flesch_reading_ease,
    "forcast": forcast,
    "dale_chall": dale_chall,
    "coleman_liau": coleman_liau,
    "gunning_fog": gunning_fog,
    "ari": ari,
    "health_vocabulary": health_vocabulary,
}


def scores(c: Counts) -> dict[str, float | None]:
    return {name: fn(c) for name, fn in FORMULAS.items()}
