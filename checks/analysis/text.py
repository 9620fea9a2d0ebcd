"""Text preparation: which text feeds the scores, split into sentences and words.

What is scored: paragraphs (also inside block quotes) and list items, each a unit of its
own, so a heading or a bullet is never glued to the next sentence. Headings, reference
lists, figure captions, tables and bold-only pseudo-headings are left out. Inside a unit,
URLs, e-mail addresses, phone numbers and citation markers are masked: they are neither
words nor sentence ends, and findings never point into them.

Offsets are character offsets into ``pipeline.document.plain_text(content)`` (citations
excluded), the canonical text view every stage shares.

Sentence ends are decided here rather than by textstat, which starts a sentence at every
dot ("2.5 mg", "7.23.19", "Dr.") and drops sentences of two words or fewer ("Rest.").
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from plainprint.checks.analysis.syllables import fold, syllables
from plainprint.pipeline.document import iter_inlines, iter_items, plain_text
from plainprint.pipeline.document.nodes import (
    BlockQuote,
    Document,
    Emphasis,
    Heading,
    Inline,
    Link,
    ListBlock,
    Paragraph,
    Strong,
    Text,
)
from plainprint.pipeline.document.walk import citations_at, inline_spans

# ----------------------------------------------------------------------------- masking

_MASKS = [
    re.compile(r"<!--.*?-->", re.S),  # HTML comments a Markdown source may keep
    re.compile(r"(?:https?://|ftp://|www\.)[^\s<>\"]+[^\s<>\".,;:!?)\]’”']"),
    re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b"),
    # DOIs without a URL ("doi: 10.1155/2024/8056440"), which would read as a decimal.
    re.compile(r"\b(?:doi:\s*)?10\.\d{4,9}/[^\s\"<>]+[^\s\"<>.,;:)\]]", re.I),
    # Hashtags and social-media handles (#strengthtraining, @NIH): names, not words to read.
    re.compile(r"(?<![\w&])[#@][A-Za-z_]\w*"),
    # Phone numbers: 1-800-555-0199, (02) 9555 1234, +44 20 7946 0958, 555-0123.
    re.compile(
        r"(?<![\w.])(?:\+\d{1,3}[ .-]?)?(?:\(\d{2,4}\)[ .-]?)?\d{3,4}[ .-]\d{3,4}(?:[ .-]\d{3,4})?(?![\w.])"
    ),
    re.compile(r"\b1-8\d\d-[A-Z0-9]{3}-[A-Z0-9]{4}\b"),
    # Citation markers left in the text: [1], [1–3], (Smith 2019), (Smith et al., 2019).
    re.compile(r"\[\d{1,3}(?:\s?[,–—-]\s?\d{1,3})*\]"),
    re.compile(
        r"\((?:[A-Z][\w’'-]+(?: et al\.?| and [A-Z][\w’'-]+)?,? (?:19|20)\d\d[a-z]?(?:; ?)?)+\)"
    ),
]


_COMMENT_ONLY = re.compile(r"<!--.*?-->", re.S)


def mask_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for pattern in _MASKS:
        spans.extend(m.span() for m in pattern.finditer(text))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    if not spans:
        return text
    chars = list(text)
    for s, e in spans:
        for i in range(s, e):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)


# ------------------------------------------------------------------------------ words

WORD_RE = re.compile(
    r"(?:[A-Za-z]\.){2,}(?![A-Za-z])"  # e.g.  i.e.  U.S.
    r"|(?:\d+(?:[.,:/]\d+)*%?|[^\W\d_][^\W_]*(?:['’][^\W\d_]+)*)"
    r"(?:-(?:\d+(?:[.,]\d+)*%?|[^\W\d_][^\W_]*(?:['’][^\W\d_]+)*))*"
)


@dataclass(slots=True)
class Word:
    text: str
    start: int
    end: int
    syllables: int
    lower: str = ""  # folded, lower-case, straight apostrophe: the key for every look-up

    def __post_init__(self) -> None:
        if not self.lower:
            self.lower = lower_key(self.text)

    @property
    def is_number(self) -> bool:
        return self.text[0].isdigit()


@functools.lru_cache(maxsize=65536)
def lower_key(token: str) -> str:
    return fold(token).lower().replace("’", "'")


@dataclass(slots=True)
class Sentence:
    """``text`` is what the reader sees (for excerpts); ``clean`` is the same span with
    masked text (URLs, e-mail, phones, markers, HTML comments) blanked to spaces, so
    offsets agree: every rule matches on ``clean`` and never flags masked text."""

    start: int
    end: int
    text: str
    words: list[Word]
    citations: list[tuple[str, ...]] = field(default_factory=list)
    clean: str = ""
    # Web pages cite by linking the claim or the figure to its source: the hrefs of links to
    # another site in this sentence (not links within the page).
    sources: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.clean:
            self.clean = self.text

    @property
    def polysyllables(self) -> int:
        return sum(1 for w in self.words if w.syllables >= 3)


@dataclass(slots=True)
class Unit:
    """One scored block of prose: a paragraph or a list item."""

    block_id: str
    kind: str  # paragraph | list_item
    text: str
    section: str  # heading text, "" before the first heading
    section_id: str
    line: int | None
    item: int | None = None  # index in iter_items order, for list items
    sentences: list[Sentence] = field(default_factory=list)
    citations: list[tuple[int, tuple[str, ...]]] = field(default_factory=list)
    masked: list[tuple[int, int]] = field(default_factory=list)

    @property
    def clean(self) -> str:
        """The unit's text with masked spans blanked (same length as ``text``)."""
        return _blank(self.text, self.masked)


