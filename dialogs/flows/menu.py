"""The main menu: only what works today."""

from __future__ import annotations

from dialogs.engine import Context, Flow, Step, Transition, call
from dialogs.flows.common import sos_button
from dialogs.replies import Button, Reply

FLOW = "menu"


def main_screen(ctx: Context) -> Reply:
    buttons = (
        (sos_button(ctx),),
        (
            Button(ctx._("❓ Help"), action="menu:help"),
            Button(ctx._("🌐 Language"), action="menu:language"),
        ),
        (Button(ctx._("🔒 Privacy"), action="menu:privacy"),),
    )
    return Reply(ctx._("What would you like to do?"), buttons=buttons)


def on_menu(ctx: Context, action: str) -> Transition | None:
    targets = {
        "menu:help": ("info", "help"),
        "menu:language": ("language", "choose"),
        "menu:privacy": ("privacy", "overview"),
    }
    target = targets.get(action)
    return call(*target) if target else None


flow = Flow.of(FLOW, Step("main", main_screen, on_action=on_menu))
