"""Markdown sources (``.md``): the format editors write, or get from ``ingest --to markdown``.

CommonMark (markdown-it-py) with pipe tables and footnotes, plus YAML front matter::

    ---
    title: ILI and ILP Treatment for Metastatic Melanoma
    lang: en
    audience: adults with melanoma and their families
    target_grade: 8
    source_url: https://example.org/ili-ilp
    reviewed: 2024-05-01
    key_points: [ILI treats one limb, It is less invasive than ILP]
    ---

Conventions (``pipeline/export/markdown.py`` writes exactly these):

- Citations: ``[^1]`` is one Citation with raw ``"1"`` (defined or not: an undefined key is a
  content problem the checks report); adjacent ``[^1][^3]`` are two Citations. Bracketed
  numeric markers ``[1]``, ``[1,3]``, ``[2–4]`` are one Citation each, as in plain text.
- Footnote definitions ``[^1]: Reference text`` are the reference list: a run of them is one
  References block, at the place of the first; each is parsed with ``parse_reference``.
- Figures: an image alone in a paragraph. Its caption is an italic line right below it
  (``_Caption with **bold** and [^2]_``), else the image title (``![alt](src "Caption")``).
  ``![](src)`` has no alt text (``alt=None``, which the checks flag); Markdown cannot tell
  "missing" from "decorative". An image inside running text keeps its alt text and is
  noted in the removal audit.
- Tables: pipe tables; a header row of empty cells means "no header". A paragraph
  starting ``Table:`` right after a table is its caption.
- Title: front matter ``title``, else the first level-1 heading, else the file name. When
  the body has no level-1 heading one is inserted with the title.
- Code blocks become paragraphs of their text (one line break per line); thematic breaks
  carry no content and are dropped.

Broken front matter (bad YAML, not a mapping, an unknown key, a wrong type) is an
IngestError naming the file, the line and the problem.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path
from typing import Any

import yaml
from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin

from ..document.build import number_blocks
from ..document.nodes import (
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
    Removed,
    Strong,
    Table,
    Text,
)
from ..document.walk import plain_text
from ..errors import IngestError
from .citations import BRACKETED, expand_marker
from .references import parse_date, parse_reference

# Front-matter key → Metadata field. Unknown keys are errors: a misspelt key silently
# ignored would drop the editor's metadata.
FRONT_MATTER_KEYS = {
    "title": "title",
    "lang": "language",
    "language": "language",
    "audience": "audience",
    "target_grade": "target_grade",
    "source_url": "canonical_url",
    "canonical": "canonical_url",
    "canonical_url": "canonical_url",
    "url": "canonical_url",
    "reviewed": "reviewed",
    "key_points": "key_points",
    "byline": "byline",
    "author": "byline",
    "published": "published",
    "date": "published",
    "modified": "modified",
    "updated": "modified",
    "retrieved": "retrieved",
    "captured": "retrieved",
    "site_name": "site_name",
}
_DATE_FIELDS = {"published", "modified", "retrieved", "reviewed"}
_FENCE_OPEN = re.compile(r"\A\ufeff?---[ \t]*\n")
_FENCE_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.M)
_TABLE_CAPTION = re.compile(r"^Table:[ \t]*")


def _bracket_citation(state: StateInline, silent: bool) -> bool:
    """Inline rule: ``[1]``, ``[1,3]``, ``[2–4]`` → a ``citation`` token."""
    if state.src[state.pos] != "[":
        return False
    m = BRACKETED.match(state.src, state.pos, state.posMax)
    if not m:
        return False
    if not silent:
        token = state.push("citation", "", 0)
        token.meta = {"raw": m.group(1).replace(" ", "")}
    state.pos = m.end()
    return True


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    md.use(footnote_plugin, inline=False, move_to_end=False, always_match_refs=True)
    md.inline.ruler.after("footnote_ref", "bracket_citation", _bracket_citation)
    # Keep URLs exactly as written (no percent-encoding or punycode): the Document records
    # the source; render sanitises. markdown-it's own validateLink still refuses
    # javascript:, vbscript:, file: and non-image data: URLs, which then stay as text.
    md.normalizeLink = lambda url: url  # type: ignore[method-assign]
    md.normalizeLinkText = lambda url: url  # type: ignore[method-assign]
    return md


_MD = _parser()


# ------------------------------------------------------------------------ front matter


def split_front_matter(text: str, path: Path) -> tuple[dict[str, Any], str, int]:
    """Return (front matter mapping, body with the front matter blanked out, its line count).

    The body keeps one empty line per front-matter line so markdown-it's line numbers are
    the file's.
    """
    m = _FENCE_OPEN.match(text)
    if not m:
        return {}, text.lstrip("\ufeff"), 0
    close = _FENCE_CLOSE.search(text, m.end())
    if not close:
        raise IngestError(
            path,
            "front matter opened by '---' on line 1 is never closed",
            "end it with a line of '---'",
        )
    yaml_text = text[m.end() : close.start()]
    end = text.find("\n", close.end())
    end = len(text) if end < 0 else end + 1
    n_lines = text.count("\n", 0, end)
    body = "\n" * n_lines + text[end:]
    try:
        data = yaml.safe_load(yaml_text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        where = f"line {mark.line + 2}: " if mark is not None else ""
        raise IngestError(
            path,
            f"front matter is not valid YAML ({where}{problem})",
            "fix the YAML between the '---' lines",
        ) from None
    except ValueError as exc:  # PyYAML builds dates itself: "reviewed: 2023-02-30"
        raise IngestError(
            path, f"front matter has an impossible value ({exc})", "check the dates"
        ) from None
    if data is None:
        return {}, body, n_lines
    if not isinstance(data, dict):
        raise IngestError(
            path,
            f"front matter is a YAML {type(data).__name__}, not a mapping of keys",
            "write it as 'key: value' lines",
        )
    return _front_matter_fields(data, yaml_text, path), body, n_lines


def _key_line(yaml_text: str, key: str) -> str:
    m = re.search(rf"^\s*['\"]?{re.escape(key)}['\"]?\s*:", yaml_text, re.M)
    return f"line {yaml_text.count(chr(10), 0, m.start()) + 2}: " if m else ""


_SCALARS = (str, int, float, dt.date)


def _front_matter_fields(data: dict[Any, Any], yaml_text: str, path: Path) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in data.items():
        name = str(key)
        field = FRONT_MATTER_KEYS.get(name)
        where = _key_line(yaml_text, name)
        if field is None:
            known = ", ".join(sorted(FRONT_MATTER_KEYS))
            raise IngestError(
                path, f"front matter {where}unknown key {name!r}", f"known keys: {known}"
            )
        if value is None:
            continue
        if field == "key_points":
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, list) or not all(
                isinstance(v, _SCALARS) and not isinstance(v, bool) for v in value
            ):
                raise IngestError(
                    path, f"front matter {where}key_points must be a list of sentences"
                )
            out[field] = tuple(str(v) for v in value)
        elif field == "target_grade":
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise IngestError(
                    path, f"front matter {where}target_grade must be a number, not {value!r}"[:300]
                )
            out[field] = float(value)
        elif not isinstance(value, _SCALARS) or isinstance(value, bool):
            raise IngestError(
                path, f"front matter {where}{name} must be a single value, not a list or mapping"
            )
        elif field in _DATE_FIELDS:
            out[field] = _iso_date(value)
        else:
            out[field] = str(value)
    return out


def _iso_date(value: Any) -> str:
    """YAML dates and written dates → ISO 8601; anything unparseable is kept as written."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    return parse_date(text) or text