# Sentence difficulty for the editor's report (Hemingway's "hard" / "very hard to read"):
# by the sentence's Flesch-Kincaid grade, or by its length in words.
HARD_GRADE = 10.0
VERY_HARD_GRADE = 14.0
HARD_WORDS = 20
VERY_HARD_WORDS = 30

# -------------------------------------------------------------------------- sentences

NEVER_END = {
    "dr", "mr", "mrs", "ms", "prof", "e.g", "i.e", "vs", "v", "approx", "fig", "figs", "eq",
    "cf", "ca", "vol", "pp", "dept", "st", "mt", "ft", "no", "nos", "ref", "refs", "resp",
    "incl", "est", "max", "min", "avg", "wk", "wks", "hr", "hrs", "mo", "mos", "yr", "yrs",
    "tab", "tabs", "cap", "caps", "inj", "p", "ed", "eds", "gen", "gov", "sgt", "col", "lt",
}  # fmt: skip
MAY_END = {"etc", "al", "u.s", "inc", "ltd", "jr", "sr", "co", "corp", "u.k", "a.m", "p.m"}
STARTERS = {
    "the", "this", "that", "these", "those", "it", "its", "in", "on", "at", "for", "if",
    "when", "a", "an", "we", "you", "they", "he", "she", "there", "but", "and", "however",
    "some", "most", "many", "after", "before", "call", "ask", "your", "our", "what", "how",
}  # fmt: skip

_CANDIDATE = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s|$)|\n+|(?<=[a-z]{2}[.!?])(?=[A-Z][a-z])")


@dataclass(frozen=True)
class Abbreviations:
    """A language's sentence-end facts: abbreviations that never end a sentence, those
    that may, and words that start sentences (for "al.", "U.S." and initials)."""

    never_end: frozenset[str]
    may_end: frozenset[str]
    starters: frozenset[str]
    syllables: object = None  # token -> syllables; None: the English counter


ENGLISH = Abbreviations(frozenset(NEVER_END), frozenset(MAY_END), frozenset(STARTERS))
_PREV_TOKEN = re.compile(r"(\S+?)[.!?…]*[\"'”’)\]]*$")


def _is_boundary(text: str, m: re.Match[str], lang: Abbreviations = ENGLISH) -> bool:
    mark = m.group()
    if mark.startswith("\n"):
        return True
    if "!" in mark or "?" in mark:
        # A quoted question or exclamation inside a sentence: “Is it safe?” she asked.
        if mark[-1] in "\"'”’)]":
            return not re.match(r"[\"'“‘(]*[a-z]", text[m.end() :].lstrip())
        return True
    if not mark:  # missing space: "It hurts.Then"
        return True
    before = text[: m.start() + 1]
    tok_m = _PREV_TOKEN.search(text[max(0, m.start() - 40) : m.start()])
    token = tok_m.group(1).lower().lstrip("(\"'“‘[") if tok_m else ""
    rest = text[m.end() :].lstrip()
    nxt = re.match(r"[\"'“‘(]*(\S*)", rest)
    next_word = nxt.group(1) if nxt else ""
    if not next_word:
        return True
    if mark.startswith("..") or mark.startswith("…"):
        return next_word[:1].isupper()
    del before
    if token in lang.never_end:
        # "No. 5", "Fig. 2" are abbreviations only before a number; "Say no. Then" ends.
        if token in ("no", "nos", "p", "st", "v", "ed", "gen", "est", "min", "max", "cap", "tab"):
            return (
                not next_word[:1].isdigit() and next_word[:1].isupper() and token not in ("p", "v")
            )
        return False
    if token in lang.may_end:
        if token in ("al", "u.s", "u.k"):
            return next_word.lower().strip(",.;:") in lang.starters and next_word[:1].isupper()
        return next_word[:1].isupper()
    if re.fullmatch(r"[a-z]", token) and tok_m and tok_m.group(1).isupper():
        # An initial ("J. Smith"), unless a one-letter sentence is plain: "Take vitamin D. It…"
        return next_word.lower() in lang.starters
    if re.fullmatch(r"(?:[a-z]\.)+[a-z]", token):  # "e.g", "a.m" variants not listed
        return next_word[:1].isupper() and next_word.lower() in lang.starters
    return not next_word[:1].islower()


