"""Sessions: a mentee books an hour, a mentor proposes one; either moves or cancels it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from itertools import groupby
from typing import Any

from dialogs.engine import Context, Flow, Step, Transition, back, call, goto, say, stay
from dialogs.flows.availability import is_mentor
from dialogs.flows.common import back_button
from dialogs.i18n import Translator
from dialogs.notices import notice
from dialogs.ports import BookingResult, SessionView
from dialogs.replies import Button, Reply
from dialogs.session_calendar import SessionFacts, calendar_reply
from dialogs.timeslots import decode_slot, encode_slot, moment_label, slot_day, slot_label

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
    rows = []
    if await is_mentor(ctx):
        rows.append((Button(ctx._("🗓 My free times"), action="menu:free_times"),))
    pairs = await ctx.booking.my_pairs()
    if any(not pair.i_am_mentor for pair in pairs):
        rows.append((Button(ctx._("📅 Book a session"), action="menu:book"),))
    if pairs:
        rows.append((Button(ctx._("📋 My sessions"), action="menu:sessions"),))
    return rows


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
            Button(slot_label(ctx.t, slot), action=f"slot:{encode_slot(slot)}") for slot in group
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
    ).format(zone=ctx.t.tz.key)
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
    ctx.data["slot"] = encode_slot(slot)  # type: ignore[arg-type]
    return goto(FLOW, "confirm")


# --- confirming: book, propose or move ---------------------------------------------------------


async def confirm_screen(ctx: Context) -> Reply:
    slot = decode_slot(ctx.data.get("slot", ""))
    when = moment_label(ctx.t, slot) if slot else ""
    moving = await find_session(ctx, ctx.data.get("session"))
    if moving is not None:
        text = ctx._("Move your session {whom} from {old} to {new}?").format(
            whom=with_whom(ctx, moving),
            old=ctx.t.datetime(moving.starts_at, "short"),
            new=when,
        )
    elif ctx.data.get("pair"):
        text = ctx._("Book {when} for your mentee? They will be told at once.").format(when=when)
    else:
        text = ctx._("Book a session with your mentor on {when}?").format(when=when)
    buttons = (
        (Button(ctx._("✅ Yes"), action="confirm:yes"),),
        (Button(ctx._("↩️ Choose another time"), action="confirm:no"),),
    )
    return Reply(text, buttons=buttons)


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
    return Reply(text.format(when=full(ctx, session), whom=partner_name(ctx, session)))


def moved_note(ctx: Context, session: SessionView) -> Reply:
    text = ctx._("Moved: {when}. {whom} has been told. Here is the updated calendar entry.")
    return Reply(text.format(when=full(ctx, session), whom=partner_name(ctx, session)))


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
    return back(
        lambda ctx: note(ctx, session),
        lambda ctx: calendar_reply(ctx.t, facts(session), stamp),
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
            short = ctx.t.datetime(session.starts_at, "short")
            lines.append(f"• {short} — {with_whom(ctx, session)}")
            rows.append(
                (
                    Button(ctx._("✏️ Move {when}").format(when=short), action=f"move:{session.id}"),
                    Button(ctx._("❌ Cancel"), action=f"cancel:{session.id}"),
                )
            )
        text = "\n".join(lines)
    else:
        text = ctx._("You have no sessions booked.")
    if any(not pair.i_am_mentor for pair in pairs):
        rows.append((Button(ctx._("📅 Book a session"), action="sessions:book"),))
    if any(pair.i_am_mentor for pair in pairs):
        rows.append((Button(ctx._("➕ Propose a time"), action="sessions:propose"),))
    rows.append((back_button(ctx),))
    return Reply(text, buttons=tuple(rows))


async def on_sessions(ctx: Context, action: str) -> Transition | None:
    kind, _, code = action.partition(":")
    if action == "sessions:book":
        return call(FLOW, "slots")
    if action == "sessions:propose":
        mentees = [pair.pair_id for pair in await ctx.booking.my_pairs() if pair.i_am_mentor]
        if len(mentees) == 1:
            return call(FLOW, "slots", data={"pair": mentees[0]})
        return call(FLOW, "mentees") if mentees else None
    if kind not in ("move", "cancel") or not code.isdigit():
        return None
    session = await find_session(ctx, int(code))
    if session is None:
        return None
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


async def cancel_screen(ctx: Context) -> Reply:
    session = await find_session(ctx, ctx.data.get("session"))
    if session is None:
        return Reply(
            ctx._("This session can no longer be changed."), buttons=((back_button(ctx),),)
        )
    text = ctx._("Cancel the session on {when} {whom}? They will be told.").format(
        when=moment_label(ctx.t, session.starts_at), whom=with_whom(ctx, session)
    )
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
    result = await ctx.booking.cancel(ctx.data.pop("session"))
    if result.session is None:
        return goto(FLOW, "sessions", say("This session can no longer be changed."))
    session, stamp = result.session, ctx.now
    return goto(
        FLOW,
        "sessions",
        say("Cancelled. They have been told, and the time is free again."),
        lambda ctx: calendar_reply(ctx.t, facts(session), stamp),
    )


# --- what the other person is sent ------------------------------------------------------------


def payload_facts(payload: dict[str, Any], cancelled: bool = False) -> SessionFacts:
    return SessionFacts(
        payload["session"],
        datetime.fromisoformat(payload["starts_at"]),
        datetime.fromisoformat(payload["ends_at"]),
        payload["tz"],
        payload["sequence"],
        payload["name"],
        cancelled=cancelled,
    )


def session_notice(
    t: Translator, payload: dict[str, Any], text: str, cancelled: bool = False
) -> list[Reply]:
    """The news, the .ics, and a button to the list of sessions."""
    button = Button(t.gettext("📋 My sessions"), action="sessions", sticky=True)
    stamp = datetime.fromisoformat(payload["stamp"])
    return [
        Reply(text, buttons=((button,),)),
        calendar_reply(t, payload_facts(payload, cancelled), stamp),
    ]


def actor(payload: dict[str, Any], fallback: str) -> str:
    return payload["name"] or fallback


@notice("session_booked")
def booked_notice(t: Translator, payload: dict[str, Any]) -> list[Reply]:
    text = t.gettext("{name} booked a session with you: {when}.").format(
        name=actor(payload, t.gettext("Your mentee")),
        when=moment_label(t, datetime.fromisoformat(payload["starts_at"])),
    )
    return session_notice(t, payload, text)


@notice("session_proposed")
def proposed_notice(t: Translator, payload: dict[str, Any]) -> list[Reply]:
    text = t.gettext(
        "{name} booked your next session: {when}. If it does not suit you, move or cancel it "
        "under “📋 My sessions”."
    ).format(
        name=actor(payload, t.gettext("Your mentor")),
        when=moment_label(t, datetime.fromisoformat(payload["starts_at"])),
    )
    return session_notice(t, payload, text)


@notice("session_moved")
def moved_notice(t: Translator, payload: dict[str, Any]) -> list[Reply]:
    text = t.gettext("{name} moved your session from {old} to {new}.").format(
        name=actor(payload, t.gettext("The other person")),
        old=t.datetime(datetime.fromisoformat(payload["old_starts_at"]), "short"),
        new=moment_label(t, datetime.fromisoformat(payload["starts_at"])),
    )
    return session_notice(t, payload, text)


@notice("session_cancelled")
def cancelled_notice(t: Translator, payload: dict[str, Any]) -> list[Reply]:
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
)