# ---------------------------------------------------------------------------- inlines


def _merge(nodes: list[Inline]) -> tuple[Inline, ...]:
    """Join adjacent Text nodes and drop empty ones: the canonical inline form."""
    out: list[Inline] = []
    for node in nodes:
        if isinstance(node, Text):
            if not node.text:
                continue
            if out and isinstance(out[-1], Text):
                out[-1] = Text(out[-1].text + node.text)
                continue
        out.append(node)
    return tuple(out)


class _Inlines:
    """Inline tokens → inline nodes. Inline images are kept as their alt text and audited."""

    def __init__(self, removed: list[Removed], line: int | None) -> None:
        self.removed = removed
        self.line = line

    def convert(self, tokens: list[Token]) -> tuple[Inline, ...]:
        nodes, _ = self._run(tokens, 0, None)
        return _merge(nodes)

    def _run(self, tokens: list[Token], i: int, until: str | None) -> tuple[list[Inline], int]:
        out: list[Inline] = []
        while i < len(tokens):
            tok = tokens[i]
            kind = tok.type
            if until is not None and kind == until:
                return out, i + 1
            i += 1
            if kind in ("text", "text_special"):
                out.append(Text(tok.content))
            elif kind == "softbreak":
                out.append(Text(" "))
            elif kind == "hardbreak":
                out.append(LineBreak())
            elif kind == "code_inline":
                out.append(Text(tok.content))
            elif kind == "em_open":
                children, i = self._run(tokens, i, "em_close")
                out.append(Emphasis(_merge(children)))
            elif kind == "strong_open":
                children, i = self._run(tokens, i, "strong_close")
                out.append(Strong(_merge(children)))
            elif kind == "link_open":
                children, i = self._run(tokens, i, "link_close")
                out.append(Link(href=str(tok.attrGet("href") or ""), children=_merge(children)))
            elif kind == "footnote_ref":
                label = str(tok.meta["label"])
                out.append(Citation(refs=(label,), raw=label))
            elif kind == "citation":
                raw = tok.meta["raw"]
                out.append(Citation(refs=expand_marker(raw), raw=raw))
            elif kind == "image":
                alt = _flat(tok.children or [])
                self.removed.append(
                    Removed(
                        excerpt=f"image {tok.attrGet('src')}"[:200],
                        reason="image inside running text (kept its alt text)",
                        line=self.line,
                    )
                )
                out.append(Text(alt))
            # html_inline cannot occur (html is off); anything else carries no text.
        return out, i


