"""The Telegram channel: updates in, conversation service, replies out."""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Callable
from contextlib import suppress

from aiogram import Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import CallbackQuery, ChatMemberUpdated, Message, Update

from bot.channels.buttons import ButtonCodec
from bot.keyed_lock import KeyedLock
from bot.services.conversation import ConversationService, Handled, Incoming
from bot.telegram.commands import CommandMenu
from bot.telegram.sender import RecipientBlocked, TelegramSender
from bot.telegram.translate import callback_event, membership_event, message_event
from dialogs.events import Event

CHANNEL = "telegram"
log = logging.getLogger(__name__)


class RecentScreens:
    """The newest message with buttons per chat, so the one before can lose its buttons.

    Kept in memory only: after a restart, or on another worker, an old screen just keeps its
    buttons, and pressing one still gets the polite "expired" answer.
    """

    def __init__(self, capacity: int = 10_000) -> None:
        self._capacity = capacity
        self._latest: OrderedDict[int, int] = OrderedDict()

    def forget(self, chat_id: int, message_id: int) -> None:
        """The message shows no buttons any more: nothing to strip from it later."""
        if self._latest.get(chat_id) == message_id:
            del self._latest[chat_id]

    def replace(self, chat_id: int, message_id: int) -> int | None:
        previous = self._latest.pop(chat_id, None)
        self._latest[chat_id] = message_id
        if len(self._latest) > self._capacity:
            self._latest.popitem(last=False)
        return previous


class TelegramGateway:
    def __init__(
        self,
        service: ConversationService,
        sender: TelegramSender,
        codec: ButtonCodec,
        menu: CommandMenu,
        after_update: Callable[[], None] = lambda: None,
    ) -> None:
        self._service = service
        self._sender = sender
        self._codec = codec
        self._menu = menu
        # Called once an update is stored: it may have written messages for the outbox.
        self._after_update = after_update
        self._screens = RecentScreens()
        # Per chat: one update at a time, so replies keep their order and state never races.
        self._locks = KeyedLock()

    def router(self) -> Router:
        router = Router(name="telegram-gateway")
        router.message.register(self.on_message)
        router.callback_query.register(self.on_callback)
        router.my_chat_member.register(self.on_membership)
        return router

    async def on_message(self, message: Message, event_update: Update) -> None:
        if message.chat.type != "private" or message.from_user is None:
            return  # the programme talks to people one to one
        self._sender.seen(message.chat.id, message.message_id)
        await self._process(message.chat.id, message_event(message), event_update, message)

    async def on_callback(self, query: CallbackQuery, event_update: Update) -> None:
        # Whatever happens, the button must stop spinning.
        answered = False
        try:
            event = callback_event(query, self._codec)
            message_id = query.message.message_id if query.message else None
            # A video (a story) can be swapped for another in place, but text cannot go there.
            pressed_media = _has_media(query.message)
            async with self._locks.hold(query.from_user.id):
                if message_id is not None and not self._sender.is_newest(
                    query.from_user.id, message_id
                ):
                    # An older message, above newer ones: answer at the bottom, where one looks.
                    message_id = None
                handled = await self._handle(query.from_user.id, event, event_update, query)
                if not handled.duplicate:  # a redelivered query was answered the first time
                    await self._sender.call(lambda: query.answer(text=handled.toast))
                answered = True
                await self._reply(query.from_user.id, handled, message_id, pressed_media)
        finally:
            if not answered:
                with suppress(TelegramBadRequest):
                    await self._sender.call(lambda: query.answer())

    async def on_membership(self, update: ChatMemberUpdated, event_update: Update) -> None:
        event = membership_event(update)
        if event is not None:
            await self._process(update.chat.id, event, event_update, update)

    async def _process(
        self,
        chat_id: int,
        event: Event,
        event_update: Update,
        source: Message | ChatMemberUpdated,
    ) -> None:
        async with self._locks.hold(chat_id):
            handled = await self._handle(chat_id, event, event_update, source)
            await self._reply(chat_id, handled, None)

    async def _handle(
        self,
        chat_id: int,
        event: Event,
        event_update: Update,
        source: Message | CallbackQuery | ChatMemberUpdated,
    ) -> Handled:
        person = source.from_user
        incoming = Incoming(
            channel=CHANNEL,
            external_id=str(chat_id),
            event=event,
            update_id=str(event_update.update_id),
            language_code=person.language_code if person else None,
            sender_name=person.first_name if person else "",
        )
        try:
            handled = await self._service.handle(incoming)
            self._after_update()
            return handled
        except Exception:
            # Nothing was stored (the transaction rolled back); say so rather than stay silent.
            log.exception("handling update %s failed", event_update.update_id)
            return self._service.failure(incoming.language_code)

    async def _reply(
        self,
        chat_id: int,
        handled: Handled,
        pressed_message_id: int | None,
        pressed_media: bool = False,
    ) -> None:
        if handled.duplicate:
            return
        try:
            entry = handled.help_entry
            if entry is not None:
                await self._sender.install_help_keyboard(chat_id, entry.label, entry.note)
                await self._service.help_entry_installed(CHANNEL, str(chat_id), entry.language)
                pressed_message_id = None  # the screen comes below the note, as a new message
            delivered = await self._sender.deliver(
                chat_id, handled.replies, handled.version, pressed_message_id, pressed_media
            )
            if delivered.cleared is not None:
                self._screens.forget(chat_id, delivered.cleared)
            if delivered.screen is not None:
                previous = self._screens.replace(chat_id, delivered.screen)
                if previous is not None and previous not in (pressed_message_id, delivered.screen):
                    await self._sender.strip_buttons(chat_id, previous)
            if handled.language_changed:
                await self._menu.set_for_chat(chat_id, handled.language)
            if handled.erased:
                await self._menu.forget_chat(chat_id)
        except RecipientBlocked:
            log.info("chat blocked the bot; marking it")
            await self._service.mark_blocked(CHANNEL, str(chat_id))


def _has_media(message: object) -> bool:
    """A video, photo or file message (a story): its text cannot be edited into a screen."""
    return any(getattr(message, kind, None) for kind in ("video", "photo", "document"))
