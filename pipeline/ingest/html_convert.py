"""Cleaned article HTML (a BeautifulSoup tree) → Document blocks and inlines.

One method per element kind. Nesting is followed with an explicit depth: past
``MAX_NESTING`` a subtree is read as plain text, so a pathological page cannot raise
RecursionError. Whitespace is collapsed the way a browser would.
"""

from __future__ import annotations

import dataclasses
import re

from bs4 import NavigableString, Tag
from bs4.element import CData, Comment, Declaration, Doctype, ProcessingInstruction

from plainprint.pipeline.document.language import language_or_none
from plainprint.pipeline.document.nodes import (
    Block,
    BlockQuote,
    Citation,
    Emphasis,
    Figure,
    Heading,
    Inline,
    LineBreak,
    Link,
    ListBlock,
    ListItem,
    Paragraph,
    Reference,
    References,
    Strong,
    Table,
    Text,
)
from plainprint.pipeline.ingest.html_citations import is_note_link, marker_citations, sup_citations
from plainprint.pipeline.ingest.html_main import REF_NAMES, REF_ROLES
from plainprint.pipeline.ingest.references import parse_reference

MAX_NESTING = 120
SKIP_TAGS = frozenset(
    [
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "button",
        "input",
        "select",
        "textarea",
        "option",
        "head",
        "title",
        "meta",
        "link",
        "object",
        "embed",
        "iframe",
        "canvas",
        "audio",
        "video",
        "source",
        "track",
        "map",
        "area",
        "dialog",
    ]
)
BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "center",
        "dd",
        "details",
        "dialog",
        "dir",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "li",
        "main",
        "menu",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    ]
)
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_NOT_TEXT = (Comment, CData, ProcessingInstruction, Declaration, Doctype)
_WS = re.compile(r"[ \t\n\r\f\v\u00a0\u200b]+")
_LEAD_NUMBER = re.compile(r"^\s*\[?(\d{1,3})[.)\]]\s+")
_BACKLINK = re.compile(r"^\s*(?:\^|↑)\s*(?:[a-z]{1,2}\s+){0,26}")


def _text(node) -> str:
    return node.get_text(" ") if isinstance(node, Tag) else str(node)


def _has_block(tag: Tag) -> bool:
    return any(isinstance(d, Tag) and d.name in BLOCK_TAGS for d in tag.descendants)


def _holds_text_blocks(figure: Tag, caption: Tag | None) -> bool:
    """A figure that frames a quotation or text (a customer's quote with the firm's logo in
    its caption) is text with a caption, not an image."""
    for block in figure.find_all(("blockquote", "p", "pre", "ul", "ol", "table")):
        inside_caption = caption is not None and (block is caption or caption in block.parents)
        if not inside_caption and block.get_text(strip=True):
            return True
    return False


def _img_src(img: Tag) -> str:
    src = img.get("src") or ""
    if not src or src.startswith("data:"):
        for attr in ("data-src", "data-lazy-src", "data-original", "data-srcset", "srcset"):
            value = img.get(attr)
            if value:
                src = str(value).split(",")[0].split()[0] if attr.endswith("srcset") else value
                break
    return str(src).strip()


def _is_ref_container(tag: Tag) -> bool:
    role = str(tag.get("role") or "").lower()
    cls = tag.get("class") or []
    names = f"{' '.join(cls) if isinstance(cls, list) else cls} {tag.get('id') or ''}".lower()
    return role in REF_ROLES or bool(REF_NAMES.search(names))


# ------------------------------------------------------------------------- whitespace


