"""Document → an editable Markdown source that re-ingests to the same Document.

``parse_markdown(to_markdown(doc))`` equals ``doc`` once ``round_trip_view`` has blanked
what a Markdown file cannot or should not carry:

- ``line`` of every block, nested lists and references (line numbers of the original
  source);
- ``metadata.source_path`` and ``metadata.source_format`` (set by whoever ingests);
- ``removed`` (the audit describes the original source, not the Markdown);
- ``Figure.alt == ""`` becomes ``None``: Markdown cannot tell an empty alt from a missing
  one, and plainprint reads ``![](src)`` as missing so the checks ask for alt text.

Exact for Documents in the form ingest produces (the "canonical" form, see
``tests/strategies.py``): adjacent Text nodes merged, no empty Text; Emphasis and Strong
start and end with a letter or digit and are not glued to another Emphasis or Strong;
Citations as ingest makes them (``[^key]`` for one key, ``[1,3]``/``[2–4]`` for numeric
markers); LineBreak only inside paragraphs and list items, never first or last; tables
with at most one header row that has some text; no two References blocks in a row, none
empty; a level-1 heading somewhere (ingest inserts the title otherwise). Reference fields
are re-parsed from ``raw``; a field the raw text does not contain is not carried.

Text is escaped rather than restricted: Markdown-special characters, block markers at the
start of a line (``#``, ``>``, ``-``, ``1.`` …) and whitespace at the edge of a line
(as numeric character references, which markdown-it decodes) all survive.
"""

from __future__ import annotations

import dataclasses
import re

import yaml

from plainprint.pipeline.document.markers import canonical_marker
from plainprint.pipeline.document.nodes import (
    Block,
    BlockQuote,
    Citation,
    Document,
    Emphasis,
    Figure,
    Heading,
    Inline,
    LineBreak,
    Link,
    ListBlock,
    ListItem,
    Metadata,
    Paragraph,
    Reference,
    References,
    Strong,
    Table,
    Text,
)
from plainprint.pipeline.ingest.markdown import merge_citations as merge_adjacent

# ------------------------------------------------------------------------- escaping

_ALWAYS = set("\\`*[]<>|")
_ENTITY_LIKE = re.compile(r"&(?=#\d{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)")
_LINE_START_CHARS = set("#>-+=~:")
_ORDERED_START = re.compile(r"^(\d{1,9})([.)])")
_FOOTNOTE_LABEL = re.compile(r"[^\s\[\]\\^]{1,200}")
_PLAIN_URL = re.compile(r"[^\s()<>\\&|]*")


def _char_ref(c: str) -> str:
    return f"&#{ord(c)};"


def escape_text(text: str, *, hashes: bool = False) -> str:
    """Backslash-escape what would start Markdown inline syntax.

    ``_`` between two letters or digits is left alone (it can never open emphasis there),
    so URLs and snake_case read naturally. ``hashes`` escapes every ``#`` (headings).
    """
    out: list[str] = []
    n = len(text)
    for i, c in enumerate(text):
        if c in _ALWAYS or (c == "#" and hashes):
            out.append("\\" + c)
        elif c == "_":
            inner = 0 < i < n - 1 and text[i - 1].isalnum() and text[i + 1].isalnum()
            out.append("_" if inner else "\\_")
        elif c in "\n\r":
            out.append(_char_ref(c))
        else:
            out.append(c)
    return _ENTITY_LIKE.sub(r"\\&", "".join(out))


def _escape_line_start(escaped: str) -> str:
    """Stop escaped text that begins a line from reading as a block marker."""
    if escaped[:1] in _LINE_START_CHARS:
        return "\\" + escaped
    m = _ORDERED_START.match(escaped)
    if m:
        return m.group(1) + "\\" + escaped[m.end(1) :]
    return escaped


def _lead_trail(text: str, lead: bool, trail: bool) -> tuple[str, str, str]:
    """Split edge whitespace off ``text`` (as character references) when at a line edge."""
    head = tail = ""
    if lead:
        stripped = text.lstrip()
        head, text = "".join(_char_ref(c) for c in text[: len(text) - len(stripped)]), stripped
    if trail:
        stripped = text.rstrip()
        tail, text = "".join(_char_ref(c) for c in text[len(stripped) :]), stripped
    return head, text, tail


def escape_url(url: str) -> str:
    """A link destination: bare when that is unambiguous, else in angle brackets."""
    if _PLAIN_URL.fullmatch(url) and url:
        return url
    body = re.sub(r"([\\<>|])", r"\\\1", url)
    body = _ENTITY_LIKE.sub(r"\\&", body)
    body = body.replace("\n", "&#10;").replace("\r", "&#13;")
    return f"<{body}>"


# --------------------------------------------------------------------------- inlines


def citation_markup(c: Citation) -> str:
    """Footnote references only, one per key: ``[^1][^3]`` for a marker citing 1 and 3.

    Pandoc and every CommonMark footnote extension link these; ``[1,3]`` would be plain
    text to them. plainprint reads adjacent references back as one marker."""
    return "".join(f"[^{k}]" for k in c.refs if _FOOTNOTE_LABEL.fullmatch(k)) or escape_text(c.raw)


