"""The Messenger channel as the app sees it: built from settings, attached, served, closed."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from aiohttp import web

from bot.channels.buttons import ButtonCodec
from bot.channels.media import MediaIds
from bot.messenger.delivery import MessengerDelivery
from bot.messenger.gateway import MessengerGateway
from bot.messenger.graph import GraphClient, GraphError, Unreachable
from bot.messenger.profile import profile
from bot.messenger.render import CAPABILITIES
from bot.messenger.sender import CHANNEL, MessengerSender
from bot.messenger.webhook import messenger_routes
from bot.outbox.ratelimit import Limits, RateLimiter
from bot.outbox.worker import DeliveryResult
from bot.services.conversation import ConversationService
from dialogs.i18n import Catalogues
from dialogs.replies import Reply
from storage.outbox import ClaimedMessage

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class MessengerEndpoint:
    """Where the Page's Graph API is, and the secrets of its webhook."""

    graph_url: str
    graph_version: str
    page_token: str
    app_secret: str
    verify_token: str
    webhook_path: str = "/messenger/webhook"
    send_rate: float = 200.0
    page_name: str | None = None

    def budget(self) -> Limits:
        """Messenger's own send budget in the shared limiter (one a second per person)."""
        rate = self.send_rate
        return Limits(global_per_second=rate, global_burst=max(5, int(rate / 10)))

    def deep_links(self) -> tuple[str, ...]:
        return (f"https://m.me/{self.page_name}?ref=",) if self.page_name else ()


class MessengerChannel:
    name = CHANNEL
    capabilities = CAPABILITIES

    def __init__(
        self,
        endpoint: MessengerEndpoint,
        codec: ButtonCodec,
        catalogues: Catalogues,
        pace: RateLimiter,
        media_ids: MediaIds | None = None,
    ) -> None:
        self.endpoint = endpoint
        self._codec = codec
        self._catalogues = catalogues
        self.graph = GraphClient(endpoint.graph_url, endpoint.graph_version, endpoint.page_token)
        # Replies are paced per person; the outbox worker takes its own token for each notice.
        self.sender = MessengerSender(self.graph, codec, pace=pace, media_ids=media_ids)
        self._delivery = MessengerDelivery(MessengerSender(self.graph, codec, media_ids=media_ids))
        self.gateway: MessengerGateway | None = None

    def attach(self, service: ConversationService, wake: Callable[[], None]) -> None:
        self.gateway = MessengerGateway(
            service, self.sender, self._codec, self._catalogues, after_update=lambda psid: wake()
        )

    def routes(self) -> list[web.RouteDef]:
        if self.gateway is None:
            raise RuntimeError("attach the channel to the conversation service first")
        endpoint = self.endpoint
        return messenger_routes(
            self.gateway, endpoint.webhook_path, endpoint.verify_token, endpoint.app_secret
        )

    async def publish(self) -> None:
        try:
            await self.sender.call("messenger_profile", profile(self._catalogues), None, None)
        except (GraphError, Unreachable) as error:
            log.warning("Could not set the Messenger Profile (%s)", type(error).__name__)

    async def send_notice(self, item: ClaimedMessage, replies: list[Reply]) -> DeliveryResult:
        return await self._delivery.send_notice(item, replies)

    async def close(self) -> None:
        await self.graph.close()
