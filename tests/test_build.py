"""Batch builds: precedence, failures that do not stop the batch, atomic outputs, summary."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from plainprint.pipeline.atomic import atomic_path, write_text
from plainprint.pipeline.build import build_many, format_summary, outcomes_from_disk
from plainprint.pipeline.config import Config
from plainprint.pipeline.sources import discover, resolve, winner_note
from plainprint.pipeline.summary import main as summary_main

GOOD = "A title for the test\n\nThis is a short paragraph. It has two sentences.\n"


def _write(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_markdown_rewrite_wins_over_html_and_the_build_says_so(tmp_path):
    _write(tmp_path, "x.html", "<h1>x</h1>")
    _write(tmp_path, "x.md", "# x\n")
    _write(tmp_path, "y.txt", GOOD)
    sources = discover(tmp_path)
    assert [(s.name, s.path.name) for s in sources] == [("x", "x.md"), ("y", "y.txt")]
    assert sources[0].note() == "x: using x.md (ignoring x.html; the .md rewrite wins)"
    assert sources[1].note() is None
    assert "x.md also exists" in winner_note(tmp_path / "x.html")
    assert resolve([tmp_path / "x.md"])[0].shadowed == (tmp_path / "x.html",)


def test_one_broken_source_does_not_stop_the_others(tmp_path):
    src = tmp_path / "sources"
    src.mkdir()
    _write(src, "a-good.txt", GOOD)
    _write(src, "b-empty.txt", "")
    _write(src, "c-binary.txt", b"%PDF-1.7\n\x00\x01\x02 binary")
    _write(src, "d-good.txt", GOOD.replace("short", "second"))
    out = tmp_path / "out"
    outcomes = build_many(discover(src), out, Config(), stages=["document"])
    assert [o.ok for o in outcomes] == [True, False, False, True]
    assert "b-empty.txt: file is empty" in outcomes[1].error
    assert "c-binary.txt: file is a PDF" in outcomes[2].error
    assert sorted(p.name for p in (out / "documents").iterdir()) == ["a-good.json", "d-good.json"]
    # The failure is kept for the summary; nothing half-written is left anywhere.
    assert not list(out.rglob("*.part"))
    summary = format_summary(outcomes_from_disk(discover(src), out))
    assert "b-empty" in summary and "NOT BUILT" in summary
    assert "2 of 4 built, 2 could not be built:" in summary


def test_a_fixed_source_clears_its_error(tmp_path):
    src = tmp_path / "sources"
    src.mkdir()
    bad = _write(src, "a.txt", "")
    out = tmp_path / "out"
    build_many(discover(src), out, Config(), stages=["document"])
    assert list((out / "errors").iterdir())
    bad.write_text(GOOD, encoding="utf-8")
    build_many(discover(src), out, Config(), stages=["document"])
    assert not list((out / "errors").iterdir())


def test_atomic_write_leaves_old_file_and_no_temp_on_failure(tmp_path):
    target = tmp_path / "pdf" / "x.pdf"
    write_text(target, "old")
    with pytest.raises(RuntimeError), atomic_path(target) as tmp:
        tmp.write_text("half a PDF")
        raise RuntimeError("render crashed")
    assert target.read_text() == "old"
    assert sorted(p.name for p in target.parent.iterdir()) == ["x.pdf"]


def test_summary_exit_code_reflects_unbuilt_sources(tmp_path, capsys):
    src = tmp_path / "sources"
    src.mkdir()
    _write(src, "a.txt", GOOD)
    out = tmp_path / "out"
    (out / "reports").mkdir(parents=True)
    (out / "reports" / "a.json").write_text(
        json.dumps(
            {
                "grade": 6.5,
                "target": 8,
                "passed": True,
                "findings": [{"severity": "warning"}, {"severity": "suggestion"}],
            }
        )
    )
    assert summary_main(["-o", str(out), str(src)]) == 0
    table = capsys.readouterr().out
    assert "a  " in table and "6.5" in table and "pass" in table
    _write(src, "b.txt", "")
    assert summary_main(["-o", str(out), str(src)]) == 2


def test_plainprint_build_does_everything_and_reports_failures(tmp_path, capsys):
    from plainprint.pipeline.cli import main

    src = tmp_path / "sources"
    src.mkdir()
    _write(src, "flu.txt", GOOD)
    _write(src, "flu.html", "<html><body><p>old scrape</p></body></html>")
    _write(src, "bad.txt", "")
    out = tmp_path / "out"
    code = main(["build", "-j", "1", "-o", str(out), str(src)])
    captured = capsys.readouterr()
    assert code == 2
    for rel in (
        "documents/flu.json",
        "reports/flu.json",
        "reports/flu.html",
        "pdf/flu.pdf",
        "html/flu.html",
        "index.html",
    ):
        assert (out / rel).is_file(), rel
    assert not (out / "pdf" / "bad.pdf").exists()
    # Plain progress lines off a terminal, the .md/.html choice said aloud, and a summary.
    assert "[1/2] bad: error: " in captured.err and "[2/2] flu: ok" in captured.err
    assert "1 of 2 built, 1 could not be built:" in captured.out
    assert "bad.txt: file is empty" in captured.out
    assert "flu: using flu.html (ignoring flu.txt;" in captured.err
    assert json.loads((out / "reports" / "flu.json").read_text())["source"].endswith("flu.html")


def test_markdown_beside_html_is_used_and_announced(tmp_path, capsys):
    from plainprint.pipeline.cli import main

    src = tmp_path / "sources"
    src.mkdir()
    _write(
        src,
        "x.html",
        "<html><body><h1>Old</h1><p>The old scraped page text is here.</p></body></html>",
    )
    _write(src, "x.md", "# Rewritten\n\nThe plain rewrite.\n")
    assert main(["build", "--only", "document", "-o", str(tmp_path / "o"), str(src)]) == 0
    err = capsys.readouterr().err
    assert "x: using x.md (ignoring x.html; the .md rewrite wins)" in err
    doc = json.loads((tmp_path / "o" / "documents" / "x.json").read_text())
    assert doc["metadata"]["title"] == "Rewritten"
