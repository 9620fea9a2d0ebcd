"""Find the article in a page: readability-lxml picks the main node, then we look outward.

readability-lxml (the only importer of it) scores the page and returns a cleaned summary.
We do not keep its cleaned HTML, which drops headings, lists and tables; we keep only
*which* original elements it chose (each element carries a ``data-pp-id``), and convert
those from the original tree. Then we walk outward from that position for what it leaves
behind: the enclosing article element, and the reference list wherever it sits.
Everything outside goes into the removal audit with a reason.
"""

from __future__ import annotations

import copy
import functools
import logging
import re

from lxml import etree

from plainprint.pipeline.ingest.html_clean import classify, classify_text, lxml_attrs, lxml_names
from plainprint.pipeline.ingest.html_readability_text import fast_text_length
from plainprint.pipeline.ingest.html_tree import PP_ID, link_density, text_length

REF_NAMES = re.compile(
    r"(?:^|[\s_-])(?:references?|reflist|refs|footnotes?|endnotes?|bibliography|citations"
    r"|works-?cited|literature)(?:$|[\s_-])"
)
REF_ROLES = ("doc-bibliography", "doc-endnotes", "doc-footnotes")
REF_HEADING = re.compile(
    r"^\s*(?:references?|sources?|bibliography|citations?|works cited|notes|footnotes|endnotes"
    r"|literature cited|referencias|références|literatur|quellen|bibliografía)\s*:?\s*$",
    re.I,
)
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_ARTICLE_NAMES = re.compile(
    r"(?:^|[\s_-])(?:article-?body|articlebody|post-?body|entry-?content|post-?content"
    r"|story-?body|article-?content|main-?content|rich-?text)(?:$|[\s_-])"
)


@functools.cache
def _readability_class():
    """readability-lxml's ``Document``, run on a tree we own without its copy and link pass.

    ``Document._parse`` (readability-lxml 0.9) drops hidden elements, then runs its
    ``html_cleaner``, whose ``clean_html`` deep-copies the tree and rewrites every link to
    strip ``javascript:`` targets: a quarter of readability-lxml's time. Our tree is already
    a copy, and neither link targets nor ``on*`` attributes take part in its scoring, so the
    same cleaner runs in place with ``javascript=False``; scripts, styles, comments and
    ``<link>`` go as before (the chosen elements are the same on every bench page).
    """
    from readability import Document as Readability
    from readability.cleaners import html_cleaner
    from readability.readability import REGEXES

    cleaner = copy.copy(html_cleaner)
    cleaner.javascript = False

    class InPlace(Readability):
        def _parse(self, input):
            self.encoding = "utf-8"
            for elem in input.xpath("//*[@hidden]"):
                elem.drop_tree()
            for elem in input.xpath("//*[@style]"):
                if REGEXES["displayNoneRe"].search(elem.get("style")):
                    elem.drop_tree()
            cleaner(input)
            return input

    return InPlace


def readability_roots(root, index: dict) -> list:
    """The original elements readability-lxml kept at the top of its summary, in page order."""
    work = copy.deepcopy(root)
    level = logging.getLogger("readability.readability").level
    logging.getLogger("readability.readability").setLevel(logging.CRITICAL)
    try:
        with fast_text_length():
            summary = _readability_class()(work).summary(html_partial=True)
    except Exception:  # noqa: BLE001 - readability-lxml raises Unparseable and others
        return []
    finally:
        logging.getLogger("readability.readability").setLevel(level)
    kept = {k for k in re.findall(r'data-pp-id="(\d+)"', summary) if k in index}
    roots = []
    for key in sorted(kept, key=int):
        parent = index[key].getparent()
        if parent is None or parent.get(PP_ID) not in kept:
            roots.append(index[key])
    return _outermost(roots)


def _marked_article(node) -> bool:
    names, role = lxml_names(node)
    return (
        node.tag in ("article", "main")
        or role == "main"
        or (node.get("itemprop") or "").lower() == "articlebody"
        or bool(_ARTICLE_NAMES.search(names))
    )


