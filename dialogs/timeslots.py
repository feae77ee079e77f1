"""Slots and days as short button actions, and their labels in the reader's language and zone."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from babel.dates import (
    format_interval,
    format_skeleton,
    format_time,
    get_datetime_format,
    get_day_names,
    get_time_format,
    get_timezone_location,
)

from dialogs.grammar import when_date
from dialogs.i18n import Translator

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
# A date this many days ahead is clear without its year (sessions are booked weeks ahead).
YEAR_CLEAR_AHEAD = 300
DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


def encode_slot(moment: datetime) -> str:
    """A slot start as minutes since the epoch in base 36: short enough for any button."""
    minutes = int((moment - EPOCH).total_seconds()) // 60
    code = ""
    while True:
        minutes, digit = divmod(minutes, 36)
        code = DIGITS[digit] + code
        if not minutes:
            return code


def decode_slot(code: str) -> datetime | None:
    """The slot start of a code, or None for anything that is not one (a forged button)."""
    if not code or len(code) > 8 or any(char not in DIGITS for char in code):
        return None
    return EPOCH + timedelta(minutes=int(code, 36))


def encode_day(day: date) -> str:
    return day.strftime("%Y%m%d")


def decode_day(code: str) -> date | None:
    if len(code) != 8 or not code.isdigit():
        return None
    try:
        return date(int(code[:4]), int(code[4:6]), int(code[6:]))
    except ValueError:
        return None


def weekday_name(t: Translator, weekday: int) -> str:
    """Monday is 0; Babel names it in the reader's language."""
    name: str = get_day_names("wide", context="stand-alone", locale=t.language)[weekday]
    return name


def day_label(t: Translator, day: date) -> str:
    """A short day with its weekday, e.g. "Tue, Dec 1"."""
    return format_skeleton("MMMEd", day, locale=t.language)


def short_weekday_name(t: Translator, weekday: int) -> str:
    """Monday is 0; abbreviated as the language does: "Tue", "Otrd.", "an", "вт"."""
    name: str = get_day_names("abbreviated", context="stand-alone", locale=t.language)[weekday]
    return name


def short_day_label(t: Translator, day: date, weekday: bool = False) -> str:
    """A day in digits, for buttons where few characters fit: "12/1", "01.12."; with its
    weekday, "Tue, 12/1", "otrd., 01.12."."""
    return format_skeleton("MEd" if weekday else "Md", day, locale=t.language)


def hour_label(t: Translator, wall: time) -> str:
    return format_time(wall, "short", locale=t.language)


def span_label(t: Translator, start: time, end: time) -> str:
    return f"{hour_label(t, start)}–{hour_label(t, end)}"


def short_span_label(t: Translator, start: time, end: time) -> str:
    """A span in few characters: whole hours without their minutes, "17–19", "5 – 7 PM"."""
    twelve_hours = "h" in get_time_format("short", locale=t.language).pattern
    skeleton = ("h" if twelve_hours else "H") + ("m" if start.minute or end.minute else "")
    return format_interval(start, end, skeleton, locale=t.language)


def slot_day(t: Translator, moment: datetime) -> date:
    """The day a slot falls on in the reader's own zone."""
    return moment.astimezone(t.tz).date()


def slot_label(t: Translator, moment: datetime) -> str:
    """A slot's day and time in the reader's zone, e.g. "Tue, Dec 1, 5:00 PM"."""
    return f"{day_label(t, slot_day(t, moment))}, {t.time(moment)}"


def short_slot_label(t: Translator, moment: datetime) -> str:
    """A slot for buttons where few characters fit, e.g. "12/1, 5:00 PM", "01.12. 17:00"."""
    day = short_day_label(t, slot_day(t, moment))
    pattern = str(get_datetime_format("short", locale=t.language))  # "{1}, {0}": date, time
    return pattern.replace("'", "").replace("{0}", t.time(moment)).replace("{1}", day)


def moment_label(t: Translator, moment: datetime) -> str:
    """A start as it reads inside a sentence: "sestdien, 28. novembrī, plkst. 17:00"."""
    day = moment.astimezone(t.tz).date()
    today = (t.now or datetime.now(UTC)).astimezone(t.tz).date()
    words = when_date(day, t.language, with_year=needs_year(day, today))
    return t.gettext("{date}, {time}").format(date=words, time=t.time(moment))


def needs_year(day: date, today: date) -> bool:
    """A date in this year or the next months reads without its year."""
    return day.year != today.year and not 0 <= (day - today).days <= YEAR_CLEAR_AHEAD


def zone_label(t: Translator) -> str:
    """The reader's time zone as people name it: "Riga time"; a city for zones we do not name."""
    names = {"Europe/Riga": t.gettext("Riga time"), "Europe/Vilnius": t.gettext("Vilnius time")}
    return names.get(t.tz.key) or get_timezone_location(t.tz, t.language, return_city=True)
