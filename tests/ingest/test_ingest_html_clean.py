"""Boilerplate cleaning of the chosen content (``pipeline.ingest.html_clean``)."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from plainprint.pipeline.ingest.html_clean import classify_text, clean_soup, gone


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
