"""``health_vocabulary`` for Spanish: the English score's design (see ``checks.analysis.vocabulary``)
with Spanish facts: glossary terms from ``checks/analysis/data/glossary_es.tsv``, rarity from
wordfreq's Spanish frequencies, decimals written with a comma ("2,5"), plural stems.

Same formula and weights as English, so the two scores read on the same scale:
0.6 × (100 × load / words) + 0.1 × (words / sentences).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

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
    def __init__(self, terms: Iterable[str] = (), easy: Iterable[str] = ()) -> None:
        super().__init__(terms, easy)

    def _difficulty(self, text: str, inside: bool) -> float:
        lower = text.lower().replace("’", "'")
        if text[0].isdigit():
            if re.search(r"\d,\d", text):
                return 1.0
            return 0.5 if text.endswith("%") else 0.0
        if lower in self.easy:
            return 0.0
        if lower in self.single or re.sub(r"e?s$", "", lower) in self.single:
            return 1.0
        letters = re.sub(r"[^A-Za-zÁÉÍÓÚÑÜáéíóúñü]", "", text)
        if len(letters) >= 2 and letters.isupper():
            return 0.0 if letters in COMMON_ACRONYMS_ES else 1.0
        if "-" in lower:
            return max(self._difficulty(p, inside) for p in text.split("-") if p)
        value = rarity_es(lower)
        if inside and text[:1].isupper():
            value = min(value, 0.5)
        return value
