"""Someone in a pairing blocks the bot: their partner and the coordinators are told, once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlmodel import select

from bot.outbox import Blocked, OutboxWorker
from bot.services.blocking import record_block_by_id
from bot.services.conversation import ConversationService, Incoming
from dialogs.conversation import build_engine
from dialogs.events import BlockedEvent
from dialogs.i18n import Catalogues
from storage.models import Pair
from storage.outbox import OutboxMessage
from storage.unit_of_work import UnitOfWorkFactory
from tests.jobs.test_pairing_end import ADMIN, NOW, people


async def kinds(uow_factory: UnitOfWorkFactory) -> list[tuple[int, str]]:
    async with uow_factory() as uow:
        rows = (await uow.session.exec(select(OutboxMessage))).all()
        return sorted((row.user_id, row.kind) for row in rows)


async def paired(uow_factory: UnitOfWorkFactory) -> dict[str, int]:
    ids = await people(uow_factory)
    async with uow_factory() as uow:
        uow.pairs.add(
            Pair(
                mentor_id=ids["mentor"],
                mentee_id=ids["mentee"],
                status="active",
                started_at=NOW,
                planned_end_at=NOW + timedelta(days=180),
            )
        )
        await uow.commit()
    return ids


async def test_blocking_tells_the_partner_and_coordinators_once(
    uow_factory: UnitOfWorkFactory,
) -> None:
    ids = await paired(uow_factory)
    service = ConversationService(uow_factory, build_engine(), Catalogues(), admin_ids=[ADMIN])
    for update_id in (1, 2):  # a second "blocked" update changes nothing more
        await service.handle(Incoming("telegram", "2", BlockedEvent(), str(update_id), "lv"))
    assert await kinds(uow_factory) == sorted(
        [(ids["mentor"], "partner_blocked"), (ids["admin"], "staff_partner_blocked")]
    )
    async with uow_factory() as uow:
        mentee = await uow.users.get(ids["mentee"])
        assert mentee is not None and mentee.blocked_at is not None


async def test_a_refused_delivery_counts_as_blocking(uow_factory: UnitOfWorkFactory) -> None:
    ids = await paired(uow_factory)
    async with uow_factory() as uow:
        await uow.outbox.enqueue(ids["mentor"], "pairing_ending", {}, due_at=NOW)
        await uow.commit()

    async def refuse(item):  # type: ignore[no-untyped-def]
        return Blocked()

    async def on_blocked(uow, user_id, now):  # type: ignore[no-untyped-def]
        await record_block_by_id(uow, user_id, now, [str(ADMIN)])

    worker = OutboxWorker(
        uow_factory, refuse, clock=lambda: datetime.now(UTC), on_blocked=on_blocked
    )
    await worker.drain_once()
    assert (ids["mentee"], "partner_blocked") in await kinds(uow_factory)
    assert (ids["admin"], "staff_partner_blocked") in await kinds(uow_factory)
