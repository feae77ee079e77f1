"""Coordinators: pair a waiting young person with a mentor ranked by fit; end a pairing."""

from __future__ import annotations

from dialogs.engine import Context, Flow, Step, Transition, back, call, goto, say, stay
from dialogs.flows.common import back_button, language_list
from dialogs.flows.mentee_signup import describe
from dialogs.flows.messages import talk_button
from dialogs.i18n import Translator
from dialogs.labels import region_label
from dialogs.notice_payloads import StaffPairChange
from dialogs.notices import notice
from dialogs.ports import MatchReason, PairingView, Suggestion
from dialogs.replies import Button, Reply

FLOW = "matching"
PAIR_MONTHS = (6, 9, 12)
REASON_LIMIT = 300


# --- who is waiting --------------------------------------------------------------------------


async def requests_screen(ctx: Context) -> Reply:
    waiting = await ctx.matching.waiting_requests()
    if not waiting:
        return Reply(ctx._("Nobody is waiting for a mentor."), buttons=((back_button(ctx),),))
    text = ctx.ngettext(
        "{count} young person is waiting for a mentor:",
        "{count} young people are waiting for a mentor:",
        len(waiting),
    ).format(count=len(waiting))
    label = ctx._("{name} ({region})")
    # Where buttons are short (Messenger), the name alone: the region is on the next screen.
    buttons = tuple(
        (
            Button(
                label.format(
                    name=item.request.answers.display_name,
                    region=region_label(ctx, item.request.answers.region),
                ),
                action=f"match:{item.mentee_id}",
                short=item.request.answers.display_name,
            ),
        )
        for item in waiting
    )
    return Reply(text, buttons=(*buttons, (back_button(ctx),)))


async def match(ctx: Context, action: str) -> Transition | None:
    """A "match" button, in the list or on a notification: open that young person's request."""
    mentee = action.removeprefix("match:")
    if not mentee.isdigit() or not await ctx.mentoring.is_staff():
        return None
    return call(FLOW, "request", data={"mentee": int(mentee)})


# --- one request and the mentors who fit -----------------------------------------------------


def reason_text(ctx: Context, reason: MatchReason) -> str:
    """One reason for a mentor's rank, in words."""
    if reason.kind == "languages":
        return ctx._("speaks {languages}").format(languages=language_list(ctx.t, reason.values))
    if reason.kind == "areas":
        return ctx.ngettext(
            "{count} area of help in common", "{count} areas of help in common", reason.count
        ).format(count=reason.count)
    if reason.kind == "places":
        return ctx.ngettext("{count} free place", "{count} free places", reason.count).format(
            count=reason.count
        )
    words = {
        "region": ctx._("same region"),
        "country": ctx._("same country"),
        "full": ctx._("no free place"),
    }
    return words[reason.kind]


def suggestion_text(ctx: Context, number: int, suggestion: Suggestion) -> str:
    lines = [ctx._("{number}. {name}").format(number=number, name=suggestion.display_name)]
    lines += [f"• {reason_text(ctx, reason)}" for reason in suggestion.reasons]
    return "\n".join(lines)


async def request_screen(ctx: Context) -> Reply:
    mentee = ctx.data.get("mentee", 0)
    waiting = await ctx.matching.waiting_request(mentee)
    if waiting is None:
        text = ctx._("This request is no longer waiting for a mentor.")
        return Reply(text, buttons=((back_button(ctx),),))
    suggestions = await ctx.matching.suggestions(mentee)
    parts = [
        ctx._("Request for a mentor, sent {date}:").format(
            date=ctx.t.date(waiting.request.submitted_at)
        ),
        describe(ctx, waiting.request.answers, own=False),
    ]
    ranked = [item for item in suggestions if not item.previous]
    before = [item for item in suggestions if item.previous]
    if ranked:
        parts.append(ctx._("Mentors who fit, best first:"))
        parts += [suggestion_text(ctx, n, item) for n, item in enumerate(ranked, 1)]
    elif not before:
        parts.append(ctx._("No approved mentor speaks any of their languages yet."))
    if before:
        names = ", ".join(item.display_name for item in before)
        parts.append(
            ctx._(
                "Their mentor before: {names}. Pair them again only if that is what both want."
            ).format(names=names)
        )
    pair_with, again = ctx._("Pair with {name}"), ctx._("Pair with {name} again")
    # Where buttons are short (Messenger), the mentor's name alone, as the list above has it.
    buttons = tuple(
        (
            Button(
                (again if item.previous else pair_with).format(name=item.display_name),
                action=f"pair:{item.mentor_id}",
                short=item.display_name,
            ),
        )
        for item in [*ranked, *before]
        if item.free_places > 0
    )
    close = Button(
        ctx._("✖️ Close this request"), action="request:close", short=ctx._("✖️ Close request")
    )
    return Reply("\n\n".join(parts), buttons=(*buttons, (close,), (back_button(ctx),)))


