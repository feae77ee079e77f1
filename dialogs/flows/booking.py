"""Sessions: a mentee books an hour, a mentor proposes one; either moves or cancels it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from itertools import groupby
from typing import Any

from dialogs.engine import Context, Flow, Step, Transition, back, call, goto, say, stay
from dialogs.flows.availability import is_mentor
from dialogs.flows.common import back_button, free_times_button
from dialogs.i18n import Translator
from dialogs.notice_payloads import (
    MoveDeclined,
    MoveProposed,
    ProposalAccepted,
    ProposalDeclined,
    ProposalWithdrawn,
    SessionBooked,
    SessionCancelled,
    SessionMoved,
    SessionNews,
    SessionProposed,
)
from dialogs.notices import notice
from dialogs.ports import BookingResult, SessionView
from dialogs.replies import Button, Reply
from dialogs.session_calendar import SessionFacts, calendar_reply
from dialogs.session_notices import my_sessions_row
from dialogs.timeslots import (
    decode_slot,
    encode_slot,
    moment_label,
    short_day_label,
    short_slot_label,
    slot_day,
    slot_label,
    zone_label,
)
from dialogs.where import known_where, payload_where, where_text, with_where

FLOW = "booking"
PAGE = 12
PER_ROW = 3
# Why a chosen time could not be had; the user picks again.
REFUSALS = {
    "taken": say("Sorry, that time has just been taken. Please choose another."),
    "too_soon": say("That time is too soon now. Please choose another."),
    "not_free": say("That time is no longer free. Please choose another."),
}


def facts(session: SessionView) -> SessionFacts:
    return SessionFacts(
        session.id,
        session.starts_at,
        session.ends_at,
        session.tz,
        session.sequence,
        session.partner,
        cancelled=session.status == "cancelled",
        where=session.where,
    )


def with_whom(ctx: Context, session: SessionView) -> str:
    if session.partner:
        return ctx._("with {name}").format(name=session.partner)
    return ctx._("with your mentee") if session.i_am_mentor else ctx._("with your mentor")


async def find_session(ctx: Context, session_id: Any) -> SessionView | None:
    """One of the user's own upcoming sessions; None for a stale or forged id."""
    sessions = await ctx.booking.my_sessions()
    return next((session for session in sessions if session.id == session_id), None)


# --- the menu's entries, and the button on notices ---------------------------------------------


async def menu_rows(ctx: Context) -> list[tuple[Button, ...]]:
    rows: list[tuple[Button, ...]] = []
    if await is_mentor(ctx):
        rows.append((free_times_button(ctx.t, action="menu:free_times"),))
    pairs = await ctx.booking.my_pairs()
    if any(not pair.i_am_mentor for pair in pairs):
        rows.append((book_button(ctx, "menu:book"),))
    if pairs:
        rows.append((Button(ctx._("📋 My sessions"), action="menu:sessions"),))
    return rows


def book_button(ctx: Context, action: str) -> Button:
    return Button(ctx._("📅 Book a session"), action=action, short=ctx._("📅 Book"))


MENU_ACTIONS = ("menu:free_times", "menu:book", "menu:sessions")


async def from_menu(ctx: Context, action: str) -> Transition | None:
    """Open what the menu offered; a forged or old press by someone it was not for gets nothing."""
    if action == "menu:free_times":
        return call("availability", "overview") if await is_mentor(ctx) else None
    pairs = await ctx.booking.my_pairs()
    if action == "menu:book" and any(not pair.i_am_mentor for pair in pairs):
        return call(FLOW, "slots")
    if action == "menu:sessions" and pairs:
        return call(FLOW, "sessions")
    return None


async def open_sessions(ctx: Context, action: str) -> Transition | None:
    """The "My sessions" button on a notice: works from any screen."""
    return call(FLOW, "sessions") if await ctx.booking.my_pairs() else None


# --- choosing a time ---------------------------------------------------------------------------


async def slots_for(ctx: Context) -> list[datetime]:
    """The mentor's free slots: a mentee's own mentor, or the user's own as the pair's mentor."""
    return await ctx.booking.free_slots(ctx.data.get("pair"))


