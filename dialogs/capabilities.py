"""What a channel can show: flows fit their screens to it and never ask its name."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Capabilities:
    """The limits of one channel's messages, as flows need to know them."""

    # Buttons one message can carry, choices and navigation together.
    choices_per_message: int
    # The longest button label the platform shows whole, in characters.
    longest_label: int
    # Whether a sent message can be changed in place (else each screen is a new message).
    can_edit: bool
    # The longest text of one message, in characters.
    text_limit: int
    # Whether the bot may write on its own at any time (reminders); Messenger allows it only
    # within 24 hours of the person's last message.
    writes_any_time: bool = True
    # Cards (a picture, a title, a few buttons) one message can show side by side; 0: none.
    cards_per_message: int = 0


# For callers that name no channel (tests of a flow's logic): room for any screen.
ROOMY = Capabilities(choices_per_message=100, longest_label=64, can_edit=True, text_limit=4096)
