"""Exact positions: a finding in a .md or .txt source points at its word or sentence, and
text, JUnit, GitHub and SARIF output show the same line and column."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plainprint.checks.positions import SourceMap, _key
from plainprint.pipeline.cli import main

WRAPPED_MD = """---
title: Chemo care
lang: en
---

# Chemo care

Your nurse will explain the plan before you start.
Some people get **chemotherapy** in a clinic, and the
treatment is given through a *catheter* in the arm.

- Drink fluids every day.
- Ask the nurse about
  the [side effects](https://example.org/x) of chemotherapy.
"""

WRAPPED_TXT = """Chemo care

Your nurse will explain the plan before you start. Some
people get chemotherapy in a clinic, and the treatment
is given through a catheter in the arm.
"""


def findings(path: Path, capsys) -> list[dict]:
    assert main(["check", str(path), "--format", "json", "--fail-on", "never"]) == 0
    return json.loads(capsys.readouterr().out)["documents"][0]["findings"]


def span(path: Path, loc: dict) -> str:
    lines = path.read_text(encoding="utf-8").splitlines()
    assert loc["line"] == loc["end_line"], loc
    return lines[loc["line"] - 1][loc["column"] - 1 : loc["end_column"] - 1]


@pytest.mark.parametrize(
    ("name", "text", "rule", "word", "line"),
    [
        ("wrapped.md", WRAPPED_MD, "PL006", "chemotherapy", 9),
        ("wrapped.md", WRAPPED_MD, "PL006", "catheter", 10),
        ("wrapped.md", WRAPPED_MD, "PL004", "is given", 10),
        ("wrapped.txt", WRAPPED_TXT, "PL006", "chemotherapy", 4),
        ("wrapped.txt", WRAPPED_TXT, "PL006", "catheter", 5),
        ("wrapped.txt", WRAPPED_TXT, "PL004", "is given", 5),
    ],
)
def test_word_findings_point_at_the_word(capsys, tmp_path, name, text, rule, word, line):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    hits = [f for f in findings(path, capsys) if f["rule"] == rule]
    loc = next(f["location"] for f in hits if word in f["message"])
    assert loc["line"] == line
    assert span(path, loc) == word


def test_a_sentence_spanning_lines_has_an_end_line(capsys, tmp_path):
    path = tmp_path / "long.txt"
    path.write_text(
        "Care\n\nThe nurse checks your arm and your leg and your back and your neck\n"
        "and your feet and your hands and your eyes and your ears every day.\n",
        encoding="utf-8",
    )
    (pl001,) = [f for f in findings(path, capsys) if f["rule"] == "PL001"]
    loc = pl001["location"]
    assert (loc["line"], loc["column"], loc["end_line"]) == (3, 1, 4)
    assert (
        loc["end_column"]
        == len("and your feet and your hands and your eyes and your ears every day") + 1
    )


def test_the_same_words_thrice_in_a_block_get_their_own_positions(capsys, tmp_path):
    path = tmp_path / "thrice.md"
    path.write_text(
        "# Care\n\nThe pill is given at home. The shot is\ngiven at the clinic. The drink is\n"
        "given at night.\n",
        encoding="utf-8",
    )
    locs = [f["location"] for f in findings(path, capsys) if f["rule"] == "PL004"]
    assert [(loc["line"], loc["column"], loc["end_line"], loc["end_column"]) for loc in locs] == [
        (3, 10, 3, 18),
        (3, 37, 4, 6),
        (4, 32, 5, 6),
    ]


def test_every_format_shows_the_same_position(capsys, tmp_path, monkeypatch):
    path = tmp_path / "wrapped.md"
    path.write_text(WRAPPED_MD, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    loc = next(
        f["location"] for f in findings(Path("wrapped.md"), capsys) if "“catheter”" in f["message"]
    )
    where = f"wrapped.md:{loc['line']}:{loc['column']}"
    outputs = {}
    for fmt in ("text", "junit", "github", "sarif"):
        main(["check", "wrapped.md", "--format", fmt, "--fail-on", "warning"])
        outputs[fmt] = capsys.readouterr().out
    assert f"{where} p2:" in outputs["text"]
    assert f"{where} p2:" in outputs["junit"]
    gh = next(line for line in outputs["github"].splitlines() if "“catheter”" in line)
    assert f"line={loc['line']},col={loc['column']}," in gh
    assert f"endLine={loc['end_line']},endColumn={loc['end_column']}," in gh
    result = next(
        r
        for r in json.loads(outputs["sarif"])["runs"][0]["results"]
        if "“catheter”" in r["message"]["text"]
    )
    region = result["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["endColumn"]) == (
        loc["line"],
        loc["column"],
        loc["end_column"],
    )


def test_html_sources_keep_block_positions(capsys, tmp_path):
    """HTML has no source lines to map: no invented columns."""
    path = tmp_path / "page.html"
    path.write_text(
        "<html lang=en><title>Care</title><body><main><h1>Care</h1><p>You may get "
        "chemotherapy in a clinic.</p></main></body></html>",
        encoding="utf-8",
    )
    assert all(f["location"]["column"] is None for f in findings(path, capsys))


WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzäöüß", min_size=1, max_size=8)
SEPARATORS = [" ", "\n", "  ", " **", "** ", " _", "_ ", "\n  ", " [", "](x) "]


@given(
    words=st.lists(WORD, min_size=1, max_size=30),
    seps=st.lists(st.sampled_from(SEPARATORS), min_size=30, max_size=30),
    pick=st.integers(min_value=0, max_value=10**6),
)
def test_a_word_is_found_exactly_where_it_is_whatever_the_markup_between(words, seps, pick):
    """With the number of earlier matches (as refine counts them), find returns the word's
    own span, and position() turns it into the right line and column."""
    text = "".join(w + s for w, s in zip(words, seps, strict=False))
    i = pick % len(words)
    offset = sum(len(w) + len(s) for w, s in zip(words[:i], seps, strict=False))
    smap = SourceMap(text)
    start, end = smap.find(words[i], 1, _earlier_matches(text, words[i], offset))
    assert (start, end) == (offset, offset + len(words[i]))
    line, col = smap.position(start)
    assert text.splitlines()[line - 1][col - 1 :].startswith(words[i])


def _earlier_matches(text: str, word: str, offset: int) -> int:
    before = _key(text[:offset])
    whole = before + _key(text[offset:])
    key, n = _key(word), 0
    at = whole.find(key)
    while 0 <= at < len(before):
        n += 1
        at = whole.find(key, at + 1)
    return n
