"""Document → semantic HTML body, shared by the PDF and the HTML handout.

Pandoc-style: one writer, and each output is a template plus CSS. The writer escapes every
piece of source text and emits only a small, fixed set of elements; the result still goes
through the sanitiser. Headings are re-levelled to an outline (outline.py): one ``h1`` (the
title when the Document does not open with one) and no skipped level; the Document keeps the
source's levels so the checks still report them.
"""

from __future__ import annotations

import base64
import html
import mimetypes
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from plainprint.pipeline.document import (
    BlockQuote,
    Citation,
    Document,
    Emphasis,
    Figure,
    Heading,
    LineBreak,
    Link,
    ListBlock,
    Paragraph,
    Reference,
    References,
    Strong,
    Table,
    Text,
    plain_text,
)
from plainprint.pipeline.i18n.messages import translator
from plainprint.pipeline.render.fetcher import Policy, Refused
from plainprint.pipeline.render.outline import first_is_title, outline_levels
from plainprint.pipeline.render.plain import Aids, term_id
from plainprint.pipeline.render.tables import Headers, headers
from plainprint.pipeline.render.warn import IMAGE, TABLE

MAX_INLINE_IMAGE = 5 * 1024 * 1024
_REF_HEADING = re.compile(r"^\s*(references|sources|bibliography|citations|works cited)\s*$", re.I)
_SAFE_HREF = re.compile(r"^(https?://|mailto:)", re.I)


# Emoji and pictographs: the large-print font has no glyphs for them, so a printed page would
# show empty boxes. They are decoration in health pages; the PDF leaves them out (the HTML
# handout keeps them, where the reader's system font draws them).
_PICTOGRAPHS = re.compile(
    "[\U0001f000-\U0001faff\u2600-\u26ff\u2700-\u27bf\u2b00-\u2bff\ufe0e\ufe0f\u200d]+[ ]?"
)


def without_pictographs(text: str) -> str:
    return _PICTOGRAPHS.sub("", text)


# C0 and C1 control characters: mis-decoded pages carry them (UTF-8 read as Latin-1 leaves
# U+0080–U+009F); no font draws them, so a printed page would show empty boxes.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]+")


def without_controls(text: str) -> str:
    return _CONTROLS.sub("", text)


RTL_LANGS = {"ar", "he", "fa", "ur", "yi", "ps", "dv", "ckb", "sd", "ug"}


def _lang_attr(lang: str | None) -> str:
    """``lang`` on a part in another language (WCAG 3.1.2), for screen readers and the PDF;
    a right-to-left language also sets ``dir`` so its punctuation lands on the right side."""
    if not lang:
        return ""
    rtl = ' dir="rtl"' if lang.split("-")[0].lower() in RTL_LANGS else ""
    return f' lang="{esc(lang)}"{rtl}'


def esc(text: str) -> str:
    return html.escape(text, quote=True)


@dataclass
class WriterOptions:
    target: str  # "pdf" or "html"
    base_dir: Path | None = None
    policy: Policy | None = None
    aids: Aids | None = None
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (kind, example), warn.py
    inlined: dict[str, str] = field(default_factory=dict)  # data: URL -> image as written


@dataclass
class Body:
    html: str
    decorative_images: int = 0


