"""Ask for a mentor: name, region, areas, languages, format, free times, hopes, summary."""

from __future__ import annotations

from dialogs.engine import Context, Flow, Step, Transition, goto, say, stay
from dialogs.flows.common import HOME, back_button, language_list, sos_button
from dialogs.flows.messages import talk_button
from dialogs.i18n import Translator
from dialogs.labels import (
    age_label,
    area_label,
    country_label,
    free_time_label,
    meeting_format_label,
    region_label,
    request_status_label,
)
from dialogs.notice_payloads import RequestClosed, StaffNewRequest
from dialogs.notices import notice
from dialogs.ports import MenteeAnswers, MenteeRequestView
from dialogs.programme import (
    FREE_TIMES,
    HOPES_LIMIT,
    MEETING_FORMATS,
    MENTEE_AGE_GROUPS,
)
from dialogs.questionnaire import Questionnaire, area_options, language_options
from dialogs.replies import Button, Reply
from dialogs.text import has_letter

FLOW = "mentee_signup"
FORM = Questionnaire(FLOW, ("name", "region", "areas", "languages", "format", "times", "hopes"))


def may_sign_up(ctx: Context) -> bool:
    """Onboarded young people aged 13-25 (below 13 the programme is not for them yet)."""
    profile = ctx.profile
    return profile.onboarded and profile.age_group in MENTEE_AGE_GROUPS


def may_see_signup(ctx: Context) -> bool:
    """Who the menu offers mentoring: those who may sign up, and children told why not yet."""
    return may_sign_up(ctx) or (ctx.profile.onboarded and ctx.profile.age_group == "under13")


def is_active(request: MenteeRequestView | None) -> bool:
    return request is not None and request.status not in ("withdrawn", "closed")


# --- start: what mentoring is, or where their request stands ---------------------------------


def explanation(ctx: Context) -> list[str]:
    return [
        ctx._(
            "A mentor is a volunteer aged 20 or older who meets you for an hour at least twice "
            "a month, for 6 to 12 months. Together you talk about what matters to you and agree "
            "on small steps until the next meeting."
        ),
        ctx._(
            "What you talk about stays between the two of you. Only if someone is in danger "
            "would your mentor or the coordinators step in to help."
        ),
        ctx._(
            "A few questions follow (about two minutes). The coordinators use your answers to "
            "find a mentor who fits you."
        ),
    ]


def closed_reason_text(ctx: Context, reason: str) -> str:
    return ctx._("The coordinators' message: {reason}").format(reason=reason)


def status_text(ctx: Context, request: MenteeRequestView) -> str:
    return ctx._("Your mentor request: {status}.").format(
        status=request_status_label(ctx, request.status)
    )


def status_screen(ctx: Context, request: MenteeRequestView) -> Reply:
    parts = [status_text(ctx, request)]
    if request.status == "waiting":
        parts.append(
            ctx._(
                "The coordinators are looking for a mentor who fits you. I will let you know "
                "when they have found one."
            )
        )
    if request.status != "waiting":  # matched: the pairing's own screen offers the way out
        return Reply("\n\n".join(parts), buttons=((back_button(ctx),),))
    buttons = (
        (Button(ctx._("Withdraw my request"), action="signup:withdraw"),),
        (back_button(ctx),),
    )
    return Reply("\n\n".join(parts), buttons=buttons)


def too_young_screen(ctx: Context) -> Reply:
    text = "\n\n".join(
        (
            ctx._(
                "The mentoring programme is for young people aged 13 to 25, so I cannot look for "
                "a mentor for you yet."
            ),
            ctx._(
                "Until then, you can always talk to someone: the children and youth helpline "
                "116111 is free and anonymous, and a school psychologist, a social worker or a "
                "teacher you trust can help too."
            ),
        )
    )
    return Reply(text, buttons=((sos_button(ctx),), (back_button(ctx),)))


async def intro_screen(ctx: Context) -> Reply:
    if not may_sign_up(ctx):
        return too_young_screen(ctx)
    request = await ctx.signup.my_request()
    if request is not None and is_active(request):
        return status_screen(ctx, request)
    parts = explanation(ctx)
    if request is not None:  # withdrawn or closed: say so, and offer to sign up again
        parts.insert(0, status_text(ctx, request))
        if request.closed_reason:
            parts.insert(1, closed_reason_text(ctx, request.closed_reason))
    buttons = ((Button(ctx._("Start"), action="signup:start"),), (back_button(ctx),))
    return Reply("\n\n".join(parts), buttons=buttons)


