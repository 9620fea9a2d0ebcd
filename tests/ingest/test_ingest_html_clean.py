"""Boilerplate cleaning of the chosen content (``pipeline.ingest.html_clean``)."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st

from plainprint.pipeline.ingest.html_clean import (
    _break_class,
    _count_media,
    author_box,
    classify_text,
    clean_soup,
    gone,
    mark_breaks,
    text_upto,
)


def _soup(html: str) -> BeautifulSoup:
    return BeautifulSoup("<div>" + html + "</div>", "lxml")


def test_gone_follows_decompose_of_the_tag_and_its_ancestors():
    soup = _soup("<section><p>one <b>two</b></p></section><p>three</p>")
    section, kept = soup.find("section"), soup.find_all("p")[1]
    inner = soup.find("b")
    assert not gone(section) and not gone(inner) and not gone(kept)
    section.decompose()
    assert gone(section) and gone(inner)
    assert not gone(kept)


def test_gone_never_searches_the_subtree():
    # bs4's ``tag.decomposed`` on a fresh tag falls through to ``Tag.__getattr__``, which
    # searches the whole subtree (``find``); on every tag of a long page that cost a tenth
    # of ingest's time. ``gone`` must answer without searching.
    soup = _soup("<section><p>one</p><p>two</p></section>")
    section = soup.find("section")

    def no_search(*args, **kwargs):
        raise AssertionError("searched the subtree")

    section.find = no_search
    assert gone(section) is False


def test_clean_soup_skips_what_an_ancestor_removal_took():
    soup = _soup(
        '<div class="share-buttons"><p class="cookie-notice">We use cookies.</p></div>'
        "<p>" + "Sleep helps the body repair itself. " * 30 + "</p>"
    )
    audit = []
    clean_soup(soup, audit)
    assert "cookies" not in soup.get_text()
    assert "Sleep helps" in soup.get_text()
    assert len(audit) == 1  # the box, not the box and then its child again


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("We are a reader-supported website and do not accept payment.", "affiliate disclosure"),
        (
            "We independently test everything we recommend. Buying through links supports us.",
            "affiliate disclosure",
        ),
        (
            "I use affiliate links where I can, to keep reviewing sustainable!",
            "affiliate disclosure",
        ),
        ("We independently tested twelve blood pressure monitors over six weeks.", None),
        ("The clinic is a reader of new research and supports its patients.", None),
    ],
)
def test_affiliate_disclosures(text: str, reason: str | None) -> None:
    assert classify_text(text) == reason


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("4.8 out of 5 stars 193 total reviews • Free trial available", "rating widget"),
        ("Rated 4.5/5 (120 reviews)", "rating widget"),
        ("4 out of 5 adults walk less than they should, the survey found.", None),
    ],
)
def test_rating_widgets(text: str, reason: str | None) -> None:
    assert classify_text(text) == reason


# ------------------------------------------------------------ the cleaning steps' shortcuts
# Each stands in for a slower bs4 call on every tag; each must answer exactly as that call.

_NESTED = "<section>Skip <b>to</b>\n  <i>content</i><p>one <a href=/x>two</a></p> three</section>"


@pytest.mark.parametrize("limit", [1, 5, 8, 9, 10, 20, 26, 27, 28, 200])
def test_text_upto_is_get_text_or_its_head(limit: int) -> None:
    tag = _soup(_NESTED).find("section")
    full = tag.get_text(" ")
    text, whole = text_upto(tag, limit)
    assert whole == (len(full) < limit)
    if whole:
        assert text == full
    else:
        assert full.startswith(text) and len(text) >= limit


def test_text_upto_of_an_empty_tag() -> None:
    assert text_upto(_soup("<span></span>").find("span"), 10) == ("", True)


@given(
    st.lists(
        st.sampled_from(["br", "line-break", "linebreak", "brx", "x", "br-x", "lb", "", "BR"]),
        max_size=4,
    )
)
def test_break_class_matches_as_bs4_find_all(classes: list[str]) -> None:
    from plainprint.pipeline.ingest.html_clean import _BREAK_CLASS

    soup = _soup(f'<span class="{" ".join(classes)}"></span><span></span>')
    expected = soup.find_all(class_=_BREAK_CLASS)
    assert [t for t in soup.find_all("span") if _break_class(t.get("class"))] == expected


def test_mark_breaks_still_turns_break_spans_into_br() -> None:
    soup = _soup('<p>rumination<span class="x br"></span>Meditation<span class=br>kept</span></p>')
    mark_breaks(soup)
    assert str(soup.p) == '<p>rumination<br/>Meditation<span class="br">kept</span></p>'


def test_count_media_counts_as_find_all() -> None:
    html = "<div><p>a <a href=1>b</a></p><img/><figure><img/><a href=2><img/></a></figure>"
    html += "<p><a href=3>c <a href=4>d</a></a></p></div>"
    tag = _soup(html).find("div")
    imgs, paras, anchors = _count_media(tag)
    assert imgs == len(tag.find_all("img")) == 3
    assert paras == len(tag.find_all("p")) == 2
    assert anchors == tag.find_all("a")


@pytest.mark.parametrize(
    ("html", "boxed"),
    [
        ("<div><p>Medically reviewed by</p><p>Jane Doe, MD</p></div>", True),
        ("<div><p>\n  Medically reviewed by:\n  </p><p>Jane Doe, MD</p></div>", True),
        ("<div><p>Medically   reviewed by</p><p>Jane Doe, MD</p></div>", False),
        ("<div><p>Reviewed by our team of editors and doctors " + "x " * 40 + "</p></div>", False),
        ("<div><p>" + " " * 300 + "Written by</p><p>Jane</p></div>", True),
    ],
)
def test_author_box_with_and_without_the_callers_text(html: str, boxed: bool) -> None:
    soup = _soup(html)
    label = soup.find("p")
    for text in (None, label.get_text(" ")):
        box = author_box(label, 10_000, 0.4, text)
        assert (box is not None) == boxed
        if boxed:
            assert box.name == "div"


@pytest.mark.parametrize(
    "html",
    [
        '<div class="Article-Body x" id="main" role="Main" style="display:none">t</div>',
        '<section id="how-to-sleep-well-at-night" class="refs">t</section>',
        "<p>t</p>",
    ],
)
def test_lxml_names_are_lxml_attrs_names_and_role(html: str) -> None:
    import lxml.html

    from plainprint.pipeline.ingest.html_clean import lxml_attrs, lxml_names

    el = lxml.html.fragment_fromstring(html)
    attrs = lxml_attrs(el)
    assert lxml_names(el) == (attrs.names, attrs.role)


@given(st.text(alphabet=st.sampled_from("ab-_ 1"), max_size=12))
def test_id_words_drops_slugs_of_over_three_parts(ident: str) -> None:
    import re

    from plainprint.pipeline.ingest.html_clean import _id_words

    assert _id_words(ident) == ("" if len(re.split(r"[-_]", ident)) > 3 else ident)


def test_classify_answers_repeated_elements_from_its_cache() -> None:
    from plainprint.pipeline.ingest.html_clean import Attrs, classify

    attrs = [Attrs("div", "share-bar x", "", "", False), Attrs("div", "post", "", "", False)]
    first = [classify(a) for a in attrs]
    hits = classify.cache_info().hits
    assert [classify(Attrs(a.tag, a.names, a.role, a.label, a.hidden)) for a in attrs] == first
    assert first == ["share or print widget", None]
    assert classify.cache_info().hits == hits + 2


def test_classify_text_caches_short_normalised_texts_only() -> None:
    from plainprint.pipeline.ingest.html_clean import _text_reason

    before = _text_reason.cache_info().currsize
    assert classify_text("We use cookies. " * 40) is None  # over 400 characters
    assert _text_reason.cache_info().currsize == before
    assert classify_text("  Skip to\n main content ") == "skip link"
    assert classify_text("Skip to main content") == "skip link"
    assert _text_reason.cache_info().currsize <= before + 1
