"""Spanish readability formulas over ``Counts`` from Spanish segmentation and syllables.

- SOL (Contreras, García-Alonso, Echenique & Daye-Contreras 1999, "The SOL formulas for
  converting SMOG readability scores between health education materials written in
  Spanish, English, and French", J Health Commun 4(1):21–29): the SMOG grade of the Spanish
  text, S = 1.0430 √(polysyllables × 30 / sentences) + 3.1291, converted to the English
  grade scale, SOL = −2.51 + 0.74 × S. A grade (years of schooling): the headline for
  Spanish, as US Spanish health materials use it.
- INFLESZ: Szigriszt-Pazos perspicuity, P = 206.835 − 62.3 × syllables/words −
  words/sentences (Szigriszt 1993), read on the INFLESZ scale (Barrio-Cantalejo et al.
  2008, An Pediatr 68(6):596–602, validated on patient texts): < 40 muy difícil, 40–55
  algo difícil, 55–65 normal, 65–80 bastante fácil, > 80 muy fácil. Higher is easier.
- Fernández-Huerta (1959) as corrected and used by textstat and legible.es:
  L = 206.84 − 60 × syllables/words − 1.02 × words/sentences. Higher is easier.

Counts and textstat's Spanish formulas are compared in tests/test_spanish_readability.py.
"""

from __future__ import annotations

import math

from plainprint.checks.analysis.formulas import SMOG_INTERCEPT, SMOG_SAMPLE, SMOG_SLOPE, Counts

SOL_SLOPE, SOL_INTERCEPT = 0.74, -2.51
SCORE_NAMES = ("sol", "inflesz", "fernandez_huerta")
HIGHER_IS_EASIER = frozenset({"inflesz", "fernandez_huerta"})
INFLESZ_BANDS = (
    (40.0, "muy difícil"),
    (55.0, "algo difícil"),
    (65.0, "normal"),
    (80.0, "bastante fácil"),
    (math.inf, "muy fácil"),
)


def smog_es(c: Counts) -> float | None:
    if not c.sentences:
        return None
    return SMOG_SLOPE * math.sqrt(c.polysyllables * SMOG_SAMPLE / c.sentences) + SMOG_INTERCEPT


def sol(c: Counts) -> float | None:
    s = smog_es(c)
    return None if s is None else round(SOL_INTERCEPT + SOL_SLOPE * s, 2)


def inflesz(c: Counts) -> float | None:
    if not c.words:
        return None
    return round(206.835 - 62.3 * c.syllables / c.words - c.words / c.sentences, 2)


def fernandez_huerta(c: Counts) -> float | None:
    if not c.words:
        return None
    return round(206.84 - 60 * c.syllables / c.words - 1.02 * c.words / c.sentences, 2)


def inflesz_band(value: float | None) -> str | None:
    """The INFLESZ scale's name for a perspicuity value."""
    if value is None:
        return None
    return next(name for limit, name in INFLESZ_BANDS if value < limit)


FORMULAS = {"sol": sol, "inflesz": inflesz, "fernandez_huerta": fernandez_huerta}
