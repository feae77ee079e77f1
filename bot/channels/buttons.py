"""Signed button payloads for every channel: `action~version~signature`, within 64 bytes.

Telegram's callback_data holds at most 64 bytes; Messenger's postback and quick-reply payloads
hold more, and its old buttons stay tappable forever, so both are signed and versioned alike.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from dataclasses import dataclass

from dialogs.replies import ACTION_PATTERN

MAX_BYTES = 64
SEPARATOR = "~"


STICKY = "-"


@dataclass(frozen=True)
class Pressed:
    action: str
    version: int | None  # None: a sticky button, valid whatever the dialog's version


class ButtonCodec:
    """Signs what a button does for one chat, so forged or copied payloads are refused.

    The chat is the person's id on their channel (a Telegram chat id, a Messenger PSID).
    """

    def __init__(self, key: bytes) -> None:
        self._key = key

    def encode(self, chat_id: str, action: str, version: int | None) -> str:
        if not ACTION_PATTERN.match(action):
            raise ValueError(f"invalid action id {action!r}")
        version_text = STICKY if version is None else _base36(version)
        data = SEPARATOR.join((action, version_text, self._sign(chat_id, action, version_text)))
        if len(data.encode()) > MAX_BYTES:
            raise ValueError(f"callback data too long for {action!r}")
        return data

    def decode(self, chat_id: str, data: str | None) -> Pressed | None:
        """The pressed action, or None for anything forged, damaged or foreign."""
        parts = (data or "").split(SEPARATOR)
        if len(parts) != 3:
            return None
        action, version_text, signature = parts
        if not ACTION_PATTERN.match(action):
            return None
        if version_text != STICKY and not (version_text.isascii() and version_text.isalnum()):
            return None
        expected = self._sign(chat_id, action, version_text)
        if not hmac.compare_digest(signature, expected):
            return None
        return Pressed(action, None if version_text == STICKY else int(version_text, 36))

    def _sign(self, chat_id: str, action: str, version_text: str) -> str:
        message = f"{chat_id}{SEPARATOR}{action}{SEPARATOR}{version_text}".encode()
        digest = hmac.new(self._key, message, hashlib.sha256).digest()[:9]
        return base64.urlsafe_b64encode(digest).decode()


def _base36(number: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    if number < 0:
        raise ValueError("version is never negative")
    text = ""
    while True:
        number, remainder = divmod(number, 36)
        text = digits[remainder] + text
        if number == 0:
            return text