class Writer:
    def __init__(self, doc: Document, options: WriterOptions) -> None:
        from plainprint.pipeline.i18n.messages import translator

        self._ = translator(doc.metadata.language)  # labels from the language's catalogue
        self.doc = doc
        self.opt = options
        self.ref_keys = {r.key for r in doc.references}
        self.decorative = 0
        self.levels = outline_levels(doc.blocks)
        self.tables = 0

    # ------------------------------------------------------------------ inlines
    def inlines(self, nodes, *, aids: bool = True) -> str:
        out = []
        for node in nodes:
            if isinstance(node, Text):
                text = without_controls(node.text)
                if self.opt.target == "pdf":
                    text = without_pictographs(text)
                if aids and self.opt.aids is not None:
                    out.append(self.opt.aids.annotate(text))
                else:
                    out.append(html.escape(text, quote=False))
            elif isinstance(node, Emphasis):
                out.append(f"<em>{self.inlines(node.children, aids=aids)}</em>")
            elif isinstance(node, Strong):
                out.append(f"<strong>{self.inlines(node.children, aids=aids)}</strong>")
            elif isinstance(node, Link):
                out.append(self.link(node))
            elif isinstance(node, Citation):
                out.append(self.citation(node))
            elif isinstance(node, LineBreak):
                out.append("<br>")
        return "".join(out)

    def link(self, node: Link) -> str:
        inner = self.inlines(node.children, aids=False)
        href = node.href.strip()
        if not _SAFE_HREF.match(href):
            return inner  # relative or unsafe links from a scraped page lead nowhere useful
        text = plain_text(node.children).strip()
        if not text:
            # A link with no text has no name (axe link-name, PDF/UA 28): its address is the text.
            return f'<a href="{esc(href)}">{esc(href)}</a>'
        tail = ""
        if self.opt.target == "pdf" and text != href and href.startswith("http"):
            # A printed page cannot be clicked: show where the link goes, inside the link so
            # the printed address is covered by the annotation too.
            tail = f' <span class="url">({esc(href)})</span>'
        return f'<a href="{esc(href)}">{inner}{tail}</a>'

    def citation(self, node: Citation) -> str:
        pieces = re.split(r"(\s*[,;]\s*)", node.raw)
        out = []
        for piece in pieces:
            num = re.search(r"[0-9A-Za-z]+", piece)
            if num and not re.fullmatch(r"\s*[,;]\s*", piece):
                key = num.group(0)
                if key not in self.ref_keys and node.refs:
                    key = node.refs[0] if node.refs[0] in self.ref_keys else ""
                if key:
                    out.append(f'<a href="#{ref_id(key)}">{esc(piece)}</a>')
                    continue
            out.append(esc(piece))
        if len(out) == 1 and out[0].startswith("<a "):
            # One reference: the brackets belong to the link, a bigger target with no gaps.
            return f'<span class="cite">{out[0].replace(">", ">[", 1)[:-4]}]</a></span>'
        return f'<span class="cite">[{"".join(out)}]</span>'

    # ------------------------------------------------------------------- blocks
    def blocks(self, blocks) -> list[tuple[object, str]]:
        return [(b, self.block(b)) for b in blocks]

    def block(self, b) -> str:
        if isinstance(b, Heading):
            level = self.levels.get(id(b), 2)
            attr = f' id="{esc(b.id)}"' if b.id else ""
            attr += _lang_attr(b.lang)
            return f"<h{level}{attr}>{self.inlines(b.content, aids=False)}</h{level}>"
        if isinstance(b, Paragraph):
            return f"<p{_lang_attr(b.lang)}>{self.inlines(b.content)}</p>"
        if isinstance(b, ListBlock):
            return self.list_block(b)
        if isinstance(b, BlockQuote):
            inner = "".join(self.block(x) for x in b.blocks)
            return f"<blockquote{_lang_attr(b.lang)}>{inner}</blockquote>"
        if isinstance(b, Table):
            return self.table(b)
        if isinstance(b, Figure):
            return self.figure(b)
        if isinstance(b, References):
            return self.references(b)
        return ""  # pragma: no cover - closed node set

    def list_block(self, b: ListBlock) -> str:
        tag = "ol" if b.ordered else "ul"
        start = f' start="{b.start}"' if b.ordered and b.start != 1 else ""
        items = []
        for item in b.items:
            subs = "".join(self.list_block(s) for s in item.sublists)
            items.append(f"<li>{self.inlines(item.content)}{subs}</li>")
        return f"<{tag}{start}{_lang_attr(b.lang)}>{''.join(items)}</{tag}>"

    def table(self, t: Table) -> str:
        self.tables += 1
        kind = headers(t)
        if kind is Headers.NONE:
            return self.layout_table(t)
        head_rows, rows = t.header, t.rows
        if kind is Headers.FIRST_ROW:
            head_rows, rows = t.rows[:1], t.rows[1:]
        parts = []
        cap_id = f"{t.id}-caption" if t.id else f"table-{self.tables}-caption"
        if t.caption:
            parts.append(f'<caption id="{esc(cap_id)}">{self.inlines(t.caption)}</caption>')
        width = max((len(r) for r in (*head_rows, *rows)), default=0)
        if head_rows:
            cells = "".join(
                "<tr>" + "".join(_fill(
                    [f'<th scope="col">{self.inlines(c)}</th>' for c in row], width, "th"
                )) + "</tr>"
                for row in head_rows
            )  # fmt: skip
            parts.append(f"<thead>{cells}</thead>")
        body = []
        for row in rows:
            cells = [f"<td>{self.inlines(c)}</td>" for c in row]
            if kind is Headers.FIRST_COLUMN and row:
                cells[0] = f'<th scope="row">{self.inlines(row[0])}</th>'
            body.append("<tr>" + "".join(_fill(cells, width, "td")) + "</tr>")
        parts.append(f"<tbody>{''.join(body)}</tbody>")
        return self.scroll_region(t, f"<table>{''.join(parts)}</table>", cap_id)

    def scroll_region(self, t: Table, markup: str, cap_id: str = "") -> str:
        """HTML: a wide table scrolls inside its own focusable, labelled region (WCAG 1.4.10)."""
        if self.opt.target != "html":
            return markup
        if t.caption and cap_id:
            label = f' aria-labelledby="{esc(cap_id)}"'
        else:
            label = f' aria-label="{esc(self._("Table"))} {self.tables}"'
        return f'<div class="table-wrap" role="region" tabindex="0"{label}>{markup}</div>'

    def layout_table(self, t: Table) -> str:
        """No row or column reads as headers: rows of cells without data-table semantics."""
        self.opt.warnings.append((TABLE, f"table {self.tables}"))
        caption = f'<p class="table-caption">{self.inlines(t.caption)}</p>' if t.caption else ""
        rows = [*t.header, *t.rows]
        if self.opt.target == "pdf":
            # WeasyPrint tags every <table> as /Table: divs with table display keep the
            # layout and are tagged /Div, which the checkers accept.
            body = "".join(
                '<div class="layout-row">'
                + "".join(f'<div class="layout-cell">{self.inlines(c)}</div>' for c in row)
                + "</div>"
                for row in rows
            )
            return f'{caption}<div class="layout-table">{body}</div>'
        body = "".join(
            "<tr>" + "".join(f"<td>{self.inlines(c)}</td>" for c in row) + "</tr>" for row in rows
        )
        table = f'<table role="presentation" class="layout"><tbody>{body}</tbody></table>'
        return caption + self.scroll_region(t, table)

    def figure(self, f: Figure) -> str:
        alt = f.alt
        if alt is None:
            alt = plain_text(f.caption).strip()
            if not alt:
                self.opt.warnings.append((IMAGE, f"{f.src!r} (no alt text; decorative)"))
        src = self.image_src(f.src)
        caption = f"<figcaption>{self.inlines(f.caption)}</figcaption>" if f.caption else ""
        if src is None:
            if not alt and not caption:
                return ""
            shown = f'<p class="image-missing">Image: {esc(alt)}</p>' if alt else ""
            return f'<figure class="no-image">{shown}{caption}</figure>'
        if not alt:
            self.decorative += 1
        cls = ' class="decorative"' if not alt else ""
        return f'<figure><img{cls} src="{esc(src)}" alt="{esc(alt)}">{caption}</figure>'

    def image_src(self, src: str) -> str | None:
        """A URL the output may load, or None when the image cannot be shown safely."""
        src = src.strip()
        if src.lower().startswith("data:image/"):
            return src
        policy = self.opt.policy
        if policy is None:
            return None
        parts = urlsplit(src)
        if parts.scheme in ("http", "https"):
            url = src
        elif parts.scheme in ("", "file"):
            # Saved pages and Markdown percent-encode names ("my%20image.png").
            raw = Path(unquote(parts.path))
            if not raw.is_absolute():
                if self.opt.base_dir is None:
                    self.opt.warnings.append((IMAGE, f"{src!r} (no source folder)"))
                    return None
                raw = self.opt.base_dir / raw
            url = raw.as_uri() if raw.is_absolute() else ""
        else:
            self.opt.warnings.append((IMAGE, f"{src!r} (scheme not allowed)"))
            return None
        try:
            _, path = policy.check(url)
        except Refused as exc:
            self.opt.warnings.append((IMAGE, f"{src!r} ({exc})"))
            return None
        if path is None:
            # Remote: the PDF loads it through the sandboxed fetcher; the HTML never does.
            return url if self.opt.target == "pdf" else None
        # Local files go in as data: URLs, so the output does not depend on where the
        # project is checked out (file:// paths would change the PDF's bytes).
        inline = data_url(path)
        if inline is None and self.opt.target == "pdf":
            return url  # too large or an unusual type: the fetcher reads it
        if inline is not None:
            self.opt.inlined[inline] = src
        return inline

    def references(self, r: References) -> str:
        items = []
        for ref in r.items:
            value = f' value="{int(ref.key)}"' if ref.key.isdigit() else ""
            items.append(f'<li id="{ref_id(ref.key)}"{value}>{self.reference(ref)}</li>')
        return f'<ol class="references">{"".join(items)}</ol>'

    def reference(self, ref: Reference) -> str:
        raw = ref.raw
        links: list[str] = []
        if ref.url and _SAFE_HREF.match(ref.url):
            links.append(ref.url)
        if ref.doi:
            doi_url = "https://doi.org/" + ref.doi.removeprefix("https://doi.org/")
            if doi_url not in links:
                links.append(doi_url)
        # Every address the reference prints is a link (outloud LNK-010); then the parsed URL
        # and DOI are linked where printed, or added after the text when they are not.
        body = _link_bare_urls(esc(raw))
        tails = []
        for url in links:
            if esc(url) in body:
                continue  # printed, so linked by _link_bare_urls
            if ref.doi and url.endswith(ref.doi) and esc(ref.doi) in body:
                parts = _LINKED.split(body)
                outside = [i for i in range(0, len(parts), 2) if esc(ref.doi) in parts[i]]
                if outside:  # the bare DOI: link it in place
                    i = outside[0]
                    link = f'<a class="url" href="{esc(url)}">{esc(ref.doi)}</a>'
                    parts[i] = parts[i].replace(esc(ref.doi), link, 1)
                    body = "".join(parts)
                continue  # else it is part of a printed (linked) address, e.g. dx.doi.org
            tails.append(f'<a class="url" href="{esc(url)}">{esc(url)}</a>')
        if tails:
            body += " " + " ".join(tails)
        return body

    # ----------------------------------------------------------------- document
    def body(self, extra_sections: Callable[[], list[str]] | None = None) -> str:
        doc = self.doc
        rendered = self.blocks(doc.blocks)
        parts: list[str] = []
        has_h1 = first_is_title(doc.blocks)
        if not has_h1:
            parts.append(f"<h1>{esc(doc.metadata.title)}</h1>")
        # Key points go right after the first h1 (or at the top).
        key_points = self.key_points()
        inserted_kp = not key_points
        if key_points and not has_h1:
            parts.append(key_points)
            inserted_kp = True
        ref_index = self.references_position(rendered)
        for i, (block, markup) in enumerate(rendered):
            if i == ref_index:
                parts.append("\x00EXTRA\x00")
                if isinstance(block, References):
                    parts.append(f'<h2 id="references">{esc(self._("References"))}</h2>')
            parts.append(markup)
            if not inserted_kp and isinstance(block, Heading) and self.levels.get(id(block)) == 1:
                parts.append(key_points)
                inserted_kp = True
        if ref_index >= len(rendered):
            parts.append("\x00EXTRA\x00")
        extra = "".join(extra_sections() if extra_sections else [])
        return "".join(parts).replace("\x00EXTRA\x00", extra, 1)

    def references_position(self, rendered) -> int:
        """Index where the references start (their heading, if any), else len(rendered)."""
        for i, (block, _) in enumerate(rendered):
            if isinstance(block, References):
                prev = rendered[i - 1][0] if i else None
                if isinstance(prev, Heading) and _REF_HEADING.match(plain_text(prev.content)):
                    return i - 1
                return i
        return len(rendered)

    def key_points(self) -> str:
        points = self.doc.metadata.key_points
        if not points:
            return ""
        items = "".join(f"<li>{esc(p)}</li>" for p in points)
        return (
            '<section class="key-points" aria-labelledby="key-points">'
            f'<h2 id="key-points">{esc(self._("Key points"))}</h2><ul>{items}</ul></section>'
        )


