"""Apply to become a mentor: name, age, languages, region, areas, mentees, a few words, summary."""

from __future__ import annotations

from dialogs.engine import Context, Flow, Step, Transition, back, goto, resolve, say, stay
from dialogs.flows.common import HOME, LANGUAGE_NAMES, back_button
from dialogs.labels import area_label, country_label, region_label, status_label
from dialogs.ports import ApplicationAnswers
from dialogs.programme import (
    AREAS,
    INTRODUCTION_LIMIT,
    MAX_MENTEES,
    MENTOR_MIN_AGE,
    NAME_LIMIT,
    REGIONS,
)
from dialogs.replies import Button, Reply, rows

FLOW = "mentor_application"
ORDER = ("name", "age", "languages", "region", "areas", "capacity", "introduction")


def next_step(ctx: Context, current: str) -> Transition:
    """Onwards in the questionnaire, or back to the summary once it has been reached."""
    following = ORDER.index(current) + 1
    if ctx.data.get("editing") or following == len(ORDER):
        ctx.data["editing"] = True
        return goto(FLOW, "summary")
    return goto(FLOW, ORDER[following])


def cancel_row(ctx: Context) -> tuple[Button, ...]:
    return (Button(ctx._("Cancel"), action="apply:cancel"),)


def check(selected: bool, label: str) -> str:
    return f"✅ {label}" if selected else label


# --- start -----------------------------------------------------------------------------------


async def intro_screen(ctx: Context) -> Reply:
    existing = await ctx.mentoring.my_application()
    if existing is not None and existing.status != "declined":
        text = ctx._("Your mentor application: {status}.").format(
            status=status_label(ctx, existing.status)
        )
        return Reply(text, buttons=((back_button(ctx),),))
    text = "\n\n".join(
        (
            ctx._(
                "Mentors are volunteers aged 20 or older. For 6 to 12 months you meet one young "
                "person for an hour at least twice a month, and agree together what to do before "
                "the next meeting."
            ),
            ctx._(
                "A few questions follow (about two minutes). The programme's coordinators read "
                "your answers and decide."
            ),
        )
    )
    buttons = ((Button(ctx._("Start"), action="apply:start"),), (back_button(ctx),))
    return Reply(text, buttons=buttons)


async def on_intro(ctx: Context, action: str) -> Transition | None:
    if action != "apply:start":
        return None
    existing = await ctx.mentoring.my_application()
    if existing is not None and existing.status != "declined":
        return None
    ctx.data.clear()
    ctx.data["country"] = ctx.profile.country or "LV"
    return goto(FLOW, "name")


# --- name and age ----------------------------------------------------------------------------


def name_screen(ctx: Context) -> Reply:
    text = ctx._("Which name should young people see? Your first name is enough.")
    return Reply(text, buttons=(cancel_row(ctx),))


def on_name(ctx: Context, text: str) -> Transition:
    name = " ".join(text.split())
    if not 2 <= len(name) <= NAME_LIMIT:
        return stay(
            lambda ctx: Reply(
                ctx._("Please write a name of 2 to {limit} characters.").format(limit=NAME_LIMIT)
            )
        )
    ctx.data["name"] = name
    return next_step(ctx, "name")


def age_screen(ctx: Context) -> Reply:
    text = ctx._("How old are you? Please write it as a number.")
    return Reply(text, buttons=(cancel_row(ctx),))


def on_age(ctx: Context, text: str) -> Transition:
    digits = text.strip()
    if not digits.isdigit() or not 0 < int(digits) < 120:
        return stay(say("Please write your age as a number, for example 27."))
    age = int(digits)
    if age < MENTOR_MIN_AGE:
        ctx.data.clear()
        return goto(
            *HOME,
            lambda ctx: Reply(
                ctx._(
                    "Mentors need to be at least {age} years old. Thank you for wanting to help!"
                ).format(age=MENTOR_MIN_AGE)
            ),
        )
    ctx.data["age"] = age
    return next_step(ctx, "age")


# --- languages, region, areas, capacity ------------------------------------------------------


