"""Beyond one machine (issue 13): shards for a CI matrix, merged into one index, and Dask."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from plainprint.pipeline.build import shard
from plainprint.pipeline.cli import main
from plainprint.pipeline.manifest import Manifest
from plainprint.pipeline.sources import Source, discover

TEXT = "{name} and you\n\n{name} is common. Rest at home. Drink water. Call us if you are worse.\n"
NAMES = ["flu", "cold", "cough", "rash", "sprain", "burn", "asthma", "gout", "acne"]


@pytest.fixture
def library(tmp_path) -> Path:
    src = tmp_path / "sources"
    src.mkdir()
    for name in NAMES:
        (src / f"{name}.txt").write_text(TEXT.format(name=name.title()), encoding="utf-8")
    return src


def test_n_shards_together_take_every_source_exactly_once():
    sources = [Source(f"handout-{i}", Path(f"handout-{i}.txt")) for i in range(500)]
    for n in (1, 2, 3, 7):
        shares = [shard(sources, k, n) for k in range(1, n + 1)]
        taken = [s.name for share in shares for s in share]
        assert sorted(taken) == sorted(s.name for s in sources)  # each once, none lost
        assert min(len(share) for share in shares) > 0.6 * len(sources) / n  # roughly even
    # Stable: the share does not depend on the order sources are listed in.
    assert shard(sources[::-1], 2, 3) == shard(sources, 2, 3)[::-1]


def test_sharded_builds_merge_into_one_index(library, tmp_path, capsys):
    outs = [tmp_path / f"shard-{k}" for k in (1, 2, 3)]
    for k, out in enumerate(outs, 1):
        args = ["build", str(library), "-o", str(out), "-j", "1", "--shard", f"{k}/3", "-q"]
        assert main(args) == 0
    built = [sorted(p.stem for p in (out / "pdf").glob("*.pdf")) for out in outs]
    assert sorted(n for names in built for n in names) == sorted(NAMES)
    merged = tmp_path / "merged"
    assert main(["index", *map(str, outs), "-o", str(merged)]) == 0
    index = (merged / "index.html").read_text(encoding="utf-8")
    for name in NAMES:
        assert f"pdf/{name}.pdf" in index
        assert (merged / "pdf" / f"{name}.pdf").is_file()
    assert set(Manifest.load(merged).entries) == set(NAMES)
    assert "9 handouts from 3 output folder(s)" in capsys.readouterr().err
    # The merged folder is a normal output: a build there has nothing to redo.
    assert main(["build", str(library), "-o", str(merged), "-j", "1", "-q"]) == 0
    assert not list(merged.rglob("*.part"))


def test_a_bad_shard_is_a_usage_error(library, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["build", str(library), "--shard", "4/3"])
    assert exc.value.code == 2
    assert "not a shard" in capsys.readouterr().err


def test_build_on_a_dask_cluster(library, tmp_path):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=False, protocol="tcp",
        dashboard_address=None,
    ) as cluster:  # fmt: skip
        address = cluster.scheduler_address.removeprefix("tcp://")
        out = tmp_path / "out"
        args = ["build", str(library), "-o", str(out), "--executor", f"dask://{address}", "-q"]
        assert main(args) == 0
    assert sorted(p.stem for p in (out / "pdf").glob("*.pdf")) == sorted(NAMES)
    report = json.loads((out / "reports" / "flu.json").read_text(encoding="utf-8"))
    assert report["grade"] is not None
    assert set(Manifest.load(out).entries) == set(NAMES)
    assert len(discover(library)) == len(NAMES)


def test_an_unreachable_dask_scheduler_is_a_clear_error(library, tmp_path, capsys):
    pytest.importorskip("distributed")
    args = ["build", str(library), "-o", str(tmp_path), "--executor", "dask://127.0.0.1:9", "-q"]
    assert main(args) == 2
    assert "cannot reach the Dask scheduler" in capsys.readouterr().err