def _flat(tokens: list[Token]) -> str:
    """Inline tokens as the text a reader sees, links followed by their URL in brackets."""
    parts: list[str] = []
    href_stack: list[str | None] = []
    text_since: list[int] = []
    for tok in tokens:
        kind = tok.type
        if kind in ("text", "text_special", "code_inline"):
            parts.append(tok.content)
        elif kind in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif kind == "footnote_ref":
            parts.append(f"[^{tok.meta['label']}]")
        elif kind == "citation":
            parts.append(f"[{tok.meta['raw']}]")
        elif kind == "image":
            parts.append(_flat(tok.children or []))
        elif kind == "link_open":
            href_stack.append(str(tok.attrGet("href") or ""))
            text_since.append(len(parts))
        elif kind == "link_close" and href_stack:
            href = href_stack.pop()
            label = "".join(parts[text_since.pop() :])
            if href and href != label and tok.markup != "autolink":
                parts.append(f" ({href})")
    return "".join(parts)


# ----------------------------------------------------------------------------- blocks


class _Builder:
    def __init__(self, removed: list[Removed]) -> None:
        self.removed = removed

    def blocks(self, tokens: list[Token], i: int, until: str | None) -> tuple[list[Block], int]:
        out: list[Block] = []
        while i < len(tokens):
            tok = tokens[i]
            if until is not None and tok.type == until:
                return out, i + 1
            line = tok.map[0] + 1 if tok.map else None
            kind = tok.type
            if kind == "heading_open":
                content = self.inline(tokens[i + 1], line)
                out.append(Heading(level=int(tok.tag[1]), content=content, line=line))
                i += 3
            elif kind == "paragraph_open":
                inline_tok = tokens[i + 1]
                prev = out[-1] if out else None
                if (
                    isinstance(prev, Table)
                    and not prev.caption
                    and _TABLE_CAPTION.match(inline_tok.content)
                ):
                    out[-1] = dataclasses.replace(prev, caption=self.caption(inline_tok, line))
                else:
                    out.append(self.paragraph(inline_tok, line))
                i += 3
            elif kind in ("bullet_list_open", "ordered_list_open"):
                lst, i = self.list(tokens, i)
                out.append(lst)
            elif kind == "blockquote_open":
                inner, i = self.blocks(tokens, i + 1, "blockquote_close")
                out.append(BlockQuote(blocks=tuple(inner), line=line))
            elif kind == "table_open":
                table, i = self.table(tokens, i)
                out.append(table)
            elif kind == "footnote_reference_open":
                ref, i = self.reference(tokens, i)
                if out and isinstance(out[-1], References):
                    prev = out[-1]
                    out[-1] = dataclasses.replace(prev, items=prev.items + (ref,))
                else:
                    out.append(References(items=(ref,), line=line))
            elif kind in ("code_block", "fence"):
                lines = tok.content.rstrip("\n").split("\n")
                content: list[Inline] = []
                for n, text in enumerate(lines):
                    if n:
                        content.append(LineBreak())
                    content.append(Text(text))
                if any(s.strip() for s in lines):
                    out.append(Paragraph(content=_merge(content), line=line))
                i += 1
            else:  # hr and closing tokens of containers we do not model
                i += 1
        return out, i

    def inline(self, tok: Token, line: int | None) -> tuple[Inline, ...]:
        return _Inlines(self.removed, line).convert(tok.children or [])

    def paragraph(self, tok: Token, line: int | None) -> Block:
        figure = _figure(tok.children or [], line)
        if figure is not None:
            return figure
        return Paragraph(content=self.inline(tok, line), line=line)

    def caption(self, tok: Token, line: int | None) -> tuple[Inline, ...]:
        """``Table: caption`` → the caption's inlines, without the ``Table:`` label."""
        source = _TABLE_CAPTION.sub("", tok.content, count=1)
        parsed = _MD.parseInline(source, {})
        return _Inlines(self.removed, line).convert(parsed[0].children or [] if parsed else [])

    def list(self, tokens: list[Token], i: int) -> tuple[ListBlock, int]:
        open_tok = tokens[i]
        ordered = open_tok.type == "ordered_list_open"
        close = "ordered_list_close" if ordered else "bullet_list_close"
        start_attr = open_tok.attrGet("start") if ordered else None
        start = int(start_attr) if start_attr is not None else 1
        line = open_tok.map[0] + 1 if open_tok.map else None
        items: list[ListItem] = []
        i += 1
        while i < len(tokens) and tokens[i].type != close:
            if tokens[i].type != "list_item_open":
                i += 1
                continue
            item_line = tokens[i].map[0] + 1 if tokens[i].map else line
            inner, i = self.blocks(tokens, i + 1, "list_item_close")
            content: list[Inline] = []
            sublists: list[ListBlock] = []
            for block in inner:
                if isinstance(block, ListBlock):
                    sublists.append(block)
                    continue
                if isinstance(block, Paragraph | Heading):
                    if content:
                        content.append(LineBreak())
                    content.extend(block.content)
                    continue
                self.removed.append(
                    Removed(
                        excerpt=_excerpt(block),
                        reason=f"{type(block).__name__} inside a list item (not supported there)",
                        line=item_line,
                    )
                )
            items.append(ListItem(content=_merge(content), sublists=tuple(sublists)))
        return ListBlock(ordered=ordered, items=tuple(items), line=line, start=start), i + 1

    def table(self, tokens: list[Token], i: int) -> tuple[Table, int]:
        line = tokens[i].map[0] + 1 if tokens[i].map else None
        header: list[tuple[tuple[Inline, ...], ...]] = []
        rows: list[tuple[tuple[Inline, ...], ...]] = []
        row: list[tuple[Inline, ...]] = []
        in_head = False
        i += 1
        while i < len(tokens) and tokens[i].type != "table_close":
            tok = tokens[i]
            if tok.type == "thead_open":
                in_head = True
            elif tok.type == "thead_close":
                in_head = False
            elif tok.type == "tr_open":
                row = []
            elif tok.type == "tr_close":
                (header if in_head else rows).append(tuple(row))
            elif tok.type == "inline":
                row.append(self.inline(tok, line))
            i += 1
        if all(not cell for r in header for cell in r):
            header = []
        return Table(header=tuple(header), rows=tuple(rows), line=line), i + 1

    def reference(self, tokens: list[Token], i: int) -> tuple[Reference, int]:
        open_tok = tokens[i]
        line = open_tok.map[0] + 1 if open_tok.map else None
        label = str(open_tok.meta["label"])
        texts: list[str] = []
        i += 1
        depth = 1
        while i < len(tokens) and depth:
            tok = tokens[i]
            if tok.type == "footnote_reference_open":
                depth += 1
            elif tok.type == "footnote_reference_close":
                depth -= 1
            elif tok.type == "inline":
                texts.append(_flat(tok.children or []))
            elif tok.type in ("code_block", "fence"):
                texts.append(tok.content)
            i += 1
        return parse_reference(label, " ".join(texts), line=line), i


