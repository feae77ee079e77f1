"""A broadcast survives kill -9 of the process sending it, and two processes sending at once:
after restarts nobody gets it twice, and everyone else gets it; two workers never send one
row twice.

A send that had begun when its process died cannot be known to have gone out (Telegram offers
no way to ask): it is not sent again, and counted "unconfirmed". Only those few, at most the
ones in flight at each kill, can have been left out.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections import Counter
from datetime import UTC, datetime
from typing import Any

from sqlmodel import col, select

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


async def settled(database_url: str, limit: float = 90) -> None:
    """Until every row is sent or settled (rows a killed process had claimed wait out their
    lease)."""
    deadline = time.monotonic() + limit
    while True:
        rows = await rows_by_status(database_url)
        # Everyone's row is written (the scan may not have run yet), and none is left to send.
        if sum(map(len, rows.values())) == PEOPLE and not rows.keys() & {"pending", "paused"}:
            break
        assert time.monotonic() < deadline, rows
        await asyncio.sleep(0.2)
    await asyncio.sleep(1.0)  # a late second copy would show here


async def rows_by_status(database_url: str) -> dict[str, set[str]]:
    """The broadcast's rows: each status and the chats whose row has it."""
    engine = create_engine(database_url)
    try:
        async with UnitOfWorkFactory(create_session_factory(engine))() as uow:
            query = (
                select(OutboxMessage.status, User.external_id)
                .join(User, col(User.id) == col(OutboxMessage.user_id))
                .where(col(OutboxMessage.kind) == "broadcast")
            )
            found: dict[str, set[str]] = {}
            for status, chat in (await uow.session.exec(query)).all():
                found.setdefault(status, set()).add(chat)
            return found
    finally:
        await engine.dispose()


async def test_kill_9_mid_broadcast_sends_nobody_it_twice(
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
        await settled(database_url)
    finally:
        await worker.stop()
    assert [chat for chat in chats if sends[chat] > 1] == []  # nobody twice
    rows = await rows_by_status(database_url)
    assert rows.keys() <= {"sent", "unconfirmed"}, rows
    # Left out, if anyone: only those whose send had begun when a process died.
    unconfirmed = rows.get("unconfirmed", set())
    assert {str(chat) for chat in chats if sends[chat] == 0} <= unconfirmed
    assert len(unconfirmed) <= kills * CONCURRENCY, unconfirmed
    assert [r for r in emulator.rejected if r["error_code"] == 429] == []


async def test_two_workers_at_once_send_each_message_once(
    emulator: BotApiEmulator, database_url: str
) -> None:
    sends = count_sends(emulator)
    chats = await people_and_a_broadcast(emulator, database_url)
    workers = [WorkerProcess(database_url, emulator.base_url, RATE / 2) for _ in range(2)]
    await asyncio.gather(*(worker.start() for worker in workers))
    try:
        await settled(database_url)
    finally:
        await asyncio.gather(*(worker.stop() for worker in workers))
    assert [chat for chat in chats if sends[chat] != 1] == []
    assert (await rows_by_status(database_url)).keys() == {"sent"}
