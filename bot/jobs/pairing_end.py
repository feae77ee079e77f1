"""A month before a pairing's planned end: a note to both people and to the coordinators."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel import select

import dialogs.pairing_notices  # noqa: F401  (registers the notices this job writes)
from bot.services.access import AdminIds, admin_keys
from bot.services.coordinators import tell_coordinators
from bot.services.reminders import names
from dialogs.notice_payloads import PairingEnding, StaffPairingEnding
from storage.models import Pair, as_utc
from storage.unit_of_work import UnitOfWork, UnitOfWorkFactory

NOTICE_AHEAD = timedelta(days=30)


async def pairing_end_notes(
    uow_factory: UnitOfWorkFactory, admin_ids: AdminIds, now: datetime
) -> int:
    """Write the notes for active pairings ending within a month; returns how many were new."""
    written = 0
    async with uow_factory() as uow:
        for pair in await _ending(uow, now):
            written += await _note(uow, pair, admin_ids, now)
        await uow.commit()
    return written


async def _ending(uow: UnitOfWork, now: datetime) -> list[Pair]:
    query = select(Pair).where(
        Pair.status == "active",
        Pair.planned_end_at > now,
        Pair.planned_end_at <= now + NOTICE_AHEAD,
    )
    return list((await uow.session.exec(query)).all())


async def _note(uow: UnitOfWork, pair: Pair, admin_ids: AdminIds, now: datetime) -> int:
    mentor_name, mentee_name = await names(uow, pair.mentor_id, pair.mentee_id)
    # Someone who withdrew their data has no name left; a "?" reads better than a gap.
    mentor_name, mentee_name = mentor_name or "?", mentee_name or "?"
    end = as_utc(pair.planned_end_at)
    key = f"pairing-end:{pair.id}"
    written = 0
    for user_id, other in ((pair.mentor_id, mentee_name), (pair.mentee_id, mentor_name)):
        written += await uow.outbox.enqueue(
            user_id,
            "pairing_ending",
            PairingEnding(other=other, end=end.isoformat()),
            due_at=now,
            expires_at=end,
            dedupe_key=f"{key}:{user_id}",
            about=[pair.mentor_id, pair.mentee_id],
        )
    written += await tell_coordinators(
        uow,
        admin_keys(admin_ids),
        "staff_pairing_ending",
        StaffPairingEnding(mentor=mentor_name, mentee=mentee_name, end=end.isoformat()),
        now=now,
        key=key,
        about=[pair.mentor_id, pair.mentee_id],
        expires_at=end,
    )
    return written
