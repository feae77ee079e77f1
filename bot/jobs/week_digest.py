"""Monday morning: each mentor with an active pair gets their week's sessions (Monday to Sunday)."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import dialogs.session_notices  # noqa: F401  (registers the notices this job writes)
from bot.services.reminders import names
from dialogs.notice_payloads import DigestSession, WeekDigest
from storage.models import as_utc
from storage.unit_of_work import UnitOfWork, UnitOfWorkFactory

ZONE = ZoneInfo("Europe/Riga")  # Vilnius keeps the same time
MONDAY = 0
# From the 08:00 run; a bot that was down then catches up later that Monday, never at night.
DAYTIME = range(8, 21)


def week_bounds(local: datetime) -> tuple[datetime, datetime]:
    """This week's Monday 00:00 and the next Monday 00:00, local time."""
    monday = (local - timedelta(days=local.weekday())).replace(
        hour=0, minute=0, second=0, microsecond=0
    )
    return monday, monday + timedelta(days=7)


async def week_digests(uow_factory: UnitOfWorkFactory, now: datetime) -> int:
    """Write this week's digests; returns how many were new."""
    local = now.astimezone(ZONE)
    if local.weekday() != MONDAY or local.hour not in DAYTIME:
        return 0
    written = 0
    async with uow_factory() as uow:
        mentors = sorted({pair.mentor_id for pair in await uow.pairs.active()})
        for mentor_id in mentors:
            written += await _digest(uow, mentor_id, local, now)
        await uow.commit()
    return written


async def _digest(uow: UnitOfWork, mentor_id: int, local: datetime, now: datetime) -> int:
    monday, next_monday = week_bounds(local)
    sessions: list[DigestSession] = []
    booked = await uow.sessions.booked_for_mentor(mentor_id, as_utc(monday), as_utc(next_monday))
    for booking in booked:
        _mentor, mentee_name = await names(uow, booking.mentor_id, booking.mentee_id)
        sessions.append(
            DigestSession(starts_at=as_utc(booking.starts_at).isoformat(), name=mentee_name)
        )
    year, week, _day = local.isocalendar()
    return await uow.outbox.enqueue(
        mentor_id,
        "week_digest",
        WeekDigest(sessions=sessions),
        due_at=now,
        # The week ahead is news on Monday only.
        expires_at=monday + timedelta(days=1),
        dedupe_key=f"digest:{mentor_id}:{year}-W{week:02d}",
        about=[booking.mentee_id for booking in booked],
    )
