"""Byline and date lines above the article's first paragraph.

Pages print the author ("By Kelli Miller, WebMD Health News") and the date ("24 July 2015",
"posted on April 21, 2015, at 11:29 a.m.") between the headline and the text, often without
any class that says so. The metadata already holds them; in the body they are noise. Only
short lines at the top of the content are looked at (see ``drop_lead_meta``), and only
whole lines, so a date or a "By 2030, …" sentence in the article's text is never touched.
"""

from __future__ import annotations

import re

from plainprint.pipeline.document.nodes import Block, Heading, ListBlock, Paragraph, Removed
from plainprint.pipeline.document.walk import block_lines, plain_text
from plainprint.pipeline.ingest.html_clean import removed

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DATE = (
    rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}"
    rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    r"|\d{4}-\d\d-\d\d|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}"
    r"|(?:\d{1,2}|an?|one)\s+(?:second|minute|hour|day|week|month|year)s?\s+ago)"
)
_TIME = r"(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d\d\s*(?:[ap]\.?\s?m\.?)?(?:\s*[A-Z]{2,4}\b)?)?"
# A date alone, perhaps after "Posted on" and with a time, then at most a short name.
_DATE_LINE = re.compile(
    rf"^\s*(?:(?:posted|published|updated|last updated|modified)(?:\s+on)?\s*:?\s*)?"
    rf"{_DATE}{_TIME}\s*(?:[|·•,-]?\s*[A-Z][\w.'’-]*){{0,4}}\s*$",
    re.I,
)
# "By Jane Doe", "By Jane Doe and John Roe, MD WebMD Health News": capitalised words only.
_BYLINE = re.compile(
    r"^\s*(?:by|BY|By)\s*(?=[A-Z])(?:(?:and|&)\s+|[A-Z][\w.'’-]*,?\s*){1,10}$",
)
# "Archie is a writer from South London.", "Chris Radich is the public sector CTO at UiPath":
# a name (or "Dr. Name"), "is a/an/the", and a writer's or an officer's role soon after.
ROLE = (
    r"(?:writer|journalist|editor|reporter|author|contributor|columnist|blogger|correspondent"
    r"|freelancer|photographer|producer|podcaster|founder|co-founder|cto|ceo|cfo|coo"
    r"|director|president|strategist|consultant|analyst|communicator)s?"
)
_BIO = re.compile(
    rf"^\s*(?:(?:Dr|Mr|Mrs|Ms|Prof)\.?\s+)?(?:[A-Z][\w'’.-]*\s+){{0,3}}[A-Z][\w'’.-]*\s+"
    rf"(?:is|was|has been)\s+(?:a|an|the)\s+(?:[\w&,-]+\s+){{0,8}}?{ROLE}\b"
)
_BIO_WORDS = 150  # a bio is a paragraph, not a profile


def is_author_bio(text: str, author: str | None) -> bool:
    """Whether a paragraph introduces the article's author ("Archie is a writer from …").

    With the page's byline known, the paragraph must name its author: "Elon Musk is the CEO
    of …" opening a story about him is the story.
    """
    text = " ".join(text.split())
    m = _BIO.match(text)
    if m is None or len(text.split()) > _BIO_WORDS:
        return False
    if author is None:
        return True
    named = set(re.findall(r"\w+", text[: m.end()].lower()))
    return bool(named & {w for w in re.findall(r"\w+", author.lower()) if len(w) > 2})


_RUNNING_WORDS = 15  # a paragraph this long is running text (a standfirst, then the article)
_LEAD_ZONE = 8  # blocks; and the zone ends at the second paragraph of running text


def is_lead_meta(text: str) -> bool:
    """Whether one short line is a byline or a date stamp."""
    text = " ".join(text.split())
    if not text or len(text.split()) > 12:
        return False
    return bool(_DATE_LINE.match(text) or _BYLINE.match(text))


def drop_lead_meta(
    blocks: list[Block], audit: list[Removed], author: str | None = None
) -> list[Block]:
    """Remove byline and date paragraphs, and a bio of the byline's ``author``, from the top.

    The top is the first ``_LEAD_ZONE`` blocks, up to the second paragraph of running text:
    a headline, a standfirst and a lead image may come before the byline.
    """
    out: list[Block] = []
    running = 0
    for n, block in enumerate(blocks):
        if n >= _LEAD_ZONE or running >= 2:
            return out + blocks[n:]
        if isinstance(block, Paragraph):
            text = plain_text(block.content)
            short = len(text.split()) < _RUNNING_WORDS
            if author is not None and is_author_bio(text, author):
                why = "author bio"
            elif short and is_lead_meta(text):
                why = "byline or date"
            else:
                running += not short
                out.append(block)
                continue
            entry = removed(text, why)
            if entry is not None:
                audit.append(entry)
            continue
        elif isinstance(block, ListBlock) and _all_lead_meta(block):
            entry = removed(" ".join(block_lines([block])), "byline or date")
            if entry is not None:
                audit.append(entry)
            continue
        out.append(block)
    return out


def _all_lead_meta(block: ListBlock) -> bool:
    """A list of byline and date lines ("by Marketing Team", "31 May, 2023")."""
    lines = block_lines([block])
    return bool(lines) and all(is_lead_meta(line) for line in lines)


_TITLE_WORDS = 30
_TITLE_ZONE = 6


def _norm(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def drop_title_repeat(blocks: list[Block], title: str, audit: list[Removed]) -> list[Block]:
    """Remove paragraphs and headings at the top that only repeat the title.

    The title is the Document's level-1 heading; the body does not say it twice. Only the
    first ``_TITLE_ZONE`` blocks are looked at: the first heading that is the title stays
    (it becomes the level-1 heading), every other block whose words are the title's goes
    (a headline styled as text, a second copy of the headline for small screens).
    """
    want = _norm(title)
    if not want or len(want.split()) > _TITLE_WORDS:
        return blocks  # a "title" this long is a caption or a paragraph taken for one
    out: list[Block] = []
    kept_heading = False
    for n, block in enumerate(blocks):
        if n < _TITLE_ZONE and isinstance(block, Heading | Paragraph):
            text = plain_text(block.content)
            if _norm(text) == want:
                if isinstance(block, Heading) and not kept_heading:
                    kept_heading = True  # the title's own heading
                else:
                    entry = removed(text, "repeats the title")
                    if entry is not None:
                        audit.append(entry)
                    continue
        out.append(block)
    return out
