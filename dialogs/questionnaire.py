"""The shared shape of a form in the chat: ordered questions, a summary, Back and Cancel.

Answers live in the flow's data under each question's name. A wrong answer asks the same
question again; Back never changes an answer; Cancel asks before it throws answers away.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from dialogs.engine import Context, Maybe, Step, Transition, back, goto, resolve, say, stay
from dialogs.flows.common import LANGUAGE_NAMES
from dialogs.labels import area_label, country_label, region_label
from dialogs.programme import AREAS, NAME_LIMIT, REGIONS
from dialogs.replies import Button, Reply, rows
from dialogs.text import has_letter, one_line_name

Text = Callable[[Context], str]
Handler = Callable[[Context, str], Maybe[Transition | None]]

# Keys beside the answers in the flow's data.
EDITING = "editing"  # the summary has been shown: every answer returns to it
DRAFT = "draft"  # [question, value]: a choice being made, not yet confirmed with Done
RESUME = "resume"  # the question to go on with if the person keeps their answers
LEAVING = "leaving"  # how they asked to leave: "back" (to the intro) or "cancel"


def check(selected: bool, label: str) -> str:
    return f"✅ {label}" if selected else label


def draft(ctx: Context, name: str, default: Any) -> Any:
    """The unconfirmed choice on this question, else `default`."""
    kept = ctx.data.get(DRAFT)
    return kept[1] if kept and kept[0] == name else default


def set_draft(ctx: Context, name: str, value: Any) -> None:
    ctx.data[DRAFT] = [name, value]


class Questionnaire:
    """Questions asked in `order`, then a summary; an edit from the summary returns to it."""

    def __init__(self, flow: str, order: tuple[str, ...], intro: str = "intro") -> None:
        self.flow = flow
        self.order = order
        self.intro = intro

    # --- moving between questions ------------------------------------------------------------

    def next_step(self, ctx: Context, current: str) -> Transition:
        ctx.data.pop(DRAFT, None)
        following = self.order.index(current) + 1
        if ctx.data.get(EDITING) or following == len(self.order):
            ctx.data[EDITING] = True
            return goto(self.flow, "summary")
        return goto(self.flow, self.order[following])

    def previous_step(self, ctx: Context, current: str) -> Transition:
        """The question before, or the summary it was opened from; the first one leaves."""
        ctx.data.pop(DRAFT, None)
        if ctx.data.get(EDITING):
            return goto(self.flow, "summary")
        index = self.order.index(current)
        if index == 0:
            return self.leave(ctx, current, "back")
        return goto(self.flow, self.order[index - 1])

    def edit_target(self, action: str) -> Transition | None:
        """An ✏️ press from the summary: back to that question."""
        step = action.removeprefix("edit:")
        if action.startswith("edit:") and step in self.order:
            return goto(self.flow, step)
        return None

    def answered(self, ctx: Context) -> bool:
        return any(name in ctx.data for name in self.order)

    def leave(self, ctx: Context, current: str, how: str) -> Transition:
        """Leave at once when nothing is answered yet; otherwise ask before discarding."""
        if not self.answered(ctx):
            return self.discard(ctx, how, note=how == "cancel")
        ctx.data[RESUME], ctx.data[LEAVING] = current, how
        return goto(self.flow, "discard")

    def discard(self, ctx: Context, how: str, note: bool = True) -> Transition:
        ctx.data.clear()
        notes = (say("Cancelled. Nothing was sent."),) if note else ()
        if how == "back":
            return goto(self.flow, self.intro, *notes)
        return back(*notes)

    # --- buttons every question has ----------------------------------------------------------

    def cancel_row(self, ctx: Context) -> tuple[Button, ...]:
        return (Button(ctx._("Cancel"), action="form:cancel"),)

    def nav_rows(self, ctx: Context, *forward: Button) -> tuple[tuple[Button, ...], ...]:
        """Back, then the ways forward on the same row; Cancel below, apart."""
        back_button = Button(ctx._("⬅️ Back"), action="form:back")
        return ((back_button, *forward), self.cancel_row(ctx))

    def next_button(self, ctx: Context, name: str) -> tuple[Button, ...]:
        """Next, where a typed answer is already given: going on keeps it."""
        if ctx.data.get(name) in (None, ""):
            return ()
        return (Button(ctx._("Next ➡️"), action="form:next"),)

    def with_answer(self, ctx: Context, name: str, prompt: str) -> str:
        """The question, and the typed answer it has now."""
        if ctx.data.get(name) in (None, ""):
            return prompt
        return "\n\n".join((prompt, ctx._("Now: {answer}").format(answer=ctx.data[name])))

    def with_navigation(self, name: str, handler: Handler | None = None) -> Handler:
        """Let the step's Back, Next and Cancel buttons work, then defer to its own buttons."""

        async def handle(ctx: Context, action: str) -> Transition | None:
            if action == "form:cancel":
                return self.leave(ctx, name, "cancel")
            if name in self.order and action == "form:back":
                return self.previous_step(ctx, name)
            if name in self.order and action == "form:next" and self.next_button(ctx, name):
                return self.next_step(ctx, name)
            if handler is None:
                return None
            return await resolve(handler(ctx, action))

        return handle

    # --- the kinds of question ---------------------------------------------------------------

    def text_step(self, name: str, prompt: Text, on_text: Handler) -> Step:
        """A question answered by typing."""
        return Step(
            name,
            lambda ctx: Reply(
                self.with_answer(ctx, name, prompt(ctx)),
                buttons=self.nav_rows(ctx, *self.next_button(ctx, name)),
            ),
            on_action=self.with_navigation(name),
            on_text=on_text,
        )

    def name_step(self, prompt: Text) -> Step:
        """The name others will see: one line, a few letters at least."""

        def on_text(ctx: Context, text: str) -> Transition:
            name = one_line_name(text)
            if text.strip() and not has_letter(name):  # emoji, digits, or only the invisible
                return stay(say("Please write a name with letters, not only emoji or numbers."))
            if not 2 <= len(name) <= NAME_LIMIT:
                return stay(
                    lambda ctx: Reply(
                        ctx._("Please write a name of 2 to {limit} characters.").format(
                            limit=NAME_LIMIT
                        )
                    )
                )
            ctx.data["name"] = name
            return self.next_step(ctx, "name")

        return self.text_step("name", prompt, on_text)

    def multi_select(
        self,
        name: str,
        prompt: Text,
        options: Callable[[Context], list[tuple[str, str]]],
        per_row: int = 1,
    ) -> Step:
        """Choose one or more options (value, label); Done puts them in data[name] as a list."""

        def chosen(ctx: Context) -> list[str]:
            return list(draft(ctx, name, ctx.data.get(name, [])))

        def screen(ctx: Context) -> Reply:
            picked = set(chosen(ctx))
            buttons = [
                Button(check(value in picked, label), action=f"opt:{value}")
                for value, label in options(ctx)
            ]
            done = Button(ctx._("Done"), action="pick:done")
            return Reply(
                prompt(ctx),
                buttons=(*rows(*buttons, per_row=per_row), *self.nav_rows(ctx, done)),
            )

        def on_action(ctx: Context, action: str) -> Transition | None:
            if action == "pick:done":
                if not chosen(ctx):
                    return stay(say("Please choose at least one."))
                ctx.data[name] = chosen(ctx)
                return self.next_step(ctx, name)
            value = action.removeprefix("opt:")
            if value not in {known for known, _label in options(ctx)}:
                return None
            picked = chosen(ctx)
            picked.remove(value) if value in picked else picked.append(value)
            set_draft(ctx, name, picked)
            return stay()

        return Step(name, screen, on_action=self.with_navigation(name, on_action))

    def single_choice(
        self,
        name: str,
        prompt: Text,
        options: Callable[[Context], list[tuple[str, str]]],
        per_row: int = 1,
    ) -> Step:
        """Choose exactly one option; the answer goes to data[name]."""

        def screen(ctx: Context) -> Reply:
            buttons = [
                Button(check(ctx.data.get(name) == value, label), action=f"opt:{value}")
                for value, label in options(ctx)
            ]
            return Reply(
                prompt(ctx), buttons=(*rows(*buttons, per_row=per_row), *self.nav_rows(ctx))
            )

        def on_action(ctx: Context, action: str) -> Transition | None:
            value = action.removeprefix("opt:")
            if value not in {known for known, _label in options(ctx)}:
                return None
            ctx.data[name] = value
            return self.next_step(ctx, name)

        return Step(name, screen, on_action=self.with_navigation(name, on_action))

    def region_step(self, name: str, prompt: Text) -> Step:
        """A region of Latvia or Lithuania; a button swaps the list, the region sets the country."""

        def shown(ctx: Context) -> str:
            country: str = draft(ctx, name, ctx.data.get("country", "LV"))
            return country

        def screen(ctx: Context) -> Reply:
            country = shown(ctx)
            other = "LT" if country == "LV" else "LV"
            answer = (ctx.data.get("country"), ctx.data.get(name))
            buttons = [
                Button(
                    check(answer == (country, region), region_label(ctx, region)),
                    action=f"opt:{region}",
                )
                for region in REGIONS[country]
            ]
            switch = Button(
                ctx._("Elsewhere: {country}").format(country=country_label(ctx, other)),
                action=f"country:{other}",
                short=ctx._("Country: {country}").format(country=country_label(ctx, other)),
            )
            return Reply(
                prompt(ctx),
                buttons=(*rows(*buttons, per_row=2), (switch,), *self.nav_rows(ctx)),
            )

        def on_action(ctx: Context, action: str) -> Transition | None:
            if action.startswith("country:") and action.removeprefix("country:") in REGIONS:
                set_draft(ctx, name, action.removeprefix("country:"))
                return stay()
            region = action.removeprefix("opt:")
            if region not in REGIONS[shown(ctx)]:
                return None
            ctx.data["country"], ctx.data[name] = shown(ctx), region
            return self.next_step(ctx, name)

        return Step(name, screen, on_action=self.with_navigation(name, on_action))

    # --- the summary and the question before leaving -----------------------------------------

    def summary(
        self,
        ctx: Context,
        answers: str,
        edits: list[tuple[str, str]],
        send: Button,
        shorts: dict[str, str] | None = None,
    ) -> Reply:
        """The answers to check, an ✏️ button per question (two to a row), Send and Cancel.

        `shorts` are whole labels, by step, for channels with short buttons (Messenger).
        """
        edit, shorts = ctx._("✏️ {what}"), shorts or {}
        buttons = [
            Button(edit.format(what=label), action=f"edit:{step}", short=shorts.get(step))
            for step, label in edits
        ]
        text = "\n\n".join((ctx._("Please check your answers:"), answers))
        return Reply(text, buttons=(*rows(*buttons, per_row=2), (send,), self.cancel_row(ctx)))

    def discard_step(self) -> Step:
        """Asked before answers are thrown away; No goes on where the person was."""

        def screen(ctx: Context) -> Reply:
            buttons = (
                (Button(ctx._("Yes, discard"), action="form:discard"),),
                (Button(ctx._("No, go on"), action="form:resume"),),
            )
            return Reply(ctx._("Discard your answers? Nothing will be sent."), buttons=buttons)

        def on_action(ctx: Context, action: str) -> Transition | None:
            if action == "form:discard":
                return self.discard(ctx, ctx.data.get(LEAVING, "cancel"))
            if action == "form:resume":
                ctx.data.pop(LEAVING, None)
                return goto(self.flow, ctx.data.pop(RESUME, self.order[0]))
            return None

        return Step("discard", screen, on_action=on_action)


def language_options(ctx: Context) -> list[tuple[str, str]]:
    return list(LANGUAGE_NAMES.items())


def area_options(ctx: Context) -> list[tuple[str, str]]:
    return [(area, area_label(ctx, area)) for area in AREAS]
