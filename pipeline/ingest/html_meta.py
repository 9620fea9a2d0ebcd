"""Page metadata: title (site name stripped), language, canonical URL, byline, dates.

Sources in order of trust: Open Graph / article meta tags, JSON-LD, ``<time>``, then the
visible page. Dates are stored as ISO 8601 (``YYYY-MM-DD``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from plainprint.pipeline.document.language import language_or_none
from plainprint.pipeline.ingest.references import parse_date

# Separators between a page title and the site name: " | Site", " - Site", " — Site", " :: Site".
_SEPARATOR = re.compile(r"\s+(?:\||-|–|—|::|·|•|»|/)\s+")
_WS = re.compile(r"\s+")


@dataclass
class PageMeta:
    title: str | None = None
    site_name: str | None = None
    language: str = "en"
    canonical_url: str | None = None
    byline: str | None = None
    published: str | None = None
    modified: str | None = None


def clean(text: str | None) -> str:
    return _WS.sub(" ", text or "").strip()


def _meta(root, *names: str) -> str | None:
    """First non-empty ``<meta property|name|itemprop=… content=…>`` among ``names``."""
    wanted = {n.lower() for n in names}
    found: dict[str, str] = {}
    for el in root.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        if key in wanted and key not in found:
            value = clean(el.get("content"))
            if value:
                found[key] = value
    for n in names:
        if n.lower() in found:
            return found[n.lower()]
    return None


def _json_ld(root) -> list[dict]:
    out: list[dict] = []
    for script in root.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except (ValueError, RecursionError):
            continue
        stack = [data]
        while stack and len(out) < 50:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                out.append(item)
                if isinstance(item.get("@graph"), list):
                    stack.extend(item["@graph"])
    return out


def _ld_value(items: list[dict], key: str) -> str | None:
    for item in items:
        value = item.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def _ld_author(items: list[dict]) -> str | None:
    for item in items:
        author = item.get("author")
        if isinstance(author, dict):
            author = [author]
        if isinstance(author, list):
            names = [a.get("name") for a in author if isinstance(a, dict)]
            names = [clean(n) for n in names if isinstance(n, str) and n.strip()]
            if names:
                return ", ".join(names)
        elif isinstance(author, str) and author.strip():
            return clean(author)
    return None


def iso_date(value: str | None) -> str | None:
    if not value:
        return None
    value = value.strip()
    m = re.match(r"^(\d{4}-\d{2}-\d{2})(?:[T ]|$)", value)
    if m:
        return parse_date(m.group(1))
    return parse_date(value[:40])


def strip_site_name(title: str, site_name: str | None) -> str:
    """``"Eat well | NHS"`` → ``"Eat well"``; leaves titles whose parts are all long alone."""
    title = clean(title)
    seps = list(_SEPARATOR.finditer(title))
    if not seps:
        return title
    parts = _SEPARATOR.split(title)
    if site_name:
        site = clean(site_name).lower()
        if parts[-1].lower() == site or (len(parts[-1]) > 2 and parts[-1].lower() in site):
            return title[: seps[-1].start()].strip() or title
        if parts[0].lower() == site or (len(parts[0]) > 2 and parts[0].lower() in site):
            return title[seps[0].end() :].strip() or title
    # No site name to match: drop a short last part ("… | Mayo Clinic").
    head = title[: seps[-1].start()].strip()
    if len(parts[-1].split()) <= 4 and len(head.split()) >= 2:
        return head
    return title


def _language(root) -> str:
    """The first readable language the page declares, as BCP 47 (``pt_BR`` → ``pt-BR``)."""
    candidates = [
        root.get("lang"),
        root.get("xml:lang"),
        root.get("{http://www.w3.org/XML/1998/namespace}lang"),
        _meta(root, "content-language", "og:locale", "language"),
    ]
    for el in root.iter("meta"):
        if (el.get("http-equiv") or "").lower() == "content-language":
            candidates.append(clean(el.get("content")).split(",")[0])
    for value in candidates:
        tag = language_or_none(clean(value))
        if tag:
            return tag
    return ""  # not declared: ingest detects it


def _byline(root, ld: list[dict]) -> str | None:
    value = _meta(
        root, "author", "article:author", "dc.creator", "parsely-author", "sailthru.author"
    )
    if value and not value.lower().startswith(("http://", "https://")):
        return value
    value = _ld_author(ld)
    if value:
        return value
    for el in root.iter("a", "span", "div", "p", "address"):
        if (el.get("rel") or "").lower() == "author" or (el.get("itemprop") or "") == "author":
            text = clean(el.text_content())
            if 2 < len(text) <= 100:
                return text
    return None


def _first_time(root) -> str | None:
    for el in root.iter("time"):
        value = iso_date(el.get("datetime")) or iso_date(clean(el.text_content()))
        if value:
            return value
    return None


def page_meta(root, h1_text: str | None = None) -> PageMeta:
    """Everything but the body. ``h1_text`` is the page's main heading when it has one."""
    meta = PageMeta()
    ld = _json_ld(root)
    meta.site_name = _meta(root, "og:site_name", "application-name") or _ld_site(ld)
    og_title = _meta(root, "og:title", "twitter:title", "dc.title")
    head_title = None
    title_el = root.find(".//title")
    if title_el is not None:
        head_title = clean(title_el.text_content()) or None
    meta.title = choose_title(h1_text, og_title, head_title, meta.site_name)
    meta.language = _language(root)
    canonical = None
    for el in root.iter("link"):
        if "canonical" in (el.get("rel") or "").lower().split() and clean(el.get("href")):
            canonical = clean(el.get("href"))
            break
    meta.canonical_url = canonical or _meta(root, "og:url") or _ld_value(ld, "url")
    meta.byline = _byline(root, ld)
    meta.published = iso_date(
        _meta(
            root,
            "article:published_time",
            "datepublished",
            "date",
            "dc.date",
            "publish-date",
            "pubdate",
            "dcterms.created",
            "dc.date.issued",
        )
        or _ld_value(ld, "datePublished")
    ) or _first_time(root)
    meta.modified = iso_date(
        _meta(
            root,
            "article:modified_time",
            "og:updated_time",
            "datemodified",
            "last-modified",
            "dcterms.modified",
            "dc.date.modified",
        )
        or _ld_value(ld, "dateModified")
    )
    return meta


def _ld_site(ld: list[dict]) -> str | None:
    for item in ld:
        if item.get("@type") == "WebSite" and isinstance(item.get("name"), str):
            return clean(item["name"]) or None
        pub = item.get("publisher")
        if isinstance(pub, dict) and isinstance(pub.get("name"), str):
            return clean(pub["name"]) or None
    return None


def _same(a: str, b: str) -> bool:
    norm = lambda s: re.sub(r"\W+", " ", s.lower()).strip()  # noqa: E731
    return bool(a and b) and norm(a) == norm(b)


def choose_title(
    h1: str | None, og: str | None, head: str | None, site_name: str | None
) -> str | None:
    """The article's title: the h1 when the head agrees with it, else og:title, else <title>."""
    h1 = clean(h1) or None
    candidates = [strip_site_name(t, site_name) for t in (og, head) if t]
    if h1:
        for cand in candidates:
            if _same(h1, cand) or (len(h1) > 10 and h1.lower() in cand.lower()):
                return h1
    if candidates:
        return candidates[0]
    return h1
