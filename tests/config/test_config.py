"""Configuration: one typed schema; every bad key or value is one error naming the file, the
line, the key, what was given and what to write; the README's example is the schema."""

from __future__ import annotations

from pathlib import Path

import pytest

from plainprint.pipeline.config import Config, load_config, parse_config
from plainprint.pipeline.config.schema import LANGUAGE_SECTIONS, file_keys, schema_keys
from plainprint.pipeline.errors import ConfigError
from tests.paths import ROOT


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


# --- the typed schema: one place that reports a bad key or value -------------------------


def _error(text: str, tmp_path) -> str:
    with pytest.raises(ConfigError) as info:
        parse_config(text, tmp_path / "plainprint.toml")
    return str(info.value)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('fail_on = "sometimes"\n', "line 1: fail_on = 'sometimes' is not valid (use \"error\""),
        ('[checks]\nfail_on = "loud"\n', "line 2: checks.fail_on = 'loud' is not valid"),
        (
            '[checks]\ntoday = "31/01/2026"\n',
            "checks.today = '31/01/2026' is not valid (use a date",
        ),
        ("[checks]\nallow = 'melanoma'\n", "checks.allow = 'melanoma' is not valid (use a list"),
        ("[checks]\nglossary = [1, 2]\n", "checks.glossary = [1, 2] is not valid"),
        ('[render]\npage_size = "tabloid"\n', "line 2: render.page_size = 'tabloid' is not valid"),
        ('[render]\nprofile = "web"\n', "render.profile = 'web' is not valid (use \"screen\""),
        ("[render]\nbase_font_pt = 12\n", "render.base_font_pt = 12 is not valid (use a number"),
        ('[render]\nallow_hosts = "cdc.gov"\n', "render.allow_hosts = 'cdc.gov' is not valid"),
        ("checks = 3\n", "checks = 3 is not valid (use a table: [checks])"),
        ("[checks]\nes = 1\n", "checks.es = 1 is not valid (use a table: [checks.es])"),
        ("[checks.es]\ncolour = 1\n", "line 2: unknown key 'checks.es.colour'"),
        ("[[overrides]]\ntarget_grade = 4\n", "an [[overrides]] entry has no glob"),
        ("[[overrides]]\nglob = 'x*'\ntarget_grade = 'low'\n", "target_grade = 'low' is not valid"),
        (
            "[[overrides]]\nglob = 'x*'\n[overrides.render]\npaper = 1\n",
            "unknown key 'render.paper'",
        ),
    ],
)
def test_a_bad_value_is_one_error_naming_file_key_given_and_expected(tmp_path, text, message):
    error = _error(text, tmp_path)
    assert error.startswith(str(tmp_path / "plainprint.toml") + ": ")
    assert message in error


def test_typed_values_and_defaults(tmp_path):
    text = (
        "target_grade = 7\n[checks]\nignore = 'PL013'\ntoday = 2026-01-31\n"
        "[checks.es]\ntarget_grade = 6\n[render]\npage_size = 'A4'\n"
    )
    typed = parse_config(text, tmp_path / "plainprint.toml").typed
    assert typed.checks.ignore == ("PL013",)  # one string is a list of one
    assert str(typed.checks.today) == "2026-01-31"
    assert typed.render.page_size == "a4"  # case does not matter
    assert (typed.target_for("en"), typed.target_for("es"), typed.target_for("pt")) == (7, 6, 7)
    defaults = Config().typed
    assert (defaults.fail_level, defaults.render.base_font_pt, defaults.render.swaps) == (
        "error",
        18,
        True,
    )
    assert defaults.checks.formula == "smog" and defaults.target_for("en") == 8


def test_checks_fail_on_falls_back_to_the_top_level(tmp_path):
    assert parse_config('fail_on = "warning"\n', tmp_path / "p.toml").typed.fail_level == "warning"
    both = 'fail_on = "warning"\n[checks]\nfail_on = "never"\n'
    assert parse_config(both, tmp_path / "p.toml").typed.fail_level == "never"


