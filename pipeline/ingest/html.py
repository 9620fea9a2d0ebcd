"""Saved HTML pages → Document.

Steps: parse (``html_tree``), read metadata (``html_meta``), let readability-lxml choose the
main content and look outward from it (``html_main``), clean the chosen HTML with
BeautifulSoup (``html_clean``), convert it (``html_convert``), then lift citation markers,
turn the reference list into ``References`` and make the title the single level-1 heading.
"""

from __future__ import annotations

import copy
import dataclasses
import re
from pathlib import Path

from lxml import etree

from plainprint.pipeline.document.build import number_blocks
from plainprint.pipeline.document.nodes import (
    Block,
    BlockQuote,
    Document,
    Emphasis,
    Figure,
    Heading,
    Inline,
    Link,
    ListBlock,
    ListItem,
    Metadata,
    Paragraph,
    References,
    Removed,
    Strong,
    Table,
    Text,
)
from plainprint.pipeline.document.walk import (
    block_lines,
    iter_blocks,
    iter_inlines,
    iter_items,
    plain_text,
)
from plainprint.pipeline.errors import IngestError
from plainprint.pipeline.i18n.detect import settle_language
from plainprint.pipeline.ingest.html_clean import (
    clean_dense_blocks,
    clean_soup,
    mark_breaks,
    removed,
)
from plainprint.pipeline.ingest.html_convert import Converter, has_text
from plainprint.pipeline.ingest.html_edges import trim_tail
from plainprint.pipeline.ingest.html_inserts import drop_inserts
from plainprint.pipeline.ingest.html_lead import drop_lead_meta, drop_title_repeat
from plainprint.pipeline.ingest.html_main import (
    REF_HEADING,
    add_repeated_posts,
    add_repeated_steps,
    audit_outside,
    fill_gaps,
    prefer_marked_article,
    readability_roots,
    reference_blocks,
    widen_to_article,
)
from plainprint.pipeline.ingest.html_meta import clean, page_meta
from plainprint.pipeline.ingest.html_tree import PP_ID, parse_document, tag_elements
from plainprint.pipeline.ingest.html_vote import (
    READABILITY,
    TRAFILATURA,
    Candidate,
    block_words,
    choose,
    needs_fallback,
    trafilatura_markup,
    words,
)
from plainprint.pipeline.ingest.inline_text import text_to_inlines
from plainprint.pipeline.ingest.references import parse_reference

_DROP_FIRST = ("script", "style", "noscript", "template", "svg", "head")
_LEAD_NUMBER = re.compile(r"^\s*\[?(\d{1,3})[.)\]]\s+\S")


def parse_html(text: str, path: Path) -> Document:
    root = parse_document(text)
    if root is None:
        raise IngestError(path, "cannot parse the page as HTML", "check it is a saved web page")
    h1 = root.find(".//h1")
    meta = page_meta(root, clean(h1.text_content()) if h1 is not None else None)
    body = root.find("body")
    if body is None:
        body = root
    for el in list(body.iter(*_DROP_FIRST)):
        if el.getparent() is not None:
            el.drop_tree()
    if not " ".join(body.text_content().split()):
        raise IngestError(path, "page has no text content", "save the page with its article text")

    index = tag_elements(root)
    roots = readability_roots(root, index)
    if roots:
        roots = add_repeated_steps(add_repeated_posts(prefer_marked_article(body, roots)))
        roots = widen_to_article(fill_gaps(roots))
    roots = roots or [body]
    extra = reference_blocks(root, roots)
    audit = [r for r in (removed(t, why) for t, why in audit_outside(body, roots + extra)) if r]

    blocks = _convert(roots + extra, audit)
    if not any(_block_has_text(b) for b in blocks) and roots != [body]:
        audit = []
        blocks = _convert([body], audit)
    blocks, audit = _second_opinion(root, blocks, audit)
    if not any(_block_has_text(b) for b in blocks) or not _has_prose(blocks):
        raise IngestError(
            path,
            "found no article text in the page (only navigation, links or boilerplate)",
            "save the page with its article text",
        )

    blocks = drop_lead_meta(drop_inserts(blocks, audit), audit, meta.byline)
    blocks = trim_tail(_mark_numbered_notes(_mark_reference_lists(blocks)), audit, meta.byline)
    has_refs = any(isinstance(b, References) for b in blocks)
    blocks = [_lift_citations(b, has_refs) for b in blocks]
    title = _leading_h1(blocks) or meta.title or _first_heading(blocks) or _title_from(path)
    blocks = _ensure_title(drop_title_repeat(blocks, title, audit), title)
    declared = bool(meta.language)
    blocks = [_own_language(b, meta.language or "en") for b in blocks]
    doc = Document(
        metadata=Metadata(
            title=title,
            language=meta.language or "en",
            source_path=str(path),
            source_format="html",
            canonical_url=meta.canonical_url,
            byline=meta.byline,
            published=meta.published,
            modified=meta.modified,
            site_name=meta.site_name,
        ),
        blocks=tuple(blocks),
        removed=tuple(audit),
    )
    return settle_language(number_blocks(doc), declared)


