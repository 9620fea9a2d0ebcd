"""Two opinions, one Document: readability-lxml's candidate against trafilatura's.

The two libraries fail on different pages. readability-lxml (through ``html_main``) keeps
structure and citations well but sometimes keeps only one part of a long article (a
Wikipedia page, a thread) or a block of teasers around it; trafilatura rarely misses the
body but sometimes keeps only a fragment. Both candidates are converted the same way, then
compared as bags of words (see ``choose``): the choice and its reason go into the audit.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from plainprint.pipeline.document.nodes import Block, Heading, Link, ListBlock, Paragraph, Removed
from plainprint.pipeline.document.walk import block_lines, iter_inlines, iter_items, plain_text
from plainprint.pipeline.ingest.html_clean import removed

READABILITY, TRAFILATURA = "readability-lxml", "trafilatura"
# Words as the extraction bench counts them: each CJK character or kana is one word.
# (``[^\W…]`` is the bench's ``(?:(?![…])\w)+`` without a look-ahead at every character.)
_CJK = r"\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_WORD = re.compile(rf"[{_CJK}]|[^\W{_CJK}]+")

# readability-lxml's candidate counts as "essentially nothing" below this many words, when
# trafilatura's is at least three times longer.
_EMPTY_WORDS = 150
# trafilatura's candidate replaces readability-lxml's when it holds nearly all of it
# (``_INSIDE``) and is between 1.5 and 3.3 times longer: readability-lxml kept one part of
# the article. Far longer means trafilatura took comments or a whole listing with it.
_INSIDE = 0.9
_SHORTER = (0.3, 0.67)
# Blocks of readability-lxml's candidate that trafilatura does not have (``_ABSENT``: under
# this share of their words) and that sit before or after everything the two share are
# dropped when they read as teasers: mostly link text, or short lines.
_ABSENT = 0.3
_LINKY = 0.5
_SHORT_LINE = 8
_TEASER_LINE = 16
_TRIM_RATIO = 2.0
_SHORT_CANDIDATE = 300  # words


def trafilatura_markup(root, *, fast: bool = True) -> str:
    """trafilatura's choice of the page as HTML (headings, lists, tables kept), or ''.

    ``fast`` skips trafilatura's own fallback extractors (a readability port and jusText),
    which cost several times the first pass; ingest asks for them only when the fast
    pass found little (see ``needs_fallback``).
    """
    try:
        from trafilatura.core import bare_extraction, determine_returnstring
        from trafilatura.settings import Extractor
    except ImportError:  # pragma: no cover - a runtime dependency; the bench reports it
        return ""
    level = logging.getLogger("trafilatura").level
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    # What ``trafilatura.extract(output_format="html", ...)`` does, less the content
    # fingerprint it hashes for de-duplication, which ingest never reads. Given an
    # element, ``bare_extraction`` works on its own copy (``load_html`` returns the element,
    # then ``if tree is filecontent: tree = copy(tree)``), so ours is not copied again.
    options = Extractor(
        output_format="html",
        fast=fast,
        comments=False,
        formatting=True,
        links=True,
        images=True,
        tables=True,
    )
    try:
        document = bare_extraction(root, options=options, as_dict=False)
        # as_dict=False gives trafilatura's Document (its stubs say Document | dict)
        out = determine_returnstring(document, options) if document is not None else ""  # type: ignore[arg-type]
    except Exception:  # noqa: BLE001 - a failing second opinion is no opinion
        return ""
    finally:
        logging.getLogger("trafilatura").setLevel(level)
    return out or ""


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def block_words(block: Block) -> list[str]:
    return words(" ".join(_block_lines(block)))


def _block_lines(block: Block) -> list[str]:
    return block_lines([block])


def _bag(blocks: list[Block]) -> Counter:
    bag: Counter = Counter()
    for b in blocks:
        bag.update(block_words(b))
    return bag


def link_share(block: Block) -> float:
    """Share of a block's text inside links (a teaser list is nearly all links)."""
    if isinstance(block, Paragraph | Heading):
        inlines = block.content
    elif isinstance(block, ListBlock):
        inlines = tuple(n for item, _ in iter_items(block) for n in item.content)
    else:
        return 0.0
    total = len(plain_text(inlines))
    if not total:
        return 0.0
    linked = sum(len(plain_text(n.children)) for n in iter_inlines(inlines) if isinstance(n, Link))
    return min(1.0, linked / total)


