"""Language tags as BCP 47 wants them, whatever spelling the source used.

Pages and editors write ``pt_BR``, ``EN-us`` or a POSIX locale such as ``en_US.UTF-8``;
PDF/UA (``/Lang``) and HTML (``lang``) need ``pt-BR`` and ``en-US``. One function
normalises every input (HTML ``lang``, Markdown front matter, the sidecar, Document JSON),
so only a tag that cannot be read as a language at all is an error.

langcodes' data tables take 30–45 ms to import, a tenth of ``plainprint check``'s start-up,
for what is nearly always a bare ISO 639-1 code. So a tag that already is one of the codes
langcodes accepts as canonical and valid (``ISO_639_1`` below; a test recomputes the list
from the installed langcodes) is returned as it is, and langcodes is imported for any other.
"""

from __future__ import annotations

import re

# A POSIX locale's codeset and modifier (``.UTF-8``, ``@euro``) say nothing about language.
_POSIX_TAIL = re.compile(r"[.@].*$")


# Every two-letter tag for which langcodes' standardize_tag(t) == t and Language.get(t).is_valid()
# (langcodes 3.x); deprecated codes such as "iw" and "in" are not here, as langcodes renames them.
ISO_639_1 = frozenset(
    [
        "aa",
        "ab",
        "ae",
        "af",
        "ak",
        "am",
        "an",
        "ar",
        "as",
        "av",
        "ay",
        "az",
        "ba",
        "be",
        "bg",
        "bh",
        "bi",
        "bm",
        "bn",
        "bo",
        "br",
        "bs",
        "ca",
        "ce",
        "ch",
        "co",
        "cr",
        "cs",
        "cu",
        "cv",
        "cy",
        "da",
        "de",
        "dv",
        "dz",
        "ee",
        "el",
        "en",
        "eo",
        "es",
        "et",
        "eu",
        "fa",
        "ff",
        "fi",
        "fj",
        "fo",
        "fr",
        "fy",
        "ga",
        "gd",
        "gl",
        "gn",
        "gu",
        "gv",
        "ha",
        "he",
        "hi",
        "ho",
        "hr",
        "ht",
        "hu",
        "hy",
        "hz",
        "ia",
        "id",
        "ie",
        "ig",
        "ii",
        "ik",
        "io",
        "is",
        "it",
        "iu",
        "ja",
        "jv",
        "ka",
        "kg",
        "ki",
        "kj",
        "kk",
        "kl",
        "km",
        "kn",
        "ko",
        "kr",
        "ks",
        "ku",
        "kv",
        "kw",
        "ky",
        "la",
        "lb",
        "lg",
        "li",
        "ln",
        "lo",
        "lt",
        "lu",
        "lv",
        "mg",
        "mh",
        "mi",
        "mk",
        "ml",
        "mn",
        "mr",
        "ms",
        "mt",
        "my",
        "na",
        "nb",
        "nd",
        "ne",
        "ng",
        "nl",
        "nn",
        "no",
        "nr",
        "nv",
        "ny",
        "oc",
        "oj",
        "om",
        "or",
        "os",
        "pa",
        "pi",
        "pl",
        "ps",
        "pt",
        "qu",
        "rm",
        "rn",
        "ro",
        "ru",
        "rw",
        "sa",
        "sc",
        "sd",
        "se",
        "sg",
        "si",
        "sk",
        "sl",
        "sm",
        "sn",
        "so",
        "sq",
        "sr",
        "ss",
        "st",
        "su",
        "sv",
        "sw",
        "ta",
        "te",
        "tg",
        "th",
        "ti",
        "tk",
        "tn",
        "to",
        "tr",
        "ts",
        "tt",
        "tw",
        "ty",
        "ug",
        "uk",
        "ur",
        "uz",
        "ve",
        "vi",
        "vo",
        "wa",
        "wo",
        "xh",
        "yi",
        "yo",
        "za",
        "zh",
        "zu",
    ]
)


class LanguageTagError(ValueError):
    """A language tag that no spelling rule turns into a BCP 47 language."""


def normalize_language(value: object) -> str:
    """``value`` as a canonical BCP 47 tag (``pt_BR`` → ``pt-BR``); raise for nonsense.

    Case, ``_`` separators, POSIX codesets and deprecated codes (``iw`` → ``he``) are
    corrected; a tag that does not parse, or names no registered language, is refused.
    """
    text = _POSIX_TAIL.sub("", str(value if value is not None else "").strip()).replace("_", "-")
    if text in ISO_639_1:
        return text
    import langcodes  # only for a tag that is not already a bare canonical code

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