def _second_opinion(
    root, blocks: list[Block], audit: list[Removed]
) -> tuple[list[Block], list[Removed]]:
    """Weigh readability-lxml's candidate against trafilatura's (``html_vote.choose``)."""
    their_audit: list[Removed] = []

    def convert(markup: str) -> list[Block]:
        found = _convert_markup(markup, their_audit)
        return [b for b in found if _block_has_text(b) or isinstance(b, Figure)]

    theirs = Candidate.from_markup(trafilatura_markup(root), convert)
    if needs_fallback(blocks, theirs):
        theirs = Candidate.from_markup(trafilatura_markup(root, fast=False), convert)
    choice_audit: list[Removed] = []
    choice = choose(blocks, theirs, choice_audit)
    if choice.kept == READABILITY:
        return choice.blocks, audit + choice_audit
    # trafilatura's candidate: what readability-lxml's audit removed may now be kept, and
    # what readability-lxml kept may now be dropped.
    kept = set().union(*(block_words(b) for b in choice.blocks)) if choice.blocks else set()
    dropped = [
        entry
        for b in blocks
        if len(set(block_words(b)) - kept) > len(block_words(b)) / 2
        and (entry := removed(" ".join(block_lines([b])), f"not in {TRAFILATURA}'s choice"))
    ]
    audit = [r for r in audit if len(set(words(r.excerpt)) - kept) > len(words(r.excerpt)) / 2]
    return choice.blocks, audit + their_audit + dropped + choice_audit


def _convert(elements: list, audit: list[Removed]) -> list[Block]:
    """Serialise the chosen original elements, clean them with BeautifulSoup and convert.

    Each is serialised from a copy without our element numbers (lxml drops them in C), so
    BeautifulSoup neither builds nor deletes an attribute on every tag.
    """
    parts = []
    for el in elements:
        el = copy.deepcopy(el)
        etree.strip_attributes(el, PP_ID)
        parts.append(etree.tostring(el, encoding="unicode", method="html", with_tail=False))
    return _convert_markup("".join(parts), audit)


def _convert_markup(markup: str, audit: list[Removed]) -> list[Block]:
    from bs4 import BeautifulSoup, Tag

    soup = BeautifulSoup("<div>" + markup + "</div>", "lxml")
    if PP_ID in markup:  # no tag can carry our element numbers otherwise
        for tag in soup.descendants:
            if isinstance(tag, Tag):
                tag.attrs.pop(PP_ID, None)
    return _convert_soup(soup, audit)


def fragment_blocks(html: str, audit: list[Removed]) -> list[Block]:
    """Raw HTML written inside another source (Markdown) → blocks, cleaned and mapped by
    the same steps as a saved page's main content, so both formats read HTML alike."""
    from bs4 import BeautifulSoup

    return _convert_soup(BeautifulSoup("<div>" + html + "</div>", "lxml"), audit)


def _convert_soup(soup, audit: list[Removed]) -> list[Block]:
    mark_breaks(soup)
    clean_soup(soup, audit)
    clean_dense_blocks(soup, audit)
    container = soup.body or soup
    return Converter().blocks(container)


def _block_has_text(block: Block) -> bool:
    if isinstance(block, Heading | Paragraph):
        return has_text(block.content)
    if isinstance(block, ListBlock):
        return any(has_text(item.content) for item, _ in iter_items(block))
    if isinstance(block, BlockQuote):
        return any(_block_has_text(b) for b in block.blocks)
    if isinstance(block, Table):
        return any(has_text(c) for row in block.header + block.rows for c in row)
    return isinstance(block, References) and bool(block.items)


def _has_prose(blocks: list[Block]) -> bool:
    """Some text that is not a link: a page of menus alone has no article."""

    def words(inlines) -> int:
        return sum(len(n.text.split()) for n in inlines if isinstance(n, Text)) + sum(
            words(n.children) for n in inlines if isinstance(n, Emphasis | Strong)
        )

    for block in iter_blocks(tuple(blocks)):
        if isinstance(block, Paragraph | Heading) and words(block.content):
            return True
        if isinstance(block, ListBlock) and any(words(i.content) for i, _ in iter_items(block)):
            return True
        if isinstance(block, Table | References):
            return True
    return False


def _own_language(block: Block, doc_lang: str) -> Block:
    """Keep a block's ``lang`` only where it differs from the document's language."""
    lang = getattr(block, "lang", None)
    if isinstance(block, BlockQuote):
        inner = tuple(_own_language(b, doc_lang) for b in block.blocks)
        block = dataclasses.replace(block, blocks=inner)
    if lang is not None and lang.lower() == (doc_lang or "").lower():
        block = dataclasses.replace(block, lang=None)
    return block


def _first_heading(blocks: list[Block]) -> str | None:
    for b in blocks:
        if isinstance(b, Heading):
            return plain_text(b.content).strip() or None
    return None


def _leading_h1(blocks: list[Block]) -> str | None:
    """The content's own headline: a level-1 heading that opens it (a kicker may precede)."""
    for b in blocks[:3]:
        if isinstance(b, Heading):
            return plain_text(b.content).strip() or None if b.level == 1 else None
    return None


