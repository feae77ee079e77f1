"""Drive the bot as a person on Messenger does: through the Graph emulator's control API.

A `MessengerPerson` has the same few verbs as a Telegram `ChatUser` (send, click, last,
received, wait_for), so one conversation can be held on either channel. Like the Messenger app,
it taps quick replies only on the newest message (they vanish under a newer one) and template
buttons on any message; a choice shown as a number ("2. Money skills") is tapped by its number.
"""

from __future__ import annotations

import re
from typing import Any

from tests.e2e.harness import ChatMessage, Reader, SandboxClient


class MessengerPerson(Reader):
    def __init__(self, sandbox: SandboxClient, psid: str) -> None:
        self.sandbox = sandbox
        self.psid = psid
        self.id = psid

    @property
    def _path(self) -> str:
        return f"/sandbox/messenger/users/{self.psid}"

    async def chat(self) -> dict[str, Any]:
        return await self.sandbox.request("GET", f"{self._path}/chat")

    async def messages(self) -> list[ChatMessage]:
        return [_message(index, raw) for index, raw in enumerate((await self.chat())["messages"])]

    async def bot_messages(self) -> list[ChatMessage]:
        return [message for message in await self.messages() if message.sender == "bot"]

    async def event(self, action: dict[str, Any]) -> ChatMessage:
        """Do something (the webhook POST returns once the bot has answered) and read the answer."""
        before = len(await self.bot_messages())
        await self.sandbox.request("POST", f"{self._path}/events", json=action)
        messages = await self.bot_messages()
        if len(messages) == before:
            raise AssertionError("the bot did not answer")
        return messages[-1]

    async def send(self, text: str) -> ChatMessage:
        return await self.event({"text": text})

    async def get_started(self, ref: str | None = None) -> ChatMessage:
        action: dict[str, Any] = {"postback": "GET_STARTED", "title": "Get Started"}
        if ref is not None:
            action["ref"] = ref
        return await self.event(action)

    async def click(self, label: str, message: ChatMessage | None = None) -> ChatMessage:
        """Tap the button or quick reply with this label (or the number it is listed under)."""
        messages = await self.bot_messages()
        candidates = [message] if message is not None else list(reversed(messages))
        for candidate in candidates:
            button = _find(candidate, label)
            if button is None:
                continue
            if button.get("content_type") == "text":
                if candidate.message_id != messages[-1].message_id:
                    raise AssertionError(f"{label!r} is a quick reply under a newer message")
                return await self.event({"text": button["title"], "quick_reply": button["payload"]})
            return await self.event({"postback": button["payload"], "title": button["title"]})
        shown = messages[-1].labels if messages else []
        raise AssertionError(f"no button {label!r}; the newest message has {shown}")

    async def tap_card(self, message: ChatMessage, card: int, label: str) -> ChatMessage:
        """Tap a button on one card of a carousel (every card has the same buttons)."""
        [button] = [b for b in message.raw["cards"][card]["buttons"] if b["title"] == label]
        return await self.event({"postback": button["payload"], "title": button["title"]})

    async def press_payload(self, payload: str, quick_reply: bool = False) -> ChatMessage:
        """Tap with a raw (possibly forged or stale) payload."""
        if quick_reply:
            return await self.event({"text": "?", "quick_reply": payload})
        return await self.event({"postback": payload, "title": "?"})

    async def block(self, blocked: bool = True) -> None:
        await self.sandbox.request("POST", f"{self._path}/block", json={"blocked": blocked})

    async def away(self, hours: float) -> None:
        """Pretend the person last wrote this many hours earlier than they did."""
        await self.sandbox.request("POST", f"{self._path}/away", json={"seconds": hours * 3600})


async def new_person(sandbox: SandboxClient, name: str = "Person") -> MessengerPerson:
    created = await sandbox.request("POST", "/sandbox/messenger/users", json={"name": name})
    return MessengerPerson(sandbox, created["psid"])


def _buttons(raw: dict[str, Any]) -> list[dict[str, Any]]:
    on_cards = [button for card in raw.get("cards") or [] for button in card["buttons"]]
    return [*on_cards, *(raw.get("buttons") or raw.get("quick_replies") or [])]


def _find(message: ChatMessage, label: str) -> dict[str, Any] | None:
    buttons = _buttons(message.raw)
    for button in buttons:
        if button.get("title") == label:
            return button
    # A long label is listed in the text under a number, and its button carries the number.
    listed = re.search(rf"^(\d+)\. {re.escape(label)}$", message.text, re.MULTILINE)
    if listed is not None:
        return next((b for b in buttons if b.get("title") == listed.group(1)), None)
    return None


def _message(index: int, raw: dict[str, Any]) -> ChatMessage:
    buttons = [{"text": button.get("title", ""), **button} for button in _buttons(raw)]
    return ChatMessage(
        message_id=index,
        sender=raw["from"],
        text=raw.get("text") or "",
        buttons=[buttons] if buttons else [],
        edited=False,
        raw=raw,
    )