def prefer_marked_article(body, roots: list) -> list:
    """Use the page's marked article when readability-lxml chose something small beside it.

    readability-lxml sometimes picks a banner or a teaser outside the article. When the
    page marks an article (``<article>``, ``<main>``, ``role=main``, an article-body class)
    that does not hold the choice and has at least twice its text, that element wins.
    """
    chosen = sum(text_length(r) for r in roots)
    keys = {el.get(PP_ID) for r in roots for el in r.iter(etree.Element)}
    best, best_size = None, 0
    for el in body.iter("article", "main", "div", "section"):
        if not _marked_article(el) or classify(lxml_attrs(el)):
            continue
        size = text_length(el)
        if size <= best_size or size < 2 * chosen or link_density(el) > 0.4:
            continue
        if any(d.get(PP_ID) in keys for d in el.iter(etree.Element)):
            continue  # it holds (part of) the choice: widening handles that case
        best, best_size = el, size
    return [best] if best is not None else roots


def _signature(el) -> tuple[str, str]:
    cls = (el.get("class") or "").split()
    return el.tag, cls[0] if cls else ""


def _step(el) -> tuple[str, str]:
    return el.tag, " ".join((el.get("class") or "").split())


def add_repeated_posts(roots: list) -> list:
    """On forum threads and similar pages, take every post, not only the longest.

    readability-lxml keeps one post of a thread. When the choice sits inside an element
    that repeats among its siblings (same tag and first class, at least two more of them,
    e.g. ``article.message``), the element at the same place inside each repeat is added.
    """
    if len(roots) != 1:
        return roots
    chosen = roots[0]
    path: list[tuple[str, str]] = []
    node = chosen
    for _ in range(10):
        parent = node.getparent()
        if parent is None or parent.tag in ("body", "html"):
            return roots
        sig = _signature(node)
        twins = [
            s for s in parent if s is not node and isinstance(s.tag, str) and _signature(s) == sig
        ]
        if len(twins) >= 2 and sig[1] and not classify(lxml_attrs(node)):
            found = [chosen]
            for twin in twins:
                targets = [twin]
                for step in reversed(path):
                    targets = [
                        c for t in targets for c in t if isinstance(c.tag, str) and _step(c) == step
                    ]
                found.extend(t for t in targets[:1] if text_length(t) >= 20)
            return _dedupe(found) if len(found) >= 3 else roots
        path.append(_step(node))
        node = parent
    return roots


def add_repeated_steps(roots: list) -> list:
    """When readability-lxml kept the same part of several repeated blocks, take it from all.

    How-to steps, recipe stages and Q&A entries repeat one structure (``div.step >
    div.content``). readability-lxml keeps that part from most repeats but drops the ones
    that hold a list or a table. When at least two chosen elements sit at the same place
    inside sibling repeats (same tag and first class), the element at that place in the
    other repeats is added.
    """
    if len(roots) < 2:
        return roots
    keys = {r.get(PP_ID) for r in roots}
    out = list(roots)
    for levels in (1, 2, 3):
        groups: dict = {}
        for el in roots:
            path, unit = [], el
            for _ in range(levels):
                path.append(_step(unit))
                unit = unit.getparent()
                if unit is None:
                    break
            if unit is None or unit.getparent() is None or unit.tag in ("body", "html"):
                continue
            groups.setdefault((unit.getparent(), _signature(unit), tuple(path)), []).append(unit)
        for (parent, sig, path), units in groups.items():
            if len(units) < 2 or not sig[1]:
                continue
            for twin in parent:
                if twin in units or not isinstance(twin.tag, str) or _signature(twin) != sig:
                    continue
                targets = [twin]
                for step in reversed(path):
                    targets = [
                        c for t in targets for c in t if isinstance(c.tag, str) and _step(c) == step
                    ]
                for t in targets[:1]:
                    if t.get(PP_ID) in keys or classify(lxml_attrs(t)) or text_length(t) < 20:
                        continue
                    if any(d.get(PP_ID) in keys for d in t.iter(etree.Element)):
                        continue
                    out.append(t)
                    keys.add(t.get(PP_ID))
    return _outermost(_dedupe(out))


