"""A pair's message keeps its words a week after delivery, for the reader to report it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.jobs.housekeeping import housekeeping
from bot.services.erasure import erase_person
from storage.unit_of_work import UnitOfWorkFactory

NOW = datetime(2026, 11, 26, 12, tzinfo=UTC)
WORDS = {"conversation": 1, "from": "Anna", "role": "mentor", "text": "Sveiks!", "message": "m1"}


async def delivered(
    uow_factory: UnitOfWorkFactory, kind: str, key: str, to: int, writer: int
) -> None:
    async with uow_factory() as uow:
        await uow.outbox.enqueue(to, kind, dict(WORDS), due_at=NOW, dedupe_key=key, about=[writer])
        await uow.commit()
    async with uow_factory() as uow:
        [claimed] = await uow.outbox.claim_due(NOW, 10, 60)
        assert await uow.outbox.mark_sent(claimed.id, claimed.claim_token, NOW)
        await uow.commit()


async def test_the_words_stay_a_week_for_the_reader_only(uow_factory: UnitOfWorkFactory) -> None:
    async with uow_factory() as uow:
        writer = await uow.users.get_or_create("telegram", "1001", "lv")
        reader = await uow.users.get_or_create("messenger", "7001", "lv")
        other = await uow.users.get_or_create("telegram", "1002", "lv")
        await uow.commit()
    assert reader.id is not None and other.id is not None and writer.id is not None

    await delivered(uow_factory, "pair_message", "pair_message:m1", reader.id, writer.id)
    await delivered(uow_factory, "relay_message", "relay:m2", reader.id, writer.id)
    async with uow_factory() as uow:
        kept = await uow.outbox.reportable(reader.id, "pair_message:m1")
        assert kept is not None and kept["text"] == "Sveiks!"
        assert await uow.outbox.reportable(other.id, "pair_message:m1") is None  # not theirs
        assert await uow.outbox.reportable(reader.id, "relay:m2") is None  # emptied on delivery

    await housekeeping(uow_factory, NOW + timedelta(days=6))
    async with uow_factory() as uow:
        assert await uow.outbox.reportable(reader.id, "pair_message:m1") is not None
    await housekeeping(uow_factory, NOW + timedelta(days=7, minutes=1))
    async with uow_factory() as uow:
        assert await uow.outbox.reportable(reader.id, "pair_message:m1") is None


async def test_erasing_the_writer_forgets_the_words_at_once(
    uow_factory: UnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        writer = await uow.users.get_or_create("telegram", "1001", "lv")
        reader = await uow.users.get_or_create("messenger", "7001", "lv")
        await uow.commit()
    assert reader.id is not None and writer.id is not None
    await delivered(uow_factory, "pair_message", "pair_message:m1", reader.id, writer.id)
    async with uow_factory() as uow:
        stored = await uow.users.get(writer.id)
        assert stored is not None
        await erase_person(uow, stored, NOW, [])
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.outbox.reportable(reader.id, "pair_message:m1") is None