def _title_from(path: Path) -> str:
    return path.stem.replace("-", " ").replace("_", " ").strip().capitalize() or "Untitled"


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


def _ensure_title(blocks: list[Block], title: str) -> list[Block]:
    """The title is the single level-1 heading: keep the content's own when it matches."""
    want = _norm(title)
    for b in blocks:
        if isinstance(b, Heading) and b.level == 1:
            got = _norm(plain_text(b.content))
            if got == want or (len(got) > 10 and (got in want or want in got)):
                return blocks
    return [Heading(level=1, content=(Text(title),)), *blocks]


# ------------------------------------------------------------------------- references


def _mark_reference_lists(blocks: list[Block]) -> list[Block]:
    """A list (or a run of numbered paragraphs) under a 'References' heading is the reference list."""
    out: list[Block] = []
    i = 0
    while i < len(blocks):
        block = blocks[i]
        out.append(block)
        i += 1
        if not (isinstance(block, Heading) and REF_HEADING.match(plain_text(block.content))):
            continue
        if i < len(blocks) and isinstance(blocks[i], ListBlock):
            lst = blocks[i]
            assert isinstance(lst, ListBlock)
            items = [_ref_text(item.content) for item, _ in iter_items(lst)]
            out.append(_references(items, lst.start if lst.ordered else 1))
            i += 1
            continue
        run: list[str] = []
        while i < len(blocks) and isinstance(blocks[i], Paragraph):
            para = _ref_text(blocks[i].content)  # type: ignore[union-attr]
            if not _LEAD_NUMBER.match(para):
                break
            run.append(para)
            i += 1
        if run:
            out.append(_references(run, 1))
    return out


_REF_SIGNAL = re.compile(
    r"\b(?:accessed|available (?:at|from)|retrieved|doi|et al|n\.d\.)\b|https?://|\((?:19|20)\d\d\)"
    r"|\b(?:19|20)\d\d;",
    re.I,
)


def _mark_numbered_notes(blocks: list[Block]) -> list[Block]:
    """A run of paragraphs numbered 1., 2., 3. … that read like references, with no heading."""
    out: list[Block] = []
    i = 0
    while i < len(blocks):
        run: list[str] = []
        signals = 0
        j = i
        while j < len(blocks) and isinstance(blocks[j], Paragraph):
            text = _ref_text(blocks[j].content)  # type: ignore[union-attr]
            m = _LEAD_NUMBER.match(text)
            if not m or int(m.group(1)) != len(run) + 1:
                break
            run.append(text)
            # The signal is read in the visible text: a linked word in a numbered step
            # ("1. Transaera is tackling …") is not a reference.
            signals += bool(_REF_SIGNAL.search(plain_text(blocks[j].content, citations=True)))
            j += 1
        if len(run) >= 2 and signals * 2 >= len(run):
            out.append(_references(run, 1))
            i = j
        else:
            out.append(blocks[i])
            i += 1
    return out


def _ref_text(content: tuple[Inline, ...]) -> str:
    """A reference entry's text, with the address of any web link that the text hides
    ("<a href=...>here</a>"): a printed page and a Markdown export both need it."""
    text = plain_text(content, citations=True)
    for node in iter_inlines(content):
        if (
            isinstance(node, Link)
            and node.href.startswith(("http://", "https://"))
            and node.href not in text
        ):
            text = f"{text} {node.href}"
    return text


def _references(texts: list[str], start: int) -> References:
    refs = []
    for n, raw in enumerate(texts):
        raw = " ".join(raw.split())
        key = str(start + n)
        m = re.match(r"^\s*\[?(\d{1,3})[.)\]]\s+", raw)
        if m:
            key, raw = str(int(m.group(1))), raw[m.end() :]
        refs.append(parse_reference(key, raw))
    return References(items=tuple(refs))


# -------------------------------------------------------------------------- citations


def _lift(inls: tuple[Inline, ...], glued: bool) -> tuple[Inline, ...]:
    out: list[Inline] = []
    for node in inls:
        if isinstance(node, Text):
            out.extend(text_to_inlines(node.text, glued=glued))
        elif isinstance(node, Emphasis | Strong):
            out.append(dataclasses.replace(node, children=_lift(node.children, glued)))
        else:
            out.append(node)  # Links keep their text; Citations and breaks as they are
    return tuple(out)


def _lift_item(item: ListItem, glued: bool) -> ListItem:
    return ListItem(
        content=_lift(item.content, glued),
        sublists=tuple(_lift_citations(s, glued) for s in item.sublists),  # type: ignore[misc]
    )


def _lift_citations(block: Block, glued: bool) -> Block:
    """Markers written as text (``[1]``, ``[2–4]``, and ``cases.1`` when there are references)."""
    if isinstance(block, Paragraph):
        return dataclasses.replace(block, content=_lift(block.content, glued))
    if isinstance(block, ListBlock):
        return dataclasses.replace(block, items=tuple(_lift_item(i, glued) for i in block.items))
    if isinstance(block, BlockQuote):
        return dataclasses.replace(
            block, blocks=tuple(_lift_citations(b, glued) for b in block.blocks)
        )
    return block
