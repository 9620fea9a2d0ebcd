"""SARIF as code scanning reads it: the official 2.1.0 schema, root-relative percent-encoded
URIs, stable unique fingerprints, helpUri, and a region (with columns) on every result."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import jsonschema
import pytest

from plainprint.checks import run_checks
from plainprint.checks.formats import DEFAULT_RULES_URL, sarif_uri, to_sarif
from plainprint.pipeline.cli import main
from plainprint.pipeline.config import Config

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "sources" / "ili-ilp-melanoma.txt"
SCHEMA = Path(__file__).parent / "vendor" / "sarif" / "sarif-schema-2.1.0.json"
HOSTILE = ["flu shot, 100% plan.md", "a#b c.txt", "Grippe-Impfung für Ältere.txt", "São Paulo.md"]


@pytest.fixture(scope="module")
def validator():
    pytest.importorskip("rfc3986_validator", reason="uri formats need rfc3986-validator (dev)")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())


def sarif_of(args, capsys, cwd, monkeypatch) -> dict:
    monkeypatch.chdir(cwd)
    code = main(["check", *args, "--format", "sarif", "--fail-on", "never"])
    out = capsys.readouterr().out
    assert code == 0
    return json.loads(out)


def results(sarif: dict) -> list[dict]:
    return sarif["runs"][0]["results"]


def uris(sarif: dict) -> set[str]:
    return {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results(sarif)
    }


def test_the_validator_catches_an_unencoded_uri(validator, capsys, tmp_path, monkeypatch):
    """The schema check is real: a raw name with a space and ``%`` fails it."""
    (tmp_path / ".git").mkdir()
    shutil.copy(SEED, tmp_path / "seed.txt")
    sarif = sarif_of(["seed.txt"], capsys, tmp_path, monkeypatch)
    assert not list(validator.iter_errors(sarif))
    loc = results(sarif)[0]["locations"][0]["physicalLocation"]["artifactLocation"]
    loc["uri"] = "flu shot, 100% plan.md"
    assert list(validator.iter_errors(sarif))


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_file_names_pass_the_official_schema(
    validator, capsys, tmp_path, monkeypatch, name
):
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "sources").mkdir()
    src = repo / "sources" / name
    text = SEED.read_text(encoding="utf-8")
    if name.endswith(".md"):
        text = "# Melanoma care\n\n" + text.split("\n", 4)[-1]
    src.write_text(text, encoding="utf-8")
    # An absolute path argument, run from a subfolder: the uri is still repository-relative.
    sarif = sarif_of([str(src)], capsys, repo / "sources", monkeypatch)
    errors = [e.message for e in validator.iter_errors(sarif)]
    assert errors == []
    (uri,) = uris(sarif)
    assert uri.startswith("sources/") and " " not in uri and "#" not in uri[1:]
    from urllib.parse import unquote

    assert unquote(uri) == f"sources/{name}"
    assert all("region" in r["locations"][0]["physicalLocation"] for r in results(sarif))


@pytest.mark.parametrize(
    ("source", "root", "expected"),
    [
        ("sources/flu shot, 100% plan.md", None, "sources/flu%20shot%2C%20100%25%20plan.md"),
        ("sources/a#b.txt", None, "sources/a%23b.txt"),
        ("sources/für.md", None, "sources/f%C3%BCr.md"),
    ],
)
def test_sarif_uri_encodes_each_segment(source, root, expected):
    assert sarif_uri(source, root) == expected


def test_sarif_root_option_and_outside_root(capsys, tmp_path, monkeypatch):
    (tmp_path / "site" / "sources").mkdir(parents=True)
    shutil.copy(SEED, tmp_path / "site" / "sources" / "seed.txt")
    sarif = sarif_of(
        ["site/sources", "--sarif-root", str(tmp_path / "site")], capsys, tmp_path, monkeypatch
    )
    assert uris(sarif) == {"sources/seed.txt"}
    # Without a git folder the working folder is the root; a file outside it is a file: URI.
    sarif = sarif_of([str(SEED)], capsys, tmp_path / "site", monkeypatch)
    assert uris(sarif) == {SEED.resolve().as_uri()}


def test_rules_have_help_uri_and_help_without_repository_paths(capsys, tmp_path, monkeypatch):
    shutil.copy(SEED, tmp_path / "seed.txt")
    sarif = sarif_of(["seed.txt"], capsys, tmp_path, monkeypatch)
    rules = sarif["runs"][0]["tool"]["driver"]["rules"]
    for rule in rules:
        assert rule["helpUri"] == f"{DEFAULT_RULES_URL}#{rule['id'].lower()}"
        assert "RULES.md" not in json.dumps(rule["help"])
        assert f"plainprint rules {rule['id']}" in rule["help"]["text"]
    # The base URL is configurable, by option and by configuration.
    sarif = sarif_of(
        ["seed.txt", "--rules-url", "https://docs.example.org/r/"], capsys, tmp_path, monkeypatch
    )
    assert sarif["runs"][0]["tool"]["driver"]["rules"][0]["helpUri"].startswith(
        "https://docs.example.org/r/#"
    )
    (tmp_path / "plainprint.toml").write_text('[checks]\nrules_url = "https://x.example/"\n')
    sarif = sarif_of(["seed.txt"], capsys, tmp_path, monkeypatch)
    assert sarif["runs"][0]["tool"]["driver"]["rules"][0]["helpUri"].startswith(
        "https://x.example/#"
    )


def test_every_result_has_a_region_with_columns_where_there_is_a_span(
    capsys, tmp_path, monkeypatch
):
    shutil.copy(SEED, tmp_path / "seed.txt")
    sarif = sarif_of(["seed.txt"], capsys, tmp_path, monkeypatch)
    lines = (tmp_path / "seed.txt").read_text(encoding="utf-8").splitlines()
    by_rule: dict[str, list[dict]] = {}
    for r in results(sarif):
        region = r["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1
        by_rule.setdefault(r["ruleId"], []).append(region)
        if "properties" in r:  # the finding has a span in the document
            assert {"startColumn", "endLine", "endColumn"} <= region.keys()
    # Document-level findings point at the title, with its span.
    for code in ("RL001", "PL005"):
        (region,) = by_rule[code]
        line = lines[region["startLine"] - 1]
        assert line[region["startColumn"] - 1 : region["endColumn"] - 1] == (
            "ILI and ILP Treatment for Metastatic Melanoma"
        )
    jargon = by_rule["PL006"][0]
    text = lines[jargon["startLine"] - 1][jargon["startColumn"] - 1 : jargon["endColumn"] - 1]
    assert text == "localized"


def fingerprints(sarif: dict) -> list[str]:
    return [r["partialFingerprints"]["plainprint/v2"] for r in results(sarif)]


def test_fingerprints_are_unique_and_survive_lines_moving(capsys, tmp_path, monkeypatch):
    shutil.copy(SEED, tmp_path / "seed.txt")
    before = sarif_of(["seed.txt"], capsys, tmp_path, monkeypatch)
    fps = fingerprints(before)
    assert len(fps) == len(set(fps)) > 50
    moved = tmp_path / "seed.txt"
    moved.write_text("\n\n\n" + moved.read_text(encoding="utf-8"), encoding="utf-8")
    after = sarif_of(["seed.txt"], capsys, tmp_path, monkeypatch)
    assert fingerprints(after) == fps
    lines_before = [
        r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in results(before)
    ]
    lines_after = [
        r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in results(after)
    ]
    assert lines_after == [n + 3 for n in lines_before]


@pytest.mark.shared
@pytest.mark.slow
def test_fingerprints_unique_across_the_seed_and_the_corpus(shared_dir, seed_doc):
    from plainprint.pipeline.errors import PlainprintError
    from plainprint.pipeline.ingest import ingest_path

    today = dt.date(2025, 1, 31)
    reports = [run_checks(seed_doc, Config(), today=today)]
    pages = sorted((shared_dir / "corpus" / "extraction").glob("*/*/source.html"))
    assert len(pages) > 300
    for page in pages:
        try:
            doc = ingest_path(page)
        except PlainprintError:
            continue  # a page ingest refuses (empty, not an article) has no findings
        reports.append(run_checks(doc, Config(), today=today))
    assert len(reports) > 300
    sarif = json.loads(to_sarif(reports, root=shared_dir))
    fps = fingerprints(sarif)
    assert len(fps) > 1000
    dupes = {fp for fp in fps if fps.count(fp) > 1} if len(set(fps)) != len(fps) else set()
    assert not dupes
