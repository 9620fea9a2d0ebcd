"""Write output files atomically: a temporary name in the same folder, then rename.

An interrupted or failed build never leaves a half-written PDF, HTML or report behind.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

PART = ".part"


@contextlib.contextmanager
def atomic_path(target: str | Path) -> Iterator[Path]:
    """Yield a temporary path; on success it replaces ``target``, on error it is removed."""
    import tempfile  # here, not at the top: `plainprint --help` imports this module

    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=PART, dir=target.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        os.chmod(tmp_path, 0o644)
        os.replace(tmp_path, target)
    finally:
        if tmp_path.exists():
            tmp_path.unlink()


def write_text(target: str | Path, text: str) -> None:
    with atomic_path(target) as tmp:
        tmp.write_text(text, encoding="utf-8")


def write_bytes(target: str | Path, data: bytes) -> None:
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)


def remove_partial_files(folder: str | Path) -> None:
    """Remove temporary files a killed writer left (its own clean-up never ran)."""
    folder = Path(folder)
    if folder.is_dir():
        for tmp in folder.rglob(f".*{PART}"):
            tmp.unlink(missing_ok=True)
