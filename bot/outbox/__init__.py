"""The outbox worker: sends what the bot says on its own, rate-limited, each delivery recorded."""

from bot.outbox.ratelimit import Limits, LocalRateLimiter, RateLimiter, RedisRateLimiter
from bot.outbox.worker import (
    Blocked,
    Deliver,
    DeliveryResult,
    Failed,
    OutboxWorker,
    RetryAfter,
    Sent,
)

__all__ = [
    "Blocked",
    "Deliver",
    "DeliveryResult",
    "Failed",
    "Limits",
    "LocalRateLimiter",
    "OutboxWorker",
    "RateLimiter",
    "RedisRateLimiter",
    "RetryAfter",
    "Sent",
]
