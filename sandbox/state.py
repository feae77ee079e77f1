"""In-memory users, private chats, messages, callback queries and the update queue."""

from __future__ import annotations

import asyncio
import secrets
import time
from dataclasses import dataclass, field
from typing import Any

FIRST_USER_ID = 100001


@dataclass
class User:
    """A sandbox Telegram user; their private chat with the bot has the same id."""

    id: int
    first_name: str
    last_name: str | None = None
    username: str | None = None
    language_code: str | None = None
    blocked: bool = False

    def to_api(self) -> dict[str, Any]:
        """Render as a Bot API User object."""
        data: dict[str, Any] = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        for key in ("last_name", "username", "language_code"):
            if getattr(self, key) is not None:
                data[key] = getattr(self, key)
        return data

    def chat_api(self) -> dict[str, Any]:
        """Render the private chat with this user as a Bot API Chat object."""
        data: dict[str, Any] = {"id": self.id, "type": "private", "first_name": self.first_name}
        for key in ("last_name", "username"):
            if getattr(self, key) is not None:
                data[key] = getattr(self, key)
        return data

    def to_view(self) -> dict[str, Any]:
        """Render for the control API."""
        return {**self.to_api(), "blocked": self.blocked}


@dataclass
class StoredFile:
    """An uploaded or referenced file; Telegram-like ids let the bot re-send it."""

    file_name: str
    data: bytes
    mime_type: str | None
    size: int
    file_id: str = field(default_factory=lambda: "BQAC" + secrets.token_urlsafe(24))
    file_unique_id: str = field(default_factory=lambda: "AgAD" + secrets.token_urlsafe(8))

    def to_api(self) -> dict[str, Any]:
        """Render the fields common to Document/Video/PhotoSize."""
        data: dict[str, Any] = {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": self.size,
        }
        return data


@dataclass
class ChatMessage:
    """One message in a private chat, in its current (edited) version."""

    message_id: int
    sender: str  # "user" or "bot"
    date: int
    text: str = ""
    html: str | None = None
    entities: list[dict[str, Any]] = field(default_factory=list)
    caption: str | None = None
    caption_html: str | None = None
    caption_entities: list[dict[str, Any]] = field(default_factory=list)
    reply_markup: dict[str, Any] | None = None
    media_kind: str | None = None  # "document", "photo" or "video"
    media: StoredFile | None = None
    media_extra: dict[str, Any] = field(default_factory=dict)
    contact: dict[str, Any] | None = None
    edit_count: int = 0
    edit_version: int = 0  # chat version right after the last edit
    edit_date: int | None = None
    deleted: bool = False

    @property
    def inline_keyboard(self) -> list[list[dict[str, Any]]]:
        """Return the inline keyboard rows, or [] when the message has none."""
        if not self.reply_markup:
            return []
        return list(self.reply_markup.get("inline_keyboard", []))


@dataclass
class CallbackQuery:
    """A button press the bot still has to answer."""

    id: str
    user_id: int
    message_id: int
    data: str
    created: float = field(default_factory=time.monotonic)
    answered: bool = False


@dataclass
class Chat:
    """A private chat between one user and the bot."""

    user: User
    messages: dict[int, ChatMessage] = field(default_factory=dict)
    next_message_id: int = 1
    version: int = 0  # bumped on every visible change so pages can long-poll on it
    callback_answers: list[dict[str, Any]] = field(default_factory=list)
    reply_keyboard: dict[str, Any] | None = None
    last_action: tuple[str, float] | None = None

    def add_message(self, sender: str, **fields: Any) -> ChatMessage:
        """Append a message with the next id (ids are shared by user and bot, per chat)."""
        message = ChatMessage(self.next_message_id, sender, int(time.time()), **fields)
        self.messages[message.message_id] = message
        self.next_message_id += 1
        return message

    def live_message(self, message_id: int) -> ChatMessage | None:
        """Return a message that exists and was not deleted."""
        message = self.messages.get(message_id)
        return None if message is None or message.deleted else message


