"""py3langid's model, loaded in milliseconds instead of most of a second.

py3langid ships its model as one LZMA-compressed ``.npz`` (4.5 MB, 68 MB unpacked): unpacking
it costs 0.45–0.6 s on every start, more than the rest of ``plainprint check``. The first
detection in an environment therefore unpacks it once into plain ``.npy`` files beside the
installed packages (``<sys.prefix>/share/plainprint/``, like the ``.pyc`` files pip writes),
named by the model's SHA-256 so a new py3langid never reads a stale copy. Later starts map
them read-only (``numpy.load(mmap_mode="r")``): a classification touches only the pages of
the DFA rows and feature weights its text visits. The arrays are the model's own, so every
score is bit for bit what py3langid computes; where the folder is not writable detection
simply uses py3langid's own loader. Nothing is written under the user's home folder.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
import tempfile
from pathlib import Path

ARRAYS = ("ptc", "pc", "classes", "nextmove", "nextmove_row", "out_feat")


def cache_root() -> Path:
    """Where unpacked models live: the environment's ``share/plainprint`` folder."""
    return Path(sys.prefix) / "share" / "plainprint"


def model_path() -> Path:
    from py3langid.langid import MODEL_DIR, MODEL_FILE

    return Path(MODEL_DIR) / MODEL_FILE


def unpacked_dir(model: Path, root: Path) -> Path:
    digest = hashlib.sha256(model.read_bytes()).hexdigest()[:20]
    return root / f"langid-{digest}"


def unpack(model: Path, target: Path) -> None:
    """Write the model's arrays as ``.npy`` files in ``target``, atomically (rename)."""
    import lzma

    import numpy as np

    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".langid-", dir=target.parent))
    try:
        with tempfile.TemporaryFile(suffix=".npz") as raw:
            with lzma.open(model) as src:
                shutil.copyfileobj(src, raw, length=1 << 20)
            raw.seek(0)
            with np.load(raw, allow_pickle=False) as data:
                for name in ARRAYS:
                    np.save(tmp / f"{name}.npy", data[name], allow_pickle=False)
        try:
            os.rename(tmp, target)
        except OSError:  # another process got there first: its copy is the same
            if not target.is_dir():
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def identifier(root: Path | None = None):
    """A py3langid ``LanguageIdentifier`` (``norm_probs=True``) on the mapped arrays."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    model = model_path()
    try:
        folder = unpacked_dir(model, root or cache_root())
        if not folder.is_dir():
            unpack(model, folder)
        return load_unpacked(folder)
    except (OSError, ValueError):  # read-only environment, full disk: the slow, sure way
        return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def load_unpacked(folder: Path):
    import numpy as np
    from py3langid.langid import LanguageIdentifier

    arrays = {n: np.load(folder / f"{n}.npy", mmap_mode="r", allow_pickle=False) for n in ARRAYS}
    # py3langid reads the DFA one Python int at a time: a memoryview of the mapping gives
    # exactly that (as its own array("I") does) without reading all 39 MB first.
    nextmove = memoryview(arrays["nextmove"]).cast("B").cast(arrays["nextmove"].dtype.char)
    return LanguageIdentifier(
        arrays["ptc"],
        np.asarray(arrays["pc"]),
        arrays["classes"].tolist(),
        nextmove,
        arrays["out_feat"].tolist(),
        norm_probs=True,
        tk_row=arrays["nextmove_row"].tolist(),
    )
