"""Render stored messages as Bot API objects (for the bot) and as views (for the page)."""

from __future__ import annotations

import time
from typing import Any

from sandbox.state import Chat, ChatMessage, SandboxState, User

TYPING_SECONDS = 5  # Telegram shows a chat action for ~5 s


def message_to_api(message: ChatMessage, user: User, bot_user: dict[str, Any]) -> dict[str, Any]:
    """Render a message as a Bot API Message object."""
    data: dict[str, Any] = {
        "message_id": message.message_id,
        "from": bot_user if message.sender == "bot" else user.to_api(),
        "chat": user.chat_api(),
        "date": message.date,
    }
    if message.edit_date is not None:
        data["edit_date"] = message.edit_date
    if message.text:
        data["text"] = message.text
        if message.entities:
            data["entities"] = message.entities
    if message.media is not None and message.media_kind is not None:
        data[message.media_kind] = _media_to_api(message)
    if message.caption:
        data["caption"] = message.caption
        if message.caption_entities:
            data["caption_entities"] = message.caption_entities
    if message.contact is not None:
        data["contact"] = message.contact
    if message.inline_keyboard:
        # Telegram only ever echoes inline keyboards back in Message.reply_markup.
        data["reply_markup"] = {"inline_keyboard": message.inline_keyboard}
    return data


def _media_to_api(message: ChatMessage) -> Any:
    """Render the Document, Video or photo size list of a media message."""
    assert message.media is not None
    base = message.media.to_api()
    extra = message.media_extra
    if message.media_kind == "photo":
        size = {**base, "width": extra.get("width", 1280), "height": extra.get("height", 720)}
        return [size]
    named = {**base, "file_name": message.media.file_name}
    if message.media.mime_type:
        named["mime_type"] = message.media.mime_type
    if message.media_kind == "video":
        named.update(
            width=extra.get("width", 1280),
            height=extra.get("height", 720),
            duration=extra.get("duration", 0),
        )
    return named


def buttons_view(message: ChatMessage) -> list[list[dict[str, Any]]]:
    """Summarise inline keyboard rows for the page: text plus callback_data or url."""
    rows = []
    for row in message.inline_keyboard:
        view_row = []
        for button in row:
            view: dict[str, Any] = {"text": button["text"]}
            for key in ("callback_data", "url"):
                if key in button:
                    view[key] = button[key]
            if len(view) == 1:
                view["kind"] = next((k for k in button if k != "text"), "unknown")
            view_row.append(view)
        rows.append(view_row)
    return rows


def message_view(message: ChatMessage) -> dict[str, Any]:
    """Render a message for the control API and the page."""
    view: dict[str, Any] = {
        "message_id": message.message_id,
        "from": message.sender,
        "text": message.text,
        "buttons": buttons_view(message),
        "edited": message.edit_count > 0,
        "edit_count": message.edit_count,
        "date": message.date,
    }
    if message.html is not None:
        view["html"] = message.html
    if message.media is not None and message.media_kind is not None:
        view[message.media_kind] = {
            "file_name": message.media.file_name,
            "size": message.media.size,
            "mime_type": message.media.mime_type,
            "file_id": message.media.file_id,
        }
    if message.caption:
        view["caption"] = message.caption
        if message.caption_html is not None:
            view["caption_html"] = message.caption_html
    if message.contact is not None:
        view["contact"] = message.contact
    return view


def chat_view(
    state: SandboxState, chat: Chat, after: int = 0, edited_since: int | None = None
) -> dict[str, Any]:
    """Render messages with id > after (plus those edited after version edited_since)."""
    messages = [
        message_view(message)
        for message in chat.messages.values()
        if not message.deleted
        and (
            message.message_id > after
            or (edited_since is not None and message.edit_version > edited_since)
        )
    ]
    unanswered = [
        query.id
        for query in state.callbacks.values()
        if query.user_id == chat.user.id and not query.answered
    ]
    typing = None
    if chat.last_action and time.monotonic() - chat.last_action[1] < TYPING_SECONDS:
        typing = chat.last_action[0]
    return {
        "user": chat.user.to_view(),
        "version": chat.version,
        "messages": messages,
        "callback_answers": list(chat.callback_answers),
        "unanswered_callbacks": unanswered,
        "reply_keyboard": chat.reply_keyboard,
        "chat_action": typing,
        "busy": state.busy(chat),
        "reporting": state.reporting,
    }
