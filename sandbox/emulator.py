"""Local Telegram Bot API emulator: Bot API routes, control API and the web chat page.

Point aiogram at it with `AiohttpSession(api=TelegramAPIServer.from_base(base_url))`. Every
request is validated against the Bot API spec. getMe, getUpdates, the webhook methods, the
command methods, setChatMenuButton, sending/editing/deleting messages and media, chat actions,
answerCallbackQuery and getFile have real semantics; any other spec method is validated and
answered `true` without effect. The control API lives under /sandbox (see control.py) and the
chat page under /.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from aiohttp import web

from sandbox.api_spec import BotApiSpec, UploadedFile
from sandbox.commands import CommandMethods
from sandbox.control import ControlApi
from sandbox.errors import ApiError, bad_request
from sandbox.messaging import MessagingMethods
from sandbox.persist import StateFile
from sandbox.ratelimit import EmulatorLimits, RateLimiter
from sandbox.state import SandboxState
from sandbox.updates import UpdateMethods

logger = logging.getLogger(__name__)

PAGE_PATH = Path(__file__).with_name("page.html")
MAX_UPLOAD_BYTES = 50 * 1024 * 1024  # Telegram's bot upload limit
DEFAULT_BOT_ID = 7000000001


class BotApiEmulator:
    """An aiohttp server that answers like api.telegram.org for one bot token."""

    def __init__(
        self,
        token: str,
        spec_path: Path,
        limits: EmulatorLimits = EmulatorLimits(),  # noqa: B008 - frozen, shared safely
        bot_username: str = "mentor_sandbox_bot",
        state_path: Path | None = None,
        extra_routes: list[web.RouteDef] | None = None,
    ) -> None:
        self.token = token
        self.spec = BotApiSpec(spec_path)
        self.limits = limits
        self.base_url = ""
        self.rejected: list[dict[str, Any]] = []
        self.state = SandboxState()
        bot_id = int(token.split(":")[0]) if re.match(r"\d+:", token) else DEFAULT_BOT_ID
        self.bot_user: dict[str, Any] = {
            "id": bot_id,
            "is_bot": True,
            "first_name": "Mentor Sandbox",
            "username": bot_username,
        }
        self.messaging = MessagingMethods(self.state, RateLimiter(limits), self.bot_user)
        self.updates = UpdateMethods(self.state.updates, self.execute_webhook_reply)
        self.commands = CommandMethods()
        self.handlers: dict[str, Callable[..., Awaitable[Any]]] = {
            **self.messaging.handlers(),
            **self.updates.handlers(),
            **self.commands.handlers(),
            "getMe": self.get_me,
        }
        self.control = ControlApi(self.state, self.commands, self.bot_user, lambda: self.rejected)
        self.app = self._build_app()
        # The Graph API emulator beside it, so one page chats on both platforms.
        self.app.add_routes(extra_routes or [])
        self._runner: web.AppRunner | None = None
        # People, chats and ids kept across restarts (none: everything is forgotten on stop).
        self._state_file = StateFile(state_path, self.state) if state_path else None

    def _build_app(self) -> web.Application:
        app = web.Application(client_max_size=MAX_UPLOAD_BYTES)
        app.add_routes(self.control.routes())
        app.add_routes(
            [
                web.get("/", self.page),
                web.route("*", "/bot{token}/{method}", self.bot_api),
                web.get("/file/bot{token}/files/{file_id}", self.download_file),
            ]
        )
        return app

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> str:
        """Start serving and return the base URL (pass it to TelegramAPIServer.from_base)."""
        self.state.closing = self.state.updates.closing = False
        if self._state_file is not None:
            self._state_file.load()
            self._state_file.start()
        self._runner = web.AppRunner(self.app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, host, port)
        await site.start()
        bound_host, bound_port = self._runner.addresses[0][:2]
        self.base_url = f"http://{bound_host}:{bound_port}"
        return self.base_url

    def report_handling(self) -> None:
        """A bot in this process will call handled() for every update it has finished."""
        self.state.reporting = True

    async def handled(self, update_id: int) -> None:
        """The bot has answered this update (or will never answer it)."""
        chat_id = self.state.in_progress.pop(update_id, None)
        chat = self.state.chats.get(chat_id) if chat_id is not None else None
        if chat is not None:
            await self.state.touch(chat)

    async def stop(self) -> None:
        """Stop webhook delivery and the server."""
        if self._state_file is not None:
            await self._state_file.stop()
        await self.updates.webhook.stop()
        await self.state.close()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    # --- Bot API -------------------------------------------------------------------------

    async def bot_api(self, request: web.Request) -> web.Response:
        """Answer `/bot<token>/<method>` like Telegram, recording every failure."""
        name = request.match_info["method"]
        params: dict[str, Any] = {}
        try:
            if request.method not in ("GET", "POST"):
                raise ApiError(405, "Method Not Allowed")
            if request.match_info["token"] != self.token:
                raise ApiError(401, "Unauthorized")
            method = self.spec.canonical_method(name)
            if method is None:
                raise ApiError(404, "Not Found")
            name = method
            params, files = await read_params(request)
            result = await self.execute(method, params, files)
        except ApiError as error:
            return self.reject(request, name, error, params)
        except Exception:
            # An emulator bug must still look like a Bot API answer, and be visible.
            logger.exception("sandbox failed on %s", name)
            return self.reject(request, name, ApiError(500, "Internal Server Error"), params)
        return web.json_response({"ok": True, "result": result})

    def reject(
        self, request: web.Request, method: str, error: ApiError, params: dict[str, Any]
    ) -> web.Response:
        """Answer ok=false and record it, unless the client has already gone away."""
        # E.g. a poll terminated by a newer poll after its client disconnected: nobody saw it.
        if request.transport is not None and not request.transport.is_closing():
            self.record_rejection(method, error, params)
        return web.json_response(error.payload(), status=error.error_code)

    async def execute(
        self, method: str, params: dict[str, Any], files: dict[str, UploadedFile]
    ) -> Any:
        """Validate against the spec and run the method (unimplemented ones just succeed)."""
        fields = self.spec.method_fields(method)
        # File parts named after a parameter are that parameter; the rest are attach:// targets.
        for key in [key for key in files if key in fields]:
            params[key] = files.pop(key)
        decoded = self.spec.validate(method, params)
        handler = self.handlers.get(method)
        if handler is None:
            # Spec methods the sandbox does not model are accepted without effect.
            return True
        return await handler(decoded, files)

    async def execute_webhook_reply(
        self, method: str, params: dict[str, Any], files: dict[str, UploadedFile]
    ) -> None:
        """Run a method returned in a webhook answer; errors only reach `rejected`."""
        canonical = self.spec.canonical_method(method)
        try:
            if canonical is None:
                raise ApiError(404, "Not Found")
            await self.execute(canonical, params, files)
        except ApiError as error:
            self.record_rejection(canonical or method, error, params)

    def record_rejection(self, method: str, error: ApiError, params: dict[str, Any]) -> None:
        """Remember an ok=false answer for tests and the page."""
        entry = {
            "method": method,
            "error_code": error.error_code,
            "description": error.description,
            "params": {key: _describe(value) for key, value in params.items()},
        }
        self.rejected.append(entry)
        logger.warning("sandbox rejected %s: %s", method, error.description)

    async def get_me(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> Any:
        """Describe the bot."""
        return {
            **self.bot_user,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }

    # --- files and page ------------------------------------------------------------------

    async def download_file(self, request: web.Request) -> web.Response:
        """Serve the bytes of a stored file, as Telegram's file endpoint does."""
        if request.match_info["token"] != self.token:
            raise web.HTTPUnauthorized()
        stored = self.state.files.get(request.match_info["file_id"])
        if stored is None:
            raise web.HTTPNotFound()
        return web.Response(
            body=stored.data, content_type=stored.mime_type or "application/octet-stream"
        )

    async def page(self, request: web.Request) -> web.Response:
        """Serve the web chat page."""
        return web.Response(text=PAGE_PATH.read_text(encoding="utf-8"), content_type="text/html")


async def read_params(request: web.Request) -> tuple[dict[str, Any], dict[str, UploadedFile]]:
    """Collect parameters from the query string and a JSON, urlencoded or multipart body."""
    params: dict[str, Any] = dict(request.query)
    files: dict[str, UploadedFile] = {}
    if request.method != "POST" or not request.can_read_body:
        return params, files
    if request.content_type == "application/json":
        try:
            body = await request.json()
        except ValueError:
            raise bad_request("can't parse JSON request body") from None
        if not isinstance(body, dict):
            raise bad_request("request body must be a JSON object")
        params.update(body)
        return params, files
    form = await request.post()
    for key, value in form.items():
        if isinstance(value, web.FileField):
            data = value.file.read()
            files[key] = UploadedFile(value.filename, data, value.content_type)
        else:
            params[key] = value
    return params, files


def _describe(value: Any) -> Any:
    """Make a request parameter JSON-friendly for `rejected`."""
    if isinstance(value, UploadedFile):
        return {"file_name": value.file_name, "size": value.size}
    try:
        json.dumps(value)
    except (TypeError, ValueError):
        return repr(value)
    return value
