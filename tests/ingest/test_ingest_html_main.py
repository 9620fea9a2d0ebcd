"""readability-lxml's choice, run in place (``pipeline.ingest.html_main``)."""

from __future__ import annotations

import copy
import re

from readability import Document

from plainprint.pipeline.ingest.html_main import _readability_class, readability_roots
from plainprint.pipeline.ingest.html_tree import PP_ID, parse_document, tag_elements

_PROSE = "Sleep helps the body repair itself and adults need seven to nine hours. " * 12
PAGE = f"""<html><head><title>Sleep</title><link rel="stylesheet" href="a.css">
<style>p {{ color: red }}</style></head><body>
<nav><a href="javascript:void(0)" onclick="go()">Menu</a> <a href="/a">About</a></nav>
<div hidden><p>{_PROSE} hidden copy</p></div>
<div style="display: none"><p>{_PROSE} invisible copy</p></div>
<!-- a comment the cleaner removes -->
<article class="post"><h2>Why sleep</h2><p onmouseover="x()">{_PROSE}</p>
<p>{_PROSE} <a href="javascript:share()">Share</a></p></article>
<aside><ul><li><a href="/1">Other story one</a></li><li><a href="/2">Other two</a></li></ul></aside>
</body></html>"""


def _ids(summary: str) -> set[str]:
    return set(re.findall(rf'{PP_ID}="(\d+)"', summary))


def test_in_place_readability_keeps_what_stock_readability_keeps():
    root = parse_document(PAGE)
    tag_elements(root)
    stock = Document(copy.deepcopy(root)).summary(html_partial=True)
    ours = _readability_class()(copy.deepcopy(root)).summary(html_partial=True)
    assert _ids(ours) == _ids(stock)
    assert "Why sleep" in ours or "repair itself" in ours
    assert "hidden copy" not in ours and "invisible copy" not in ours


def test_readability_roots_leaves_the_original_tree_alone():
    root = parse_document(PAGE)
    index = tag_elements(root)
    before = len(list(root.iter()))
    roots = readability_roots(root, index)
    assert roots and all(r.getroottree().getroot() is root for r in roots)
    assert len(list(root.iter())) == before
    assert any("repair itself" in r.text_content() for r in roots)
