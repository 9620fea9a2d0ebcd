"""Parse a saved page into an lxml tree that survives deep nesting, plus small DOM measures.

libxml2 stops building the tree at depth 256 and silently drops what lies deeper. When
that happens the page is re-read with Python's own HTML parser (through BeautifulSoup),
tags below a safe depth are unwrapped (their text is kept), and the flattened markup is
parsed again. Everything here walks the tree with ``iter()`` or explicit stacks, never
Python recursion, so no page can raise RecursionError.
"""

from __future__ import annotations

import functools
import re

import lxml.html
from lxml import etree

MAX_DEPTH = 180  # tags nested deeper than this are unwrapped (text kept)
PP_ID = "data-pp-id"

_CTRL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def _parse(text: str, parser: lxml.html.HTMLParser) -> lxml.html.HtmlElement | None:
    try:
        root = lxml.html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError):
        return None
    return root


def _hit_depth_limit(parser: lxml.html.HTMLParser) -> bool:
    return any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log)


def _flatten_deep(text: str) -> str:
    """Unwrap every tag nested deeper than MAX_DEPTH, keeping its text and order."""
    from bs4 import BeautifulSoup, Tag

    soup = BeautifulSoup(text, "html.parser")
    deep: list[Tag] = []
    stack: list[tuple[Tag, int]] = [(soup, 0)]
    while stack:
        node, depth = stack.pop()
        for child in node.contents:
            if isinstance(child, Tag):
                if depth + 1 > MAX_DEPTH:
                    deep.append(child)
                stack.append((child, depth + 1))
    for tag in reversed(deep):  # innermost first, so unwrapping never re-parents a pending tag
        tag.unwrap()
    return str(soup)


@functools.cache
def _class_lookup() -> etree.ElementNamespaceClassLookup:
    """lxml.html's element classes, chosen in C.

    ``lxml.html.HTMLParser`` picks each element's class with a Python method
    (``HtmlElementClassLookup.lookup``), run whenever lxml hands out an element: millions of
    calls a corpus run through readability-lxml, trafilatura and our own walks, about a
    twentieth of ingest's time. The same classes (``FormElement`` for ``form`` … ,
    ``HtmlElement`` otherwise, ``HtmlComment`` …) come from lxml's C lookups instead. Copies
    of the tree (readability-lxml's, trafilatura's) keep the parser, hence the lookup.
    """
    fallback = etree.ElementDefaultClassLookup(
        element=lxml.html.HtmlElement,
        comment=lxml.html.HtmlComment,
        pi=lxml.html.HtmlProcessingInstruction,
        entity=lxml.html.HtmlEntity,
    )
    lookup = etree.ElementNamespaceClassLookup(fallback)
    lookup.get_namespace(None).update(lxml.html.HtmlElementClassLookup._default_element_classes)
    return lookup


def _html_parser(**options) -> lxml.html.HTMLParser:
    parser = lxml.html.HTMLParser(**options)
    parser.set_element_class_lookup(_class_lookup())
    return parser


def parse_document(text: str) -> lxml.html.HtmlElement | None:
    """The page as an lxml tree, or None when nothing can be parsed."""
    text = _CTRL.sub("", text)
    if text.startswith("<?xml"):
        text = re.sub(r"^<\?xml[^>]{0,200}\?>", "", text)
    parser = _html_parser(remove_comments=True, remove_pis=True)
    root = _parse(text, parser)
    if root is not None and _hit_depth_limit(parser):
        root = _parse(_flatten_deep(text), _html_parser(remove_comments=True))
    return root


def tag_elements(root: lxml.html.HtmlElement) -> dict[str, lxml.html.HtmlElement]:
    """Number every element (``data-pp-id``) so a copy's elements can be found again here."""
    index: dict[str, lxml.html.HtmlElement] = {}
    for n, el in enumerate(root.iter(etree.Element)):
        key = str(n)
        el.set(PP_ID, key)
        index[key] = el
    return index


def text_length(el) -> int:
    return len(" ".join(el.text_content().split()))


def link_density(el) -> float:
    """Share of an element's text that sits inside links."""
    total = text_length(el)
    if not total:
        return 0.0
    linked = sum(text_length(a) for a in el.iter("a"))
    return min(1.0, linked / total)


def is_inside(el, ancestors: set) -> bool:
    """Whether ``el`` or one of its ancestors is in ``ancestors``."""
    node = el
    while node is not None:
        if node in ancestors:
            return True
        node = node.getparent()
    return False
