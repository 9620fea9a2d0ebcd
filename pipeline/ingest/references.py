"""Parse a reference-list entry into authors, title, container, URL, DOI, year and access date.

Reference styles in scraped health pages are loose (AMA, Vancouver, APA, bare titles with
"Available at: … Accessed 7.23.19."). The parser takes what it can recognise and keeps the
raw text, so nothing is lost when it cannot.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from plainprint.pipeline.document.nodes import Reference

URL_RE = re.compile(r"https?://[^\s<>\"']{1,2000}", re.IGNORECASE)
DOI_RE = re.compile(r"\b(10\.\d{4,9}/[^\s\"'<>]{1,300})", re.IGNORECASE)
# A labelled DOI that is not well formed ("doi: 10.1000", "doi:10/abc", "DOI 10.1234/",
# "https://doi.org/10.12/x"): kept as written so CT008 can report it instead of losing it.
_LABELLED_DOI_RE = re.compile(
    r"(?:\bdoi\b\s{0,5}:?\s{0,5}|\bdoi\.org/)(10[^\s\"'<>]{0,300})", re.IGNORECASE
)
_ACCESSED_RE = re.compile(
    r"\b(?:accessed|retrieved|viewed|cited)(?:\s+on)?\s*:?\s*"
    r"([A-Za-z0-9 ,./-]{1,40}?\d)(?=\s*(?:[.;)\]](?:\s|$)|$))",
    re.IGNORECASE,
)
_NUMERIC_DATE = re.compile(r"^(\d{1,4})[./-](\d{1,2})[./-](\d{1,4})$")
_YEAR_RE = re.compile(r"(?<!\d)(19\d\d|20\d\d)(?!\d)")
_AUTHOR_RE = re.compile(
    r"\s*(?:and\s+|&\s*)?"
    r"([A-Z][A-Za-z'’\-]{1,40}(?:\s[A-Z][a-z'’\-]{1,40})?),?\s+((?:[A-Z]\.?\s?-?){1,3})"
    r"(?:,|\.|;|\s|$)"
)
_AVAILABLE_RE = re.compile(r"\s*(?:Available (?:at|from)|Retrieved from|URL)\s*:?.*$", re.I | re.S)
_ET_AL = re.compile(r"\bet\.?\s+al\.?", re.I)


_DEFAULT_DAY = datetime(2000, 1, 1)


def parse_date(text: str) -> str | None:
    """Turn a written date into ISO 8601, or None when it is not a date.

    US numeric forms (``7.23.19``, ``7/23/2019``) are read month first; two-digit years are
    taken as 20xx. Year-first forms (``2019-07-23``) are read as ISO. A missing day or month
    is the first (``July 2019`` → ``2019-07-01``), never today's, so builds are reproducible.
    """
    text = text.strip().rstrip(".")
    m = _NUMERIC_DATE.match(text)
    if m:
        a, b, c = m.groups()
        try:
            if len(a) == 4:
                return date(int(a), int(b), int(c)).isoformat()
            year = int(c) + (2000 if len(c) <= 2 else 0)
            month, day = int(a), int(b)
            if month > 12 >= day:  # 23.7.19: day first
                month, day = day, month
            return date(year, month, day).isoformat()
        except ValueError:
            return None
    if not re.search(r"\d", text) or len(text) > 40:
        return None
    from dateutil import parser as dateparser  # here: slow to import, and often not needed

    try:
        # A fixed default, not today: "July 2019" is 2019-07-01 on every run.
        # ignoretz: only the date matters, and "PST" would otherwise print a warning.
        parsed = dateparser.parse(text, default=_DEFAULT_DAY, fuzzy=False, ignoretz=True)
    except (ValueError, OverflowError, TypeError):
        return None
    if parsed is None or not _YEAR_RE.search(text):
        return None
    return parsed.date().isoformat()


def _split_sentences(text: str) -> list[str]:
    # Split at ". " / "? " / "! " but not after an initial ("H. Thompson") or "et al.".
    parts = re.split(r"(?<=[a-z0-9\)\]][.?!])\s+(?=[A-Z0-9\[])", text)
    return [p.strip() for p in parts if p.strip()]


def _authors(text: str) -> tuple[tuple[str, ...], str]:
    """Leading author list ("Kroon, H. Thompson, J." / "Smith J, Lee K, et al.") and the rest."""
    authors: list[str] = []
    pos = 0
    while len(authors) <= 30:
        m = _AUTHOR_RE.match(text, pos)
        if not m:
            break
        authors.append(f"{m.group(1)} {m.group(2).replace('.', '').strip()}".strip())
        pos = m.end()
    if authors:
        tail = text[pos:].lstrip(" ,;")
        et = _ET_AL.match(tail)
        if et:
            authors.append("et al.")
            pos = len(text) - len(tail) + et.end()
    rest = text[pos:].lstrip(" .,;")
    return tuple(authors), rest


def parse_reference(key: str, raw: str, line: int | None = None) -> Reference:
    raw = " ".join(raw.split())
    url_m = URL_RE.search(raw)
    url = url_m.group(0).rstrip(".,;)") if url_m else None
    doi_m = DOI_RE.search(raw) or _LABELLED_DOI_RE.search(raw)
    doi = doi_m.group(1).rstrip(".,;)") or None if doi_m else None

    accessed = accessed_raw = None
    acc_m = _ACCESSED_RE.search(raw)
    if acc_m:
        accessed_raw = acc_m.group(1).strip()
        accessed = parse_date(accessed_raw)

    # Strip URL, DOI and access date before looking for authors, title and year.
    body = raw
    if acc_m:
        body = body[: acc_m.start()] + body[acc_m.end() :]
    body = URL_RE.sub("", body)
    body = re.sub(r"\b(?:doi:?\s*)?10\.\d{4,9}/\S+", "", body, flags=re.I)
    body = _LABELLED_DOI_RE.sub("", body)
    body = _AVAILABLE_RE.sub("", body).strip(" .")

    year = None
    year_m = _YEAR_RE.search(body)
    if year_m:
        year = int(year_m.group(1))

    authors, rest = _authors(body)
    sentences = _split_sentences(rest)
    title = container = None
    if sentences:
        title = sentences[0].rstrip(".").strip() or None
        if len(sentences) > 1:
            cand = re.split(r"[.;:(]|\b(?:19|20)\d\d\b", sentences[1])[0].strip(" ,.")
            if cand and not _YEAR_RE.fullmatch(cand):
                container = cand
    return Reference(
        key=key,
        raw=raw,
        authors=authors,
        title=title,
        container=container,
        url=url,
        doi=doi,
        year=year,
        accessed=accessed,
        accessed_raw=accessed_raw,
        line=line,
    )
