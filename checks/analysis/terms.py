"""Finding glossary terms and acronyms in text, and telling whether they are defined.

A term counts as defined at a use when the sentence explains it in one of the usual
ways (PEMAT item 4, WCAG G112): "X (plain words)", "plain words (X)", "X, which is…",
"X, or …", "X means…", "X is a…" near the start of the sentence, "called X", "known as X".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from plainprint.checks.analysis.glossary import GlossaryEntry

_TOKEN_RE = re.compile(r"(?<![\w-])[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*(?![\w-])")


def find_acronyms(text: str) -> list[re.Match[str]]:
    """Tokens that are mostly capitals with at least two: "ILI", "T-VEC", "HbA1c"."""
    out = []
    for m in _TOKEN_RE.finditer(text):
        tok = m.group()
        if tok.islower() or tok.isdigit():  # no capital at all: the common case, skipped fast
            continue
        upper = sum(c.isupper() for c in tok)
        lower = sum(c.islower() for c in tok)
        if upper >= 2 and upper > lower and tok[0].isalpha():
            out.append(m)
    return out


_AFTER_DEF = re.compile(
    r"^(?:s|es)?\s*(?:\(|,\s*(?:which|that|or|also called|also known as|meaning|a|an|the)\b|"
    r"\s*(?:—|–|-|:)\s|\s+(?:means?|is a|is an|is the|are|is when|refers? to|is|was)\b)",
    re.I,
)
_BEFORE_DEF = re.compile(r"(?:called|known as|termed|named|means|\()\s*[\"'“‘]?$|\(\s*$", re.I)


@dataclass(frozen=True, slots=True)
class Occurrence:
    term: str  # glossary headword
    start: int
    end: int


_WORD = re.compile(r"[^\W\d_][^\W\d_'’]*")  # letters, accented ones too (Spanish terms)


class TermMatcher:
    """Finds glossary terms (one or more words, with a plural -s/-es) by word look-up.

    A single alternation of a few hundred terms is slow in Python's regex engine; a word
    scan with set and first-word look-ups is linear in the text.
    """

    def __init__(self, glossary: dict[str, GlossaryEntry], kinds: tuple[str, ...] = ("medical",)):
        self.glossary = glossary
        self.single: set[str] = set()
        self.multi: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
        for term, entry in glossary.items():
            if entry.kind not in kinds:
                continue
            parts = tuple(re.split(r"[\s-]+", term.lower()))
            if len(parts) == 1 and "-" not in term:
                self.single.add(term.lower())
            else:
                self.multi.setdefault(parts[0], []).append((term, parts))
        for options in self.multi.values():
            options.sort(key=lambda t: len(t[1]), reverse=True)

    def _single(self, word: str) -> str | None:
        if word in self.single:
            return word
        if not word.endswith("s"):  # both plural endings below end in "s"
            return None
        for suffix in ("s", "es"):
            if word.endswith(suffix) and word[: -len(suffix)] in self.single:
                return word[: -len(suffix)]
        return None

    def find(self, text: str) -> list[Occurrence]:
        words = [(m.group().lower(), m.start(), m.end()) for m in _WORD.finditer(text)]
        out: list[Occurrence] = []
        i = 0
        while i < len(words):
            word, start, end = words[i]
            matched = False
            for term, parts in self.multi.get(word, ()):
                n = len(parts)
                if i + n > len(words):
                    continue
                seq = words[i : i + n]
                last = seq[-1][0]
                if (
                    all(seq[k][0] == parts[k] for k in range(n - 1))
                    and (last == parts[-1] or last in (parts[-1] + "s", parts[-1] + "es"))
                    and all(
                        re.fullmatch(r"[\s-]+", text[seq[k][2] : seq[k + 1][1]])
                        for k in range(n - 1)
                    )
                ):
                    out.append(Occurrence(term, start, seq[-1][2]))
                    i += n
                    matched = True
                    break
            if matched:
                continue
            term = self._single(word)
            if term is not None and not _hyphen_joined(text, start, end):
                out.append(Occurrence(term, start, end))
            i += 1
        return out


def _hyphen_joined(text: str, start: int, end: int) -> bool:
    """Part of a hyphenated word ("anti-inflammatory" is not "inflammatory")."""
    return (start > 0 and text[start - 1] == "-") or (
        end < len(text) and text[end : end + 1] == "-"
    )


def defined_at(sentence: str, start: int, end: int) -> bool:
    """Whether the use of a term at ``sentence[start:end]`` comes with an explanation."""
    after = sentence[end:]
    before = sentence[:start]
    if _BEFORE_DEF.search(before.rstrip()) or before.rstrip().endswith("("):
        return True
    if re.match(r"^\s*\(", after) or re.match(
        r"^\s*,\s*(?:which|that|or|also called|meaning)\b", after, re.I
    ):
        return True
    if re.match(r"^(?:s|es)?\s*(?:means?|refers? to|is when)\b", after, re.I):
        return True
    # "Melanoma is a soft tissue skin cancer…": a definition when the term opens the sentence.
    return bool(
        len(before.split()) <= 2
        and re.match(r"^(?:s|es)?\s+(?:is|are)\s+(?:a|an|the|when)\b", after, re.I)
    )


def acronym_expanded(text_before: str, sentence: str, start: int, end: int, acronym: str) -> bool:
    """ "isolated limb infusion (ILI)" or "ILI (isolated limb infusion)"."""
    before = sentence[:start].rstrip()
    after = sentence[end:]
    letters = [c for c in acronym if c.isalpha()]
    if before.endswith("("):
        words = re.findall(r"[A-Za-z][\w-]*", before[:-1])
        initials = "".join(w[0] for w in words[-len(letters) - 2 :]).upper()
        return "".join(letters).upper() in initials or len(words) >= len(letters)
    m = re.match(r"^\s*\(([^)]{3,})\)", after)
    if m and len(m.group(1).split()) >= 2:
        return True
    del text_before
    return False
