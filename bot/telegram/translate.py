"""Turn Telegram updates into neutral events."""

from __future__ import annotations

from aiogram.enums import ChatMemberStatus
from aiogram.types import CallbackQuery, ChatMemberUpdated, Message

from bot.channels.buttons import ButtonCodec
from dialogs.events import (
    ActionEvent,
    BlockedEvent,
    CommandEvent,
    ContactEvent,
    Event,
    ExpiredActionEvent,
    MediaEvent,
    TextEvent,
    UnblockedEvent,
    UnsupportedEvent,
)

GONE = {ChatMemberStatus.KICKED, ChatMemberStatus.LEFT}


def message_event(message: Message) -> Event:
    if message.text is not None:
        if message.text.startswith("/"):
            head, _, args = message.text[1:].partition(" ")
            name = head.split("@", 1)[0].lower()
            if name:
                return CommandEvent(name, args.strip())
        return TextEvent(message.text)
    if message.contact is not None:
        return ContactEvent(message.contact.phone_number)
    if message.video is not None:
        return MediaEvent("video", message.video.file_id)
    if message.document is not None and (message.document.mime_type or "").startswith("video/"):
        return MediaEvent("video", message.document.file_id)  # sent "as a file", uncompressed
    if message.photo:
        return MediaEvent("photo", message.photo[-1].file_id)  # the largest size
    return UnsupportedEvent(str(message.content_type))


def callback_event(query: CallbackQuery, codec: ButtonCodec) -> Event:
    if query.message is None or query.message.chat.id != query.from_user.id:
        return ExpiredActionEvent()
    pressed = codec.decode(str(query.from_user.id), query.data)
    if pressed is None:
        return ExpiredActionEvent()
    message = query.message
    quoted = (getattr(message, "text", None) or getattr(message, "caption", None) or "")[:4096]
    return ActionEvent(pressed.action, pressed.version, quoted)


def membership_event(update: ChatMemberUpdated) -> Event | None:
    """'Blocked' and 'unblocked' in a private chat; anything else is not ours to act on."""
    if update.chat.type != "private":
        return None
    status = update.new_chat_member.status
    if status in GONE:
        return BlockedEvent()
    if status == ChatMemberStatus.MEMBER:
        return UnblockedEvent()
    return None
