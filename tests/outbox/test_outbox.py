"""The durable outbox on SQLite and PostgreSQL: claims, outcomes, crashes and two workers."""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from aiogram import Bot
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from redis.asyncio import Redis
from sqlmodel import select

from bot.channels.base import NoticeRouter
from bot.channels.buttons import ButtonCodec
from bot.outbox import (
    Blocked,
    DeliveryResult,
    Failed,
    Limits,
    LocalRateLimiter,
    OutboxWorker,
    RedisRateLimiter,
    RetryAfter,
    Sent,
)
from bot.outbox.telegram_delivery import TelegramDelivery
from bot.telegram.sender import TelegramSender
from dialogs.i18n import Catalogues, Translator
from dialogs.notices import notice
from dialogs.replies import Reply
from storage import migrate
from storage.database import create_engine, create_session_factory
from storage.outbox import ClaimedMessage, OutboxMessage, as_utc
from storage.unit_of_work import UnitOfWorkFactory
from tests.e2e import conftest as e2e

# The Bot API emulator fixtures, shared with the end-to-end tests.
emulator = e2e.emulator
sandbox = e2e.sandbox

REDIS_URL = "redis://127.0.0.1:6379/0"
START = datetime(2026, 1, 15, 9, 0, tzinfo=UTC)


class Clock:
    """A settable clock for the worker."""

    def __init__(self, now: datetime = START) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


class Unlimited:
    async def acquire(self, key: str, bulk: bool = False) -> None:
        return None


class Recorder:
    """A delivery that records what it was handed and answers with the scripted results."""

    def __init__(self, *results: DeliveryResult) -> None:
        self.results = list(results)
        self.delivered: list[int] = []

    async def __call__(self, item: ClaimedMessage) -> DeliveryResult:
        self.delivered.append(item.id)
        await asyncio.sleep(0)  # let other workers run in between, as real sends would
        return self.results.pop(0) if self.results else Sent()


def worker(
    uow_factory: UnitOfWorkFactory, deliver: Any, clock: Clock | None = None, **options: Any
) -> OutboxWorker:
    return OutboxWorker(
        uow_factory, deliver, clock=clock or Clock(), rate_limiter=Unlimited(), **options
    )


async def add_user(
    uow_factory: UnitOfWorkFactory,
    external_id: str,
    language: str = "en",
    country: str | None = None,
    blocked: bool = False,
) -> int:
    async with uow_factory() as uow:
        user = await uow.users.get_or_create("telegram", external_id, language)
        user.country = country
        user.blocked_at = START if blocked else None
        uow.session.add(user)
        await uow.commit()
        assert user.id is not None
        return user.id


async def enqueue(
    uow_factory: UnitOfWorkFactory,
    user_id: int,
    due_at: datetime = START,
    dedupe_key: str | None = None,
    expires_at: datetime | None = None,
    kind: str = "reminder",
    payload: dict[str, Any] | None = None,
) -> bool:
    async with uow_factory() as uow:
        added = await uow.outbox.enqueue(
            user_id, kind, payload or {"session": 1}, due_at, expires_at, dedupe_key
        )
        await uow.commit()
        return added


async def rows(uow_factory: UnitOfWorkFactory) -> list[OutboxMessage]:
    async with uow_factory() as uow:
        found = list((await uow.session.exec(select(OutboxMessage))).all())
        uow.session.expunge_all()  # keep them readable after the unit of work rolls back
        return found


async def only_row(uow_factory: UnitOfWorkFactory) -> OutboxMessage:
    [row] = await rows(uow_factory)
    return row


async def test_enqueue_twice_with_one_dedupe_key_is_a_no_op(
    uow_factory: UnitOfWorkFactory,
) -> None:
    user_id = await add_user(uow_factory, "1")
    assert await enqueue(uow_factory, user_id, dedupe_key="session:1:24h")
    assert not await enqueue(uow_factory, user_id, dedupe_key="session:1:24h")
    assert await enqueue(uow_factory, user_id)
    assert await enqueue(uow_factory, user_id)  # no key: never deduplicated
    assert len(await rows(uow_factory)) == 3