_LINKED = re.compile(r"(<a [^>]*>.*?</a>)")
_BARE_URL = re.compile(r"https?://[^\s<>\"]+?(?=[.,;:)\]]*(?:\s|$|<))")


def _link_bare_urls(markup: str) -> str:
    """Addresses a reference prints (a dx.doi.org link beside its DOI) become links too, so a
    printed address is never text a reader cannot follow (outloud LNK-010)."""
    parts = _LINKED.split(markup)
    for i in range(0, len(parts), 2):  # even parts are outside existing links
        parts[i] = _BARE_URL.sub(
            lambda m: f'<a class="url" href="{m.group(0)}">{m.group(0)}</a>', parts[i]
        )
    return "".join(parts)


def _fill(cells: list[str], width: int, tag: str) -> list[str]:
    """A short row closes the grid (PDF/UA 7.5, Matterhorn 15): a lone cell spans the row
    (a section label), other rows get empty cells."""
    if not cells or len(cells) >= width:
        return cells
    if len(cells) == 1:
        return [cells[0].replace(f"<{tag}", f'<{tag} colspan="{width}"', 1)]
    return cells + ["<td></td>"] * (width - len(cells))  # an empty header cell names nothing


def words_to_know(aids: Aids | None, language: str | None = None) -> list[str]:
    if aids is None or not aids.explained:
        return []
    rows = "".join(
        f'<dt><a href="#{term_id(t)}">{esc(t)}</a></dt><dd>{esc(d)}</dd>'
        for t, d in aids.words_to_know()
    )
    return [
        '<section class="words" aria-labelledby="words-to-know">'
        f'<h2 id="words-to-know">{esc(translator(language)("Words to know"))}</h2>'
        f"<dl>{rows}</dl></section>"
    ]


def ref_id(key: str) -> str:
    return "ref-" + re.sub(r"[^A-Za-z0-9_-]+", "-", key)


def data_url(path: Path) -> str | None:
    mime = mimetypes.guess_type(path.name)[0] or ""
    if mime not in ("image/png", "image/jpeg", "image/gif", "image/webp", "image/svg+xml"):
        return None
    data = path.read_bytes()
    if len(data) > MAX_INLINE_IMAGE:
        return None
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def write_body(doc: Document, options: WriterOptions) -> Body:
    writer = Writer(doc, options)
    markup = writer.body(lambda: words_to_know(options.aids, doc.metadata.language))
    return Body(markup, writer.decorative)