def _collapse(inls: list[Inline], space_before: bool) -> tuple[list[Inline], bool]:
    out: list[Inline] = []
    for node in inls:
        if isinstance(node, Text):
            text = _WS.sub(" ", node.text)
            if space_before and text.startswith(" "):
                text = text[1:]
            if text:
                out.append(Text(text))
                space_before = text.endswith(" ")
        elif isinstance(node, LineBreak):
            if out and isinstance(out[-1], Text) and out[-1].text.endswith(" "):
                out[-1] = Text(out[-1].text[:-1])
            out.append(node)
            space_before = True
        elif isinstance(node, Emphasis | Strong | Link):
            kids, space_before = _collapse(list(node.children), space_before)
            if kids:
                out.append(_rebuild(node, kids))
        else:
            out.append(node)
            space_before = False
    return out, space_before


def _rebuild(node: Emphasis | Strong | Link, kids: list[Inline]) -> Inline:
    return dataclasses.replace(node, children=tuple(kids))


def _rstrip(inls: list[Inline]) -> list[Inline]:
    while inls:
        last = inls[-1]
        if isinstance(last, LineBreak):
            inls.pop()
        elif isinstance(last, Text):
            text = last.text.rstrip()
            if text:
                inls[-1] = Text(text)
                return inls
            inls.pop()
        elif isinstance(last, Emphasis | Strong | Link):
            kids = _rstrip(list(last.children))
            if not kids:
                inls.pop()
                continue
            inls[-1] = _rebuild(last, kids)
            return inls
        else:
            return inls
    return inls


def _lstrip_breaks(inls: list[Inline]) -> list[Inline]:
    while inls and isinstance(inls[0], LineBreak):
        inls.pop(0)
    return inls


def _merge(inls: list[Inline]) -> tuple[Inline, ...]:
    out: list[Inline] = []
    for node in inls:
        if isinstance(node, Text) and out and isinstance(out[-1], Text):
            out[-1] = Text(out[-1].text + node.text)
        else:
            out.append(node)
    return tuple(out)


_OPEN = re.compile(r"\s*([\[(])\s*$")
_SEPARATOR = re.compile(r"^\s*[,;–—-]\s*$")
_PAIR = {"[": "]", "(": ")"}


def _absorb_brackets(inls: tuple[Inline, ...]) -> tuple[Inline, ...]:
    """``[<a href="#ref61">61</a>]`` is one marker: the brackets (and the commas between
    linked numbers, ``[<a>1</a>, <a>2</a>]``) belong to it, not to the text, which would
    otherwise read "(SCS-SF) []." wherever markers are left out."""
    out = list(inls)
    i = 0
    while i < len(out):
        if not isinstance(out[i], Citation) or i == 0 or not isinstance(out[i - 1], Text):
            i += 1
            continue
        opener = _OPEN.search(out[i - 1].text)
        j = i
        while (
            j + 2 < len(out)
            and isinstance(out[j + 2], Citation)
            and (isinstance(out[j + 1], Text) and _SEPARATOR.match(out[j + 1].text))
        ):
            j += 2
        after = out[j + 1] if j + 1 < len(out) else None
        if not opener or not isinstance(after, Text):
            i = j + 1
            continue
        close = _PAIR[opener.group(1)]
        if not after.text.lstrip().startswith(close):
            i = j + 1
            continue
        cites = [n for n in out[i : j + 1] if isinstance(n, Citation)]
        merged = Citation(
            refs=tuple(r for c in cites for r in c.refs), raw=",".join(c.raw for c in cites)
        )
        before = out[i - 1].text[: opener.start()]
        rest = after.text.lstrip()[1:]
        out[i - 1 : j + 2] = [n for n in (Text(before), merged, Text(rest)) if not (
            isinstance(n, Text) and not n.text)]  # fmt: skip
        i += 1
    return tuple(out)


def tidy(inls: list[Inline]) -> tuple[Inline, ...]:
    """Collapse whitespace as a browser does and trim both ends."""
    collapsed, _ = _collapse(inls, True)
    return _absorb_brackets(_merge(_rstrip(_lstrip_breaks(collapsed))))


def has_text(inls: tuple[Inline, ...]) -> bool:
    for node in inls:
        if isinstance(node, Text) and node.text.strip():
            return True
        if isinstance(node, Emphasis | Strong | Link) and has_text(node.children):
            return True
        if isinstance(node, Citation):
            return True
    return False


