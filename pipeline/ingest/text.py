"""Plain-text scrapes (``.txt``): headings, paragraphs, lists and a numbered reference list.

The input is what a person gets by copying a web page as text: a skip-link line, the
title, paragraphs one per line or hard-wrapped, short heading lines, and a numbered
reference list at the end. Plain prose files (no title line) work too.
"""

from __future__ import annotations

import re
from pathlib import Path

from plainprint.pipeline.document.build import number_blocks
from plainprint.pipeline.document.nodes import (
    Block,
    Document,
    Heading,
    ListBlock,
    ListItem,
    Metadata,
    Paragraph,
    References,
    Removed,
    Text,
)
from plainprint.pipeline.i18n.detect import settle_language
from plainprint.pipeline.ingest.inline_text import squash_spaces, text_to_inlines
from plainprint.pipeline.ingest.references import parse_reference

BOILERPLATE_LINES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^skip to\b", re.I), "skip link"),
    (
        re.compile(r"^(?:share|print|email|tweet|share this( article| page)?)$", re.I),
        "share widget",
    ),
    (re.compile(r"^(?:advertisement|sponsored content)$", re.I), "advertisement"),
    (
        re.compile(r"^(?:this (?:site|website) uses cookies|we use cookies)\b", re.I),
        "cookie banner",
    ),
    (
        re.compile(r"^(?:sign up for (?:our|the) newsletter|subscribe to our newsletter)\b", re.I),
        "newsletter box",
    ),
    (re.compile(r"^(?:back to top|jump to (?:navigation|search))$", re.I), "navigation"),
]
REFERENCE_HEADINGS = re.compile(
    r"^(?:references?|sources?|bibliography|citations?|works cited|notes|footnotes)\s*:?$", re.I
)
# Deeper indentation than this stays at the deepest level (no unbounded recursion).
MAX_LIST_DEPTH = 8
_LIST_ITEM = re.compile(r"^(\s*)(?:([-*•–·])|(\d{1,3})[.)])\s+(\S.*)$")
_REF_SIGNAL = re.compile(
    r"\b(?:accessed|available (?:at|from)|retrieved|doi|et al)\b|https?://|\(\d{4}\)|\b\d{4};", re.I
)
_DASH_START = re.compile(r"^[-–—]\s+")
_SENTENCE_END = re.compile(r"[.!?:;]['\"’”)\]]?$|[.!?]\d{1,3}(?:[,–-]\d{1,3})*$")


def _lines(text: str) -> list[tuple[int, str]]:
    return [(n, line.rstrip()) for n, line in enumerate(text.split("\n"), 1)]


def _groups(lines: list[tuple[int, str]]) -> list[list[tuple[int, str]]]:
    """Runs of non-blank lines."""
    groups: list[list[tuple[int, str]]] = []
    cur: list[tuple[int, str]] = []
    for n, line in lines:
        if line.strip():
            cur.append((n, line))
        elif cur:
            groups.append(cur)
            cur = []
    if cur:
        groups.append(cur)
    return groups


def looks_like_heading(line: str) -> bool:
    s = line.strip()
    words = s.split()
    if not words or len(words) > 14 or len(s) > 120:
        return False
    if s[-1] in ".,;:!" or _LIST_ITEM.match(line):
        return False
    if _SENTENCE_END.search(s) and not s.endswith("?"):
        return False
    return s[0].isupper() or s[0].isdigit()


def _is_sentence(line: str) -> bool:
    return not looks_like_heading(line)


def parse_text(text: str, path: Path) -> Document:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    removed: list[Removed] = []
    kept: list[tuple[int, str]] = []
    for n, line in _lines(text):
        reason = next((why for pat, why in BOILERPLATE_LINES if pat.search(line.strip())), None)
        if reason:
            removed.append(Removed(excerpt=line.strip()[:200], reason=reason, line=n))
            kept.append((n, ""))
        else:
            kept.append((n, line))

    # Each element: (kind, line, payload). kind: heading | para | list
    elements: list[tuple[str, int, object]] = []
    for group in _groups(kept):
        _split_group(group, elements)

    # Title: the first element when it is a heading; otherwise from the file name.
    title = None
    if elements and elements[0][0] == "heading":
        title = elements[0][2]
        elements[0] = ("title", elements[0][1], title)
    if title is None:
        title = path.stem.replace("-", " ").replace("_", " ").strip().capitalize() or "Untitled"

    # A trailing numbered list (or any list under a "References" heading) is the reference list.
    ref_index = _find_reference_list(elements)
    has_refs = ref_index is not None

    blocks: list[Block] = []
    if elements and elements[0][0] != "title":
        blocks.append(Heading(level=1, content=(Text(title),)))
    for i, (kind, line, payload) in enumerate(elements):
        if kind == "title":
            blocks.append(Heading(level=1, content=(Text(str(payload)),), line=line))
        elif kind == "heading":
            blocks.append(Heading(level=2, content=(Text(str(payload)),), line=line))
        elif kind == "para":
            inl = text_to_inlines(squash_spaces(str(payload)), glued=has_refs)
            blocks.append(Paragraph(content=inl, line=line))
        elif kind == "list" and i == ref_index:
            items = payload  # type: ignore[assignment]
            refs = tuple(
                parse_reference(str(num or k), squash_spaces(body), line=ln)
                for k, (ln, num, body, _) in enumerate(items, 1)
            )
            blocks.append(References(items=refs, line=line))
        elif kind == "list":
            blocks.append(_build_list(payload, line, glued=has_refs))  # type: ignore[arg-type]
    doc = Document(
        metadata=Metadata(title=str(title), source_path=str(path), source_format="text"),
        blocks=tuple(blocks),
        removed=tuple(removed),
    )
    # A scrape declares no language: detect it (a sidecar's ``language`` still wins).
    return settle_language(number_blocks(doc), declared=False)