async def test_claim_returns_the_recipient_and_holds_a_lease(
    uow_factory: UnitOfWorkFactory,
) -> None:
    user_id = await add_user(uow_factory, "77", language="lt", country="LT")
    await enqueue(uow_factory, user_id, payload={"session": 5, "name": "Ąžuolas"})
    await enqueue(uow_factory, user_id, due_at=START + timedelta(hours=1))
    async with uow_factory() as uow:
        [item] = await uow.outbox.claim_due(START, limit=10, lease_seconds=60)
        assert await uow.outbox.claim_due(START, limit=10, lease_seconds=60) == []
        await uow.commit()
    assert (item.channel, item.external_id, item.language, item.country) == (
        "telegram",
        "77",
        "lt",
        "LT",
    )
    assert item.payload == {"session": 5, "name": "Ąžuolas"}
    assert item.attempts == 1 and item.blocked_at is None
    assert item.due_at == START and item.claimed_until == START + timedelta(seconds=60)
    async with uow_factory() as uow:
        assert not await uow.outbox.mark_sent(item.id, "not-the-token", START)
        assert await uow.outbox.mark_sent(item.id, item.claim_token, START)
        await uow.commit()
    sent = next(row for row in await rows(uow_factory) if row.id == item.id)
    assert sent.status == "sent" and as_utc(sent.sent_at) == START  # type: ignore[arg-type]


async def test_expired_message_is_not_sent(uow_factory: UnitOfWorkFactory) -> None:
    user_id = await add_user(uow_factory, "2")
    await enqueue(uow_factory, user_id, expires_at=START - timedelta(minutes=1))
    deliver = Recorder()
    assert await worker(uow_factory, deliver).drain_once() == 1
    assert deliver.delivered == []
    assert (await only_row(uow_factory)).status == "expired"


async def test_message_to_a_blocked_recipient_is_cancelled(
    uow_factory: UnitOfWorkFactory,
) -> None:
    user_id = await add_user(uow_factory, "3", blocked=True)
    await enqueue(uow_factory, user_id)
    deliver = Recorder()
    await worker(uow_factory, deliver).drain_once()
    row = await only_row(uow_factory)
    assert deliver.delivered == [] and (row.status, row.last_error) == ("cancelled", "blocked")


async def test_blocked_on_delivery_fails_and_marks_the_user(
    uow_factory: UnitOfWorkFactory,
) -> None:
    user_id = await add_user(uow_factory, "4")
    await enqueue(uow_factory, user_id)
    await worker(uow_factory, Recorder(Blocked())).drain_once()
    row = await only_row(uow_factory)
    assert (row.status, row.last_error) == ("failed", "blocked")
    async with uow_factory() as uow:
        user = await uow.users.get(user_id)
        assert user is not None and user.blocked_at is not None


async def test_retryable_failure_backs_off_then_fails(uow_factory: UnitOfWorkFactory) -> None:
    user_id = await add_user(uow_factory, "5")
    await enqueue(uow_factory, user_id)
    clock = Clock()
    deliver = Recorder(*[Failed("TelegramServerError", retryable=True)] * 3)
    outbox = worker(uow_factory, deliver, clock, max_attempts=3)
    for attempt in (1, 2):
        assert await outbox.drain_once() == 1
        row = await only_row(uow_factory)
        assert (row.status, row.attempts, row.claimed_until) == ("pending", attempt, None)
        assert as_utc(row.due_at) == clock.now + timedelta(seconds=2**attempt)
        clock.advance(2**attempt - 1)
        assert await outbox.drain_once() == 0  # not due yet
        clock.advance(1)
    assert await outbox.drain_once() == 1
    row = await only_row(uow_factory)
    assert (row.status, row.attempts, row.last_error) == ("failed", 3, "TelegramServerError")
    assert len(deliver.delivered) == 3


async def test_permanent_failure_is_not_retried(uow_factory: UnitOfWorkFactory) -> None:
    user_id = await add_user(uow_factory, "6")
    await enqueue(uow_factory, user_id)
    await worker(uow_factory, Recorder(Failed("TelegramBadRequest", retryable=False))).drain_once()
    row = await only_row(uow_factory)
    assert (row.status, row.attempts) == ("failed", 1)


async def test_retry_after_reschedules(uow_factory: UnitOfWorkFactory) -> None:
    user_id = await add_user(uow_factory, "7")
    await enqueue(uow_factory, user_id)
    clock = Clock()
    deliver = Recorder(RetryAfter(30))
    outbox = worker(uow_factory, deliver, clock)
    await outbox.drain_once()
    row = await only_row(uow_factory)
    assert row.status == "pending" and as_utc(row.due_at) == START + timedelta(seconds=30)
    clock.advance(29)
    assert await outbox.drain_once() == 0
    clock.advance(1)
    assert await outbox.drain_once() == 1
    row = await only_row(uow_factory)
    assert (row.status, row.attempts) == ("sent", 2) and len(deliver.delivered) == 2


