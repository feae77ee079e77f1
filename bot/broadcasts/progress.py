"""Keep a broadcast's composer told how it goes: one progress message while it runs, edited
every few seconds where the platform can edit a message (else left as it was), and a report of
its own when it is done or stopped.

Each message is an outbox notice to the composer, in the lane of replies and reminders, never
behind the broadcast itself. A new one is written only once the one before has gone out and the
figures have changed, so a slow platform is never sent a queue of stale figures.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from dialogs.i18n import LANGUAGES
from dialogs.notice_payloads import BroadcastProgress
from dialogs.ports import BroadcastView
from storage.broadcasts import CANCELLED, DONE, Report
from storage.models import Broadcast, as_utc
from storage.outbox import PENDING
from storage.unit_of_work import UnitOfWork, UnitOfWorkFactory

PROGRESS_SECONDS = 5
# Figures of a run older than this are not worth showing to someone who comes back later; the
# report at the end is.
PROGRESS_LIFETIME = timedelta(hours=1)
REPORT_LIFETIME = timedelta(days=7)


async def view_of(
    uow: UnitOfWork, row: Broadcast, now: datetime, report: Report | None = None
) -> BroadcastView:
    """The broadcast and what became of it so far (without the CSV), from its report where the
    caller has read it already."""
    assert row.id is not None
    report = report if report is not None else await uow.broadcasts.report(row)
    outcomes: dict[str, int] = {}
    for (status, _, _), number in report.counts.items():
        outcomes[status] = outcomes.get(status, 0) + number
    return BroadcastView(
        id=row.id,
        status=row.status,
        send_at=row.send_at,
        languages=tuple(code for code in LANGUAGES if code in row.texts),
        recipients=sum(outcomes.values()),
        outcomes=outcomes,
        skipped_language=report.skipped_language,
        skipped_consent=report.skipped_consent,
        per_minute=await uow.broadcasts.sent_since(row.id, now - timedelta(minutes=1)),
        csv=b"",
    )


async def tell_composers(uow_factory: UnitOfWorkFactory, now: datetime) -> int:
    """Write the progress or report each running or just-ended broadcast's composer is owed."""
    written = 0
    async with uow_factory() as uow:
        for broadcast in await uow.broadcasts.followed():
            written += await _tell(uow, broadcast, now)
        await uow.commit()
    return written


async def _tell(uow: UnitOfWork, broadcast: Broadcast, now: datetime) -> int:
    final = broadcast.status in (DONE, CANCELLED)
    if final:
        broadcast.reported_at = as_utc(now)
        uow.session.add(broadcast)
    composer = broadcast.created_by
    if composer is None:  # made on the command line, or its composer is gone
        return 0
    key = f"bprogress:{broadcast.id}:"
    last = await uow.outbox.newest_keyed(composer, key)
    if last is not None and not final and (last.status == PENDING or last.sent_ref is None):
        return 0  # the last one is not out yet, or cannot be edited: wait for the end
    view = await view_of(uow, broadcast, now)
    payload = BroadcastProgress(
        broadcast=view.id,
        status=view.status,
        send_at=as_utc(view.send_at).isoformat(),
        languages=list(view.languages),
        outcomes=view.outcomes,
        skipped_language=view.skipped_language,
        skipped_consent=view.skipped_consent,
        per_minute=view.per_minute,
        edit=None,
        final=final,
    )
    if last is not None and not final:
        if _figures(json.loads(last.payload)) == _figures(dict(payload)):
            return 0
        payload["edit"] = last.sent_ref
    number = 0 if last is None or last.dedupe_key is None else _number(last.dedupe_key) + 1
    lifetime = REPORT_LIFETIME if final else PROGRESS_LIFETIME
    return int(
        await uow.outbox.enqueue(
            composer,
            "broadcast_progress",
            payload,
            due_at=now,
            expires_at=now + lifetime,
            dedupe_key=f"{key}{number}",
        )
    )


def _figures(payload: dict[str, object]) -> dict[str, object]:
    return {name: value for name, value in payload.items() if name not in ("edit", "final")}


def _number(dedupe_key: str) -> int:
    tail = dedupe_key.rsplit(":", 1)[-1]
    return int(tail) if tail.isdigit() else 0
