"""Storage and the conversation service on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncEngine

from bot.services.conversation import ConversationService, Incoming
from dialogs.conversation import build_engine
from dialogs.events import ActionEvent, BlockedEvent, CommandEvent, UnblockedEvent
from dialogs.i18n import Catalogues
from storage import migrate
from storage.models import utcnow
from storage.unit_of_work import UnitOfWorkFactory


def service(uow_factory: UnitOfWorkFactory) -> ConversationService:
    return ConversationService(uow_factory, build_engine(), Catalogues())


async def test_migrations_run_twice_and_concurrently(db: AsyncEngine) -> None:
    await asyncio.gather(migrate.upgrade(db), migrate.upgrade(db))
    await migrate.upgrade(db)


async def test_user_is_created_once_under_concurrency(uow_factory: UnitOfWorkFactory) -> None:
    async def create() -> int:
        async with uow_factory() as uow:
            user = await uow.users.get_or_create("telegram", "42", "lv")
            await uow.commit()
            return user.id  # type: ignore[return-value]

    ids = await asyncio.gather(*(create() for _ in range(8)))
    assert len(set(ids)) == 1


async def test_an_update_is_claimed_once(uow_factory: UnitOfWorkFactory) -> None:
    async with uow_factory() as uow:
        assert await uow.updates.claim("telegram", "7")
        assert not await uow.updates.claim("telegram", "7")
        assert await uow.updates.claim("messenger", "m_AbC-7")
        await uow.commit()


async def test_old_update_ids_are_forgotten_by_age(uow_factory: UnitOfWorkFactory) -> None:
    async with uow_factory() as uow:
        for update_id in ("9", "10", "m_x"):
            await uow.updates.claim("telegram" if update_id.isdigit() else "messenger", update_id)
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.updates.newest_number("telegram") == 10  # by number, not by text
        assert await uow.updates.forget_before(utcnow() - timedelta(days=1)) == 0
        assert await uow.updates.forget_before(utcnow() + timedelta(seconds=1)) == 3
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.updates.claim("telegram", "9")  # forgotten, so new again


async def test_nothing_is_written_without_commit(uow_factory: UnitOfWorkFactory) -> None:
    async with uow_factory() as uow:
        await uow.users.get_or_create("telegram", "1", "en")
    async with uow_factory() as uow:
        assert await uow.users.find("telegram", "1") is None


async def test_redelivered_update_changes_nothing(uow_factory: UnitOfWorkFactory) -> None:
    conversations = service(uow_factory)
    first = await conversations.handle(
        Incoming("telegram", "5", CommandEvent("start"), "100", "en")
    )
    again = await conversations.handle(
        Incoming("telegram", "5", CommandEvent("start"), "100", "en")
    )
    assert first.replies and not again.replies and again.duplicate


async def test_two_workers_on_one_user_lose_no_step(uow_factory: UnitOfWorkFactory) -> None:
    """Two service instances (two processes' worth) each handle updates of the same user."""
    workers = [service(uow_factory), service(uow_factory)]
    await workers[0].handle(Incoming("telegram", "9", CommandEvent("start"), "1", "en"))
    results = await asyncio.gather(
        *(
            workers[n % 2].handle(
                Incoming("telegram", "9", CommandEvent("help"), str(10 + n), "en")
            )
            for n in range(10)
        )
    )
    assert all(result.replies for result in results)
    async with uow_factory() as uow:
        user = await uow.users.find("telegram", "9")
        state = await uow.dialogs.get(user.id)  # type: ignore[union-attr,arg-type]
        assert state is not None and state.version == 11


async def test_state_survives_a_new_service(uow_factory: UnitOfWorkFactory) -> None:
    before = service(uow_factory)
    handled = await before.handle(Incoming("telegram", "3", CommandEvent("start"), "1", "lt"))
    after = service(uow_factory)  # as after a restart
    outcome = await after.handle(
        Incoming("telegram", "3", ActionEvent("lang:lt", handled.version), "2", "lt")
    )
    assert outcome.toast is None
    assert outcome.replies[-1].text.endswith("Ar sutinki?")


async def test_blocking_is_recorded_and_cleared(uow_factory: UnitOfWorkFactory) -> None:
    conversations = service(uow_factory)
    await conversations.handle(Incoming("telegram", "8", CommandEvent("start"), "1", "en"))
    await conversations.handle(Incoming("telegram", "8", BlockedEvent(), "2", "en"))
    async with uow_factory() as uow:
        assert (await uow.users.find("telegram", "8")).blocked_at is not None  # type: ignore[union-attr]
    await conversations.handle(Incoming("telegram", "8", UnblockedEvent(), "3", "en"))
    async with uow_factory() as uow:
        assert (await uow.users.find("telegram", "8")).blocked_at is None  # type: ignore[union-attr]


async def test_only_chat_id_and_language_before_consent(uow_factory: UnitOfWorkFactory) -> None:
    conversations = service(uow_factory)
    handled = await conversations.handle(
        Incoming("telegram", "11", CommandEvent("start"), "1", "ru", sender_name="Secret Name")
    )
    await conversations.handle(
        Incoming("telegram", "11", ActionEvent("lang:ru", handled.version), "2", "ru")
    )
    async with uow_factory() as uow:
        user = await uow.users.find("telegram", "11")
        assert user is not None and user.language == "ru"
        assert (user.consent_at, user.country, user.age_group) == (None, None, None)
        state = await uow.dialogs.get(user.id)  # type: ignore[arg-type]
        assert state is not None and "Secret Name" not in state.data
        assert "Secret Name" not in repr(user)
