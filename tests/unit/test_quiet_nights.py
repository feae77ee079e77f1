"""Quiet nights: a message written between 22:00 and 08:00 waits for the morning."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.services.conversations import morning_after

RIGA = "Europe/Riga"


@pytest.mark.parametrize(
    ("written", "arrives"),
    [
        # 23:30 in Riga (UTC+2 in winter): the next morning at 8:00 Riga time.
        (datetime(2026, 11, 26, 21, 30, tzinfo=UTC), datetime(2026, 11, 27, 6, tzinfo=UTC)),
        # 03:00 in Riga: the same morning.
        (datetime(2026, 11, 27, 1, 0, tzinfo=UTC), datetime(2026, 11, 27, 6, tzinfo=UTC)),
        # 22:00 sharp is night; 08:00 sharp is day.
        (datetime(2026, 11, 26, 20, 0, tzinfo=UTC), datetime(2026, 11, 27, 6, tzinfo=UTC)),
        # Summer time (UTC+3): 23:00 in Riga is 20:00 UTC; 8:00 is 5:00 UTC.
        (datetime(2026, 7, 1, 20, 0, tzinfo=UTC), datetime(2026, 7, 2, 5, tzinfo=UTC)),
    ],
)
def test_a_night_message_arrives_at_eight(written: datetime, arrives: datetime) -> None:
    assert morning_after(written, RIGA) == arrives


@pytest.mark.parametrize("hour_utc", [6, 12, 19])  # 08:00, 14:00 and 21:00 in Riga
def test_a_day_message_arrives_at_once(hour_utc: int) -> None:
    assert morning_after(datetime(2026, 11, 26, hour_utc, tzinfo=UTC), RIGA) is None
