"""``health_vocabulary``: a reading-difficulty score driven by the words, higher is harder.

Medical text is hard mostly for its words, which syllable counts miss ("CI", "RR",
"stent") or overrate ("everybody"). Each word of the scored text gets a difficulty
between 0 and 1:

- a glossary health term (``checks/analysis/data/glossary.tsv`` plus project glossaries): 1;
- an acronym (two or more capitals, not on the short common list): 1;
- a number with a decimal point, or a statistic token (``CI``, ``p``, ``OR``…): 1;
  a percentage: 0.5; other numbers: 0;
- any other word: its rarity, from its Zipf frequency in the ``wordfreq`` English list
  (inflected forms take the frequency of their stem when that is higher):
  ``clamp((ZIPF_EASY − zipf) / ZIPF_SPAN, 0, 1)``: words as common as "people" (≥ 5.5)
  cost nothing, words rarer than about 1 in 3 million (≤ 2.5) cost 1. Capitalised words inside
  a sentence (names) cost at most 0.5.

The *vocabulary load* is the sum over the text. The score is mostly the load per 100
words, plus a smaller sentence-length term:

    health_vocabulary = 0.6 × (100 × load / words) + 0.1 × (words / sentences)

A short plain handout scores about 4–6, simplified news about 9, the seed melanoma page
about 13, a technical abstract more. It reads roughly like a grade but is not one. Both
terms are monotone: more rare words or longer sentences never lower the score.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from plainprint.checks.analysis.formulas import health_vocabulary
from plainprint.checks.analysis.lexicon import lexicon
from plainprint.checks.analysis.syllables import fold
from plainprint.checks.analysis.text import Sentence

ZIPF_EASY = 5.5
ZIPF_SPAN = 3.0

COMMON_ACRONYMS = frozenset(
    {"US", "UK", "OK", "TV", "AM", "PM", "USA", "ID", "FAQ", "DIY", "CEO", "BBC", "EU", "UN"}
)
STAT_TOKENS = frozenset(
    {"ci", "p", "or", "rr", "hr", "sd", "se", "iqr", "nnt", "nnh", "md", "smd", "ar", "rrr", "arr"}
)
_STEMS = (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("ing", ""),
          ("ing", "e"), ("ly", ""), ("'s", ""))  # fmt: skip


def word_zipf(lower: str) -> float:
    table = lexicon().zipf
    best = table.get(lower, 0)
    for suffix, restore in _STEMS:
        if lower.endswith(suffix) and len(lower) > len(suffix) + 2:
            best = max(best, table.get(lower[: -len(suffix)] + restore, 0))
    return best / 100.0


def rarity(lower: str) -> float:
    return min(1.0, max(0.0, (ZIPF_EASY - word_zipf(lower)) / ZIPF_SPAN))


class Vocabulary:
    """Scores words against the glossary and the frequency list."""

    def __init__(self, terms: Iterable[str] = (), easy: Iterable[str] = ()) -> None:
        single, multi = set(), []
        for term in terms:
            if " " in term:
                multi.append(term)
            else:
                single.add(term)
        self.single = frozenset(single)
        self.easy = frozenset(w.lower() for w in easy)
        multi.sort(key=len, reverse=True)
        self.multi = (
            re.compile(r"\b(?:" + "|".join(re.escape(t) for t in multi) + r")\b", re.I)
            if multi
            else None
        )
        self._cache: dict[tuple[str, bool], float] = {}

    def word_difficulty(self, text: str, inside: bool) -> float:
        key = (text, inside)
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        self._cache[key] = value = self._difficulty(text, inside)
        return value

    # The language's facts, which a subclass for another language replaces (see
    # ``checks.analysis.lang.es.vocabulary``); the scoring below is the same for all.
    decimal = re.compile(r"\d\.\d")  # "2.5"
    plural = re.compile(r"s+$")  # "stents" → "stent" (as str.rstrip("s"))
    not_letter = re.compile(r"[^A-Za-z]")
    acronyms: frozenset[str] = COMMON_ACRONYMS
    stat_tokens: frozenset[str] = STAT_TOKENS

    @staticmethod
    def prepare_word(text: str) -> str:
        return fold(text)

    @staticmethod
    def rarity(lower: str) -> float:
        return rarity(lower)

    def _difficulty(self, text: str, inside: bool) -> float:
        text = self.prepare_word(text)
        lower = text.lower().replace("’", "'")
        if text[0].isdigit():
            if self.decimal.search(text):
                return 1.0
            return 0.5 if text.endswith("%") else 0.0
        if lower in self.easy:
            return 0.0
        if lower in self.single or self.plural.sub("", lower) in self.single:
            return 1.0
        letters = self.not_letter.sub("", text)
        if len(letters) >= 2 and letters.isupper():
            return 0.0 if letters in self.acronyms else 1.0
        if lower in self.stat_tokens and (text.isupper() or len(text) == 1):
            return 1.0 if text.isupper() else 0.0
        if "-" in lower:
            return max(self._difficulty(p, inside) for p in text.split("-") if p)
        value = self.rarity(lower)
        if inside and text[:1].isupper():
            value = min(value, 0.5)
        return value

    def sentence_load(self, sentence: Sentence) -> float:
        load = 0.0
        for i, w in enumerate(sentence.words):
            load += self.word_difficulty(w.text, i > 0)
        if self.multi is not None:
            # A multi-word term counts as one hard word; its parts were already scored.
            for m in self.multi.finditer(sentence.clean):
                covered = [
                    w for w in sentence.words if m.start() <= w.start - sentence.start < m.end()
                ]
                if covered:
                    load += 1.0 - max(self.word_difficulty(w.text, True) for w in covered)
        return load


score_from_counts = health_vocabulary  # the score, from the counts a text produced