def inlines_md(nodes: tuple[Inline, ...], *, hashes: bool = False, edges: bool = True) -> str:
    """Inline nodes → Markdown. ``edges``: the run starts and ends a line (block content)."""
    parts: list[str] = []
    line_start = edges
    last = len(nodes) - 1
    for i, node in enumerate(nodes):
        nxt = nodes[i + 1] if i < last else None
        if isinstance(node, Text):
            line_end = (edges and i == last) or isinstance(nxt, LineBreak)
            head, body, tail = _lead_trail(node.text, line_start, line_end)
            esc = escape_text(body, hashes=hashes)
            if line_start and not head:
                esc = _escape_line_start(esc)
            prev = nodes[i - 1] if i else None
            if isinstance(prev, Citation) and not head and esc[:1] in ("(", ":"):
                esc = "\\" + esc
            if isinstance(nxt, Link | Citation) and not tail and esc.endswith("!"):
                esc = esc[:-1] + "\\!"
            parts.append(head + esc + tail)
        elif isinstance(node, Emphasis):
            parts.append("*" + inlines_md(node.children, hashes=hashes, edges=False) + "*")
        elif isinstance(node, Strong):
            parts.append("**" + inlines_md(node.children, hashes=hashes, edges=False) + "**")
        elif isinstance(node, Link):
            text = inlines_md(node.children, hashes=hashes, edges=False)
            parts.append(f"[{text}]({escape_url(node.href)})")
        elif isinstance(node, Citation):
            parts.append(citation_markup(node))
        elif isinstance(node, LineBreak):
            parts.append("\\\n")
        line_start = isinstance(node, LineBreak)
    return "".join(parts)


# ---------------------------------------------------------------------------- blocks


def _indent(lines: list[str], first: str, rest: str) -> list[str]:
    out = []
    for n, line in enumerate(lines):
        prefix = first if n == 0 else rest
        out.append((prefix + line) if line else prefix.rstrip())
    return out


def _list_lines(lst: ListBlock, alternate: bool) -> list[str]:
    out: list[str] = []
    for n, item in enumerate(lst.items):
        if lst.ordered:
            marker = f"{lst.start + n}{')' if alternate else '.'}"
        else:
            marker = "*" if alternate else "-"
        pad = " " * (len(marker) + 1)
        if item.content:
            out.extend(_indent(inlines_md(item.content).split("\n"), marker + " ", pad))
        else:
            out.append(marker)
        prev: ListBlock | None = None
        alt = False
        for sub in item.sublists:
            alt = prev is not None and prev.ordered == sub.ordered and not alt
            # An empty item, or an ordered list not starting at 1, cannot interrupt a
            # paragraph ("-" would underline it as a heading): set it off by a blank line.
            weak = (sub.items and not sub.items[0].content) or (sub.ordered and sub.start != 1)
            if weak and (item.content or prev is not None):
                out.append("")
            out.extend(_indent(_list_lines(sub, alt), pad, pad))
            prev = sub
    return out


def _table_lines(table: Table) -> list[str]:
    width = max([len(r) for r in table.header + table.rows] + [1])

    def row(cells: tuple[tuple[Inline, ...], ...]) -> str:
        padded = list(cells) + [()] * (width - len(cells))
        return "| " + " | ".join(inlines_md(c) if c else "" for c in padded) + " |"

    header = table.header[0] if table.header else ((),) * width
    lines = [row(header), "|" + "|".join(["---"] * width) + "|"]
    lines.extend(row(r) for r in table.rows)
    return lines


def _reference_line(ref: Reference) -> str:
    raw = _escape_line_start(escape_text(ref.raw)) if ref.raw else ""
    return f"[^{ref.key}]: {raw}".rstrip()


def _block_chunks(blocks: tuple[Block, ...]) -> list[list[str]]:
    """Each block as its lines; blocks are later separated by one blank line."""
    chunks: list[list[str]] = []
    prev: Block | None = None
    alternate = False
    for block in blocks:
        if isinstance(block, Heading):
            text = inlines_md(block.content, hashes=True)
            chunks.append([("#" * block.level + " " + text).rstrip()])
        elif isinstance(block, Paragraph):
            text = inlines_md(block.content)
            if text.startswith("Table:"):
                text = "Table\\:" + text[len("Table:") :]
            chunks.append(text.split("\n"))
        elif isinstance(block, ListBlock):
            # Two lists in a row need different markers, or Markdown joins them.
            alternate = (
                isinstance(prev, ListBlock) and prev.ordered == block.ordered and not alternate
            )
            chunks.append(_list_lines(block, alternate))
        elif isinstance(block, BlockQuote):
            inner = _join(_block_chunks(block.blocks))
            chunks.append(_indent(inner, "> ", "> ") if inner else [">"])
        elif isinstance(block, Table):
            lines = _table_lines(block)
            if block.caption:
                lines += ["", "Table: " + inlines_md(block.caption)]
            chunks.append(lines)
        elif isinstance(block, Figure):
            alt = escape_text(block.alt or "")
            lines = [f"![{alt}]({escape_url(block.src) if block.src else '<>'})"]
            if block.caption:
                lines.append("_" + inlines_md(block.caption) + "_")
            chunks.append(lines)
        elif isinstance(block, References):
            chunks.append([_reference_line(r) for r in block.items])
        if not isinstance(block, ListBlock):
            alternate = False
        prev = block
    return chunks


