"""Message content rules: text/caption parsing and limits, replies and reply keyboards."""

from __future__ import annotations

from typing import Any

from sandbox.errors import bad_request
from sandbox.html_text import ParsedText, parse_html, plain, strip_text, utf16_len
from sandbox.state import Chat

TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024


def format_text(text: str, parse_mode: str | None, entities: Any) -> ParsedText:
    """Parse text per parse_mode; MarkdownV2/Markdown are accepted without checking."""
    mode = (parse_mode or "").lower()
    if mode == "html":
        parsed = parse_html(text)
    elif mode in ("", "markdown", "markdownv2"):
        parsed = plain(text)
        if entities and not mode:
            parsed.entities = list(entities)
    else:
        raise bad_request("unsupported parse_mode")
    return strip_text(parsed)


def format_caption(params: dict[str, Any]) -> ParsedText:
    """Parse and length-check a media caption (empty is allowed)."""
    caption = format_text(
        params.get("caption", ""), params.get("parse_mode"), params.get("caption_entities")
    )
    check_length(caption, CAPTION_LIMIT, "message caption is too long")
    return caption


def check_length(body: ParsedText, limit: int, too_long: str, empty: str | None = None) -> None:
    """Apply Telegram's limits, counted in UTF-16 code units after entity parsing."""
    size = utf16_len(body.text)
    if empty is not None and size == 0:
        raise bad_request(empty)
    if size > limit:
        raise bad_request(too_long)


def check_reply_target(chat: Chat, reply: dict[str, Any] | None) -> None:
    """Reject replies to missing messages unless allow_sending_without_reply is set."""
    if not reply or reply.get("allow_sending_without_reply"):
        return
    if chat.live_message(reply["message_id"]) is None:
        raise bad_request("message to be replied not found")


def reply_parameters(params: dict[str, Any]) -> dict[str, Any] | None:
    """Return reply_parameters, built from the legacy reply_to_message_id if needed."""
    if "reply_parameters" in params:
        return dict(params["reply_parameters"])
    if "reply_to_message_id" in params:
        return {
            "message_id": params["reply_to_message_id"],
            "allow_sending_without_reply": params.get("allow_sending_without_reply", False),
        }
    return None


def inline_only(markup: dict[str, Any] | None) -> dict[str, Any] | None:
    """Keep only inline keyboards on the message itself."""
    return markup if markup and "inline_keyboard" in markup else None


def apply_reply_keyboard(chat: Chat, markup: dict[str, Any] | None) -> None:
    """Show or remove the chat's reply keyboard (it persists until removed, as in Telegram)."""
    if not markup:
        return
    if "keyboard" in markup:
        chat.reply_keyboard = markup
    elif markup.get("remove_keyboard"):
        chat.reply_keyboard = None
