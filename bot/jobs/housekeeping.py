"""Forget what only guarded against redelivery, and let no message wait forever."""

from __future__ import annotations

from datetime import datetime, timedelta

from storage.unit_of_work import UnitOfWorkFactory

# Telegram redelivers for at most a day and Meta for a few hours; a week is more than either.
UPDATE_IDS_KEPT = timedelta(days=7)
# News held for a person's next visit on Messenger, after which it is stale.
HELD_AT_MOST = timedelta(days=28)
# How long the words of a pair's delivered message stay, so that the reader can report it.
REPORTABLE_FOR = timedelta(days=7)


async def housekeeping(uow_factory: UnitOfWorkFactory, now: datetime) -> int:
    """Drop old update ids, expire long-held messages, forget old words; return how many."""
    async with uow_factory() as uow:
        changed = await uow.updates.forget_before(now - UPDATE_IDS_KEPT)
        changed += await uow.outbox.expire_waiting(now - HELD_AT_MOST, now)
        changed += await uow.outbox.forget_words(now - REPORTABLE_FOR)
        await uow.commit()
    return changed
