"""Writing through the bot: to one's mentor or mentee between sessions, or with a coordinator.

Each side writes on their own channel and reads the other's words with their name (the
coordinators write as "the coordinators"); no phone number or account is ever shown.
"""

from __future__ import annotations

from dialogs.engine import Context, Flow, Step, Transition, back, call, say, stay
from dialogs.flows.common import back_button
from dialogs.i18n import Translator
from dialogs.notice_payloads import ConversationClosed, RelayMessage, StaffReport
from dialogs.notices import notice
from dialogs.ports import ConversationView
from dialogs.replies import Button, Reply

FLOW = "messages"
MESSAGE_LIMIT = 2000  # a phone screen or two; Messenger splits longer texts anyway


def to_whom(ctx: Context, view: ConversationView) -> str:
    if view.partner_role == "coordinators":
        return ctx._("Write your message to the programme's coordinators.")
    if view.partner_role == "person":
        return ctx._(
            "Write your message to {name} (no. {number}). They see it comes from the "
            "programme's coordinators, not your name."
        ).format(name=view.partner or "—", number=view.partner_number)
    return ctx._(
        "Write your message to {name}. I pass it on; neither of you sees the other's phone "
        "number or account."
    ).format(name=view.partner or "—")


async def compose_screen(ctx: Context) -> Reply:
    view = await ctx.conversations.view(ctx.data.get("conversation", 0))
    if view is None:
        return Reply(ctx._("This conversation has ended."), buttons=((back_button(ctx),),))
    return Reply(to_whom(ctx, view), buttons=((Button(ctx._("Cancel"), action="back"),),))


async def on_compose(ctx: Context, text: str) -> Transition:
    message = text.strip()
    if not message:
        return stay()
    if len(message) > MESSAGE_LIMIT:
        return stay(
            lambda ctx: Reply(
                ctx._("Please keep it to {limit} characters, or send it in parts.").format(
                    limit=MESSAGE_LIMIT
                )
            )
        )
    outcome = await ctx.conversations.send(ctx.data.get("conversation", 0), message)
    if outcome == "later":
        return back(say("Passed on. They have asked for quiet nights, so it reaches them at 8:00."))
    if outcome != "sent":
        return back(say("This conversation has ended."))
    return back(say("Passed on."))


def compose(view: ConversationView | None) -> Transition | None:
    """Open the writing step for a conversation one may write in."""
    if view is None:
        return stay(say("This conversation has ended."))
    return call(FLOW, "compose", data={"conversation": view.id})


# --- buttons that work from any screen --------------------------------------------------------


def _number(action: str) -> int | None:
    code = action.split(":", 1)[1]
    return int(code) if code.isdigit() else None


async def on_reply(ctx: Context, action: str) -> Transition | None:
    conversation = _number(action)
    if conversation is None:
        return None
    return compose(await ctx.conversations.view(conversation))


async def on_write_to_pair(ctx: Context, action: str) -> Transition | None:
    """ "Write to my mentor/mentee" on an introduction: the pair's conversation."""
    pair = _number(action)
    if pair is None:
        return None
    return compose(await ctx.conversations.for_pair(pair))


async def on_talk(ctx: Context, action: str) -> Transition | None:
    """A coordinator's "write to them" on a notice: a conversation with that person."""
    person = _number(action)
    if person is None or not await ctx.mentoring.is_staff():
        return None
    return compose(await ctx.conversations.open_with(person))


async def on_report(ctx: Context, action: str) -> Transition | None:
    conversation, _, message = action.split(":", 1)[1].partition(":")
    if not conversation.isdigit():
        return None
    if not await ctx.conversations.report(int(conversation), ctx.quoted, message):
        return None
    return stay(
        say("Thank you for telling us. The coordinators will look at it and may write to you here.")
    )


async def on_end(ctx: Context, action: str) -> Transition | None:
    conversation = _number(action)
    if conversation is None:
        return None
    if not await ctx.conversations.close(conversation):
        return stay(say("This conversation has ended."))
    return stay(say("The conversation has ended."))


ACTIONS = {"reply:": on_reply, "talk:": on_talk, "report:": on_report, "endconv:": on_end}


def talk_button(t: Translator, person: int) -> Button:
    """For coordinators, on a notice about someone: write to them through the bot."""
    label, short = t.gettext("💬 Write to them"), t.gettext("💬 Write")
    return Button(label, action=f"talk:{person}", sticky=True, short=short)


# --- what the other side is sent --------------------------------------------------------------


def heading(t: Translator, payload: RelayMessage) -> str:
    name = payload["from"]
    headings = {
        "mentor": t.gettext("✉️ Your mentor {name} writes:"),
        "mentee": t.gettext("✉️ {name}, your mentee, writes:"),
        "coordinators": t.gettext("✉️ The programme's coordinators write:"),
        "person": t.gettext("✉️ {name} (no. {number}) writes:"),
    }
    return headings[payload["role"]].format(name=name or "—", number=payload.get("number", ""))


@notice("pair_message")
@notice("relay_message")
def relay_notice(t: Translator, payload: RelayMessage) -> list[Reply]:
    conversation = payload["conversation"]
    reply = Button(t.gettext("↩️ Reply"), action=f"reply:{conversation}", sticky=True)
    if payload["role"] in ("mentor", "mentee"):
        other = Button(
            t.gettext("🚩 Report to the coordinators"),
            action=f"report:{conversation}:{payload.get('message', '')}",
            sticky=True,
            short=t.gettext("🚩 Report"),
        )
    else:
        other = Button(
            t.gettext("✖️ End the conversation"),
            action=f"endconv:{conversation}",
            sticky=True,
            short=t.gettext("✖️ End chat"),
        )
    text = f"{heading(t, payload)}\n\n{payload['text']}"
    return [Reply(text, buttons=((reply,), (other,)))]


@notice("conversation_closed")
def closed_notice(t: Translator, payload: ConversationClosed) -> list[Reply]:
    if payload["by_coordinator"]:
        return [Reply(t.gettext("The coordinators have ended the conversation."))]
    return [Reply(t.gettext("The person you were writing to has ended the conversation."))]


@notice("staff_report")
def report_notice(t: Translator, payload: StaffReport) -> list[Reply]:
    text = "\n\n".join(
        (
            t.gettext("🚩 {reporter} reported a message from {sender}, in their pairing:").format(
                reporter=payload["reporter_name"] or "—", sender=payload["sender_name"] or "—"
            ),
            payload["text"],
        )
    )
    return [Reply(text, buttons=((talk_button(t, payload["reporter"]),),))]


flow = Flow.of(
    FLOW,
    Step("compose", compose_screen, on_text=on_compose, takes_any_text=True),
)
