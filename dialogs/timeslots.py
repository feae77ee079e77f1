"""Slots and days as short button actions, and their labels in the reader's language and zone."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from babel.dates import format_skeleton, format_time, get_day_names

from dialogs.i18n import Translator

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
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
    return get_day_names("wide", context="stand-alone", locale=t.language)[weekday]


def day_label(t: Translator, day: date) -> str:
    """A short day with its weekday, e.g. "Tue, Dec 1"."""
    return format_skeleton("MMMEd", day, locale=t.language)


def hour_label(t: Translator, wall: time) -> str:
    return format_time(wall, "short", locale=t.language)


def span_label(t: Translator, start: time, end: time) -> str:
    return f"{hour_label(t, start)}–{hour_label(t, end)}"


def slot_day(t: Translator, moment: datetime) -> date:
    """The day a slot falls on in the reader's own zone."""
    return moment.astimezone(t.tz).date()


def slot_label(t: Translator, moment: datetime) -> str:
    """A slot's day and time in the reader's zone, e.g. "Tue, Dec 1, 5:00 PM"."""
    return f"{day_label(t, slot_day(t, moment))}, {t.time(moment)}"


def moment_label(t: Translator, moment: datetime) -> str:
    """A start in full words in the reader's zone: "Tuesday, November 24, 2026, 5:00 PM"."""
    return t.gettext("{date}, {time}").format(date=t.date(moment, "full"), time=t.time(moment))