def languages_screen(ctx: Context) -> Reply:
    chosen = set(ctx.data.get("languages", []))
    buttons = [
        Button(check(code in chosen, name), action=f"lang:{code}")
        for code, name in LANGUAGE_NAMES.items()
    ]
    text = ctx._("In which languages can you hold the meetings? Choose all that apply.")
    return Reply(text, buttons=(*rows(*buttons, per_row=2), *done_row(ctx)))


def done_row(ctx: Context) -> tuple[tuple[Button, ...], ...]:
    return ((Button(ctx._("Done"), action="pick:done"),), cancel_row(ctx))


def toggle(ctx: Context, key: str, value: str) -> Transition:
    chosen = list(ctx.data.get(key, []))
    if value in chosen:
        chosen.remove(value)
    else:
        chosen.append(value)
    ctx.data[key] = chosen
    return stay()


def on_languages(ctx: Context, action: str) -> Transition | None:
    if action == "pick:done":
        if not ctx.data.get("languages"):
            return stay(say("Please choose at least one."))
        return next_step(ctx, "languages")
    code = action.removeprefix("lang:")
    return toggle(ctx, "languages", code) if code in LANGUAGE_NAMES else None


def region_screen(ctx: Context) -> Reply:
    country = ctx.data.get("country", "LV")
    other = "LT" if country == "LV" else "LV"
    buttons = [
        Button(region_label(ctx, region), action=f"region:{region}") for region in REGIONS[country]
    ]
    switch = Button(
        ctx._("Elsewhere: {country}").format(country=country_label(ctx, other)),
        action=f"country:{other}",
    )
    text = ctx._("Where can you meet in person?")
    return Reply(text, buttons=(*rows(*buttons, per_row=2), (switch,), cancel_row(ctx)))


def on_region(ctx: Context, action: str) -> Transition | None:
    if action.startswith("country:") and action.removeprefix("country:") in REGIONS:
        ctx.data["country"] = action.removeprefix("country:")
        return stay()
    region = action.removeprefix("region:")
    if region not in REGIONS[ctx.data.get("country", "LV")]:
        return None
    ctx.data["region"] = region
    return next_step(ctx, "region")


def areas_screen(ctx: Context) -> Reply:
    chosen = set(ctx.data.get("areas", []))
    buttons = tuple(
        (Button(check(area in chosen, area_label(ctx, area)), action=f"area:{area}"),)
        for area in AREAS
    )
    text = ctx._("What could you help a young person with? Choose all that apply.")
    return Reply(text, buttons=(*buttons, *done_row(ctx)))


def on_areas(ctx: Context, action: str) -> Transition | None:
    if action == "pick:done":
        if not ctx.data.get("areas"):
            return stay(say("Please choose at least one."))
        return next_step(ctx, "areas")
    area = action.removeprefix("area:")
    return toggle(ctx, "areas", area) if area in AREAS else None


def capacity_screen(ctx: Context) -> Reply:
    buttons = [Button(str(n), action=f"capacity:{n}") for n in range(1, MAX_MENTEES + 1)]
    text = ctx._("How many young people could you mentor at the same time?")
    return Reply(text, buttons=(tuple(buttons), cancel_row(ctx)))


def on_capacity(ctx: Context, action: str) -> Transition | None:
    value = action.removeprefix("capacity:")
    if not value.isdigit() or not 1 <= int(value) <= MAX_MENTEES:
        return None
    ctx.data["capacity"] = int(value)
    return next_step(ctx, "capacity")


# --- introduction ----------------------------------------------------------------------------


def introduction_screen(ctx: Context) -> Reply:
    text = ctx._(
        "Write a few words about yourself for the coordinators and your future mentee: what "
        "you do, what you enjoy, why you want to mentor (up to {limit} characters)."
    ).format(limit=INTRODUCTION_LIMIT)
    return Reply(text, buttons=(cancel_row(ctx),))


def on_introduction(ctx: Context, text: str) -> Transition:
    introduction = text.strip()
    if len(introduction) > INTRODUCTION_LIMIT:
        count = len(introduction)
        return stay(
            lambda ctx: Reply(
                ctx.ngettext(
                    "That is {count} character; please keep it to {limit}.",
                    "That is {count} characters; please keep it to {limit}.",
                    count,
                ).format(count=count, limit=INTRODUCTION_LIMIT)
            )
        )
    if len(introduction) < 10:
        return stay(say("Please write at least a sentence."))
    ctx.data["introduction"] = introduction
    return next_step(ctx, "introduction")