class UpdateQueue:
    """Pending updates with Telegram's getUpdates confirmation semantics."""

    def __init__(self) -> None:
        self.pending: list[dict[str, Any]] = []
        self.allowed_updates: list[str] | None = None
        self.closing = False  # set on shutdown so held getUpdates calls return at once
        self.next_id = 1
        self.changed = asyncio.Condition()

    async def push(self, kind: str, payload: dict[str, Any]) -> int | None:
        """Queue an update; types excluded by allowed_updates are never created, as in Telegram."""
        if self.allowed_updates and kind not in self.allowed_updates:
            return None
        update_id = self.next_id
        self.next_id += 1
        self.pending.append({"update_id": update_id, kind: payload})
        await self.notify()
        return update_id

    async def notify(self) -> None:
        """Wake long-polling getUpdates calls and the webhook sender."""
        async with self.changed:
            self.changed.notify_all()

    def confirm(self, offset: int) -> None:
        """Forget updates below offset; a negative offset keeps only the last -offset ones."""
        if offset < 0:
            self.pending = self.pending[offset:]
        else:
            self.pending = [u for u in self.pending if u["update_id"] >= offset]

    def clear(self) -> None:
        """Drop every pending update (drop_pending_updates)."""
        self.pending.clear()


class SandboxState:
    """Everything the emulator remembers, with one condition for chat-level changes."""

    def __init__(self) -> None:
        self.users: dict[int, User] = {}
        self.chats: dict[int, Chat] = {}
        self.callbacks: dict[str, CallbackQuery] = {}
        self.files: dict[str, StoredFile] = {}
        self.updates = UpdateQueue()
        self.chat_changed = asyncio.Condition()
        self.closing = False  # set on shutdown so held /wait calls return at once
        self.next_user_id = FIRST_USER_ID
        self.dirty = False  # changed since last written to the state file (sandbox.persist)
        # A bot in this process may say when it has finished with each update (see
        # BotApiEmulator.handled); until then the chat shows as busy, so people and tests
        # know the bot is still answering even while it waits out its own send pace.
        self.reporting = False
        self.in_progress: dict[int, int] = {}  # update id -> chat id

    def continue_after(self, update_id: int, user_id: int) -> None:
        """Never hand out an update or user id at or below these (the bot has seen them)."""
        self.updates.next_id = max(self.updates.next_id, update_id + 1)
        self.next_user_id = max(self.next_user_id, user_id + 1)

    def started(self, update_id: int | None, chat: Chat) -> None:
        if self.reporting and update_id is not None:
            self.in_progress[update_id] = chat.user.id

    def busy(self, chat: Chat) -> bool:
        return chat.user.id in self.in_progress.values()

    async def close(self) -> None:
        """Release every long-poll so the server can shut down without waiting for them."""
        self.closing = self.updates.closing = True
        await self.updates.notify()
        async with self.chat_changed:
            self.chat_changed.notify_all()

    def add_user(self, **fields: Any) -> User:
        """Create a user and their private chat."""
        user = User(self.next_user_id, **fields)
        self.next_user_id += 1
        self.dirty = True
        self.users[user.id] = user
        self.chats[user.id] = Chat(user)
        return user

    def new_callback(self, user_id: int, message_id: int, data: str) -> CallbackQuery:
        """Register a callback query with a Telegram-like numeric string id."""
        query = CallbackQuery(str(secrets.randbits(63)), user_id, message_id, data)
        self.callbacks[query.id] = query
        return query

    def store_file(self, stored: StoredFile) -> StoredFile:
        """Remember a file so its file_id can be reused."""
        self.files[stored.file_id] = stored
        return stored

    async def touch(self, chat: Chat, edited: ChatMessage | None = None) -> None:
        """Record a visible change in a chat and wake /wait long-polls."""
        chat.version += 1
        self.dirty = True
        if edited is not None:
            edited.edit_version = chat.version
        async with self.chat_changed:
            self.chat_changed.notify_all()
