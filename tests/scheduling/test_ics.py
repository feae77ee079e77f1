"""Calendar files that phones accept: RFC 5545 structure, zones, folding and escaping."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest

from dialogs.ics import CalendarEvent, calendar, escape_text, fold

RIGA = ZoneInfo("Europe/Riga")
NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)


def event(**changes) -> CalendarEvent:  # type: ignore[no-untyped-def]
    values = {
        "uid": "session-42@mentorbot",
        "start": datetime(2027, 3, 30, 17, 0, tzinfo=RIGA),
        "end": datetime(2027, 3, 30, 18, 0, tzinfo=RIGA),
        "tz": "Europe/Riga",
        "summary": "Mentoring: Anna; Jānis, 1 h",
        "description": "Plan:\n- read a chapter\n- call the school",
        "location": "Rīga, Brīvības iela 1",
    }
    values.update(changes)
    return CalendarEvent(**values)


def test_parses_with_the_right_local_time_after_the_change() -> None:
    data = calendar(event(), NOW)
    parsed = icalendar.Calendar.from_ical(data)
    vevent = next(component for component in parsed.walk("VEVENT"))
    start = vevent.decoded("DTSTART")
    assert start.hour == 17 and str(start.tzinfo) == "Europe/Riga"
    assert start.astimezone(UTC).hour == 14  # summer time: UTC+3
    assert str(vevent["SUMMARY"]) == "Mentoring: Anna; Jānis, 1 h"
    assert str(vevent["DESCRIPTION"]).splitlines()[1] == "- read a chapter"
    assert [c.name for c in parsed.walk("VTIMEZONE")] == ["VTIMEZONE"]


def test_crlf_and_folding_within_75_octets() -> None:
    data = calendar(event(description="ā" * 200), NOW)
    lines = data.split(b"\r\n")
    assert data.endswith(b"\r\n") and b"\n" not in data.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in lines)
    assert any(line.startswith(b" ") for line in lines)
    unfolded = data.replace(b"\r\n ", b"").decode()
    assert "DESCRIPTION:" + "ā" * 200 in unfolded


def test_cancellation_and_sequence() -> None:
    parsed = icalendar.Calendar.from_ical(calendar(event(cancelled=True, sequence=3), NOW))
    vevent = next(iter(parsed.walk("VEVENT")))
    assert str(vevent["STATUS"]) == "CANCELLED" and int(vevent["SEQUENCE"]) == 3
    assert str(parsed["METHOD"]) == "CANCEL"


def test_escaping_and_unknown_zone() -> None:
    assert escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    assert fold("x" * 75) == "x" * 75
    with pytest.raises(ValueError):
        calendar(event(tz="America/New_York"), NOW)


def test_a_booked_session_reminds_through_the_phones_calendar() -> None:
    from datetime import UTC, datetime

    from icalendar import Calendar

    from dialogs.ics import CalendarEvent, calendar

    start = datetime(2026, 12, 1, 15, tzinfo=UTC)
    event = CalendarEvent("s1@test", start, start.replace(hour=16), "Europe/Riga", "Session")
    parsed = Calendar.from_ical(calendar(event, start))
    alarms = [c for c in parsed.walk() if c.name == "VALARM"]
    assert sorted(str(a.decoded("TRIGGER")) for a in alarms) == [
        "-1 day, 0:00:00",
        "-1 day, 23:00:00",
    ]
    cancelled = CalendarEvent("s1@test", start, start, "Europe/Riga", "Session", cancelled=True)
    assert "VALARM" not in calendar(cancelled, start).decode()
