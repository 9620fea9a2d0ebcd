"""Document → semantic HTML body, shared by the PDF and the HTML handout.

Pandoc-style: one writer, and each output is a template plus CSS. The writer escapes every
piece of source text and emits only a small, fixed set of elements; the result still goes
through the sanitiser. Headings keep the Document's levels (fixing structure is a check's
job); the one thing added is an ``h1`` from the title when the Document has none.
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

from ..document import (
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
from ..i18n.messages import translator
from .fetcher import Policy, Refused
from .plain import Aids, term_id

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


def _lang_attr(lang: str | None) -> str:
    """``lang`` on a part in another language (WCAG 3.1.2), for screen readers and the PDF."""
    return f' lang="{esc(lang)}"' if lang else ""


def esc(text: str) -> str:
    return html.escape(text, quote=True)


@dataclass
class WriterOptions:
    target: str  # "pdf" or "html"
    base_dir: Path | None = None
    policy: Policy | None = None
    aids: Aids | None = None
    warnings: list[str] = field(default_factory=list)
    inlined: dict[str, str] = field(default_factory=dict)  # data: URL -> image as written


@dataclass
class Body:
    html: str
    decorative_images: int = 0


class Writer:
    def __init__(self, doc: Document, options: WriterOptions) -> None:
        from ..i18n.messages import translator

        self._ = translator(doc.metadata.language)  # labels from the language's catalogue
        self.doc = doc
        self.opt = options
        self.ref_keys = {r.key for r in doc.references}
        self.decorative = 0

    # ------------------------------------------------------------------ inlines
    def inlines(self, nodes, *, aids: bool = True) -> str:
        out = []
        for node in nodes:
            if isinstance(node, Text):
                text = node.text
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
        tail = ""
        if self.opt.target == "pdf" and text and text != href and href.startswith("http"):
            # A printed page cannot be clicked: show where the link goes.
            tail = f' <span class="url">({esc(href)})</span>'
        return f'<a href="{esc(href)}">{inner or esc(href)}</a>{tail}'

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
            level = min(max(b.level, 1), 6)
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
        parts = []
        cap_id = f"{t.id}-caption" if t.id else ""
        if t.caption:
            parts.append(f'<caption id="{esc(cap_id)}">{self.inlines(t.caption)}</caption>')
        if t.header:
            rows = "".join(
                "<tr>" + "".join(f'<th scope="col">{self.inlines(c)}</th>' for c in row) + "</tr>"
                for row in t.header
            )
            parts.append(f"<thead>{rows}</thead>")
        body = "".join(
            "<tr>" + "".join(f"<td>{self.inlines(c)}</td>" for c in row) + "</tr>" for row in t.rows
        )
        parts.append(f"<tbody>{body}</tbody>")
        table = f"<table>{''.join(parts)}</table>"
        if self.opt.target == "html":
            label = (
                f' aria-labelledby="{esc(cap_id)}"'
                if t.caption
                else f' aria-label="{esc(self._("Table"))}"'
            )
            return f'<div class="table-wrap" role="region" tabindex="0"{label}>{table}</div>'
        return table

    def figure(self, f: Figure) -> str:
        alt = f.alt
        if alt is None:
            alt = plain_text(f.caption).strip()
            if not alt:
                self.opt.warnings.append(f"image {f.src!r} has no alt text; shown as decorative")
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
                    self.opt.warnings.append(f"image {src!r}: no source folder to resolve it in")
                    return None
                raw = self.opt.base_dir / raw
            url = raw.as_uri() if raw.is_absolute() else ""
        else:
            self.opt.warnings.append(f"image {src!r}: scheme not allowed")
            return None
        try:
            _, path = policy.check(url)
        except Refused as exc:
            self.opt.warnings.append(f"image {src!r} not loaded: {exc}")
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
        out = raw
        body = esc(raw)
        tails = []
        for url in links:
            if url in out:
                body = body.replace(esc(url), f'<a class="url" href="{esc(url)}">{esc(url)}</a>', 1)
            elif ref.doi and url.endswith(ref.doi) and ref.doi in out:
                body = body.replace(
                    esc(ref.doi), f'<a class="url" href="{esc(url)}">{esc(ref.doi)}</a>', 1
                )
            else:
                tails.append(f'<a class="url" href="{esc(url)}">{esc(url)}</a>')
        if tails:
            body += " " + " ".join(tails)
        return body

    # ----------------------------------------------------------------- document
    def body(self, extra_sections: Callable[[], list[str]] | None = None) -> str:
        doc = self.doc
        rendered = self.blocks(doc.blocks)
        parts: list[str] = []
        has_h1 = any(isinstance(b, Heading) and b.level == 1 for b in doc.blocks)
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
            if not inserted_kp and isinstance(block, Heading) and block.level == 1:
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
