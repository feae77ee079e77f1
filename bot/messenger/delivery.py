"""Deliver outbox notices on Messenger, only inside the person's 24-hour window.

Outside it the notice is held for the person's next visit (Meta retired the tags that once
allowed news outside the window; HUMAN_AGENT is for a person typing, never the bot).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from bot.messenger.graph import (
    GraphError,
    OutsideWindow,
    PersonUnavailable,
    RateLimited,
    Temporary,
    Unreachable,
)
from bot.messenger.render import CAPABILITIES
from bot.messenger.sender import CHANNEL, UPDATE, MessengerSender
from bot.outbox.worker import Blocked, DeliveryResult, Failed, Hold, RetryAfter, Sent
from dialogs.replies import Reply
from storage.models import utcnow
from storage.outbox import ClaimedMessage

WINDOW = timedelta(hours=24)
# Not to the last minute: a long message list must not cross the edge half-way.
WINDOW_MARGIN = timedelta(minutes=10)
OUTSIDE = "outside the 24-hour window"


def in_window(last_seen_at: datetime | None, now: datetime) -> bool:
    return last_seen_at is not None and now < last_seen_at + WINDOW - WINDOW_MARGIN


class MessengerDelivery:
    name = CHANNEL
    capabilities = CAPABILITIES

    def __init__(self, sender: MessengerSender, clock: Callable[[], datetime] = utcnow) -> None:
        self._sender = sender
        self._clock = clock

    async def send_notice(self, item: ClaimedMessage, replies: list[Reply]) -> DeliveryResult:
        if not in_window(item.last_seen_at, self._clock()):
            return Hold(OUTSIDE)
        try:
            await self._sender.deliver(item.external_id, replies, version=0, messaging_type=UPDATE)
        except PersonUnavailable:
            return Blocked()
        except OutsideWindow:
            return Hold(OUTSIDE)
        except RateLimited as error:
            return RetryAfter(error.retry_after)
        except Temporary as error:
            return Failed(error.describe(), retryable=True)
        except Unreachable as error:
            return Failed(f"Unreachable: {error}", retryable=True)
        except GraphError as error:
            return Failed(error.describe(), retryable=False)
        return Sent()
