"""Spanish text preparation: abbreviations that do not end a sentence, sentence starters.

Numbers written the Spanish way ("1.000,5 mg") are one token already (``checks.analysis.text``'s
word pattern); "¿…?" and "¡…!" need nothing special: the opening mark is not a letter, so a
sentence after "?" or "!" starts at "¿"/"¡" whatever the case of the word after it.
"""

from __future__ import annotations

from plainprint.checks.analysis.lang.es.syllables import syllables
from plainprint.checks.analysis.text import Abbreviations

NEVER_END = frozenset({
    "dr", "dra", "dres", "dras", "sr", "sra", "sres", "srta", "ud", "uds", "vd", "vds", "lic",
    "ing", "prof", "profa", "ej", "p", "aprox", "pág", "págs", "núm", "n", "nº", "tel", "teléf",
    "av", "avda", "fig", "máx", "mín", "vol", "cap", "art", "dpto", "depto", "hosp", "c", "cf",
    "vs", "mg", "ml", "cm", "kg", "admón", "atte", "cía", "esq", "pza", "s", "ss",
})  # fmt: skip
MAY_END = frozenset({"etc", "al", "ee.uu", "a.m", "p.m", "s.a", "s.l"})
STARTERS = frozenset({
    "el", "la", "los", "las", "un", "una", "este", "esta", "estos", "estas", "eso", "esto", "en",
    "si", "cuando", "pero", "y", "también", "usted", "ustedes", "su", "sus", "hay", "no", "para",
    "con", "después", "antes", "llame", "pregunte", "tome", "hable", "lo", "le", "se", "es",
})  # fmt: skip

SPANISH = Abbreviations(NEVER_END, MAY_END, STARTERS, syllables)
