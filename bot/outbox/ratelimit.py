"""Pace outgoing messages under each platform's limits: a budget per channel, one per chat.

Keys are `channel:chat`. Telegram allows about 30 messages a second overall and about one a
second per chat; Messenger about 300 sends a second per Page. Each channel has its own global
budget (its own Limits), and every chat its own.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Protocol

from redis.asyncio import Redis


class RateLimiter(Protocol):
    async def acquire(self, key: str, bulk: bool = False) -> None:
        """Wait until one more message may be sent to the chat named by key (`channel:chat`).

        Bulk sends (a broadcast) leave a reserve in the channel's budget: a reply to someone's
        tap, or a reminder, never waits behind a broadcast.
        """
        ...


def channel_of(key: str) -> str:
    """The channel a key names ("" for a bare chat key: they share one budget)."""
    channel, separator, _ = key.partition(":")
    return channel if separator else ""


@dataclass(frozen=True)
class Limits:
    """Below Telegram's documented limits, so its own flood control never has to step in."""

    global_per_second: float = 25.0
    global_burst: int = 5
    chat_per_second: float = 1.0
    # A tap's answer is often a note, a screen and a calendar file at once, and people tap
    # several times in a row; Telegram lets a chat have short bursts (the sandbox: 20).
    chat_burst: int = 15


DEFAULT_LIMITS = Limits()
# The share of a channel's burst that bulk sends leave for everything else.
BULK_RESERVE = 0.2


def reserve_of(limits: Limits) -> float:
    """The tokens of a channel's budget that only non-bulk sends may take."""
    return max(1.0, limits.global_burst * BULK_RESERVE)


class _Bucket:
    """A bucket of `burst` tokens refilled at `rate` tokens per second."""

    def __init__(self, rate: float, burst: int, now: float) -> None:
        self.rate = rate
        self.burst = burst
        self.tokens = float(burst)
        self.updated = now

    def refill(self, now: float) -> None:
        self.tokens = min(self.burst, self.tokens + (now - self.updated) * self.rate)
        self.updated = now

    def wait(self, keep: float = 0.0) -> float:
        """Return the seconds until one whole token is there besides `keep` (0: it is now)."""
        needed = 1 + keep
        return 0.0 if self.tokens >= needed else (needed - self.tokens) / self.rate

    @property
    def full(self) -> bool:
        return self.tokens >= self.burst


class LocalRateLimiter:
    """Token buckets in this process: one global, one per chat."""

    # Buckets of quiet chats are forgotten beyond this many; a full bucket equals a new one.
    MAX_IDLE_BUCKETS = 10_000

    def __init__(
        self,
        limits: Limits = DEFAULT_LIMITS,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        budgets: dict[str, Limits] | None = None,
    ) -> None:
        self._limits = limits
        # Channels with limits of their own; any other channel uses `limits`.
        self._budgets = budgets or {}
        self._clock = clock
        self._sleep = sleep
        self._globals: dict[str, _Bucket] = {}
        self._chats: dict[str, _Bucket] = {}

    async def acquire(self, key: str, bulk: bool = False) -> None:
        """Take a token from the channel's and the chat's bucket, waiting for both to have one."""
        channel = channel_of(key)
        keep = reserve_of(self._budgets.get(channel, self._limits)) if bulk else 0.0
        while True:
            now = self._clock()
            overall, chat = self._global(channel, now), self._chat(key, now)
            for bucket in (overall, chat):
                bucket.refill(now)
            buckets = (overall, chat)
            wait = max(overall.wait(keep), chat.wait())
            if wait == 0:
                for bucket in buckets:
                    bucket.tokens -= 1
                return
            await self._sleep(wait)

    def _global(self, channel: str, now: float) -> _Bucket:
        bucket = self._globals.get(channel)
        if bucket is None:
            limits = self._budgets.get(channel, self._limits)
            bucket = _Bucket(limits.global_per_second, limits.global_burst, now)
            self._globals[channel] = bucket
        return bucket

    def _chat(self, key: str, now: float) -> _Bucket:
        bucket = self._chats.get(key)
        if bucket is None:
            if len(self._chats) >= self.MAX_IDLE_BUCKETS:
                self._forget_full(now)
            limits = self._budgets.get(channel_of(key), self._limits)
            bucket = _Bucket(limits.chat_per_second, limits.chat_burst, now)
            self._chats[key] = bucket
        return bucket

    def _forget_full(self, now: float) -> None:
        for key, bucket in list(self._chats.items()):
            bucket.refill(now)
            if bucket.full:
                del self._chats[key]


# Both buckets are checked and taken in one step, on Redis's clock, so every process agrees.
# Returns 0 when a token was taken from both, else the milliseconds to wait before trying again.
_ACQUIRE = """
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local function level(key, rate, burst)
  local stored = redis.call('HMGET', key, 'tokens', 'at')
  local tokens = tonumber(stored[1]) or burst
  local at = tonumber(stored[2]) or now
  return math.min(burst, tokens + math.max(0, now - at) * rate / 1000)
end
local rates = {tonumber(ARGV[1]), tonumber(ARGV[3])}
local bursts = {tonumber(ARGV[2]), tonumber(ARGV[4])}
-- A bulk send leaves ARGV[5] tokens of the global budget for everything else.
local needed = {1 + tonumber(ARGV[5]), 1}
local wait = 0
local levels = {}
for i = 1, 2 do
  levels[i] = level(KEYS[i], rates[i], bursts[i])
  if levels[i] < needed[i] then
    wait = math.max(wait, math.ceil((needed[i] - levels[i]) * 1000 / rates[i]))
  end
end
if wait > 0 then
  return wait
end
for i = 1, 2 do
  redis.call('HSET', KEYS[i], 'tokens', tostring(levels[i] - 1), 'at', tostring(now))
  redis.call('PEXPIRE', KEYS[i], math.ceil(bursts[i] * 1000 / rates[i]) + 1000)
end
return 0
"""


class RedisRateLimiter:
    """The same token buckets kept in Redis, so several worker processes share one budget."""

    def __init__(
        self,
        url: str,
        limits: Limits = DEFAULT_LIMITS,
        prefix: str = "mentorbot:ratelimit:",
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        budgets: dict[str, Limits] | None = None,
    ) -> None:
        self._redis = Redis.from_url(url)
        self._limits = limits
        self._budgets = budgets or {}
        self._prefix = prefix
        self._sleep = sleep
        self._script = self._redis.register_script(_ACQUIRE)

    async def acquire(self, key: str, bulk: bool = False) -> None:
        """Take a token from the shared global and chat buckets, waiting for both to have one."""
        channel = channel_of(key)
        limits = self._budgets.get(channel, self._limits)
        # Telegram's budget keeps its old key, so workers of the last release share it.
        scope = "global" if channel in ("telegram", "") else f"global:{channel}"
        keys = [f"{self._prefix}{scope}", f"{self._prefix}chat:{key}"]
        args = [
            limits.global_per_second,
            limits.global_burst,
            limits.chat_per_second,
            limits.chat_burst,
            reserve_of(limits) if bulk else 0,
        ]
        while True:
            wait_ms = int(await self._script(keys=keys, args=args))
            if wait_ms == 0:
                return
            await self._sleep(wait_ms / 1000)

    async def close(self) -> None:
        await self._redis.aclose()