def on_request(ctx: Context, action: str) -> Transition | None:
    if action == "request:close":
        return goto(FLOW, "close")
    mentor = action.removeprefix("pair:")
    if not action.startswith("pair:") or not mentor.isdigit():
        return None
    ctx.data["mentor"] = int(mentor)
    return goto(FLOW, "confirm")


# --- closing a request -----------------------------------------------------------------------


def close_screen(ctx: Context) -> Reply:
    text = ctx._(
        "Why is the request closed? The young person will read this, so please be kind and "
        "clear, and say where else they can turn (up to {limit} characters)."
    ).format(limit=REASON_LIMIT)
    return Reply(text, buttons=((back_button(ctx),),))


async def on_close(ctx: Context, text: str) -> Transition:
    reason = text.strip()
    if not 5 <= len(reason) <= REASON_LIMIT:
        return stay(
            lambda ctx: Reply(
                ctx._("Please write between 5 and {limit} characters.").format(limit=REASON_LIMIT)
            )
        )
    if not await ctx.matching.close_request(ctx.data.get("mentee", 0), reason):
        return back(say("This request is no longer waiting for a mentor."))
    return back(say("Closed. The young person has been told, with your reason."))


# --- confirming, with the planned length ----------------------------------------------------


async def chosen(ctx: Context) -> tuple[str, Suggestion] | None:
    """The young person's name and the chosen mentor, if the pairing is still possible."""
    mentee = ctx.data.get("mentee", 0)
    waiting = await ctx.matching.waiting_request(mentee)
    suggestions = await ctx.matching.suggestions(mentee) if waiting else []
    mentor = next((s for s in suggestions if s.mentor_id == ctx.data.get("mentor")), None)
    if waiting is None or mentor is None or mentor.free_places == 0:
        return None
    return waiting.request.answers.display_name, mentor


async def confirm_screen(ctx: Context) -> Reply:
    pick = await chosen(ctx)
    if pick is None:
        return Reply(no_longer_possible(ctx), buttons=((back_button(ctx),),))
    mentee, mentor = pick
    text = ctx._(
        "Pair {mentee} with {mentor}? The pairing starts today; how long should it last? Both "
        "will be introduced to each other."
    ).format(mentee=mentee, mentor=mentor.display_name)
    months = tuple(
        Button(
            ctx.ngettext("{count} month", "{count} months", count).format(count=count),
            action=f"months:{count}",
        )
        for count in PAIR_MONTHS
    )
    return Reply(text, buttons=(months, (Button(ctx._("⬅️ Back"), action="pair:cancel"),)))


def no_longer_possible(ctx: Context) -> str:
    return ctx._(
        "This pairing is no longer possible: the request has been matched meanwhile, or the "
        "mentor has no free place."
    )


async def on_confirm(ctx: Context, action: str) -> Transition | None:
    if action == "pair:cancel":
        return goto(FLOW, "request")
    months = action.removeprefix("months:")
    if not action.startswith("months:") or not months.isdigit() or int(months) not in PAIR_MONTHS:
        return None
    mentee, mentor = ctx.data.get("mentee", 0), ctx.data.get("mentor", 0)
    if not await ctx.matching.create_pair(mentee, mentor, int(months)):
        return goto(FLOW, "request", lambda ctx: Reply(no_longer_possible(ctx)))
    return back(say("Paired. Both have been introduced to each other."))


# --- one pairing, and ending it ----------------------------------------------------------------


async def open_pairing(ctx: Context, action: str) -> Transition | None:
    """A "pairing" button on a request to end or change: open that pairing."""
    pair = action.removeprefix("pairing:")
    if not pair.isdigit() or not await ctx.mentoring.is_staff():
        return None
    return call(FLOW, "pairing", data={"pair": int(pair)})