def slot_rows(ctx: Context, slots: list[datetime]) -> list[tuple[Button, ...]]:
    """One row per day (split when long), so the days stand apart."""
    rows: list[tuple[Button, ...]] = []
    for _day, group in groupby(slots, key=lambda slot: slot_day(ctx.t, slot)):
        buttons = [
            Button(
                slot_label(ctx.t, slot),
                action=f"slot:{encode_slot(slot)}",
                short=short_slot_label(ctx.t, slot),
            )
            for slot in group
        ]
        rows += [tuple(buttons[i : i + PER_ROW]) for i in range(0, len(buttons), PER_ROW)]
    return rows


async def slots_screen(ctx: Context) -> Reply:
    slots = await slots_for(ctx)
    if not slots:
        if ctx.data.get("pair"):
            text = ctx._(
                "You have no free times in the next three weeks. Add some under "
                "“🗓 My free times” first."
            )
        else:
            text = ctx._(
                "Your mentor has no free times in the next three weeks. Please ask them to add "
                "some, or to propose a time."
            )
        return Reply(text, buttons=((back_button(ctx),),))
    page = min(ctx.data.get("page", 0), (len(slots) - 1) // PAGE)
    shown = slots[page * PAGE : (page + 1) * PAGE]
    text = ctx._(
        "Choose a time for a one-hour session. Times are in your time zone ({zone})."
    ).format(zone=zone_label(ctx.t))
    paging = []
    if page > 0:
        paging.append(Button(ctx._("◀️ Earlier"), action="page:prev"))
    if (page + 1) * PAGE < len(slots):
        paging.append(Button(ctx._("Later ▶️"), action="page:next"))
    buttons = [*slot_rows(ctx, shown), *([tuple(paging)] if paging else []), (back_button(ctx),)]
    return Reply(text, buttons=tuple(buttons))


async def on_slots(ctx: Context, action: str) -> Transition | None:
    if action in ("page:prev", "page:next"):
        ctx.data["page"] = max(0, ctx.data.get("page", 0) + (1 if action == "page:next" else -1))
        return stay()
    slot = decode_slot(action.removeprefix("slot:"))
    if not action.startswith("slot:") or slot not in await slots_for(ctx):
        return None
    ctx.data["slot"] = encode_slot(slot)
    return goto(FLOW, "confirm")


# --- confirming: book, propose or move ---------------------------------------------------------


async def confirm_screen(ctx: Context) -> Reply:
    slot = decode_slot(ctx.data.get("slot", ""))
    when = moment_label(ctx.t, slot) if slot else ""
    moving = await find_session(ctx, ctx.data.get("session"))
    if moving is not None and moving.i_am_mentor:
        text = ctx._(
            "Propose to move your session {whom} from {old} to {new}? It stays on {old} until "
            "they accept."
        ).format(whom=with_whom(ctx, moving), old=moment_label(ctx.t, moving.starts_at), new=when)
    elif moving is not None:
        text = ctx._("Move your session {whom} from {old} to {new}?").format(
            whom=with_whom(ctx, moving), old=moment_label(ctx.t, moving.starts_at), new=when
        )
    elif ctx.data.get("pair"):
        text = ctx._("Propose {when} to your mentee? Nothing is booked until they accept.").format(
            when=when
        )
    else:
        text = ctx._("Book a session with your mentor on {when}?").format(when=when)
    where = await ctx.booking.where_for(slot, ctx.data.get("pair")) if slot else None
    buttons = (
        (Button(ctx._("✅ Yes"), action="confirm:yes"),),
        (
            Button(
                ctx._("↩️ Choose another time"),
                action="confirm:no",
                short=ctx._("↩️ Choose another"),
            ),
        ),
    )
    return Reply(with_where(ctx.t, text, where), buttons=buttons)


async def on_confirm(ctx: Context, action: str) -> Transition | None:
    if action == "confirm:no":
        return goto(FLOW, "slots")
    slot = decode_slot(ctx.data.get("slot", ""))
    if action != "confirm:yes" or slot is None:
        return None
    if ctx.data.get("session"):
        result = await ctx.booking.reschedule(ctx.data["session"], slot)
        return settle(ctx, result, moved_note)
    if ctx.data.get("pair"):
        return settle(ctx, await ctx.booking.propose(ctx.data["pair"], slot), booked_note)
    return settle(ctx, await ctx.booking.book(slot), booked_note)


def booked_note(ctx: Context, session: SessionView) -> Reply:
    text = ctx._("Booked: {when}. {whom} has been told. Here is the calendar entry for your phone.")
    text = text.format(when=full(ctx, session), whom=partner_name(ctx, session))
    return Reply(with_where(ctx.t, text, session.where))


def moved_note(ctx: Context, session: SessionView) -> Reply:
    text = ctx._("Moved: {when}. {whom} has been told. Here is the updated calendar entry.")
    text = text.format(when=full(ctx, session), whom=partner_name(ctx, session))
    return Reply(with_where(ctx.t, text, session.where))


def proposed_note(ctx: Context, session: SessionView) -> Reply:
    when = moment_label(ctx.t, session.proposed_starts_at or session.starts_at)
    text = ctx._(
        "Sent: {whom} is asked whether {when} suits them. Nothing changes until they accept; "
        "I will tell you their answer."
    )
    return Reply(text.format(when=when, whom=partner_name(ctx, session)))


def full(ctx: Context, session: SessionView) -> str:
    return moment_label(ctx.t, session.starts_at)


def settle(
    ctx: Context, result: BookingResult, note: Callable[[Context, SessionView], Reply]
) -> Transition:
    """Say how it went; on success go back to where the user came from, with the .ics."""
    if result.outcome in REFUSALS:
        ctx.data.pop("slot", None)
        return goto(FLOW, "slots", REFUSALS[result.outcome])
    if result.session is None:
        return back(say("This session can no longer be changed."))
    session, stamp = result.session, ctx.now
    ctx.data.clear()
    if result.outcome == "proposed":
        return back(lambda ctx: proposed_note(ctx, session))
    return back(
        lambda ctx: note(ctx, session),
        lambda ctx: calendar_reply(ctx.t, facts(session), stamp),
        *(() if ctx.capabilities.writes_any_time else (reminders_note,)),
    )


def reminders_note(ctx: Context) -> Reply:
    """Where the bot cannot write when it likes, the phone's calendar has to remind them."""
    telegram = Button(
        ctx._("📲 Reminders on Telegram"), action="linking", sticky=True, short=ctx._("📲 Telegram")
    )
    return Reply(
        ctx._(
            "Here I can only write to you within a day of your last message, so I cannot promise "
            "reminders. Add the calendar file above to your phone: it reminds you a day and an "
            "hour before. Or get the reminders on Telegram."
        ),
        buttons=((telegram,),),
    )


def partner_name(ctx: Context, session: SessionView) -> str:
    if session.partner:
        return session.partner
    return ctx._("Your mentee") if session.i_am_mentor else ctx._("Your mentor")


# --- the list of sessions, and cancelling ------------------------------------------------------


async def sessions_screen(ctx: Context) -> Reply:
    sessions = await ctx.booking.my_sessions()
    pairs = await ctx.booking.my_pairs()
    rows: list[tuple[Button, ...]] = []
    if sessions:
        lines = [ctx._("Your upcoming sessions:")]
        for session in sessions:
            lines += session_lines(ctx, session)
            rows.append(session_buttons(ctx, session))
        text = "\n".join(lines)
    else:
        text = ctx._("You have no sessions booked.")
    if any(not pair.i_am_mentor for pair in pairs):
        rows.append((book_button(ctx, "sessions:book"),))
    if any(pair.i_am_mentor for pair in pairs):
        rows.append((Button(ctx._("➕ Propose a time"), action="sessions:propose"),))
    rows.append((back_button(ctx),))
    return Reply(text, buttons=tuple(rows))


def session_lines(ctx: Context, session: SessionView) -> list[str]:
    """A session in the list: when and with whom, where, and any proposal waiting."""
    lines = [f"• {moment_label(ctx.t, session.starts_at)} — {with_whom(ctx, session)}"]
    if session.where:
        lines.append(f"   {where_text(ctx.t, session.where)}")
    if session.status == "proposed":
        if session.i_am_mentor:
            lines.append("   " + ctx._("⏳ Proposed: waiting for their answer"))
        else:
            lines.append("   " + ctx._("❓ Proposed: does it suit you?"))
    elif session.proposed_starts_at is not None:
        new = moment_label(ctx.t, session.proposed_starts_at)
        if session.i_am_mentor:
            text = ctx._("⏳ You proposed moving it to {when}: waiting for their answer")
        else:
            text = ctx._("❓ Your mentor proposes moving it to {when}")
        lines.append("   " + text.format(when=new))
    return lines


def session_buttons(ctx: Context, session: SessionView) -> tuple[Button, ...]:
    short = ctx.t.datetime(session.starts_at, "short")
    # Where buttons are short (Messenger), the day alone tells the sessions apart.
    day = short_day_label(ctx.t, slot_day(ctx.t, session.starts_at))
    asked = session.status == "proposed" or session.proposed_starts_at is not None
    if asked and not session.i_am_mentor:
        moment = session.proposed_starts_at or session.starts_at
        proposed = ctx.t.datetime(moment, "short")
        return answer_buttons(
            ctx.t, session.id, proposed, day=short_day_label(ctx.t, slot_day(ctx.t, moment))
        )
    if session.status == "proposed":
        withdraw = ctx._("↩️ Withdraw {when}")
        return (
            Button(
                withdraw.format(when=short),
                action=f"withdraw:{session.id}",
                short=withdraw.format(when=day),
            ),
        )
    move = ctx._("✏️ Move {when}")
    return (
        Button(move.format(when=short), action=f"move:{session.id}", short=move.format(when=day)),
        Button(ctx._("❌ Cancel"), action=f"cancel:{session.id}"),
    )


def answer_buttons(
    t: Translator, session_id: int, when: str, day: str | None = None
) -> tuple[Button, ...]:
    """Accept or decline a proposed time; they work from any screen.

    Where buttons are short (Messenger), Accept names only the `day`, or nothing on a notice
    (whose text says when).
    """
    accept = t.gettext("✅ Accept {when}")
    return (
        Button(
            accept.format(when=when),
            action=f"proposal:yes:{session_id}",
            sticky=True,
            short=accept.format(when=day) if day else t.gettext("✅ Accept"),
        ),
        Button(t.gettext("❌ Decline"), action=f"proposal:no:{session_id}", sticky=True),
    )


async def on_sessions(ctx: Context, action: str) -> Transition | None:
    kind, _, code = action.partition(":")
    if kind == "proposal":
        return await answer_proposal(ctx, action)
    if action == "sessions:book":
        return call(FLOW, "slots")
    if action == "sessions:propose":
        mentees = [pair.pair_id for pair in await ctx.booking.my_pairs() if pair.i_am_mentor]
        if len(mentees) == 1:
            return call(FLOW, "slots", data={"pair": mentees[0]})
        return call(FLOW, "mentees") if mentees else None
    if kind not in ("move", "cancel", "withdraw") or not code.isdigit():
        return None
    session = await find_session(ctx, int(code))
    if session is None:
        return None
    # A withdraw button kept from before the young person accepted must not cancel the session.
    if (kind == "withdraw") != (session.status == "proposed"):
        return None
    if kind == "withdraw":
        kind = "cancel"
    if kind == "cancel":
        ctx.data["session"] = session.id
        return goto(FLOW, "cancel")
    # A mentor moves within their own free times, a mentee within their mentor's.
    pair = session.pair_id if session.i_am_mentor else None
    return call(FLOW, "slots", data={"session": session.id, "pair": pair})


async def mentees_screen(ctx: Context) -> Reply:
    pairs = [pair for pair in await ctx.booking.my_pairs() if pair.i_am_mentor]
    buttons = tuple(
        (Button(pair.partner or ctx._("Your mentee"), action=f"pair:{pair.pair_id}"),)
        for pair in pairs
    )
    return Reply(ctx._("For which mentee?"), buttons=(*buttons, (back_button(ctx),)))


async def on_mentees(ctx: Context, action: str) -> Transition | None:
    code = action.removeprefix("pair:")
    pairs = {pair.pair_id for pair in await ctx.booking.my_pairs() if pair.i_am_mentor}
    if not action.startswith("pair:") or not code.isdigit() or int(code) not in pairs:
        return None
    # Not a call: once booked, Back leads to the list of sessions, not to this choice.
    ctx.data.clear()
    ctx.data["pair"] = int(code)
    return goto(FLOW, "slots")


# --- the mentee's answer to a proposed time ----------------------------------------------------


async def answer_proposal(ctx: Context, action: str) -> Transition | None:
    """Accept or decline, from the list or the notice; a stale or forged press gets nothing."""
    parts = action.split(":")
    if len(parts) != 3 or parts[1] not in ("yes", "no") or not parts[2].isdigit():
        return None
    answer, code = parts[1], parts[2]
    result = await ctx.booking.answer_proposal(int(code), accept=answer == "yes")
    if result.outcome in REFUSALS:
        note = say("Sorry, that time can no longer be booked. Please choose another.")
        return Transition(target=(FLOW, "slots"), push=True, notes=(note,))
    if result.session is None:
        return None
    session, stamp = result.session, ctx.now
    if answer == "no":
        data = {"declined": session.id, "moving": session.status == "booked"}
        return call(FLOW, "declined", data=data)
    return Transition(
        target=(FLOW, "sessions"),
        push=True,
        notes=(
            lambda ctx: booked_note(ctx, session),
            lambda ctx: calendar_reply(ctx.t, facts(session), stamp),
        ),
    )


def declined_screen(ctx: Context) -> Reply:
    text = ctx._(
        "Okay, your mentor has been told that it does not suit you. Would you like to choose a "
        "time that does?"
    )
    buttons = (
        (
            Button(
                ctx._("📅 Choose another time"),
                action="declined:choose",
                short=ctx._("📅 Choose another"),
            ),
        ),
        (back_button(ctx),),
    )
    return Reply(text, buttons=buttons)


async def on_declined(ctx: Context, action: str) -> Transition | None:
    if action != "declined:choose":
        return None
    session_id = ctx.data.get("declined")
    moving = ctx.data.get("moving") and await find_session(ctx, session_id) is not None
    ctx.data.clear()
    if moving:
        # A declined move leaves the session booked: the mentee moves it themselves, in one tap.
        ctx.data["session"] = session_id
    return goto(FLOW, "slots")


async def cancel_screen(ctx: Context) -> Reply:
    session = await find_session(ctx, ctx.data.get("session"))
    if session is None:
        return Reply(
            ctx._("This session can no longer be changed."), buttons=((back_button(ctx),),)
        )
    if session.status == "proposed":
        text = ctx._("Withdraw the time you proposed, {when}? They will be told.")
    else:
        text = ctx._("Cancel the session on {when} {whom}? They will be told.")
    text = text.format(when=moment_label(ctx.t, session.starts_at), whom=with_whom(ctx, session))
    buttons = (
        (Button(ctx._("Yes, cancel it"), action="cancel:yes"),),
        (Button(ctx._("No, keep it"), action="cancel:no"),),
    )
    return Reply(text, buttons=buttons)


async def on_cancel(ctx: Context, action: str) -> Transition | None:
    if action == "cancel:no":
        return goto(FLOW, "sessions")
    if action != "cancel:yes" or not ctx.data.get("session"):
        return None
    session_id = ctx.data.pop("session")
    before = await find_session(ctx, session_id)
    result = await ctx.booking.cancel(session_id)
    if result.session is None or before is None:
        return goto(FLOW, "sessions", say("This session can no longer be changed."))
    if before.status == "proposed":  # never in a calendar: nothing to remove
        return goto(FLOW, "sessions", say("Withdrawn. They have been told."))
    session, stamp = result.session, ctx.now
    return goto(
        FLOW,
        "sessions",
        say("Cancelled. They have been told, and the time is free again."),
        lambda ctx: calendar_reply(ctx.t, facts(session), stamp),
    )


# --- what the other person is sent ------------------------------------------------------------


def payload_facts(payload: SessionNews, cancelled: bool = False) -> SessionFacts:
    return SessionFacts(
        payload["session"],
        datetime.fromisoformat(payload["starts_at"]),
        datetime.fromisoformat(payload["ends_at"]),
        payload["tz"],
        payload["sequence"],
        payload["name"],
        cancelled=cancelled,
        where=payload_where(payload),
    )


def session_notice(
    t: Translator, payload: SessionNews, text: str, cancelled: bool = False
) -> list[Reply]:
    """The news (with the place), the .ics, and a button to the list of sessions."""
    stamp = datetime.fromisoformat(payload["stamp"])
    if not cancelled:
        text = with_where(t, text, payload_where(payload))
    return [
        Reply(text, buttons=my_sessions_row(t)),
        calendar_reply(t, payload_facts(payload, cancelled), stamp),
    ]


def news(t: Translator, text: str) -> list[Reply]:
    """News that changes nothing in a calendar: no file, a button to the list of sessions."""
    return [Reply(text, buttons=my_sessions_row(t))]


def starts(payload: SessionNews) -> datetime:
    return datetime.fromisoformat(payload["starts_at"])


def actor(payload: SessionNews, fallback: str) -> str:
    return payload["name"] or fallback


@notice("session_booked")
def booked_notice(t: Translator, payload: SessionBooked) -> list[Reply]:
    text = t.gettext("{name} booked a session with you: {when}.").format(
        name=actor(payload, t.gettext("Your mentee")),
        when=moment_label(t, datetime.fromisoformat(payload["starts_at"])),
    )
    return session_notice(t, payload, text)


@notice("session_proposed")
def proposed_notice(t: Translator, payload: SessionProposed) -> list[Reply]:
    text = t.gettext(
        "{name} proposes your next session: {when}. Does it suit you? Nothing is booked until "
        "you accept."
    ).format(name=actor(payload, t.gettext("Your mentor")), when=moment_label(t, starts(payload)))
    short = t.datetime(starts(payload), "short")
    buttons = (answer_buttons(t, payload["session"], short),)
    return [Reply(with_where(t, text, payload_where(payload)), buttons=buttons)]


@notice("move_proposed")
def move_proposed_notice(t: Translator, payload: MoveProposed) -> list[Reply]:
    new = datetime.fromisoformat(payload["proposed_starts_at"])
    text = t.gettext(
        "{name} proposes to move your session from {old} to {new}. Does it suit you? Until you "
        "accept, the session stays as it is."
    ).format(
        name=actor(payload, t.gettext("Your mentor")),
        old=moment_label(t, starts(payload)),
        new=moment_label(t, new),
    )
    buttons = (answer_buttons(t, payload["session"], t.datetime(new, "short")),)
    where = known_where(payload.get("new_place"), payload.get("new_online_url"))
    return [Reply(with_where(t, text, where), buttons=buttons)]


@notice("proposal_accepted")
def accepted_notice(t: Translator, payload: ProposalAccepted) -> list[Reply]:
    text = t.gettext("{name} accepted: your session is on {when}.").format(
        name=actor(payload, t.gettext("Your mentee")), when=moment_label(t, starts(payload))
    )
    return session_notice(t, payload, text)


@notice("proposal_declined")
def declined_notice(t: Translator, payload: ProposalDeclined) -> list[Reply]:
    text = t.gettext(
        "{name} cannot make it on {when}, so nothing is booked. They can book a time from your "
        "free times, or you can propose another."
    ).format(name=actor(payload, t.gettext("Your mentee")), when=moment_label(t, starts(payload)))
    return news(t, text)


@notice("move_declined")
def move_declined_notice(t: Translator, payload: MoveDeclined) -> list[Reply]:
    text = t.gettext("{name} cannot make it on {new}, so your session stays on {when}.").format(
        name=actor(payload, t.gettext("Your mentee")),
        new=moment_label(t, datetime.fromisoformat(payload["proposed_starts_at"])),
        when=moment_label(t, starts(payload)),
    )
    return news(t, text)


@notice("proposal_withdrawn")
def withdrawn_notice(t: Translator, payload: ProposalWithdrawn) -> list[Reply]:
    text = t.gettext("{name} withdrew the proposed time {when}.").format(
        name=actor(payload, t.gettext("Your mentor")), when=moment_label(t, starts(payload))
    )
    return news(t, text)


@notice("session_moved")
def moved_notice(t: Translator, payload: SessionMoved) -> list[Reply]:
    text = t.gettext("{name} moved your session from {old} to {new}.").format(
        name=actor(payload, t.gettext("The other person")),
        old=moment_label(t, datetime.fromisoformat(payload["old_starts_at"])),
        new=moment_label(t, datetime.fromisoformat(payload["starts_at"])),
    )
    return session_notice(t, payload, text)


@notice("session_cancelled")
def cancelled_notice(t: Translator, payload: SessionCancelled) -> list[Reply]:
    text = t.gettext("{name} cancelled your session on {when}. The time is free again.").format(
        name=actor(payload, t.gettext("The other person")),
        when=moment_label(t, datetime.fromisoformat(payload["starts_at"])),
    )
    return session_notice(t, payload, text, cancelled=True)


flow = Flow.of(
    FLOW,
    Step("slots", slots_screen, on_action=on_slots),
    Step("confirm", confirm_screen, on_action=on_confirm),
    Step("sessions", sessions_screen, on_action=on_sessions),
    Step("mentees", mentees_screen, on_action=on_mentees),
    Step("cancel", cancel_screen, on_action=on_cancel),
    Step("declined", declined_screen, on_action=on_declined),
)
