"""Hypothesis strategies for Documents.

``documents()`` builds Documents in the canonical form ingest produces, which the Markdown
round trip must reproduce exactly (see ``pipeline/export/markdown.py``). ``any_documents()``
builds structurally valid Documents with every field free (line numbers, audits, reference
fields that do not follow from ``raw``): the JSON round trip must keep those too.

The text alphabet is all of Unicode but control characters, surrogates, private-use and
unassigned code points and the line/paragraph separators, biased towards characters the
Markdown exporter must escape (``* _ [ ] # > ` | \\ & ! ( ) : -`` and leading ``1.``).
"""

from __future__ import annotations

from hypothesis import strategies as st

from plainprint.pipeline.document.build import number_blocks
from plainprint.pipeline.document.nodes import (
    BlockQuote,
    Citation,
    Document,
    Emphasis,
    Figure,
    Heading,
    Inline,
    LineBreak,
    Link,
    ListBlock,
    ListItem,
    Metadata,
    Paragraph,
    Reference,
    References,
    Removed,
    Strong,
    Suppression,
    Table,
    Text,
)
from plainprint.pipeline.ingest.citations import expand_marker
from plainprint.pipeline.ingest.references import parse_reference

CHARS = st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Co", "Cn", "Zl", "Zp"))
SPECIAL_FRAGMENTS = [
    "*", "**", "_", "__", "[", "]", "[1]", "[^1]", "[2–4]", "#", "## ", ">", "`", "```", "|",
    "\\", "&", "&amp;", "&#35;", "!", "![", "(", ")", ":", "-", "- ", "+ ", "1. ", "2)", "=",
    "~~~", "---", "<", "<b>", "http://x.org/a_b", " ", "  ", "    ", "\u00a0", "\u200b",
    "\u202e", "é", "ß", "中文", "עברית", "العربية", "😀", "👩🏽‍⚕️", "5%", "7.23.19", "e.g.",
    "Table:", "a_b", "'", '"',
]  # fmt: skip
FRAGMENT = st.one_of(st.sampled_from(SPECIAL_FRAGMENTS), st.text(CHARS, min_size=1, max_size=8))
ALNUM = st.characters(codec="utf-8", categories=("Lu", "Ll", "Lo", "Nd"))


def texts(min_size: int = 0, max_size: int = 6) -> st.SearchStrategy[str]:
    return st.lists(FRAGMENT, min_size=min_size, max_size=max_size).map("".join)


def words() -> st.SearchStrategy[str]:
    return st.text(ALNUM, min_size=1, max_size=6)


# --------------------------------------------------------------------------- citations

NUMBER = st.integers(1, 999).map(str)
MARKER_RAW = st.one_of(
    NUMBER,
    st.tuples(NUMBER, NUMBER).map(",".join),
    st.tuples(st.integers(1, 60), st.integers(0, 30)).map(lambda t: f"{t[0]}–{t[0] + t[1]}"),
    st.tuples(NUMBER, NUMBER, NUMBER).map(lambda t: f"{t[0]},{t[1]}-{t[2]}"),
)
FOOTNOTE_KEY = st.text(
    st.sampled_from("abcdefghijklmnopqrstuvwxyzABCXYZ0123456789_-"), min_size=1, max_size=10
)


def citations() -> st.SearchStrategy[Citation]:
    """Citations as ingest makes them: ``[^key]`` or a numeric marker, refs from raw."""
    return st.one_of(
        FOOTNOTE_KEY.map(lambda k: Citation(refs=(k,), raw=k)),
        MARKER_RAW.map(lambda raw: Citation(refs=expand_marker(raw), raw=raw)),
    )


# ----------------------------------------------------------------------------- inlines


def _merge(nodes: list[Inline]) -> list[Inline]:
    out: list[Inline] = []
    for node in nodes:
        if isinstance(node, Text):
            if not node.text:
                continue
            if out and isinstance(out[-1], Text):
                out[-1] = Text(out[-1].text + node.text)
                continue
        out.append(node)
    return out


