"""getUpdates long polling, webhook configuration and at-least-once webhook delivery."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import time
from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp

from sandbox.api_spec import UploadedFile
from sandbox.errors import bad_request, conflict
from sandbox.state import UpdateQueue

logger = logging.getLogger(__name__)

MAX_POLL_TIMEOUT = 50  # Telegram caps long polling at 50 s
SECRET_RE = re.compile(r"[A-Za-z0-9_-]{1,256}")
FIRST_BACKOFF = 0.05  # seconds; Telegram backs off far longer, tests need speed
MAX_BACKOFF = 2.0
WEBHOOK_TIMEOUT = aiohttp.ClientTimeout(total=60)

# Executes a method the bot returned in its webhook answer (Telegram supports this).
ReplyExecutor = Callable[[str, dict[str, Any], dict[str, UploadedFile]], Awaitable[None]]


class WebhookSender:
    """POST pending updates to the webhook one at a time, retrying until a 2xx answer."""

    def __init__(self, queue: UpdateQueue, execute_reply: ReplyExecutor) -> None:
        self.queue = queue
        self.execute_reply = execute_reply
        self.url = ""
        self.secret: str | None = None
        self.max_connections = 40
        self.last_error_date: int | None = None
        self.last_error_message: str | None = None
        self._task: asyncio.Task[None] | None = None
        self._session: aiohttp.ClientSession | None = None

    async def configure(self, url: str, secret: str | None, max_connections: int) -> None:
        """Switch to a new webhook URL (or none), restarting delivery."""
        await self.stop()
        self.url, self.secret, self.max_connections = url, secret, max_connections
        self.last_error_date = self.last_error_message = None
        if url:
            self._session = aiohttp.ClientSession(timeout=WEBHOOK_TIMEOUT)
            self._task = asyncio.create_task(self._run(), name="sandbox-webhook")

    async def stop(self) -> None:
        """Stop delivering; undelivered updates stay pending."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def _run(self) -> None:
        backoff = FIRST_BACKOFF
        while True:
            update = await self._next_update()
            if await self._deliver(update):
                self.queue.confirm(update["update_id"] + 1)
                backoff = FIRST_BACKOFF
            else:
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, MAX_BACKOFF)

    async def _next_update(self) -> dict[str, Any]:
        async with self.queue.changed:
            await self.queue.changed.wait_for(lambda: bool(self.queue.pending))
            return self.queue.pending[0]

    async def _deliver(self, update: dict[str, Any]) -> bool:
        """POST one update; True on a 2xx answer."""
        assert self._session is not None
        headers = {"X-Telegram-Bot-Api-Secret-Token": self.secret} if self.secret else {}
        try:
            async with self._session.post(self.url, json=update, headers=headers) as response:
                if 200 <= response.status < 300:
                    await self._handle_answer(response)
                    return True
                self._fail(f"Wrong response from the webhook: {response.status} {response.reason}")
        except (aiohttp.ClientError, TimeoutError) as exc:
            self._fail(f"Connection failed: {type(exc).__name__}: {exc}")
        return False

    def _fail(self, message: str) -> None:
        self.last_error_date = int(time.time())
        self.last_error_message = message
        logger.info("sandbox webhook delivery failed: %s", message)

    async def _handle_answer(self, response: aiohttp.ClientResponse) -> None:
        """Run a method call the bot put in its answer (aiogram can reply this way)."""
        params: dict[str, Any] = {}
        files: dict[str, UploadedFile] = {}
        if response.content_type == "application/json":
            body = await response.json(content_type=None)
            params = body if isinstance(body, dict) else {}
        elif response.content_type == "multipart/form-data":
            reader = aiohttp.MultipartReader(response.headers, response.content)
            async for part in reader:
                if not isinstance(part, aiohttp.BodyPartReader) or part.name is None:
                    continue
                if part.filename:
                    data = await part.read(decode=True)
                    files[part.name] = UploadedFile(part.filename, bytes(data), "")
                else:
                    params[part.name] = await part.text()
        method = params.pop("method", None)
        if isinstance(method, str) and method:
            await self.execute_reply(method, params, files)


class UpdateMethods:
    """Implement getUpdates and the webhook methods."""

    def __init__(self, queue: UpdateQueue, execute_reply: ReplyExecutor) -> None:
        self.queue = queue
        self.webhook = WebhookSender(queue, execute_reply)
        self._poll_generation = 0

    @property
    def polls(self) -> int:
        """How many getUpdates calls have come in: a bot that has started polls."""
        return self._poll_generation

    def handlers(self) -> dict[str, Callable[..., Awaitable[Any]]]:
        """Map spec method names to their implementations."""
        return {
            "getUpdates": self.get_updates,
            "setWebhook": self.set_webhook,
            "deleteWebhook": self.delete_webhook,
            "getWebhookInfo": self.get_webhook_info,
            "logOut": self.accept,
            "close": self.accept,
        }

    async def accept(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> Any:
        """Succeed without effect."""
        return True

    async def get_updates(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> Any:
        """Return pending updates, holding the request up to `timeout` seconds for new ones."""
        if self.webhook.url:
            raise conflict(
                "can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first"
            )
        if "offset" in params:
            self.queue.confirm(params["offset"])
        if "allowed_updates" in params:
            self.queue.allowed_updates = params["allowed_updates"] or None
        limit = min(max(params.get("limit", 100), 1), 100)
        timeout = min(max(params.get("timeout", 0), 0), MAX_POLL_TIMEOUT)
        # A newer getUpdates call terminates an older one, exactly like Telegram does.
        self._poll_generation += 1
        generation = self._poll_generation
        await self.queue.notify()
        deadline = asyncio.get_running_loop().time() + timeout
        async with self.queue.changed:
            while True:
                if generation != self._poll_generation:
                    raise conflict(
                        "terminated by other getUpdates request; "
                        "make sure that only one bot instance is running"
                    )
                if self.webhook.url:
                    raise conflict("terminated by setWebhook request")
                if self.queue.pending or self.queue.closing:
                    return self.queue.pending[:limit]
                remaining = deadline - asyncio.get_running_loop().time()
                if remaining <= 0:
                    return []
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self.queue.changed.wait(), remaining)

    async def set_webhook(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> Any:
        """Set (or, with an empty url, remove) the webhook."""
        url = params["url"]
        secret = params.get("secret_token")
        if url and not re.match(r"https?://[^\s/]+", url):
            raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
        if secret is not None and not SECRET_RE.fullmatch(secret):
            raise bad_request("bad webhook: Secret token contains unallowed characters")
        if params.get("drop_pending_updates"):
            self.queue.clear()
        if "allowed_updates" in params:
            self.queue.allowed_updates = params["allowed_updates"] or None
        await self.webhook.configure(url, secret, params.get("max_connections", 40))
        await self.queue.notify()
        return True

    async def delete_webhook(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> Any:
        """Remove the webhook so getUpdates works again."""
        if params.get("drop_pending_updates"):
            self.queue.clear()
        await self.webhook.configure("", None, 40)
        return True

    async def get_webhook_info(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> Any:
        """Describe the webhook like Telegram's WebhookInfo."""
        info: dict[str, Any] = {
            "url": self.webhook.url,
            "has_custom_certificate": False,
            "pending_update_count": len(self.queue.pending),
        }
        if self.webhook.url:
            info["max_connections"] = self.webhook.max_connections
        if self.queue.allowed_updates:
            info["allowed_updates"] = self.queue.allowed_updates
        if self.webhook.last_error_date is not None:
            info["last_error_date"] = self.webhook.last_error_date
            info["last_error_message"] = self.webhook.last_error_message
        return info
