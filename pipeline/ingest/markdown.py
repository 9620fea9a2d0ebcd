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
import html as html_lib
import json
import logging
import re
import tomllib
from pathlib import Path
from typing import Any

import yaml
from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin

from plainprint.pipeline.document.build import number_blocks
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
    Removed,
    Strong,
    Table,
    Text,
)
from plainprint.pipeline.document.walk import plain_text
from plainprint.pipeline.errors import IngestError
from plainprint.pipeline.i18n.detect import settle_language
from plainprint.pipeline.ingest.citations import BRACKETED, expand_marker
from plainprint.pipeline.ingest.directives import locate, strip_comments
from plainprint.pipeline.ingest.html import fragment_blocks
from plainprint.pipeline.ingest.html_clean import mark_breaks
from plainprint.pipeline.ingest.html_convert import Converter, tidy
from plainprint.pipeline.ingest.references import parse_date, parse_reference

LOG = logging.getLogger("plainprint.ingest")

# Front-matter key → Metadata field. Other keys (Jekyll's ``layout``, Hugo's ``weight``)
# are kept in ``Metadata.extras`` and named in one warning, so a misspelt key is seen.
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
_FENCE_OPEN = re.compile(r"\A\ufeff?(---|\+\+\+)[ \t]*\n")
_FENCE_CLOSE = {
    "---": re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.M),
    "+++": re.compile(r"^\+\+\+[ \t]*$", re.M),
}
_TOML_LINE = re.compile(r"line (\d+)")
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
    md = MarkdownIt("commonmark", {"html": True}).enable("table")
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
    fence = m.group(1)
    close = _FENCE_CLOSE[fence].search(text, m.end())
    if not close:
        raise IngestError(
            path,
            f"front matter opened by '{fence}' on line 1 is never closed",
            f"end it with a line of '{fence}'",
        )
    yaml_text = text[m.end() : close.start()]
    end = text.find("\n", close.end())
    end = len(text) if end < 0 else end + 1
    n_lines = text.count("\n", 0, end)
    body = "\n" * n_lines + text[end:]
    if fence == "+++":
        return _toml_front_matter(yaml_text, path), body, n_lines
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


def _toml_front_matter(toml_text: str, path: Path) -> dict[str, Any]:
    """``+++`` front matter (Hugo's TOML form); always a mapping when it parses."""
    try:
        data = tomllib.loads(toml_text)
    except tomllib.TOMLDecodeError as exc:
        problem = str(exc)
        m = _TOML_LINE.search(problem)
        where = f"line {int(m.group(1)) + 1}: " if m else ""
        problem = _TOML_LINE.sub(lambda n: f"line {int(n.group(1)) + 1}", problem)
        raise IngestError(
            path,
            f"front matter is not valid TOML ({where}{problem})",
            "fix the TOML between the '+++' lines",
        ) from None
    return _front_matter_fields(data, toml_text, path)


_MAX_EXTRA_NODES = 10_000


def _size(value: Any, budget: int) -> int:
    """Nodes in ``value``, counting at most past ``budget`` (YAML aliases share nodes, so
    a 'billion laughs' value is small in memory but huge once written out)."""
    stack, n = [value], 0
    while stack and n <= budget:
        v = stack.pop()
        n += 1
        if isinstance(v, dict):
            stack.extend(v.keys())
            stack.extend(v.values())
        elif isinstance(v, list | tuple):
            stack.extend(v)
    return n


def _extra_text(value: Any, name: str, path: Path) -> str:
    """A front-matter value plainprint does not use, as text an export writes back."""
    if isinstance(value, str):
        return value
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if _size(value, _MAX_EXTRA_NODES) > _MAX_EXTRA_NODES:
        raise IngestError(
            path,
            f"front matter value of {name!r} is too large (over {_MAX_EXTRA_NODES} items)",
            "remove it, or write it without YAML aliases",
        )
    return json.dumps(value, ensure_ascii=False, default=str)


def _key_line(yaml_text: str, key: str) -> str:
    m = re.search(rf"^\s*['\"]?{re.escape(key)}['\"]?\s*[:=]", yaml_text, re.M)
    return f"line {yaml_text.count(chr(10), 0, m.start()) + 2}: " if m else ""


_SCALARS = (str, int, float, dt.date)


def _front_matter_fields(data: dict[Any, Any], yaml_text: str, path: Path) -> dict[str, Any]:
    out: dict[str, Any] = {}
    extras: list[tuple[str, str]] = []
    for key, value in data.items():
        name = str(key)
        field = FRONT_MATTER_KEYS.get(name)
        where = _key_line(yaml_text, name)
        if field is None:
            extras.append((name, _extra_text(value, name, path)))
            continue
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
    if extras:
        out["extras"] = tuple(extras)
        LOG.warning(
            "%s: front matter keys plainprint does not use, kept as extras: %s",
            path,
            ", ".join(k for k, _ in extras),
        )
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


_HOLE = re.compile("\ue000(\\d+)\ue001")
_Comments = list[tuple[str, int | None]]