def split_sentences(text: str, lang: Abbreviations = ENGLISH) -> list[tuple[int, int]]:
    """Sentence spans in ``text`` (already masked), trimmed of surrounding space."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _CANDIDATE.finditer(text):
        if not _is_boundary(text, m, lang):
            continue
        end = m.end() if not m.group().startswith("\n") else m.start()
        spans.append((start, end))
        start = m.end()
    spans.append((start, len(text)))
    out: list[tuple[int, int]] = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            out.append((s, e))
    return out


def words_in(
    text: str, start: int = 0, end: int | None = None, lang: Abbreviations = ENGLISH
) -> list[Word]:
    count = lang.syllables or syllables
    out = []
    for m in WORD_RE.finditer(text, start, len(text) if end is None else end):
        token = m.group()
        out.append(Word(token, m.start(), m.end(), count(token)))
    return out


def segment(
    text: str, masked: list[tuple[int, int]] | None = None, lang: Abbreviations = ENGLISH
) -> list[Sentence]:
    """Sentences with their words; masked spans (URLs, markers…) count as neither."""
    spans = mask_spans(text) if masked is None else masked
    clean = _blank(text, spans)
    sentences = []
    for s, e in split_sentences(clean, lang):
        words = words_in(clean, s, e, lang)
        if words:
            sentences.append(Sentence(s, e, text[s:e], words, clean=clean[s:e]))
    return sentences


# ------------------------------------------------------------------------------ units


def citation_offsets(content: tuple[Inline, ...]) -> list[tuple[int, tuple[str, ...]]]:
    """(offset in plain_text, refs) for every citation marker, in order."""
    return [(pos, cite.refs) for pos, cite in citations_at(content)]


def is_pseudo_heading(content: tuple[Inline, ...]) -> bool:
    """A short paragraph that is all bold or italic with no closing punctuation (MD036)."""
    meaningful = [n for n in content if not (isinstance(n, Text) and not n.text.strip())]
    if len(meaningful) != 1 or not isinstance(meaningful[0], Strong | Emphasis):
        return False
    text = plain_text(content).strip()
    return bool(text) and len(text.split()) <= 12 and text[-1] not in ".!?:;,"


def heading_text(heading: Heading) -> str:
    return " ".join(plain_text(heading.content).split())


_EXTERNAL = re.compile(r"(?:https?://|doi:|www\.)", re.I)


def _make_unit(content, block_id, kind, section, section_id, line, item=None, lang=ENGLISH) -> Unit:
    text = plain_text(content)
    masked = mask_spans(text)
    unit = Unit(block_id, kind, text, section, section_id, line, item, masked=masked)
    unit.sentences = segment(text, masked, lang)
    unit.citations = citation_offsets(content)
    for offset, refs in unit.citations:
        for sent in unit.sentences:
            # A marker belongs to the sentence it sits in or right after ("cases.1").
            if sent.start <= offset <= sent.end + 1:
                sent.citations.append(refs)
                break
    for start, end, node in inline_spans(content):
        if isinstance(node, Link) and _EXTERNAL.match(node.href or ""):
            for sent in unit.sentences:
                if start < sent.end and end > sent.start:
                    sent.sources.append(node.href)
    return unit


def prepare(doc: Document, lang: Abbreviations | None = None) -> list[Unit]:
    """Every scored unit of the document, in reading order, split by ``lang``'s sentence
    facts (default: the document language's, see ``checks.analysis.lang``)."""
    if lang is None:
        from plainprint.checks.analysis.lang import text_profile

        lang = text_profile(doc.metadata.language)
    units: list[Unit] = []
    section, section_id = "", ""

    def visit(blocks, section, section_id) -> None:
        for block in blocks:
            if isinstance(block, Paragraph):
                text = plain_text(block.content)
                if is_pseudo_heading(block.content) or not _COMMENT_ONLY.sub("", text).strip():
                    continue
                units.append(
                    _make_unit(
                        block.content,
                        block.id,
                        "paragraph",
                        section,
                        section_id,
                        block.line,
                        lang=lang,
                    )
                )
            elif isinstance(block, ListBlock):
                for index, (item, _depth) in enumerate(iter_items(block)):
                    if plain_text(item.content).strip():
                        units.append(
                            _make_unit(
                                item.content, block.id, "list_item", section, section_id,
                                block.line, index, lang,
                            )
                        )  # fmt: skip
            elif isinstance(block, BlockQuote):
                visit(block.blocks, section, section_id)

    for block in doc.blocks:
        if isinstance(block, Heading):
            section, section_id = heading_text(block), block.id
            continue
        visit((block,), section, section_id)
    return units


__all__ = [
    "Sentence",
    "Unit",
    "Word",
    "heading_text",
    "is_pseudo_heading",
    "iter_inlines",
    "mask_spans",
    "prepare",
    "segment",
    "split_sentences",
    "words_in",
]
