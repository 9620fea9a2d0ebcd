"""Trim page furniture from the end of the chosen content: "Related products", author and
editorial-policy boxes, calls to action.

Both extractors keep whatever sits inside the page's ``<article>`` after the story, and
widening to the article (``html_main``) takes it in too. Such furniture announces itself
with a label ("Related articles", "About the author", "Get in touch", "Ready to …?") and
everything under that label to the end is furniture; a bare run of link teasers or
boilerplate lines at the very end is too. Only the tail is looked at, never mid-body, and
the trim never takes more than ``_MAX_SHARE`` of the text or a reference list.
"""

from __future__ import annotations

import re

from plainprint.pipeline.document.nodes import (
    Block,
    Figure,
    Heading,
    Paragraph,
    References,
    Removed,
)
from plainprint.pipeline.document.walk import block_lines, plain_text
from plainprint.pipeline.ingest.html_clean import classify_text, removed
from plainprint.pipeline.ingest.html_lead import ROLE, is_author_bio
from plainprint.pipeline.ingest.html_vote import block_words, link_share, reads_as_teasers

# A label that heads furniture, in several languages (the whole text of a heading or a short
# paragraph).
_LABEL = re.compile(
    r"^\s*(?:"
    r"(?:related|recommended|similar|more|recent|popular|latest|trending|other)\s+"
    r"(?:products?|articles?|posts?|stor(?:y|ies)|content|reading|links|guides|news|reviews"
    r"|topics|resources|videos|recipes|episodes)\b[^.!?]{0,40}"
    r"|you (?:may|might|will) also (?:like|enjoy|be interested in)|also read|read (?:next|more)"
    r"|up next|more from\b[^.!?]{0,40}|what to read next|keep reading|don'?t miss"
    r"|about (?:the|this|our) (?:authors?|writers?|editors?|contributors?)"
    r"|get in touch\b[^.!?]{0,50}|contact us(?: today)?"
    r"|(?:you can (?:also )?)?(?:follow|connect with) (?:us|me)\b[^.!?]{0,30}"
    r"|(?:our )?editorial (?:policy|process|standards|guidelines)"
    r"|share (?:this|the) (?:article|post|story|page)"
    r"|(?:join|subscribe to|sign up (?:for|to)) (?:our|the|my) (?:newsletter|mailing list)\b[^.!?]{0,40}"
    r"|tags|filed under|leave a (?:reply|comment)|comments|related|author|about the author"
    r"|written by|tell us (?:about|more about) (?:your|the) \w+\b[^.!?]{0,30}"
    r"|art[ií]culos relacionados|noticias relacionadas|(?:tambi[eé]n )?te puede interesar"
    r"|articles? (?:similaires|connexes)|[àa] lire aussi|vous aimerez aussi"
    r"|ähnliche artikel|das könnte (?:sie|dich) auch interessieren|lesen sie auch|mehr zum thema"
    r"|leia tamb[eé]m|not[ií]cias relacionadas|articoli correlati|potrebbe interessarti"
    r"|leggi anche|gerelateerde artikelen|lees ook"
    r")\s*[:!.]?\s*$"
    # A call to action: "Ready to create something extraordinary?", "Not sure which to choose?"
    r"|^\s*(?:ready to|want to (?:learn|know|find out) more|need (?:help|more|a hand)"
    r"|interested in|looking for|not sure)\b[^.!]{0,80}\?\s*$",
    re.I,
)
# "Follow Hardtail Canada": follow a capitalised name (the site's social links follow).
_FOLLOW_NAME = re.compile(r"^\s*Follow(?: [A-Z][\w.&'’-]*){1,4}\s*:?\s*$")
# "Chief Business Editor", "Executive Director at Brilliant Mindfulness": an author box's
# title line; and the author's name alone above the bio.
_ROLE_LINE = re.compile(rf"^[^.!?]*\b{ROLE}\b[^.!?]*$", re.I)
_NAME_LINE = re.compile(r"^(?:[A-Z][\w'’.-]*\s+){1,3}[A-Z][\w'’.-]*$")
_ROLE_WORDS = 8
_LINKED_HEADLINE = 0.9  # a heading that is all link is another story's headline
_LABEL_WORDS = 12  # a label is short
_MAX_SHARE = 0.4  # the trim never takes more than this share of the words


def is_furniture_label(block: Block) -> bool:
    """A heading or short paragraph that announces furniture ("Related products")."""
    if not isinstance(block, Heading | Paragraph):
        return False
    text = " ".join(plain_text(block.content).split())
    return 0 < len(text.split()) <= _LABEL_WORDS and bool(
        _LABEL.match(text) or _FOLLOW_NAME.match(text)
    )


def _furniture_block(block: Block, author: str | None, after_bio: bool) -> bool:
    """A block that is furniture wherever it stands at the end: teasers, boilerplate text,
    the author's bio and, above a bio, its name and title lines."""
    if isinstance(block, Heading):
        # a heading at the end goes only as a label (above), or as a teaser's linked headline
        return link_share(block) >= _LINKED_HEADLINE
    lines = block_lines([block])
    if not lines:
        return False
    if reads_as_teasers(block) or all(classify_text(line) for line in lines):
        return True
    if not isinstance(block, Paragraph):
        return False
    text = " ".join(plain_text(block.content).split())
    if is_author_bio(text, author):
        return True
    short = len(text.split()) <= _ROLE_WORDS
    return after_bio and short and bool(_ROLE_LINE.match(text) or _NAME_LINE.match(text))


def _introduces(block: Block) -> bool:
    """A paragraph ending in a colon ("you can find the project here:") introduces the
    block after it, which is then the article's, however much it looks like a link."""
    return isinstance(block, Paragraph) and plain_text(block.content).rstrip().endswith(":")


def _bare_image(block: Block) -> bool:
    return isinstance(block, Figure) and not block.caption


def trim_tail(blocks: list[Block], audit: list[Removed], author: str | None = None) -> list[Block]:
    """Drop furniture from the end: from the last label that heads only furniture-or-prose
    up to the end, and any run of teasers or boilerplate lines after the last content.

    Works backwards; a reference list or a non-label heading ends the search (what precedes
    it is article). The cut is kept only if it leaves ``1 - _MAX_SHARE`` of the words.
    """
    sizes: list[int] = []  # words per block, counted once a cut is in view
    cut = label_cut = len(blocks)
    bio = False
    i = len(blocks) - 1
    while i >= 0:
        block = blocks[i]
        if isinstance(block, References):
            break
        label = is_furniture_label(block)
        if label or (
            i == cut - 1
            and not (i > 0 and _introduces(blocks[i - 1]))
            and _furniture_block(block, author, bio)
        ):
            bio = bio or is_author_bio(" ".join(block_lines([block])), author)
            sizes = sizes or [len(block_words(b)) for b in blocks]
            if sum(sizes[i:]) > _MAX_SHARE * sum(sizes):
                break
            cut = i
            label_cut = i if label else label_cut
        elif i == cut - 1 and _bare_image(block):
            cut = i  # an image without a caption between teasers goes with them (see below)
        elif isinstance(block, Heading):
            if cut == i + 1:
                cut = label_cut  # the section's own heading says its links are content
            break
        i -= 1
    while cut < len(blocks) and _bare_image(blocks[cut]):
        cut += 1  # ... but the trim starts at furniture, never at an image
    for block in blocks[cut:]:
        entry = removed(" ".join(block_lines([block])), "page furniture after the article")
        if entry is not None:
            audit.append(entry)
    return blocks[:cut]