def _outermost(elements: list) -> list:
    keys = {el.get(PP_ID) for el in elements}
    out = []
    for el in elements:
        node = el.getparent()
        while node is not None and node.get(PP_ID) not in keys:
            node = node.getparent()
        if node is None:
            out.append(el)
    return out


def _article_container(el, chosen: int):
    """The nearest enclosing element marked as the article, if it is not the whole page."""
    node = el.getparent()
    best = None
    steps = 0
    while node is not None and node.tag not in ("body", "html") and steps < 8:
        steps += 1
        if _marked_article(node):
            size = text_length(node)
            if size <= max(chosen * 4, chosen + 3000) and link_density(node) < 0.5:
                best = node
        node = node.getparent()
    return best


def content_like(el, *, in_article: bool = False) -> bool:
    """Whether an element beside the chosen content reads as more of the article.

    ``in_article``: the element sits inside the element marked as the article, where a bare
    ``<header>`` is the article's own (standfirst, lead figure, date), not the page's.
    """
    if not isinstance(el.tag, str) or el.tag in ("nav", "form", "aside", "footer"):
        return False
    if el.tag == "header" and not in_article:
        return False
    a = lxml_attrs(el)
    if classify(a):
        return False
    size = text_length(el)
    if size == 0:
        return False
    if el.tag in _HEADINGS:
        return size <= 200 and not classify_text(el.text_content())
    if classify_text(el.text_content()) or link_density(el) > 0.5:
        return False
    blocks = sum(1 for _ in el.iter("p", "li", "h2", "h3", "h4", "h5", "h6", "tr", "dd"))
    if el.tag in ("p", "ul", "ol", "table", "dl", "blockquote", "figure", "pre"):
        return size >= 20 or el.tag != "p"
    return blocks > 0 and size >= 40


def widen_to_article(roots: list) -> list:
    """Add what readability-lxml left out beside its choice, inside the same article.

    readability-lxml picks the largest run of paragraphs and often leaves out neighbouring
    sections that are mostly headings, lists or tables. When the choice sits inside an
    element marked as the article (``<article>``, ``<main>``, an article-body class) that is
    not the whole page, the choice's siblings on the way up to that element are added when
    they read as content (see ``content_like``).
    """
    if not roots:
        return roots
    chosen = sum(text_length(r) for r in roots)
    keys = {r.get(PP_ID) for r in roots}
    out = list(roots)
    for el in roots:
        container = _article_container(el, chosen)
        if container is None:
            continue
        node = el
        while node is not container:
            parent = node.getparent()
            for sib in parent:
                if sib is node or sib.get(PP_ID) in keys or not isinstance(sib.tag, str):
                    continue
                if any(k in keys for k in (d.get(PP_ID) for d in sib.iter(etree.Element))):
                    continue
                if content_like(sib, in_article=True):
                    out.append(sib)
                    keys.add(sib.get(PP_ID))
            node = parent
    return _outermost(_dedupe(out))


def fill_gaps(roots: list) -> list:
    """Add what lies between two chosen elements of the same parent, when it reads as content.

    readability-lxml's conditional cleaning drops a list in a blockquote or a small table
    between paragraphs it keeps; lying between kept parts, it belongs to the article.
    """
    by_parent: dict = {}
    for el in roots:
        parent = el.getparent()
        if parent is not None:
            by_parent.setdefault(parent, []).append(el)
    keys = {r.get(PP_ID) for r in roots}
    out = list(roots)
    for parent, kids in by_parent.items():
        if len(kids) < 2:
            continue
        children = [c for c in parent if isinstance(c.tag, str)]
        pos = [children.index(k) for k in kids]
        for sib in children[min(pos) + 1 : max(pos)]:
            if sib.get(PP_ID) not in keys and content_like(sib, in_article=True):
                out.append(sib)
    return _dedupe(out)


