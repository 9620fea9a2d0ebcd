"""Configuration: unknown keys and syntax errors name the file, the key and the line."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.config import load_config, parse_config
from pipeline.errors import ConfigError


def test_unknown_key_names_key_and_line(tmp_path):
    text = "target_grade = 6\n\n[checks]\nfail_on = 'error'\ntarget_grdae = 7\n"
    with pytest.raises(ConfigError) as info:
        parse_config(text, tmp_path / "plainprint.toml")
    message = str(info.value)
    assert "plainprint.toml" in message
    assert "line 5" in message and "'checks.target_grdae'" in message
    assert "target_grade" in message  # the hint lists the known keys


def test_syntax_error_is_a_config_error(tmp_path):
    path = tmp_path / "plainprint.toml"
    path.write_text("[checks\ntarget_grade = 6\n")
    with pytest.raises(ConfigError, match=r"plainprint\.toml: TOML syntax error"):
        load_config(start=tmp_path)


def test_pyproject_tool_table_and_overrides(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        "[project]\nname='x'\n[tool.plainprint]\ntarget_grade = 6\n"
        "[[tool.plainprint.overrides]]\nglob = 'sources/kids-*'\ntarget_grade = 4\n"
    )
    config = load_config(start=tmp_path)
    assert config.get("target_grade") == 6
    assert config.for_source("sources/kids-flu.md").get("target_grade") == 4
    assert config.for_source(Path("sources/adult.md")).get("target_grade") == 6


def test_no_config_gives_defaults(tmp_path):
    assert load_config(start=tmp_path).data == {}
