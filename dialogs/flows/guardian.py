"""A parent or guardian answers for a child below the digital consent age, in their own chat.

The guardian opens a link the child passed on; everything here speaks to an adult, formally.
Coordinators record an agreement given another way (a call, a signed paper) and see who agreed.
"""

from __future__ import annotations

from dialogs.engine import Context, Flow, Step, Transition, back, call, goto, say, stay
from dialogs.flows.common import back_button
from dialogs.i18n import Translator
from dialogs.labels import age_label, country_label
from dialogs.notice_payloads import GuardianConfirmed, GuardianDeclined
from dialogs.notices import notice
from dialogs.ports import GuardianView
from dialogs.replies import Button, Reply
from dialogs.text import has_letter, one_line_name

FLOW = "guardian"
LINK_PREFIX = "g-"
NAME_LIMIT = 60
METHODS = ("phone", "paper", "in_person")


def start(code: str) -> Transition:
    """Someone opened a child's link: ask them, as the parent or guardian."""
    return call(FLOW, "intro", data={"code": code})


def consent_law(ctx: Context, country: str) -> str:
    """Why a guardian is asked, in the words of the child's country."""
    if country == "LV":
        return ctx._(
            "In Latvia, the agreement of a parent or guardian is needed before the data of "
            "someone younger than 13 can be kept."
        )
    return ctx._(
        "In Lithuania, the agreement of a parent or guardian is needed before the data of "
        "someone younger than 14 can be kept."
    )


def name_error(ctx: Context) -> Reply:
    return Reply(
        ctx._("Please write your full name: 2 to {limit} characters.").format(limit=NAME_LIMIT)
    )


def gone_reply(ctx: Context) -> Reply:
    text = ctx._(
        "This link is no longer valid: it has been answered, replaced by a newer one or has "
        "expired. Please ask the young person to send you a new one."
    )
    return Reply(text, buttons=((back_button(ctx),),))


# --- the guardian ----------------------------------------------------------------------------


async def intro_screen(ctx: Context) -> Reply:
    view = await ctx.guardians.find(ctx.data.get("code", ""))
    if view is None:
        return gone_reply(ctx)
    if view.own:
        return Reply(own_link(ctx), buttons=((back_button(ctx),),))
    text = "\n\n".join(
        (
            ctx._(
                "Hello! Your child, or a young person in your care, would like to use the "
                "mentoring assistant of youth organisations in Latvia and Lithuania, and asks "
                "for your agreement as their parent or guardian."
            ),
            consent_law(ctx, view.country),
            ctx._(
                "What is kept: their country and age group, and later the answers they give to "
                "find a mentor (a first name, region, the areas they would like help with, "
                "languages and free times). Only the programme's coordinators and, once there is "
                "one, their mentor see it. Nothing is published or sold. You or they may ask for "
                "a copy or for its deletion at any time."
            ),
            ctx._(
                "Mentors are volunteers aged 20 or older, approved by the coordinators. They meet "
                "the young person for an hour at least twice a month."
            ),
            ctx._("Do you give your agreement?"),
        )
    )
    buttons = (
        (Button(ctx._("✅ Yes, I agree"), action="gd:yes"),),
        (Button(ctx._("❌ No, I do not agree"), action="gd:no", short=ctx._("❌ I do not agree")),),
        (Button(ctx._("🌐 Language"), action="gd:language"),),
    )
    return Reply(text, buttons=buttons)


async def on_intro(ctx: Context, action: str) -> Transition | None:
    if action == "gd:language":
        return call("language", "choose")
    if action not in ("gd:yes", "gd:no"):
        return None
    code = ctx.data.get("code", "")
    view = await ctx.guardians.find(code)
    if view is None or view.own:
        return stay()  # the screen says why there is nothing to answer
    if action == "gd:yes":
        return goto(FLOW, "name")
    return answered(ctx, await ctx.guardians.answer(code, agree=False, guardian_name=""))


def name_screen(ctx: Context) -> Reply:
    text = ctx._(
        "Thank you. Please write your full name, so that the coordinators know who agreed."
    )
    return Reply(text, buttons=((back_button(ctx),),))


async def on_name(ctx: Context, text: str) -> Transition:
    name = one_line_name(text)
    if not 2 <= len(name) <= NAME_LIMIT or not has_letter(name):
        return stay(name_error)
    outcome = await ctx.guardians.answer(ctx.data.get("code", ""), agree=True, guardian_name=name)
    return answered(ctx, outcome, agreed=True)


def own_link(ctx: Context) -> str:
    return ctx._(
        "This link is for your parent or guardian, not for you: please send it to them. "
        "They answer from their own phone."
    )


def answered(ctx: Context, outcome: str, agreed: bool = False) -> Transition:
    if outcome == "own":
        return back(lambda ctx: Reply(own_link(ctx)))
    if outcome != "ok":
        return goto(FLOW, "intro")  # the screen says the link is gone
    ctx.data["agreed"] = agreed
    return goto(FLOW, "thanks")


def thanks_screen(ctx: Context) -> Reply:
    if ctx.data.get("agreed"):
        text = ctx._(
            "Thank you! Your agreement is recorded, and I have told the young person. If you "
            "have questions, please contact the programme's coordinators."
        )
    else:
        text = ctx._(
            "Thank you for your answer. I have told the young person, and nothing of theirs is "
            "kept. They can still get help in a crisis at any time."
        )
    return Reply(text, buttons=((back_button(ctx),),))


