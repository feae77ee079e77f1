"""Messenger's titles: a short label stands in for a long one only where it is unambiguous; and
what a person sends is read as the events the dialogs know."""

from __future__ import annotations

from typing import Any

from bot.channels.buttons import ButtonCodec
from bot.messenger.render import render
from bot.messenger.translate import inbound_events
from dialogs.events import MediaEvent, UnsupportedEvent
from dialogs.replies import Button, Reply

CODEC = ButtonCodec(b"k" * 32)


def titles_and_text(reply: Reply) -> tuple[list[str], str]:
    [outgoing] = render([reply], CODEC, "7000000000001", 1)
    message: dict[str, Any] = outgoing.message
    if "quick_replies" in message:
        return [q["title"] for q in message["quick_replies"]], message["text"]
    payload = message["attachment"]["payload"]
    return [b["title"] for b in payload["buttons"]], payload["text"]


def write_to(name: str, pair: int) -> Button:
    return Button(f"✉️ Write to {name}", action=f"write:{pair}", short="✉️ Write to mentee")


def test_one_mentee_gets_the_short_label() -> None:
    titles, _ = titles_and_text(Reply("Your mentees", buttons=((write_to("Konstantīns", 1),),)))
    assert titles == ["✉️ Write to mentee"]


def test_two_mentees_are_numbered_with_their_names() -> None:
    buttons = ((write_to("Konstantīns", 1),), (write_to("Aleksandra", 2),))
    titles, text = titles_and_text(Reply("Your mentees", buttons=buttons))
    assert titles == ["1", "2"]
    assert "1. ✉️ Write to Konstantīns" in text and "2. ✉️ Write to Aleksandra" in text


def test_a_video_or_picture_sent_on_messenger_is_media_a_step_may_ask_for() -> None:
    """Messenger gives the file's URL; stickers and audio stay unread (the engine says so)."""

    def event(attachment: dict[str, object], **extra: object) -> object:
        message = {"mid": "m1", "attachments": [attachment], **extra}
        item = {"sender": {"id": "7"}, "timestamp": 1, "message": message}
        body = {"object": "page", "entry": [{"id": "p", "time": 1, "messaging": [item]}]}
        [inbound] = inbound_events(body, ButtonCodec(b"k"))
        return inbound.event

    url = "https://cdn.example/v.mp4"
    assert event({"type": "video", "payload": {"url": url}}) == MediaEvent("video", url)
    assert event({"type": "image", "payload": {"url": url}}) == MediaEvent("photo", url)
    assert event({"type": "audio", "payload": {"url": url}}) == UnsupportedEvent("audio")
    sticker = event({"type": "image", "payload": {"url": url}}, sticker_id=369239263222822)
    assert sticker == UnsupportedEvent("sticker")
