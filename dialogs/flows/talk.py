"""Talk to a person: a young person asks about a topic (from the menu, or from a story); the
first coordinator to take it writes to them through the bot. Nobody's number or account name
is shown either way. Outside the hours someone is there, the person is told when to expect an
answer, and gets the helplines at once."""

from __future__ import annotations

from dialogs.engine import Context, Flow, Step, Transition, back, call, goto, stay
from dialogs.flows import messages, stories
from dialogs.flows.common import back_button
from dialogs.flows.info import helplines_text
from dialogs.grammar import when_date
from dialogs.i18n import Translator, in_language
from dialogs.labels import Words
from dialogs.notice_payloads import StaffTalkRequest, TalkTaken
from dialogs.notices import notice
from dialogs.ports import TalkAnswer
from dialogs.replies import Button, Reply

FLOW = "talk"
OTHER = "other"


def open_talk(ctx: Context, action: str = "") -> Transition:
    """From the menu: talk to a coordinator, about a topic one picks."""
    return call(FLOW, "topic", data={"expert": False})


def from_story(ctx: Context, slug: str, topic: str) -> Transition:
    """From a story: talk to an experience expert, about what the story is about."""
    return call(FLOW, "confirm", data={"expert": True, "story": slug, "topic": topic})


async def take(ctx: Context, action: str) -> Transition | None:
    """A coordinator's "I'll take it" on a request."""
    number = action.removeprefix("take:")
    if not number.isdigit() or not await ctx.mentoring.is_staff():
        return None
    view = await ctx.talk.take(int(number))
    if view is None:
        return stay(lambda ctx: Reply(ctx._("Another coordinator has already taken this request.")))
    return messages.compose(view)


async def topic_screen(ctx: Context) -> Reply:
    topics = await ctx.campaign.topics()
    buttons = [(Button(stories.topic_label(ctx, t), action=f"opt:tt:{t}"),) for t in topics]
    buttons.append((Button(ctx._("💭 Something else"), action=f"opt:tt:{OTHER}"),))
    text = ctx._(
        "What would you like to talk about? A coordinator of the programme will write to you here."
    )
    return Reply(text, buttons=(*buttons, (back_button(ctx),)))


async def on_topic(ctx: Context, action: str) -> Transition | None:
    # Not "talk:", which is the coordinators' "write to them" everywhere (messages.py).
    topic = action.removeprefix("opt:tt:")
    if not action.startswith("opt:tt:"):
        return None
    if topic != OTHER and topic not in await ctx.campaign.topics():
        return None
    ctx.data["topic"] = topic
    return goto(FLOW, "confirm")


def confirm_screen(ctx: Context) -> Reply:
    if not ctx.profile.onboarded:
        text = ctx._(
            "To pass on your request I need to keep it: agree to the privacy notice first "
            "(🔒 Privacy)."
        )
        return Reply(text, buttons=((back_button(ctx),),))
    if ctx.data.get("expert"):
        who = ctx._(
            "An experience expert, someone who has been through something similar, or a "
            "coordinator will write to you here."
        )
    else:
        who = ctx._("A coordinator of the programme will write to you here.")
    text = "\n\n".join(
        (
            who,
            ctx._(
                "You write to each other through this chat: they do not see your phone number "
                "or account, and you do not see theirs. Shall I ask?"
            ),
        )
    )
    ask = Button(ctx._("✅ Yes, ask"), action="asktalk")
    return Reply(text, buttons=((ask,), (back_button(ctx),)))


async def on_confirm(ctx: Context, action: str) -> Transition | None:
    if action != "asktalk" or not ctx.profile.onboarded:
        return None
    answer = await ctx.talk.ask(
        str(ctx.data.get("topic", OTHER)),
        str(ctx.data.get("story", "")),
        bool(ctx.data.get("expert")),
    )
    if answer.status == "consent":
        return None
    return back(lambda ctx: Reply(answer_text(ctx, answer)))


def answer_text(ctx: Context, answer: TalkAnswer) -> str:
    if answer.status == "waiting":
        return ctx._("You have asked already: someone will write to you here soon.")
    promise = ctx.ngettext(
        "Sent. Someone will write to you here within {count} hour.",
        "Sent. Someone will write to you here within {count} hours.",
        answer.answer_hours,
    ).format(count=answer.answer_hours)
    if answer.open_now or answer.opens_at is None:
        return promise
    local = answer.opens_at.astimezone(ctx.t.tz)
    closed = ctx._(
        "Nobody is here right now: we are back {date} at {time}, and answer from then."
    ).format(
        date=when_date(local.date(), ctx.t.language, with_year=False),
        time=ctx.t.time(answer.opens_at),
    )
    urgent = ctx._("If you need help right now, do not wait:")
    return "\n\n".join((promise, closed, urgent, helplines_text(ctx)))


flow = Flow.of(
    FLOW,
    Step("topic", topic_screen, on_action=on_topic),
    Step("confirm", confirm_screen, on_action=on_confirm),
)


# --- what coordinators and the person are told ----------------------------------------------


def _topic_words(t: Translator, topic: str) -> str:
    if topic == OTHER:
        return t.gettext("something else")
    return stories.topic_label(Words(t), topic)


@notice("staff_talk_request")
def request_notice(t: Translator, payload: StaffTalkRequest) -> list[Reply]:
    name = payload["name"] or t.gettext("A young person")
    if payload["expert"]:
        text = t.gettext(
            "💬 {name} (no. {number}) would like to talk to an experience expert about: {topic}."
        )
    else:
        text = t.gettext("💬 {name} (no. {number}) would like to talk to someone about: {topic}.")
    parts = [
        text.format(name=name, number=payload["person"], topic=_topic_words(t, payload["topic"]))
    ]
    story = payload["story"]
    if story:
        title = in_language(story, t.language)
        parts.append(t.gettext("They came from the story “{title}”.").format(title=title))
    parts.append(t.gettext("The first coordinator to take it writes to them through the bot."))
    taking = Button(t.gettext("🙋 I'll take it"), action=f"take:{payload['request']}", sticky=True)
    return [Reply("\n\n".join(parts), buttons=((taking,),))]


@notice("talk_taken")
def taken_notice(t: Translator, payload: TalkTaken) -> list[Reply]:
    text = t.gettext(
        "💬 A coordinator has taken your request and will write to you here. You can write "
        "first too:"
    )
    reply = Button(t.gettext("↩️ Reply"), action=f"reply:{payload['conversation']}", sticky=True)
    return [Reply(text, buttons=((reply,),))]