# ---------------------------------------------------------------------------- convert


def _ol_start(tag: Tag) -> int:
    """The first number of an ordered list (``<ol start="4">``); 1 otherwise."""
    if tag.name != "ol":
        return 1
    try:
        return int(str(tag.get("start", "1")).strip())
    except ValueError:
        return 1


def _lang(tag: Tag) -> str | None:
    """The element's own language as BCP 47, or None where it has none we can read."""
    return language_or_none(str(tag.get("lang") or tag.get("xml:lang") or ""))


class Converter:
    """Turns one cleaned BeautifulSoup tree into blocks."""

    def __init__(self) -> None:
        self.pending_figures: list[Figure] = []

    # -- blocks ------------------------------------------------------------------

    def blocks(
        self, tag: Tag, depth: int = 0, refs: bool = False, lang: str | None = None
    ) -> list[Block]:
        """Blocks of ``tag``. ``lang`` is the language inherited from enclosing elements; the
        caller drops it where it equals the document's own (see ``html.parse_html``)."""
        out: list[Block] = []
        buf: list[Inline] = []
        here = _lang(tag) or lang

        def flush(block_lang: str | None = here) -> None:
            if buf:
                inls = tidy(buf)
                buf.clear()
                if has_text(inls):
                    out.append(Paragraph(content=inls, lang=block_lang))
            if self.pending_figures:
                out.extend(self.pending_figures)
                self.pending_figures.clear()

        if depth > MAX_NESTING:
            text = tag.get_text("\n")
            for line in text.split("\n"):
                inls = tidy([Text(line)])
                if has_text(inls):
                    out.append(Paragraph(content=inls))
            return out
        refs = refs or _is_ref_container(tag)
        for child in tag.children:
            if isinstance(child, NavigableString):
                if not isinstance(child, _NOT_TEXT):
                    buf.append(Text(str(child)))
                continue
            if not isinstance(child, Tag):
                continue
            name = child.name
            if name in SKIP_TAGS:
                continue
            level = _heading_level(child)
            if level:
                flush()
                inls = tidy(self.inlines(child, depth + 1))
                if has_text(inls):
                    out.append(Heading(level=level, content=inls, lang=_lang(child) or here))
            elif name == "p":
                flush()
                buf.extend(self.inlines(child, depth + 1))
                flush(_lang(child) or here)
            elif name in ("ul", "ol", "menu", "dir"):
                flush()
                if refs or _is_ref_container(child):
                    block = self.references(child, depth + 1)
                else:
                    block = self.list_block(child, depth + 1)
                    if block is not None and (_lang(child) or here):
                        block = dataclasses.replace(block, lang=_lang(child) or here)
                if block is not None:
                    out.append(block)
            elif name == "dl":
                flush()
                out.extend(self.definition_list(child, depth + 1))
            elif name == "blockquote":
                flush()
                inner = self.blocks(child, depth + 1, lang=_lang(child) or here)
                if inner:
                    out.append(BlockQuote(blocks=tuple(inner), lang=_lang(child) or here))
            elif name == "table":
                flush()
                out.extend(self.table(child, depth + 1))
            elif name == "figure":
                flush()
                out.extend(self.figure(child, depth + 1))
            elif name in ("img", "picture"):
                img = child if name == "img" else child.find("img")
                if img is not None:
                    fig = self.image(img)
                    if fig is not None:
                        flush()
                        out.append(fig)
            elif name == "br":
                buf.append(LineBreak())
            elif name == "hr":
                flush()
            elif name == "pre":
                flush()
                out.extend(self.preformatted(child))
            elif name in BLOCK_TAGS or _has_block(child):
                flush()
                out.extend(self.blocks(child, depth + 1, refs, here))
            else:
                buf.extend(self.inline(child, buf, depth + 1))
        flush()
        return out

    def preformatted(self, tag: Tag) -> list[Block]:
        inls: list[Inline] = []
        # A <br> inside <pre> is a line break like "\n" (pages paste code with <br> lines).
        text = "".join(
            "\n" if isinstance(node, Tag) else str(node)
            for node in tag.descendants
            if (isinstance(node, Tag) and node.name == "br")
            or (isinstance(node, NavigableString) and not isinstance(node, _NOT_TEXT))
        )
        for n, line in enumerate(text.strip("\n").split("\n")):
            if n:
                inls.append(LineBreak())
            inls.append(Text(line.rstrip()))
        content = _merge(_rstrip(inls))
        return [Paragraph(content=content)] if has_text(content) else []

    def definition_list(self, tag: Tag, depth: int) -> list[Block]:
        out: list[Block] = []
        for child in tag.find_all(("dt", "dd")):
            if child.name == "dt":
                inls = tidy(self.inlines(child, depth + 1))
                if has_text(inls):
                    out.append(Paragraph(content=(Strong(children=inls),)))
            else:
                out.extend(self.blocks(child, depth + 1))
        return out

    # -- lists -------------------------------------------------------------------

    def _items(self, tag: Tag) -> list[Tag]:
        """``li`` children, also those wrapped in a stray ``div`` (invalid but common)."""
        items: list[Tag] = []
        for child in tag.children:
            if not isinstance(child, Tag):
                continue
            if child.name == "li":
                items.append(child)
            elif child.name not in ("ul", "ol") and child.name not in SKIP_TAGS:
                items.extend(li for li in child.find_all("li", recursive=False))
        return items

    def list_block(self, tag: Tag, depth: int) -> ListBlock | None:
        if depth > MAX_NESTING:
            return None
        items: list[ListItem] = []
        for child in tag.children:
            if not isinstance(child, Tag) or child.name in SKIP_TAGS:
                if isinstance(child, NavigableString) and not isinstance(child, _NOT_TEXT):
                    content = tidy([Text(str(child))])
                    if has_text(content):  # loose text in a list reads as an item
                        items.append(ListItem(content=content))
                continue
            if child.name in ("ul", "ol"):  # a list right inside a list: nest it
                sub = self.list_block(child, depth + 1)
                if sub is not None and items:
                    last = items[-1]
                    items[-1] = ListItem(content=last.content, sublists=(*last.sublists, sub))
                elif sub is not None:
                    items.extend(sub.items)
                continue
            lis = [child] if child.name == "li" else child.find_all("li", recursive=False)
            if not lis and child.name != "li":
                content = tidy(self.inline(child, [], depth + 1))
                if has_text(content):
                    items.append(ListItem(content=content))
            for li in lis:
                inls: list[Inline] = []
                subs: list[ListBlock] = []
                self._item_content(li, depth + 1, inls, subs)
                content = tidy(inls)
                if has_text(content) or subs:
                    items.append(ListItem(content=content, sublists=tuple(subs)))
        if not items:
            return None
        start = _ol_start(tag)
        return ListBlock(ordered=tag.name == "ol", items=tuple(items), start=start)

    def _item_content(self, node: Tag, depth: int, inls: list, subs: list) -> None:
        """A list item's words into ``inls`` and its nested lists into ``subs``."""
        for child in node.children:
            if isinstance(child, NavigableString):
                if not isinstance(child, _NOT_TEXT):
                    inls.append(Text(str(child)))
                continue
            if not isinstance(child, Tag) or child.name in SKIP_TAGS:
                continue
            if child.name in ("ul", "ol"):
                sub = self.list_block(child, depth + 1)
                if sub is not None:
                    subs.append(sub)
            elif child.name in BLOCK_TAGS and depth < MAX_NESTING:
                inls.append(Text(" "))
                if child.find(("ul", "ol")) is not None:
                    self._item_content(child, depth + 1, inls, subs)
                else:
                    inls.extend(self.inlines(child, depth + 1))
                inls.append(Text(" "))
            else:
                inls.extend(self.inline(child, inls, depth + 1))
        self.pending_figures.clear()  # images inside list items are decoration

    # -- references --------------------------------------------------------------

    def references(self, tag: Tag, depth: int) -> References | ListBlock | None:
        items = self._items(tag)
        if not items:
            return None
        start = _ol_start(tag)
        refs: list[Reference] = []
        for n, li in enumerate(items):
            for back in li.find_all(class_=re.compile(r"backlink|mw-cite-backlink|back-?ref")):
                back.decompose()
            text = " ".join(li.get_text(" ").split())
            text = _BACKLINK.sub("", text).strip()
            if not text:
                continue
            key = str(start + n)
            m = _LEAD_NUMBER.match(text)
            if m:
                key, text = str(int(m.group(1))), text[m.end() :]
            ref = parse_reference(key, text)
            if ref.url is None:
                link = li.find("a", href=re.compile(r"^https?://"))
                if link is not None:
                    # Keep the address in the raw text too: a printed page and a Markdown
                    # export of the document both need it, and neither has the <a>.
                    ref = parse_reference(key, f"{text} {link['href']}")
            refs.append(ref)
        if not refs:
            return None
        return References(items=tuple(refs))

    # -- tables and figures -------------------------------------------------------

    def table(self, tag: Tag, depth: int) -> list[Block]:
        if _is_layout_table(tag):
            return self.blocks(tag, depth + 1)
        header: list[tuple] = []
        rows: list[tuple] = []
        for tr in _rows(tag):
            cells = [c for c in tr.find_all(("td", "th"), recursive=False)]
            if not cells:
                continue
            row = tuple(tidy(self._cell(c, depth + 1)) for c in cells)
            if not any(has_text(c) for c in row):
                continue
            in_head = tr.parent is not None and tr.parent.name == "thead"
            if (in_head or all(c.name == "th" for c in cells)) and not rows:
                header.append(row)
            else:
                rows.append(row)
        caption: tuple[Inline, ...] = ()
        cap = tag.find("caption")
        if cap is not None:
            caption = tidy(self.inlines(cap, depth + 1))
        if not header and not rows:
            return []
        return [Table(header=tuple(header), rows=tuple(rows), caption=caption)]

    def _cell(self, cell: Tag, depth: int) -> list[Inline]:
        inls: list[Inline] = []
        for child in cell.children:
            if isinstance(child, Tag) and child.name in BLOCK_TAGS:
                inls.append(Text(" "))
                inls.extend(self.inlines(child, depth + 1))
                inls.append(Text(" "))
            else:
                inls.extend(self.inline(child, inls, depth + 1))
        self.pending_figures.clear()
        return inls

    def figure(self, tag: Tag, depth: int) -> list[Block]:
        imgs = tag.find_all("img")
        cap_tag = tag.find("figcaption")
        caption = tidy(self.inlines(cap_tag, depth + 1)) if cap_tag is not None else ()
        self.pending_figures.clear()
        if not imgs or _holds_text_blocks(tag, cap_tag):
            if cap_tag is not None:
                cap_tag.extract()
            inner = self.blocks(tag, depth + 1)
            if has_text(caption):
                inner.append(Paragraph(content=caption))
            return inner
        figs = [f for f in (self.image(i) for i in imgs) if f is not None]
        if not figs:
            return [Paragraph(content=caption)] if has_text(caption) else []
        last = figs[-1]
        figs[-1] = Figure(src=last.src, alt=last.alt, caption=caption)
        return list(figs)

    def image(self, img: Tag) -> Figure | None:
        src = _img_src(img)
        if not src:
            return None
        alt = img.get("alt")
        if isinstance(alt, list):
            alt = " ".join(alt)
        return Figure(src=src, alt=None if alt is None else " ".join(str(alt).split()))

    # -- inlines -------------------------------------------------------------------

    def inlines(self, tag: Tag, depth: int) -> list[Inline]:
        """The inline content of ``tag``'s children."""
        if depth > MAX_NESTING:
            return [Text(tag.get_text(" "))]
        out: list[Inline] = []
        for child in tag.children:
            out.extend(self.inline(child, out, depth))
        return out

    def inline(self, child, before: list[Inline], depth: int) -> list[Inline]:
        """One node as inlines (``before`` is what precedes it, for telling exponents apart)."""
        if isinstance(child, NavigableString):
            return [] if isinstance(child, _NOT_TEXT) else [Text(str(child))]
        if not isinstance(child, Tag) or child.name in SKIP_TAGS:
            return []
        name = child.name
        if depth > MAX_NESTING:
            return [Text(child.get_text(" "))]
        if name == "br":
            return [LineBreak()]
        if name in ("em", "i"):
            return [Emphasis(children=tuple(self.inlines(child, depth + 1)))]
        if name in ("strong", "b"):
            return [Strong(children=tuple(self.inlines(child, depth + 1)))]
        if name == "sup":
            return self._sup(child, before, depth)
        if name == "a":
            return self._link(child, depth)
        if name in ("img", "picture"):
            img = child if name == "img" else child.find("img")
            fig = self.image(img) if img is not None else None
            if fig is not None:
                self.pending_figures.append(fig)
            return []
        if name in BLOCK_TAGS:
            return [Text(" "), *self.inlines(child, depth + 1), Text(" ")]
        return self.inlines(child, depth + 1)

    def _sup(self, sup: Tag, before: list[Inline], depth: int) -> list[Inline]:
        text = sup.get_text()
        prev = before[-1].text if before and isinstance(before[-1], Text) else ""
        links = sup.find_all("a")
        cites = sup_citations(text, prev, any(is_note_link(a.get("href")) for a in links))
        if cites:
            return list(cites)
        return self.inlines(sup, depth + 1)

    def _link(self, a: Tag, depth: int) -> list[Inline]:
        href = str(a.get("href") or "").strip()
        if is_note_link(href):
            cites = marker_citations(a.get_text())
            if cites:
                return list(cites)
        kids = self.inlines(a, depth + 1)
        if not href or href.lower().startswith(("javascript:", "#")):
            return kids
        return [Link(href=href, children=tuple(kids))]


