"""Control API: create users, send messages and clicks as them, read and await chats."""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
import time
from collections.abc import Callable
from typing import Any

from aiohttp import web

from sandbox import media
from sandbox.commands import CommandMethods
from sandbox.html_text import utf16_len
from sandbox.render import chat_view, message_to_api
from sandbox.state import Chat, SandboxState, StoredFile

COMMAND_RE = re.compile(r"/[A-Za-z0-9_]{1,32}(@[A-Za-z0-9_]+)?")
USER_FIELDS = ("first_name", "last_name", "username", "language_code")
DEFAULT_WAIT = 10.0
MAX_WAIT = 60.0


ERROR_CLASSES: dict[int, type[web.HTTPException]] = {
    400: web.HTTPBadRequest,
    404: web.HTTPNotFound,
    409: web.HTTPConflict,
}


def control_error(status: int, message: str) -> web.HTTPException:
    """Build a JSON error answer of the control API."""
    return ERROR_CLASSES[status](
        text=json.dumps({"error": message}), content_type="application/json"
    )


class ControlApi:
    """Routes under /sandbox used by tests and by the chat page."""

    def __init__(
        self,
        state: SandboxState,
        commands: CommandMethods,
        bot_user: dict[str, Any],
        rejected: Callable[[], list[dict[str, Any]]],
    ) -> None:
        self.state = state
        self.commands = commands
        self.bot_user = bot_user
        self.rejected = rejected

    def routes(self) -> list[web.AbstractRouteDef]:
        """List the control API routes."""
        return [
            web.get("/sandbox/bot", self.get_bot),
            web.get("/sandbox/users", self.list_users),
            web.post("/sandbox/users", self.create_user),
            web.post("/sandbox/users/{id}/messages", self.send_message),
            web.post("/sandbox/users/{id}/callback", self.press_button),
            web.post("/sandbox/users/{id}/block", self.set_blocked),
            web.get("/sandbox/users/{id}/chat", self.get_chat),
            web.get("/sandbox/users/{id}/wait", self.wait_chat),
            web.get("/sandbox/commands", self.get_commands),
            web.get("/sandbox/rejected", self.get_rejected),
            *media.ROUTES,
        ]

    # --- helpers -------------------------------------------------------------------------

    def chat(self, request: web.Request) -> Chat:
        """Resolve the {id} path segment to a chat or answer 404."""
        try:
            chat = self.state.chats.get(int(request.match_info["id"]))
        except ValueError:
            chat = None
        if chat is None:
            raise control_error(404, "unknown user")
        return chat

    async def body(self, request: web.Request) -> dict[str, Any]:
        """Read a JSON object body or answer 400."""
        try:
            body = await request.json()
        except ValueError:
            raise control_error(400, "body must be JSON") from None
        if not isinstance(body, dict):
            raise control_error(400, "body must be a JSON object")
        return body

    def active_chat(self, chat: Chat) -> None:
        """Refuse input from a user who blocked the bot (Telegram makes them restart it)."""
        if chat.user.blocked:
            raise control_error(409, "the user has blocked the bot; unblock it first")

    # --- users ---------------------------------------------------------------------------

    async def get_bot(self, request: web.Request) -> web.Response:
        """Describe the bot user."""
        return web.json_response(self.bot_user)

    async def list_users(self, request: web.Request) -> web.Response:
        """List every sandbox user."""
        return web.json_response([user.to_view() for user in self.state.users.values()])

    async def create_user(self, request: web.Request) -> web.Response:
        """Create a user; names are stored exactly as given."""
        body = await self.body(request)
        if not isinstance(body.get("first_name"), str) or not body["first_name"]:
            raise control_error(400, "first_name is required")
        unknown = set(body) - set(USER_FIELDS)
        if unknown:
            raise control_error(400, f"unknown fields: {sorted(unknown)}")
        if any(not isinstance(value, str | None) for value in body.values()):
            raise control_error(400, "user fields must be strings")
        fields = {key: body[key] for key in USER_FIELDS if body.get(key) is not None}
        user = self.state.add_user(**fields)
        return web.json_response(user.to_view())

    # --- user actions --------------------------------------------------------------------

    async def send_message(self, request: web.Request) -> web.Response:
        """Post a text or contact message as the user and emit a `message` update."""
        chat = self.chat(request)
        self.active_chat(chat)
        body = await self.body(request)
        if isinstance(body.get("text"), str) and body["text"].strip():
            message = chat.add_message("user", text=body["text"], entities=_command_entity(body))
        elif isinstance(body.get("contact"), dict):
            message = chat.add_message("user", contact=_contact(body["contact"], chat))
        elif isinstance(body.get("video"), str) and body["video"]:
            # A video the person sends: stored like the bot's, so getFile can fetch it.
            name = body["video"]
            stored = self.state.store_file(StoredFile(name, name.encode(), "video/mp4", len(name)))
            message = chat.add_message("user", media_kind="video", media=stored)
        else:
            raise control_error(400, "send a non-empty text, a contact or a video")
        await self.state.touch(chat)
        payload = message_to_api(message, chat.user, self.bot_user)
        update_id = await self.state.updates.push("message", payload)
        self.state.started(update_id, chat)
        return web.json_response(
            {"message_id": message.message_id, "update_id": update_id, "version": chat.version}
        )

    async def press_button(self, request: web.Request) -> web.Response:
        """Press an inline button (by label or with any callback_data) and emit the query."""
        chat = self.chat(request)
        self.active_chat(chat)
        body = await self.body(request)
        message = chat.live_message(body.get("message_id", 0))
        if message is None or message.sender != "bot":
            raise control_error(400, "no such bot message in this chat")
        data = body.get("callback_data")
        if data is None:
            data = _button_data(message.inline_keyboard, body.get("text"))
        if not isinstance(data, str) or not 1 <= len(data.encode("utf-8")) <= 64:
            raise control_error(400, "callback_data must be 1-64 bytes")
        query = self.state.new_callback(chat.user.id, message.message_id, data)
        payload = {
            "id": query.id,
            "from": chat.user.to_api(),
            "message": message_to_api(message, chat.user, self.bot_user),
            "chat_instance": str(chat.user.id * 7919),
            "data": data,
        }
        update_id = await self.state.updates.push("callback_query", payload)
        self.state.started(update_id, chat)
        await self.state.touch(chat)
        return web.json_response(
            {"callback_query_id": query.id, "update_id": update_id, "version": chat.version}
        )

    async def set_blocked(self, request: web.Request) -> web.Response:
        """Block or unblock the bot; a change emits `my_chat_member` as Telegram does."""
        chat = self.chat(request)
        body = await self.body(request)
        blocked = body.get("blocked")
        if not isinstance(blocked, bool):
            raise control_error(400, "blocked must be a boolean")
        update_id = None
        if blocked != chat.user.blocked:
            chat.user.blocked = blocked
            update_id = await self.state.updates.push("my_chat_member", self.member_update(chat))
            self.state.started(update_id, chat)
            await self.state.touch(chat)
        return web.json_response(
            {"blocked": blocked, "update_id": update_id, "version": chat.version}
        )

    def member_update(self, chat: Chat) -> dict[str, Any]:
        """Build the ChatMemberUpdated payload for the bot's status in the chat."""
        kicked = {"status": "kicked", "user": self.bot_user, "until_date": 0}
        member = {"status": "member", "user": self.bot_user}
        old, new = (member, kicked) if chat.user.blocked else (kicked, member)
        return {
            "chat": chat.user.chat_api(),
            "from": chat.user.to_api(),
            "date": int(time.time()),
            "old_chat_member": old,
            "new_chat_member": new,
        }

    # --- reading -------------------------------------------------------------------------

    async def get_chat(self, request: web.Request) -> web.Response:
        """Return the chat's messages with id > after, in their current version."""
        chat = self.chat(request)
        after = _int_query(request, "after", 0)
        return web.json_response(chat_view(self.state, chat, after))

    async def wait_chat(self, request: web.Request) -> web.Response:
        """Long-poll until the bot writes after `after` or edits, or the version passes V.

        `edited_after=V` counts bot edits made after chat version V (default: the version when
        the call began); pass the `version` an action returned to avoid missing a quick edit.
        """
        chat = self.chat(request)
        after = _int_query(request, "after", 0)
        since = _optional_int_query(request, "since_version")
        baseline = _int_query(request, "edited_after", chat.version)
        by_message = since is None or "after" in request.query
        timeout = min(_float_query(request, "timeout", DEFAULT_WAIT), MAX_WAIT)

        def ready() -> bool:
            if self.state.closing:
                return True
            if since is not None and chat.version > since:
                return True
            return by_message and any(
                m.sender == "bot"
                and not m.deleted
                and (m.message_id > after or m.edit_version > baseline)
                for m in chat.messages.values()
            )

        async with self.state.chat_changed:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.state.chat_changed.wait_for(ready), timeout)
        # Messages edited during the wait are included even when their id is <= after.
        return web.json_response(chat_view(self.state, chat, after, baseline))

    async def get_commands(self, request: web.Request) -> web.Response:
        """Return the commands a private-chat user with that language would see."""
        language = request.query.get("language_code", "")
        user_id = _optional_int_query(request, "user_id")
        return web.json_response(self.commands.visible_commands(language, user_id))

    async def get_rejected(self, request: web.Request) -> web.Response:
        """Return every Bot API request that was answered with ok=false."""
        return web.json_response(self.rejected())