async def on_intro(ctx: Context, action: str) -> Transition | None:
    request = await ctx.signup.my_request()
    active = is_active(request)
    if action == "signup:withdraw" and request is not None and request.status == "waiting":
        return goto(FLOW, "withdraw")
    if action != "signup:start" or active or not may_sign_up(ctx):
        return None
    ctx.data.clear()
    ctx.data["country"] = ctx.profile.country or "LV"
    return goto(FLOW, "name")


# --- withdrawing -----------------------------------------------------------------------------


def withdraw_screen(ctx: Context) -> Reply:
    text = ctx._(
        "Withdraw your request? The coordinators will stop looking for a mentor for you. You "
        "can sign up again at any time."
    )
    buttons = (
        (Button(ctx._("Yes, withdraw"), action="signup:confirm"),),
        (Button(ctx._("No, keep my request"), action="signup:keep", short=ctx._("No, keep it")),),
    )
    return Reply(text, buttons=buttons)


async def on_withdraw(ctx: Context, action: str) -> Transition | None:
    if action == "signup:keep":
        return goto(FLOW, "intro")
    if action != "signup:confirm":
        return None
    if not await ctx.signup.withdraw_request():
        return goto(FLOW, "intro")
    return goto(FLOW, "intro", say("Done: your request is withdrawn."))


# --- hopes: the typed answer ----------------------------------------------------------------


def hopes_screen(ctx: Context) -> Reply:
    prompt = ctx._(
        "What do you hope for from having a mentor? Write it in your own words (up to {limit} "
        "characters), or skip this question."
    ).format(limit=HOPES_LIMIT)
    skip = Button(ctx._("Skip"), action="hopes:skip")
    buttons = FORM.nav_rows(ctx, skip, *FORM.next_button(ctx, "hopes"))
    return Reply(FORM.with_answer(ctx, "hopes", prompt), buttons=buttons)


def on_hopes_action(ctx: Context, action: str) -> Transition | None:
    if action != "hopes:skip":
        return None
    ctx.data["hopes"] = ""
    return FORM.next_step(ctx, "hopes")


def on_hopes(ctx: Context, text: str) -> Transition:
    hopes = text.strip()
    if len(hopes) > HOPES_LIMIT:
        count = len(hopes)
        return stay(
            lambda ctx: Reply(
                ctx.ngettext(
                    "That is {count} character; please keep it to {limit}.",
                    "That is {count} characters; please keep it to {limit}.",
                    count,
                ).format(count=count, limit=HOPES_LIMIT)
            )
        )
    if not has_letter(hopes):  # nothing, or only emoji and signs
        return stay(say("Please write a few words, or press Skip."))
    ctx.data["hopes"] = hopes
    return FORM.next_step(ctx, "hopes")


# --- the fixed choices -----------------------------------------------------------------------


def format_options(ctx: Context) -> list[tuple[str, str]]:
    return [(value, meeting_format_label(ctx, value)) for value in MEETING_FORMATS]


def time_options(ctx: Context) -> list[tuple[str, str]]:
    return [(value, free_time_label(ctx, value)) for value in FREE_TIMES]


# --- summary and sending ---------------------------------------------------------------------


def answers(ctx: Context) -> MenteeAnswers:
    data = ctx.data
    return MenteeAnswers(
        display_name=data["name"],
        age_group=ctx.profile.age_group or "",
        country=data["country"],
        region=data["region"],
        areas=tuple(data["areas"]),
        languages=tuple(data["languages"]),
        meeting_format=data["format"],
        free_times=tuple(data["times"]),
        hopes=data.get("hopes") or None,
    )


