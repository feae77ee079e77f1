"""Deliver outbox notices on Telegram and say how it went."""

from __future__ import annotations

from aiogram.exceptions import (
    TelegramAPIError,
    TelegramBadRequest,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)

from bot.outbox.worker import Blocked, DeliveryResult, Failed, RetryAfter, Sent
from bot.telegram.render import CAPABILITIES
from bot.telegram.sender import CHANNEL, RecipientBlocked, TelegramSender
from dialogs.replies import Reply
from storage.outbox import ClaimedMessage


class TelegramDelivery:
    name = CHANNEL
    capabilities = CAPABILITIES

    def __init__(self, sender: TelegramSender) -> None:
        self._sender = sender

    async def send_notice(self, item: ClaimedMessage, replies: list[Reply]) -> DeliveryResult:
        # A notice may stand in for an earlier one, by the id Telegram gave that (a broadcast's
        # progress); one that cannot be edited any more is sent anew.
        edit = item.payload.get("edit")
        try:
            delivered = await self._sender.deliver(
                int(item.external_id),
                replies,
                version=0,
                pressed_message_id=int(edit) if isinstance(edit, str) and edit.isdigit() else None,
            )
        except RecipientBlocked:
            return Blocked()
        except TelegramRetryAfter as error:
            return RetryAfter(error.retry_after)
        except TelegramServerError as error:
            return Failed(_describe(error), retryable=True)
        except TelegramNetworkError as error:
            # Only the class: the underlying HTTP error may quote the request URL and its token.
            return Failed(type(error).__name__, retryable=True)
        except TelegramBadRequest as error:
            return Failed(_describe(error), retryable=False)
        return Sent(None if delivered.screen is None else str(delivered.screen))


def _describe(error: TelegramAPIError) -> str:
    """Name the error by class and Telegram's description, which carries no message text."""
    return f"{type(error).__name__}: {error.message}"
