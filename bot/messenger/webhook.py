"""The Page's webhook: Meta's verification handshake, and signed event deliveries.

Every POST is checked against `X-Hub-Signature-256` before its body is parsed: anything
unsigned, wrongly signed or too large is refused and changes nothing. The answer comes only
after the events are handled, so a crash means Meta delivers them again.
"""

from __future__ import annotations

import json
import logging

from aiohttp import web

from bot.messenger.gateway import MessengerGateway
from bot.messenger.signature import is_signed

log = logging.getLogger(__name__)

# Meta's webhook bodies are small (a few kilobytes even when batched).
MAX_BODY_BYTES = 256 * 1024


def messenger_routes(
    gateway: MessengerGateway, path: str, verify_token: str, app_secret: str
) -> list[web.RouteDef]:
    async def verify(request: web.Request) -> web.Response:
        query = request.query
        if query.get("hub.mode") == "subscribe" and query.get("hub.verify_token") == verify_token:
            return web.Response(text=query.get("hub.challenge", ""))
        return web.Response(status=403)

    async def receive(request: web.Request) -> web.Response:
        if request.content_length is not None and request.content_length > MAX_BODY_BYTES:
            return web.Response(status=413)
        body = await request.content.read(MAX_BODY_BYTES + 1)
        if len(body) > MAX_BODY_BYTES:
            return web.Response(status=413)
        if not is_signed(body, request.headers.get("X-Hub-Signature-256"), app_secret):
            log.warning("refused a Messenger webhook POST with a missing or wrong signature")
            return web.Response(status=403)
        try:
            parsed = json.loads(body)
        except (UnicodeDecodeError, json.JSONDecodeError):
            return web.Response(status=400)
        await gateway.handle_body(parsed)
        return web.Response(text="EVENT_RECEIVED")

    return [web.get(path, verify), web.post(path, receive)]
