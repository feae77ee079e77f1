"""What the bot keeps about the user; agree later, or withdraw consent and delete it."""

from __future__ import annotations

from dialogs.engine import Context, Flow, Step, Transition, back, goto, say
from dialogs.flows.common import back_button
from dialogs.flows.onboarding import age_label, privacy_summary
from dialogs.labels import country_label
from dialogs.replies import Button, Reply

FLOW = "privacy"


def overview_screen(ctx: Context) -> Reply:
    profile = ctx.profile
    if profile.consent_at is None:
        text = "\n\n".join((*privacy_summary(ctx), ctx._("You have not agreed, so that is all.")))
        buttons = ((Button(ctx._("✅ I agree"), action="privacy:agree"),), (back_button(ctx),))
        return Reply(text, buttons=buttons)
    kept = [ctx._("What I keep about you:"), ctx._("• chat number and language")]
    if profile.country:
        kept.append(
            ctx._("• country: {country}").format(country=country_label(ctx, profile.country))
        )
    if profile.age_group:
        kept.append(ctx._("• age group: {age}").format(age=age_label(ctx, profile.age_group)))
    kept.append(ctx._("• you agreed on {date}").format(date=ctx.t.date(profile.consent_at)))
    text = "\n\n".join(("\n".join(kept), privacy_summary(ctx)[1]))
    buttons = ((Button(ctx._("🗑 Delete my data"), action="privacy:delete"),), (back_button(ctx),))
    return Reply(text, buttons=buttons)


def on_overview(ctx: Context, action: str) -> Transition | None:
    if action == "privacy:agree" and ctx.profile.consent_at is None:
        ctx.conversation.stack.clear()
        return goto("onboarding", "privacy")
    if action == "privacy:delete" and ctx.profile.consent_at is not None:
        return goto(FLOW, "confirm_delete")
    return None


def confirm_delete_screen(ctx: Context) -> Reply:
    text = ctx._(
        "This deletes your country, age group and consent, and any request for a mentor or "
        "application to mentor. I keep only your chat number and language, so that I can still "
        "answer you. Delete?"
    )
    buttons = (
        (Button(ctx._("Yes, delete"), action="privacy:confirm"),),
        (Button(ctx._("No, keep it"), action="back"),),
    )
    return Reply(text, buttons=buttons)


def on_confirm_delete(ctx: Context, action: str) -> Transition | None:
    if action != "privacy:confirm":
        return None
    ctx.profile.forget_personal_data()
    ctx.refresh_translator()
    return back(say("Done: your data is deleted."))


flow = Flow.of(
    FLOW,
    Step("overview", overview_screen, on_action=on_overview),
    Step("confirm_delete", confirm_delete_screen, on_action=on_confirm_delete),
)
