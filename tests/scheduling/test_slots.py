"""Free slots in wall-clock time, across daylight-saving changes."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from bot.scheduling.slots import Availability, OneOffWindow, WeeklyWindow, free_slots

RIGA = ZoneInfo("Europe/Riga")


def local(slots: list[datetime]) -> list[str]:
    return [slot.astimezone(RIGA).strftime("%a %d.%m %H:%M") for slot in slots]


def test_weekly_window_gives_hourly_starts_that_fit() -> None:
    availability = Availability("Europe/Riga", weekly=(WeeklyWindow(1, time(17), time(19, 30)),))
    now = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)  # a Monday
    slots = free_slots(availability, now)
    assert local(slots)[:3] == ["Tue 01.12 17:00", "Tue 01.12 18:00", "Tue 08.12 17:00"]
    assert len(slots) == 6  # three Tuesdays in the next three weeks, two whole hours each


def test_local_time_is_kept_across_the_spring_change() -> None:
    availability = Availability("Europe/Riga", weekly=(WeeklyWindow(1, time(17), time(18)),))
    now = datetime(2027, 3, 20, 8, 0, tzinfo=UTC)
    slots = free_slots(availability, now)
    assert [slot.astimezone(RIGA).hour for slot in slots] == [17, 17, 17]
    assert [slot.hour for slot in slots] == [15, 14, 14]  # UTC+2, then UTC+3 from 28 March


def test_spring_gap_is_skipped_and_autumn_repeat_taken_once() -> None:
    spring = Availability(
        "Europe/Riga", one_off=(OneOffWindow(date(2027, 3, 28), time(2), time(5)),)
    )
    slots = free_slots(spring, datetime(2027, 3, 27, 0, 0, tzinfo=UTC))
    assert local(slots) == ["Sun 28.03 02:00", "Sun 28.03 04:00"]  # 03:00 does not exist
    autumn = Availability(
        "Europe/Riga", one_off=(OneOffWindow(date(2026, 10, 25), time(2), time(4)),)
    )
    slots = free_slots(autumn, datetime(2026, 10, 24, 0, 0, tzinfo=UTC))
    assert [slot.strftime("%H:%M") for slot in slots] == ["23:00", "00:00"]  # UTC; 03:00 once


def test_days_off_taken_slots_notice_and_horizon() -> None:
    availability = Availability(
        "Europe/Riga",
        weekly=(WeeklyWindow(0, time(10), time(12)),),
        one_off=(OneOffWindow(date(2026, 12, 2), time(9), time(10)),),
        days_off=frozenset({date(2026, 12, 7)}),
    )
    now = datetime(2026, 11, 30, 7, 30, tzinfo=UTC)  # Monday 09:30 in Riga
    taken = [datetime(2026, 12, 14, 10, 0, tzinfo=RIGA)]
    slots = local(free_slots(availability, now, taken))
    assert "Mon 30.11 10:00" not in slots  # less than two hours away
    assert "Mon 30.11 11:00" not in slots  # 09:30 + 2 h notice is 11:30
    assert "Wed 02.12 09:00" in slots  # the one-off window
    assert not any(slot.startswith("Mon 07.12") for slot in slots)  # a day off
    assert "Mon 14.12 10:00" not in slots and "Mon 14.12 11:00" in slots  # booked already
    # Three weeks ahead at most: until Mon 21.12 09:30 in Riga, so its 10:00 is out.
    assert slots[-1] == "Mon 14.12 11:00"
