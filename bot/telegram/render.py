"""Turn neutral replies into what Telegram accepts: escaped HTML, split text, inline keyboards."""

from __future__ import annotations

import html

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.channels.buttons import ButtonCodec
from bot.channels.text import split_text as split
from bot.channels.text import utf16_length
from dialogs.capabilities import Capabilities
from dialogs.replies import Button

TEXT_LIMIT = 4096
# An inline keyboard may hold 100 buttons; past about thirty (ten rows of three) a phone screen
# no longer shows a screen's choices at once. Labels wrap rather than being cut.
CAPABILITIES = Capabilities(
    choices_per_message=30, longest_label=64, can_edit=True, text_limit=TEXT_LIMIT
)
CAPTION_LIMIT = 1024
# Room below the limit so that a split never lands exactly on it.
CHUNK_TARGET = 4000


def escape(text: str) -> str:
    return html.escape(text, quote=False)


def split_text(text: str, limit: int = CHUNK_TARGET) -> list[str]:
    """Cut text into pieces under Telegram's limit, counted as Telegram counts."""
    return split(text, limit, utf16_length)


def keyboard(
    rows: tuple[tuple[Button, ...], ...], codec: ButtonCodec, chat_id: int, version: int
) -> InlineKeyboardMarkup | None:
    if not rows:
        return None
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [_button(button, codec, chat_id, version) for button in row] for row in rows
        ]
    )


def _button(button: Button, codec: ButtonCodec, chat_id: int, version: int) -> InlineKeyboardButton:
    if button.url is not None:
        return InlineKeyboardButton(text=button.label, url=button.url)
    signed_version = None if button.sticky else version
    return InlineKeyboardButton(
        text=button.label,
        callback_data=codec.encode(str(chat_id), button.action or "", signed_version),
    )
