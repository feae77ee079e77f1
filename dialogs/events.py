"""Neutral events: what a user did, whatever the channel."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TextEvent:
    text: str


@dataclass(frozen=True)
class CommandEvent:
    name: str  # lower case, without the slash
    args: str = ""


@dataclass(frozen=True)
class ActionEvent:
    """A button press; `version` is the dialog version the button was drawn for.

    None marks a sticky button (on a notification, say) that stays valid while the dialog moves
    on; only global action handlers receive those, and they check the domain state themselves.
    """

    action: str
    version: int | None
    # The words of the message the button sat on, as the platform shows them (a report quotes
    # what was reported; the bot keeps no copy of relayed messages).
    quoted: str = ""


@dataclass(frozen=True)
class ExpiredActionEvent:
    """A button that cannot be trusted or belongs to a screen that is gone."""


@dataclass(frozen=True)
class ContactEvent:
    phone: str


@dataclass(frozen=True)
class MediaEvent:
    """A video or photo the person sent. Only steps that ask for one read it (a coordinator's
    new story); everywhere else it is answered like anything else the bot does not read."""

    kind: str  # "video" or "photo"
    # How the person's platform finds the file again: Telegram's file_id, Messenger's URL.
    ref: str


@dataclass(frozen=True)
class UnsupportedEvent:
    """A sticker, photo, voice note or anything else the bot does not read."""

    kind: str


@dataclass(frozen=True)
class BlockedEvent:
    """The user blocked the bot (or deleted the chat)."""


@dataclass(frozen=True)
class UnblockedEvent:
    """The user allowed the bot to write again."""


Event = (
    TextEvent
    | CommandEvent
    | ActionEvent
    | ExpiredActionEvent
    | ContactEvent
    | MediaEvent
    | UnsupportedEvent
    | BlockedEvent
    | UnblockedEvent
)
