"""Free one-hour slots from a mentor's weekly times, one-off times and days off.

Times are wall-clock times in the mentor's zone: "Tuesdays 17:00" stays 17:00 across a
daylight-saving change. A wall time that does not exist that day (the spring gap) is skipped;
one that exists twice (the autumn repeat) means its first occurrence.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

SESSION = timedelta(hours=1)
HORIZON = timedelta(weeks=3)
# Booking this close to the start is too late for anyone to plan for it.
MIN_NOTICE = timedelta(hours=2)


@dataclass(frozen=True)
class WeeklyWindow:
    weekday: int  # Monday is 0
    start: time
    end: time


@dataclass(frozen=True)
class OneOffWindow:
    day: date
    start: time
    end: time


@dataclass(frozen=True)
class Availability:
    tz: str
    weekly: tuple[WeeklyWindow, ...] = ()
    one_off: tuple[OneOffWindow, ...] = ()
    days_off: frozenset[date] = frozenset()


def local_moment(day: date, wall: time, tz: ZoneInfo) -> datetime | None:
    """The aware moment of a wall time on a day, or None if the clocks skip it."""
    moment = datetime.combine(day, wall, tzinfo=tz).replace(fold=0)
    round_trip = moment.astimezone(ZoneInfo("UTC")).astimezone(tz)
    if (round_trip.hour, round_trip.minute) != (wall.hour, wall.minute):
        return None  # inside the spring-forward gap
    return moment


def _window_starts(day: date, start: time, end: time, tz: ZoneInfo) -> Iterable[datetime]:
    """Hourly starts within a window whose whole hour fits before its end."""
    wall = datetime.combine(day, start)
    last = datetime.combine(day, end) - SESSION
    while wall <= last:
        moment = local_moment(day, wall.time(), tz)
        if moment is not None:
            yield moment
        wall += SESSION


def free_slots(
    availability: Availability,
    now: datetime,
    taken: Iterable[datetime] = (),
    horizon: timedelta = HORIZON,
) -> list[datetime]:
    """Sorted UTC starts of the free hours between now (plus notice) and the horizon."""
    tz = ZoneInfo(availability.tz)
    earliest = now + MIN_NOTICE
    latest = now + horizon
    busy = {moment.astimezone(ZoneInfo("UTC")) for moment in taken}
    first_day = now.astimezone(tz).date()
    last_day = latest.astimezone(tz).date()
    found: set[datetime] = set()
    day = first_day
    while day <= last_day:
        if day not in availability.days_off:
            windows = [(w.start, w.end) for w in availability.weekly if w.weekday == day.weekday()]
            windows += [(w.start, w.end) for w in availability.one_off if w.day == day]
            for start, end in windows:
                for moment in _window_starts(day, start, end, tz):
                    utc = moment.astimezone(ZoneInfo("UTC"))
                    if earliest <= utc <= latest and utc not in busy:
                        found.add(utc)
        day += timedelta(days=1)
    return sorted(found)
