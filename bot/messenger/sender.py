"""Send replies to a person on Messenger, retrying the way Graph's errors ask, in order."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from bot.channels.buttons import ButtonCodec
from bot.channels.media import MediaIds
from bot.messenger.graph import (
    GraphClient,
    RateLimited,
    Rejected,
    Temporary,
    Unreachable,
    describe,
)
from bot.messenger.render import Outgoing, render
from bot.outbox.ratelimit import RateLimiter
from dialogs.replies import Reply

log = logging.getLogger(__name__)

CHANNEL = "messenger"
RESPONSE = "RESPONSE"  # an answer to what the person just did
UPDATE = "UPDATE"  # the bot's own news, inside the 24-hour window
MAX_RATE_LIMIT_WAITS = 3
TEMPORARY_BACKOFF = (1.0, 2.0, 4.0)


class MessengerSender:
    def __init__(
        self,
        graph: GraphClient,
        codec: ButtonCodec,
        pace: RateLimiter | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        media_ids: MediaIds | None = None,
    ) -> None:
        self._graph = graph
        self._codec = codec
        self._pace = pace
        self._sleep = sleep
        self._media_ids = media_ids

    async def deliver(
        self, psid: str, replies: list[Reply], version: int, messaging_type: str = RESPONSE
    ) -> None:
        """Send every reply as new messages (Messenger edits nothing); raise what Graph meant."""
        for outgoing in render(replies, self._codec, psid, version):
            await self.send(psid, outgoing, messaging_type)

    async def send(self, psid: str, outgoing: Outgoing, messaging_type: str) -> dict[str, Any]:
        url = _reusable_url(outgoing.message)
        known = await self._media_ids.get(url) if url and self._media_ids else None
        message = _by_id(outgoing.message, known) if known else outgoing.message
        try:
            answer = await self._send(psid, message, outgoing, messaging_type)
        except Rejected:
            if known is None or self._media_ids is None or url is None:
                raise
            # Meta no longer knows that attachment: send the URL again, and learn the new id.
            await self._media_ids.forget(url)
            known, answer = None, await self._send(psid, outgoing.message, outgoing, messaging_type)
        if url and not known and self._media_ids and answer.get("attachment_id"):
            await self._media_ids.remember(url, str(answer["attachment_id"]))
        return answer

    async def _send(
        self, psid: str, message: dict[str, Any], outgoing: Outgoing, messaging_type: str
    ) -> dict[str, Any]:
        body = {"recipient": {"id": psid}, "messaging_type": messaging_type, "message": message}
        return await self.call("messages", body, outgoing, psid)

    async def set_user_menu(self, psid: str, menu: list[dict[str, Any]]) -> None:
        """The persistent menu for one person, in their language (replaces the Page's default)."""
        body = {"psid": psid, "persistent_menu": menu}
        await self.call("custom_user_settings", body, None, psid)

    async def forget_user_menu(self, psid: str) -> None:
        """Drop the person's own menu (erasure): Meta keeps nothing of their language choice."""
        await self._graph.delete(
            "custom_user_settings", {"psid": psid, "params": ["persistent_menu"]}
        )

    async def call(
        self, path: str, body: dict[str, Any], outgoing: Outgoing | None, psid: str | None
    ) -> dict[str, Any]:
        """One Graph call: waits when asked to, retries Graph's own failures a few times."""
        rate_limited = 0
        backoff = iter(TEMPORARY_BACKOFF)
        while True:
            if self._pace is not None and psid is not None:
                await self._pace.acquire(f"{CHANNEL}:{psid}")
            try:
                upload = outgoing.upload if outgoing is not None else None
                return await self._graph.post(path, body, upload)
            except RateLimited as error:
                rate_limited += 1
                if rate_limited > MAX_RATE_LIMIT_WAITS:
                    raise
                log.warning("Graph asks to slow down (%s)", error.describe())
                await self._sleep(error.retry_after)
            except (Temporary, Unreachable) as error:
                delay = next(backoff, None)
                if delay is None:
                    raise
                log.warning("Graph call failed (%s); retrying", describe(error))
                await self._sleep(delay)


def _reusable_url(message: dict[str, Any]) -> str | None:
    """The URL of a reusable media attachment (a story's video), else None."""
    payload = (message.get("attachment") or {}).get("payload") or {}
    return payload.get("url") if payload.get("is_reusable") else None


def _by_id(message: dict[str, Any], attachment_id: str) -> dict[str, Any]:
    attachment = dict(message["attachment"], payload={"attachment_id": attachment_id})
    return dict(message, attachment=attachment)
