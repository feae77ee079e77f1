"""Send what is due in the outbox: claim a batch, deliver each message, record each outcome.

The claim is committed before anything is sent and each outcome in its own short transaction, so
a crash loses nothing: the claim's lease runs out and a worker claims the message again. The one
window for a duplicate is between the platform accepting a message and its row being marked sent.

A broadcast's rows close that window the other way: each is marked as being sent just before
the call, and one so marked whose worker died is not sent again but counted "unconfirmed" (it may
or may not have gone out: a person gets a campaign post once at most, never twice).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.outbox.in_flight import InFlightMarks
from bot.outbox.ratelimit import LocalRateLimiter, RateLimiter
from storage.models import utcnow
from storage.outbox import CANCELLED, EXPIRED, FAILED, ClaimedMessage
from storage.unit_of_work import UnitOfWork

log = logging.getLogger(__name__)

MAX_BACKOFF = timedelta(minutes=15)
# Bulk deliveries are recorded a few at a time, at the latest this long after the first of
# them: the longer they wait, the more a crash leaves unconfirmed (see InFlightMarks).
RECORD_WITHIN_SECONDS = 0.02
# A message is only sent while this share of its lease is left, so a slow rate-limit wait can
# never let the lease run out mid-send and another worker send it too.
LEASE_RESERVE = 0.25


@dataclass(frozen=True)
class Sent:
    """The platform accepted the message; `ref` is its id there where a later message may edit
    it (None where the platform cannot edit)."""

    ref: str | None = None


@dataclass(frozen=True)
class Blocked:
    """The recipient blocked the bot: nothing more is sent to them."""


@dataclass(frozen=True)
class RetryAfter:
    """The platform asked to wait; try again then."""

    seconds: float


@dataclass(frozen=True)
class Failed:
    """The send failed; `error` names the error and never holds message text or personal data."""

    error: str
    retryable: bool


@dataclass(frozen=True)
class Hold:
    """The channel may not write to the person now (Messenger's window): keep it for their
    next visit; `reason` names why and never holds message text or personal data."""

    reason: str


DeliveryResult = Sent | Blocked | RetryAfter | Failed | Hold
Deliver = Callable[[ClaimedMessage], Awaitable[DeliveryResult]]
OnBlocked = Callable[[UnitOfWork, int, datetime], Awaitable[None]]


async def mark_blocked(uow: UnitOfWork, user_id: int, now: datetime) -> None:
    """Remember that the user blocked the bot, so nothing more is sent to them."""
    user = await uow.users.get(user_id)
    if user is not None and user.blocked_at is None:
        user.blocked_at = now
        uow.session.add(user)


class OutboxWorker:
    def __init__(
        self,
        uow_factory: Callable[[], UnitOfWork],
        deliver: Deliver,
        *,
        clock: Callable[[], datetime] = utcnow,
        batch_size: int = 50,
        lease_seconds: float = 60,
        max_attempts: int = 8,
        rate_limiter: RateLimiter | None = None,
        on_blocked: OnBlocked | None = None,
        broadcasts: bool | None = None,
        concurrency: int = 1,
    ) -> None:
        self._uow_factory = uow_factory
        self._deliver = deliver
        self._clock = clock
        self._batch_size = batch_size
        self._lease_seconds = lease_seconds
        self._max_attempts = max_attempts
        self._rate_limiter = rate_limiter or LocalRateLimiter()
        # What else happens when a recipient turns out to have blocked the bot.
        self._on_blocked = on_blocked or mark_blocked
        # Which rows this worker sends: broadcasts only (True: bulk, several at once, leaving
        # a reserve of the send budget), all but broadcasts (False), or any (None).
        self._broadcasts = broadcasts
        self._concurrency = concurrency
        self._delivered: list[ClaimedMessage] = []  # sent, not yet recorded (bulk only)
        self._delivered_since = 0.0  # when the first of those went out (monotonic)
        # Broadcast rows are marked just before each is sent, so that after a crash one that
        # may have gone out is not sent twice; replies and reminders are sent again instead.
        self._in_flight = InFlightMarks(uow_factory, clock) if broadcasts else None
        self._wake = asyncio.Event()

    def wake(self) -> None:
        """Drain now instead of at the next poll (after enqueueing something due now)."""
        self._wake.set()

    async def run(self, stop: asyncio.Event, poll_interval: float = 1.0) -> None:
        """Drain the outbox until stop is set, waking on wake() or every poll_interval."""
        while not stop.is_set():
            self._wake.clear()  # before draining, so a wake() during the drain is not lost
            try:
                claimed = await self.drain_once()
            except Exception:
                log.exception("Draining the outbox failed; trying again")
                claimed = 0
            # Sending a batch takes time (the rate limit), and more may have fallen due meanwhile:
            # only an empty drain waits for the next poll or a wake().
            if claimed == 0:
                await _first_of(stop, self._wake, poll_interval)

    async def drain_once(self) -> int:
        """Claim one batch of due messages and settle each; return how many were claimed."""
        batch = await self._claim()
        if self._concurrency <= 1:
            for item in batch:
                await self._handle(item)
            return len(batch)
        # Each message has its own recipient: several go out at once, within the budget.
        queue: asyncio.Queue[ClaimedMessage] = asyncio.Queue()
        for item in batch:
            queue.put_nowait(item)

        async def sending() -> None:
            while not queue.empty():
                await self._handle(queue.get_nowait())

        try:
            await asyncio.gather(*(sending() for _ in range(min(self._concurrency, len(batch)))))
        finally:
            await self._record_delivered()
        return len(batch)

    async def _claim(self) -> list[ClaimedMessage]:
        async with self._uow_factory() as uow:
            if self._in_flight is not None:
                interrupted = await uow.outbox.settle_interrupted(self._clock())
                if interrupted:
                    log.warning("%d broadcast messages were interrupted mid-send", interrupted)
            batch = await uow.outbox.claim_due(
                self._clock(), self._batch_size, self._lease_seconds, self._broadcasts
            )
            await uow.commit()
        return batch

    async def _handle(self, item: ClaimedMessage) -> None:
        if item.expires_at is not None and item.expires_at <= self._clock():
            await self._finish(item, EXPIRED, None)
            return
        if item.blocked_at is not None:
            await self._finish(item, CANCELLED, "blocked")
            return
        await self._rate_limiter.acquire(
            f"{item.channel}:{item.external_id}", bulk=bool(self._broadcasts)
        )
        if not self._lease_left(item):
            await self._release(item)
            return
        if self._in_flight is not None and not await self._in_flight.mark(item):
            return  # no longer this worker's to send (paused, or claimed again)
        result = await self._deliver_safely(item)
        await self._record(item, result)

    def _lease_left(self, item: ClaimedMessage) -> bool:
        reserve = timedelta(seconds=self._lease_seconds * LEASE_RESERVE)
        return self._clock() < item.claimed_until - reserve

    async def _deliver_safely(self, item: ClaimedMessage) -> DeliveryResult:
        try:
            return await self._deliver(item)
        except Exception as error:  # a bug in one delivery must not stop the others
            log.exception("Delivering outbox message %s raised", item.id)
            return Failed(type(error).__name__, retryable=True)

    async def _record(self, item: ClaimedMessage, result: DeliveryResult) -> None:
        if isinstance(result, Sent) and self._concurrency > 1:
            # Bulk: deliveries are recorded a few at a time, in one transaction each, rather
            # than one transaction a message; a crash before that sends those few again.
            if not self._delivered:
                self._delivered_since = time.monotonic()
            self._delivered.append(item)
            waited = time.monotonic() - self._delivered_since
            if len(self._delivered) >= self._concurrency or waited >= RECORD_WITHIN_SECONDS:
                await self._record_delivered()
            return
        now = self._clock()
        async with self._uow_factory() as uow:
            outbox = uow.outbox
            match result:
                case Sent(ref=ref):
                    if not await outbox.mark_sent(item.id, item.claim_token, now, ref):
                        log.warning("Outbox message %s was sent after its claim ran out", item.id)
                case Blocked():
                    await outbox.mark_final(item.id, item.claim_token, FAILED, "blocked")
                    # Their linked account may be the one that blocked: only it stops hearing.
                    await self._on_blocked(uow, item.account_id or item.user_id, now)
                case RetryAfter(seconds=seconds):
                    due_at = now + timedelta(seconds=seconds)
                    await outbox.reschedule(item.id, item.claim_token, due_at, "RetryAfter")
                case Failed(error=error, retryable=True) if item.attempts < self._max_attempts:
                    due_at = now + _backoff(item.attempts)
                    await outbox.reschedule(item.id, item.claim_token, due_at, error)
                case Failed(error=error):
                    await outbox.mark_final(item.id, item.claim_token, FAILED, error)
                case Hold(reason=reason):
                    await outbox.hold(item.id, item.claim_token, now, reason)
            await uow.commit()

    async def _record_delivered(self) -> None:
        delivered, self._delivered = self._delivered, []
        if not delivered:
            return
        claims: dict[str, list[int]] = {}
        for item in delivered:
            claims.setdefault(item.claim_token, []).append(item.id)
        async with self._uow_factory() as uow:
            marked = 0
            for token, ids in claims.items():
                marked += await uow.outbox.mark_all_sent(ids, token, self._clock())
            await uow.commit()
        if marked < len(delivered):
            log.warning(
                "%d outbox messages were sent after their claim ran out", len(delivered) - marked
            )

    async def _finish(self, item: ClaimedMessage, status: str, error: str | None) -> None:
        async with self._uow_factory() as uow:
            await uow.outbox.mark_final(item.id, item.claim_token, status, error)
            await uow.commit()

    async def _release(self, item: ClaimedMessage) -> None:
        """Hand an unsent message back at once rather than let it wait out its lease."""
        async with self._uow_factory() as uow:
            await uow.outbox.reschedule(item.id, item.claim_token, item.due_at, None)
            await uow.commit()


def _backoff(attempts: int) -> timedelta:
    """Return 2^attempts seconds, at most MAX_BACKOFF."""
    if attempts >= 20:  # 2^20 s is far past the cap; avoids overflowing timedelta
        return MAX_BACKOFF
    return min(timedelta(seconds=2**attempts), MAX_BACKOFF)


async def _first_of(stop: asyncio.Event, wake: asyncio.Event, timeout: float) -> None:
    """Wait until either event is set or timeout seconds have passed."""
    waiters = [asyncio.create_task(stop.wait()), asyncio.create_task(wake.wait())]
    try:
        await asyncio.wait(waiters, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for waiter in waiters:
            waiter.cancel()