def _figure(children: list[Token], line: int | None) -> Figure | None:
    """An image alone in a paragraph, optionally followed by an italic caption line."""
    kids = list(children)
    while kids and kids[-1].type == "text" and not kids[-1].content.strip():
        kids.pop()
    if not kids or kids[0].type != "image":
        return None
    image = kids[0]
    rest = kids[1:]
    caption: tuple[Inline, ...] = ()
    if rest:
        if rest[0].type != "softbreak" or len(rest) < 3:
            return None
        if rest[1].type != "em_open" or rest[-1].type != "em_close":
            return None
        # The em must span the whole line: its close is the matching one.
        depth = 0
        for n, tok in enumerate(rest[1:], 1):
            depth += tok.nesting if tok.type in ("em_open", "em_close") else 0
            if depth == 0 and n != len(rest) - 1:
                return None
        caption = _Inlines([], line).convert(rest[2:-1])
    elif image.attrGet("title"):
        caption = (Text(str(image.attrGet("title"))),)
    alt = _flat(image.children or [])
    return Figure(src=str(image.attrGet("src") or ""), alt=alt or None, caption=caption, line=line)


def _excerpt(block: Block) -> str:
    if isinstance(block, Paragraph | Heading):
        return plain_text(block.content)[:200]
    if isinstance(block, Figure):
        return f"image {block.src}"[:200]
    if isinstance(block, References):
        return " ".join(r.raw for r in block.items)[:200]
    return type(block).__name__


def parse_markdown(text: str, path: Path) -> Document:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    meta, body, _ = split_front_matter(text, path)
    removed: list[Removed] = []
    builder = _Builder(removed)
    tokens = _MD.parse(body)
    blocks, _ = builder.blocks(tokens, 0, None)

    first_h1 = next((b for b in blocks if isinstance(b, Heading) and b.level == 1), None)
    title = meta.get("title")
    if not title and first_h1 is not None:
        title = plain_text(first_h1.content).strip() or None
    if not title:
        title = path.stem.replace("-", " ").replace("_", " ").strip().capitalize() or "Untitled"
    if first_h1 is None:
        blocks.insert(0, Heading(level=1, content=(Text(title),)))
    meta["title"] = title
    metadata = Metadata(source_path=str(path), source_format="markdown", **meta)
    doc = Document(metadata=metadata, blocks=tuple(blocks), removed=tuple(removed))
    return number_blocks(doc)
