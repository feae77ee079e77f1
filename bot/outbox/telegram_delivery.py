"""Deliver outbox messages on Telegram: render the notice for its recipient, then send it."""

from __future__ import annotations

from aiogram.exceptions import (
    TelegramAPIError,
    TelegramBadRequest,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)

from bot.outbox.worker import Blocked, DeliveryResult, Failed, RetryAfter, Sent
from bot.telegram.sender import RecipientBlocked, TelegramSender
from dialogs.i18n import TIMEZONES, Catalogues, Translator
from dialogs.notices import render_notice
from storage.outbox import ClaimedMessage

CHANNEL = "telegram"


class TelegramDelivery:
    def __init__(self, sender: TelegramSender, catalogues: Catalogues) -> None:
        self._sender = sender
        self._catalogues = catalogues

    async def __call__(self, item: ClaimedMessage) -> DeliveryResult:
        """Send one notice in the recipient's language and time zone; say how it went."""
        if item.channel != CHANNEL:
            return Failed(f"not a {CHANNEL} recipient: {item.channel}", retryable=False)
        try:
            replies = render_notice(item.kind, item.payload, self._translator(item))
        except KeyError as error:  # a kind no code knows (any more), or a payload missing a key
            return Failed(f"KeyError: {error}", retryable=False)
        try:
            await self._sender.deliver(
                int(item.external_id), replies, version=0, pressed_message_id=None
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
        return Sent()

    def _translator(self, item: ClaimedMessage) -> Translator:
        return self._catalogues.translator(item.language, TIMEZONES.get(item.country or ""))


def _describe(error: TelegramAPIError) -> str:
    """Name the error by class and Telegram's description, which carries no message text."""
    return f"{type(error).__name__}: {error.message}"
