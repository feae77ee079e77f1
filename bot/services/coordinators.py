"""Tell every coordinator something: one outbox notice each, never twice for the same news."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime

from bot.services.access import admin_keys
from storage.unit_of_work import UnitOfWork


async def tell_coordinators(
    uow: UnitOfWork,
    admin_ids: list[str],
    kind: str,
    payload: Mapping[str, object],
    *,
    now: datetime,
    key: str,
    about: Iterable[int] = (),
    expires_at: datetime | None = None,
    skip: int | None = None,
) -> int:
    """Write the notice for each coordinator (but `skip`); `key` makes a repeat a no-op.

    Each coordinator is told on their own channel, whatever the acting person's.
    """
    mentioned = list(about)
    written = 0
    for member in await uow.staff.members(admin_keys(admin_ids)):
        if member.id is None or member.id == skip:
            continue
        written += await uow.outbox.enqueue(
            member.id,
            kind,
            payload,
            due_at=now,
            expires_at=expires_at,
            dedupe_key=f"{key}:staff:{member.id}",
            about=mentioned,
        )
    return written
