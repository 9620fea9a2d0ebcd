"""``health_vocabulary`` for Spanish: the English score's design (see ``checks.analysis.vocabulary``)
with Spanish facts: glossary terms from ``checks/analysis/data/glossary_es.tsv``, rarity from
wordfreq's Spanish frequencies, decimals written with a comma ("2,5"), plural stems.

Same formula and weights as English, so the two scores read on the same scale:
0.6 × (100 × load / words) + 0.1 × (words / sentences).
"""

from __future__ import annotations

import functools
import re

from plainprint.checks.analysis.vocabulary import COMMON_ACRONYMS, ZIPF_EASY, ZIPF_SPAN, Vocabulary

_STEMS = (("ces", "z"), ("es", ""), ("s", ""), ("a", "o"), ("as", "o"))
COMMON_ACRONYMS_ES = COMMON_ACRONYMS | {"EE", "UU", "EEUU", "OMS", "DNI"}


@functools.lru_cache(maxsize=65536)
def word_zipf_es(lower: str) -> float:
    import wordfreq

    best = wordfreq.zipf_frequency(lower, "es")
    for suffix, restore in _STEMS:
        if lower.endswith(suffix) and len(lower) > len(suffix) + 2:
            best = max(best, wordfreq.zipf_frequency(lower[: -len(suffix)] + restore, "es"))
    return best


def rarity_es(lower: str) -> float:
    return min(1.0, max(0.0, (ZIPF_EASY - word_zipf_es(lower)) / ZIPF_SPAN))


class SpanishVocabulary(Vocabulary):
    """The English scoring with Spanish facts: decimal comma, plural "-es", accented letters,
    Spanish acronyms, no statistics tokens, no English folding, Spanish word frequencies."""

    decimal = re.compile(r"\d,\d")  # "2,5"
    plural = re.compile(r"e?s$")  # "tumores" → "tumor"
    not_letter = re.compile(r"[^A-Za-zÁÉÍÓÚÑÜáéíóúñü]")
    acronyms = COMMON_ACRONYMS_ES
    stat_tokens: frozenset[str] = frozenset()

    @staticmethod
    def prepare_word(text: str) -> str:
        return text

    @staticmethod
    def rarity(lower: str) -> float:
        return rarity_es(lower)
