"""A broadcast survives kill -9 of the process sending it, and two processes sending at once:
after restarts everyone gets it; two workers never send one row twice.

A send the platform accepted in the instant before its process died cannot be known to have
gone out (Telegram offers no way to ask), so it goes out again: at most the few in flight or
not yet recorded at each kill (bulk deliveries are recorded a few at a time).
"""

from __future__ import annotations

import asyncio
import random
import time
from collections import Counter
from datetime import UTC, datetime
from typing import Any

from sqlmodel import col, func, select

from bot.broadcasts import control
from bot.broadcasts.post import Post
from sandbox import BotApiEmulator
from storage import migrate
from storage.broadcasts import Audience
from storage.database import create_engine, create_session_factory
from storage.models import Subscription, User
from storage.outbox import OutboxMessage
from storage.unit_of_work import UnitOfWorkFactory
from tests.e2e.worker_process import WorkerProcess

POST = "Sestdien jauniešu diena!"
PEOPLE = 150
RATE = 25.0  # Telegram's default, under the emulator's 30 a second: about six seconds in all
CONCURRENCY = 8  # as tests/e2e/worker_process.py configures the workers


def count_sends(emulator: BotApiEmulator) -> Counter[int]:
    sends: Counter[int] = Counter()
    original = emulator.handlers["sendMessage"]

    async def recording(params: dict[str, Any], files: dict[str, Any]) -> Any:
        result = await original(params, files)
        if params.get("text") == POST:
            sends[int(params["chat_id"])] += 1
        return result

    emulator.handlers["sendMessage"] = recording
    return sends


async def people_and_a_broadcast(emulator: BotApiEmulator, database_url: str) -> list[int]:
    engine = create_engine(database_url)
    await migrate.upgrade(engine)
    uow_factory = UnitOfWorkFactory(create_session_factory(engine))
    chats = [emulator.state.add_user(first_name=f"P{n}").id for n in range(PEOPLE)]
    now = datetime.now(UTC)
    try:
        async with uow_factory() as uow:
            for chat in chats:
                user = User(
                    channel="telegram",
                    external_id=str(chat),
                    language="lv",
                    consent_at=now,
                    country="LV",
                    age_group="18-25",
                    last_seen_at=now,
                )
                uow.session.add(user)
                await uow.session.flush()
                assert user.id is not None
                uow.session.add(Subscription(user_id=user.id, kind="stories", topic="", at=now))
            post = Post(texts={"lv": POST}, fallback=False)
            await control.create(uow, post, Audience(), now, now)
            await uow.commit()
    finally:
        await engine.dispose()
    return chats


async def settled(sends: Counter[int], chats: list[int], limit: float = 90) -> None:
    """Until everyone has it (rows a killed process had claimed wait out their lease)."""
    deadline = time.monotonic() + limit
    while any(sends[chat] == 0 for chat in chats):
        assert time.monotonic() < deadline, f"{sum(1 for c in chats if sends[c])} of {PEOPLE}"
        await asyncio.sleep(0.2)
    await asyncio.sleep(1.0)  # a late second copy would show here


async def unsent_rows(database_url: str) -> int:
    engine = create_engine(database_url)
    try:
        async with UnitOfWorkFactory(create_session_factory(engine))() as uow:
            query = select(func.count()).where(
                col(OutboxMessage.kind) == "broadcast", col(OutboxMessage.status) != "sent"
            )
            return int((await uow.session.exec(query)).one())
    finally:
        await engine.dispose()


async def test_kill_9_mid_broadcast_loses_nobody(
    emulator: BotApiEmulator, database_url: str
) -> None:
    sends = count_sends(emulator)
    chats = await people_and_a_broadcast(emulator, database_url)
    kills = 3
    for _ in range(kills):
        worker = WorkerProcess(database_url, emulator.base_url, RATE)
        await worker.start()
        await asyncio.sleep(random.uniform(0.3, 1.0))
        worker.kill()
    worker = WorkerProcess(database_url, emulator.base_url, RATE)
    await worker.start()
    try:
        await settled(sends, chats)
    finally:
        await worker.stop()
    assert [chat for chat in chats if sends[chat] == 0] == []  # nobody left out
    duplicated = sum(1 for chat in chats if sends[chat] > 1)
    # Only what was in flight, or sent and not yet recorded, when a process died.
    assert duplicated <= kills * 2 * CONCURRENCY, duplicated
    assert await unsent_rows(database_url) == 0
    assert [r for r in emulator.rejected if r["error_code"] == 429] == []


async def test_two_workers_at_once_send_each_message_once(
    emulator: BotApiEmulator, database_url: str
) -> None:
    sends = count_sends(emulator)
    chats = await people_and_a_broadcast(emulator, database_url)
    workers = [WorkerProcess(database_url, emulator.base_url, RATE / 2) for _ in range(2)]
    await asyncio.gather(*(worker.start() for worker in workers))
    try:
        await settled(sends, chats)
    finally:
        await asyncio.gather(*(worker.stop() for worker in workers))
    assert [chat for chat in chats if sends[chat] != 1] == []
    assert await unsent_rows(database_url) == 0
