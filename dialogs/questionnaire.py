"""The shared shape of a form in the chat: ordered questions, a summary, Cancel on every step."""

from __future__ import annotations

from collections.abc import Callable

from dialogs.engine import Context, Step, Transition, back, goto, resolve, say, stay
from dialogs.flows.common import LANGUAGE_NAMES
from dialogs.labels import area_label, country_label, region_label
from dialogs.programme import AREAS, REGIONS
from dialogs.replies import Button, Reply, rows

Text = Callable[[Context], str]
Handler = Callable[[Context, str], object]


def check(selected: bool, label: str) -> str:
    return f"✅ {label}" if selected else label


class Questionnaire:
    """Questions asked in `order`, then a summary; an edit from the summary returns to it."""

    def __init__(self, flow: str, order: tuple[str, ...]) -> None:
        self.flow = flow
        self.order = order

    def next_step(self, ctx: Context, current: str) -> Transition:
        following = self.order.index(current) + 1
        if ctx.data.get("editing") or following == len(self.order):
            ctx.data["editing"] = True
            return goto(self.flow, "summary")
        return goto(self.flow, self.order[following])

    def cancel_row(self, ctx: Context) -> tuple[Button, ...]:
        return (Button(ctx._("Cancel"), action="form:cancel"),)

    def done_rows(self, ctx: Context) -> tuple[tuple[Button, ...], ...]:
        return ((Button(ctx._("Done"), action="pick:done"),), self.cancel_row(ctx))

    def summary(
        self, ctx: Context, answers: str, edits: list[tuple[str, str]], send: Button
    ) -> Reply:
        """The answers to check, an ✏️ button per question (two to a row), Send and Cancel."""
        edit = ctx._("✏️ {what}")
        buttons = [Button(edit.format(what=label), action=f"edit:{step}") for step, label in edits]
        text = "\n\n".join((ctx._("Please check your answers:"), answers))
        return Reply(text, buttons=(*rows(*buttons, per_row=2), (send,), self.cancel_row(ctx)))

    def edit_target(self, action: str) -> Transition | None:
        """An ✏️ press from the summary: back to that question."""
        step = action.removeprefix("edit:")
        if action.startswith("edit:") and step in self.order:
            return goto(self.flow, step)
        return None

    def with_cancel(self, handler: Handler | None = None) -> Handler:
        """Let the step's Cancel button work, then defer to the step's own buttons."""

        async def handle(ctx: Context, action: str) -> Transition | None:
            if action == "form:cancel":
                ctx.data.clear()
                return back(say("Cancelled. Nothing was sent."))
            if handler is None:
                return None
            return await resolve(handler(ctx, action))  # type: ignore[arg-type]

        return handle

    def text_step(self, name: str, prompt: Text, on_text: Callable[[Context, str], object]) -> Step:
        """A question answered by typing."""
        return Step(
            name,
            lambda ctx: Reply(prompt(ctx), buttons=(self.cancel_row(ctx),)),
            on_action=self.with_cancel(),
            on_text=on_text,  # type: ignore[arg-type]
        )

    def multi_select(
        self,
        name: str,
        prompt: Text,
        options: Callable[[Context], list[tuple[str, str]]],
        per_row: int = 1,
    ) -> Step:
        """Choose one or more options (value, label); answers go to data[name] as a list."""

        def screen(ctx: Context) -> Reply:
            chosen = set(ctx.data.get(name, []))
            buttons = [
                Button(check(value in chosen, label), action=f"opt:{value}")
                for value, label in options(ctx)
            ]
            return Reply(
                prompt(ctx), buttons=(*rows(*buttons, per_row=per_row), *self.done_rows(ctx))
            )

        def on_action(ctx: Context, action: str) -> Transition | None:
            if action == "pick:done":
                if not ctx.data.get(name):
                    return stay(say("Please choose at least one."))
                return self.next_step(ctx, name)
            value = action.removeprefix("opt:")
            if value not in {known for known, _label in options(ctx)}:
                return None
            chosen = list(ctx.data.get(name, []))
            chosen.remove(value) if value in chosen else chosen.append(value)
            ctx.data[name] = chosen
            return stay()

        return Step(name, screen, on_action=self.with_cancel(on_action))

    def single_choice(
        self,
        name: str,
        prompt: Text,
        options: Callable[[Context], list[tuple[str, str]]],
        per_row: int = 1,
    ) -> Step:
        """Choose exactly one option; the answer goes to data[name]."""

        def screen(ctx: Context) -> Reply:
            buttons = [Button(label, action=f"opt:{value}") for value, label in options(ctx)]
            return Reply(
                prompt(ctx), buttons=(*rows(*buttons, per_row=per_row), self.cancel_row(ctx))
            )

        def on_action(ctx: Context, action: str) -> Transition | None:
            value = action.removeprefix("opt:")
            if value not in {known for known, _label in options(ctx)}:
                return None
            ctx.data[name] = value
            return self.next_step(ctx, name)

        return Step(name, screen, on_action=self.with_cancel(on_action))

    def region_step(self, name: str, prompt: Text) -> Step:
        """A region of Latvia or Lithuania; data["country"] picks the list, a button swaps it."""

        def screen(ctx: Context) -> Reply:
            country = ctx.data.get("country", "LV")
            other = "LT" if country == "LV" else "LV"
            buttons = [
                Button(region_label(ctx, region), action=f"opt:{region}")
                for region in REGIONS[country]
            ]
            switch = Button(
                ctx._("Elsewhere: {country}").format(country=country_label(ctx, other)),
                action=f"country:{other}",
            )
            return Reply(
                prompt(ctx),
                buttons=(*rows(*buttons, per_row=2), (switch,), self.cancel_row(ctx)),
            )

        def on_action(ctx: Context, action: str) -> Transition | None:
            if action.startswith("country:") and action.removeprefix("country:") in REGIONS:
                ctx.data["country"] = action.removeprefix("country:")
                return stay()
            region = action.removeprefix("opt:")
            if region not in REGIONS[ctx.data.get("country", "LV")]:
                return None
            ctx.data[name] = region
            return self.next_step(ctx, name)

        return Step(name, screen, on_action=self.with_cancel(on_action))


def language_options(ctx: Context) -> list[tuple[str, str]]:
    return list(LANGUAGE_NAMES.items())


def area_options(ctx: Context) -> list[tuple[str, str]]:
    return [(area, area_label(ctx, area)) for area in AREAS]
