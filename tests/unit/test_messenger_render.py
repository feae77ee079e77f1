"""Messenger's titles: a short label stands in for a long one only where it is unambiguous."""

from __future__ import annotations

from typing import Any

from bot.channels.buttons import ButtonCodec
from bot.messenger.render import render
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
