"""Per-sentence counts for Spanish: syllables, long words, passives, vocabulary load."""

from __future__ import annotations

from plainprint.checks.analysis.formulas import Counts
from plainprint.checks.analysis.lang.es.passive import is_passive
from plainprint.checks.analysis.text import Sentence
from plainprint.checks.analysis.vocabulary import Vocabulary


def sentence_counts(sentence: Sentence, vocab: Vocabulary) -> Counts:
    c = Counts(sentences=1)
    for w in sentence.words:
        c.words += 1
        c.syllables += w.syllables
        if w.syllables >= 3:
            c.polysyllables += 1
            c.complex_words += 1
        elif w.syllables == 1:
            c.monosyllables += 1
        c.letters += sum(1 for ch in w.text if ch.isalnum())
    c.vocabulary_load = vocab.sentence_load(sentence)
    c.passive_sentences = 1 if is_passive(sentence) else 0
    return c
