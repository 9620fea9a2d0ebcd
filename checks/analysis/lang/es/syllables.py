"""Spanish syllable counts by the standard orthographic rules (RAE, Ortografía 2010, §1.4).

Spanish spelling is close to its sound, so rules count syllables well, unlike English:
a syllable has one vowel nucleus, and neighbouring vowels share a nucleus (diphthong,
triphthong) or split (hiatus):

- strong vowels are a, e, o (and á, é, ó); weak vowels are i, u, ü (unaccented);
- strong + weak, weak + strong, weak + weak (different) make a diphthong: "sien", "cui-da";
  weak + strong + weak a triphthong: "buey", "a-ve-ri-guáis";
- two strong vowels are a hiatus: "le-er", "pa-se-ar", "ca-os";
- an accented weak vowel (í, ú) next to another vowel is a hiatus: "dí-a", "ba-úl",
  "re-ú-ne";
- the same weak vowel twice is a hiatus: "chi-i-ta";
- ``h`` between vowels does not stop a diphthong ("prohi-bir", "ahu-mar");
- the ``u`` of "que/qui/gue/gui" is silent (not a vowel); ``y`` is a vowel only alone
  ("y") or at the end of a word after a vowel, where it closes a diphthong ("hoy", "muy").

Acronyms without vowels are read letter by letter (Spanish letter names); numbers written
in digits count as one short word, as for English (see ``checks.analysis.syllables``), except
decimals and percentages, counted as read aloud at three syllables ("2,5" → "dos coma
cinco", "8 %" → "ocho por ciento" is counted on the digits plus "por ciento").
"""

from __future__ import annotations

import functools
import re
import unicodedata

STRONG = set("aeoáéó")
ACCENTED_WEAK = set("íú")
WEAK = set("iuü")
VOWELS = STRONG | ACCENTED_WEAK | WEAK
# Syllables of each letter's Spanish name (be, ce, de, efe, ge, hache, jota, ka, ele…).
LETTER_NAMES = {
    "b": 1, "c": 1, "d": 1, "f": 2, "g": 1, "h": 2, "j": 2, "k": 1, "l": 2, "m": 2,
    "n": 2, "ñ": 2, "p": 1, "q": 1, "r": 2, "s": 2, "t": 1, "v": 2, "w": 4, "x": 2,
    "y": 3, "z": 2, "a": 1, "e": 1, "i": 1, "o": 1, "u": 1,
}  # fmt: skip

_SILENT_U = re.compile(r"(?<=[qg])u(?=[eiéí])")


def _nuclei(run: str) -> int:
    """Syllable nuclei in one run of vowels (with any h already removed)."""
    count = 1
    for a, b in zip(run, run[1:], strict=False):
        if (
            a in STRONG
            and b in STRONG
            or a in ACCENTED_WEAK
            or b in ACCENTED_WEAK
            or a == b
            and a in WEAK
        ):
            count += 1
    return count


@functools.lru_cache(maxsize=65536)
def count_word(word: str) -> int:
    """Syllables in one Spanish word (letters only; at least 1 for any word)."""
    w = unicodedata.normalize("NFC", word.lower())
    if not w:
        return 0
    if w == "y":
        return 1
    w = _SILENT_U.sub("", w)
    if w.endswith("y") and len(w) > 1 and w[-2] in VOWELS:
        w = w[:-1] + "i"
    letters = [ch for ch in w if ch.isalpha()]
    if not any(ch in VOWELS for ch in letters):
        # An acronym without vowels ("VIH" has vowels; "TC", "PCR" do not): spelt out.
        return max(1, sum(LETTER_NAMES.get(ch, 1) for ch in letters))
    total = 0
    for run in re.findall(r"[aeiouáéíóúü]+(?:h[aeiouáéíóúü]+)*", w):
        total += _nuclei(run.replace("h", ""))
    return max(1, total)


_NUMBER = re.compile(r"\d")


def syllables(token: str) -> int:
    """Syllables in a token as ``checks.analysis.text`` finds them (words, numbers, hyphenated)."""
    if _NUMBER.match(token):
        if "%" in token or re.search(r"\d,\d", token):
            return 3
        return 1
    if token.isupper() and len(token) >= 2 and not any(ch in "AEIOUÁÉÍÓÚ" for ch in token):
        return max(1, sum(LETTER_NAMES.get(ch, 1) for ch in token.lower() if ch.isalpha()))
    parts = [p for p in re.split(r"[-'’]", token) if p]
    return sum(count_word(p) for p in parts) or 1
