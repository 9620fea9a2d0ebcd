"""The text-analysis library: the language facts rules and renderers share.

Sentences and words, syllables, the word table, reading-level formulas, passive voice,
terms, the glossary and the wording swaps, per language. It imports only the Document
model; the checks engine and rules, the renderers and the report import it.
"""
