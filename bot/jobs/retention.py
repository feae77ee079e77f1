"""Personal data of the long inactive is erased, a month after a notice they can answer.

Anyone who writes or presses anything is active again: the conversation service clears the
notice. The scan is stateless, so a repeated or concurrent run changes nothing twice.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.services.access import AdminIds, admin_keys
from bot.services.erasure import erase_person
from bot.services.matching import add_months
from dialogs.notice_payloads import RetentionNotice
from storage.models import User, as_utc
from storage.unit_of_work import UnitOfWork, UnitOfWorkFactory

NOTICE_AHEAD = timedelta(days=30)
BATCH = 200  # people per run and step; a daily run soon clears any backlog


async def retention(
    uow_factory: UnitOfWorkFactory, admin_ids: AdminIds, months: int, now: datetime
) -> int:
    """Send due notices and erase those whose notice went unanswered; return how many of both."""
    inactive_since = add_months(now, -months) + NOTICE_AHEAD
    written = 0
    async with uow_factory() as uow:
        for user in await uow.users.inactive(inactive_since, BATCH):
            written += await _notify(uow, user, now, months)
        await uow.commit()
    admins = admin_keys(admin_ids)
    for user_id in await _unanswered(uow_factory, now - NOTICE_AHEAD):
        async with uow_factory() as uow:
            person = await uow.users.get(user_id)
            # Checked again inside the erasing transaction: they may have written meanwhile.
            if person is not None and _still_unanswered(person, now - NOTICE_AHEAD):
                await erase_person(uow, person, now, admins, action="retention_erased")
                await uow.commit()
                written += 1
    return written


async def _notify(uow: UnitOfWork, user: User, now: datetime, months: int) -> int:
    assert user.id is not None
    user.retention_notice_at = now
    uow.session.add(user)
    return await uow.outbox.enqueue(
        user.id,
        "retention_notice",
        RetentionNotice(months=months, erase_on=(now + NOTICE_AHEAD).isoformat()),
        due_at=now,
        expires_at=now + NOTICE_AHEAD,
        dedupe_key=f"retention:{user.id}:{now.date().isoformat()}",
    )


async def _unanswered(uow_factory: UnitOfWorkFactory, noticed_before: datetime) -> list[int]:
    async with uow_factory() as uow:
        return await uow.users.retention_due(noticed_before, BATCH)


def _still_unanswered(user: User, noticed_before: datetime) -> bool:
    notice = user.retention_notice_at
    return notice is not None and as_utc(notice) <= noticed_before and user.erased_at is None