def merge_citations(nodes: tuple[Inline, ...]) -> tuple[Inline, ...]:
    """Adjacent markers (``[^1][^3]``) are one Citation of both keys, written ``1,3``.
    Each run is merged once (linear in its length: a hostile file may hold thousands)."""
    out: list[Inline] = []
    run: list[Citation] = []

    def flush() -> None:
        if len(run) == 1:
            out.append(run[0])
        elif run:
            refs = tuple(k for c in run for k in c.refs)
            out.append(Citation(refs=refs, raw=canonical_marker(refs)))
        run.clear()

    for node in nodes:
        if isinstance(node, Citation):
            run.append(node)
            continue
        flush()
        out.append(node)
    flush()
    return tuple(out)


def _is_comment(tok: Token) -> bool:
    return tok.type == "html_inline" and tok.content.startswith("<!--")


def _drop_comments(tokens: list[Token], comments: _Comments, line: int | None) -> list[Token]:
    """Inline tokens without HTML comments (recorded in ``comments``), leaving one space
    where ``a <!-- note --> b`` had two and none at the edges of the run."""
    out: list[Token] = []
    trim_next = False
    for tok in tokens:
        if _is_comment(tok):
            comments.append((tok.content, line))
            prev = out[-1] if out else None
            if (
                prev is None
                or prev.type in ("softbreak", "hardbreak")
                or prev.type == "text"
                and prev.content[-1:].isspace()
            ):
                trim_next = True
            continue
        if trim_next and tok.type == "text":
            tok = tok.copy(content=tok.content.lstrip(" \t"))
        elif trim_next and tok.type == "softbreak" and out and out[-1].type == "text":
            out[-1] = out[-1].copy(content=out[-1].content.rstrip(" \t"))
        trim_next = False
        out.append(tok)
    if (trim_next or (tokens and _is_comment(tokens[-1]))) and out and out[-1].type == "text":
        out[-1] = out[-1].copy(content=out[-1].content.rstrip(" \t"))
    return out


class _Inlines:
    """Inline tokens → inline nodes. Inline images are kept as their alt text and audited.

    Raw inline HTML (``<sup>1</sup>``, ``<br>``) sends the whole run through the HTML
    ingest's converter, Markdown markup rendered as the HTML it stands for and citation
    markers carried through as placeholders. Images in such a run become figures after
    the block (as in HTML ingest), collected in ``figures``."""

    def __init__(self, removed: list[Removed], line: int | None, comments: _Comments) -> None:
        self.removed = removed
        self.line = line
        self.comments = comments
        self.figures: list[Figure] = []

    def convert(self, tokens: list[Token]) -> tuple[Inline, ...]:
        tokens = _drop_comments(tokens, self.comments, self.line)
        if any(t.type == "html_inline" for t in tokens):
            return merge_citations(_merge(self._via_html(tokens)))
        nodes, _ = self._run(tokens, 0, None)
        return merge_citations(_merge(nodes))

    def _via_html(self, tokens: list[Token]) -> list[Inline]:
        from bs4 import BeautifulSoup

        holes: list[Citation] = []
        markup = _inline_html(tokens, holes)
        soup = BeautifulSoup("<div>" + markup + "</div>", "lxml")
        mark_breaks(soup)
        root = soup.find("div") or soup
        converter = Converter()
        inls = tidy(converter.inlines(root, 0))
        self.figures.extend(converter.pending_figures)
        return _fill_holes(inls, holes)

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
            # html_inline never gets here (see convert); anything else carries no text.
        return out, i


def _inline_html(tokens: list[Token], holes: list[Citation]) -> str:
    """Inline tokens as HTML; citation markers as ``\ue000n\ue001`` placeholders."""
    esc = html_lib.escape
    parts: list[str] = []
    for tok in tokens:
        kind = tok.type
        if kind in ("text", "text_special"):
            parts.append(esc(tok.content.replace("\ue000", "").replace("\ue001", ""), False))
        elif kind == "softbreak":
            parts.append("\n")
        elif kind == "hardbreak":
            parts.append("<br>")
        elif kind == "code_inline":
            parts.append(f"<code>{esc(tok.content, False)}</code>")
        elif kind in ("em_open", "em_close", "strong_open", "strong_close"):
            parts.append(f"<{'/' if tok.nesting < 0 else ''}{tok.tag}>")
        elif kind == "link_open":
            parts.append(f'<a href="{esc(str(tok.attrGet("href") or ""))}">')
        elif kind == "link_close":
            parts.append("</a>")
        elif kind == "image":
            alt = esc(_flat(tok.children or []))
            parts.append(f'<img src="{esc(str(tok.attrGet("src") or ""))}" alt="{alt}">')
        elif kind in ("footnote_ref", "citation"):
            raw = str(tok.meta["label"]) if kind == "footnote_ref" else tok.meta["raw"]
            refs = (raw,) if kind == "footnote_ref" else expand_marker(raw)
            holes.append(Citation(refs=refs, raw=raw))
            parts.append(f"\ue000{len(holes) - 1}\ue001")
        elif kind == "html_inline":
            parts.append(tok.content)
    return "".join(parts)


