"""First contact: welcome, language, privacy and consent, country, age group, guardian."""

from __future__ import annotations

from dialogs.engine import CONSENT_AGE, Context, Flow, Step, Transition, goto, say, stay
from dialogs.flows import guardian, linking, stories
from dialogs.flows.common import HOME, LANGUAGE_NAMES, language_buttons, sos_button
from dialogs.grammar import vocative
from dialogs.labels import age_label
from dialogs.replies import Button, Reply

FLOW = "onboarding"
# Age groups chosen so that both consent ages (13 in Latvia, 14 in Lithuania) fall on a border.
AGE_GROUPS = ("under13", "13", "14-17", "18-25", "26plus")
YOUNGEST_AGE = {"under13": 12, "13": 13, "14-17": 14, "18-25": 18, "26plus": 26}


def needs_guardian(country: str | None, age_group: str | None) -> bool:
    """Below the digital consent age a parent or guardian must confirm."""
    if country is None or age_group is None:
        return False
    return YOUNGEST_AGE[age_group] < CONSENT_AGE[country]


# --- welcome and language -------------------------------------------------------------------


def welcome_screen(ctx: Context) -> Reply:
    # The platform's display name greets the user, called as one calls a person; never stored.
    name = vocative(ctx.sender_name.strip()[:64], ctx.t.language)
    greeting = ctx._("Hi, {name}!").format(name=name) if name else ctx._("Hi!")
    text = "\n\n".join(
        (
            greeting,
            ctx._(
                "I am the mentoring assistant of youth organisations in Latvia and Lithuania. "
                "I can help you find a mentor, plan your meetings and get support when "
                "things are hard."
            ),
            ctx._("Which language shall we speak?"),
        )
    )
    return Reply(text, buttons=language_buttons("lang"))


def on_language(ctx: Context, action: str) -> Transition | None:
    code = action.removeprefix("lang:")
    if code not in LANGUAGE_NAMES:
        return None
    ctx.set_language(code)
    return goto(FLOW, "privacy")


# --- privacy and consent --------------------------------------------------------------------


def privacy_summary(ctx: Context) -> list[str]:
    return [
        ctx._(
            "So far I keep only your chat number and your language. If you agree, I will "
            "also keep your country and age group, and later the answers you give to find "
            "a mentor."
        ),
        ctx._(
            "Only the programme's coordinators and, once you have one, your mentor can see "
            "them. Nothing is published or sold. You can read this again with /privacy and "
            "delete your data at any time."
        ),
        ctx._(
            "If you write to me that you are in danger, I show you at once where to get help "
            "and let the coordinators know."
        ),
    ]


def privacy_screen(ctx: Context) -> Reply:
    text = "\n\n".join(
        (
            ctx._("Before we go on, a few words about your privacy."),
            *privacy_summary(ctx),
            ctx._("Do you agree?"),
        )
    )
    buttons = (
        (Button(ctx._("✅ I agree"), action="consent:yes"),),
        (Button(ctx._("No, thanks"), action="consent:no"),),
        (sos_button(ctx),),
    )
    return Reply(text, buttons=buttons)


def on_consent(ctx: Context, action: str) -> Transition | None:
    if action == "consent:yes":
        # Answers stay in the dialog until consent is complete (a guardian may still have to
        # agree); only then do they reach the profile.
        ctx.data["consent"] = True
        return goto(FLOW, "country")
    if action == "consent:no":
        ctx.profile.forget_personal_data()
        return goto(
            *HOME,
            say(
                "That is fine. I keep nothing but your chat number and language. You can still "
                "get help and read /help. If you change your mind, open /privacy."
            ),
        )
    return None


# --- country and age ------------------------------------------------------------------------


def country_screen(ctx: Context) -> Reply:
    buttons = (
        (
            Button(ctx._("🇱🇻 Latvia"), action="country:LV"),
            Button(ctx._("🇱🇹 Lithuania"), action="country:LT"),
        ),
    )
    return Reply(ctx._("Where do you live?"), buttons=buttons)


def on_country(ctx: Context, action: str) -> Transition | None:
    country = action.removeprefix("country:")
    if country not in CONSENT_AGE:
        return None
    ctx.data["country"] = country
    return goto(FLOW, "age")


def age_screen(ctx: Context) -> Reply:
    buttons = tuple((Button(age_label(ctx, group), action=f"age:{group}"),) for group in AGE_GROUPS)
    return Reply(ctx._("How old are you?"), buttons=buttons)


def on_age(ctx: Context, action: str) -> Transition | None:
    group = action.removeprefix("age:")
    if group not in AGE_GROUPS:
        return None
    ctx.data["age"] = group
    if needs_guardian(ctx.data.get("country"), group):
        return goto(FLOW, "guardian")
    return finish(ctx)


