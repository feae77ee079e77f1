"""From the middle of a month: a nudge to both people of a pair that meets less than twice in it."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import dialogs.session_notices  # noqa: F401  (registers the notices this job writes)
from bot.services.reminders import names
from dialogs.notice_payloads import BookNudge
from storage.models import Pair, as_utc
from storage.unit_of_work import UnitOfWork, UnitOfWorkFactory

ZONE = ZoneInfo("Europe/Riga")  # Vilnius keeps the same time
MIDDLE = 15
ENOUGH = 2  # sessions a month, held or booked
# Not at night, even when the bot comes back up then: the nudge waits for the morning run.
DAYTIME = range(10, 21)


def month_bounds(local: datetime) -> tuple[datetime, datetime, datetime]:
    """The month's first moment, its middle (the 15th) and the next month's first, local time."""
    start = local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    following = (start + timedelta(days=32)).replace(day=1)
    return start, start.replace(day=MIDDLE), following


async def book_nudges(uow_factory: UnitOfWorkFactory, now: datetime) -> int:
    """Write the nudges due this month; returns how many were new."""
    local = now.astimezone(ZONE)
    if local.day < MIDDLE or local.hour not in DAYTIME:
        return 0
    start, middle, end = month_bounds(local)
    written = 0
    async with uow_factory() as uow:
        for pair in await uow.pairs.active():
            # A pair matched after the middle of the month has had no chance to meet twice.
            if as_utc(pair.started_at) >= middle:
                continue
            held_or_booked = await uow.sessions.count_for_pair(
                pair.id,  # type: ignore[arg-type]
                as_utc(start),
                as_utc(end),
            )
            if held_or_booked < ENOUGH:
                written += await _nudge(uow, pair, held_or_booked, local, end, now)
        await uow.commit()
    return written


async def _nudge(
    uow: UnitOfWork, pair: Pair, count: int, local: datetime, end: datetime, now: datetime
) -> int:
    mentor_name, mentee_name = await names(uow, pair.mentor_id, pair.mentee_id)
    month = f"{local:%Y-%m}"
    written = 0
    for user_id, other, is_mentor in (
        (pair.mentor_id, mentee_name, True),
        (pair.mentee_id, mentor_name, False),
    ):
        about = pair.mentee_id if is_mentor else pair.mentor_id
        written += await uow.outbox.enqueue(
            user_id,
            "book_nudge",
            BookNudge(name=other, count=count, mentor=is_mentor),
            due_at=now,
            expires_at=end,
            dedupe_key=f"nudge:{pair.id}:{month}:{user_id}",
            about=[about],
        )
    return written
