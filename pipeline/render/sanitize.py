"""The HTML sanitiser every output passes through (nh3, an ammonia binding).

The writer already escapes all source text; this is the second wall. It keeps only the
semantic elements the writer emits, strips scripts, event handlers, iframes, objects,
embeds, forms, meta refresh and inline SVG, and allows ``data:`` URLs only as image
sources. ``file:`` image sources survive only in the PDF body, where the sandboxed
fetcher decides what they may read.
"""

from __future__ import annotations

import re

import nh3

TAGS = {
    "a", "abbr", "article", "aside", "blockquote", "br", "caption", "dd", "dfn", "div", "dl",
    "dt", "em", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "img", "li", "main", "mark", "nav", "ol", "p", "section", "small", "span", "strong", "sub", "sup",
    "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
}  # fmt: skip
GLOBAL_ATTRS = {"id", "class", "lang", "dir", "role", "tabindex", "title"}
ATTRS = {
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "ol": {"start", "reversed"},
    "li": {"value"},
    "th": {"scope", "colspan", "rowspan", "headers"},
    "td": {"colspan", "rowspan", "headers"},
}
_DATA_IMAGE = re.compile(r"data:image/(?:png|jpeg|gif|webp|svg\+xml)[;,]", re.I)
_SAFE_HREF = re.compile(r"(?:https?:|mailto:|#)", re.I)


def _filter(allow_file: bool):
    def attribute_filter(tag: str, attr: str, value: str) -> str | None:
        if attr == "tabindex":
            return value if value in ("0", "-1") else None
        if attr == "href":
            return value if _SAFE_HREF.match(value.strip()) else None
        if attr == "src":
            v = value.strip()
            if tag == "img" and _DATA_IMAGE.match(v):
                return value
            if tag == "img" and allow_file and v.lower().startswith("file:"):
                return value
            if tag == "img" and re.match(r"https?:", v, re.I):
                return value
            return None
        return value

    return attribute_filter


def clean(fragment: str, *, allow_file_images: bool = False) -> str:
    """Sanitise an HTML body fragment; see the module docstring for what survives."""
    attributes = {tag: set(GLOBAL_ATTRS) | ATTRS.get(tag, set()) for tag in TAGS}
    schemes = {"http", "https", "mailto", "data"} | ({"file"} if allow_file_images else set())
    return nh3.clean(
        fragment,
        tags=TAGS,
        clean_content_tags={"script", "style", "template", "noscript", "iframe", "object"},
        attributes=attributes,
        attribute_filter=_filter(allow_file_images),
        generic_attribute_prefixes={"aria-"},
        url_schemes=schemes,
        link_rel=None,
        strip_comments=True,
    )