async def test_crashed_claim_is_claimed_again_after_the_lease(
    uow_factory: UnitOfWorkFactory,
) -> None:
    user_id = await add_user(uow_factory, "8")
    await enqueue(uow_factory, user_id)
    async with uow_factory() as uow:  # a worker claims, then dies before sending
        assert len(await uow.outbox.claim_due(START, limit=10, lease_seconds=60)) == 1
        await uow.commit()
    clock = Clock()
    deliver = Recorder()
    outbox = worker(uow_factory, deliver, clock, lease_seconds=60)
    assert await outbox.drain_once() == 0  # the lease still holds
    clock.advance(61)
    assert await outbox.drain_once() == 1
    clock.advance(120)
    assert await outbox.drain_once() == 0
    row = await only_row(uow_factory)
    assert (row.status, row.attempts) == ("sent", 2) and len(deliver.delivered) == 1


async def test_a_late_outcome_from_a_lost_claim_changes_nothing(
    uow_factory: UnitOfWorkFactory,
) -> None:
    user_id = await add_user(uow_factory, "9")
    await enqueue(uow_factory, user_id)
    async with uow_factory() as uow:
        [stale] = await uow.outbox.claim_due(START, limit=1, lease_seconds=1)
        [fresh] = await uow.outbox.claim_due(START + timedelta(seconds=2), 1, lease_seconds=60)
        assert not await uow.outbox.reschedule(stale.id, stale.claim_token, START, "late")
        assert not await uow.outbox.mark_final(stale.id, stale.claim_token, "failed", "late")
        assert await uow.outbox.mark_sent(fresh.id, fresh.claim_token, START)
        await uow.commit()
    assert (await only_row(uow_factory)).status == "sent"


async def test_two_workers_deliver_each_message_exactly_once(database_url: str) -> None:
    """Two workers on separate engines, as two processes would be, drain 200 messages."""
    engines = [create_engine(database_url), create_engine(database_url)]
    await migrate.upgrade(engines[0])
    factories = [UnitOfWorkFactory(create_session_factory(engine)) for engine in engines]
    try:
        users = [await add_user(factories[0], str(n)) for n in range(20)]
        for n in range(200):
            await enqueue(factories[0], users[n % 20], START - timedelta(seconds=n))
        recorders = [Recorder(), Recorder()]
        workers = [
            OutboxWorker(factory, recorder, batch_size=10, rate_limiter=Unlimited())
            for factory, recorder in zip(factories, recorders, strict=True)
        ]

        async def drain(outbox: OutboxWorker) -> None:
            while await outbox.drain_once():
                pass

        await asyncio.gather(*(drain(outbox) for outbox in workers))
        delivered = recorders[0].delivered + recorders[1].delivered
        stored = await rows(factories[1])
        assert len(delivered) == len(set(delivered)) == 200
        assert set(delivered) == {row.id for row in stored}
        assert {row.status for row in stored} == {"sent"}
        assert all(recorder.delivered for recorder in recorders), "both workers took part"
    finally:
        for engine in engines:
            await engine.dispose()


async def test_cancel_touches_only_pending_messages(uow_factory: UnitOfWorkFactory) -> None:
    user_id = await add_user(uow_factory, "10")
    keys = ["a", "b", "session:1:24h", "session:1:1h", "session:10:24h", "SESSION:1:x", "s%"]
    for key in keys:
        await enqueue(uow_factory, user_id, dedupe_key=key)
    async with uow_factory() as uow:
        [first] = await uow.outbox.claim_due(START, limit=1, lease_seconds=60)
        await uow.outbox.mark_sent(first.id, first.claim_token, START)
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.outbox.cancel(["a", "b", "missing"]) == 1  # "a" was sent already
        assert await uow.outbox.cancel_prefix("session:1:") == 2
        assert await uow.outbox.cancel_prefix("s%") == 1  # no wildcard: only the literal key
        assert await uow.outbox.cancel([]) == 0
        await uow.commit()
    statuses = {row.dedupe_key: row.status for row in await rows(uow_factory)}
    assert statuses == {
        "a": "sent",
        "b": "cancelled",
        "session:1:24h": "cancelled",
        "session:1:1h": "cancelled",
        "session:10:24h": "pending",
        "SESSION:1:x": "pending",
        "s%": "cancelled",
    }


