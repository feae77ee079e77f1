"""The sandbox's people, chats and counters in a file beside the bot's database.

A restart of `scripts/run` then continues where it stopped: the same people with their chats,
and update and user ids that go on from where they were, so the bot neither takes new updates
for ones it has handled nor hands a new person an old person's account.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import logging
import os
from dataclasses import asdict
from pathlib import Path
from typing import Any

from sandbox.state import Chat, ChatMessage, SandboxState, StoredFile, User

log = logging.getLogger(__name__)

SAVE_EVERY = 1.0  # seconds: a burst of messages is written once
VERSION = 1


def snapshot(state: SandboxState) -> dict[str, Any]:
    return {
        "version": VERSION,
        "next_user_id": state.next_user_id,
        "next_update_id": state.updates.next_id,
        "pending_updates": state.updates.pending,
        "users": [asdict(user) for user in state.users.values()],
        "files": [_file(stored) for stored in state.files.values()],
        "chats": [_chat(chat) for chat in state.chats.values()],
    }


def restore(state: SandboxState, data: dict[str, Any]) -> None:
    if data.get("version") != VERSION:
        raise ValueError(f"unknown sandbox state version {data.get('version')!r}")
    state.next_user_id = max(state.next_user_id, data["next_user_id"])
    state.updates.next_id = max(state.updates.next_id, data["next_update_id"])
    state.updates.pending = list(data["pending_updates"])
    files = {stored.file_id: stored for stored in map(_stored, data["files"])}
    state.files.update(files)
    for fields in data["users"]:
        user = User(**fields)
        state.users[user.id] = user
        state.chats[user.id] = Chat(user)
    for saved in data["chats"]:
        chat = state.chats[saved["user"]]
        chat.next_message_id = saved["next_message_id"]
        chat.version = saved["version"]
        chat.reply_keyboard = saved["reply_keyboard"]
        for fields in saved["messages"]:
            media = files.get(fields.pop("media") or "")
            message = ChatMessage(**fields, media=media)
            chat.messages[message.message_id] = message


def _chat(chat: Chat) -> dict[str, Any]:
    messages = []
    for message in chat.messages.values():
        fields = asdict(message)
        fields["media"] = message.media.file_id if message.media else None
        messages.append(fields)
    return {
        "user": chat.user.id,
        "next_message_id": chat.next_message_id,
        "version": chat.version,
        "reply_keyboard": chat.reply_keyboard,
        "messages": messages,
    }


def _file(stored: StoredFile) -> dict[str, Any]:
    fields = asdict(stored)
    fields["data"] = base64.b64encode(stored.data).decode()
    return fields


def _stored(fields: dict[str, Any]) -> StoredFile:
    return StoredFile(**{**fields, "data": base64.b64decode(fields["data"])})


class StateFile:
    """Loads the sandbox's state at start and writes it back when it has changed."""

    def __init__(self, path: Path, state: SandboxState) -> None:
        self.path = path
        self._state = state
        self._task: asyncio.Task[None] | None = None

    def load(self) -> None:
        if not self.path.exists():
            return
        try:
            restore(self._state, json.loads(self.path.read_text("utf-8")))
        except (ValueError, KeyError, TypeError) as error:
            # A broken or older file must not stop the sandbox: start afresh, keep the file.
            log.warning("Ignoring the sandbox state in %s (%s)", self.path, error)

    def start(self) -> None:
        self._task = asyncio.create_task(self._keep_saving())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        self.save()

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_suffix(".partial")
        partial.write_text(json.dumps(snapshot(self._state), ensure_ascii=False), "utf-8")
        os.replace(partial, self.path)  # a crash mid-write leaves the old file whole
        self._state.dirty = False

    async def _keep_saving(self) -> None:
        while True:
            await asyncio.sleep(SAVE_EVERY)
            if self._state.dirty:
                self.save()
