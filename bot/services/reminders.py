"""A session's reminders and the prompt after it: outbox rows written with the booking itself.

Every row's dedupe key starts with `session:{id}:`, so moving or cancelling a session cancels all
of its pending rows at once; the keys carry the session's sequence, so a moved session's new rows
never collide with the old ones.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from dialogs.notice_payloads import PlanNudge, SessionFollowup, SessionReminder
from storage.models import MentoringSession, as_utc
from storage.unit_of_work import UnitOfWork

# (name, how long before the start it is sent, until how long before the start it is useful):
# once the hour-before reminder is due the day-before one would only repeat it, and once the
# session has begun neither is any use.
REMINDERS = (
    ("24h", timedelta(hours=24), timedelta(hours=1)),
    ("1h", timedelta(hours=1), timedelta(0)),
)
# A mentor who was away for a week may still say how the session went.
FOLLOWUP_USEFUL = timedelta(days=7)
# Half-way to the next session the mentee is reminded of the plan, unless that is too soon to help.
NUDGE_MIN_LEAD = timedelta(hours=12)


def key_prefix(session_id: int) -> str:
    return f"session:{session_id}:"


def plan_nudge_key(booking: MentoringSession) -> str:
    return f"{key_prefix(booking.id)}{booking.sequence}:plan:{booking.mentee_id}"  # type: ignore[arg-type]


async def names(uow: UnitOfWork, mentor_id: int, mentee_id: int) -> tuple[str, str]:
    """The mentor's and the mentee's display names; "" for one who has withdrawn their data."""
    application = await uow.applications.get(mentor_id)
    request = await uow.requests.get(mentee_id)
    return (
        application.display_name if application else "",
        request.display_name if request else "",
    )


async def schedule(uow: UnitOfWork, booking: MentoringSession, now: datetime) -> None:
    """Write both people's reminders and the mentor's follow-up for this version of the session."""
    assert booking.id is not None
    mentor_name, mentee_name = await names(uow, booking.mentor_id, booking.mentee_id)
    start, end = as_utc(booking.starts_at), as_utc(booking.ends_at)
    base = f"{key_prefix(booking.id)}{booking.sequence}"
    people = ((booking.mentor_id, mentee_name, True), (booking.mentee_id, mentor_name, False))
    for lead, ahead, useful_until in REMINDERS:
        if start - ahead <= now:
            continue  # booked too late for this one; a later reminder still comes
        for user_id, other, is_mentor in people:
            await uow.outbox.enqueue(
                user_id,
                "session_reminder",
                SessionReminder(
                    session=booking.id,
                    starts_at=start.isoformat(),
                    name=other,
                    lead=lead,
                    mentor=is_mentor,
                    place=booking.place,
                    online_url=booking.online_url,
                ),
                due_at=start - ahead,
                expires_at=start - useful_until,
                dedupe_key=f"{base}:{lead}:{user_id}",
                about=[booking.mentor_id, booking.mentee_id],
            )
    await uow.outbox.enqueue(
        booking.mentor_id,
        "session_followup",
        SessionFollowup(session=booking.id, starts_at=start.isoformat(), name=mentee_name),
        due_at=end,
        expires_at=end + FOLLOWUP_USEFUL,
        dedupe_key=f"{base}:followup",
        about=[booking.mentee_id],
    )
    await _plan_nudge(uow, booking, now, mentor_name)


async def _plan_nudge(
    uow: UnitOfWork, booking: MentoringSession, now: datetime, mentor_name: str
) -> None:
    """Remind the mentee of the plan's open items half-way between now and the session."""
    assert booking.id is not None
    start = as_utc(booking.starts_at)
    half_way = (start - as_utc(now)) / 2
    if half_way < NUDGE_MIN_LEAD:
        return
    items = await uow.plans.current(booking.pair_id)
    open_items = [item.text for item in items if item.done_at is None]
    if not open_items:
        return
    await uow.outbox.enqueue(
        booking.mentee_id,
        "plan_nudge",
        PlanNudge(
            session=booking.id,
            starts_at=start.isoformat(),
            name=mentor_name,
            plan=open_items,
        ),
        due_at=as_utc(now) + half_way,
        expires_at=start,
        dedupe_key=plan_nudge_key(booking),
        about=[booking.mentor_id],
    )


async def cancel(uow: UnitOfWork, session_id: int) -> int:
    """Cancel every pending reminder and prompt of the session; return how many."""
    return await uow.outbox.cancel_prefix(key_prefix(session_id))
