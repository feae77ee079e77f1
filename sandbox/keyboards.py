"""Telegram's semantic checks on reply markup, beyond what the spec's types express."""

from __future__ import annotations

from typing import Any

from sandbox.errors import bad_request

MAX_BUTTONS = 100
MAX_CALLBACK_DATA_BYTES = 64
# Fields of InlineKeyboardButton that do not choose the button's action.
DECORATION_FIELDS = {"text", "icon_custom_emoji_id", "style"}


def check_reply_markup(markup: dict[str, Any] | None) -> dict[str, Any] | None:
    """Validate reply markup; return it normalised (an empty inline keyboard becomes None)."""
    if markup is None:
        return None
    if "inline_keyboard" in markup:
        rows = markup["inline_keyboard"]
        _check_inline_rows(rows)
        return markup if any(rows) else None
    if "keyboard" in markup:
        _check_reply_rows(markup["keyboard"])
    return markup


def _check_inline_rows(rows: list[list[dict[str, Any]]]) -> None:
    """Apply the per-button rules Telegram enforces on inline keyboards."""
    if sum(len(row) for row in rows) > MAX_BUTTONS:
        raise bad_request("REPLY_MARKUP_TOO_LONG")
    for row in rows:
        for button in row:
            _check_inline_button(button)


def _check_inline_button(button: dict[str, Any]) -> None:
    """Check one inline button: label, exactly one action, callback_data size, URL."""
    if not button.get("text", "").strip():
        raise bad_request("can't parse inline keyboard button: Text must be non-empty")
    actions = [key for key in button if key not in DECORATION_FIELDS]
    if not actions:
        raise bad_request(
            "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"
        )
    if len(actions) > 1:
        raise bad_request(
            "can't parse inline keyboard button: exactly one of the optional fields must be used"
        )
    if "callback_data" in button:
        size = len(button["callback_data"].encode("utf-8"))
        if not 1 <= size <= MAX_CALLBACK_DATA_BYTES:
            raise bad_request("BUTTON_DATA_INVALID")
    if "url" in button:
        url = button["url"]
        if not url or any(char.isspace() for char in url):
            raise bad_request("BUTTON_URL_INVALID")


def _check_reply_rows(rows: list[list[Any]]) -> None:
    """Reply keyboard buttons need a non-empty label."""
    for row in rows:
        for button in row:
            label = button if isinstance(button, str) else button.get("text", "")
            if not label.strip():
                raise bad_request("can't parse keyboard button: Text must be non-empty")
