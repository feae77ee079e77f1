"""Keep aiogram's response models alive.

pydantic caches a parametrised generic model (`Response[Message]`) only while something holds a
reference to it; aiogram builds one for every call and drops it, so without this each send
rebuilt the model's schema, which cost more than the rest of the call (measured in
bench.broadcast). Holding the few this bot uses makes every later call find them cached.
"""

from __future__ import annotations

from typing import Any

from aiogram import methods
from aiogram.methods.base import Response

USED = (
    "SendMessage", "SendPhoto", "SendVideo", "SendDocument", "SendChatAction",
    "EditMessageText", "EditMessageCaption", "EditMessageMedia", "EditMessageReplyMarkup",
    "DeleteMessage", "AnswerCallbackQuery", "GetUpdates", "GetFile", "GetMe",
    "SetMyCommands", "DeleteMyCommands", "SetChatMenuButton", "DeleteWebhook", "SetWebhook",
)  # fmt: skip

KEPT: list[Any] = []


def keep_response_models() -> None:
    if KEPT:
        return
    returning = {getattr(methods, name).__returning__ for name in USED}
    KEPT.extend(Response[kind] for kind in returning)  # type: ignore[valid-type]
