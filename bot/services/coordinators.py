"""Tell every coordinator something: one outbox notice each, never twice for the same news."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from bot.services.access import admin_keys
from storage.unit_of_work import UnitOfWork


async def tell_coordinators(
    uow: UnitOfWork,
    channel: str,
    admin_ids: list[str],
    kind: str,
    payload: dict[str, Any],
    *,
    now: datetime,
    key: str,
    about: Iterable[int] = (),
    expires_at: datetime | None = None,
    skip: int | None = None,
) -> int:
    """Write the notice for each coordinator (but `skip`); `key` makes a repeat a no-op.

    Each coordinator is told on their own channel; `channel` (the acting person's) is kept
    for the callers' sake and plays no part.
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
