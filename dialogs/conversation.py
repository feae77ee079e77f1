"""Compose the flows, the commands and the buttons that work on every screen."""

from __future__ import annotations

import dialogs.broadcast_notices
import dialogs.concern_notices  # noqa: F401  (registers the coordinators' alert)
from dialogs.engine import (
    Context,
    Engine,
    GlobalAction,
    Shortcut,
    Transition,
    back,
    call,
    goto,
    say,
    stay,
)
from dialogs.flows import (
    availability,
    booking,
    compose,
    content,
    drafts,
    figures,
    guardian,
    info,
    language,
    linking,
    matching,
    mentee_signup,
    mentor_application,
    menu,
    messages,
    my_data,
    news,
    onboarding,
    opportunities,
    pairing,
    privacy,
    session_prompts,
    staff,
    stories,
    talk,
)
from dialogs.flows.common import HOME
from dialogs.i18n import LANGUAGES, Translator
from dialogs.safety import is_help_request

# Commands shown in the platform's command menu, in this order (descriptions translated there).
MENU_COMMANDS = ("menu", "sos", "language", "privacy", "mydata", "help", "start")


def command_descriptions(t: Translator) -> dict[str, str]:
    return {
        "menu": t.gettext("Main menu"),
        "sos": t.gettext("I need help now"),
        "language": t.gettext("Change the language"),
        "privacy": t.gettext("What I keep about you"),
        "mydata": t.gettext("A copy of my data"),
        "help": t.gettext("Help"),
        "start": t.gettext("Start again"),
    }


HELP_STEP = ("info", "crisis")


def _home(ctx: Context) -> Transition:
    return goto(*HOME)


def help_button_label(t: Translator) -> str:
    return t.gettext("🆘 I need help now")


def help_entry(t: Translator) -> tuple[str, str]:
    """The always-visible help entry a channel installs: its label, and the note it comes with."""
    note = t.gettext(
        "Whenever you need help, press “🆘 I need help now” below or write “help”: I will show "
        "you who to call right away."
    )
    return help_button_label(t), note


def asks_for_help(ctx: Context, text: str) -> bool:
    """Typed words asking for help, or the help button's label in any of our languages."""
    if is_help_request(text):
        return True
    label = text.strip()
    return any(label == help_button_label(ctx.catalogues.translator(code)) for code in LANGUAGES)


def build_engine() -> Engine:
    commands: dict[str, Shortcut] = {
        "start": onboarding.start,
        "menu": lambda ctx, args: _home(ctx),
        "help": lambda ctx, args: call("info", "help"),
        "sos": lambda ctx, args: call("info", "crisis"),
        "language": lambda ctx, args: call("language", "choose"),
        "privacy": lambda ctx, args: call("privacy", "overview"),
        "mydata": lambda ctx, args: my_data.send_copy(ctx),
        "grant_staff": staff.grant,
        "stop": news.stop,
    }
    actions: dict[str, GlobalAction] = {
        "sos": lambda ctx, action: call("info", "crisis"),
        "back": lambda ctx, action: back(),
        "menu": lambda ctx, action: _home(ctx),
        "review:": staff.review,
        "match:": matching.match,
        "pairing:": matching.open_pairing,
        "sessions": booking.open_sessions,
        "proposal:": booking.answer_proposal,
        "free_times": lambda ctx, action: booking.from_menu(ctx, "menu:free_times"),
        "book": lambda ctx, action: booking.from_menu(ctx, "menu:book"),
        "writepair:": messages.on_write_to_pair,
        "my_mentor": pairing.open_my_mentor,
        "keep_data": lambda ctx, action: stay(say("Okay, I will keep your data.")),
        "linking": linking.open_offer,
        "stories": stories.open_stories,
        "openopp:": opportunities.open_one,
        "watch:": stories.watch,
        "take:": talk.take,
        "talk": talk.open_talk,
        "unsub:": news.unsubscribe,
        "news": news.open_settings,
        "bcast:": compose.from_progress,
        **session_prompts.ACTIONS,
        **messages.ACTIONS,
    }
    notes = {
        "unknown_command": say("I don't know that command. Here are the ones I know: /help"),
        "use_buttons": say(
            "Please choose one of the buttons below. If you need help right now, write “help”."
        ),
        "concern": info.concern_note,
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
            guardian.flow,
            messages.flow,
            pairing.flow,
            availability.flow,
            booking.flow,
            session_prompts.flow,
            linking.flow,
            stories.flow,
            opportunities.flow,
            news.flow,
            talk.flow,
            content.flow,
            compose.flow,
            drafts.flow,
        ],
        commands=commands,
        actions=actions,
        home=HOME,
        notes=notes,
        help_step=HELP_STEP,
        asks_for_help=asks_for_help,
        on_media=drafts.video_sent,
    )
