"""The build date reports record: UTC or SOURCE_DATE_EPOCH, never the machine's time zone."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.paths import ROOT

PROBE = "from plainprint.checks.context import build_date; print(build_date().isoformat())"


def _date_in(tz: str, **env: str) -> str:
    run = subprocess.run(
        [sys.executable, "-c", PROBE],
        env={**os.environ, "TZ": tz, **env}, cwd=ROOT, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return run.stdout.strip()


@pytest.mark.parametrize(
    ("epoch", "day"),
    [
        ("1764504000", "2025-11-30"),  # 12:00 UTC: already 1 December in Auckland, not here
        ("1764460800", "2025-11-30"),  # 00:00 UTC
        ("1764547199", "2025-11-30"),  # 23:59:59 UTC: still 30 November in Los Angeles too
    ],
)
def test_source_date_epoch_gives_the_utc_day_in_every_time_zone(epoch, day):
    for tz in ("UTC", "Pacific/Auckland", "America/Los_Angeles", "Pacific/Kiritimati"):
        assert _date_in(tz, SOURCE_DATE_EPOCH=epoch) == day, tz


def test_without_source_date_epoch_every_time_zone_agrees():
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    days = set()
    for tz in ("UTC", "Pacific/Auckland", "Pacific/Pago_Pago"):  # UTC+13 and UTC-11
        run = subprocess.run(
            [sys.executable, "-c", PROBE],
            env={**env, "TZ": tz}, cwd=ROOT, capture_output=True, text=True, check=True,
        )  # fmt: skip
        days.add(run.stdout.strip())
    # Auckland and Pago Pago are 24 hours apart: local dates differ for all but one hour a day;
    # the build date must not. (A run across UTC midnight could see two; it is retried once.)
    if len(days) > 1:
        days = {_date_in(tz) for tz in ("UTC", "Pacific/Auckland", "Pacific/Pago_Pago")}
    assert len(days) == 1, days