def canonical_run(nodes: list[Inline], *, breaks: bool) -> tuple[Inline, ...]:
    """Put a run of inlines in the canonical form (see the exporter's docstring)."""
    nodes = _merge(nodes)
    if breaks:
        kept: list[Inline] = []
        for node in nodes:
            if isinstance(node, LineBreak) and (not kept or isinstance(kept[-1], LineBreak)):
                continue
            kept.append(node)
        while kept and isinstance(kept[-1], LineBreak):
            kept.pop()
        nodes = kept
    else:
        nodes = [n for n in nodes if not isinstance(n, LineBreak)]
    nodes = _merge(nodes)
    # Emphasis and Strong are set off from neighbouring text by whitespace.
    out: list[Inline] = []
    for i, node in enumerate(nodes):
        if isinstance(node, Emphasis | Strong):
            prev = out[-1] if out else None
            if isinstance(prev, Emphasis | Strong):
                out.append(Text(" "))
            elif isinstance(prev, Text) and not prev.text[-1].isspace():
                out[-1] = Text(prev.text + " ")
            out.append(node)
            nxt = nodes[i + 1] if i + 1 < len(nodes) else None
            if isinstance(nxt, Text) and not nxt.text[0].isspace():
                nodes[i + 1] = Text(" " + nxt.text)
        else:
            out.append(node)
    return tuple(_merge(out))


@st.composite
def inline_runs(draw, depth: int = 2, *, breaks: bool = False, links: bool = True,
                cites: bool = True, min_size: int = 0) -> tuple[Inline, ...]:  # fmt: skip
    options = [texts(1).map(Text)]
    if cites:
        options.append(citations())
    if breaks:
        options.append(st.just(LineBreak()))
    if depth > 0:
        options.append(emphasis(depth - 1, links=links, cites=cites))
        if links:
            options.append(links_(depth - 1))
    nodes = draw(st.lists(st.one_of(*options), min_size=min_size, max_size=5))
    run = canonical_run(list(nodes), breaks=breaks)
    if min_size and not run:
        run = (Text(draw(words())),)
    return run


@st.composite
def emphasis(draw, depth: int, *, links: bool, cites: bool) -> Inline:
    """Emphasis or Strong whose content starts and ends with a letter or digit."""
    inner = draw(inline_runs(depth, links=links, cites=cites))
    children = canonical_run(
        [Text(draw(words())), Text(" "), *inner, Text(" "), Text(draw(words()))], breaks=False
    )
    kind = draw(st.sampled_from([Emphasis, Strong]))
    return kind(children)


HREF = st.one_of(
    st.just(""),
    texts(0, 3).map(lambda t: "https://example.org/" + t),
    texts(0, 3).map(lambda t: "docs/" + t),
)


@st.composite
def links_(draw, depth: int) -> Link:
    children = draw(inline_runs(depth, links=False, cites=False))
    return Link(href=draw(HREF), children=children)


# ------------------------------------------------------------------------------ blocks


LEVELS = st.integers(1, 6)


def headings(levels: st.SearchStrategy[int] = LEVELS) -> st.SearchStrategy[Heading]:
    return st.builds(lambda lv, c: Heading(level=lv, content=c), levels, inline_runs())


def broken_runs() -> st.SearchStrategy[tuple[Inline, ...]]:
    """Inline runs, a third of them with a hard line break in the middle."""
    two = st.tuples(inline_runs(min_size=1), inline_runs(min_size=1)).map(
        lambda ab: canonical_run([*ab[0], LineBreak(), *ab[1]], breaks=True)
    )
    return st.one_of(inline_runs(breaks=True), inline_runs(breaks=True), two)


def paragraphs() -> st.SearchStrategy[Paragraph]:
    return broken_runs().filter(bool).map(lambda c: Paragraph(content=c))