def _split_group(group: list[tuple[int, str]], out: list[tuple[str, int, object]]) -> None:
    """Split one run of non-blank lines into headings, paragraphs and lists."""
    para: list[tuple[int, str]] = []
    items: list[tuple[int, str | None, str, int]] = []  # line, number, text, indent

    def flush_para() -> None:
        if para:
            out.append(("para", para[0][0], " ".join(s.strip() for _, s in para)))
            para.clear()

    def flush_list() -> None:
        if items:
            out.append(("list", items[0][0], list(items)))
            items.clear()

    for idx, (n, line) in enumerate(group):
        m = _LIST_ITEM.match(line)
        if (
            m
            and m.group(2) in ("-", "–")
            and para
            and not items
            and not _SENTENCE_END.search(para[-1][1].strip())
        ):
            # A dash after a line cut mid-sentence is a dash in the sentence, not a bullet:
            # "…used to announce Prince William’s birth in 1982\n– in front of the Palace…"
            m = None
        if m:
            flush_para()
            indent = len(m.group(1).expandtabs(4))
            items.append((n, m.group(3), m.group(4).strip(), indent))
            continue
        if items and line[:1].isspace():  # continuation of a list item
            ln, num, body, ind = items[-1]
            items[-1] = (ln, num, body + " " + line.strip(), ind)
            continue
        flush_list()
        nxt = group[idx + 1][1] if idx + 1 < len(group) else None
        alone = len(group) == 1
        if (
            looks_like_heading(line)
            and not para
            and (alone or (nxt is not None and _is_sentence(nxt)))
            # A next line starting in lower case (after a dash, perhaps) continues a
            # hard-wrapped sentence.
            and not _DASH_START.sub("", (nxt or "").strip())[:1].islower()
        ):
            out.append(("heading", n, line.strip()))
            continue
        if para and _SENTENCE_END.search(para[-1][1].strip()) and not line.strip()[:1].islower():
            flush_para()
        para.append((n, line))
    flush_para()
    flush_list()


def _find_reference_list(elements: list[tuple[str, int, object]]) -> int | None:
    for i, (kind, _, _payload) in enumerate(elements):
        if (
            kind == "list"
            and i > 0
            and elements[i - 1][0] == "heading"
            and REFERENCE_HEADINGS.match(str(elements[i - 1][2]))
        ):
            return i
    # Otherwise: the last element, a numbered list whose items read like references.
    if elements and elements[-1][0] == "list":
        items = elements[-1][2]
        numbered = all(num for _, num, _, _ in items)  # type: ignore[union-attr]
        signals = sum(bool(_REF_SIGNAL.search(body)) for _, _, body, _ in items)  # type: ignore[union-attr]
        if numbered and signals * 2 >= len(items):  # type: ignore[arg-type]
            return len(elements) - 1
    return None


def _build_list(items: list[tuple[int, str | None, str, int]], line: int, glued: bool) -> ListBlock:
    """Nest items by indentation."""

    def build(start: int, indent: int, depth: int = 0) -> tuple[ListBlock, int]:
        out: list[ListItem] = []
        ordered = items[start][1] is not None
        first_num = int(items[start][1]) if items[start][1] else 1
        i = start
        while i < len(items) and items[i][3] >= indent:
            ln, num, body, ind = items[i]
            if ind > indent and out and depth < MAX_LIST_DEPTH:
                sub, i = build(i, ind, depth + 1)
                last = out[-1]
                out[-1] = ListItem(content=last.content, sublists=last.sublists + (sub,))
                continue
            out.append(ListItem(content=text_to_inlines(squash_spaces(body), glued=glued)))
            i += 1
        return ListBlock(ordered=ordered, items=tuple(out), start=first_num), i

    lst, _ = build(0, items[0][3])
    return ListBlock(ordered=lst.ordered, items=lst.items, start=lst.start, line=line)
