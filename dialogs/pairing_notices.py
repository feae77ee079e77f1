"""Notices about a pairing's planned end, rendered in each recipient's language and zone."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from dialogs.i18n import Translator
from dialogs.notices import notice
from dialogs.replies import Reply


@notice("pairing_ending")
def pairing_ending(t: Translator, payload: dict[str, Any]) -> list[Reply]:
    end = t.date(datetime.fromisoformat(payload["end"]))
    text = "\n\n".join(
        (
            t.gettext("Your mentoring with {name} is planned to end on {date}.").format(
                name=payload["other"], date=end
            ),
            t.gettext(
                "There is a month left: a good time to look back on what you have achieved "
                "together and to plan your last meetings."
            ),
        )
    )
    return [Reply(text)]


@notice("staff_pairing_ending")
def staff_pairing_ending(t: Translator, payload: dict[str, Any]) -> list[Reply]:
    end = t.date(datetime.fromisoformat(payload["end"]))
    text = t.gettext("The pairing of {mentor} and {mentee} is planned to end on {date}.").format(
        mentor=payload["mentor"], mentee=payload["mentee"], date=end
    )
    return [Reply(text)]


@notice("partner_blocked")
def partner_blocked(t: Translator, payload: dict[str, Any]) -> list[Reply]:
    text = t.gettext(
        "{name} has blocked this bot, so I can no longer pass on reminders or messages to "
        "them. The coordinators know and will get in touch."
    ).format(name=payload["name"])
    return [Reply(text)]


@notice("staff_partner_blocked")
def staff_partner_blocked(t: Translator, payload: dict[str, Any]) -> list[Reply]:
    text = t.gettext("{name} has blocked the bot. Their pairing partners: {partners}.").format(
        name=payload["name"], partners=payload["partners"]
    )
    return [Reply(text)]
