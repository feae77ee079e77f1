"""Send replies to Telegram, retrying the way the Bot API documents and never losing order."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from functools import partial
from typing import TypeVar

from aiogram import Bot
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.types import (
    BufferedInputFile,
    InlineKeyboardMarkup,
    InputMediaPhoto,
    InputMediaVideo,
    KeyboardButton,
    Message,
    ReplyKeyboardMarkup,
)

from bot.channels.buttons import ButtonCodec
from bot.channels.media import MediaIds
from bot.channels.text import utf16_length
from bot.outbox.ratelimit import RateLimiter
from bot.telegram.render import CAPTION_LIMIT, escape, keyboard, split_text
from bot.telegram.tail import ChatTail
from dialogs.replies import Reply

log = logging.getLogger(__name__)

CHANNEL = "telegram"

T = TypeVar("T")

MAX_RATE_LIMIT_WAITS = 5
SERVER_ERROR_BACKOFF = (1.0, 2.0, 4.0)


@dataclass
class Delivered:
    """Which message is now the screen with buttons, and which one lost them by an edit."""

    screen: int | None = None
    cleared: int | None = None


class RecipientBlocked(Exception):
    """The user blocked the bot: Telegram answers 403 to everything sent to them."""


class TelegramSender:
    def __init__(
        self,
        bot: Bot,
        codec: ButtonCodec,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        pace: RateLimiter | None = None,
        tail: ChatTail | None = None,
        media_ids: MediaIds | None = None,
    ) -> None:
        self._bot = bot
        self._media_ids = media_ids
        self._codec = codec
        self._sleep = sleep
        self._tail = tail or ChatTail()
        # Replies draw on the same per-chat budget as the outbox (which paces its own sends),
        # so someone tapping fast never meets Telegram's flood control.
        self._pace = pace

    async def _paced(self, chat_id: int) -> None:
        if self._pace is not None:
            await self._pace.acquire(f"{CHANNEL}:{chat_id}")

    @property
    def bot(self) -> Bot:
        return self._bot

    async def deliver(
        self,
        chat_id: int,
        replies: list[Reply],
        version: int,
        pressed_message_id: int | None,
        pressed_media: bool = False,
    ) -> Delivered:
        """Send the replies in order; the first may replace the message whose button was pressed
        (a video or photo only by another one: text cannot take its place)."""
        delivered = Delivered()
        for reply in replies:
            markup = keyboard(reply.buttons, self._codec, chat_id, version)
            edit_id = pressed_message_id if reply.replace else None
            if edit_id is not None and pressed_media:
                swappable = reply.media is not None and reply.document is None and not reply.text
                if swappable and await self._edit_media(chat_id, edit_id, reply, markup):
                    delivered.screen = edit_id if markup is not None else None
                    continue
                edit_id = None
            sent = await self._send_one(chat_id, reply, markup, edit_id)
            if sent is None:
                if markup is None and edit_id is not None:
                    delivered.cleared = edit_id  # edited into a message without buttons
            elif markup is not None:
                delivered.screen = sent
        return delivered

    async def install_help_keyboard(self, chat_id: int, label: str, note: str) -> None:
        """Keep one button below the chat for good: pressing it writes its label to the bot."""
        keyboard = ReplyKeyboardMarkup(
            keyboard=[[KeyboardButton(text=label)]], resize_keyboard=True, is_persistent=True
        )
        await self._paced(chat_id)
        message = await self.call(
            lambda: self._bot.send_message(chat_id, escape(note), reply_markup=keyboard)
        )
        self._tail.seen(chat_id, message.message_id)

    def is_newest(self, chat_id: int, message_id: int) -> bool:
        """Whether the message is the last one in the chat, so editing it shows where one looks."""
        return self._tail.is_newest(chat_id, message_id)

    def seen(self, chat_id: int, message_id: int) -> None:
        """A message the person sent: what came before it is no longer the newest."""
        self._tail.seen(chat_id, message_id)

    async def strip_buttons(self, chat_id: int, message_id: int) -> None:
        """Take the buttons off an old screen, so only the current one can be pressed."""
        await self._paced(chat_id)
        try:
            await self.call(
                lambda: self._bot.edit_message_reply_markup(
                    chat_id=chat_id, message_id=message_id, reply_markup=None
                )
            )
        except TelegramBadRequest as error:
            # Gone, too old to edit, or already without buttons: nothing left to strip.
            log.debug("could not strip buttons: %s", error.message)

    async def _send_one(
        self,
        chat_id: int,
        reply: Reply,
        markup: InlineKeyboardMarkup | None,
        edit_id: int | None,
    ) -> int | None:
        """Send (or edit into place) one reply; the id of the message that now shows it.

        None when it was edited into place without buttons.
        """
        text = reply.text
        attachment_markup = markup if not text else None
        sent = None
        if reply.document is not None:
            sent = await self._document(chat_id, reply, attachment_markup)
        elif reply.media is not None:
            sent = await self._media(chat_id, reply, attachment_markup)
        if not text:
            return sent
        chunks = split_text(text)
        editable = edit_id is not None and len(chunks) == 1
        if editable and reply.document is None and reply.media is None:
            assert edit_id is not None
            if await self._edit(chat_id, edit_id, chunks[0], markup):
                return edit_id if markup is not None else None
        for index, chunk in enumerate(chunks):
            last = index == len(chunks) - 1
            await self._paced(chat_id)
            message = await self.call(
                partial(
                    self._bot.send_message,
                    chat_id,
                    escape(chunk),
                    reply_markup=markup if last else None,
                )
            )
            sent = message.message_id
            self._tail.seen(chat_id, sent)
        return sent

    async def _edit(
        self, chat_id: int, message_id: int, text: str, markup: InlineKeyboardMarkup | None
    ) -> bool:
        """Edit in place; False when the message cannot be edited and a new one is needed."""
        await self._paced(chat_id)
        try:
            await self.call(
                lambda: self._bot.edit_message_text(
                    text=escape(text), chat_id=chat_id, message_id=message_id, reply_markup=markup
                )
            )
        except TelegramBadRequest as error:
            if "message is not modified" in error.message:
                return True  # already shows exactly this
            if "message to edit not found" in error.message or "can't be edited" in error.message:
                return False
            raise
        return True

    async def _document(
        self, chat_id: int, reply: Reply, markup: InlineKeyboardMarkup | None
    ) -> int:
        document = reply.document
        assert document is not None
        upload = BufferedInputFile(document.content, filename=document.filename)
        await self._paced(chat_id)
        message = await self.call(
            lambda: self._bot.send_document(
                chat_id, upload, caption=_caption(document.caption), reply_markup=markup
            )
        )
        self._tail.seen(chat_id, message.message_id)
        return message.message_id

    async def _remember_file(self, url: str, message: Message) -> None:
        """Keep the id Telegram gave the file sent from this URL, for every later send."""
        stored = message.video or (message.photo[-1] if message.photo else None)
        if stored is not None and self._media_ids is not None:
            await self._media_ids.remember(url, stored.file_id)

    async def _edit_media(
        self, chat_id: int, message_id: int, reply: Reply, markup: InlineKeyboardMarkup | None
    ) -> bool:
        """Swap the pressed video (or photo) for this one, in place; False if it cannot be."""
        media = reply.media
        assert media is not None
        known = await self._media_ids.get(media.url) if self._media_ids else None
        kind = InputMediaVideo if media.kind == "video" else InputMediaPhoto
        new = kind(media=known or media.url, caption=_caption(media.caption), parse_mode="HTML")
        await self._paced(chat_id)
        try:
            message = await self.call(
                lambda: self._bot.edit_message_media(
                    media=new, chat_id=chat_id, message_id=message_id, reply_markup=markup
                )
            )
        except TelegramBadRequest as error:
            if "message is not modified" in error.message:
                return True
            log.debug("could not swap the media in place: %s", error.message)
            return False
        if known is None and isinstance(message, Message):
            await self._remember_file(media.url, message)
        return True

    async def _media(self, chat_id: int, reply: Reply, markup: InlineKeyboardMarkup | None) -> int:
        media = reply.media
        assert media is not None
        send = self._bot.send_video if media.kind == "video" else self._bot.send_photo
        known = await self._media_ids.get(media.url) if self._media_ids else None
        await self._paced(chat_id)

        def by(source: str) -> Callable[[], Awaitable[Message]]:
            return lambda: send(
                chat_id, source, caption=_caption(media.caption), reply_markup=markup
            )

        try:
            message = await self.call(by(known or media.url))
        except TelegramBadRequest:
            if known is None or self._media_ids is None:
                raise
            # Telegram no longer knows that file id (another bot token, say): send the URL.
            await self._media_ids.forget(media.url)
            known = None
            message = await self.call(by(media.url))
        if known is None:
            await self._remember_file(media.url, message)
        self._tail.seen(chat_id, message.message_id)
        return message.message_id

    async def call(self, request: Callable[[], Awaitable[T]]) -> T:
        """Run one Bot API request: wait out 429s, retry 5xx and timeouts, surface 403 blocks."""
        rate_limit_waits = 0
        failures = 0
        while True:
            try:
                return await request()
            except TelegramRetryAfter as error:
                rate_limit_waits += 1
                if rate_limit_waits > MAX_RATE_LIMIT_WAITS:
                    raise
                await self._sleep(error.retry_after)
            except TelegramForbiddenError as error:
                raise RecipientBlocked(error.message) from error
            except (TelegramServerError, TelegramNetworkError) as error:
                if failures >= len(SERVER_ERROR_BACKOFF):
                    raise
                log.warning("Telegram request failed (%s), retrying", type(error).__name__)
                await self._sleep(SERVER_ERROR_BACKOFF[failures])
                failures += 1


def _caption(caption: str) -> str | None:
    if not caption:
        return None
    if utf16_length(caption) > CAPTION_LIMIT:
        caption = split_text(caption, CAPTION_LIMIT - 1)[0]
    return escape(caption)
