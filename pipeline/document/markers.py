"""What a citation marker points to: ``1,3`` → refs 1 and 3, ``2–4`` → 2, 3 and 4.

Part of the model because a Citation's ``refs`` are defined by its ``raw`` marker; ingest
recognises markers in text (``pipeline/ingest/citations.py``) and uses this to expand them.
"""

from __future__ import annotations

import re

_RANGE = re.compile(r"^(\d+)\s?[–—-]\s?(\d+)$")


def expand_marker(raw: str) -> tuple[str, ...]:
    """``"1,3"`` → ``("1", "3")``; ``"2–4"`` → ``("2", "3", "4")``. Keeps order, drops repeats."""
    keys: list[str] = []
    for part in re.split(r"\s?,\s?", raw.strip().strip("[]()")):
        part = part.strip()
        m = _RANGE.match(part)
        if m:
            lo, hi = int(m.group(1)), int(m.group(2))
            if lo <= hi and hi - lo <= 50:
                keys.extend(str(n) for n in range(lo, hi + 1))
                continue
            keys.extend([str(lo), str(hi)])
        elif part.isdigit():
            keys.append(str(int(part)))
    out: list[str] = []
    for k in keys:
        if k not in out:
            out.append(k)
    return tuple(out)


def canonical_marker(refs: tuple[str, ...]) -> str:
    """The marker a list of keys is written as: ``("1", "3")`` → ``"1,3"``; three or more
    consecutive numbers become a range (``("2", "3", "4")`` → ``"2–4"``).

    Used for a marker read from footnote references (``[^1][^3]``), which carry keys but no
    written marker; ``expand_marker(canonical_marker(refs)) == refs`` for numeric keys.
    """
    if not all(k.isdigit() and k == str(int(k)) for k in refs):
        return ",".join(refs)
    parts: list[str] = []
    run: list[int] = []

    def flush() -> None:
        if len(run) >= 3:
            parts.append(f"{run[0]}–{run[-1]}")
        else:
            parts.extend(str(n) for n in run)
        run.clear()

    for k in refs:
        n = int(k)
        if run and n != run[-1] + 1:
            flush()
        run.append(n)
    flush()
    return ",".join(parts)
