"""A copy of everything kept about a person: a message they can read and a file to take away."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from dialogs.engine import Context, Transition, stay
from dialogs.flows import stories
from dialogs.flows.common import language_name
from dialogs.flows.guardian import method_label
from dialogs.labels import (
    age_label,
    area_label,
    country_label,
    free_time_label,
    meeting_format_label,
    region_label,
    request_status_label,
    status_label,
)
from dialogs.ports import DataItem, DataValue, PersonalData
from dialogs.replies import Document, Reply
from dialogs.timeslots import day_label, weekday_name

FILENAME = "my-data.json"


async def send_copy(ctx: Context) -> Transition:
    """/mydata: the readable copy and the file, then the same step again."""
    data = await ctx.privacy.export()
    return stay(lambda ctx: readable(ctx, data), lambda ctx: as_file(ctx, data))


def readable(ctx: Context, data: PersonalData) -> Reply:
    parts = [
        ctx._("Here is everything I keep about you, as of {date}:").format(date=ctx.t.date(ctx.now))
    ]
    for kind in data.kinds():
        lines = [heading(ctx, kind)]
        lines += [f"• {describe(ctx, item)}" for item in data.items if item.kind == kind]
        parts.append("\n".join(lines))
    parts.append(ctx._("The file below holds the same, for a computer to read."))
    return Reply("\n\n".join(parts))


def as_file(ctx: Context, data: PersonalData) -> Reply:
    document = {
        "exported_at": ctx.now.isoformat(),
        "items": [
            {"kind": item.kind, **{k: _json(v) for k, v in item.fields}} for item in data.items
        ],
    }
    content = json.dumps(document, ensure_ascii=False, indent=2).encode()
    caption = ctx._("Everything I keep about you, as a file.")
    return Reply(document=Document(FILENAME, content, "application/json", caption))


def _json(value: DataValue) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value


def describe(ctx: Context, item: DataItem) -> str:
    shown = [
        f"{field_label(ctx, name)}: {value_text(ctx, item.kind, name, value)}"
        for name, value in item.fields
        # The kind of a waiting message is the bot's own word for it: the file keeps it.
        if value not in (None, "", ()) and name != "kind"
    ]
    return "; ".join(shown)


def heading(ctx: Context, kind: str) -> str:
    headings = {
        "profile": ctx._("Your profile"),
        "guardian": ctx._("Your parent's or guardian's answer"),
        "guardian_given": ctx._("Your answer as a parent or guardian"),
        "request": ctx._("Your request for a mentor"),
        "application": ctx._("Your mentor application"),
        "staff": ctx._("Your coordinator role"),
        "pair": ctx._("Pairings"),
        "session": ctx._("Sessions"),
        "plan_item": ctx._("Plans agreed after sessions"),
        "free_time": ctx._("Your free times"),
        "day_off": ctx._("Your days off"),
        "meeting_place": ctx._("Where you usually meet your mentees"),
        "message": ctx._("Messages waiting to be sent to you"),
        "audit": ctx._("The coordinators' record of actions"),
        "conversation": ctx._(
            "Conversations through the bot (who and when; the words only for a week, so a "
            "message can be reported)"
        ),
        "subscription": ctx._("Campaign news you asked for"),
        "interest": ctx._("Opportunities you said you are interested in"),
        "helped": ctx._("Stories you said helped you"),
    }
    return headings[kind]


def field_label(ctx: Context, name: str) -> str:
    labels = {
        "channel": ctx._("app"),
        "platform_id": ctx._("chat number"),
        "language": ctx._("language"),
        "first_contact": ctx._("first message"),
        "consent": ctx._("you agreed"),
        "country": ctx._("country"),
        "age_group": ctx._("age group"),
        "guardian_confirmed": ctx._("your parent or guardian agreed"),
        "status": ctx._("status"),
        "asked": ctx._("asked"),
        "answered": ctx._("answered"),
        "method": ctx._("how"),
        "guardian_name": ctx._("parent or guardian"),
        "child": ctx._("young person no."),
        "your_name": ctx._("your name"),
        "name": ctx._("name"),
        "region": ctx._("region"),
        "areas": ctx._("areas"),
        "languages": ctx._("languages"),
        "meeting_format": ctx._("meetings"),
        "free_times": ctx._("usually free"),
        "hopes": ctx._("your hopes"),
        "sent": ctx._("sent"),
        "closed_reason": ctx._("the coordinators' message"),
        "age": ctx._("age"),
        "capacity": ctx._("mentees at a time"),
        "introduction": ctx._("about you"),
        "decline_reason": ctx._("the coordinators' reason"),
        "since": ctx._("since"),
        "role": ctx._("role"),
        "partner": ctx._("with"),
        "started": ctx._("started"),
        "planned_end": ctx._("planned end"),
        "ended": ctx._("ended on"),
        "starts": ctx._("time"),
        "rating": ctx._("rating"),
        "text": ctx._("text"),
        "written": ctx._("written"),
        "done": ctx._("done"),
        "weekday": ctx._("every week on"),
        "day": ctx._("day"),
        "start": ctx._("from"),
        "end": ctx._("until"),
        "due": ctx._("when"),
        "action": ctx._("action"),
        "opened": ctx._("began"),
        "closed": ctx._("ended on"),
        "at": ctx._("when"),
        "place": ctx._("place"),
        "online_url": ctx._("video call link"),
        "news": ctx._("news of"),
        "topic": ctx._("topic"),
        "opportunity": ctx._("opportunity"),
        "story": ctx._("story"),
    }
    return labels[name]


def value_text(ctx: Context, kind: str, name: str, value: DataValue) -> str:
    """A field's value in words: codes become labels, moments the reader's date and time."""
    if isinstance(value, datetime):
        return ctx.t.datetime(value, "short")
    if isinstance(value, date):
        return day_label(ctx.t, value)
    if isinstance(value, bool):
        return ctx._("yes") if value else ctx._("no")
    if isinstance(value, tuple):
        return ", ".join(code_text(ctx, kind, name, code) for code in value)
    if isinstance(value, int) and name == "weekday":
        return weekday_name(ctx.t, value)
    if isinstance(value, int):
        return str(value)
    if value is None:
        return ""
    return code_text(ctx, kind, name, value)


def code_text(ctx: Context, kind: str, name: str, code: str) -> str:
    """Stored codes in words; what people wrote stays as they wrote it."""
    if name == "country":
        return country_label(ctx, code)
    if name == "region":
        return region_label(ctx, code)
    if name == "age_group":
        return age_label(ctx, code)
    if name == "areas":
        return area_label(ctx, code)
    if name in ("languages", "language"):
        return language_name(ctx.t, code)
    if name == "free_times":
        return free_time_label(ctx, code)
    if name == "meeting_format":
        return meeting_format_label(ctx, code)
    if name == "status":
        return status_text(ctx, kind, code)
    if name == "method":
        return method_label(ctx, code)
    if name == "news":
        return ctx._("new stories") if code == "stories" else ctx._("new opportunities")
    if name == "topic":
        return ctx._("all topics") if code == "all" else stories.topic_label(ctx, code)
    if name in ("role", "channel", "action"):
        return word(ctx, code)
    return code


def status_text(ctx: Context, kind: str, status: str) -> str:
    if kind == "request":
        return request_status_label(ctx, status)
    if kind == "application":
        return status_label(ctx, status)
    if kind == "session" and status == "proposed":
        return ctx._("proposed by the mentor, waiting for an answer")
    if kind == "session" and status == "declined":
        return ctx._("proposed by the mentor, did not suit")
    return word(ctx, status)


def word(ctx: Context, code: str) -> str:
    """The other codes a copy of someone's data shows."""
    words = {
        # pairings, sessions, a guardian's answer
        "active": ctx._("active"),
        "ended": ctx._("ended"),
        "booked": ctx._("booked"),
        "cancelled": ctx._("cancelled"),
        "held": ctx._("held"),
        "missed": ctx._("missed"),
        "pending": ctx._("waiting for an answer"),
        "confirmed": ctx._("agreed"),
        "declined": ctx._("did not agree"),
        "replaced": ctx._("replaced by a newer link"),
        "mentor": ctx._("mentor"),
        "mentee": ctx._("young person"),
        "coordinators": ctx._("the coordinators"),
        "person": ctx._("a person a coordinator wrote to"),
        # coordinators' actions
        "mentor_approved": ctx._("mentor application approved"),
        "mentor_declined": ctx._("mentor application not accepted"),
        "pair_created": ctx._("pairing made"),
        "pair_ended": ctx._("pairing ended"),
        "request_closed": ctx._("request for a mentor closed"),
        "staff_granted": ctx._("coordinator role given"),
        "staff_revoked": ctx._("coordinator role taken away"),
        "guardian_recorded": ctx._("a parent's or guardian's agreement recorded"),
        "content_created": ctx._("campaign content drafted"),
        "broadcast_created": ctx._("campaign post scheduled"),
        "broadcast_pause": ctx._("campaign post paused"),
        "broadcast_resume": ctx._("campaign post resumed"),
        "broadcast_cancel": ctx._("campaign post cancelled"),
        "content_published": ctx._("campaign content published"),
        "content_unpublished": ctx._("campaign content taken down"),
        # apps
        "telegram": "Telegram",
        "messenger": "Messenger",
    }
    return words.get(code, code)
