"""``plainprint ingest``: bad input is one clear line and exit 2; --to and -o work."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from plainprint.pipeline.cli import main
from plainprint.pipeline.document import from_json
from plainprint.pipeline.export.markdown import round_trip_view
from plainprint.pipeline.ingest import ingest_path
from tests.conftest import ROOT, SEED


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "plainprint", *args],
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
        timeout=120,
    )


BAD_INPUTS = {
    "empty.txt": (b"", "file is empty"),
    "blank.md": (b" \n\t\r\n  \n", "file is empty"),
    "binary.txt": (bytes(range(256)) * 40, "file looks like binary data"),
    "paper.txt": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\n", "file is a PDF"),
    "notes.docx": (b"PK\x03\x04 whatever", "unsupported source type '.docx'"),
    "broken.md": (b"---\ntitle: [oops\n---\n# T\n", "front matter is not valid YAML"),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_exits_2_with_one_line_naming_the_file(tmp_path, capsys, name):
    data, problem = BAD_INPUTS[name]
    path = tmp_path / name
    path.write_bytes(data)
    assert main(["ingest", str(path)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"plainprint: error: {path}: {problem}")
    assert "Traceback" not in err


def test_missing_file(tmp_path, capsys):
    path = tmp_path / "nope.txt"
    assert main(["ingest", str(path)]) == 2
    err = capsys.readouterr().err
    assert err == f"plainprint: error: {path}: file not found (check the path)\n"


def test_bad_input_in_a_subprocess_has_no_traceback(tmp_path):
    path = tmp_path / "empty.md"
    path.write_bytes(b"")
    proc = run_cli("ingest", str(path))
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr.count("\n") == 1 and str(path) in proc.stderr
    assert "Traceback" not in proc.stderr


def test_debug_shows_the_traceback(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    proc = run_cli("--debug", "ingest", str(path))
    assert proc.returncode != 0
    assert "Traceback" in proc.stderr and "IngestError" in proc.stderr


def test_to_json_is_the_default_and_reads_back(capsys):
    assert main(["ingest", str(SEED)]) == 0
    out = capsys.readouterr().out
    assert json.loads(out)["metadata"]["title"] == "ILI and ILP Treatment for Metastatic Melanoma"
    assert from_json(out) == ingest_path(SEED)


def test_to_text_prints_body_text_with_references(capsys):
    assert main(["ingest", str(SEED), "--to", "text"]) == 0
    out = capsys.readouterr().out
    assert "ILI and ILP Treatment for Metastatic Melanoma" not in out  # the title is not body
    assert out.startswith("A new treatment for advanced melanoma can temporarily isolate")
    # the reference list is body text, one line per entry, after the prose
    assert "Accessed 7.23.19" in out
    assert out.index("fewer than 5% of skin cancer cases.") < out.index("Accessed 7.23.19")
    assert "fewer than 5% of skin cancer cases." in out
    assert "\n\nHow frequently melanoma happens\n\n" in out


def test_to_markdown_and_output_file(tmp_path, capsys):
    target = tmp_path / "out" / "seed.md"
    assert main(["ingest", str(SEED), "--to", "markdown", "-o", str(target)]) == 0
    assert capsys.readouterr().out == ""
    md = target.read_text(encoding="utf-8")
    assert md.startswith("---\ntitle: ILI and ILP Treatment for Metastatic Melanoma\n")
    assert "[^3]: Kroon, H. Thompson, J." in md
    assert round_trip_view(ingest_path(target)) == round_trip_view(ingest_path(SEED))
    assert not list(target.parent.glob(".*.part"))  # atomic write left nothing behind


def test_output_json_file_via_subprocess(tmp_path):
    target = tmp_path / "seed.json"
    proc = run_cli("ingest", str(SEED), "-o", str(target))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == ""
    assert from_json(target.read_text(encoding="utf-8")).references[2].accessed == "2019-07-23"


def test_markdown_source_with_sidecar(tmp_path, capsys):
    src = tmp_path / "sun.md"
    src.write_text("---\ntitle: Sun\n---\n\nCover up.[^1]\n\n[^1]: Sun facts. 2019.\n", "utf-8")
    (tmp_path / "sun.toml").write_text('audience = "teens"\ntarget_grade = 6\n', "utf-8")
    assert main(["ingest", str(src)]) == 0
    meta = json.loads(capsys.readouterr().out)["metadata"]
    assert (meta["title"], meta["audience"], meta["target_grade"]) == ("Sun", "teens", 6.0)
    assert meta["source_format"] == "markdown"