# A Chinese or Japanese character is a word to the bench, but a line of them holds about
# this many characters per English word's worth of meaning.
_CJK_PER_WORD = 2.5
_CJK_CHAR = re.compile(f"[{_CJK}]")


def _line_size(line: str) -> float:
    """A line's length in words, CJK characters counted at ``_CJK_PER_WORD`` per word."""
    ws = words(line)
    if _CJK_CHAR.search(line) is None:
        return len(ws)
    cjk = sum(1 for w in ws if _CJK_CHAR.fullmatch(w))
    return len(ws) - cjk + cjk / _CJK_PER_WORD


def reads_as_teasers(block: Block) -> bool:
    """Link-heavy or short-lined: a list of other stories, not the article's prose."""
    if not isinstance(block, Paragraph | ListBlock):
        return False  # headings go with their section; figures and tables are content
    lines = _block_lines(block)
    if not lines:
        return False
    per_line = sum(_line_size(line) for line in lines) / len(lines)
    # Headlines with a line of teaser are linked and short; reference entries, also linked,
    # are long. A single short line (a name, a label) is not a list of anything.
    if link_share(block) >= _LINKY and per_line < _TEASER_LINE:
        return True
    if isinstance(block, Paragraph) and is_cut_excerpt(lines[-1]):
        return True
    stamped = sum(bool(_STAMP_END.search(line[-_END:])) for line in lines)
    if len(lines) >= 3 and stamped * 3 >= 2 * len(lines):
        return True  # a news listing: "headline  Source  3/9(木) 15:47" line after line
    return len(lines) >= 3 and per_line < _SHORT_LINE


# An excerpt cut off mid-sentence ("… significantly improving their chances of", "… Read
# more…"): a listing's teaser of another post. The article's own paragraphs end a sentence.
_CUT_END = re.compile(r"(?:[a-z,;]|\.\.\.|…|\[(?:…|\.\.\.)\])\s*$")
_EXCERPT_WORDS = 20
# The end-anchored patterns here look at a line's last characters only: searched over a whole
# line, ``…$`` is tried at every position of it.
_END = 40
# A line that ends with a time or a date: "… 15:47", "… 3/9(木)", "… 2 hours ago", "… May 3, 2024".
_STAMP_END = re.compile(
    r"(?:\d{1,2}:\d\d(?:\s*[ap]\.?m\.?)?|\d{1,2}/\d{1,2}(?:/\d{2,4})?(?:\s*\(\w\))?"
    r"|\d+\s+(?:minutes?|hours?|days?|weeks?)\s+ago|[A-Z][a-z]{2,8}\.?\s+\d{1,2},\s+\d{4})\s*$"
)


def is_cut_excerpt(line: str) -> bool:
    return len(line.split()) >= _EXCERPT_WORDS and bool(_CUT_END.search(line[-_END:]))


@dataclass
class Candidate:
    """trafilatura's candidate: its words at once, its blocks only when they are needed.

    Converting a candidate costs as much as extracting it, and most pages keep
    readability-lxml's, so the blocks are built lazily.
    """

    bag: Counter
    convert: Callable[[], list[Block]]
    _blocks: list[Block] | None = field(default=None, repr=False)

    @classmethod
    def from_blocks(cls, blocks: list[Block]) -> Candidate:
        return cls(_bag(blocks), lambda: list(blocks))

    @classmethod
    def from_markup(cls, markup: str, convert: Callable[[str], list[Block]]) -> Candidate:
        import lxml.html

        text = ""
        if markup.strip():
            root = lxml.html.fromstring(markup)
            text = " ".join(root.itertext())
        return cls(Counter(words(text)), lambda: convert(markup) if markup.strip() else [])

    def blocks(self) -> list[Block]:
        if self._blocks is None:
            self._blocks = self.convert()
        return self._blocks


