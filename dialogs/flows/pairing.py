"""A young person's mentor, a mentor's mentees, and asking the coordinators to end or change it."""

from __future__ import annotations

from datetime import datetime

from dialogs.engine import Context, Flow, Step, Transition, back, call, goto, say, stay
from dialogs.flows import messages
from dialogs.flows.common import back_button, free_times_button, language_list
from dialogs.i18n import Translator
from dialogs.labels import (
    Words,
    age_label,
    area_label,
    country_label,
    free_time_label,
    meeting_format_label,
    region_label,
)
from dialogs.notice_payloads import PairDates, PairEnded, PairIntroMentee, PairIntroMentor
from dialogs.notices import notice
from dialogs.pairing_notices import ending_replies
from dialogs.ports import PairingView, PastSession, PlanItemView, SessionView
from dialogs.replies import Button, Reply
from dialogs.timeslots import moment_label
from dialogs.where import with_where

FLOW = "pairing"
REASON_LIMIT = 500
# A plan item on a button is cut to fit a phone's width (and Messenger's shorter titles).
LABEL_LENGTH = 40
DONE, OPEN = "✅", "☐"


async def mine(ctx: Context, role: str) -> list[PairingView]:
    return [view for view in await ctx.matching.my_pairings() if view.role == role]


def dates(ctx: Context, view: PairingView) -> str:
    return ctx._("Started {start}; planned until {end}.").format(
        start=ctx.t.date(view.started_at), end=ctx.t.date(view.planned_end_at)
    )


def asked_note(ctx: Context, view: PairingView) -> list[str]:
    if view.change_requested_at is None:
        return []
    text = ctx._("You asked the coordinators for a change on {date}; they will get in touch.")
    return [text.format(date=ctx.t.date(view.change_requested_at))]


# --- the next session and the plan ------------------------------------------------------------


async def next_session(ctx: Context, pair_id: int) -> SessionView | None:
    sessions = [
        view
        for view in await ctx.booking.my_sessions()
        if view.pair_id == pair_id and view.status == "booked"  # not one merely proposed
    ]
    if not sessions:
        return None
    return min(sessions, key=lambda view: view.starts_at)


async def next_line(ctx: Context, pair_id: int) -> str:
    session = await next_session(ctx, pair_id)
    if session is None:
        return ctx._("No session booked yet.")
    line = ctx._("Next session: {when}").format(when=moment_label(ctx.t, session.starts_at))
    return with_where(ctx.t, line, session.where)


def progress(ctx: Context, items: list[PlanItemView]) -> str:
    done = sum(item.done for item in items)
    return ctx.ngettext(
        "Plan until the next meeting: {done} of {total} done",
        "Plan until the next meeting: {done} of {total} done",
        len(items),
    ).format(done=done, total=len(items))


def mark(item: PlanItemView) -> str:
    return f"{DONE if item.done else OPEN} {item.text}"


def cut(text: str) -> str:
    return text if len(text) <= LABEL_LENGTH else text[: LABEL_LENGTH - 1] + "…"


# --- the young person's mentor, the mentor's mentees ---------------------------------------


async def my_mentor_screen(ctx: Context) -> Reply:
    pairings = await mine(ctx, "mentee")
    if not pairings:
        return Reply(ctx._("You have no mentor at the moment."), buttons=((back_button(ctx),),))
    view = pairings[0]
    plan = await ctx.sessions.plan(view.pair_id)
    parts = [
        ctx._("Your mentor: {name}").format(name=view.mentor_name),
        dates(ctx, view),
        *asked_note(ctx, view),
        await next_line(ctx, view.pair_id),
    ]
    if plan:
        tap = ctx._("Tap a step when you have done it.")
        parts.append(f"{progress(ctx, plan)}\n{tap}")
    ticks = tuple((Button(cut(mark(item)), action=f"plan:tick:{item.id}"),) for item in plan)
    write = Button(
        ctx._("✉️ Write to my mentor"),
        action=f"write:{view.pair_id}",
        short=ctx._("✉️ Write to mentor"),
    )
    history = Button(ctx._("🗂 History"), action=f"history:{view.pair_id}")
    ask = Button(
        ctx._("Ask to end or change the pairing"),
        action=f"ask:{view.pair_id}",
        short=ctx._("Ask for a change"),
    )
    quiet = await quiet_button(ctx)
    buttons = (*ticks, (write,), (history,), (ask,), (quiet,), (back_button(ctx),))
    return Reply("\n\n".join(parts), buttons=buttons)


