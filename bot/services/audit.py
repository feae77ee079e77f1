"""Write coordinators' actions to the audit log, and read it out as CSV."""

from __future__ import annotations

import csv
import io
from datetime import datetime

from storage.models import AuditEntry, as_utc
from storage.unit_of_work import UnitOfWork

CSV_HEADER = ("at_utc", "actor", "action", "target", "detail")


async def record_action(
    uow: UnitOfWork,
    actor_id: int | None,
    action: str,
    target_id: int | None,
    now: datetime,
    detail: str | None = None,
) -> None:
    """Append one entry: ids and a short detail only, never a name or a text someone wrote."""
    uow.audit.add(
        AuditEntry(actor_id=actor_id, action=action, target_id=target_id, detail=detail, at=now)
    )


async def audit_csv(uow: UnitOfWork) -> bytes:
    """Every entry, oldest first; people appear as their numbers in the bot."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for entry in await uow.audit.all():
        writer.writerow(
            (
                as_utc(entry.at).isoformat(),
                entry.actor_id if entry.actor_id is not None else "",
                entry.action,
                entry.target_id if entry.target_id is not None else "",
                entry.detail or "",
            )
        )
    return buffer.getvalue().encode()