@dataclass
class Choice:
    blocks: list[Block]
    kept: str  # which extractor's candidate
    why: str


def choose(mine: list[Block], theirs: Candidate, audit: list[Removed]) -> Choice:
    """Pick between readability-lxml's blocks (``mine``) and trafilatura's (``theirs``).

    Records the choice and its reason in ``audit`` (an entry whose reason starts with
    "extractor choice:"), and every block dropped from the kept candidate.
    """
    mine_words = [block_words(block) for block in mine]  # read once, used twice
    a, b = Counter(w for ws in mine_words for w in ws), theirs.bag
    na, nb = sum(a.values()), sum(b.values())
    shared = sum((a & b).values())
    sizes = f"{READABILITY} {na} words, {TRAFILATURA} {nb}, {shared} shared"
    may_take = _may_take(na, nb, shared)
    their_blocks = theirs.blocks() if may_take else []
    if nb == 0 or (may_take and not their_blocks):
        choice = Choice(mine, READABILITY, f"{TRAFILATURA} found nothing")
    elif may_take and na and not has_sentences(their_blocks):
        choice = Choice(mine, READABILITY, f"{TRAFILATURA}'s candidate has no sentence")
    elif na == 0 or (na < _EMPTY_WORDS and nb >= 3 * na):
        choice = Choice(
            their_blocks, TRAFILATURA, f"{READABILITY}'s candidate is empty or far shorter"
        )
    elif may_take and _reads_as_article(their_blocks, a):
        choice = Choice(
            their_blocks,
            TRAFILATURA,
            f"{READABILITY}'s candidate is a part of {TRAFILATURA}'s, whose rest reads as the article",
        )
    else:
        why = "the two agree" if shared >= 0.8 * min(na, nb) else "no clear agreement"
        kept = (
            _trim_teasers(mine, b, audit, na <= _TRIM_RATIO * nb, mine_words)
            if shared >= 0.9 * nb
            else mine
        )
        choice = Choice(kept, READABILITY, why)
    entry = removed(
        f"{choice.kept} kept ({sizes})", f"extractor choice: {choice.kept}, because {choice.why}"
    )
    if entry is not None:
        audit.append(entry)
    return choice


# A sentence ends with a stop (Latin or CJK), perhaps inside a closing quote or bracket.
_SENTENCE_END = re.compile(r"[.!?…。！？][\"'”’»)\]]*$")
_SENTENCE_WORDS = 6


def has_sentences(blocks: list[Block]) -> bool:
    """Whether any line of ``blocks`` is a sentence: a run of names or links (a client list,
    a tag cloud) has none, and is no article, however long."""
    for line in block_lines(blocks):
        if _SENTENCE_END.search(line[-_END:]) and len(words(line)) >= _SENTENCE_WORDS:
            return True
    return False


def needs_fallback(mine: list[Block], theirs: Candidate) -> bool:
    """Whether to ask trafilatura again with its fallback extractors: its fast pass found
    little (under ``_SHORT_CANDIDATE`` words), which is where it most often missed the
    article. A short candidate of readability-lxml's beside a long fast one does not need
    them: the fast one already holds the article, and the fallback costs ~30 ms."""
    del mine  # kept in the signature: the decision is about trafilatura's own pass
    return sum(theirs.bag.values()) < _SHORT_CANDIDATE


def _may_take(na: int, nb: int, shared: int) -> bool:
    """Whether trafilatura's candidate could win: readability-lxml's is empty, tiny, or a
    shorter part of it (any shorter part when it is short itself)."""
    if nb == 0:
        return False
    if na == 0 or (na < _EMPTY_WORDS and nb >= 3 * na):
        return True
    low = 0.0 if na < _SHORT_CANDIDATE else _SHORTER[0]
    return shared >= _INSIDE * na and low <= na / nb <= _SHORTER[1]


