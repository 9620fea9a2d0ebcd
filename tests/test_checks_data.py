"""The shipped data: glossary, swaps, and the readability ranking on the team corpus."""

from __future__ import annotations

import json

from plainprint.checks.analysis.glossary import GlossaryEntry, default_glossary, load_glossary
from plainprint.checks.analysis.swaps import apply_swaps, load_swaps


def test_glossary_size_and_shape():
    g = default_glossary()
    assert len(g) >= 300
    for term, entry in g.items():
        assert isinstance(entry, GlossaryEntry)
        assert term == term.lower() == entry.term
        assert entry.definition.endswith(".")
        assert entry.alternatives, term
    for term in ("metastatic", "systemic", "locoregional", "melanoma"):
        assert term in g


def test_project_glossary_overrides(tmp_path):
    extra = tmp_path / "g.tsv"
    extra.write_text("term\talternatives\tdefinition\tkind\nstent\tsmall tube\tA tube.\tmedical\n")
    merged = load_glossary((extra,))
    assert merged["stent"].alternatives == ("small tube",)
    assert len(merged) == len(default_glossary())


def test_swaps_api_and_apply(tmp_path):
    swaps = load_swaps()
    assert swaps and all(isinstance(p, str) and isinstance(r, str) for p, r in swaps)
    assert swaps[0] == ("in order to", "to")
    assert apply_swaps("Prior to surgery we utilize a pump in order to help.") == (
        "Before surgery we use a pump to help."
    )
    assert apply_swaps("anti-utilize") == "anti-utilize"  # whole words only
    extra = tmp_path / "s.tsv"
    extra.write_text("phrase\treplacement\nprior to\tahead of\n")
    assert apply_swaps("prior to it", load_swaps((extra,))) == "ahead of it"


def test_scores_rank_onestopenglish_levels(shared_dir):
    """A quick regression guard on 40 texts; the full figures are in bench/reading_level.py."""
    from plainprint.checks.scoring import score_text

    root = shared_dir / "corpus" / "readability" / "onestopenglish"
    rows = [json.loads(x) for x in (root / "manifest.jsonl").read_text().splitlines() if x.strip()][
        :40
    ]
    for name in ("smog", "health_vocabulary"):
        right = total = 0
        for row in rows:
            s = {
                v["level"]: score_text((root / v["path"]).read_text())[name]
                for v in row["versions"]
            }
            for a, b in ((1, 2), (2, 3), (1, 3)):
                total += 1
                right += s[b] > s[a]
        assert right / total >= 0.95, (name, right / total)
