"""Calendar files (RFC 5545) for a booked session, in the session's own time zone.

Pure formatting, like the translations: dialogs render it into a document reply.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

PRODUCT = "-//Mentorbot//Mentoring sessions//EN"
LINE_LIMIT = 75  # octets, before folding

# Both Riga and Vilnius keep Eastern European Time with the EU's summer time rules.
EET_RULES = (
    "BEGIN:STANDARD",
    "DTSTART:19701025T040000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "TZOFFSETFROM:+0300",
    "TZOFFSETTO:+0200",
    "TZNAME:EET",
    "END:STANDARD",
    "BEGIN:DAYLIGHT",
    "DTSTART:19700329T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0300",
    "TZNAME:EEST",
    "END:DAYLIGHT",
)
ZONES = {"Europe/Riga": EET_RULES, "Europe/Vilnius": EET_RULES}


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    start: datetime  # aware
    end: datetime  # aware
    tz: str
    summary: str
    description: str = ""
    location: str = ""
    url: str = ""  # a URI: written as it is, never escaped
    sequence: int = 0  # raised on every change, so calendars replace the old version
    cancelled: bool = False


def escape_text(value: str) -> str:
    """Escape a TEXT value: backslash, semicolon, comma and line breaks."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def fold(line: str) -> str:
    """Fold a content line at 75 octets, never inside a UTF-8 character."""
    out: list[str] = []
    current = ""
    limit = LINE_LIMIT
    for char in line:
        if len((current + char).encode()) > limit:
            out.append(current)
            current = char
            limit = LINE_LIMIT - 1  # continuation lines start with a space
        else:
            current += char
    out.append(current)
    return "\r\n ".join(out)


def _local(moment: datetime, tz: str) -> str:
    return moment.astimezone(ZoneInfo(tz)).strftime("%Y%m%dT%H%M%S")


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


# The phone's calendar reminds the person a day and an hour before: on Messenger the bot may not
# write outside the 24-hour window, so its own reminders cannot be promised there.
ALARMS = ("-PT24H", "-PT1H")


def _alarms(summary: str) -> list[str]:
    lines = []
    for trigger in ALARMS:
        lines += [
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            f"TRIGGER:{trigger}",
            f"DESCRIPTION:{escape_text(summary)}",
            "END:VALARM",
        ]
    return lines


def calendar(event: CalendarEvent, now: datetime) -> bytes:
    """One VCALENDAR with the zone definition and the event, CRLF line endings."""
    if event.tz not in ZONES:
        raise ValueError(f"no VTIMEZONE known for {event.tz}")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODUCT}",
        "CALSCALE:GREGORIAN",
        "METHOD:CANCEL" if event.cancelled else "METHOD:PUBLISH",
        "BEGIN:VTIMEZONE",
        f"TZID:{event.tz}",
        *ZONES[event.tz],
        "END:VTIMEZONE",
        "BEGIN:VEVENT",
        f"UID:{event.uid}",
        f"DTSTAMP:{_utc(now)}",
        f"DTSTART;TZID={event.tz}:{_local(event.start, event.tz)}",
        f"DTEND;TZID={event.tz}:{_local(event.end, event.tz)}",
        f"SEQUENCE:{event.sequence}",
        f"STATUS:{'CANCELLED' if event.cancelled else 'CONFIRMED'}",
        f"SUMMARY:{escape_text(event.summary)}",
    ]
    if event.description:
        lines.append(f"DESCRIPTION:{escape_text(event.description)}")
    if event.location:
        lines.append(f"LOCATION:{escape_text(event.location)}")
    if event.url:
        lines.append(f"URL:{event.url}")
    if not event.cancelled:
        lines += _alarms(event.summary)
    lines += ["END:VEVENT", "END:VCALENDAR"]
    return ("\r\n".join(fold(line) for line in lines) + "\r\n").encode()
