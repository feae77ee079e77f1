"""Neutral replies: what the bot says; each channel adapter decides how it fits its platform."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Actions travel inside platform payloads (Telegram callback_data is at most 64 bytes), so they
# are short identifiers chosen by flows and never carry user-supplied text.
ACTION_PATTERN = re.compile(r"^[A-Za-z0-9_.:-]{1,32}$")


@dataclass(frozen=True)
class Button:
    label: str
    action: str | None = None
    url: str | None = None
    # Sticky buttons (on notifications) stay valid while the dialog moves on.
    sticky: bool = False
    # Written by people, for channels that show only short labels (Messenger: 20 characters).
    short: str | None = None

    def __post_init__(self) -> None:
        if (self.action is None) == (self.url is None):
            raise ValueError("a button has exactly one of action or url")
        if self.action is not None and not ACTION_PATTERN.match(self.action):
            raise ValueError(f"invalid action id {self.action!r}")


@dataclass(frozen=True)
class Media:
    kind: str  # "photo" or "video"
    url: str
    caption: str = ""


@dataclass(frozen=True)
class Document:
    filename: str
    content: bytes
    mime_type: str = "application/octet-stream"
    caption: str = ""


@dataclass(frozen=True)
class Card:
    """One of a row of cards (Messenger's carousel): a picture, a title, up to three buttons."""

    title: str
    subtitle: str = ""
    image: str | None = None
    buttons: tuple[Button, ...] = ()


@dataclass(frozen=True)
class Reply:
    """One message. `text` is plain text: adapters escape it for their platform."""

    text: str = ""
    buttons: tuple[tuple[Button, ...], ...] = ()
    media: Media | None = None
    document: Document | None = None
    # Side by side below the text, on channels that show cards (see Capabilities); the
    # buttons come with them.
    cards: tuple[Card, ...] = ()
    # Replace the message whose button the user pressed, where the platform can edit messages.
    replace: bool = False


def rows(*buttons: Button, per_row: int = 1) -> tuple[tuple[Button, ...], ...]:
    """Lay buttons out `per_row` to a row."""
    return tuple(tuple(buttons[i : i + per_row]) for i in range(0, len(buttons), per_row))
