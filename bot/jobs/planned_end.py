"""At a pairing's planned end it ends: both are thanked, and their booked sessions cancelled."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel import select

import dialogs.pairing_notices  # noqa: F401  (registers the notices this job writes)
from bot.services.access import AdminIds, admin_keys
from bot.services.coordinators import tell_coordinators
from bot.services.pair_ending import close_pair
from bot.services.reminders import names
from dialogs.notice_payloads import PairCompleted, StaffPairCompleted
from storage.models import Pair
from storage.unit_of_work import UnitOfWork, UnitOfWorkFactory

NEWS_LIFETIME = timedelta(days=7)


async def planned_ends(uow_factory: UnitOfWorkFactory, admin_ids: AdminIds, now: datetime) -> int:
    """End every active pairing whose planned end has come; returns how many notices it wrote."""
    written = 0
    async with uow_factory() as uow:
        for pair in await _due(uow, now):
            written += await _end(uow, pair, admin_ids, now)
        await uow.commit()
    return written


async def _due(uow: UnitOfWork, now: datetime) -> list[Pair]:
    query = (
        select(Pair)
        .where(Pair.status == "active", Pair.planned_end_at <= now)
        .with_for_update(skip_locked=True)  # two workers: each pairing is ended once
    )
    return list((await uow.session.exec(query)).all())


async def _end(uow: UnitOfWork, pair: Pair, admin_ids: AdminIds, now: datetime) -> int:
    mentor_name, mentee_name = await names(uow, pair.mentor_id, pair.mentee_id)
    cancelled = await close_pair(uow, pair, now)
    # The request was served: the young person may ask for a mentor again when they wish.
    await uow.requests.move(pair.mentee_id, "matched", "withdrawn", now)
    key = f"pair:{pair.id}:completed"
    written = 0
    for user_id, other, about in (
        (pair.mentor_id, mentee_name, pair.mentee_id),
        (pair.mentee_id, mentor_name, pair.mentor_id),
    ):
        written += await uow.outbox.enqueue(
            user_id,
            "pair_completed",
            PairCompleted(partner=other, sessions=cancelled, stamp=now.isoformat()),
            due_at=now,
            expires_at=now + NEWS_LIFETIME,
            dedupe_key=f"{key}:{user_id}",
            about=[about],
        )
    written += await tell_coordinators(
        uow,
        admin_keys(admin_ids),
        "staff_pair_completed",
        StaffPairCompleted(mentor=mentor_name, mentee=mentee_name),
        now=now,
        key=key,
        about=[pair.mentor_id, pair.mentee_id],
        expires_at=now + NEWS_LIFETIME,
    )
    return written