async def test_wake_drains_without_waiting_for_the_poll(uow_factory: UnitOfWorkFactory) -> None:
    user_id = await add_user(uow_factory, "11")
    deliver = Recorder()
    outbox = OutboxWorker(uow_factory, deliver, rate_limiter=Unlimited())
    stop = asyncio.Event()
    running = asyncio.create_task(outbox.run(stop, poll_interval=60))
    await asyncio.sleep(0.1)  # the first, empty drain is over: the worker sleeps
    await enqueue(uow_factory, user_id, due_at=datetime.now(UTC))
    outbox.wake()
    async with asyncio.timeout(5):
        while not deliver.delivered:
            await asyncio.sleep(0.01)
        stop.set()
        await running
    assert (await only_row(uow_factory)).status == "sent"


# --- rate limiting ---------------------------------------------------------------------------


class FakeTime:
    """A monotonic clock that only moves when the limiter sleeps."""

    def __init__(self) -> None:
        self.now = 0.0
        self.sent_at: list[float] = []

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += seconds


async def send_times(limiter: LocalRateLimiter, clock: FakeTime, keys: list[str]) -> list[float]:
    times = []
    for key in keys:
        await limiter.acquire(key)
        times.append(round(clock.now, 3))
    return times


async def test_local_limiter_paces_one_chat() -> None:
    clock = FakeTime()
    limits = Limits(global_per_second=100, global_burst=100, chat_per_second=1, chat_burst=2)
    limiter = LocalRateLimiter(limits, clock=clock, sleep=clock.sleep)
    assert await send_times(limiter, clock, ["a"] * 4 + ["b"]) == [0, 0, 1, 2, 2]


async def test_local_limiter_paces_all_chats_together() -> None:
    clock = FakeTime()
    limits = Limits(global_per_second=4, global_burst=2, chat_per_second=1, chat_burst=5)
    limiter = LocalRateLimiter(limits, clock=clock, sleep=clock.sleep)
    times = await send_times(limiter, clock, [str(n) for n in range(6)])
    assert times == [0, 0, 0.25, 0.5, 0.75, 1.0]


async def test_bulk_sends_leave_a_reserve_for_replies() -> None:
    """A broadcast never takes the last tokens: a reply goes out at once, then bulk resumes."""
    clock = FakeTime()
    limits = Limits(global_per_second=10, global_burst=10, chat_per_second=100, chat_burst=100)
    limiter = LocalRateLimiter(limits, clock=clock, sleep=clock.sleep)
    for number in range(8):  # the burst, less the reserve of two
        await limiter.acquire(f"telegram:{number}", bulk=True)
    assert clock.now == 0
    await limiter.acquire("telegram:reply")  # not a moment's wait
    await limiter.acquire("telegram:reply")
    assert clock.now == 0
    await limiter.acquire("telegram:next", bulk=True)  # bulk waits for the reserve to refill
    assert clock.now == pytest.approx(0.3)


async def test_redis_bulk_sends_leave_a_reserve_too() -> None:
    prefix = f"test:outbox:{uuid.uuid4().hex}:"
    limits = Limits(global_per_second=0.5, global_burst=5, chat_per_second=100, chat_burst=100)
    waits: list[float] = []

    async def no_wait(seconds: float) -> None:
        waits.append(seconds)
        raise asyncio.CancelledError  # one wait tells all this test needs

    limiter = RedisRateLimiter(REDIS_URL, limits, prefix=prefix, sleep=no_wait)
    redis = Redis.from_url(REDIS_URL)
    try:
        for number in range(4):  # five tokens, one kept back from bulk sends
            await limiter.acquire(f"telegram:{number}", bulk=True)
        with pytest.raises(asyncio.CancelledError):
            await limiter.acquire("telegram:bulk", bulk=True)
        assert waits
        await limiter.acquire("telegram:reply")  # the reserve is there for a reply
    finally:
        async for key in redis.scan_iter(match=f"{prefix}*"):
            await redis.delete(key)
        await redis.aclose()
        await limiter.close()


