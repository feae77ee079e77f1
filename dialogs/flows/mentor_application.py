"""Apply to become a mentor: name, age, languages, region, areas, mentees, a few words, summary."""

from __future__ import annotations

from dialogs.engine import Context, Flow, Step, Transition, goto, say, stay
from dialogs.flows.common import HOME, back_button, language_list
from dialogs.labels import area_label, country_label, region_label, status_label
from dialogs.ports import ApplicationAnswers
from dialogs.programme import (
    INTRODUCTION_LIMIT,
    MAX_MENTEES,
    MENTOR_MIN_AGE,
)
from dialogs.questionnaire import Questionnaire, area_options, language_options
from dialogs.replies import Button, Reply
from dialogs.text import has_letter, parse_age

FLOW = "mentor_application"
FORM = Questionnaire(
    FLOW, ("name", "age", "languages", "region", "areas", "capacity", "introduction")
)


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


# --- age --------------------------------------------------------------------------------------

OLDEST = 119  # nobody is older: a bigger number is a typo


def impossible_age(ctx: Context, number: int) -> Reply:
    text = ctx._("{number} cannot be an age. Please check it and write your age again.")
    return Reply(text.format(number=number))


def too_young(ctx: Context) -> Reply:
    text = ctx._(
        "Mentors need to be at least {age} years old. If that was a typo, please write your "
        "age again."
    )
    return Reply(text.format(age=MENTOR_MIN_AGE))


def on_age(ctx: Context, text: str) -> Transition:
    """A typo or an age below the rule asks again, with every answer so far kept."""
    age = parse_age(text)
    if age is None:
        return stay(say("Please write your age as a number, for example 27."))
    if age > OLDEST:
        return stay(lambda ctx: impossible_age(ctx, age))
    if age < MENTOR_MIN_AGE:
        return stay(too_young)
    ctx.data["age"] = age
    return FORM.next_step(ctx, "age")


# --- capacity ------------------------------------------------------------------------------


def capacity_options(ctx: Context) -> list[tuple[str, str]]:
    return [(str(n), str(n)) for n in range(1, MAX_MENTEES + 1)]


# --- introduction ----------------------------------------------------------------------------


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
    if len(introduction) < 10 or not has_letter(introduction):
        return stay(say("Please write at least a sentence."))
    ctx.data["introduction"] = introduction
    return FORM.next_step(ctx, "introduction")


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
        capacity=int(data["capacity"]),
        introduction=data["introduction"],
    )


def describe(ctx: Context, given: ApplicationAnswers, own: bool = True) -> str:
    """The answers as a readable list; also what coordinators see."""
    lines = (
        ctx._("Name: {name}").format(name=given.display_name),
        ctx._("Age: {age}").format(age=given.age),
        ctx._("Languages: {languages}").format(languages=language_list(ctx.t, given.languages)),
        ctx._("Region: {region}").format(
            region=f"{region_label(ctx, given.region)} ({country_label(ctx, given.country)})"
        ),
        ctx._("Can help with: {areas}").format(
            areas=", ".join(area_label(ctx, area) for area in given.areas)
        ),
        ctx._("Mentees at a time: {count}").format(count=given.capacity),
        # The applicant reads their own answers; coordinators read about someone else.
        (ctx._("About you: {text}") if own else ctx._("About them: {text}")).format(
            text=given.introduction
        ),
    )
    return "\n".join(lines)


def summary_screen(ctx: Context) -> Reply:
    edits = [
        ("name", ctx._("Name")),
        ("age", ctx._("Age")),
        ("languages", ctx._("Languages")),
        ("region", ctx._("Region")),
        ("areas", ctx._("Areas")),
        ("capacity", ctx._("Mentees")),
        ("introduction", ctx._("About you")),
    ]
    send = Button(ctx._("📨 Send application"), action="apply:send")
    shorts = {"capacity": ctx._("✏️ Mentees")}
    return FORM.summary(ctx, describe(ctx, answers(ctx)), edits, send, shorts)


async def on_summary(ctx: Context, action: str) -> Transition | None:
    if action.startswith("edit:"):
        return FORM.edit_target(action)
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


flow = Flow.of(
    FLOW,
    Step("intro", intro_screen, on_action=on_intro),
    FORM.name_step(
        lambda ctx: ctx._("Which name should young people see? Your first name is enough.")
    ),
    FORM.text_step(
        "age", lambda ctx: ctx._("How old are you? Please write it as a number."), on_age
    ),
    FORM.multi_select(
        "languages",
        lambda ctx: ctx._("In which languages can you hold the meetings? Choose all that apply."),
        language_options,
        per_row=2,
    ),
    FORM.region_step("region", lambda ctx: ctx._("Where can you meet in person?")),
    FORM.multi_select(
        "areas",
        lambda ctx: ctx._("What could you help a young person with? Choose all that apply."),
        area_options,
    ),
    FORM.single_choice(
        "capacity",
        lambda ctx: ctx._("How many young people could you mentor at the same time?"),
        capacity_options,
        per_row=MAX_MENTEES,
    ),
    FORM.text_step(
        "introduction",
        lambda ctx: ctx._(
            "Write a few words about yourself for the coordinators and your future mentee: what "
            "you do, what you enjoy, why you want to mentor (up to {limit} characters)."
        ).format(limit=INTRODUCTION_LIMIT),
        on_introduction,
    ),
    Step("summary", summary_screen, on_action=FORM.with_navigation("summary", on_summary)),
    FORM.discard_step(),
)
