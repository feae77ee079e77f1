"""Drive the bot as people do: through the Bot API emulator's control API, over HTTP."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from typing import Any

import aiohttp

# How long the chat must stay still before the bot's answer counts as complete. A bot that
# reports when it has finished an update (see BotApiEmulator.handled) needs only a moment for
# the emulator to settle; one that does not, long enough to send a second message.
QUIET_SECONDS = 0.25
QUIET_WHEN_REPORTING = 0.05
TIMEOUT_SECONDS = 15.0


@dataclass
class ChatMessage:
    message_id: int
    sender: str
    text: str
    buttons: list[list[dict[str, Any]]]
    edited: bool
    raw: dict[str, Any]

    @property
    def labels(self) -> list[str]:
        return [button["text"] for row in self.buttons for button in row]


class SandboxClient:
    """The emulator's control API."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url.rstrip("/")
        self._http = aiohttp.ClientSession()

    async def close(self) -> None:
        await self._http.close()

    async def request(self, method: str, path: str, **kwargs: Any) -> Any:
        async with self._http.request(method, f"{self.base_url}{path}", **kwargs) as response:
            body = await response.json()
            if response.status >= 400:
                raise AssertionError(f"{method} {path} -> {response.status}: {body}")
            return body

    async def new_user(self, first_name: str, language_code: str | None) -> ChatUser:
        payload: dict[str, Any] = {"first_name": first_name}
        if language_code is not None:
            payload["language_code"] = language_code
        user = await self.request("POST", "/sandbox/users", json=payload)
        return ChatUser(self, user["id"])

    async def rejected(self) -> list[dict[str, Any]]:
        return await self.request("GET", "/sandbox/rejected")

    async def commands(self, language_code: str | None = None) -> list[dict[str, Any]]:
        params = {"language_code": language_code} if language_code else {}
        return await self.request("GET", "/sandbox/commands", params=params)


class Reader:
    """What a person reads in their chat, on any channel: the newest message, or one awaited."""

    async def bot_messages(self) -> list[ChatMessage]:
        raise NotImplementedError

    async def last(self) -> ChatMessage:
        messages = await self.bot_messages()
        if not messages:
            raise AssertionError("the bot has said nothing")
        return messages[-1]

    async def received(self, predicate, timeout: float = TIMEOUT_SECONDS) -> ChatMessage:  # type: ignore[no-untyped-def]
        """Wait until any bot message, not only the latest, satisfies the predicate."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for message in reversed(await self.bot_messages()):
                if predicate(message):
                    return message
            await asyncio.sleep(0.05)
        raise AssertionError("expected message did not arrive")

    async def wait_for(self, predicate, timeout: float = TIMEOUT_SECONDS) -> ChatMessage:  # type: ignore[no-untyped-def]
        """Wait until the latest bot message satisfies the predicate."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            messages = await self.bot_messages()
            if messages and predicate(messages[-1]):
                return messages[-1]
            await asyncio.sleep(0.05)
        raise AssertionError("expected message did not arrive")


class ChatUser(Reader):
    """One person in the sandbox: sends, presses buttons, reads what the bot said."""

    def __init__(self, sandbox: SandboxClient, user_id: int) -> None:
        self.sandbox = sandbox
        self.id = user_id

    async def chat(self) -> dict[str, Any]:
        return await self.sandbox.request("GET", f"/sandbox/users/{self.id}/chat")

    async def messages(self) -> list[ChatMessage]:
        return [_message(raw) for raw in (await self.chat())["messages"]]

    async def bot_messages(self) -> list[ChatMessage]:
        return [message for message in await self.messages() if message.sender == "bot"]

    async def send(self, text: str) -> ChatMessage:
        """Write to the bot and return its last message once it has finished answering."""
        return await self.send_payload({"text": text})

    async def send_payload(self, payload: dict[str, Any]) -> ChatMessage:
        """Send any message the emulator can make (a contact, say) and wait for the answer."""
        before = await self.chat()
        await self.sandbox.request("POST", f"/sandbox/users/{self.id}/messages", json=payload)
        return await self.settled(before)

    async def click(self, label: str, message: ChatMessage | None = None) -> ChatMessage:
        """Press the button with this label on the given message, else the newest that has it.

        A notice may arrive just after the screen one meant (another person's action): like a
        person, the click goes to the button they see, not to whatever came in last.
        """
        if message is None:
            messages = await self.bot_messages()
            message = next((m for m in reversed(messages) if label in m.labels), None)
            if message is None:
                shown = messages[-1].labels if messages else []
                raise AssertionError(f"no button {label!r}; the newest message has {shown}")
        if label not in message.labels:
            raise AssertionError(f"no button {label!r} in {message.labels}")
        return await self.press(message.message_id, {"text": label})

    async def press_data(self, message_id: int, callback_data: str) -> ChatMessage:
        """Press a button with raw (possibly forged) callback data."""
        return await self.press(message_id, {"callback_data": callback_data})

    async def press(self, message_id: int, payload: dict[str, Any]) -> ChatMessage:
        before = await self.chat()
        await self.sandbox.request(
            "POST",
            f"/sandbox/users/{self.id}/callback",
            json={"message_id": message_id, **payload},
        )
        return await self.settled(before)

    async def block(self, blocked: bool = True) -> None:
        await self.sandbox.request(
            "POST", f"/sandbox/users/{self.id}/block", json={"blocked": blocked}
        )

    async def settled(self, before: dict[str, Any]) -> ChatMessage:
        """Wait until the bot has said or edited something since `before`, then gone quiet."""
        deadline = time.monotonic() + TIMEOUT_SECONDS
        version = before["version"]
        seen = _bot_fingerprint(before)
        quiet = QUIET_WHEN_REPORTING if before.get("reporting") else QUIET_SECONDS
        while time.monotonic() < deadline:
            state = await self.sandbox.request(
                "GET",
                f"/sandbox/users/{self.id}/wait",
                params={"since_version": version, "timeout": f"{quiet:.2f}"},
            )
            if state["version"] != version:
                version = state["version"]
                continue
            # Busy: the bot has not finished answering (it may be keeping to its send pace).
            if not state.get("busy") and _bot_fingerprint(state) != seen:
                return await self.last()
        raise AssertionError("the bot did not answer in time")

    async def keyboard(self) -> list[str]:
        """The labels of the reply keyboard kept below the chat."""
        markup = (await self.chat())["reply_keyboard"] or {}
        return [
            button if isinstance(button, str) else button["text"]
            for row in markup.get("keyboard", [])
            for button in row
        ]

    async def unanswered_callbacks(self) -> list[str]:
        return (await self.chat())["unanswered_callbacks"]


def _bot_fingerprint(chat: dict[str, Any]) -> list[tuple[int, int]]:
    return [
        (message["message_id"], message.get("edit_count", 0))
        for message in chat["messages"]
        if message["from"] == "bot"
    ]


def _message(raw: dict[str, Any]) -> ChatMessage:
    return ChatMessage(
        message_id=raw["message_id"],
        sender=raw["from"],
        text=raw.get("text") or "",
        buttons=raw.get("buttons") or [],
        edited=bool(raw.get("edited")),
        raw=raw,
    )
