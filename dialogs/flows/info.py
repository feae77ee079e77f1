"""Help, the commands, and "I need help now" with the helplines."""

from __future__ import annotations

from dialogs.engine import Context, Flow, Step
from dialogs.flows.common import back_button
from dialogs.helplines import EMERGENCY_NUMBER, HELPLINES
from dialogs.replies import Reply

FLOW = "info"


def help_screen(ctx: Context) -> Reply:
    text = "\n\n".join(
        (
            ctx._(
                "I am the mentoring assistant of youth organisations in Latvia and Lithuania. "
                "Press the buttons, or use these commands:"
            ),
            "\n".join(
                (
                    ctx._("/menu — main menu"),
                    ctx._("/sos — I need help now"),
                    ctx._("/language — change the language"),
                    ctx._("/privacy — what I keep about you"),
                    ctx._("/mydata — a copy of everything I keep about you"),
                    ctx._("/start — start again"),
                    ctx._("/help — this message"),
                )
            ),
        )
    )
    return Reply(text, buttons=((back_button(ctx),),))


def helpline_name(ctx: Context, key: str) -> str:
    names = {
        "children": ctx._("Children and youth helpline, free"),
        "crisis": ctx._("Crisis and emotional support line"),
        "youth": ctx._("Youth Line, free, day and night"),
    }
    return names[key]


def helplines_text(ctx: Context) -> str:
    """112 and the free helplines, the person's own country first."""
    countries = ("LV", "LT") if ctx.profile.country != "LT" else ("LT", "LV")
    sections = [
        ctx._(
            "If you or someone else is in danger right now, call {number}. It is free and works "
            "day and night in Latvia and Lithuania."
        ).format(number=EMERGENCY_NUMBER)
    ]
    for country in countries:
        heading = ctx._("In Latvia:") if country == "LV" else ctx._("In Lithuania:")
        lines = [
            f"• {helpline_name(ctx, line.key)}: {line.number}"
            for line in HELPLINES
            if line.country == country
        ]
        sections.append("\n".join((heading, *lines)))
    sections.append(
        ctx._(
            "You are not alone. Talking to someone you trust helps, and you can call anonymously."
        )
    )
    return "\n\n".join(sections)


def crisis_screen(ctx: Context) -> Reply:
    return Reply(helplines_text(ctx), buttons=((back_button(ctx),),))


def concern_note(ctx: Context) -> Reply:
    """What someone reads first when their words say they may be in danger."""
    opening = ctx._(
        "I am really sorry you are going through this. There are people ready to listen and "
        "help, right now and for free."
    )
    return Reply(f"{opening}\n\n{helplines_text(ctx)}")


flow = Flow.of(
    FLOW,
    Step("help", help_screen),
    # The numbers stay in the chat: Back answers below them instead of editing them away.
    Step("crisis", crisis_screen, keep=True),
)
