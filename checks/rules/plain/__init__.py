"""PL: plain language, one module per topic, in code order: length (PL001–PL003), voice
(PL004–PL005), terms (PL006–PL007), acronyms (PL008), numbers (PL009), sources (PL010–PL011),
wording (PL012–PL013). Importing the package registers them all."""

from plainprint.checks.rules.plain import (  # noqa: F401
    acronyms,
    length,
    numbers,
    sources,
    terms,
    voice,
    wording,
)