async def quiet_button(ctx: Context) -> Button:
    """Messages from one's mentor or mentees may wait for the morning."""
    if await ctx.conversations.quiet_nights():
        return Button(ctx._("🌙 Quiet nights: on"), action="quiet:off", short=ctx._("🌙 Quiet: on"))
    return Button(ctx._("🌙 Quiet nights: off"), action="quiet:on", short=ctx._("🌙 Quiet: off"))


async def mentee_block(ctx: Context, view: PairingView) -> str:
    lines = [view.mentee_name, dates(ctx, view), *asked_note(ctx, view)]
    lines.append(await next_line(ctx, view.pair_id))
    plan = await ctx.sessions.plan(view.pair_id)
    if plan:
        lines.append(progress(ctx, plan))
        lines.extend(mark(item) for item in plan)
    return "\n".join(lines)


async def my_mentees_screen(ctx: Context) -> Reply:
    pairings = await mine(ctx, "mentor")
    if not pairings:
        text = ctx._(
            "You have no mentees at the moment. The coordinators will let you know when they "
            "pair you with a young person."
        )
        return Reply(text, buttons=((back_button(ctx),),))
    parts = [await mentee_block(ctx, view) for view in pairings]
    ask, history = ctx._("Ask about the pairing with {name}"), ctx._("🗂 History with {name}")
    write = ctx._("✉️ Write to {name}")
    # Names can be long: where buttons are short (Messenger), they go without the name.
    short_write, short_ask = ctx._("✉️ Write to mentee"), ctx._("Ask for a change")
    short_history = ctx._("🗂 History")
    buttons = tuple(
        row
        for view in pairings
        for row in (
            (
                Button(
                    write.format(name=view.mentee_name),
                    action=f"write:{view.pair_id}",
                    short=short_write,
                ),
            ),
            (
                Button(
                    ask.format(name=view.mentee_name),
                    action=f"ask:{view.pair_id}",
                    short=short_ask,
                ),
            ),
            (
                Button(
                    history.format(name=view.mentee_name),
                    action=f"history:{view.pair_id}",
                    short=short_history,
                ),
            ),
        )
    )
    quiet = await quiet_button(ctx)
    return Reply("\n\n".join(parts), buttons=(*buttons, (quiet,), (back_button(ctx),)))


async def on_pairings(ctx: Context, action: str) -> Transition | None:
    if action in ("quiet:on", "quiet:off"):
        await ctx.conversations.set_quiet_nights(action == "quiet:on")
        if action == "quiet:on":
            return stay(
                say(
                    "Quiet nights are on: messages written to you through the bot between 22:00 "
                    "and 8:00 arrive at 8:00."
                )
            )
        return stay(say("Quiet nights are off: messages reach you as soon as they are written."))
    kind, _, code = action.rpartition(":")
    if not code.isdigit():
        return None
    if kind == "write":
        return messages.compose(await ctx.conversations.for_pair(int(code)))
    if kind == "plan:tick":
        return stay() if await ctx.sessions.tick(int(code)) else None
    if kind not in ("ask", "history"):
        return None
    if int(code) not in {view.pair_id for view in await ctx.matching.my_pairings()}:
        return None
    return call(FLOW, kind, data={"pair": int(code)})


async def open_my_mentor(ctx: Context, action: str) -> Transition | None:
    """The "My mentor" button on a notice: works from any screen."""
    return call(FLOW, "my_mentor") if await mine(ctx, "mentee") else None


# --- the sessions held so far ------------------------------------------------------------------


def past_line(ctx: Context, session: PastSession) -> str:
    date = ctx.t.date(session.starts_at)
    if session.status == "missed":
        return ctx._("{date}: did not take place").format(date=date)
    if session.rating is None:
        return ctx._("{date}: held").format(date=date)
    return ctx._("{date}: held, rated {rating} of 5").format(date=date, rating=session.rating)


