"""What every ending of a pairing shares: its booked sessions are cancelled, reminders too."""

from __future__ import annotations

from datetime import datetime

from bot.services import reminders
from dialogs.notice_payloads import CalendarSession
from storage.models import MentoringSession, Pair, as_utc
from storage.unit_of_work import UnitOfWork


async def close_pair(uow: UnitOfWork, pair: Pair, now: datetime) -> list[CalendarSession]:
    """End the pairing; return what the cancelling calendar files of its sessions need."""
    pair.status = "ended"
    pair.ended_at = now
    uow.pairs.add(pair)
    cancelled = []
    for booking in await uow.sessions.booked_for_pair(pair.id):  # type: ignore[arg-type]
        booking.status = "cancelled"
        booking.sequence += 1
        booking.updated_at = now
        uow.sessions.add(booking)
        await reminders.cancel(uow, booking.id)  # type: ignore[arg-type]
        cancelled.append(calendar_facts(booking))
    for proposal in await uow.sessions.booked_for_pair(pair.id, ("proposed",)):  # type: ignore[arg-type]
        # Never booked, so in nobody's calendar: it goes, and so does the question about it.
        proposal.status = "cancelled"
        proposal.updated_at = now
        uow.sessions.add(proposal)
        await reminders.cancel(uow, proposal.id)  # type: ignore[arg-type]
    return cancelled


def calendar_facts(booking: MentoringSession) -> CalendarSession:
    """A session as a notice carries it, for a calendar file rendered later."""
    assert booking.id is not None
    return CalendarSession(
        session=booking.id,
        starts_at=as_utc(booking.starts_at).isoformat(),
        ends_at=as_utc(booking.ends_at).isoformat(),
        tz=booking.tz,
        sequence=booking.sequence,
    )
