"""What coordinators are told when someone's words say they may be in danger."""

from __future__ import annotations

from datetime import datetime

from dialogs.flows.messages import talk_button
from dialogs.i18n import Translator
from dialogs.notice_payloads import StaffConcern
from dialogs.notices import notice
from dialogs.replies import Reply


def concern_label(t: Translator, concern: str) -> str:
    labels = {
        "self_harm": t.gettext("hurting themselves or suicide"),
        "abuse": t.gettext("abuse or violence"),
        "distress": t.gettext("being in acute distress"),
    }
    return labels[concern]


@notice("staff_concern")
def staff_concern(t: Translator, payload: StaffConcern) -> list[Reply]:
    if payload["name"]:
        who = t.gettext("{name} (no. {number})").format(
            name=payload["name"], number=payload["person"]
        )
    else:
        who = t.gettext("Someone with no mentor request or application (no. {number})").format(
            number=payload["person"]
        )
    text = "\n\n".join(
        (
            t.gettext("⚠️ {who} may be in danger.").format(who=who),
            t.gettext("At {time} they wrote words about {concern}.").format(
                time=t.datetime(datetime.fromisoformat(payload["at"]), "short"),
                concern=concern_label(t, payload["concern"]),
            ),
            t.gettext("They were shown the helplines at once."),
        )
    )
    return [Reply(text, buttons=((talk_button(t, payload["person"]),),))]