def list_blocks(depth: int = 2) -> st.SearchStrategy[ListBlock]:
    sub = st.lists(list_blocks(depth - 1), max_size=2) if depth > 0 else st.just([])
    item = st.builds(lambda c, s: ListItem(content=c, sublists=tuple(s)), broken_runs(), sub)
    return st.builds(
        lambda ordered, items, start: ListBlock(
            ordered=ordered, items=tuple(items), start=start if ordered else 1
        ),
        st.booleans(),
        st.lists(item, min_size=1, max_size=4),
        st.one_of(st.just(1), st.integers(0, 1_000_000)),
    )


@st.composite
def tables(draw) -> Table:
    width = draw(st.integers(1, 4))
    cell = inline_runs()
    row = st.lists(cell, min_size=width, max_size=width).map(tuple)
    header = draw(st.one_of(st.just(()), row.filter(lambda r: any(r)).map(lambda r: (r,))))
    rows = draw(st.lists(row, max_size=3))
    caption = draw(st.one_of(st.just(()), inline_runs(min_size=1)))
    return Table(header=header, rows=tuple(rows), caption=caption)


def figures() -> st.SearchStrategy[Figure]:
    return st.builds(
        lambda src, alt, caption: Figure(src=src, alt=alt, caption=caption),
        st.one_of(texts(1, 3), st.just("images/a b (1).png")),
        st.one_of(st.none(), texts(1, 3)),
        st.one_of(st.just(()), inline_runs(min_size=1)),
    )


@st.composite
def references_blocks(draw) -> References:
    keys = draw(st.lists(FOOTNOTE_KEY, min_size=1, max_size=4, unique=True))
    items = []
    for key in keys:
        raw = draw(
            st.one_of(
                texts(1, 6),
                st.sampled_from(
                    [
                        "Kroon, H. Thompson, J. Isolated Limb Infusion. Available at: "
                        "Accessed 7.23.19.",
                        "Smith J, Lee K, et al. A trial. N Engl J Med. 2019;380:1-10. "
                        "doi:10.1056/NEJMoa1 https://example.org/a_b",
                    ]
                ),
            ).filter(lambda r: r.strip())
        )
        items.append(parse_reference(key, raw))
    return References(items=tuple(items))


def blocks(depth: int = 2) -> st.SearchStrategy:
    options = [headings(), paragraphs(), list_blocks(), tables(), figures(), references_blocks()]
    if depth > 0:
        options.append(
            st.lists(blocks(depth - 1), max_size=3).map(
                lambda bs: BlockQuote(blocks=tuple(_no_adjacent_references(bs)))
            )
        )
    return st.one_of(*options)


def _no_adjacent_references(bs: list) -> list:
    out: list = []
    for b in bs:
        if isinstance(b, References) and out and isinstance(out[-1], References):
            continue
        out.append(b)
    return out


DATES = st.one_of(st.none(), st.dates().map(lambda d: d.isoformat()))


def metadata() -> st.SearchStrategy[Metadata]:
    optional_text = st.one_of(st.none(), texts(1, 4))
    return st.builds(
        Metadata,
        title=texts(1, 4).filter(lambda t: t.strip()),
        language=st.sampled_from(["en", "es", "fr", "ar", "zh-Hans", "en-GB"]),
        canonical_url=st.one_of(st.none(), HREF),
        byline=optional_text,
        published=DATES,
        modified=DATES,
        retrieved=DATES,
        reviewed=DATES,
        audience=optional_text,
        target_grade=st.one_of(st.none(), st.floats(0, 30, allow_nan=False)),
        key_points=st.lists(texts(1, 4), max_size=3).map(tuple),
        site_name=optional_text,
    )


@st.composite
def documents(draw) -> Document:
    """A canonical Document: a level-1 heading first, then any blocks."""
    first = draw(headings(st.just(1)))
    body = draw(st.lists(blocks(), max_size=6))
    return number_blocks(
        Document(
            metadata=draw(metadata()),
            blocks=(first, *_no_adjacent_references(body)),
        )
    )


