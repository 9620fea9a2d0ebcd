"""Configuration: unknown keys and syntax errors name the file, the key and the line."""

from __future__ import annotations

from pathlib import Path

import pytest

from plainprint.pipeline.config import load_config, parse_config
from plainprint.pipeline.errors import ConfigError


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


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('target_grade = "six"\n', "line 1: target_grade = 'six' is not valid (use a number"),
        ('max_source_mb = "big"\n', "max_source_mb = 'big' is not valid"),
        ('[render]\nremote_images = "yes"\n', "line 2: render.remote_images = 'yes' is not valid"),
        ("[checks]\ncheck_links = 1\n", "checks.check_links = 1 is not valid (use true or false)"),
        ("[checks]\nstale_after_years = true\n", "checks.stale_after_years = True is not valid"),
    ],
)
def test_wrong_types_are_errors_with_the_line(tmp_path, text, message):
    with pytest.raises(ConfigError) as info:
        parse_config(text, tmp_path / "plainprint.toml")
    assert message in str(info.value)


def test_rule_option_of_the_wrong_type_is_a_config_error(tmp_path):
    from plainprint.checks import run_checks
    from plainprint.pipeline.document.build import doc, h, p

    config = parse_config('[checks.rules.PL001]\nmax_words = "x"\n', tmp_path / "plainprint.toml")
    with pytest.raises(
        ConfigError, match=r"checks\.rules\.PL001\.max_words = 'x' is not valid \(use a number"
    ):
        run_checks(doc(h(1, "T"), p("Text here.")), config)