def pairing_text(ctx: Context, view: PairingView) -> str:
    lines = [
        ctx._("Pairing of {mentor} (mentor) and {mentee} (young person).").format(
            mentor=view.mentor_name, mentee=view.mentee_name
        ),
        ctx._("Started {start}; planned until {end}.").format(
            start=ctx.t.date(view.started_at), end=ctx.t.date(view.planned_end_at)
        ),
    ]
    if view.change_requested_at is not None:
        asked = ctx._("A change was asked for on {date}.")
        lines.append(asked.format(date=ctx.t.date(view.change_requested_at)))
    if view.change_reason:
        lines.append(ctx._("Their reason: {text}").format(text=view.change_reason))
    return "\n".join(lines)


async def pairing_screen(ctx: Context) -> Reply:
    view = await ctx.matching.pairing(ctx.data.get("pair", 0))
    if view is None:
        return Reply(ctx._("This pairing has already ended."), buttons=((back_button(ctx),),))
    buttons = (
        (Button(ctx._("End the pairing"), action="end:stop", short=ctx._("Just end it")),),
        (
            Button(
                ctx._("End it and find a new mentor"),
                action="end:rematch",
                short=ctx._("Find a new mentor"),
            ),
        ),
        (back_button(ctx),),
    )
    return Reply(pairing_text(ctx, view), buttons=buttons)


async def on_pairing(ctx: Context, action: str) -> Transition | None:
    if action not in ("end:stop", "end:rematch"):
        return None
    view = await ctx.matching.pairing(ctx.data.get("pair", 0))
    if view is None:
        return None
    ctx.data["rematch"] = action == "end:rematch"
    ctx.data["mentee"] = view.mentee_id
    return goto(FLOW, "end")


def end_screen(ctx: Context) -> Reply:
    if ctx.data.get("rematch"):
        text = ctx._(
            "End this pairing and look for a new mentor? Both will be told, and the young "
            "person's request waits for a match again."
        )
    else:
        text = ctx._("End this pairing? Both will be told.")
    buttons = (
        (Button(ctx._("Yes, end it"), action="end:yes"),),
        (Button(ctx._("⬅️ Back"), action="end:no"),),
    )
    return Reply(text, buttons=buttons)


async def on_end(ctx: Context, action: str) -> Transition | None:
    if action == "end:no":
        return goto(FLOW, "pairing")
    if action != "end:yes":
        return None
    rematch = bool(ctx.data.get("rematch"))
    if not await ctx.matching.end_pair(ctx.data.get("pair", 0), rematch):
        return back(say("This pairing has already ended."))
    if rematch and ctx.data.get("mentee"):
        # The next step at once: the mentors who fit, to pick the new one from.
        return goto(
            FLOW, "request", say("The pairing has ended. Both have been told. Now a new mentor:")
        )
    return back(say("The pairing has ended. Both have been told."))


# --- what coordinators are sent --------------------------------------------------------------


@notice("staff_pair_change")
def pair_change_notice(t: Translator, payload: StaffPairChange) -> list[Reply]:
    names = {"mentor": payload["mentor"], "mentee": payload["mentee"]}
    texts = {
        ("end", True): t.gettext(
            "The mentor {mentor} asks to end the pairing with the young person {mentee}."
        ),
        ("end", False): t.gettext(
            "The young person {mentee} asks to end the pairing with the mentor {mentor}."
        ),
        ("change", True): t.gettext(
            "The mentor {mentor} asks to change the pairing with the young person {mentee}."
        ),
        ("change", False): t.gettext(
            "The young person {mentee} asks to change the pairing with the mentor {mentor}."
        ),
    }
    text = texts[payload["kind"], bool(payload["by_mentor"])].format(**names)
    if payload.get("reason"):
        text += "\n\n" + t.gettext("Their reason: {text}").format(text=payload["reason"])
    button = Button(
        t.gettext("🧩 Open the pairing"), action=f"pairing:{payload['pair']}", sticky=True
    )
    rows: tuple[tuple[Button, ...], ...] = ((button,),)
    if payload.get("by"):
        rows = (*rows, (talk_button(t, payload["by"]),))
    return [Reply(text, buttons=rows)]


flow = Flow.of(
    FLOW,
    Step("requests", requests_screen),
    Step("request", request_screen, on_action=on_request),
    Step("close", close_screen, on_text=on_close),
    Step("confirm", confirm_screen, on_action=on_confirm),
    Step("pairing", pairing_screen, on_action=on_pairing),
    Step("end", end_screen, on_action=on_end),
)
