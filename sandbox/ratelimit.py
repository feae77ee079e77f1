"""Token-bucket flood control modelled on Telegram's per-chat and global send limits."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from sandbox.errors import too_many_requests


@dataclass(frozen=True)
class EmulatorLimits:
    """Flood limits; Telegram documents ~1 msg/s per chat with short bursts, 30 msg/s overall."""

    chat_burst: int = 20
    chat_per_second: float = 1.0
    global_burst: int = 30
    global_per_second: float = 30.0


class TokenBucket:
    """A bucket of `capacity` tokens refilled at `rate` tokens per second."""

    def __init__(self, capacity: int, rate: float, now: float) -> None:
        self.capacity = capacity
        self.rate = rate
        self.tokens = float(capacity)
        self.updated = now

    def refill(self, now: float) -> None:
        """Add the tokens accrued since the last look."""
        self.tokens = min(self.capacity, self.tokens + (now - self.updated) * self.rate)
        self.updated = now

    def seconds_until_token(self) -> float:
        """Return how long until one whole token is available (0 if one is now)."""
        if self.tokens >= 1:
            return 0.0
        return (1 - self.tokens) / self.rate


class RateLimiter:
    """Per-chat and global buckets; a rejected request consumes nothing."""

    def __init__(self, limits: EmulatorLimits, clock: Callable[[], float] = time.monotonic):
        self.limits = limits
        self.clock = clock
        self.global_bucket = TokenBucket(limits.global_burst, limits.global_per_second, clock())
        self.chat_buckets: dict[int, TokenBucket] = {}

    def acquire(self, chat_id: int) -> None:
        """Take one token from the chat's and the global bucket or raise a 429 ApiError."""
        now = self.clock()
        chat_bucket = self.chat_buckets.get(chat_id)
        if chat_bucket is None:
            chat_bucket = TokenBucket(self.limits.chat_burst, self.limits.chat_per_second, now)
            self.chat_buckets[chat_id] = chat_bucket
        buckets = (chat_bucket, self.global_bucket)
        for bucket in buckets:
            bucket.refill(now)
        wait = max(bucket.seconds_until_token() for bucket in buckets)
        if wait > 0:
            raise too_many_requests(wait)
        for bucket in buckets:
            bucket.tokens -= 1
