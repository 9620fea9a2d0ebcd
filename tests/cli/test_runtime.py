"""The collector's pace is set where plainprint's work runs: the CLI and each build worker."""

from __future__ import annotations

import gc
from concurrent.futures import ProcessPoolExecutor

import pytest

from plainprint.pipeline import build
from plainprint.pipeline.runtime import tune_gc


@pytest.fixture
def default_pace():
    saved = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    yield
    gc.set_threshold(*saved)


def test_tune_gc_raises_the_first_threshold(default_pace) -> None:
    tune_gc()
    first, second, third = gc.get_threshold()
    assert first > 700 and second >= 10 and third >= 10


def test_the_cli_sets_the_pace(default_pace, tmp_path, capsys) -> None:
    from plainprint.pipeline.cli import main

    src = tmp_path / "a.txt"
    src.write_text("A title\n\nWalking helps the heart. It is easy to start.\n", encoding="utf-8")
    main(["ingest", str(src)])
    capsys.readouterr()
    assert gc.get_threshold()[0] > 700


def _worker_threshold() -> int:
    return gc.get_threshold()[0]


def test_build_workers_set_the_pace(default_pace) -> None:
    import multiprocessing

    spawn = multiprocessing.get_context("spawn")  # a fresh interpreter: nothing inherited
    with ProcessPoolExecutor(1, mp_context=spawn, initializer=build._start_worker) as pool:
        assert pool.submit(_worker_threshold).result() > 700
