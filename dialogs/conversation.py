"""Compose the flows, the commands and the buttons that work on every screen."""

from __future__ import annotations

from dialogs.engine import Context, Engine, Transition, back, call, goto, say
from dialogs.flows import (
    availability,
    booking,
    figures,
    info,
    language,
    matching,
    mentee_signup,
    mentor_application,
    menu,
    onboarding,
    pairing,
    privacy,
    session_prompts,
    staff,
)
from dialogs.flows.common import HOME
from dialogs.i18n import Translator

# Commands shown in the platform's command menu, in this order (descriptions translated there).
MENU_COMMANDS = ("menu", "sos", "language", "privacy", "help", "start")


def command_descriptions(t: Translator) -> dict[str, str]:
    return {
        "menu": t.gettext("Main menu"),
        "sos": t.gettext("I need help now"),
        "language": t.gettext("Change the language"),
        "privacy": t.gettext("What I keep about you"),
        "help": t.gettext("Help"),
        "start": t.gettext("Start again"),
    }


def _home(ctx: Context) -> Transition:
    return goto(*HOME)


def build_engine() -> Engine:
    commands = {
        "start": lambda ctx, args: onboarding.start(ctx),
        "menu": lambda ctx, args: _home(ctx),
        "help": lambda ctx, args: call("info", "help"),
        "sos": lambda ctx, args: call("info", "crisis"),
        "language": lambda ctx, args: call("language", "choose"),
        "privacy": lambda ctx, args: call("privacy", "overview"),
        "grant_staff": staff.grant,
    }
    actions = {
        "sos": lambda ctx, action: call("info", "crisis"),
        "back": lambda ctx, action: back(),
        "menu": lambda ctx, action: _home(ctx),
        "review:": staff.review,
        "match:": matching.match,
        "pairing:": matching.open_pairing,
        "sessions": booking.open_sessions,
        "my_mentor": pairing.open_my_mentor,
        **session_prompts.ACTIONS,
    }
    notes = {
        "unknown_command": say("I don't know that command. Here are the ones I know: /help"),
        "use_buttons": say("Please choose one of the buttons below."),
        "unsupported": say("I can only read text messages and button presses."),
        "expired": say("This button has expired. Here is where we are now:"),
    }
    return Engine(
        flows=[
            onboarding.flow,
            menu.flow,
            language.flow,
            info.flow,
            privacy.flow,
            mentee_signup.flow,
            mentor_application.flow,
            staff.flow,
            matching.flow,
            figures.flow,
            pairing.flow,
            availability.flow,
            booking.flow,
            session_prompts.flow,
        ],
        commands=commands,
        actions=actions,
        home=HOME,
        notes=notes,
    )
