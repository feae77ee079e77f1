"""Around a session: reminders before it; after it, did it happen, the plan, and how it was.

The mentor's follow-up and the mentee's recap are notices with sticky buttons; their presses
arrive as global actions (`held:`, `missed:`, `rate:`) from whatever screen the person is on.
"""

from __future__ import annotations

from datetime import datetime

from dialogs.engine import Context, Flow, Step, Transition, back, call, say, stay
from dialogs.i18n import Translator
from dialogs.notice_payloads import (
    PlanNudge,
    SessionFollowup,
    SessionPrompt,
    SessionRecap,
    SessionReminder,
)
from dialogs.notices import notice
from dialogs.replies import Button, Reply
from dialogs.session_notices import my_mentor_row, my_sessions_row, other_person
from dialogs.timeslots import moment_label
from dialogs.where import payload_where, with_where

FLOW = "session_prompts"
MAX_ITEMS = 10
MAX_ITEM_LENGTH = 200
RATINGS = range(1, 6)
# What people put before a list item; the plan is shown as a list of its own.
BULLETS = "-–—•*·"


def starts_at(payload: SessionPrompt) -> datetime:
    return datetime.fromisoformat(payload["starts_at"])


# --- before: the reminders ---------------------------------------------------------------------


@notice("session_reminder")
def reminder_notice(t: Translator, payload: SessionReminder) -> list[Reply]:
    name, start = other_person(t, payload["name"], payload["mentor"]), starts_at(payload)
    if payload["lead"] == "1h":
        text = t.gettext("Soon: you meet {name} at {time}.").format(name=name, time=t.time(start))
    else:
        text = t.gettext("Reminder: you meet {name} on {when}.").format(
            name=name, when=moment_label(t, start)
        )
    text = with_where(t, text, payload_where(payload))
    hint = t.gettext("If plans change, move or cancel the session under “📋 My sessions”.")
    return [Reply(f"{text}\n\n{hint}", buttons=my_sessions_row(t))]


# --- after, for the mentor: did it happen? -----------------------------------------------------


@notice("session_followup")
def followup_notice(t: Translator, payload: SessionFollowup) -> list[Reply]:
    text = t.gettext("Did your session with {name} on {date} happen?").format(
        name=other_person(t, payload["name"], mentor=True), date=t.date(starts_at(payload))
    )
    session = payload["session"]
    buttons = (
        (
            Button(t.gettext("✅ Yes"), action=f"held:{session}", sticky=True),
            Button(t.gettext("❌ No, it didn't"), action=f"missed:{session}", sticky=True),
        ),
    )
    return [Reply(text, buttons=buttons)]


async def on_outcome(ctx: Context, action: str) -> Transition | None:
    """The mentor's answer to the follow-up; anyone else's press is treated as stale."""
    kind, _, code = action.partition(":")
    if not code.isdigit():
        return None
    outcome = await ctx.sessions.record_outcome(int(code), held=kind == "held")
    if outcome == "answered":
        return stay(say("You have already told me about this session. Thank you!"))
    if outcome != "ok":
        return None
    if kind == "held":
        return call(FLOW, "plan", data={"session": int(code)})
    note = say(
        "Thank you for letting me know. Meeting at least twice a month keeps mentoring going: "
        "propose a new time when you can."
    )
    return Transition(target=("booking", "sessions"), push=True, notes=(note,))


# --- the plan until the next meeting -----------------------------------------------------------


def plan_screen(ctx: Context) -> Reply:
    text = ctx._(
        "Good to hear! What did you agree to do before the next meeting? Write one thing per "
        "line, at most {count}."
    ).format(count=MAX_ITEMS)
    return Reply(text, buttons=((Button(ctx._("Skip"), action="plan:skip"),),))


def plan_items(text: str) -> list[str]:
    lines = (line.strip().lstrip(BULLETS).strip() for line in text.splitlines())
    return [line for line in lines if line]


def plan_problem(ctx: Context, items: list[str]) -> str | None:
    """Why the plan cannot be saved as written, or None."""
    if not items:
        return ctx._("Please write at least one thing to do, one per line.")
    if len(items) > MAX_ITEMS:
        return ctx.ngettext(
            "That is {count} line; please keep the plan to {max} at most.",
            "That is {count} lines; please keep the plan to {max} at most.",
            len(items),
        ).format(count=len(items), max=MAX_ITEMS)
    for number, item in enumerate(items, start=1):
        if len(item) > MAX_ITEM_LENGTH:
            return ctx._(
                "Line {number} is too long: please keep each line to {max} characters."
            ).format(number=number, max=MAX_ITEM_LENGTH)
    return None


async def on_plan_text(ctx: Context, text: str) -> Transition:
    items = plan_items(text)
    problem = plan_problem(ctx, items)
    if problem is not None:
        return stay(lambda ctx: Reply(problem))
    if not await ctx.sessions.save_plan(ctx.data.get("session", 0), items):
        return back(say("The plan for this session has already been saved."))
    return back(
        say(
            "Saved, and sent to your mentee. Remember to book your next session under "
            "“📋 My sessions”."
        )
    )


async def on_plan_action(ctx: Context, action: str) -> Transition | None:
    if action != "plan:skip":
        return None
    await ctx.sessions.save_plan(ctx.data.get("session", 0), [])
    return back(say("All right. Your mentee will be asked how the session went."))


# --- after, for the mentee: the plan, and how was it? ------------------------------------------


@notice("session_recap")
def recap_notice(t: Translator, payload: SessionRecap) -> list[Reply]:
    name, date = other_person(t, payload["name"], mentor=False), t.date(starts_at(payload))
    parts = []
    if payload["plan"]:
        heading = t.gettext("{name} wrote down your plan until the next meeting:").format(name=name)
        parts.append("\n".join([heading, *(f"• {item}" for item in payload["plan"])]))
    parts.append(
        t.gettext(
            "How was your session with {name} on {date}? Tap 1 (not good) to 5 (great)."
        ).format(name=name, date=date)
    )
    session = payload["session"]
    row = tuple(
        Button(str(rating), action=f"rate:{session}:{rating}", sticky=True) for rating in RATINGS
    )
    return [Reply("\n\n".join(parts), buttons=(row,))]


@notice("plan_nudge")
def plan_nudge_notice(t: Translator, payload: PlanNudge) -> list[Reply]:
    heading = t.gettext(
        "Half-way to your session with {name} on {when}. Still to do from your plan:"
    ).format(
        name=other_person(t, payload["name"], mentor=False),
        when=moment_label(t, starts_at(payload)),
    )
    hint = t.gettext("Tick off what you have done under “🤝 My mentor”.")
    lines = [heading, *(f"• {item}" for item in payload["plan"])]
    return [Reply("\n".join(lines) + f"\n\n{hint}", buttons=my_mentor_row(t))]


async def on_rate(ctx: Context, action: str) -> Transition | None:
    session, _, rating = action.removeprefix("rate:").partition(":")
    if not session.isdigit() or not rating.isdigit():
        return None
    outcome = await ctx.sessions.rate(int(session), int(rating))
    if outcome == "answered":
        return stay(say("You have already rated this session. Thank you!"))
    if outcome != "ok":
        return None
    return stay(say("Thank you! That helps us make mentoring better."))


ACTIONS = {"held:": on_outcome, "missed:": on_outcome, "rate:": on_rate}

flow = Flow.of(
    FLOW,
    Step("plan", plan_screen, on_action=on_plan_action, on_text=on_plan_text),
)
