"""The no-unexpected-warnings fixture (tests/conftest.py) fails what it should, and only that."""

from __future__ import annotations

import logging
import warnings

import pytest

from tests.conftest import log_problems


def _record(message: str, level: int = logging.WARNING) -> logging.LogRecord:
    return logging.LogRecord("plainprint.render", level, __file__, 1, message, None, None)


@pytest.mark.parametrize(
    ("messages", "expected", "problems"),
    [
        ([], None, 0),
        (["a.md: 1 image left out"], None, 1),
        (["a.md: 1 image left out"], ("image left out",), 0),
        (["a.md: 1 image left out", "font missing"], ("image left out",), 1),
        ([], ("image left out",), 1),  # an expected warning that never came fails too
        (["anything", "at all"], (), 0),  # bare marker: the test asserts its own warnings
    ],
)
def test_log_problems(messages, expected, problems):
    assert len(log_problems([_record(m) for m in messages], expected)) == problems


def test_an_unexpected_warning_names_logger_and_message():
    (line,) = log_problems([_record("eth.md: no packaged font")], None)
    assert line == "WARNING plainprint.render: eth.md: no packaged font"


@pytest.mark.expect_warnings(r"^seen: 1 warning$")
def test_a_marked_test_may_log_what_it_expects(caplog):
    logging.getLogger("plainprint.render").warning("seen: %d warning", 1)
    assert [r.getMessage() for r in caplog.records] == ["seen: 1 warning"]


def test_python_warnings_are_errors():
    with pytest.raises(DeprecationWarning):
        warnings.warn("old", DeprecationWarning, stacklevel=1)