def finish(ctx: Context) -> Transition | None:
    """Store the answers now that consent is complete."""
    if not ctx.data.get("consent") or "country" not in ctx.data or "age" not in ctx.data:
        return None
    profile = ctx.profile
    profile.consent_at = ctx.now
    profile.country = ctx.data["country"]
    profile.age_group = ctx.data["age"]
    profile.guardian_confirmed_at = None
    ctx.refresh_translator()
    return goto(*HOME, say("Thank you, you are all set! Here is what I can do for you."))


# --- guardian -------------------------------------------------------------------------------


def guardian_screen(ctx: Context) -> Reply:
    age = CONSENT_AGE[ctx.data.get("country", "LT")]
    text = "\n\n".join(
        (
            ctx.ngettext(
                "Because you are younger than {age} year, a parent or guardian has to agree too.",
                "Because you are younger than {age} years, a parent or guardian has to agree too.",
                age,
            ).format(age=age),
            ctx._(
                "I will give you a link to send them. They open it on their own phone, read what "
                "I keep and why, and answer there. Until then I keep only your chat number and "
                "language."
            ),
        )
    )
    buttons = (
        (Button(ctx._("👪 Get the link"), action="guardian:ask"),),
        (Button(ctx._("Not now"), action="guardian:no"),),
        (sos_button(ctx),),
    )
    return Reply(text, buttons=buttons)


async def guardian_wait_screen(ctx: Context) -> Reply:
    if ctx.profile.onboarded:
        text = ctx._("Good news: your parent or guardian has agreed. You are all set!")
        return Reply(text, buttons=((Button(ctx._("Open the menu"), action="menu"),),))
    view = await ctx.guardians.mine()
    new_link = Button(ctx._("📨 A new link"), action="guardian:new")
    give_up = Button(
        ctx._("Cancel and delete my answers"),
        action="guardian:no",
        short=ctx._("Delete my answers"),
    )
    if view is None or view.status == "declined":
        text = ctx._(
            "Your parent or guardian did not agree, so I have deleted your answers. If they "
            "change their mind, ask for a new link."
        )
        return Reply(text, buttons=((new_link,), (give_up,), (sos_button(ctx),)))
    if not view.open_at(ctx.now):
        text = ctx._("The link has expired. Ask for a new one and send it again.")
        return Reply(text, buttons=((new_link,), (give_up,), (sos_button(ctx),)))
    links = ctx.links_to(guardian.LINK_PREFIX + view.code)
    if len(links) == 1:
        parts = [ctx._("Send this link to your parent or guardian:"), *links]
    else:  # one a channel: the adult opens the one of the app they use
        heading = ctx._("Send your parent or guardian one of these links, for the app they use:")
        parts = [heading, *links]
    parts.append(
        ctx._(
            "If they do not use this app, they can give this code to the programme's "
            "coordinators by phone or on paper: {code}"
        ).format(code=view.code)
    )
    parts.append(
        ctx._("I will tell you as soon as they answer. The link works until {date}.").format(
            date=ctx.t.date(view.expires_at)
        )
    )
    buttons = (
        (
            Button(
                ctx._("🔄 Have they answered?"),
                action="guardian:check",
                short=ctx._("🔄 Any answer?"),
            ),
        ),
        (new_link,),
        (give_up,),
        (sos_button(ctx),),
    )
    return Reply("\n\n".join(parts), buttons=buttons)


async def on_guardian(ctx: Context, action: str) -> Transition | None:
    if action == "guardian:no":
        await ctx.guardians.withdraw()
        ctx.data.clear()
        return goto(
            *HOME,
            say(
                "Okay, I have deleted your answers. You can still get help and read /help. "
                "Come back with /start when a parent or guardian can agree."
            ),
        )
    if action == "guardian:check" and ctx.conversation.step == "guardian_wait":
        return stay()
    if action not in ("guardian:ask", "guardian:new") or ctx.profile.onboarded:
        return None
    if "country" not in ctx.data or "age" not in ctx.data:
        return None
    await ctx.guardians.ask(ctx.data["country"], ctx.data["age"])
    return goto(FLOW, "guardian_wait")


def start(ctx: Context, args: str = "") -> Transition:
    """/start: a new user is onboarded; a known one goes to the menu; a link opens its flow."""
    if args.startswith(guardian.LINK_PREFIX):
        return guardian.start(args.removeprefix(guardian.LINK_PREFIX))
    if args.startswith(linking.LINK_PREFIX):
        return linking.start(args.removeprefix(linking.LINK_PREFIX))
    if args.startswith(stories.LINK_PREFIX):
        return stories.start(args.removeprefix(stories.LINK_PREFIX))
    if ctx.profile.onboarded:
        return goto(*HOME, say("Welcome back!"))
    return goto(FLOW, "welcome")


flow = Flow.of(
    FLOW,
    Step("welcome", welcome_screen, on_action=on_language),
    Step("privacy", privacy_screen, on_action=on_consent),
    Step("country", country_screen, on_action=on_country),
    Step("age", age_screen, on_action=on_age),
    Step("guardian", guardian_screen, on_action=on_guardian),
    Step("guardian_wait", guardian_wait_screen, on_action=on_guardian),
)