def _fill_holes(nodes: tuple[Inline, ...], holes: list[Citation]) -> list[Inline]:
    out: list[Inline] = []
    for node in nodes:
        if isinstance(node, Text):
            pos = 0
            for m in _HOLE.finditer(node.text):
                out.append(Text(node.text[pos : m.start()]))
                n = int(m.group(1))
                out.append(holes[n] if n < len(holes) else Text(""))
                pos = m.end()
            out.append(Text(node.text[pos:]))
        elif isinstance(node, Emphasis | Strong | Link):
            kids = _merge(_fill_holes(node.children, holes))
            out.append(dataclasses.replace(node, children=kids))
        else:
            out.append(node)
    return out


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
        self.comments: _Comments = []  # every HTML comment, with its token's line

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
                    out.extend(self.paragraph(inline_tok, line))
                i += 3
            elif kind == "html_block":
                rest, found = strip_comments(tok.content)
                self.comments.extend((text, line) for text, _ in found)
                if rest.strip():
                    out.extend(
                        dataclasses.replace(b, line=line)
                        for b in fragment_blocks(rest, self.removed)
                    )
                i += 1
            elif kind in ("bullet_list_open", "ordered_list_open"):
                lists, i = self.list(tokens, i)
                out.extend(lists)
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
        conv = _Inlines(self.removed, line, self.comments)
        content = conv.convert(tok.children or [])
        if conv.figures:  # an <img> in a heading or cell: its alt text stays, as in running text
            content = merge_citations(
                _merge([*content, *(Text(" " + f.alt) for f in conv.figures if f.alt)])
            )
        return content

    def paragraph(self, tok: Token, line: int | None) -> list[Block]:
        figure = _figure(tok.children or [], line)
        if figure is not None:
            return [figure]
        conv = _Inlines(self.removed, line, self.comments)
        content = conv.convert(tok.children or [])
        out: list[Block] = [Paragraph(content=content, line=line)] if content else []
        return out + [dataclasses.replace(f, line=line) for f in conv.figures]

    def caption(self, tok: Token, line: int | None) -> tuple[Inline, ...]:
        """``Table: caption`` → the caption's inlines, without the ``Table:`` label."""
        source = _TABLE_CAPTION.sub("", tok.content, count=1)
        parsed = _MD.parseInline(source, {})
        conv = _Inlines(self.removed, line, self.comments)
        return conv.convert(parsed[0].children or [] if parsed else [])

    def list(self, tokens: list[Token], i: int) -> tuple[list[Block], int]:
        """A list; a block an item holds besides text and sublists (a quote, a table)
        closes the list there and follows it, and the list goes on after it."""
        open_tok = tokens[i]
        ordered = open_tok.type == "ordered_list_open"
        close = "ordered_list_close" if ordered else "bullet_list_close"
        start_attr = open_tok.attrGet("start") if ordered else None
        start = int(start_attr) if start_attr is not None else 1
        line = open_tok.map[0] + 1 if open_tok.map else None
        out: list[Block] = []
        items: list[ListItem] = []
        i += 1
        while i < len(tokens) and tokens[i].type != close:
            if tokens[i].type != "list_item_open":
                i += 1
                continue
            inner, i = self.blocks(tokens, i + 1, "list_item_close")
            content: list[Inline] = []
            sublists: list[ListBlock] = []
            lifted: list[Block] = []
            for block in inner:
                if isinstance(block, ListBlock) and not lifted:
                    sublists.append(block)
                elif isinstance(block, Paragraph | Heading) and not lifted:
                    if content:
                        content.append(LineBreak())
                    content.extend(block.content)
                else:
                    lifted.append(block)
            items.append(ListItem(content=_merge(content), sublists=tuple(sublists)))
            if lifted:
                out.append(ListBlock(ordered=ordered, items=tuple(items), line=line, start=start))
                out.extend(lifted)
                start += len(items) if ordered else 0
                items = []
                line = None
        if items:
            out.append(ListBlock(ordered=ordered, items=tuple(items), line=line, start=start))
        return out, i + 1

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
        caption = _Inlines([], line, []).convert(rest[2:-1])
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
    suppressions = locate(body, builder.comments)

    first_h1 = next((b for b in blocks if isinstance(b, Heading) and b.level == 1), None)
    title = meta.get("title")
    if not title and first_h1 is not None:
        title = plain_text(first_h1.content).strip() or None
    derived = not title
    if not title:
        title = path.stem.replace("-", " ").replace("_", " ").strip().capitalize() or "Untitled"
    if first_h1 is None:
        blocks.insert(0, Heading(level=1, content=(Text(title),)))
    meta["title"] = title
    declared = "language" in meta
    metadata = Metadata(
        source_path=str(path), source_format="markdown", title_derived=derived, **meta
    )
    doc = Document(
        metadata=metadata,
        blocks=tuple(blocks),
        removed=tuple(removed),
        suppressions=tuple(suppressions),
    )
    return settle_language(number_blocks(doc), declared)