async def history_screen(ctx: Context) -> Reply:
    sessions = await ctx.sessions.history(ctx.data.get("pair", 0))
    if not sessions:
        text = ctx._("No sessions have taken place yet.")
    else:
        heading = ctx._("Sessions so far, newest first:")
        text = "\n".join([heading, *(f"• {past_line(ctx, session)}" for session in sessions)])
    return Reply(text, buttons=((back_button(ctx),),))


async def menu_rows(ctx: Context) -> list[tuple[Button, ...]]:
    """The main menu's ways to one's mentor or mentees, for who has them."""
    if not ctx.profile.onboarded:
        return []
    roles = {view.role for view in await ctx.matching.my_pairings()}
    rows: list[tuple[Button, ...]] = []
    if "mentee" in roles:
        rows.append((Button(ctx._("🤝 My mentor"), action="menu:my_mentor"),))
    if "mentor" in roles or await is_mentor(ctx):
        rows.append((Button(ctx._("👥 My mentees"), action="menu:my_mentees"),))
    return rows


async def is_mentor(ctx: Context) -> bool:
    application = await ctx.mentoring.my_application()
    return application is not None and application.status == "approved"


# --- asking the coordinators -----------------------------------------------------------------


def ask_screen(ctx: Context) -> Reply:
    text = ctx._(
        "What would you like to ask the coordinators? Only they will see it, and they will get "
        "in touch with you."
    )
    buttons = (
        (Button(ctx._("🛑 End the pairing"), action="ask:end", short=ctx._("🛑 End it")),),
        (Button(ctx._("🔄 Change the pairing"), action="ask:change"),),
        (back_button(ctx),),
    )
    return Reply(text, buttons=buttons)


def on_ask(ctx: Context, action: str) -> Transition | None:
    if action not in ("ask:end", "ask:change"):
        return None
    ctx.data["kind"] = action.removeprefix("ask:")
    return goto(FLOW, "why")


def why_screen(ctx: Context) -> Reply:
    text = ctx._(
        "Would you like to tell the coordinators why? Only they will read it. Write a few "
        "words, or skip this."
    )
    buttons = (
        (Button(ctx._("Skip"), action="why:skip"),),
        (Button(ctx._("⬅️ Back"), action="why:back"),),
    )
    return Reply(text, buttons=buttons)


def on_why_action(ctx: Context, action: str) -> Transition | None:
    if action == "why:back":
        return goto(FLOW, "ask")
    if action != "why:skip":
        return None
    ctx.data.pop("reason", None)
    return goto(FLOW, "confirm")


def on_why(ctx: Context, text: str) -> Transition:
    reason = text.strip()
    if len(reason) > REASON_LIMIT:
        return stay(
            lambda ctx: Reply(
                ctx._("Please keep it to {limit} characters.").format(limit=REASON_LIMIT)
            )
        )
    ctx.data["reason"] = reason
    return goto(FLOW, "confirm")


def confirm_screen(ctx: Context) -> Reply:
    if ctx.data.get("kind") == "end":
        parts = [ctx._("Ask the coordinators to end this pairing?")]
    else:
        parts = [ctx._("Ask the coordinators to change this pairing?")]
    if ctx.data.get("reason"):
        parts.append(ctx._("Your reason: {text}").format(text=ctx.data["reason"]))
    buttons = (
        (Button(ctx._("📨 Send"), action="ask:send"),),
        (Button(ctx._("⬅️ Back"), action="ask:cancel"),),
    )
    return Reply("\n\n".join(parts), buttons=buttons)


async def on_confirm(ctx: Context, action: str) -> Transition | None:
    if action == "ask:cancel":
        return goto(FLOW, "why")
    if action != "ask:send":
        return None
    sent = await ctx.matching.request_change(
        ctx.data.get("pair", 0), ctx.data.get("kind", ""), ctx.data.get("reason") or None
    )
    if not sent:
        return back(say("This pairing has already ended."))
    return back(say("Sent. A coordinator will get in touch with you soon."))


# --- what the two people are sent ------------------------------------------------------------


