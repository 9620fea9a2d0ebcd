"""Passive-voice detection: a form of "be" or "get", then a past participle.

Stative adjectives that look like participles ("is worried", "are located", "is
married") are not passive: they describe a state, not an action done to someone, and
PEMAT's active-voice item does not count them.
"""

from __future__ import annotations

import re

from plainprint.checks.analysis.text import Sentence

BE = frozenset(
    {"is", "are", "was", "were", "be", "been", "being", "am", "isn't", "aren't", "wasn't",
     "weren't", "get", "gets", "got", "gotten", "getting", "'s", "’s"}
)  # fmt: skip
ADVERB_SLOTS = 3  # "is often not well tolerated"
IRREGULAR = frozenset(
    [
        "arisen",
        "awoken",
        "beaten",
        "become",
        "begun",
        "bent",
        "bet",
        "bitten",
        "bled",
        "blown",
        "broken",
        "brought",
        "built",
        "burnt",
        "bought",
        "caught",
        "chosen",
        "come",
        "cut",
        "dealt",
        "done",
        "drawn",
        "dreamt",
        "driven",
        "drunk",
        "eaten",
        "fallen",
        "fed",
        "felt",
        "fought",
        "found",
        "fled",
        "flung",
        "forbidden",
        "forgotten",
        "forgiven",
        "frozen",
        "given",
        "gone",
        "ground",
        "grown",
        "hung",
        "had",
        "heard",
        "hidden",
        "hit",
        "held",
        "hurt",
        "kept",
        "knelt",
        "known",
        "laid",
        "led",
        "lent",
        "let",
        "lain",
        "lit",
        "lost",
        "made",
        "meant",
        "met",
        "paid",
        "put",
        "quit",
        "read",
        "rid",
        "ridden",
        "rung",
        "risen",
        "run",
        "said",
        "seen",
        "sought",
        "sold",
        "sent",
        "set",
        "shaken",
        "shed",
        "shot",
        "shown",
        "shrunk",
        "shut",
        "sung",
        "sunk",
        "sat",
        "slain",
        "slept",
        "slid",
        "spoken",
        "spent",
        "spun",
        "split",
        "spread",
        "stood",
        "stolen",
        "stuck",
        "stung",
        "struck",
        "sworn",
        "swept",
        "swollen",
        "swum",
        "taken",
        "taught",
        "torn",
        "told",
        "thought",
        "thrown",
        "understood",
        "undertaken",
        "upset",
        "woken",
        "worn",
        "woven",
        "won",
        "wound",
        "written",
        "withdrawn",
        "overcome",
        "overtaken",
        "overseen",
        "mistaken",
        "undergone",
    ]
)
NOT_PARTICIPLE = frozenset(
    [
        "need",
        "needed",
        "feed",
        "seed",
        "speed",
        "bleed",
        "breed",
        "creed",
        "deed",
        "heed",
        "greed",
        "weed",
        "red",
        "bed",
        "shed",
        "wed",
        "hundred",
        "indeed",
        "naked",
        "wicked",
        "sacred",
        "kindred",
        "rugged",
        "ragged",
        "jagged",
        "wretched",
        "crooked",
        "beloved",
        "aged",
        "learned",
    ]
)
# Participles used as adjectives of state: not passive.
STATIVE = frozenset(
    [
        "interested",
        "worried",
        "tired",
        "excited",
        "married",
        "divorced",
        "scared",
        "frightened",
        "afraid",
        "pleased",
        "satisfied",
        "concerned",
        "surprised",
        "bored",
        "confused",
        "located",
        "based",
        "related",
        "involved",
        "qualified",
        "prepared",
        "experienced",
        "advanced",
        "limited",
        "used",
        "supposed",
        "allowed",
        "allergic",
        "disabled",
        "dedicated",
        "determined",
        "devoted",
        "embarrassed",
        "exhausted",
        "finished",
        "gone",
        "done",
        "engaged",
        "committed",
        "connected",
        "dressed",
        "educated",
        "entitled",
        "exposed",
        "filled",
        "frustrated",
        "insured",
        "injured",
        "known",
        "lost",
        "overweight",
        "pregnant",
        "retired",
        "shocked",
        "sized",
        "skilled",
        "stressed",
        "unemployed",
        "upset",
        "vaccinated",
        "welcome",
        "worn",
        "amazed",
        "annoyed",
        "ashamed",
        "convinced",
        "depressed",
        "disappointed",
        "disgusted",
        "delighted",
        "relieved",
        "puzzled",
    ]
)
_WORDISH = re.compile(r"^[a-z'’]+$")
_ADVERB = re.compile(r"ly$")
ADVERBS = frozenset({"not", "also", "often", "usually", "always", "never", "well", "then",
                     "still", "now", "being", "already", "only", "sometimes", "generally",
                     "typically", "rarely", "n't", "all", "both", "first", "just"})  # fmt: skip


def _participle(lower: str) -> bool:
    if lower in NOT_PARTICIPLE or not _WORDISH.match(lower):
        return False
    return lower in IRREGULAR or (lower.endswith("ed") and len(lower) > 4)


def passive_spans(sentence: Sentence) -> list[tuple[int, int]]:
    """(start, end) of each passive construction, as offsets into the unit text."""
    words = sentence.words
    out = []
    for i, w in enumerate(words):
        if w.lower not in BE:
            continue
        for j in range(i + 1, min(len(words), i + 2 + ADVERB_SLOTS)):
            lw = words[j].lower
            if _participle(lw):
                if lw in STATIVE and not (j + 1 < len(words) and words[j + 1].lower == "by"):
                    break
                out.append((w.start, words[j].end))
                break
            if lw in ADVERBS or _ADVERB.search(lw):
                continue
            break
    return out


def is_passive(sentence: Sentence) -> bool:
    return bool(passive_spans(sentence))