def test_command_line_values_are_validated_like_the_file(tmp_path):
    config = parse_config("[checks]\nignore = ['PL013']\n", tmp_path / "plainprint.toml")
    assert config.with_values({"checks.fail_on": "never"}).typed.fail_level == "never"
    assert config.typed.fail_level == "error"  # the original is unchanged
    with pytest.raises(ConfigError, match="checks.check_links = 'yes' is not valid"):
        config.with_values({"checks.check_links": "yes"})


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "[checks.rules.PL001]\nmax_words = 'x'\n",
            "checks.rules.PL001.max_words = 'x' is not valid",
        ),
        ("[checks.rules.PL001]\nmax_word = 3\n", "checks.rules.PL001: unknown option 'max_word'"),
        ("[checks.rules.PL001]\nseverity = 'fatal'\n", "checks.rules.PL001.severity 'fatal'"),
        ("[checks.rules.PL999]\nseverity = 'off'\n", "checks.rules.PL999 names no rule"),
        ("[checks]\nignore = ['PL0066']\n", "checks.ignore entry 'PL0066' matches no rule"),
        (
            "[checks]\nformula = 'flesch_reading_ease'\n",
            "'flesch_reading_ease' is not a grade formula",
        ),
        (
            "[checks.es]\nformula = 'smog'\n",
            "checks.es.formula 'smog' is not a grade formula for es",
        ),
    ],
)
def test_checks_facts_are_validated_in_the_same_place(tmp_path, text, message):
    from plainprint.checks.context import check_facts
    from plainprint.pipeline.config.schema import validate_checks

    config = parse_config(text, tmp_path / "plainprint.toml")  # valid as TOML and types
    with pytest.raises(ConfigError) as info:
        validate_checks(config, check_facts())
    assert str(info.value).startswith(f"{tmp_path / 'plainprint.toml'}: line ")
    assert message in str(info.value)


def test_rule_tables_are_normalised_and_options_reach_the_rule(tmp_path):
    from plainprint.checks import run_checks
    from plainprint.checks.context import check_facts
    from plainprint.pipeline.config.schema import validate_checks
    from plainprint.pipeline.document.build import doc, h, p

    text = (
        "[checks.rules]\npassive-voice = 'off'\nHD = false\n[checks.rules.PL001]\nmax_words = 5\n"
    )
    config = parse_config(text, tmp_path / "plainprint.toml")
    tables = validate_checks(config, check_facts())
    assert tables == {
        "passive-voice": {"severity": "off"},
        "HD": {"enabled": False},
        "PL001": {"max_words": 5},
    }
    sentence = "This sentence has rather more than five words in it."
    found = {f.rule for f in run_checks(doc(h(1, "T"), p(sentence)), config).findings}
    assert "PL001" in found and not any(c.startswith("HD") for c in found)


def test_every_rule_option_default_has_a_type_the_validator_knows():
    from plainprint.checks.registry import all_rules

    for rule in all_rules():
        for option, default in rule.options.items():
            assert isinstance(default, bool | int | float | str | list | tuple), (rule.code, option)


def test_language_sections_are_the_languages_with_rules():
    from plainprint.checks.analysis.lang import languages

    assert set(LANGUAGE_SECTIONS) == set(languages()) - {"en"}


def test_the_manifest_hashes_the_files_every_file_key_names():
    from plainprint.pipeline.manifest import FILE_KEYS

    assert set(FILE_KEYS) == set(file_keys())


def _readme_keys() -> tuple[dict, set[str]]:
    import re
    import tomllib

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Configuration\n", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```toml\n(.*?)```", section, re.S).group(1)
    data = tomllib.loads(block)

    def flat(table: dict, prefix: str = "") -> set[str]:
        out = set()
        for k, v in table.items():
            dotted = f"{prefix}{k}"
            if dotted in ("checks.rules", "overrides"):
                out.add(dotted)
            elif isinstance(v, dict):
                out |= flat(v, dotted + ".")
            else:
                out.add(dotted)
        return out

    return data, flat(data)


def test_readme_documents_every_schema_key_and_no_other():
    _, documented = _readme_keys()
    keys = set(schema_keys())
    assert keys - documented == set(), "schema keys missing from the README's example"
    assert documented - keys == set(), "README keys the schema does not know"


def test_readme_example_is_a_valid_configuration(tmp_path):
    from plainprint.checks.context import check_facts
    from plainprint.pipeline.config.schema import validate_checks

    data, _ = _readme_keys()
    config = Config(data, tmp_path / "plainprint.toml")
    assert config.typed.checks.rules_url.startswith("https://")
    assert validate_checks(config, check_facts())["PL001"]["max_words"] == 25
