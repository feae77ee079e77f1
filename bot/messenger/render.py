"""Turn neutral replies into Send API messages, within Messenger's limits.

Up to three buttons go into a button template (its text at most 640 characters: anything
longer goes first as plain messages); more choices become quick replies on the last part of
the text (at most 13). A label too long for Messenger's 20 characters is never cut: the choices
take their short label (written in the catalogues) or, without one, are numbered in the text
and the buttons carry the numbers. Links that do not fit a template
are written into the text, where Messenger makes them tappable. Nothing is dropped silently.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from bot.channels.buttons import ButtonCodec
from bot.channels.text import split_text
from bot.messenger.graph import Upload
from dialogs.capabilities import Capabilities
from dialogs.replies import Button, Reply

TEXT_LIMIT = 2000
TEMPLATE_TEXT_LIMIT = 640
TEMPLATE_BUTTONS = 3
QUICK_REPLIES = 13
LABEL_LIMIT = 20
CAROUSEL_CARDS = 10  # a generic template's elements
CARD_TEXT_LIMIT = 80  # a card's title, and its subtitle
# When nothing but buttons is to be said, the message still needs words (Messenger requires
# them); an arrow needs no translation.
NO_TEXT = "⬇️"

CAPABILITIES = Capabilities(
    choices_per_message=QUICK_REPLIES,
    longest_label=LABEL_LIMIT,
    can_edit=False,
    text_limit=TEXT_LIMIT,
    writes_any_time=False,
    cards_per_message=CAROUSEL_CARDS,
)


@dataclass(frozen=True)
class Outgoing:
    """One Send API call: the `message` object, and a file to upload with it, if any."""

    message: dict[str, Any]
    upload: Upload | None = None


def render(replies: list[Reply], codec: ButtonCodec, psid: str, version: int) -> list[Outgoing]:
    """Every Send API message for these replies, in order."""
    return [out for reply in replies for out in render_one(reply, codec, psid, version)]


def render_one(reply: Reply, codec: ButtonCodec, psid: str, version: int) -> list[Outgoing]:
    out: list[Outgoing] = []
    if reply.media is not None:
        kind = "image" if reply.media.kind == "photo" else reply.media.kind
        out.append(_attachment(kind, {"url": reply.media.url, "is_reusable": True}))
    if reply.document is not None:
        document = reply.document
        out.append(
            Outgoing(
                {"attachment": {"type": "file", "payload": {"is_reusable": False}}},
                Upload(document.filename, document.content, document.mime_type),
            )
        )
    text = "\n\n".join(
        part
        for part in (
            reply.media.caption if reply.media else "",
            reply.document.caption if reply.document else "",
            reply.text,
        )
        if part
    )
    buttons = [button for row in reply.buttons for button in row]
    if reply.cards:
        out.extend(_carousel(reply, text, buttons, codec, psid, version))
    elif text or buttons:
        out.extend(_text_with_buttons(text, buttons, codec, psid, version))
    return out


def _carousel(
    reply: Reply, text: str, buttons: list[Button], codec: ButtonCodec, psid: str, version: int
) -> list[Outgoing]:
    """The text, then the cards side by side, with the screen's buttons as quick replies."""
    text, titles = _numbered(text, buttons)
    out = [_text(part) for part in split_text(text, TEXT_LIMIT)] if text else []
    elements = []
    for card in reply.cards:
        element: dict[str, Any] = {"title": card.title}
        if card.subtitle:
            element["subtitle"] = card.subtitle
        if card.image:
            element["image_url"] = card.image
        if card.buttons:
            element["buttons"] = [
                _link(button)
                if button.url
                else _postback(button, _card_title(button), codec, psid, version)
                for button in card.buttons
            ]
        elements.append(element)
    carousel = _attachment(
        "template",
        {"template_type": "generic", "image_aspect_ratio": "horizontal", "elements": elements},
    )
    if buttons:
        carousel.message["quick_replies"] = [
            {"content_type": "text", "title": title, "payload": _payload(b, codec, psid, version)}
            for b, title in zip(buttons, titles, strict=True)
        ]
    return [*out, carousel]


