"""Turn a Page webhook's `messaging` items into neutral events.

Text, quick replies, postbacks, Get Started and m.me referrals become events; echoes of the
Page's own messages, deliveries and reads are not events at all. Each event keeps an id, so a
redelivered webhook changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from bot.channels.buttons import ButtonCodec
from dialogs.events import (
    ActionEvent,
    CommandEvent,
    Event,
    ExpiredActionEvent,
    MediaEvent,
    TextEvent,
    UnsupportedEvent,
)

GET_STARTED = "GET_STARTED"
# The persistent menu's entries: the same for everyone, so plain words rather than signed
# buttons; each does what typing its command does.
# Messenger's attachment types that a step may ask for, by the names the dialogs use.
MEDIA_KINDS = {"video": "video", "image": "photo"}
MENU_COMMANDS = {"MENU": "menu", "HELP_NOW": "sos", "LANGUAGE": "language", "PRIVACY": "privacy"}


@dataclass(frozen=True)
class Inbound:
    """One thing a person did, with the id that makes its redelivery harmless."""

    psid: str
    event: Event
    update_id: str


def inbound_events(body: Any, codec: ButtonCodec) -> Iterator[Inbound]:
    """Every event in a webhook body, in order; anything not for a Page is skipped."""
    if not isinstance(body, dict) or body.get("object") != "page":
        return
    for entry in _dicts(body.get("entry")):
        for item in _dicts(entry.get("messaging")):
            inbound = _inbound(item, codec)
            if inbound is not None:
                yield inbound


def _inbound(item: dict[str, Any], codec: ButtonCodec) -> Inbound | None:
    psid = str((item.get("sender") or {}).get("id") or "")
    if not psid.isdigit():
        return None
    stamp = f"{psid}:{item.get('timestamp', '')}"
    message = item.get("message")
    if isinstance(message, dict):
        if message.get("is_echo"):
            return None  # the Page's own message coming back
        event = _message_event(psid, message, codec)
        return Inbound(psid, event, str(message.get("mid") or f"message:{stamp}"))
    postback = item.get("postback")
    if isinstance(postback, dict):
        event = _postback_event(psid, postback, codec)
        return Inbound(psid, event, str(postback.get("mid") or f"postback:{stamp}"))
    referral = item.get("referral")
    if isinstance(referral, dict):
        return Inbound(psid, _start(referral), f"referral:{stamp}")
    return None  # delivery, read, optin and other receipts: nothing the person asked


def _message_event(psid: str, message: dict[str, Any], codec: ButtonCodec) -> Event:
    quick_reply = message.get("quick_reply")
    if isinstance(quick_reply, dict):
        return _payload_event(psid, str(quick_reply.get("payload") or ""), codec)
    text = message.get("text")
    # A link typed in the text comes with its preview, a "fallback" attachment: still text.
    previews = _dicts(message.get("attachments"))
    if isinstance(text, str) and all(item.get("type") == "fallback" for item in previews):
        if text.startswith("/"):
            head, _, args = text[1:].partition(" ")
            if head:
                return CommandEvent(head.lower(), args.strip())
        return TextEvent(text)
    if message.get("sticker_id"):
        return UnsupportedEvent("sticker")
    attachments = _dicts(message.get("attachments"))
    kind = str(attachments[0].get("type") or "attachment") if attachments else "attachment"
    payload = attachments[0].get("payload") if attachments else None
    url = payload.get("url") if isinstance(payload, dict) else None
    if kind in MEDIA_KINDS and isinstance(url, str) and url:
        return MediaEvent(MEDIA_KINDS[kind], url)
    return UnsupportedEvent(kind)


def _postback_event(psid: str, postback: dict[str, Any], codec: ButtonCodec) -> Event:
    payload = str(postback.get("payload") or "")
    if payload == GET_STARTED:
        return _start(postback.get("referral"))
    return _payload_event(psid, payload, codec)


def _payload_event(psid: str, payload: str, codec: ButtonCodec) -> Event:
    if payload in MENU_COMMANDS:
        return CommandEvent(MENU_COMMANDS[payload])
    pressed = codec.decode(psid, payload)
    if pressed is None:
        return ExpiredActionEvent()
    return ActionEvent(pressed.action, pressed.version)


def _start(referral: Any) -> CommandEvent:
    """Get Started or an m.me link: `ref=` plays the part of Telegram's /start payload."""
    ref = referral.get("ref") if isinstance(referral, dict) else None
    return CommandEvent("start", ref.strip() if isinstance(ref, str) else "")


def _dicts(value: Any) -> list[dict[str, Any]]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []
