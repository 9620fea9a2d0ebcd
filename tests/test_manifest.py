"""The build manifest (issue 13): a build redoes exactly the stages whose inputs changed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from plainprint.pipeline import manifest
from plainprint.pipeline.build import build_many
from plainprint.pipeline.commands.build import _write_index
from plainprint.pipeline.config import Config, parse_config
from plainprint.pipeline.manifest import Manifest
from plainprint.pipeline.sources import discover
from tests.conftest import SEED

TEXT = (
    "Flu and you\n\nFlu is common. {extra} Rest at home. Drink water. Call us if you feel worse.\n"
)
GLOSSARY = "term\talternatives\tdefinition\tkind\nfever\thigh temperature\t{d}\tmedical\n"


def _snapshot(out: Path) -> dict[str, int]:
    return {
        p.relative_to(out).as_posix(): p.stat().st_mtime_ns
        for p in out.rglob("*")
        if p.is_file() and p.name != manifest.FILE
    }


def _changed(before: dict[str, int], after: dict[str, int]) -> set[str]:
    return {k for k in after if after[k] != before.get(k)}


@pytest.fixture
def project(tmp_path):
    src, out = tmp_path / "sources", tmp_path / "output"
    src.mkdir()
    (src / "flu.txt").write_text(TEXT.format(extra="A fever is common."), encoding="utf-8")
    (src / "cold.txt").write_text(TEXT.format(extra="Colds are mild."), encoding="utf-8")
    (tmp_path / "glossary.tsv").write_text(GLOSSARY.format(d="a body heat"), encoding="utf-8")
    return src, out, tmp_path


def _config(root: Path, extra: str = "") -> Config:
    return parse_config(f'[checks]\nglossary = "glossary.tsv"\n{extra}', root / "plainprint.toml")


def _build(src: Path, out: Path, config: Config, stages=("document", "report", "render")):
    outcomes = build_many(discover(src), out, config, stages=stages)
    assert all(o.ok for o in outcomes), [o.error for o in outcomes]
    return outcomes


def test_a_no_op_build_writes_nothing_and_says_up_to_date(project):
    src, out, root = project
    first = _build(src, out, _config(root))
    assert all(o.written for o in first)
    before, manifest_bytes = _snapshot(out), (out / manifest.FILE).read_bytes()
    again = _build(src, out, _config(root))
    assert [o.written for o in again] == [[], []]
    assert _snapshot(out) == before
    assert (out / manifest.FILE).read_bytes() == manifest_bytes
    # The summary needs no report read: the manifest keeps it.
    assert [(o.grade, o.title) for o in again] == [(o.grade, o.title) for o in first]
    assert all(o.severities for o in again)


def test_an_edited_source_rebuilds_only_its_outputs(project):
    src, out, root = project
    _build(src, out, _config(root))
    before = _snapshot(out)
    (src / "flu.txt").write_text(TEXT.format(extra="Flu spreads fast."), encoding="utf-8")
    _build(src, out, _config(root))
    assert _changed(before, _snapshot(out)) == {
        "documents/flu.json", "reports/flu.json", "reports/flu.html", "pdf/flu.pdf",
        "html/flu.html",
    }  # fmt: skip


def test_a_source_edit_that_leaves_the_document_alone_rebuilds_nothing_after_ingest(project):
    src, out, root = project
    _build(src, out, _config(root))
    before = _snapshot(out)
    (src / "flu.txt").write_text(TEXT.format(extra="A fever is common.") + "\n\n", "utf-8")
    outcomes = _build(src, out, _config(root))
    assert _changed(before, _snapshot(out)) == set()
    assert [o.written for o in outcomes] == [[], []]


def test_a_glossary_edit_rebuilds_reports_and_handouts_not_documents(project):
    src, out, root = project
    _build(src, out, _config(root))
    before = _snapshot(out)
    (root / "glossary.tsv").write_text(GLOSSARY.format(d="your body is hot"), encoding="utf-8")
    _build(src, out, _config(root))
    changed = _changed(before, _snapshot(out))
    assert not any(k.startswith("documents/") for k in changed)
    assert {"html/flu.html", "reports/flu.html"} <= changed  # the new definition shows


@pytest.mark.parametrize(
    ("toml", "rebuilt"),
    [
        ('[checks]\nglossary = "glossary.tsv"\ntarget_grade = 5\n', {"reports"}),
        ('[checks]\nglossary = "glossary.tsv"\n[render]\npage_size = "a4"\n', {"pdf", "html"}),
        ('fail_on = "warning"\n[checks]\nglossary = "glossary.tsv"\n', set()),
    ],
)
def test_a_configuration_key_rebuilds_the_stages_that_read_it(project, toml, rebuilt):
    src, out, root = project
    _build(src, out, _config(root))
    before = _snapshot(out)
    _build(src, out, parse_config(toml, root / "plainprint.toml"))
    assert {k.split("/")[0] for k in _changed(before, _snapshot(out))} == rebuilt


def test_a_template_or_code_change_rebuilds_what_uses_it(project, monkeypatch):
    src, out, root = project
    _build(src, out, _config(root))
    before = _snapshot(out)
    real = manifest.code_hash
    monkeypatch.setattr(manifest, "code_hash", lambda s: real(s) + ("x" if s == "render" else ""))
    _build(src, out, _config(root))
    folders = {k.split("/")[0] for k in _changed(before, _snapshot(out))}
    assert folders == {"pdf", "html"}


def test_code_hash_follows_the_files_of_its_stage(tmp_path, monkeypatch):
    fake = tmp_path / "pipeline"
    shutil.copytree(Path(manifest.__file__).parent / "templates", fake / "templates")
    monkeypatch.setattr(manifest, "_PIPELINE", fake)
    monkeypatch.setattr(manifest, "CODE", {"render": ("pipeline/templates/html",)})
    before = manifest.code_hash.__wrapped__("render")
    css = fake / "templates" / "html" / "style.css"
    css.write_text(css.read_text(encoding="utf-8") + "\np { color: black }\n", encoding="utf-8")
    assert manifest.code_hash.__wrapped__("render") != before


def test_a_new_plainprint_version_rebuilds_everything(project, monkeypatch):
    src, out, root = project
    _build(src, out, _config(root))
    before = _snapshot(out)
    monkeypatch.setattr(manifest, "__version__", "99.0")
    manifest.code_hash.cache_clear()
    try:
        _build(src, out, _config(root))
    finally:
        manifest.code_hash.cache_clear()
    folders = {k.split("/")[0] for k in _changed(before, _snapshot(out))}
    assert folders == {"reports", "pdf", "html"}  # documents re-ingested to the same bytes


def test_an_edited_image_rebuilds_only_the_handout_that_shows_it(tmp_path):
    src, out = tmp_path / "sources", tmp_path / "output"
    src.mkdir()
    png = bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d49444154789c6360606060000000050001a5f645400000000049454e44ae426082"
    )
    (src / "pic.png").write_bytes(png)
    (src / "sun.md").write_text(
        "---\ntitle: Sun\nlang: en\n---\n\n# Sun\n\nWear a hat.\n\n![A hat](pic.png)\n", "utf-8"
    )
    shutil.copy(SEED, src / "seed.txt")
    config = Config()
    _build(src, out, config)
    before = _snapshot(out)
    (src / "pic.png").write_bytes(png + b"\0")
    _build(src, out, config)
    assert {k.split("/")[0] for k in _changed(before, _snapshot(out))} == {"pdf", "html"}
    assert all("sun" in k for k in _changed(before, _snapshot(out)))


def test_a_deleted_source_drops_out_of_the_index_and_a_no_op_keeps_it(project):
    src, out, root = project
    config = _config(root)
    _build(src, out, config)
    loaded = Manifest.load(out)
    _write_index(out, config, {"flu", "cold"}, loaded)
    index = out / "index.html"
    assert "cold" in index.read_text(encoding="utf-8")
    stamp = index.stat().st_mtime_ns
    _write_index(out, config, {"flu", "cold"}, Manifest.load(out))
    assert index.stat().st_mtime_ns == stamp
    (src / "cold.txt").unlink()
    _write_index(out, config, {"flu"}, Manifest.load(out))
    assert "cold.pdf" not in index.read_text(encoding="utf-8")


def test_a_failed_stage_is_retried_and_an_unreadable_manifest_rebuilds(project):
    src, out, root = project
    (src / "bad.txt").write_text("", encoding="utf-8")
    outcomes = build_many(discover(src), out, _config(root), stages=("document", "report"))
    assert [o.ok for o in outcomes] == [False, True, True]
    assert "bad" not in Manifest.load(out).entries or not Manifest.load(out).entries["bad"].keys
    (out / manifest.FILE).write_text("{not json", encoding="utf-8")
    assert Manifest.load(out).entries == {}
    again = build_many(discover(src), out, _config(root), stages=("document", "report"))
    assert [o.ok for o in again] == [False, True, True]
