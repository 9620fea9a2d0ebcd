"""Installed names cannot collide: the wheel holds one import package, ``plainprint``.

The repository keeps its ``pipeline/`` and ``checks/`` folders; ``plainprint/pipeline`` and
``plainprint/checks`` link to them, so the wheel installs ``plainprint.pipeline`` and
``plainprint.checks`` and never a top-level ``pipeline`` or ``checks`` that another project's
module of the same name would shadow (or be shadowed by).
"""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "sources" / "ili-ilp-melanoma.txt"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    run = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(out), str(ROOT)],
        capture_output=True,
        text=True,
    )
    if run.returncode != 0:
        pytest.skip(
            f"pip could not build the wheel here (no setuptools>=68 to fetch?): {run.stderr[-300:]}"
        )
    (path,) = out.glob("plainprint-*.whl")
    return path


def test_wheel_installs_only_the_plainprint_package(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    top = {n.split("/")[0] for n in names}
    assert top == {"plainprint", f"{wheel.name.split('-')[0]}-{wheel.name.split('-')[1]}.dist-info"}
    for needed in (
        "plainprint/__main__.py",
        "plainprint/pipeline/cli.py",
        "plainprint/checks/engine.py",
        "plainprint/checks/RULES.md",
        "plainprint/checks/data/report.schema.json",
        "plainprint/checks/analysis/data/lexicon.txt.gz",
        "plainprint/checks/analysis/data/glossary_es.tsv",
        "plainprint/pipeline/templates/html/style.css",
        "plainprint/pipeline/locale/es/LC_MESSAGES/plainprint.po",
    ):
        assert needed in names, needed
    entry = next(n for n in names if n.endswith("entry_points.txt"))
    assert (
        "plainprint = plainprint.pipeline.cli:main" in zipfile.ZipFile(wheel).read(entry).decode()
    )


def test_the_unpacked_wheel_runs_as_python_m_plainprint(wheel, tmp_path):
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    env = {"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    probe = subprocess.run(
        [sys.executable, "-c", "import plainprint.pipeline.cli as c; print(c.__file__)"],
        cwd=tmp_path, env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert probe.stdout.strip().startswith(str(site))
    run = subprocess.run(
        [sys.executable, "-m", "plainprint", "check", str(SEED), "--format", "json"],
        cwd=tmp_path, env=env, capture_output=True, text=True,
    )  # fmt: skip
    assert run.returncode in (0, 1), run.stderr
    assert '"RL001"' in run.stdout  # the seed's reading level is over target: the checks ran


def test_no_code_imports_the_repository_folders_by_their_bare_names():
    bare = re.compile(r"^\s*(from|import)\s+(pipeline|checks)\b", re.M)
    offenders = [
        str(path.relative_to(ROOT))
        for folder in ("pipeline", "checks", "tests", "bench", "docs")
        for path in (ROOT / folder).rglob("*.py")
        if bare.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