# --- coordinators ----------------------------------------------------------------------------


def method_label(ctx: Context, method: str) -> str:
    labels = {
        "chat": ctx._("in the chat"),
        "phone": ctx._("by phone"),
        "paper": ctx._("on signed paper"),
        "in_person": ctx._("in person"),
    }
    return labels[method]


def answer_line(ctx: Context, view: GuardianView) -> str:
    child = view.child_name or ctx._("no. {number}").format(number=view.child_id)
    when = ctx.t.date(view.decided_at) if view.decided_at else ""
    if view.status == "confirmed":
        return ctx._("• {child}: agreed by {guardian}, {method}, {date}").format(
            child=child,
            guardian=view.guardian_name or "—",
            method=method_label(ctx, view.method or "chat"),
            date=when,
        )
    return ctx._("• {child}: did not agree, {date}").format(child=child, date=when)


async def answered_screen(ctx: Context) -> Reply:
    views = await ctx.guardians.answered()
    if views:
        text = "\n".join(
            (
                ctx._("Parents' and guardians' latest answers:"),
                *(answer_line(ctx, v) for v in views),
            )
        )
    else:
        text = ctx._("No parent or guardian has answered yet.")
    buttons = (
        (
            Button(
                ctx._("✍️ Record an agreement"),
                action="gd:record",
                short=ctx._("✍️ Record agreement"),
            ),
        ),
        (back_button(ctx),),
    )
    return Reply(text, buttons=buttons)


def on_answered(ctx: Context, action: str) -> Transition | None:
    return goto(FLOW, "record_code") if action == "gd:record" else None


def record_code_screen(ctx: Context) -> Reply:
    text = ctx._(
        "A parent or guardian who does not use the chat can agree by phone, on paper or in "
        "person. Type the code the young person gave them (8 letters and digits)."
    )
    return Reply(text, buttons=((back_button(ctx),),))


async def on_record_code(ctx: Context, text: str) -> Transition:
    view = await ctx.guardians.find(text)
    if view is None:
        return stay(
            say(
                "I do not know this code, or its request has been answered or has expired. "
                "Please check it."
            )
        )
    ctx.data["code"] = view.code
    return goto(FLOW, "record_method")


async def record_method_screen(ctx: Context) -> Reply:
    view = await ctx.guardians.find(ctx.data.get("code", ""))
    if view is None:
        return gone_reply(ctx)
    text = "\n\n".join(
        (
            ctx._("Code {code}: a young person aged {age} in {country}, asked on {date}.").format(
                code=view.code,
                age=age_label(ctx, view.age_group),
                country=country_label(ctx, view.country),
                date=ctx.t.date(view.created_at),
            ),
            ctx._("How did their parent or guardian agree?"),
        )
    )
    buttons = (
        (Button(ctx._("📞 By phone"), action="gd:phone"),),
        (Button(ctx._("📝 On signed paper"), action="gd:paper", short=ctx._("📝 On paper")),),
        (Button(ctx._("🤝 In person"), action="gd:in_person"),),
    )
    return Reply(text, buttons=(*buttons, (back_button(ctx),)))


def on_record_method(ctx: Context, action: str) -> Transition | None:
    method = action.removeprefix("gd:")
    if method not in METHODS:
        return None
    ctx.data["method"] = method
    return goto(FLOW, "record_name")


def record_name_screen(ctx: Context) -> Reply:
    text = ctx._("The full name of the parent or guardian who agreed:")
    return Reply(text, buttons=((back_button(ctx),),))


async def on_record_name(ctx: Context, text: str) -> Transition:
    name = one_line_name(text)
    if not 2 <= len(name) <= NAME_LIMIT or not has_letter(name):
        return stay(
            lambda ctx: Reply(
                ctx._("Please write a name of 2 to {limit} characters.").format(limit=NAME_LIMIT)
            )
        )
    outcome = await ctx.guardians.record(ctx.data.get("code", ""), ctx.data.get("method", ""), name)
    if outcome != "ok":
        return goto(FLOW, "answered", say("This code can no longer be used."))
    return goto(FLOW, "answered", say("Recorded. The young person has been told."))


# --- what the child is sent ------------------------------------------------------------------


@notice("guardian_confirmed")
def confirmed_notice(t: Translator, payload: GuardianConfirmed) -> list[Reply]:
    text = t.gettext("Good news: your parent or guardian has agreed. You are all set!")
    menu = Button(t.gettext("Open the menu"), action="menu", sticky=True)
    return [Reply(text, buttons=((menu,),))]


@notice("guardian_declined")
def declined_notice(t: Translator, payload: GuardianDeclined) -> list[Reply]:
    text = t.gettext(
        "Your parent or guardian did not agree, so I have deleted your answers. You can still "
        "get help at any time. If they change their mind, ask me for a new link."
    )
    return [Reply(text)]


flow = Flow.of(
    FLOW,
    Step("intro", intro_screen, on_action=on_intro),
    Step("name", name_screen, on_text=on_name),
    Step("thanks", thanks_screen),
    Step("answered", answered_screen, on_action=on_answered),
    Step("record_code", record_code_screen, on_text=on_record_code),
    Step("record_method", record_method_screen, on_action=on_record_method),
    Step("record_name", record_name_screen, on_text=on_record_name),
)
