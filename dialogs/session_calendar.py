"""The calendar file (.ics) each person gets for a booked, moved or cancelled session."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from dialogs.i18n import Translator
from dialogs.ics import CalendarEvent, calendar
from dialogs.ports import Where
from dialogs.replies import Document, Reply
from dialogs.where import calendar_location

FILENAME = "session.ics"
MIME_TYPE = "text/calendar"


@dataclass(frozen=True)
class SessionFacts:
    """What a calendar entry needs; from a SessionView or from a notice's payload."""

    id: int
    starts_at: datetime
    ends_at: datetime
    tz: str
    sequence: int
    partner: str
    cancelled: bool = False
    where: Where | None = None


def calendar_reply(t: Translator, facts: SessionFacts, stamp: datetime) -> Reply:
    """The .ics as a document, titled in the reader's language."""
    if facts.partner:
        summary = t.gettext("Mentoring session with {name}").format(name=facts.partner)
    else:
        summary = t.gettext("Mentoring session")
    online_url = (facts.where.online_url if facts.where else None) or ""
    event = CalendarEvent(
        uid=f"session-{facts.id}@mentorbot",
        start=facts.starts_at,
        end=facts.ends_at,
        tz=facts.tz,
        summary=summary,
        sequence=facts.sequence,
        cancelled=facts.cancelled,
        location=calendar_location(t, facts.where),
        # Phones show the description more readily than the URL field: the link goes in both.
        description=online_url,
        url=online_url,
    )
    if facts.cancelled:
        caption = t.gettext("Open this file to remove the session from your calendar.")
    else:
        caption = t.gettext("Open this file to add the session to your calendar.")
    return Reply(document=Document(FILENAME, calendar(event, stamp), MIME_TYPE, caption))
