"""Bytes to text: honour BOMs and ``<meta charset>``, fall back to detection, never crash."""

from __future__ import annotations

import codecs
import re

_BOMS = [
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE
)


_LATIN_GUESSES = {
    "cp1250",
    "cp1252",
    "cp1254",
    "cp1257",
    "latin_1",
    "iso8859_1",
    "iso8859_2",
    "iso8859_9",
    "iso8859_15",
    "mac_roman",
    "mac_latin2",
    "cp850",
    "cp437",
    "ascii",
}


def _valid(name: str) -> str | None:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def sniff_html_charset(data: bytes) -> str | None:
    m = _META_CHARSET.search(data[:4096])
    return _valid(m.group(1).decode("ascii", "replace")) if m else None


def decode(data: bytes, *, html: bool = False) -> tuple[str, str]:
    """Return (text, encoding used).

    Order: BOM, then valid UTF-8, then the page's declared charset when the bytes agree
    with it, then charset-normalizer's guess, then Windows-1252 with replacement. A
    ``<meta charset>`` that contradicts valid UTF-8 bytes loses: bytes win over labels.
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return data.decode(enc, errors="replace"), enc
    # UTF-16 without BOM: many NULs at alternating positions.
    if len(data) >= 4 and data[1:200:2].count(0) > 0.4 * len(data[1:200:2]):
        return data.decode("utf-16-le", errors="replace"), "utf-16-le"
    if len(data) >= 4 and data[0:200:2].count(0) > 0.4 * len(data[0:200:2]):
        return data.decode("utf-16-be", errors="replace"), "utf-16-be"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    declared = sniff_html_charset(data) if html else None
    if declared and declared not in ("utf-8", "utf_8"):
        try:
            return data.decode(declared), declared
        except (UnicodeDecodeError, LookupError):
            pass
    from charset_normalizer import from_bytes  # rarely needed; slow to import

    best = from_bytes(data[:200_000]).best()
    guess = best.encoding if best is not None and best.encoding else None
    # Short Western text is often mis-guessed as another Latin code page (cp1250 turns
    # "fièvre" into "fičvre"). When the guess is a Latin-alphabet code page and the bytes
    # are valid Windows-1252 (a superset of Latin-1's printable range), prefer Windows-1252,
    # by far the most common legacy encoding of English and Western European pages.
    if guess is None or guess.replace("-", "_") in _LATIN_GUESSES:
        try:
            return data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            pass
    if guess:
        return data.decode(guess, errors="replace"), guess
    return data.decode("cp1252", errors="replace"), "cp1252"
