"""Notices about a pairing's planned end, rendered in each recipient's language and zone."""

from __future__ import annotations

from datetime import datetime

from dialogs.i18n import Translator
from dialogs.notice_payloads import (
    CalendarSession,
    PairCompleted,
    PairEnding,
    PairingEnding,
    PartnerBlocked,
    PartnerLeft,
    RetentionNotice,
    StaffPairCompleted,
    StaffPairingEnding,
    StaffPartnerBlocked,
    StaffPartnerLeft,
)
from dialogs.notices import notice
from dialogs.replies import Button, Reply
from dialogs.session_calendar import SessionFacts, calendar_reply


def ending_replies(t: Translator, parts: list[str], payload: PairEnding) -> list[Reply]:
    """The news of an ended pairing, then a cancelling calendar file per cancelled session."""
    sessions = payload.get("sessions", [])
    if sessions:
        parts.append(
            t.ngettext(
                "{count} booked session is cancelled: open the file below to remove it from your "
                "calendar.",
                "{count} booked sessions are cancelled: open the files below to remove them from "
                "your calendar.",
                len(sessions),
            ).format(count=len(sessions))
        )
    files: list[Reply] = []
    if sessions:
        stamp = datetime.fromisoformat(payload["stamp"])
        files = [calendar_reply(t, cancelled_facts(session), stamp) for session in sessions]
    return [Reply("\n\n".join(parts)), *files]


def cancelled_facts(session: CalendarSession) -> SessionFacts:
    return SessionFacts(
        session["session"],
        datetime.fromisoformat(session["starts_at"]),
        datetime.fromisoformat(session["ends_at"]),
        session["tz"],
        session["sequence"],
        partner="",
        cancelled=True,
    )


@notice("pairing_ending")
def pairing_ending(t: Translator, payload: PairingEnding) -> list[Reply]:
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
def staff_pairing_ending(t: Translator, payload: StaffPairingEnding) -> list[Reply]:
    end = t.date(datetime.fromisoformat(payload["end"]))
    text = t.gettext("The pairing of {mentor} and {mentee} is planned to end on {date}.").format(
        mentor=payload["mentor"], mentee=payload["mentee"], date=end
    )
    return [Reply(text)]


@notice("partner_blocked")
def partner_blocked(t: Translator, payload: PartnerBlocked) -> list[Reply]:
    text = t.gettext(
        "{name} has blocked this bot, so I can no longer pass on reminders or messages to "
        "them. The coordinators know and will get in touch."
    ).format(name=payload["name"])
    return [Reply(text)]


@notice("staff_partner_blocked")
def staff_partner_blocked(t: Translator, payload: StaffPartnerBlocked) -> list[Reply]:
    text = t.gettext("{name} has blocked the bot. Their pairing partners: {partners}.").format(
        name=payload["name"], partners=payload["partners"]
    )
    return [Reply(text)]


@notice("partner_left")
def partner_left(t: Translator, payload: PartnerLeft) -> list[Reply]:
    if payload["mentor"]:
        parts = [
            t.gettext(
                "Your mentee has left the programme and deleted their data, so your pairing has "
                "ended."
            )
        ]
    else:
        parts = [
            t.gettext(
                "Your mentor has left the programme and deleted their data, so your pairing has "
                "ended."
            )
        ]
    if payload.get("rematch"):
        parts.append(t.gettext("The coordinators are looking for a new mentor for you."))
    return ending_replies(t, parts, payload)


@notice("staff_partner_left")
def staff_partner_left(t: Translator, payload: StaffPartnerLeft) -> list[Reply]:
    if payload["left_mentor"]:
        text = t.gettext(
            "A mentor has left the programme and deleted their data. Their pairing with {name} "
            "has ended."
        )
    else:
        text = t.gettext(
            "A young person has left the programme and deleted their data. Their pairing with "
            "{name} has ended."
        )
    parts = [text.format(name=payload["partner"] or "—")]
    if payload.get("rematch"):
        parts.append(
            t.gettext("{name} is waiting for a new mentor.").format(name=payload["partner"])
        )
    return [Reply("\n\n".join(parts))]


@notice("retention_notice")
def retention_notice(t: Translator, payload: RetentionNotice) -> list[Reply]:
    months = payload["months"]
    text = "\n\n".join(
        (
            t.ngettext(
                "Hi! You have not written to me for almost {count} month.",
                "Hi! You have not written to me for almost {count} months.",
                months,
            ).format(count=months),
            t.gettext(
                "To protect your privacy, I will delete everything I keep about you on {date}. "
                "If you want me to keep it, press the button below or write to me."
            ).format(date=t.date(datetime.fromisoformat(payload["erase_on"]))),
        )
    )
    keep = Button(
        t.gettext("Keep my data"), action="keep_data", sticky=True, short=t.gettext("Keep data")
    )
    return [Reply(text, buttons=((keep,),))]


@notice("pair_completed")
def pair_completed(t: Translator, payload: PairCompleted) -> list[Reply]:
    parts = [
        t.gettext("Your pairing has come to its planned end ({name}).").format(
            name=payload["partner"] or "—"
        ),
        t.gettext(
            "Thank you for the time you gave each other. If you would like to go on, the "
            "coordinators can help."
        ),
    ]
    return ending_replies(t, parts, payload)


@notice("staff_pair_completed")
def staff_pair_completed(t: Translator, payload: StaffPairCompleted) -> list[Reply]:
    text = t.gettext("The pairing of {mentor} and {mentee} has come to its planned end.").format(
        mentor=payload["mentor"] or "—", mentee=payload["mentee"] or "—"
    )
    return [Reply(text)]
