"""Change the language at any moment; the user returns to where they were."""

from __future__ import annotations

from dialogs.engine import Context, Flow, Step, Transition, back
from dialogs.flows.common import LANGUAGE_NAMES, back_button, language_buttons, language_name
from dialogs.replies import Reply

FLOW = "language"


def choose_screen(ctx: Context) -> Reply:
    current = language_name(ctx.t, ctx.profile.language)
    text = ctx._("Choose your language. Now: {language}.").format(language=current)
    return Reply(text, buttons=(*language_buttons("set"), (back_button(ctx),)))


def on_choose(ctx: Context, action: str) -> Transition | None:
    code = action.removeprefix("set:")
    if code not in LANGUAGE_NAMES:
        return None
    ctx.set_language(code)
    return back()


flow = Flow.of(FLOW, Step("choose", choose_screen, on_action=on_choose))
