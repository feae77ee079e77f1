"""What the bot keeps about the user: see all of it, take a copy, agree later, or erase it."""

from __future__ import annotations

from collections.abc import Callable

from dialogs.engine import Context, Flow, Step, Transition, goto
from dialogs.flows.common import back_button
from dialogs.flows.my_data import send_copy
from dialogs.flows.onboarding import privacy_summary
from dialogs.labels import age_label, country_label
from dialogs.ports import PersonalData
from dialogs.replies import Button, Reply

FLOW = "privacy"


def kept_lines(ctx: Context, data: PersonalData) -> list[str]:
    """Every kind of data actually kept, one line each."""
    profile = ctx.profile
    lines = [ctx._("• your chat number and language")]
    if profile.country:
        lines.append(
            ctx._("• country: {country}").format(country=country_label(ctx, profile.country))
        )
    if profile.age_group:
        lines.append(ctx._("• age group: {age}").format(age=age_label(ctx, profile.age_group)))
    if profile.consent_at is not None:
        lines.append(ctx._("• you agreed on {date}").format(date=ctx.t.date(profile.consent_at)))
    counted: dict[str, Callable[[int], str]] = {
        "pair": lambda n: ctx.ngettext("• {count} pairing", "• {count} pairings", n),
        "session": lambda n: ctx.ngettext(
            "• {count} session, with its rating", "• {count} sessions, with their ratings", n
        ),
        "plan_item": lambda n: ctx.ngettext(
            "• {count} step of a plan", "• {count} steps of plans", n
        ),
        "conversation": lambda n: ctx.ngettext(
            "• {count} conversation through the bot: who and when; the words only for a week, "
            "so a message can be reported",
            "• {count} conversations through the bot: who and when; the words only for a week, "
            "so a message can be reported",
            n,
        ),
        "message": lambda n: ctx.ngettext(
            "• {count} message waiting to be sent to you",
            "• {count} messages waiting to be sent to you",
            n,
        ),
    }
    present = {
        "guardian": ctx._("• your parent's or guardian's answer"),
        "guardian_given": ctx._("• your name as the parent or guardian who agreed"),
        "request": ctx._("• your request for a mentor, with your answers"),
        "application": ctx._("• your mentor application, with your answers"),
        "staff": ctx._("• your coordinator role"),
        "free_time": ctx._("• your free times"),
        "day_off": ctx._("• your days off"),
        "audit": ctx._("• the coordinators' record of actions about you or by you"),
        "subscription": ctx._("• the campaign news you asked for"),
        "interest": ctx._("• the opportunities you said you are interested in"),
        "helped": ctx._("• the stories you said helped you"),
    }
    for kind in data.kinds():
        if kind in counted:
            count = data.count(kind)
            lines.append(counted[kind](count).format(count=count))
        elif kind in present:
            lines.append(present[kind])
    return lines


async def overview_screen(ctx: Context) -> Reply:
    data = await ctx.privacy.export()
    copy = Button(ctx._("📦 Send me a copy"), action="privacy:copy")
    delete = Button(ctx._("🗑 Delete everything"), action="privacy:delete")
    if ctx.profile.consent_at is None:
        text = "\n\n".join((*privacy_summary(ctx), ctx._("You have not agreed, so that is all.")))
        agree = Button(ctx._("✅ I agree"), action="privacy:agree")
        return Reply(text, buttons=((agree,), (copy,), (delete,), (back_button(ctx),)))
    kept = "\n".join((ctx._("What I keep about you:"), *kept_lines(ctx, data)))
    text = "\n\n".join((kept, *privacy_summary(ctx)[1:]))
    return Reply(text, buttons=((copy,), (delete,), (back_button(ctx),)))


async def on_overview(ctx: Context, action: str) -> Transition | None:
    if action == "privacy:agree" and ctx.profile.consent_at is None:
        ctx.conversation.stack.clear()
        return goto("onboarding", "privacy")
    if action == "privacy:copy":
        return await send_copy(ctx)
    if action == "privacy:delete":
        return goto(FLOW, "confirm_delete")
    return None


async def confirm_delete_screen(ctx: Context) -> Reply:
    parts = [ctx._("This deletes everything I keep about you, at once and for good.")]
    for pairing in await ctx.matching.my_pairings():
        partner = pairing.mentee_name if pairing.role == "mentor" else pairing.mentor_name
        parts.append(
            ctx._(
                "Your pairing with {name} ends, and your booked sessions are cancelled. {name} "
                "and the coordinators are told that you have left, with no details."
            ).format(name=partner or "—")
        )
    parts.append(
        ctx._(
            "Our chat stays on your phone; you can delete it there. If you write to me again, "
            "we start from the beginning. Delete everything?"
        )
    )
    buttons = (
        (
            Button(
                ctx._("Yes, delete everything"),
                action="privacy:confirm",
                short=ctx._("Yes, delete all"),
            ),
        ),
        (Button(ctx._("No, keep it"), action="back"),),
    )
    return Reply("\n\n".join(parts), buttons=buttons)


async def on_confirm_delete(ctx: Context, action: str) -> Transition | None:
    if action != "privacy:confirm":
        return None
    await ctx.privacy.erase()
    return goto(FLOW, "erased")


def erased_screen(ctx: Context) -> Reply:
    return Reply(
        ctx._(
            "Done: I have deleted everything about you. If you write to me again, we start from "
            "the beginning. Take care!"
        )
    )


flow = Flow.of(
    FLOW,
    Step("overview", overview_screen, on_action=on_overview),
    Step("confirm_delete", confirm_delete_screen, on_action=on_confirm_delete),
    Step("erased", erased_screen),
)