def _dedupe(elements: list) -> list:
    seen, out = set(), []
    for el in elements:
        key = el.get(PP_ID)
        if key not in seen:
            seen.add(key)
            out.append(el)
    return sorted(out, key=lambda e: int(e.get(PP_ID)))


def _is_ref_container(el) -> bool:
    names, role = lxml_names(el)
    return role in REF_ROLES or bool(REF_NAMES.search(names))


def reference_blocks(root, roots: list) -> list:
    """Reference or footnote lists outside the chosen content: the list element plus heading."""
    inside = {el.get(PP_ID) for r in roots for el in r.iter(etree.Element)}
    found: list = []
    taken: set[str] = set()

    def take(el) -> None:
        keys = {e.get(PP_ID) for e in el.iter(etree.Element)}
        if keys & (inside | taken):
            return
        if not any(True for _ in el.iter("li")) and not el.xpath(".//p"):
            return
        if text_length(el) < 20 or link_density(el) > 0.7:
            return
        taken.update(keys)
        found.append(el)

    for el in root.iter("ol", "ul", "div", "section", "aside", "footer"):
        if el.get(PP_ID) in inside or el.get(PP_ID) in taken:
            continue
        if _is_ref_container(el):
            take(el)
    for h in root.iter(*_HEADINGS):
        if h.get(PP_ID) in inside or h.get(PP_ID) in taken:
            continue
        if not REF_HEADING.match(" ".join(h.text_content().split())):
            continue
        # The heading's section: its parent when the parent is a small wrapper, else the
        # heading plus its next sibling list.
        parent = h.getparent()
        if (
            parent is not None
            and parent.tag in ("section", "div", "aside", "footer")
            and parent.get(PP_ID) not in inside
            and sum(1 for _ in parent.iter(*_HEADINGS)) == 1
        ):
            take(parent)
            continue
        nxt = h.getnext()
        if nxt is not None and nxt.tag in ("ol", "ul", "div"):
            take(h)
            take(nxt)
    return _dedupe(found)


def audit_outside(body, keep: list) -> list[tuple[str, str]]:
    """(text, reason) for every block outside ``keep``, classified where the markup says why.

    Each element off the path to the kept content is one entry, unless nothing marks it as
    boilerplate: then up to three levels of its children are looked at, so a page header
    shows as its skip link, toolbar and navigation rather than one lump.
    """
    keep_keys = {el.get(PP_ID) for el in keep}
    path: set[str] = set()
    for el in keep:
        node = el.getparent()
        while node is not None:
            path.add(node.get(PP_ID))
            node = node.getparent()
    out: list[tuple[str, str]] = []
    stack: list[tuple[object, int]] = [(body, -1)]  # -1: on the path to kept content
    while stack:
        el, depth = stack.pop()
        key = el.get(PP_ID)
        if key in keep_keys:
            continue
        children = [c for c in el if isinstance(c.tag, str)]
        if depth < 0 and (key in path or el is body):
            _own_text(el, out)
            stack.extend((c, -1 if c.get(PP_ID) in path else 0) for c in reversed(children))
            continue
        text = " ".join(el.itertext())
        if not text.strip():
            continue
        reason = classify(lxml_attrs(el)) or classify_text(text)
        if reason:
            out.append((text, reason))
        elif depth < 3 and children:
            _own_text(el, out)
            stack.extend((c, depth + 1) for c in reversed(children))
        else:
            out.append((text, "outside the main content"))
    return out


def _own_text(el, out: list[tuple[str, str]]) -> None:
    own = " ".join([el.text or ""] + [c.tail or "" for c in el])
    if own.strip():
        out.append((own, "outside the main content"))
