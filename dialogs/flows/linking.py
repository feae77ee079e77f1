"""Reminders on a second channel: a Messenger person links their Telegram account.

On Messenger the bot may write only within a day of the person's last message, so it cannot
promise reminders there. The person asks for a one-time link here and opens it on Telegram;
that account then speaks as them, and reminders and news reach them there.
"""

from __future__ import annotations

from dialogs.engine import Context, Flow, Step, Transition, call, goto, say, stay
from dialogs.flows.common import back_button
from dialogs.replies import Button, Reply

FLOW = "linking"
LINK_PREFIX = "link-"


def start(code: str) -> Transition:
    """Someone opened a link on the second channel: ask before linking."""
    return call(FLOW, "confirm", data={"code": code})


def open_offer(ctx: Context, action: str) -> Transition:
    return call(FLOW, "offer")


async def offer_screen(ctx: Context) -> Reply:
    if await ctx.linking.linked():
        text = ctx._("Your Telegram account is linked: reminders and news reach you there.")
        return Reply(text, buttons=((back_button(ctx),),))
    offer = await ctx.linking.offer()
    if offer is None:
        text = ctx._("Reminders on Telegram are not available here.")
        return Reply(text, buttons=((back_button(ctx),),))
    text = ctx.ngettext(
        "To get reminders on Telegram, open this link on the phone where you use Telegram:\n"
        "{link}\n\nIt works once, for {minutes} minute. After that, you can write to me here "
        "or on Telegram: it is the same conversation.",
        "To get reminders on Telegram, open this link on the phone where you use Telegram:\n"
        "{link}\n\nIt works once, for {minutes} minutes. After that, you can write to me here "
        "or on Telegram: it is the same conversation.",
        offer.minutes,
    ).format(link=offer.links[0], minutes=offer.minutes)
    return Reply(text, buttons=((back_button(ctx),),))


def confirm_screen(ctx: Context) -> Reply:
    text = ctx._(
        "Link this Telegram account to your profile from Messenger? Reminders and news will then "
        "come here, and you can talk to me here as there."
    )
    return Reply(
        text,
        buttons=(
            (Button(ctx._("✅ Yes, link it"), action="link:yes"),),
            (Button(ctx._("Cancel"), action="link:no"),),
        ),
    )


async def on_confirm(ctx: Context, action: str) -> Transition | None:
    if action == "link:no":
        return goto("onboarding", "welcome") if not ctx.profile.onboarded else goto("menu", "main")
    if action != "link:yes":
        return None
    outcome = await ctx.linking.link(str(ctx.data.get("code", "")))
    if outcome == "ok":
        return goto(FLOW, "linked")
    notes = {
        "gone": say("This link has expired or was used already. Ask for a new one on Messenger."),
        "own": say("This is the account the link was made on: open it on Telegram instead."),
        "taken": say(
            "This Telegram account already has its own profile here, so it cannot be linked. "
            "Delete that profile first (🔒 Privacy), or use another account."
        ),
    }
    return stay(notes.get(outcome, notes["gone"]))


def linked_screen(ctx: Context) -> Reply:
    text = ctx._("Done: this Telegram account is linked. Reminders and news will come here.")
    # Sticky: the next press already speaks as the linked person, whose screens it opens.
    menu = Button(ctx._("Open the menu"), action="menu", sticky=True)
    return Reply(text, buttons=((menu,),))


flow = Flow.of(
    FLOW,
    Step("offer", offer_screen),
    Step("confirm", confirm_screen, on_action=on_confirm),
    Step("linked", linked_screen),
)