def _join(chunks: list[list[str]]) -> list[str]:
    out: list[str] = []
    for chunk in chunks:
        if out:
            out.append("")
        out.extend(chunk)
    return out


# ---------------------------------------------------------------------- front matter


def front_matter(meta: Metadata) -> str:
    data: dict[str, object] = {"title": meta.title}
    if not meta.language_detected:  # a detected language is detected again on re-ingest
        data["lang"] = meta.language
    for key, value in (
        ("byline", meta.byline),
        ("site_name", meta.site_name),
        ("source_url", meta.canonical_url),
        ("published", meta.published),
        ("modified", meta.modified),
        ("retrieved", meta.retrieved),
        ("reviewed", meta.reviewed),
        ("audience", meta.audience),
        ("target_grade", meta.target_grade),
    ):
        if value is not None:
            data[key] = value
    if meta.key_points:
        data["key_points"] = list(meta.key_points)
    for key, value in meta.extras:
        data.setdefault(key, value)
    body = yaml.safe_dump(
        data, allow_unicode=True, sort_keys=False, default_flow_style=False, width=1_000_000
    )
    return f"---\n{body}---\n"


def to_markdown(doc: Document) -> str:
    body = "\n".join(_join(_block_chunks(doc.blocks)))
    return front_matter(doc.metadata) + "\n" + body + "\n"


# ------------------------------------------------------------------- round-trip view


def round_trip_view(doc: Document) -> Document:
    """``doc`` without the fields a Markdown round trip does not keep (see module doc),
    including a block's own ``lang``, which Markdown cannot express."""

    def block(b: Block) -> Block:
        if isinstance(b, Heading | Paragraph | ListBlock | BlockQuote):
            b = dataclasses.replace(b, lang=None)  # Markdown has no per-block language
        if isinstance(b, BlockQuote):
            return dataclasses.replace(b, line=None, blocks=tuple(block(x) for x in b.blocks))
        if isinstance(b, References):
            items = tuple(dataclasses.replace(r, line=None) for r in b.items)
            return dataclasses.replace(b, line=None, items=items)
        if isinstance(b, Figure):
            return dataclasses.replace(b, line=None, alt=b.alt or None)
        if isinstance(b, ListBlock):
            items = tuple(
                dataclasses.replace(i, sublists=tuple(block(s) for s in i.sublists))
                for i in b.items
            )
            return dataclasses.replace(b, line=None, items=items)
        return dataclasses.replace(b, line=None)

    def cite(c: Citation) -> Citation:
        return dataclasses.replace(
            c, raw=c.refs[0] if len(c.refs) == 1 else canonical_marker(c.refs)
        )

    def run(nodes: tuple[Inline, ...]) -> tuple[Inline, ...]:
        out: list[Inline] = []
        for n in nodes:
            if isinstance(n, Emphasis | Strong | Link):
                n = dataclasses.replace(n, children=run(n.children))
            out.append(n)
        return merge_adjacent([cite(n) if isinstance(n, Citation) and n.refs else n for n in out])

    def inlines(b: Block) -> Block:
        if isinstance(b, Heading | Paragraph):
            return dataclasses.replace(b, content=run(b.content))
        if isinstance(b, BlockQuote):
            return dataclasses.replace(b, blocks=tuple(inlines(x) for x in b.blocks))
        if isinstance(b, ListBlock):
            return dataclasses.replace(b, items=tuple(item(i) for i in b.items))
        if isinstance(b, Table):
            return dataclasses.replace(
                b,
                header=tuple(tuple(run(c) for c in r) for r in b.header),
                rows=tuple(tuple(run(c) for c in r) for r in b.rows),
                caption=run(b.caption),
            )
        if isinstance(b, Figure):
            return dataclasses.replace(b, caption=run(b.caption))
        return b

    def item(i: ListItem) -> ListItem:
        subs = tuple(inlines(s) for s in i.sublists)
        return dataclasses.replace(i, content=run(i.content), sublists=subs)  # type: ignore[arg-type]

    # The export writes a title into the front matter and the level-1 heading into the
    # body, so a derived title is a written one after the round trip; suppressions are
    # tied to the original file's lines, like the audit.
    meta = dataclasses.replace(doc.metadata, source_path="", source_format="", title_derived=False)
    return dataclasses.replace(
        doc,
        metadata=meta,
        blocks=tuple(inlines(block(b)) for b in doc.blocks),
        removed=(),
        suppressions=(),
    )
