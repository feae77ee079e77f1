"""Buttons and notes that several flows share."""

from __future__ import annotations

from dialogs.engine import Context
from dialogs.replies import Button

# Endonyms: each language is named in itself, so they are deliberately not translated.
LANGUAGE_NAMES = {"lv": "Latviešu", "lt": "Lietuvių", "ru": "Русский", "en": "English"}

HOME = ("menu", "main")


def language_buttons(prefix: str) -> tuple[tuple[Button, ...], ...]:
    buttons = [Button(name, action=f"{prefix}:{code}") for code, name in LANGUAGE_NAMES.items()]
    return (tuple(buttons[:2]), tuple(buttons[2:]))


def back_button(ctx: Context) -> Button:
    return Button(ctx._("⬅️ Back"), action="back")


def sos_button(ctx: Context) -> Button:
    # The same words as the help entry the channel keeps below the chat.
    return Button(ctx._("🆘 I need help now"), action="sos")
