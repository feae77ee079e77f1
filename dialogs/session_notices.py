"""Notices that keep a pairing's rhythm (a mid-month nudge to book, a mentor's Monday digest),
and the pieces every notice about sessions shares.
"""

from __future__ import annotations

from datetime import datetime

from dialogs.i18n import Translator
from dialogs.notice_payloads import BookNudge, WeekDigest
from dialogs.notices import notice
from dialogs.replies import Button, Reply
from dialogs.timeslots import moment_label


def my_sessions_row(t: Translator) -> tuple[tuple[Button, ...], ...]:
    """The button to the list of sessions, which works from any screen."""
    return ((Button(t.gettext("📋 My sessions"), action="sessions", sticky=True),),)


def my_mentor_row(t: Translator) -> tuple[tuple[Button, ...], ...]:
    """The button to one's mentor, the plan and its ticks, which works from any screen."""
    return ((Button(t.gettext("🤝 My mentor"), action="my_mentor", sticky=True),),)


def other_person(t: Translator, name: str, mentor: bool) -> str:
    """The other person's name, or who they are to the reader (`mentor`: the reader is the
    mentor) when the name is gone."""
    if name:
        return name
    return t.gettext("your mentee") if mentor else t.gettext("your mentor")


@notice("book_nudge")
def book_nudge(t: Translator, payload: BookNudge) -> list[Reply]:
    count = payload["count"]
    so_far = t.ngettext(
        "This month you and {name} have {count} session held or booked so far.",
        "This month you and {name} have {count} sessions held or booked so far.",
        count,
    ).format(name=other_person(t, payload["name"], payload["mentor"]), count=count)
    advice = t.gettext(
        "Meeting at least twice a month keeps mentoring going: book the next session under "
        "“📋 My sessions”."
    )
    return [Reply(f"{so_far}\n\n{advice}", buttons=my_sessions_row(t))]


@notice("week_digest")
def week_digest(t: Translator, payload: WeekDigest) -> list[Reply]:
    sessions = payload["sessions"]
    if not sessions:
        text = t.gettext(
            "Good morning! You have no sessions booked this week. A good moment to propose a "
            "time to your mentee under “📋 My sessions”."
        )
        return [Reply(text, buttons=my_sessions_row(t))]
    heading = t.ngettext(
        "Good morning! You have {count} session this week:",
        "Good morning! You have {count} sessions this week:",
        len(sessions),
    ).format(count=len(sessions))
    lines = [
        "• {when} — {name}".format(
            when=moment_label(t, datetime.fromisoformat(item["starts_at"])),
            name=other_person(t, item["name"], mentor=True),
        )
        for item in sessions
    ]
    return [Reply("\n".join([heading, *lines]), buttons=my_sessions_row(t))]
