"""Language tags as BCP 47 wants them, whatever spelling the source used.

Pages and editors write ``pt_BR``, ``EN-us`` or a POSIX locale such as ``en_US.UTF-8``;
PDF/UA (``/Lang``) and HTML (``lang``) need ``pt-BR`` and ``en-US``. One function
normalises every input (HTML ``lang``, Markdown front matter, the sidecar, Document JSON),
so only a tag that cannot be read as a language at all is an error.
"""

from __future__ import annotations

import re

import langcodes

# A POSIX locale's codeset and modifier (``.UTF-8``, ``@euro``) say nothing about language.
_POSIX_TAIL = re.compile(r"[.@].*$")


class LanguageTagError(ValueError):
    """A language tag that no spelling rule turns into a BCP 47 language."""


def normalize_language(value: object) -> str:
    """``value`` as a canonical BCP 47 tag (``pt_BR`` → ``pt-BR``); raise for nonsense.

    Case, ``_`` separators, POSIX codesets and deprecated codes (``iw`` → ``he``) are
    corrected; a tag that does not parse, or names no registered language, is refused.
    """
    text = _POSIX_TAIL.sub("", str(value if value is not None else "").strip()).replace("_", "-")
    try:
        tag = langcodes.standardize_tag(text)
    except (langcodes.LanguageTagError, ValueError):
        raise LanguageTagError(f"{value!r} is not a BCP 47 language tag") from None
    if not langcodes.Language.get(tag).is_valid():
        raise LanguageTagError(f"{value!r} names no registered language") from None
    return tag


def language_or_none(value: str | None) -> str | None:
    """The normalised tag, or None where ``value`` is empty or unreadable (a page's hint)."""
    if not value or not value.strip():
        return None
    try:
        return normalize_language(value)
    except LanguageTagError:
        return None