def describe(ctx: Context, given: MenteeAnswers, own: bool = True) -> str:
    """The answers as a readable list; also what coordinators will see when matching."""
    lines = [ctx._("Name: {name}").format(name=given.display_name)]
    if given.age_group:
        lines.append(ctx._("Age group: {age}").format(age=age_label(ctx, given.age_group)))
    lines += [
        ctx._("Region: {region}").format(
            region=f"{region_label(ctx, given.region)} ({country_label(ctx, given.country)})"
        ),
        ctx._("Help with: {areas}").format(
            areas=", ".join(area_label(ctx, area) for area in given.areas)
        ),
        ctx._("Languages: {languages}").format(languages=language_list(ctx.t, given.languages)),
        ctx._("Meetings: {format}").format(format=meeting_format_label(ctx, given.meeting_format)),
        ctx._("Usually free: {times}").format(
            times=", ".join(free_time_label(ctx, time) for time in given.free_times)
        ),
    ]
    if given.hopes:
        # The young person reads their own answers; coordinators read about someone else.
        hopes = ctx._("Your hopes: {text}") if own else ctx._("Their hopes: {text}")
        lines.append(hopes.format(text=given.hopes))
    return "\n".join(lines)


def summary_screen(ctx: Context) -> Reply:
    edits = [
        ("name", ctx._("Name")),
        ("region", ctx._("Region")),
        ("areas", ctx._("Areas")),
        ("languages", ctx._("Languages")),
        ("format", ctx._("How to meet")),
        ("times", ctx._("When you are free")),
        ("hopes", ctx._("Your hopes")),
    ]
    send = Button(ctx._("📨 Send"), action="signup:send")
    return FORM.summary(ctx, describe(ctx, answers(ctx)), edits, send)


async def on_summary(ctx: Context, action: str) -> Transition | None:
    if action.startswith("edit:"):
        return FORM.edit_target(action)
    if action != "signup:send":
        return None
    if not may_sign_up(ctx):  # consent withdrawn meanwhile: keep nothing
        ctx.data.clear()
        return goto(*HOME, say("Cancelled. Nothing was sent."))
    await ctx.signup.submit_request(answers(ctx))
    ctx.data.clear()
    return goto(
        *HOME,
        say(
            "Thank you! Your request is with the coordinators. They will look for a mentor who "
            "fits you, and I will let you know. You can see its status in the menu at any time."
        ),
    )


# --- what coordinators are sent --------------------------------------------------------------


class _Words:
    """Lend a notice's translator to the label functions, which speak through `_`."""

    def __init__(self, t: Translator) -> None:
        self._ = t.gettext


@notice("request_closed")
def request_closed_notice(t: Translator, payload: RequestClosed) -> list[Reply]:
    text = "\n\n".join(
        (
            t.gettext("The coordinators have closed your request for a mentor."),
            t.gettext("The coordinators' message: {reason}").format(reason=payload["reason"]),
            t.gettext("You can send a new request from the menu whenever you like."),
        )
    )
    return [Reply(text)]


@notice("staff_new_request")
def new_request_notice(t: Translator, payload: StaffNewRequest) -> list[Reply]:
    text = t.gettext("New mentee request from {name} ({region}).").format(
        name=payload["name"], region=region_label(_Words(t), payload["region"])
    )
    if "mentee" not in payload:  # queued before matching existed
        return [Reply(text)]
    match = Button(
        t.gettext("🧩 Match"),
        action=f"match:{payload['mentee']}",
        sticky=True,
        short=t.gettext("🧩 Find a match"),
    )
    return [Reply(text, buttons=((match,), (talk_button(t, payload["mentee"]),)))]


flow = Flow.of(
    FLOW,
    Step("intro", intro_screen, on_action=on_intro),
    Step("withdraw", withdraw_screen, on_action=on_withdraw),
    FORM.name_step(
        lambda ctx: ctx._("Which name should your mentor see? Your first name is enough.")
    ),
    FORM.region_step("region", lambda ctx: ctx._("Where do you live?")),
    FORM.multi_select(
        "areas",
        lambda ctx: ctx._("What would you like help with? Choose all that apply."),
        area_options,
    ),
    FORM.multi_select(
        "languages",
        lambda ctx: ctx._("In which languages would you like to talk? Choose all that apply."),
        language_options,
        per_row=2,
    ),
    FORM.single_choice(
        "format", lambda ctx: ctx._("How would you like to meet your mentor?"), format_options
    ),
    FORM.multi_select(
        "times",
        lambda ctx: ctx._("When are you usually free? Choose all that apply."),
        time_options,
    ),
    Step(
        "hopes",
        hopes_screen,
        on_action=FORM.with_navigation("hopes", on_hopes_action),
        on_text=on_hopes,
    ),
    Step("summary", summary_screen, on_action=FORM.with_navigation("summary", on_summary)),
    FORM.discard_step(),
)
