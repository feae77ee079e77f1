"""What the core knows of a channel: a small contract, and the router that uses it.

A channel (a folder under bot/) turns platform updates into neutral events on its own way in,
and on the way out sends the notices the outbox hands it. Adding a channel is a new folder and
one line in bot/app.py; no flow and no service changes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Protocol

from aiohttp import web

from bot.outbox.worker import DeliveryResult, Failed
from bot.services.conversation import ConversationService
from dialogs.capabilities import Capabilities
from dialogs.i18n import TIMEZONES, Catalogues
from dialogs.notices import away_note, render_notice
from dialogs.replies import Reply
from storage.outbox import ClaimedMessage


class NoticeChannel(Protocol):
    """A channel's outbox side: send one rendered notice and say how it went."""

    name: str
    capabilities: Capabilities

    async def send_notice(self, item: ClaimedMessage, replies: list[Reply]) -> DeliveryResult:
        """Send the notice to the item's recipient; never raise for a platform's answer."""
        ...


class Channel(NoticeChannel, Protocol):
    """A channel beside Telegram's (whose polling and dispatcher the app runs itself).

    Built with its settings, then attached to the conversation service; it serves its
    webhook routes on the bot's web server, publishes its menus at start and closes at stop.
    """

    def attach(self, service: ConversationService, wake: Callable[[], None]) -> None:
        """Hand events to the service; `wake` tells the outbox that news may be waiting."""
        ...

    def routes(self) -> list[web.RouteDef]:
        """Its webhook routes on the bot's web server."""
        ...

    async def publish(self) -> None:
        """Set its menus and profile on the platform: safe to repeat at every start."""
        ...

    async def close(self) -> None: ...


class NoticeRouter:
    """Render each outbox notice for its recipient and hand it to the recipient's channel."""

    def __init__(self, channels: list[NoticeChannel], catalogues: Catalogues) -> None:
        self._channels = {channel.name: channel for channel in channels}
        self._catalogues = catalogues

    @property
    def channels(self) -> dict[str, NoticeChannel]:
        return dict(self._channels)

    async def __call__(self, item: ClaimedMessage) -> DeliveryResult:
        channel = self._channels.get(item.channel)
        if channel is None:
            return Failed(f"no channel {item.channel!r} is running", retryable=True)
        t = self._catalogues.translator(item.language, TIMEZONES.get(item.country or ""))
        try:
            replies = render_notice(item.kind, item.payload, t)
        except KeyError as error:  # a kind no code knows (any more), or a payload missing a key
            return Failed(f"KeyError: {error}", retryable=False)
        if item.waited and replies:
            # It waited for the person's visit: say it is news from while they were away.
            first = replies[0]
            replies[0] = replace(first, text=f"{away_note(t)}\n\n{first.text}".strip())
        return await channel.send_notice(item, replies)
