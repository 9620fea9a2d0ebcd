"""Parsing a saved page (``pipeline.ingest.html_tree``): the element classes lxml.html gives."""

from __future__ import annotations

import copy

import lxml.html
from lxml import etree

from plainprint.pipeline.ingest.html_tree import _class_lookup, parse_document

_PAGE = (
    "<html><head><title>t</title></head><body><form action=/x><input name=a>"
    "<select><option>x</option></select><textarea>t</textarea><label>l</label></form>"
    "<p>One &amp; two<br>three</p><FORM></FORM><svg:rect/><table><tr><td>c</td></tr></table>"
    "</body></html>"
)


def _classes(root) -> list[tuple[str, str]]:
    return [(type(el).__name__, str(el.tag)) for el in root.iter()]


def test_elements_get_lxml_htmls_own_classes() -> None:
    ours = parse_document(_PAGE)
    stock = lxml.html.document_fromstring(
        _PAGE, parser=lxml.html.HTMLParser(remove_comments=True, remove_pis=True)
    )
    assert _classes(ours) == _classes(stock)
    assert ("FormElement", "form") in _classes(ours)
    assert ("InputElement", "input") in _classes(ours)
    assert etree.tostring(ours) == etree.tostring(stock)


def test_copies_and_new_elements_keep_the_classes() -> None:
    root = parse_document(_PAGE)
    assert _classes(copy.deepcopy(root)) == _classes(root)
    body = root.find("body")
    assert type(etree.SubElement(body, "select")).__name__ == "SelectElement"
    assert type(etree.SubElement(body, "div")) is lxml.html.HtmlElement


def test_the_lookup_is_lxmls_c_lookup() -> None:
    # lxml.html's own lookup is a Python method called for every element handed out.
    assert not isinstance(_class_lookup(), lxml.html.HtmlElementClassLookup)
    assert isinstance(_class_lookup(), etree.ElementNamespaceClassLookup)
