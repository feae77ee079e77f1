"""The Messenger channel: webhook events in, conversation service, replies out."""

from __future__ import annotations

import logging
from collections.abc import Callable

from bot.channels.buttons import ButtonCodec
from bot.keyed_lock import KeyedLock
from bot.messenger.graph import (
    GraphError,
    OutsideWindow,
    PersonUnavailable,
    Unreachable,
    describe,
)
from bot.messenger.profile import menu
from bot.messenger.sender import CHANNEL, MessengerSender
from bot.messenger.translate import Inbound, inbound_events
from bot.services.conversation import ConversationService, Handled, Incoming
from dialogs.i18n import Catalogues

log = logging.getLogger(__name__)


class MessengerGateway:
    def __init__(
        self,
        service: ConversationService,
        sender: MessengerSender,
        codec: ButtonCodec,
        catalogues: Catalogues,
        after_update: Callable[[str], None] = lambda psid: None,
    ) -> None:
        self._service = service
        self._sender = sender
        self._codec = codec
        self._catalogues = catalogues
        # Called once an event is stored: it may have written messages for the outbox, and
        # the person's window is open again for what waited.
        self.after_update = after_update
        # Per person: one event at a time, so replies keep their order and state never races.
        self._locks = KeyedLock()

    async def handle_body(self, body: object) -> None:
        """Handle every event of one (signature-checked) webhook body, in order."""
        for inbound in inbound_events(body, self._codec):
            await self.handle(inbound)

    async def handle(self, inbound: Inbound) -> None:
        async with self._locks.hold(inbound.psid):
            incoming = Incoming(
                channel=CHANNEL,
                external_id=inbound.psid,
                event=inbound.event,
                update_id=inbound.update_id,
            )
            try:
                handled = await self._service.handle(incoming)
                self.after_update(inbound.psid)
            except Exception:
                # Nothing was stored (the transaction rolled back); say so rather than stay silent.
                log.exception("handling a Messenger event failed")
                handled = self._service.failure(None)
            await self._reply(inbound.psid, handled)

    async def _reply(self, psid: str, handled: Handled) -> None:
        if handled.duplicate:
            return
        try:
            if handled.erased:
                await self._sender.forget_user_menu(psid)
            entry = handled.help_entry
            if entry is not None or handled.language_changed:
                t = self._catalogues.translator(handled.language)
                await self._sender.set_user_menu(psid, menu(t))
                await self._service.help_entry_installed(CHANNEL, psid, handled.language)
            await self._sender.deliver(psid, handled.replies, handled.version)
        except PersonUnavailable:
            log.info("person turned the Page's messages off; marking them")
            await self._service.mark_blocked(CHANNEL, psid)
        except OutsideWindow:
            log.warning("an answer fell outside the person's window")  # they just wrote: rare
        except (GraphError, Unreachable) as error:
            # The answer is lost, but the state moved on: the next message shows the screen.
            log.error("answering on Messenger failed: %s", describe(error))
