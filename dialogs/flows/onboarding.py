"""First contact: welcome, language, privacy and consent, country, age group, guardian."""

from __future__ import annotations

from dialogs.engine import CONSENT_AGE, Context, Flow, Step, Transition, goto, say
from dialogs.flows.common import HOME, LANGUAGE_NAMES, language_buttons, sos_button
from dialogs.replies import Button, Reply

FLOW = "onboarding"
# Age groups chosen so that both consent ages (13 in Latvia, 14 in Lithuania) fall on a border.
AGE_GROUPS = ("under13", "13", "14-17", "18-25", "26plus")
YOUNGEST_AGE = {"under13": 12, "13": 13, "14-17": 14, "18-25": 18, "26plus": 26}


def age_label(ctx: Context, group: str) -> str:
    labels = {
        "under13": ctx._("Under 13"),
        "13": ctx._("13"),
        "14-17": ctx._("14–17"),
        "18-25": ctx._("18–25"),
        "26plus": ctx._("26 or older"),
    }
    return labels[group]


def needs_guardian(country: str | None, age_group: str | None) -> bool:
    """Below the digital consent age a parent or guardian must confirm."""
    if country is None or age_group is None:
        return False
    return YOUNGEST_AGE[age_group] < CONSENT_AGE[country]


# --- welcome and language -------------------------------------------------------------------


def welcome_screen(ctx: Context) -> Reply:
    # The platform's display name greets the user; it is never stored.
    name = ctx.sender_name.strip()[:64]
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


def finish(ctx: Context, guardian: bool = False) -> Transition | None:
    """Store the answers now that consent is complete."""
    if not ctx.data.get("consent") or "country" not in ctx.data or "age" not in ctx.data:
        return None
    profile = ctx.profile
    profile.consent_at = ctx.now
    profile.country = ctx.data["country"]
    profile.age_group = ctx.data["age"]
    profile.guardian_confirmed_at = ctx.now if guardian else None
    ctx.refresh_translator()
    return goto(*HOME, say("Thank you, you are all set! Here is what I can do for you."))


# --- guardian -------------------------------------------------------------------------------


def guardian_screen(ctx: Context) -> Reply:
    age = CONSENT_AGE[ctx.data.get("country", "LT")]
    text = "\n\n".join(
        (
            ctx.ngettext(
                "Because you are younger than {age} year, a parent or guardian has to agree too. "
                "Please show them this message:",
                "Because you are younger than {age} years, a parent or guardian has to agree too. "
                "Please show them this message:",
                age,
            ).format(age=age),
            *privacy_summary(ctx),
            ctx._("If they agree, ask them to press the button below."),
        )
    )
    buttons = (
        (Button(ctx._("👪 My parent or guardian agrees"), action="guardian:yes"),),
        (Button(ctx._("Not now"), action="guardian:no"),),
    )
    return Reply(text, buttons=buttons)


def on_guardian(ctx: Context, action: str) -> Transition | None:
    if action == "guardian:yes":
        return finish(ctx, guardian=True)
    if action == "guardian:no":
        ctx.data.clear()
        return goto(
            *HOME,
            say(
                "Okay, I have deleted your answers. You can still get help and read /help. "
                "Come back with /start when a parent or guardian can agree."
            ),
        )
    return None


def start(ctx: Context) -> Transition:
    """/start: a new user is onboarded; a known one goes to the menu."""
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
)