def _card_title(button: Button) -> str:
    if len(button.label) > LABEL_LIMIT and button.short is not None:
        return button.short
    return button.label


def _text_with_buttons(
    text: str, buttons: list[Button], codec: ButtonCodec, psid: str, version: int
) -> list[Outgoing]:
    text, titles = _numbered(text, buttons)
    titled = list(zip(buttons, titles, strict=True))
    links = [button for button in buttons if button.url is not None]
    fits_template = len(buttons) <= TEMPLATE_BUTTONS and all(
        len(button.label) <= LABEL_LIMIT for button in links
    )
    if buttons and fits_template:
        *before, last = split_text(text or NO_TEXT, TEMPLATE_TEXT_LIMIT)
        template = [
            _link(button) if button.url else _postback(button, title, codec, psid, version)
            for button, title in titled
        ]
        return [*map(_text, before), _template(last, template)]
    if links:
        text = "\n\n".join([text, *(f"{button.label}: {button.url}" for button in links)]).strip()
    choices = [(button, title) for button, title in titled if button.action is not None]
    if len(choices) > QUICK_REPLIES:
        return _in_templates(text, choices, codec, psid, version)
    *before, last = split_text(text or NO_TEXT, TEXT_LIMIT)
    message = _text(last)
    if choices:
        message.message["quick_replies"] = [
            {"content_type": "text", "title": title, "payload": _payload(b, codec, psid, version)}
            for b, title in choices
        ]
    return [*map(_text, before), message]


def _numbered(text: str, buttons: list[Button]) -> tuple[str, list[str]]:
    """A title per button; choices with long labels are listed in the text under numbers.

    A short label stands in for a long one only where it tells its button apart: two mentees'
    "✉️ Write to mentee" would be the same title, so those are numbered with their names.
    """
    titles: list[str] = []
    lines: list[str] = []
    shorts = Counter(b.short for b in buttons if b.short is not None and len(b.label) > LABEL_LIMIT)
    for button in buttons:
        if button.action is not None and len(button.label) > LABEL_LIMIT:
            short = button.short
            if short is not None and len(short) <= LABEL_LIMIT and shorts[short] == 1:
                titles.append(short)
                continue
            number = str(len(lines) + 1)
            lines.append(f"{number}. {button.label}")
            titles.append(number)
        else:
            titles.append(button.label)
    return "\n\n".join(part for part in (text, "\n".join(lines)) if part), titles


def _in_templates(
    text: str,
    choices: list[tuple[Button, str]],
    codec: ButtonCodec,
    psid: str,
    version: int,
) -> list[Outgoing]:
    """More choices than quick replies hold (flows page to avoid it): three to a template."""
    out = [_text(part) for part in split_text(text or NO_TEXT, TEXT_LIMIT)]
    for start in range(0, len(choices), TEMPLATE_BUTTONS):
        group = choices[start : start + TEMPLATE_BUTTONS]
        label = f"{start + 1}–{start + len(group)}"
        out.append(
            _template(label, [_postback(b, title, codec, psid, version) for b, title in group])
        )
    return out


def _payload(button: Button, codec: ButtonCodec, psid: str, version: int) -> str:
    return codec.encode(psid, button.action or "", None if button.sticky else version)


def _postback(
    button: Button, title: str, codec: ButtonCodec, psid: str, version: int
) -> dict[str, Any]:
    return {"type": "postback", "title": title, "payload": _payload(button, codec, psid, version)}


def _link(button: Button) -> dict[str, Any]:
    return {"type": "web_url", "url": button.url, "title": button.label}


def _text(text: str) -> Outgoing:
    return Outgoing({"text": text})


def _attachment(kind: str, payload: dict[str, Any]) -> Outgoing:
    return Outgoing({"attachment": {"type": kind, "payload": payload}})


def _template(text: str, buttons: list[dict[str, Any]]) -> Outgoing:
    return _attachment("template", {"template_type": "button", "text": text, "buttons": buttons})
