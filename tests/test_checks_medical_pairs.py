"""Our own small dev set: a statistics-heavy abstract must score harder than its
plain-language summary, with the headline grade and with ``health_vocabulary``.

The pairs (tests/fixtures/checks/medical_pairs) were written by the team for this guard;
textstat's SMOG ranks only some of them right because it ends a sentence at every decimal
point. The held-out set of real abstracts is measured elsewhere.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from plainprint.checks.analysis.formulas import scores
from plainprint.checks.scoring import document_counts
from plainprint.pipeline.ingest import ingest_bytes

PAIRS = Path(__file__).parent / "fixtures" / "checks" / "medical_pairs"
NAMES = sorted(p.name.removesuffix(".abstract.txt") for p in PAIRS.glob("*.abstract.txt"))


def score(path: Path) -> dict:
    return scores(document_counts(ingest_bytes(path.read_bytes(), path)))


def test_the_dev_set_is_there():
    assert len(NAMES) >= 10
    for name in NAMES:
        assert (PAIRS / f"{name}.plain.txt").is_file(), name


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("formula", ["smog", "health_vocabulary"])
def test_abstract_scores_harder_than_its_plain_summary(name, formula):
    abstract = score(PAIRS / f"{name}.abstract.txt")[formula]
    plain = score(PAIRS / f"{name}.plain.txt")[formula]
    assert abstract > plain, (abstract, plain)