def _heading_level(tag: Tag) -> int:
    """``h1``–``h6``, or an element marked ``role=heading`` (level from ``aria-level``, else 2)."""
    if tag.name in HEADINGS:
        return int(tag.name[1])
    if str(tag.get("role") or "").lower() != "heading" or _has_block(tag):
        return 0
    try:
        level = int(str(tag.get("aria-level") or "2").strip())
    except ValueError:
        level = 2
    return min(max(level, 1), 6)


def _rows(table: Tag) -> list[Tag]:
    """The table's own rows (not those of nested tables)."""
    out: list[Tag] = []
    for child in table.children:
        if not isinstance(child, Tag):
            continue
        if child.name == "tr":
            out.append(child)
        elif child.name in ("thead", "tbody", "tfoot"):
            out.extend(tr for tr in child.children if isinstance(tr, Tag) and tr.name == "tr")
    return out


def _is_layout_table(table: Tag) -> bool:
    """A table used for page layout: nested tables, block-heavy cells or role=presentation."""
    if str(table.get("role") or "").lower() in ("presentation", "none"):
        return True
    if table.find("table") is not None:
        return True
    rows = _rows(table)
    if not rows:
        return True
    for tr in rows:
        for cell in tr.find_all(("td", "th"), recursive=False):
            blocks = cell.find_all(("p", "div", "ul", "ol", "h1", "h2", "h3", "h4", "blockquote"))
            if len(blocks) >= 3 and len(cell.get_text()) > 300:
                return True
    return len(rows) == 1 and len(rows[0].find_all(("td", "th"), recursive=False)) == 1