# Code: many lines, and punctuation that prose rarely has ("{", "}", "=", ";", "()").
_CODE_MARKS = re.compile(
    r"[{}=;<>]|\(\)|:=|->|=>|[\[\](),:]\s*$"
    r"|^\s*(?:import|from|def|class|return|if|for|while|const|let|var|func|fn|pub|#|//)\b"
)
_CODE_LINES = 8


def reads_as_code(block: Block) -> bool:
    """A pasted listing (``<pre>`` lines kept as line breaks): most lines carry code marks."""
    if not isinstance(block, Paragraph):
        return False
    lines = [ln for ln in plain_text(block.content).split("\n") if ln.strip()]
    if len(lines) < _CODE_LINES:
        return False
    return sum(bool(_CODE_MARKS.search(ln)) for ln in lines) * 2 >= len(lines)


def _unshared(
    blocks: list[Block], other: Counter, block_word_lists: list[list[str]] | None = None
) -> list[tuple[Block, list[str], bool]]:
    """Each block, its words (``block_word_lists`` when the caller has them), and whether
    it is absent from ``other``.

    Words are taken from ``other`` as they are matched (a bag, in reading order), so a block
    of common words counts as absent once the shared text has used them up.
    """
    left = Counter(other)
    out = []
    for n, block in enumerate(blocks):
        ws = block_word_lists[n] if block_word_lists is not None else block_words(block)
        found = 0
        for w in ws:
            if left[w] > 0:
                left[w] -= 1
                found += 1
        out.append((block, ws, bool(ws) and found < _ABSENT * len(ws)))
    return out


def _reads_as_article(blocks: list[Block], other: Counter) -> bool:
    """Whether what ``blocks`` add to the other candidate is prose, not teasers and links.

    Counted in added words, block by block: a code block or a table whose common words
    ("the", "this") the other candidate also has still adds all its other words.
    """
    prose = teasers = 0
    left = Counter(other)
    for block in blocks:
        added = 0
        for w in block_words(block):
            if left[w] > 0:
                left[w] -= 1
            else:
                added += 1
        if reads_as_teasers(block):
            teasers += added
        else:
            prose += added
    return prose > teasers


def _trim_teasers(
    blocks: list[Block],
    other: Counter,
    audit: list[Removed],
    any_absent: bool = False,
    block_word_lists: list[list[str]] | None = None,
) -> list[Block]:
    """Drop leading and trailing blocks that trafilatura left out and that read as teasers.

    Before the shared text, only teasers go: a standfirst that trafilatura left out stays.
    After it, with ``any_absent`` (trafilatura's candidate is no fragment), everything
    trafilatura left out goes: comments, author boxes, "more from" sections.
    """
    marked = _unshared(blocks, other, block_word_lists)
    shared = [i for i, (_, _, absent) in enumerate(marked) if not absent]
    if not shared:
        return blocks
    first, last = shared[0], shared[-1]
    drop = {
        i
        for i, (block, _, absent) in enumerate(marked)
        if absent
        and (
            (i < first and reads_as_teasers(block))
            or (i > last and (any_absent or reads_as_teasers(block)))
            or reads_as_code(block)
        )
    }
    # A heading goes with the teasers under it ("Breaking News", "More stories").
    for i in sorted(drop, reverse=True):
        if i > 0 and isinstance(marked[i - 1][0], Heading) and marked[i - 1][2]:
            drop.add(i - 1)
    out: list[Block] = []
    for i, (block, _, _) in enumerate(marked):
        if i in drop:
            text = " ".join(_block_lines(block))
            heading_of = marked[i + 1][0] if isinstance(block, Heading) and i + 1 in drop else block
            why = (
                f"teasers or links outside the article (not in {TRAFILATURA})"
                if reads_as_teasers(heading_of)
                else f"code listing, not in {TRAFILATURA}'s choice"
                if reads_as_code(block)
                else f"after the article, not in {TRAFILATURA}'s choice"
            )
            entry = removed(text, why)
            if entry is not None:
                audit.append(entry)
            continue
        out.append(block)
    return out