# ---------------------------------------------------------------- any valid Document

_LINE = st.one_of(st.none(), st.integers(1, 10**6))
_TEXT = st.text(CHARS, max_size=20)


def _any_inlines(depth: int = 2) -> st.SearchStrategy[tuple]:
    base = st.one_of(
        _TEXT.map(Text),
        st.just(LineBreak()),
        st.builds(Citation, st.lists(_TEXT, max_size=3).map(tuple), _TEXT),
    )
    if depth == 0:
        return st.lists(base, max_size=4).map(tuple)
    inner = _any_inlines(depth - 1)
    return st.lists(
        st.one_of(
            base,
            inner.map(Emphasis),
            inner.map(Strong),
            st.builds(Link, _TEXT, inner),
        ),
        max_size=4,
    ).map(tuple)


def _any_reference() -> st.SearchStrategy[Reference]:
    return st.builds(
        Reference,
        key=_TEXT,
        raw=_TEXT,
        authors=st.lists(_TEXT, max_size=3).map(tuple),
        title=st.one_of(st.none(), _TEXT),
        container=st.one_of(st.none(), _TEXT),
        url=st.one_of(st.none(), _TEXT),
        doi=st.one_of(st.none(), _TEXT),
        year=st.one_of(st.none(), st.integers(1000, 2100)),
        accessed=st.one_of(st.none(), _TEXT),
        accessed_raw=st.one_of(st.none(), _TEXT),
        line=_LINE,
    )


def _any_blocks(depth: int = 2) -> st.SearchStrategy:
    inl = _any_inlines()
    cells = st.lists(st.lists(inl, max_size=3).map(tuple), max_size=3).map(tuple)
    items = st.lists(st.builds(ListItem, inl, st.just(())), max_size=3).map(tuple)
    options = [
        st.builds(Heading, st.integers(1, 6), inl, line=_LINE),
        st.builds(Paragraph, inl, line=_LINE),
        st.builds(ListBlock, st.booleans(), items, line=_LINE, start=st.integers(0, 99)),
        st.builds(Table, cells, cells, inl, line=_LINE),
        st.builds(Figure, _TEXT, st.one_of(st.none(), _TEXT), inl, line=_LINE),
        st.builds(References, st.lists(_any_reference(), max_size=3).map(tuple), line=_LINE),
    ]
    if depth > 0:
        options.append(
            st.builds(BlockQuote, st.lists(_any_blocks(depth - 1), max_size=3).map(tuple))
        )
    return st.one_of(*options)


@st.composite
def any_documents(draw) -> Document:
    """Any structurally valid Document, every field free (for the JSON round trip)."""
    meta = draw(metadata())
    meta = Metadata(
        **{
            **{f: getattr(meta, f) for f in meta.__slots__},
            "source_path": draw(_TEXT),
            "source_format": draw(st.sampled_from(["html", "text", "markdown", ""])),
            "title_derived": draw(st.booleans()),
            "extras": draw(st.lists(st.tuples(_TEXT, _TEXT), max_size=3).map(tuple)),
        }
    )
    removed = draw(st.lists(st.builds(Removed, _TEXT, _TEXT, line=_LINE), max_size=3).map(tuple))
    suppressions = draw(
        st.lists(
            st.builds(
                Suppression,
                st.sampled_from(["disable", "enable", "disable-next-line", "disable-file"]),
                st.lists(_TEXT, max_size=3).map(tuple),
                _TEXT,
                line=_LINE,
                target=_LINE,
                text=_TEXT,
            ),
            max_size=3,
        ).map(tuple)
    )
    body = draw(st.lists(_any_blocks(), max_size=6).map(tuple))
    return number_blocks(
        Document(metadata=meta, blocks=body, removed=removed, suppressions=suppressions)
    )