def _date(t: Translator, iso: str) -> str:
    return t.date(datetime.fromisoformat(iso))


def _planned(t: Translator, payload: PairDates) -> str:
    return t.gettext("Started {start}; planned until {end}.").format(
        start=_date(t, payload["started_at"]), end=_date(t, payload["planned_end_at"])
    )


@notice("pair_intro_mentee")
def mentee_intro_notice(t: Translator, payload: PairIntroMentee) -> list[Reply]:
    languages = language_list(t, payload["languages"])
    parts = [
        t.gettext("Good news: you have a mentor! Meet {name}.").format(name=payload["mentor_name"]),
        t.gettext("Languages: {languages}").format(languages=languages),
        t.gettext("In their own words: {text}").format(text=payload["introduction"]),
        _planned(t, payload),
        t.gettext(
            "Book your first meeting from your mentor's free times, or write to them here: I "
            "pass your words on."
        ),
    ]
    buttons = (
        (
            Button(
                t.gettext("📅 Book our first session"),
                action="book",
                sticky=True,
                short=t.gettext("📅 Book"),
            ),
        ),
        (
            write_button(
                t, t.gettext("✉️ Write to my mentor"), payload, t.gettext("✉️ Write to mentor")
            ),
        ),
    )
    return [Reply("\n\n".join(parts), buttons=buttons)]


def write_button(t: Translator, label: str, payload: PairDates, short: str | None = None) -> Button:
    """From an introduction straight to writing to the other; none on an older notice."""
    action = f"writepair:{payload.get('pair', 0)}"
    return Button(label, action=action, sticky=True, short=short)


@notice("pair_intro_mentor")
def mentor_intro_notice(t: Translator, payload: PairIntroMentor) -> list[Reply]:
    words = Words(t)
    lines = [
        t.gettext("Name: {name}").format(name=payload["mentee_name"]),
        t.gettext("Age group: {age}").format(age=age_label(words, payload["age_group"])),
        t.gettext("Region: {region}").format(
            region=f"{region_label(words, payload['region'])} "
            f"({country_label(words, payload['country'])})"
        ),
        t.gettext("Help with: {areas}").format(
            areas=", ".join(area_label(words, area) for area in payload["areas"])
        ),
        t.gettext("Languages: {languages}").format(
            languages=language_list(t, payload["languages"])
        ),
        t.gettext("Meetings: {format}").format(
            format=meeting_format_label(words, payload["meeting_format"])
        ),
        t.gettext("Usually free: {times}").format(
            times=", ".join(free_time_label(words, time) for time in payload["free_times"])
        ),
    ]
    if payload.get("hopes"):
        lines.append(t.gettext("Their hopes: {text}").format(text=payload["hopes"]))
    parts = [
        t.gettext("You have a new mentee: {name}. Here is what they told us:").format(
            name=payload["mentee_name"]
        ),
        "\n".join(lines),
        _planned(t, payload),
        t.gettext(
            "What they shared is confidential. Set your free times so they can book your first "
            "meeting, or write to them here: I pass your words on."
        ),
    ]
    buttons = (
        (
            write_button(
                t, t.gettext("✉️ Write to my mentee"), payload, t.gettext("✉️ Write to mentee")
            ),
        ),
        (free_times_button(t, "free_times", sticky=True),),
    )
    return [Reply("\n\n".join(parts), buttons=buttons)]


@notice("pair_ended")
def ended_notice(t: Translator, payload: PairEnded) -> list[Reply]:
    parts = [t.gettext("Your pairing with {name} has ended.").format(name=payload["partner"])]
    if payload.get("rematch"):
        parts.append(t.gettext("The coordinators are looking for a new mentor for you."))
    return [*ending_replies(t, parts, payload)]


flow = Flow.of(
    FLOW,
    Step("my_mentor", my_mentor_screen, on_action=on_pairings),
    Step("my_mentees", my_mentees_screen, on_action=on_pairings),
    Step("history", history_screen),
    Step("ask", ask_screen, on_action=on_ask),
    Step("why", why_screen, on_action=on_why_action, on_text=on_why),
    Step("confirm", confirm_screen, on_action=on_confirm),
)
