"""Turn neutral replies into what Telegram accepts: escaped HTML, split text, inline keyboards."""

from __future__ import annotations

import html

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.telegram.callbacks import ButtonCodec
from dialogs.replies import Button

TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024
# Room below the limit so that a split never lands exactly on it.
CHUNK_TARGET = 4000


def utf16_length(text: str) -> int:
    """Telegram counts text length in UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def escape(text: str) -> str:
    return html.escape(text, quote=False)


def split_text(text: str, limit: int = CHUNK_TARGET) -> list[str]:
    """Cut text into pieces under the limit, at paragraph, line or word breaks where possible."""
    if utf16_length(text) <= limit:
        return [text]
    chunks: list[str] = []
    rest = text
    while utf16_length(rest) > limit:
        cut = _fitting_prefix_length(rest, limit)
        for separator in ("\n\n", "\n", " "):
            position = rest.rfind(separator, 0, cut)
            if position > cut // 2:
                cut = position + len(separator)
                break
        chunks.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest:
        chunks.append(rest)
    return chunks


def _fitting_prefix_length(text: str, limit: int) -> int:
    units = 0
    for index, char in enumerate(text):
        units += 2 if ord(char) > 0xFFFF else 1
        if units > limit:
            return index
    return len(text)


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
        callback_data=codec.encode(chat_id, button.action or "", signed_version),
    )
