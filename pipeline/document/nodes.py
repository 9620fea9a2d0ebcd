"""The Document node types: the one contract between ingest, checks and render.

Modelled on Pandoc's AST but much smaller. The set is closed: adding a node type is a
deliberate change to this file, `serialize.py`, the renderers and the tests. Nodes are
frozen dataclasses holding tuples, so a Document can be shared between stages without
any of them changing it behind another's back.

Content problems (a skipped heading level, an uncited reference) are legal here; the
checks stage reports them. Only structural invariants are enforced (see `validate.py`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

# ---------------------------------------------------------------------------- inlines


@dataclass(frozen=True, slots=True)
class Text:
    text: str


@dataclass(frozen=True, slots=True)
class Emphasis:
    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Strong:
    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Link:
    href: str
    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Citation:
    """An in-text citation marker such as ``1,3`` or ``2–4``.

    ``raw`` keeps the marker exactly as written; ``refs`` holds the reference keys it
    points to, with ranges expanded (``2–4`` → ``("2", "3", "4")``).
    """

    refs: tuple[str, ...]
    raw: str


@dataclass(frozen=True, slots=True)
class LineBreak:
    pass


Inline = Text | Emphasis | Strong | Link | Citation | LineBreak

# ----------------------------------------------------------------------------- blocks


@dataclass(frozen=True, slots=True)
class Heading:
    level: int
    content: tuple[Inline, ...]
    id: str = ""
    line: int | None = None
    lang: str | None = None  # only when it differs from the document's language


@dataclass(frozen=True, slots=True)
class Paragraph:
    content: tuple[Inline, ...]
    id: str = ""
    line: int | None = None
    lang: str | None = None  # only when it differs from the document's language


@dataclass(frozen=True, slots=True)
class ListItem:
    content: tuple[Inline, ...]
    sublists: tuple[ListBlock, ...] = ()


@dataclass(frozen=True, slots=True)
class ListBlock:
    ordered: bool
    items: tuple[ListItem, ...]
    id: str = ""
    line: int | None = None
    start: int = 1
    lang: str | None = None


@dataclass(frozen=True, slots=True)
class BlockQuote:
    blocks: tuple[Block, ...]
    id: str = ""
    line: int | None = None
    lang: str | None = None


@dataclass(frozen=True, slots=True)
class Table:
    """A table; each cell is a tuple of inlines."""

    header: tuple[tuple[tuple[Inline, ...], ...], ...]
    rows: tuple[tuple[tuple[Inline, ...], ...], ...]
    caption: tuple[Inline, ...] = ()
    id: str = ""
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Figure:
    """An image. ``alt`` is None when the source gave no alt attribute, "" when decorative."""

    src: str
    alt: str | None
    caption: tuple[Inline, ...] = ()
    id: str = ""
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Reference:
    """One entry of a reference list: the raw text plus what could be parsed from it."""

    key: str
    raw: str
    authors: tuple[str, ...] = ()
    title: str | None = None
    container: str | None = None
    url: str | None = None
    doi: str | None = None
    year: int | None = None
    accessed: str | None = None  # ISO 8601 date
    accessed_raw: str | None = None  # the date as written, kept when it would not parse
    line: int | None = None


@dataclass(frozen=True, slots=True)
class References:
    """The reference list, placed in the flow where the source had it."""

    items: tuple[Reference, ...]
    id: str = ""
    line: int | None = None


Block = Heading | Paragraph | ListBlock | BlockQuote | Table | Figure | References

# ------------------------------------------------------------------- document and meta


@dataclass(frozen=True, slots=True)
class Removed:
    """Something ingest dropped on purpose, so nothing is lost silently."""

    excerpt: str
    reason: str
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Metadata:
    title: str
    language: str = "en"
    # True when the source declared no language and ingest detected it (pipeline.i18n.detect);
    # the check report says so.
    language_detected: bool = False
    source_path: str = ""
    source_format: str = ""  # html | text | markdown
    canonical_url: str | None = None
    byline: str | None = None
    published: str | None = None  # ISO 8601
    modified: str | None = None
    retrieved: str | None = None
    reviewed: str | None = None
    audience: str | None = None
    target_grade: float | None = None
    key_points: tuple[str, ...] = ()
    site_name: str | None = None
    # True when the source wrote no title (no front-matter title, no level-1 heading) and
    # ingest made one from the file name: HD001 still reports the missing heading.
    title_derived: bool = False
    # Front-matter keys plainprint has no field for (Jekyll's ``layout``, Hugo's ``weight``),
    # kept as (key, value as text) pairs in source order so an export writes them back.
    extras: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Suppression:
    """An inline ``<!-- plainprint-disable… -->`` directive, read at ingest.

    Kept in the Document so the checks never re-read the source, and so the comment itself
    can be dropped from the text. ``line`` is where the comment starts; ``target`` the
    first non-blank line after it ends (what ``disable-next-line`` applies to).
    """

    kind: str  # disable | enable | disable-next-line | disable-file
    rules: tuple[str, ...]
    reason: str
    line: int | None = None
    target: int | None = None
    text: str = ""


# 1.1: optional ``lang`` on headings, paragraphs, lists, quotes.
# 1.2: ``Metadata.title_derived`` and ``extras``; ``Document.suppressions``.
SCHEMA_VERSION = (1, 2)


@dataclass(frozen=True, slots=True)
class Document:
    metadata: Metadata
    blocks: tuple[Block, ...]
    removed: tuple[Removed, ...] = field(default=())
    suppressions: tuple[Suppression, ...] = field(default=())

    @property
    def references(self) -> tuple[Reference, ...]:
        return tuple(r for b in self.blocks if isinstance(b, References) for r in b.items)

    @property
    def title(self) -> str:
        return self.metadata.title
