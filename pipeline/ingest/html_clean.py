"""Boilerplate: what a page element is when it is not article content, and why it goes.

One table of (reason, pattern) rules matched against an element's tag, role, class, id and
aria-label, plus a few text rules (skip links, cookie notices). The same ``classify`` is used
on lxml elements (the page outside the main content) and on BeautifulSoup tags (cleaning
inside it), so the removal audit names the same reasons everywhere.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from plainprint.pipeline.document.nodes import Removed


@dataclass(frozen=True, slots=True)
class Attrs:
    """The parts of an element the rules look at, with class/id lower-cased."""

    tag: str
    names: str  # class and id, space separated, lower case
    role: str
    label: str  # aria-label
    hidden: bool


def _word(*words: str) -> re.Pattern[str]:
    """Match any of ``words`` as a whole token of a class/id (split at space, - and _)."""
    alts = "|".join(words)
    return re.compile(rf"(?:^|[\s_-])(?:{alts})(?:$|[\s_-])")


# Order matters: the first rule that matches names the reason.
_NAME_RULES: list[tuple[str, re.Pattern[str]]] = [
    ("skip link", re.compile(r"skip-?(?:link|nav|to)|skiplink|jump-?link")),
    (
        "accessibility toolbar",
        re.compile(
            r"a11y|accessibility|readspeaker|userway|recite-?me|browsealoud|text-?resiz"
            r"|font-?resiz|(?:font|text)-?size-?(?:controls?|switch|buttons?|tools?|widget)"
            r"|high-?contrast|contrast-?(?:toggle|switch|mode)"
        ),
    ),
    ("cookie banner", re.compile(r"cookie|consent|gdpr|onetrust|cmp-?banner|ccpa")),
    ("newsletter box", re.compile(r"newsletter|subscri|sign-?up|signup|e-?mail-?updates|optin")),
    (
        "share or print widget",
        re.compile(
            r"sharethis|addthis|addtoany|a2a_|shareaholic|sharing"
            r"|(?:^|[\s_-])(?:share|social|print|socials|shares|sociallinks|email-?share)"
            r"(?:$|[\s_-])"
        ),
    ),
    (
        "related articles",
        re.compile(
            r"related|recommend|more-?stories|read-?(?:more|next)|you-?may|also-?like|popular"
            r"|trending|outbrain|taboola|most-?read|more-?from|next-?article|up-?next"
        ),
    ),
    ("comments", re.compile(r"comment|disqus|respond|discussion(?!-?content)")),
    # Buttons that show or hide an image caption (NPR's "hide caption" / "toggle caption").
    ("caption toggle", re.compile(r"(?:hide|toggle|show|expand)-?caption")),
    # Wiki "[edit]" links beside each heading (MediaWiki's mw-editsection).
    ("edit link", re.compile(r"editsection|edit-?section|(?:^|[\s_-])edit-?links?(?:$|[\s_-])")),
    (
        "byline or author box",
        re.compile(
            r"byline|author-?(?:bio|box|info|card|details|container|pop|profile|wrap|about)"
            r"|about-?the-?author|contributor|(?:^|[\s_-])bio(?:$|[\s_-])"
        ),
    ),
    (
        "forum user profile",
        re.compile(
            r"user-?extras|user-?title|user-?banner|user-?stats|member-?stats"
            r"|poster-?(?:info|stats)|profile-?(?:posts|joined|rank|location|custom-?fields?)"
        ),
    ),
    (
        "paywall",
        re.compile(r"paywall|restricted|regwall|piano-|meter-?(?:bar|wall)|pricing|subscription"),
    ),
    (
        "advertisement",
        re.compile(
            r"(?:^|[\s_-])(?:ad|ads|advert|advertisement|adslot|ad-?slot|dfp|gpt|sponsor"
            r"|sponsored|promo|banner-?ad|adunit|ad-?container|ad-?wrapper)(?:$|[\s_-])"
            r"|advertis|adsense|googlead"
        ),
    ),
    (
        "navigation",
        re.compile(
            r"(?:^|[\s_-])(?:nav|navbar|navigation|menu|menus|breadcrumbs?|pagination|pager"
            r"|site-?nav|mega-?menu|topbar|top-?bar|utility|toolbar|masthead|skip)(?:$|[\s_-])"
            r"|breadcrumb|navigation|dropdown"
        ),
    ),
    (
        "page footer or sidebar",
        _word("footer", "site-footer", "page-footer", "sidebar", "side-bar", "widget", "rail"),
    ),
]

_ROLE_RULES = {
    "navigation": "navigation",
    "banner": "page header",
    "contentinfo": "page footer or sidebar",
    "complementary": "page footer or sidebar",
    "search": "navigation",
    "dialog": "pop-up",
    "alertdialog": "pop-up",
    "menu": "navigation",
    "menubar": "navigation",
    "toolbar": "accessibility toolbar",
}
_TAG_RULES = {
    "nav": "navigation",
    "form": "form",
    "button": "form",
    "select": "form",
    "input": "form",
    "textarea": "form",
    "dialog": "pop-up",
    "iframe": "embedded frame",
    # <address> is contact information for its article: the byline, kept in the metadata.
    "address": "byline or author box",
}
_TEXT_RULES: list[tuple[str, re.Pattern[str]]] = [
    (
        "skip link",
        re.compile(
            r"^\s*(?:skip|jump) to (?:the )?(?:main |page )?(?:content|navigation|search|main)",
            re.I,
        ),
    ),
    (
        "cookie banner",
        re.compile(
            r"\b(?:we|this (?:site|website)) uses? cookies\b|\bcookie (?:policy|settings|preferences)\b",
            re.I,
        ),
    ),
    (
        "newsletter box",
        re.compile(
            r"^\s*(?:sign up for|subscribe to) (?:our|the) (?:free )?(?:e-?mail|newsletter)"
            r"|\b(?:sign[ -]?up|subscribe|register)(?: now| today| free)? (?:to|for) (?:our|the|my|a)"
            r" (?:free )?[^.!?]{0,40}\bnewsletter"
            r"|\b(?:get|join|receive) our [^.!?]{0,30}\bnewsletter"
            r"|\bnewsletter\b.{0,300}\b(?:subscribe|sign[ -]?up)(?: now| today| here)?\s*[.!]?"
            r"\s*(?:loading\W*)?$"
            r"|\bdelivered (?:straight |directly |right )?to your inbox\b",
            re.I,
        ),
    ),
    (
        "feedback widget",
        re.compile(
            r"^\s*(?:was this (?:page|article|information|content|post|answer|resource|tool)"
            r" (?:helpful|useful)|did you find (?:this|what you were looking for)"
            r"|how (?:helpful|useful) was this|rate this (?:page|article)"
            r"|tell us what you think|is there anything wrong with this page)\b",
            re.I,
        ),
    ),
    (
        "advertisement",
        re.compile(r"^\s*(?:advertisement|sponsored content|ad)\s*(?:[-–—].{0,40})?$", re.I),
    ),
    (
        "share or print widget",
        re.compile(
            r"^\s*(?:share|print|email|tweet)(?: this(?: article| page| post| story| content)?)?"
            r"(?: (?:on|via|to) [a-z ]{1,20})?\s*:?\s*$",
            re.I,
        ),
    ),
    (
        "related articles",
        re.compile(
            r"^\s*(?:related|recommended|more)\s+(?:stor(?:y|ies)|articles?|posts?"
            r"|content|reading|links|products)\b\s*:?"
            r"|^\s*you (?:might|may) (?:also )?(?:like|enjoy)\s*:?\s*$",
            re.I,
        ),
    ),
    (
        "shopping button",
        re.compile(
            r"^\s*(?:buy (?:it )?now|shop now|see (?:the )?(?:price|deals?)|check (?:the )?price"
            r"|view (?:the )?deal|read (?:the|our) (?:full )?review)\b[^.!?]{0,60}$"
            r"|^\s*shop [^.!?]{1,40} now\s*$",
            re.I,
        ),
    ),
    (
        "rating widget",
        # "4.8 out of 5 stars 193 total reviews • Free trial available", "Rated 4.5/5 (120 reviews)"
        re.compile(
            r"^\s*(?:rated\s+)?\d(?:[.,]\d)?\s*(?:out of|/)\s*5(?:\s*stars?)?\b[^.!?]{0,60}$",
            re.I,
        ),
    ),
    (
        "audio player",
        re.compile(r"^\s*listen to (?:this|the) (?:article|story|post)\b[^.!?]{0,40}$", re.I),
    ),
    (
        "caption toggle",
        re.compile(
            r"^\s*(?:toggle|show|hide|expand) caption\s*$",
            re.I,
        ),
    ),
    (
        "table of contents",
        re.compile(
            r"^\s*(?:on this page|table of contents|in this (?:article|page|post|guide))\s*:?\s*$",
            re.I,
        ),
    ),
    (
        "date stamp",
        re.compile(
            r"^\s*(?:(?:date\s+)?last\s+(?:reviewed|updated|modified)(?:\s+on)?"
            r"|(?:published|updated|posted|reviewed)(?:\s+on)?)\s*:?\s*"
            r"(?:[a-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{1,2}\s+[a-z]{3,9}\.?\s+\d{4}"
            r"|[a-z]{3,9}\.?\s+\d{4}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|\d{4}-\d\d-\d\d)"
            r"[^.!?]{0,30}$"
            r"|^\s*\d{1,3}\s*(?:min|minute)s?\s+read\s*$",
            re.I,
        ),
    ),
    (
        "byline or author box",
        re.compile(
            r"^\s*(?:(?:article|page|post|content)\s+)?(?:(?:medically|clinically|expert|peer)[ -])?"
            r"(?:written|reviewed|fact[- ]?checked|edited|authored)(?: and [a-z-]+)?\s+by\b"
            r"[^.!?]{0,120}$",
            re.I,
        ),
    ),
    (
        "affiliate disclosure",
        re.compile(
            r"^.{0,80}\bwe (?:may )?(?:earn|receive|get) (?:a )?(?:small )?(?:commission"
            r"|compensation|affiliate)"
            r"|\b(?:we are|is) a reader[- ]supported\b|^\s*we independently (?:test|review|research"
            r"|evaluate|select)\b[^.!?]{0,60}[.!]\s*(?:buying|purchases?|when you buy)\b"
            r"|^\s*(?:i|we) use affiliate links\b",
            re.I,
        ),
    ),
]

# Words in a class/id that mark the element as the article itself: never treat as boilerplate.
_CONTENT_NAMES = re.compile(
    r"(?:^|[\s_-])(?:article-?body|post-?body|entry-?content|post-?content|main-?content"
    r"|story-?body|content-?body)(?:$|[\s_-])"
)


def _id_words(ident: str) -> str:
    """An id, unless it is a slug made from a heading ("sharing-with-a-single-developer").

    Over three parts split at ``-`` and ``_`` is three separators or more, counted without
    a regex split: this runs for every element of the page, most with no id at all.
    """
    return "" if ident.count("-") + ident.count("_") >= 3 else ident


def lxml_names(el) -> tuple[str, str]:
    """``lxml_attrs(el)``'s ``names`` and ``role`` alone, for the many walks up and down
    the page that read nothing else (its ``hidden`` costs a style search per element)."""
    get = el.get
    return f"{get('class') or ''} {_id_words(get('id') or '')}".lower(), (get("role") or "").lower()


def lxml_attrs(el) -> Attrs:
    get = el.get
    names, role = lxml_names(el)
    return Attrs(
        tag=el.tag if isinstance(el.tag, str) else "",
        names=names,
        role=role,
        label=(get("aria-label") or "").lower(),
        hidden=_hidden(get("hidden"), get("aria-hidden"), get("style")),
    )


def soup_attrs(tag) -> Attrs:
    attrs = tag.attrs
    cls = attrs.get("class") or ""
    if isinstance(cls, list):
        cls = " ".join(cls)
    ident = attrs.get("id") or ""
    if isinstance(ident, list):
        ident = " ".join(ident)
    return Attrs(
        tag=tag.name or "",
        names=f"{cls} {_id_words(ident)}".lower(),
        role=str(attrs.get("role") or "").lower(),
        label=str(attrs.get("aria-label") or "").lower(),
        hidden=_hidden(attrs.get("hidden"), attrs.get("aria-hidden"), attrs.get("style")),
    )


_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


def _hidden(hidden, aria_hidden, style) -> bool:
    if hidden is not None:
        return True
    if isinstance(aria_hidden, str) and aria_hidden.strip().lower() == "true":
        return True
    return bool(isinstance(style, str) and _HIDDEN_STYLE.search(style))


@functools.lru_cache(maxsize=4096)
def classify(a: Attrs) -> str | None:
    """Why an element is boilerplate, or None when nothing marks it so.

    Cached: a pure function of ``Attrs``, and most elements repeat one another's (five in
    six on the corpus), so the rules run once per distinct element kind.
    """
    if a.hidden:
        return "hidden"
    reason = _TAG_RULES.get(a.tag)
    if reason:
        return reason
    if a.role in _ROLE_RULES:
        return _ROLE_RULES[a.role]
    if a.tag in ("header", "footer") and not a.names.strip():
        return None  # a bare <header>/<footer> inside an article is usually its own
    names = a.names
    if names.strip() and not _CONTENT_NAMES.search(names):
        for reason, pat in _NAME_RULES:
            if pat.search(names):
                return reason
    if a.label:
        for reason, pat in _NAME_RULES:
            if pat.search(a.label):
                return reason
    return None


def classify_text(text: str) -> str | None:
    """Reasons that only the text shows: a 'Skip to content' link, a cookie notice."""
    text = " ".join(text.split())
    if not text or len(text) > 400:
        return None
    return _text_reason(text)


@functools.lru_cache(maxsize=4096)
def _text_reason(text: str) -> str | None:
    """Cached like ``classify`` (nested tags often hold the same short text); only short,
    normalised texts reach it, so the cache stays small."""
    for reason, pat in _TEXT_RULES:
        if pat.search(text):
            return reason
    return None


def removed(text: str, reason: str) -> Removed | None:
    excerpt = " ".join(text.split())
    if not excerpt:
        return None
    if len(excerpt) > 200:
        excerpt = excerpt[:199].rstrip() + "…"
    return Removed(excerpt=excerpt, reason=reason)


# Elements whose short text alone can mark them (a "Skip to content" link, an "Advertisement" label).
_TEXT_CHECKED = frozenset(
    ["a", "p", "div", "span", "li", "section", "aside", "header", "footer", "small", "strong"]
)


# Reasons that name a self-contained widget embedded in the article (a gallery of another
# story, with a caption per slide): it may be removed even when its text outweighs the
# article's, as long as a real article remains beside it.
_WIDGETS = frozenset(["image gallery"])


def _too_big(size: int, total: int, reason: str, keep_share: float) -> bool:
    if size <= keep_share * total:
        return False
    rest = total - size
    return not (reason in _WIDGETS and rest >= max(1000, 0.15 * total))


def _linked_aside(tag) -> str | None:
    """An ``<aside>`` in the article whose text is largely links: teasers for other pages."""
    size = _len(tag.get_text(" "))
    if not size:
        return None
    linked = sum(_len(a.get_text(" ")) for a in tag.find_all("a"))
    return "related articles" if linked / size > 0.3 else None


# A label that heads an author or reviewer box: "Article written by:", "Medically reviewed by".
# ("About the author" is not one: the Readability ground truth keeps those boxes.)
_AUTHOR_LABEL = re.compile(
    r"^\s*(?:(?:article|page|post|content)\s+)?(?:(?:medically|clinically|expert|peer)[ -])?"
    r"(?:written|reviewed|fact[- ]?checked|edited|authored)(?: and [a-z-]+)?\s+by\s*:?\s*$",
    re.I,
)
_LABEL_TAGS = ("h2", "h3", "h4", "h5", "h6", "p", "div", "span", "strong", "b", "dt")
_AUTHOR_BOX_MAX = 1500  # characters: a box with more text is not just about the author


def author_box(tag, total: int, keep_share: float, text: str | None = None):
    """The box an author/reviewer label heads: the largest ancestor that opens with it.

    ``text`` is ``tag.get_text(" ")`` when the caller has it. Otherwise only the head of
    the tag's text is read first: a label is at most 60 characters, and most tags asked
    are long wrappers whose whole text would be joined for nothing.
    """
    if tag.name not in _LABEL_TAGS:
        return None
    if text is None:
        text, complete = text_upto(tag, _LABEL_SCAN)
        if not complete:
            if _len(text) > 60:  # the collapsed head only grows with the rest
                return None
            text = tag.get_text(" ")
    label = _len(text)
    if not label or label > 60 or not _AUTHOR_LABEL.match(text):
        return None
    box = tag
    node = tag.parent
    while node is not None and node.name not in ("body", "html", "[document]", "article", "main"):
        box_text = " ".join(node.get_text(" ").split())
        if len(box_text) > _AUTHOR_BOX_MAX or len(box_text) > keep_share * total:
            break
        if not box_text.startswith(" ".join(text.split())):
            break
        box, node = node, node.parent
    return box


_LABEL_SCAN = 200  # characters of a tag's text read before giving up on it as a label


def text_upto(tag, limit: int) -> tuple[str, bool]:
    """``tag.get_text(" ")`` read only until it reaches ``limit`` characters.

    Returns the text so far and whether it is the whole text (then shorter than
    ``limit``). The cleaning steps ask short-text questions of every tag; joining the
    whole text of each wrapper made them quadratic in the nesting depth.
    """
    parts: list[str] = []
    size = -1  # length of " ".join(parts)
    for string in tag.strings:  # the strings get_text joins (NavigableString, CData)
        parts.append(string)
        size += len(string) + 1
        if size >= limit:
            return " ".join(parts), False
    return " ".join(parts), True


_BREAK_CLASS = re.compile(r"(?:^|\s)(?:br|line-?break)(?:$|\s)")


def gone(tag) -> bool:
    """Whether ``tag`` was decomposed (with an ancestor, or itself).

    bs4's own ``tag.decomposed`` reads ``_decomposed`` through ``getattr``; on a tag that
    was never decomposed that falls through to ``Tag.__getattr__``, a search of the whole
    subtree for a child named ``_decomposed``: a tenth of ingest's time on a long page.
    """
    return bool(tag.__dict__.get("_decomposed", False))


def _break_class(value) -> bool:
    """Whether a class attribute matches ``_BREAK_CLASS`` as bs4's ``find_all(class_=…)``
    matches it (one of its values, else all of them joined), without bs4's per-tag
    matching machinery."""
    if value is None:
        return False
    values = value if isinstance(value, list) else [value]
    if any(_BREAK_CLASS.search(v) for v in values):
        return True
    return len(values) != 1 and bool(_BREAK_CLASS.search(" ".join(values)))


def mark_breaks(soup) -> None:
    """An empty element whose class says it is a line break (``<span class="br">``, drawn
    by the site's CSS) becomes a ``<br>``, so the text on either side is not glued together
    ("…and rumination</span><span class=br></span>Meditation…")."""
    from bs4 import Tag

    found = [t for t in soup.descendants if isinstance(t, Tag) and _break_class(t.get("class"))]
    for tag in found:
        if not gone(tag) and not tag.get_text(strip=True) and tag.find(True) is None:
            tag.replace_with(soup.new_tag("br"))


def clean_soup(soup, audit: list[Removed], *, keep_share: float = 0.4) -> None:
    """Remove boilerplate from the chosen content in place, recording each removal.

    An element holding more than ``keep_share`` of the content's text is not removed,
    whatever its class says: a wrapper named ``page-with-sidebar`` must not take the
    article with it. Embedded widgets (``_WIDGETS``) are the exception when enough
    article text remains outside them.
    """
    total = len(" ".join(soup.get_text(" ").split())) or 1
    for tag in soup.find_all(True):
        if gone(tag) or tag.parent is None:
            continue
        reason = classify(soup_attrs(tag))
        text = None
        if reason is None and tag.name in _TEXT_CHECKED:
            short, whole = text_upto(tag, 400)
            if whole:
                text = short
                reason = classify_text(text)
        if reason is None and tag.name == "aside":
            reason = _linked_aside(tag)
        if reason is None:
            box = author_box(tag, total, keep_share, text)
            if box is not None:
                tag, reason, text = box, "byline or author box", None
        if reason is None:
            continue
        text = text if text is not None else tag.get_text(" ")
        size = len(" ".join(text.split()))
        if _too_big(size, total, reason, keep_share):
            continue
        entry = removed(text, reason)
        if entry is not None:
            audit.append(entry)
        tag.decompose()


def _len(text: str) -> int:
    return len(" ".join(text.split()))


_GALLERY_NAMES = re.compile(r"gallery|slideshow|carousel")


def _slideshow(tag, names: str) -> bool:
    """A gallery widget named so, with many slides (a lone lead image in one stays)."""
    if not _GALLERY_NAMES.search(names):
        return False
    slides = max(len(tag.find_all(n)) for n in ("img", "figure", "li"))
    return slides >= 5


def _count_media(tag) -> tuple[int, int, list]:
    """Images, paragraphs and links under ``tag`` in one walk (three ``find_all`` each
    walked the subtree again, through bs4's matching machinery)."""
    from bs4 import Tag

    imgs = paras = 0
    anchors = []
    for node in tag.descendants:
        name = node.name if isinstance(node, Tag) else None
        if name == "img":
            imgs += 1
        elif name == "p":
            paras += 1
        elif name == "a":
            anchors.append(node)
    return imgs, paras, anchors


def clean_dense_blocks(soup, audit: list[Removed], *, keep_share: float = 0.4) -> None:
    """Remove image galleries and link farms that carry no marking class, innermost first.

    The tests follow readability's conditional cleaning, but lists and tables are left
    alone: a page's real lists are often all links, and readability loses them that way.
    """
    total = _len(soup.get_text(" ")) or 1
    for tag in reversed(soup.find_all(("div", "section", "aside"))):
        if gone(tag) or tag.parent is None:
            continue
        text = tag.get_text(" ")
        size = _len(text)
        if _slideshow(tag, soup_attrs(tag).names):
            if not _too_big(size, total, "image gallery", keep_share):
                entry = removed(text, "image gallery")
                if entry is not None:
                    audit.append(entry)
                tag.decompose()
            continue
        if size > keep_share * total:
            continue
        imgs, paras, anchors = _count_media(tag)
        reason = None
        if imgs >= 4 and imgs > 1 + paras * 1.3:
            reason = "image gallery"
        elif size:
            linked = sum(_len(a.get_text(" ")) for a in anchors)
            density = linked / size
            if (
                tag.name not in ("ul", "ol", "table")
                and density > 0.6
                and size < 1000
                and not tag.find(("h1", "h2", "h3", "h4", "h5", "h6", "p"))
            ):
                reason = "link block"
        if reason:
            entry = removed(text, reason)
            if entry is not None:
                audit.append(entry)
            tag.decompose()