async def test_redis_limiter_is_shared_by_processes() -> None:
    prefix = f"test:outbox:{uuid.uuid4().hex}:"
    waits: list[float] = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)
        await asyncio.sleep(seconds)

    # Two a second per chat: slow enough that a loaded machine cannot refill a token between
    # the acquires below (at 20 a second, 50 ms of delay did, and the test failed by chance).
    limits = Limits(global_per_second=1000, global_burst=100, chat_per_second=2, chat_burst=2)
    limiters = [RedisRateLimiter(REDIS_URL, limits, prefix=prefix, sleep=sleep) for _ in "ab"]
    redis = Redis.from_url(REDIS_URL)
    try:
        await limiters[0].acquire("chat")
        await limiters[1].acquire("chat")
        assert waits == []  # the burst of two, taken by two processes
        started = asyncio.get_running_loop().time()
        await limiters[0].acquire("chat")
        assert waits and asyncio.get_running_loop().time() - started >= 0.2
        await limiters[1].acquire("other chat")  # another chat's budget is untouched
        assert len(waits) == 1
    finally:
        async for key in redis.scan_iter(match=f"{prefix}*"):
            await redis.delete(key)
        await redis.aclose()
        for limiter in limiters:
            await limiter.close()


# --- Telegram delivery against the Bot API emulator ------------------------------------------


def _hello(t: Translator, payload: dict[str, Any]) -> list[Reply]:
    return [Reply("hello " + t.time(datetime.fromisoformat(payload["at"])))]


def register_hello() -> None:
    with contextlib.suppress(ValueError):  # registered by an earlier (parametrized) run
        notice("test_hello")(_hello)


@pytest.fixture
async def telegram(emulator: Any) -> AsyncIterator[NoticeRouter]:
    session = AiohttpSession(api=TelegramAPIServer.from_base(emulator.base_url))
    bot = Bot(e2e.TOKEN, session=session, default=DefaultBotProperties(parse_mode="HTML"))
    delivery = TelegramDelivery(TelegramSender(bot, ButtonCodec(b"key")))
    yield NoticeRouter([delivery], Catalogues())
    await bot.session.close()


async def test_telegram_delivery_sends_and_notices_blocks(
    uow_factory: UnitOfWorkFactory, telegram: NoticeRouter, sandbox: Any, emulator: Any
) -> None:
    register_hello()
    reader = await sandbox.new_user("Ada", "lv")
    blocker = await sandbox.new_user("Bo", "en")
    await blocker.block(True)
    payload = {"at": "2026-01-15T10:00:00+00:00"}
    reader_id = await add_user(uow_factory, str(reader.id), language="lv", country="LV")
    blocker_id = await add_user(uow_factory, str(blocker.id))
    await enqueue(uow_factory, reader_id, kind="test_hello", payload=payload, dedupe_key="r")
    await enqueue(uow_factory, blocker_id, kind="test_hello", payload=payload, dedupe_key="b")
    await enqueue(uow_factory, reader_id, kind="test_no_such_kind", dedupe_key="x")
    outbox = OutboxWorker(uow_factory, telegram, rate_limiter=Unlimited())
    assert await outbox.drain_once() == 3
    assert [message.text for message in await reader.bot_messages()] == ["hello 12:00"]  # Riga
    outcomes = {row.dedupe_key: (row.status, row.last_error) for row in await rows(uow_factory)}
    assert outcomes["r"] == ("sent", None)
    assert outcomes["b"] == ("failed", "blocked")
    assert outcomes["x"][0] == "failed" and "KeyError" in (outcomes["x"][1] or "")
    async with uow_factory() as uow:
        user = await uow.users.get(blocker_id)
        assert user is not None and user.blocked_at is not None
    assert [entry["error_code"] for entry in emulator.rejected] == [403]
    emulator.rejected.clear()  # the 403 was the point


async def test_each_channel_has_its_own_budget() -> None:
    clock = FakeTime()
    tight = Limits(global_per_second=1, global_burst=1, chat_per_second=10, chat_burst=10)
    roomy = Limits(global_per_second=100, global_burst=100, chat_per_second=10, chat_burst=10)
    limiter = LocalRateLimiter(tight, clock=clock, sleep=clock.sleep, budgets={"messenger": roomy})
    keys = ["telegram:1", "messenger:1", "messenger:2", "telegram:2"]
    # Messenger's sends do not wait for Telegram's budget; Telegram's second one does.
    assert await send_times(limiter, clock, keys) == [0, 0, 0, 1.0]