# --- summary and sending ---------------------------------------------------------------------


def answers(ctx: Context) -> ApplicationAnswers:
    data = ctx.data
    return ApplicationAnswers(
        display_name=data["name"],
        age=data["age"],
        languages=tuple(data["languages"]),
        country=data["country"],
        region=data["region"],
        areas=tuple(data["areas"]),
        capacity=data["capacity"],
        introduction=data["introduction"],
    )


def describe(ctx: Context, given: ApplicationAnswers) -> str:
    """The answers as a readable list; also what coordinators see."""
    lines = (
        ctx._("Name: {name}").format(name=given.display_name),
        ctx._("Age: {age}").format(age=given.age),
        ctx._("Languages: {languages}").format(
            languages=", ".join(LANGUAGE_NAMES[code] for code in given.languages)
        ),
        ctx._("Region: {region}").format(
            region=f"{region_label(ctx, given.region)} ({country_label(ctx, given.country)})"
        ),
        ctx._("Can help with: {areas}").format(
            areas=", ".join(area_label(ctx, area) for area in given.areas)
        ),
        ctx._("Mentees at a time: {count}").format(count=given.capacity),
        ctx._("About you: {text}").format(text=given.introduction),
    )
    return "\n".join(lines)


def summary_screen(ctx: Context) -> Reply:
    text = "\n\n".join((ctx._("Please check your answers:"), describe(ctx, answers(ctx))))
    edit = ctx._("✏️ {what}")
    buttons = (
        (
            Button(edit.format(what=ctx._("Name")), action="edit:name"),
            Button(edit.format(what=ctx._("Age")), action="edit:age"),
        ),
        (
            Button(edit.format(what=ctx._("Languages")), action="edit:languages"),
            Button(edit.format(what=ctx._("Region")), action="edit:region"),
        ),
        (
            Button(edit.format(what=ctx._("Areas")), action="edit:areas"),
            Button(edit.format(what=ctx._("Mentees")), action="edit:capacity"),
        ),
        (Button(edit.format(what=ctx._("About you")), action="edit:introduction"),),
        (Button(ctx._("📨 Send application"), action="apply:send"),),
        cancel_row(ctx),
    )
    return Reply(text, buttons=buttons)


async def on_summary(ctx: Context, action: str) -> Transition | None:
    if action.startswith("edit:") and action.removeprefix("edit:") in ORDER:
        return goto(FLOW, action.removeprefix("edit:"))
    if action == "apply:send":
        await ctx.mentoring.submit_application(answers(ctx))
        ctx.data.clear()
        return goto(
            *HOME,
            say(
                "Thank you! Your application is with the coordinators. I will let you know "
                "when they have decided."
            ),
        )
    return None


def on_cancel(ctx: Context, action: str) -> Transition | None:
    if action == "apply:cancel":
        ctx.data.clear()
        return back(say("Cancelled. Nothing was sent."))
    return None


def with_cancel(handler):  # type: ignore[no-untyped-def]
    """Let every step's Cancel button work, then defer to the step's own buttons."""

    async def handle(ctx: Context, action: str) -> Transition | None:
        cancelled = on_cancel(ctx, action)
        if cancelled is not None:
            return cancelled
        if handler is None:
            return None
        return await resolve(handler(ctx, action))

    return handle


flow = Flow.of(
    FLOW,
    Step("intro", intro_screen, on_action=on_intro),
    Step("name", name_screen, on_action=with_cancel(None), on_text=on_name),
    Step("age", age_screen, on_action=with_cancel(None), on_text=on_age),
    Step("languages", languages_screen, on_action=with_cancel(on_languages)),
    Step("region", region_screen, on_action=with_cancel(on_region)),
    Step("areas", areas_screen, on_action=with_cancel(on_areas)),
    Step("capacity", capacity_screen, on_action=with_cancel(on_capacity)),
    Step("introduction", introduction_screen, on_action=with_cancel(None), on_text=on_introduction),
    Step("summary", summary_screen, on_action=with_cancel(on_summary)),
)