def _int_query(request: web.Request, name: str, default: int) -> int:
    """Read an integer query parameter or answer 400."""
    value = _optional_int_query(request, name)
    return default if value is None else value


def _optional_int_query(request: web.Request, name: str) -> int | None:
    """Read an integer query parameter, None when absent, or answer 400."""
    raw = request.query.get(name)
    if raw is None or raw == "":
        return None
    try:
        return int(raw)
    except ValueError:
        raise control_error(400, f"{name} must be an integer") from None


def _float_query(request: web.Request, name: str, default: float) -> float:
    """Read a number query parameter or answer 400."""
    try:
        return float(request.query.get(name, default))
    except ValueError:
        raise control_error(400, f"{name} must be a number") from None


def _command_entity(body: dict[str, Any]) -> list[dict[str, Any]]:
    """Mark a leading /command like Telegram clients do."""
    match = COMMAND_RE.match(body["text"])
    if not match:
        return []
    return [{"type": "bot_command", "offset": 0, "length": utf16_len(match.group(0))}]


def _contact(raw: dict[str, Any], chat: Chat) -> dict[str, Any]:
    """Build a Contact; user_id defaults to the sender (sharing one's own number)."""
    if not isinstance(raw.get("phone_number"), str) or not isinstance(raw.get("first_name"), str):
        raise control_error(400, "contact needs phone_number and first_name")
    contact = {"phone_number": raw["phone_number"], "first_name": raw["first_name"]}
    if raw.get("last_name"):
        contact["last_name"] = raw["last_name"]
    user_id = raw.get("user_id", chat.user.id)
    if user_id is not None:
        contact["user_id"] = user_id
    return contact


def _button_data(rows: list[list[dict[str, Any]]], label: Any) -> str:
    """Find the callback_data of the button with this label in the current keyboard."""
    for row in rows:
        for button in row:
            if button.get("text") == label and "callback_data" in button:
                return str(button["callback_data"])
    raise control_error(400, f"no callback button labelled {label!r} in that message")
