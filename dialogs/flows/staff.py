"""Coordinators: review mentor applications, approve or decline with a reason, grant the role."""

from __future__ import annotations

from dialogs.engine import Context, Flow, Step, Transition, back, call, goto, say, stay
from dialogs.flows.common import back_button
from dialogs.flows.mentor_application import describe
from dialogs.i18n import Translator
from dialogs.labels import status_label
from dialogs.notice_payloads import MentorApproved, MentorDeclined, StaffNewApplication
from dialogs.notices import notice
from dialogs.replies import Button, Reply

FLOW = "staff"
REASON_LIMIT = 300


async def applications_screen(ctx: Context) -> Reply:
    waiting = await ctx.mentoring.pending_applications()
    if not waiting:
        return Reply(ctx._("No applications are waiting."), buttons=((back_button(ctx),),))
    text = ctx.ngettext(
        "{count} mentor application is waiting:",
        "{count} mentor applications are waiting:",
        len(waiting),
    ).format(count=len(waiting))
    buttons = tuple(
        (Button(view.answers.display_name, action=f"review:{view.applicant_id}"),)
        for view in waiting
    )
    return Reply(text, buttons=(*buttons, (back_button(ctx),)))


async def application_screen(ctx: Context) -> Reply:
    view = await ctx.mentoring.application(ctx.data.get("applicant", 0))
    if view is None:
        return Reply(ctx._("This application no longer exists."), buttons=((back_button(ctx),),))
    text = "\n\n".join(
        (
            ctx._("Mentor application, sent {date}:").format(date=ctx.t.date(view.submitted_at)),
            describe(ctx, view.answers, own=False),
            ctx._("Status: {status}").format(status=status_label(ctx, view.status)),
        )
    )
    rows: list[tuple[Button, ...]] = []
    if view.status == "submitted":
        rows.append(
            (
                Button(ctx._("✅ Approve"), action="decide:approve"),
                Button(ctx._("❌ Decline"), action="decide:decline"),
            )
        )
    rows.append((back_button(ctx),))
    return Reply(text, buttons=tuple(rows))


async def on_application(ctx: Context, action: str) -> Transition | None:
    applicant = ctx.data.get("applicant", 0)
    if action not in ("decide:approve", "decide:decline"):
        return None
    if await ctx.mentoring.application(applicant) is None:
        return None
    return goto(FLOW, "approve" if action == "decide:approve" else "reason")


async def approve_screen(ctx: Context) -> Reply:
    view = await ctx.mentoring.application(ctx.data.get("applicant", 0))
    name = view.answers.display_name if view else "—"
    text = ctx._(
        "Approve {name} as a mentor? They will be told at once, and can set their free times."
    ).format(name=name)
    buttons = (
        (Button(ctx._("✅ Yes, approve"), action="decide:yes"),),
        (Button(ctx._("⬅️ Back"), action="decide:back"),),
    )
    return Reply(text, buttons=buttons)


async def on_approve(ctx: Context, action: str) -> Transition | None:
    if action == "decide:back":
        return goto(FLOW, "application")
    if action != "decide:yes":
        return None
    if not await ctx.mentoring.decide(ctx.data.get("applicant", 0), approve=True, reason=None):
        return back(say("Someone has already decided on this application."))
    return back(say("Approved. The applicant has been told."))


def reason_screen(ctx: Context) -> Reply:
    text = ctx._(
        "Why is the application declined? The applicant will read this, so please be kind "
        "and clear (up to {limit} characters)."
    ).format(limit=REASON_LIMIT)
    return Reply(text, buttons=((back_button(ctx),),))


async def on_reason(ctx: Context, text: str) -> Transition:
    reason = text.strip()
    if not 5 <= len(reason) <= REASON_LIMIT:
        return stay(
            lambda ctx: Reply(
                ctx._("Please write between 5 and {limit} characters.").format(limit=REASON_LIMIT)
            )
        )
    ctx.data["reason"] = reason
    return goto(FLOW, "decline")


def decline_screen(ctx: Context) -> Reply:
    text = "\n\n".join(
        (
            ctx._("Decline the application with this reason? The applicant will read it:"),
            ctx.data.get("reason", ""),
        )
    )
    buttons = (
        (Button(ctx._("❌ Yes, decline"), action="decide:yes"),),
        (
            Button(
                ctx._("✏️ Change the reason"),
                action="decide:edit",
                short=ctx._("✏️ Edit the reason"),
            ),
        ),
        (Button(ctx._("⬅️ Back"), action="decide:back"),),
    )
    return Reply(text, buttons=buttons)


async def on_decline(ctx: Context, action: str) -> Transition | None:
    if action == "decide:back":
        return goto(FLOW, "application")
    if action == "decide:edit":
        return goto(FLOW, "reason")
    if action != "decide:yes":
        return None
    applicant, reason = ctx.data.get("applicant", 0), ctx.data.get("reason", "")
    if not await ctx.mentoring.decide(applicant, approve=False, reason=reason):
        return back(say("Someone has already decided on this application."))
    return back(say("Declined. The applicant has been told, with your reason."))


async def review(ctx: Context, action: str) -> Transition | None:
    """A "review" button, in the list or on a notification: open that application."""
    applicant = action.removeprefix("review:")
    if not applicant.isdigit() or not await ctx.mentoring.is_staff():
        return None
    return call(FLOW, "application", data={"applicant": int(applicant)})


async def grant(ctx: Context, args: str) -> Transition:
    """/grant_staff <id>: an admin makes someone a coordinator, on either channel."""
    target = args.strip()
    if target and await ctx.mentoring.grant_staff(target):
        return stay(say("Done: they are now a coordinator."))
    return stay(
        say(
            "Only admins can do this, for someone who has already written to the bot: "
            "/grant_staff followed by their id, as telegram:12345 or messenger:12345 (a number "
            "alone is an id on your own channel)."
        )
    )


@notice("staff_new_application")
def new_application_notice(t: Translator, payload: StaffNewApplication) -> list[Reply]:
    text = t.gettext("New mentor application from {name}.").format(name=payload["name"])
    review_button = Button(
        t.gettext("👀 Review"), action=f"review:{payload['applicant']}", sticky=True
    )
    return [Reply(text, buttons=((review_button,),))]


@notice("mentor_approved")
def approved_notice(t: Translator, payload: MentorApproved) -> list[Reply]:
    text = t.gettext(
        "Good news: your mentor application is approved! Set your free times now, so that your "
        "future mentee can book meetings with you. The coordinators will be in touch about "
        "training."
    )
    free_times = Button(
        t.gettext("🗓 Set my free times"),
        action="free_times",
        sticky=True,
        short=t.gettext("🗓 Set free times"),
    )
    return [Reply(text, buttons=((free_times,),))]


@notice("mentor_declined")
def declined_notice(t: Translator, payload: MentorDeclined) -> list[Reply]:
    text = "\n\n".join(
        (
            t.gettext("The coordinators could not accept your mentor application this time."),
            t.gettext("Their reason: {reason}").format(reason=payload["reason"]),
        )
    )
    return [Reply(text)]


flow = Flow.of(
    FLOW,
    Step("applications", applications_screen),
    Step("application", application_screen, on_action=on_application),
    Step("approve", approve_screen, on_action=on_approve),
    Step("reason", reason_screen, on_text=on_reason),
    Step("decline", decline_screen, on_action=on_decline),
)
