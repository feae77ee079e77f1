"""Opportunities: calls and programmes a young person can take part in, before their deadline.

Only what is open to the person is listed: their country, their age group, not past its
deadline (a passed one disappears by itself). Deadlines read in the person's time zone and
language. "I'm interested", a reminder three days before the deadline, and the contact for the
person's region; where a team is needed, the person is asked first whether they have one.
"""

from __future__ import annotations

from datetime import datetime

from dialogs.engine import Context, Flow, Step, Transition, call, goto, say, stay
from dialogs.flows import messages
from dialogs.flows.common import back_button
from dialogs.grammar import when_date
from dialogs.i18n import Translator, in_language
from dialogs.labels import Words, region_label
from dialogs.notice_payloads import OpportunityDeadline, StaffInterest
from dialogs.notices import notice
from dialogs.ports import OpportunityView
from dialogs.replies import Button, Document, Reply

FLOW = "opportunities"


def open_list(ctx: Context, action: str = "") -> Transition:
    return call(FLOW, "list")


def open_one(ctx: Context, action: str) -> Transition | None:
    """From a reminder: straight to the opportunity."""
    number = action.split(":", 1)[1]
    if not number.isdigit():
        return None
    return call(FLOW, "detail", data={"opportunity": int(number)})


def closes(t: Translator, deadline: datetime) -> str:
    """When applications close, in the reader's zone, as the sentence needs the date."""
    local = deadline.astimezone(t.tz)
    this_year = (t.now or deadline).astimezone(t.tz).year
    return t.gettext("Applications close {date} at {time}.").format(
        date=when_date(local.date(), t.language, with_year=local.year != this_year),
        time=t.time(deadline),
    )


# --- the list ---------------------------------------------------------------------------------


async def list_screen(ctx: Context) -> Reply:
    items = await ctx.opportunities.open_to_me()
    if not items:
        text = ctx._(
            "Nothing is open for you right now. New opportunities appear here as soon as they "
            "are announced."
        )
        return Reply(text, buttons=((back_button(ctx),),))
    text = ctx._("Opportunities open to you now: calls, projects and programmes. Pick one:")
    buttons = tuple((Button(item.title, action=f"opt:opp:{item.id}"),) for item in items)
    return Reply(text, buttons=(*buttons, (back_button(ctx),)))


async def on_list(ctx: Context, action: str) -> Transition | None:
    number = action.removeprefix("opt:opp:")
    if not action.startswith("opt:opp:") or not number.isdigit():
        return None
    if await ctx.opportunities.get(int(number)) is None:
        return None
    ctx.data["opportunity"] = int(number)
    return goto(FLOW, "detail")


# --- one opportunity --------------------------------------------------------------------------


async def _current(ctx: Context) -> OpportunityView | None:
    number = ctx.data.get("opportunity")
    return await ctx.opportunities.get(number) if isinstance(number, int) else None


def _gone(ctx: Context) -> Reply:
    text = ctx._("This opportunity is no longer open.")
    others = Button(
        ctx._("🌟 Other opportunities"), action="opp:list", short=ctx._("🌟 Opportunities")
    )
    return Reply(text, buttons=((others,),))


async def detail_screen(ctx: Context) -> Reply:
    item = await _current(ctx)
    if item is None:
        return _gone(ctx)
    parts = [item.title, item.text]
    if item.eligibility:
        parts.append(ctx._("Who can take part:\n{who}").format(who=item.eligibility))
    if item.deadline is not None:
        days = max((item.deadline - ctx.now).days, 0)
        left = ctx.ngettext("{count} day left.", "{count} days left.", days).format(count=days)
        parts.append(
            ctx._("⏳ {closes} {left}").format(closes=closes(ctx.t, item.deadline), left=left)
        )
    if item.interested:
        parts.append(
            ctx._("✅ You said you are interested: the organisers will get in touch here.")
        )
    if item.reminder_set:
        parts.append(ctx._("⏰ I will remind you three days before the deadline."))
    interested = await ctx.opportunities.interested_count(item.id)
    rows: list[tuple[Button, ...]] = []
    if interested is not None:  # a coordinator: who is interested, at a glance and as CSV
        parts.append(
            ctx.ngettext(
                "👥 {count} person is interested.", "👥 {count} people are interested.", interested
            ).format(count=interested)
        )
        if interested:
            who = Button(
                ctx._("📋 Who is interested (CSV)"), action="opp:csv", short=ctx._("📋 CSV")
            )
            rows.append((who,))
    if item.apply_url and item.team_members:
        rows.append((Button(ctx._("📝 How to apply"), action="opp:apply"),))
    elif item.apply_url:
        rows.append((Button(ctx._("📝 Apply"), url=item.apply_url),))
    if item.interest and not item.interested and ctx.profile.onboarded:
        rows.append((Button(ctx._("🙋 I'm interested"), action="opp:interest"),))
    if item.deadline is not None and not item.reminder_set and ctx.profile.onboarded:
        remind = Button(
            ctx._("⏰ Remind me 3 days before"), action="opp:remind", short=ctx._("⏰ Remind me")
        )
        rows.append((remind,))
    if item.contacts:
        contact = Button(
            ctx._("📍 Contact in my region"), action="opp:contacts", short=ctx._("📍 Contact")
        )
        rows.append((contact,))
    rows.append((Button(ctx._("⬅️ Back"), action="opp:list"),))
    return Reply("\n\n".join(part for part in parts if part), buttons=tuple(rows))


async def on_detail(ctx: Context, action: str) -> Transition | None:
    item = await _current(ctx)
    if action == "opp:list":
        return goto(FLOW, "list")
    if item is None:
        return None
    if action in ("opp:apply", "opp:interest"):
        ctx.data["wants"] = action.removeprefix("opp:")
        if item.team_members:
            return goto(FLOW, "team")
        return await _go_on(ctx, item)
    if action == "opp:remind":
        return await _remind(ctx, item)
    if action == "opp:contacts":
        return goto(FLOW, "regions")
    if action == "opp:csv":
        content = await ctx.opportunities.interest_csv(item.id)
        if content is None:
            return None
        caption = ctx._("Who is interested in “{title}”. Handle with care: it holds names.")
        document = Document(
            f"interest-{item.slug}.csv", content, "text/csv", caption.format(title=item.title)
        )
        return stay(lambda ctx: Reply(document=document))
    return None


async def on_question(ctx: Context, text: str) -> Transition | None:
    """Words typed on an opportunity are a question: passed on, never lost."""
    item = await _current(ctx)
    if item is None:
        return None
    if not ctx.profile.onboarded:
        return stay(
            say(
                "To pass on your question I need to keep it: agree to the privacy notice "
                "first (🔒 Privacy)."
            )
        )
    await ctx.opportunities.ask(item.id, text, ctx.data.get("region"))
    return stay(
        say("Passed on to the coordinators, with your question: they will answer you here.")
    )


async def _go_on(ctx: Context, item: OpportunityView) -> Transition | None:
    """After the team question (or with none): the apply link, or the interest recorded."""
    if ctx.data.get("wants") == "apply":
        return goto(FLOW, "apply")
    if not await ctx.opportunities.mark_interest(item.id, ctx.data.get("region")):
        return None
    return goto(
        FLOW,
        "detail",
        say(
            "Thank you! The organisers will see that you are interested and may write to you here."
        ),
    )


async def _remind(ctx: Context, item: OpportunityView) -> Transition | None:
    outcome = await ctx.opportunities.remind(item.id)
    if outcome == "late":
        return stay(say("The deadline is less than three days away: better apply now."))
    if outcome != "set":
        return None
    if ctx.capabilities.writes_any_time:
        return stay(say("Done: I will remind you three days before the deadline."))
    # Messenger: the bot may write only within a day of the person's last message.
    return stay(lambda ctx: _reminder_on_messenger(ctx))


def _reminder_on_messenger(ctx: Context) -> Reply:
    text = ctx._(
        "Done. Here I can only write to you within a day of your last message, so the reminder "
        "may wait until you next write to me. On Telegram it would come on time."
    )
    telegram = Button(
        ctx._("📲 Reminders on Telegram"), action="linking", short=ctx._("📲 Telegram")
    )
    return Reply(text, buttons=((telegram,),))


# --- a team, applying, contacts ---------------------------------------------------------------


async def team_screen(ctx: Context) -> Reply:
    item = await _current(ctx)
    if item is None or not item.team_members:
        return _gone(ctx)
    members = item.team_members
    if item.support_person:
        question = ctx.ngettext(
            "This is for teams: {count} young person and an adult who supports them, a teacher "
            "for example. Do you have your team?",
            "This is for teams: {count} young people and an adult who supports them, a teacher "
            "for example. Do you have your team?",
            members,
        )
    else:
        question = ctx.ngettext(
            "This is for teams of {count} young person. Do you have your team?",
            "This is for teams of {count} young people. Do you have your team?",
            members,
        )
    buttons = (
        (
            Button(
                ctx._("✅ Yes, we have a team"), action="opp:team:yes", short=ctx._("✅ We have")
            ),
        ),
        (Button(ctx._("Not yet"), action="opp:team:no"),),
        (Button(ctx._("⬅️ Back"), action="opp:detail"),),
    )
    return Reply(question.format(count=members), buttons=buttons)


async def on_team(ctx: Context, action: str) -> Transition | None:
    item = await _current(ctx)
    if action == "opp:detail" or item is None:
        return goto(FLOW, "detail")
    if action == "opp:team:yes":
        return await _go_on(ctx, item)
    if action == "opp:team:no":
        if ctx.data.get("wants") == "interest":  # they said so: the organisers may help
            await ctx.opportunities.mark_interest(item.id, ctx.data.get("region"))
        hint = say(
            "You can still take part: ask friends from your class and a teacher to join you. "
            "The contact in your region can help you put a team together."
        )
        return goto(FLOW, "detail", hint)
    return None


async def apply_screen(ctx: Context) -> Reply:
    item = await _current(ctx)
    if item is None or not item.apply_url:
        return _gone(ctx)
    text = ctx._("Great! You apply on the organisers' page:")
    return Reply(
        text,
        buttons=(
            (Button(ctx._("📝 Apply"), url=item.apply_url),),
            (Button(ctx._("⬅️ Back"), action="opp:detail"),),
        ),
    )


def on_apply(ctx: Context, action: str) -> Transition | None:
    return goto(FLOW, "detail") if action == "opp:detail" else None


async def regions_screen(ctx: Context) -> Reply:
    item = await _current(ctx)
    if item is None or not item.contacts:
        return _gone(ctx)
    buttons = tuple(
        (Button(region_label(ctx, region), action=f"opt:region:{region}"),)
        for region, _ in item.contacts
    )
    text = ctx._("Where do you live? I will show you who to contact there.")
    return Reply(text, buttons=(*buttons, (Button(ctx._("⬅️ Back"), action="opp:detail"),)))


async def on_region(ctx: Context, action: str) -> Transition | None:
    item = await _current(ctx)
    if action == "opp:detail" or item is None:
        return goto(FLOW, "detail")
    region = action.removeprefix("opt:region:")
    contact = next((text for key, text in item.contacts if key == region), None)
    if contact is None:
        return None
    ctx.data["region"] = region
    if item.interested:  # the organisers see where they are
        await ctx.opportunities.mark_interest(item.id, region)

    def contact_note(ctx: Context) -> Reply:
        heading = ctx._("Your contact in {region}:").format(region=region_label(ctx, region))
        return Reply(f"{heading}\n{contact}")

    return goto(FLOW, "detail", contact_note)


flow = Flow.of(
    FLOW,
    Step("list", list_screen, on_action=on_list),
    Step("detail", detail_screen, on_action=on_detail, on_text=on_question),
    Step("team", team_screen, on_action=on_team),
    Step("apply", apply_screen, on_action=on_apply),
    Step("regions", regions_screen, on_action=on_region, on_text=on_question),
)


# --- the reminder -----------------------------------------------------------------------------


@notice("opportunity_deadline")
def deadline_notice(t: Translator, payload: OpportunityDeadline) -> list[Reply]:
    title = in_language(payload["title"], t.language)
    deadline = datetime.fromisoformat(payload["deadline"])
    text = "\n\n".join(
        (t.gettext("⏰ A reminder about “{title}”:").format(title=title), closes(t, deadline))
    )
    rows: list[tuple[Button, ...]] = [
        (Button(t.gettext("👀 Open it"), action=f"openopp:{payload['opportunity']}", sticky=True),)
    ]
    if payload["apply_url"]:
        rows.append((Button(t.gettext("📝 Apply"), url=payload["apply_url"]),))
    return [Reply(text, buttons=tuple(rows))]


@notice("staff_interest")
def interest_notice(t: Translator, payload: StaffInterest) -> list[Reply]:
    title = in_language(payload["opportunity"], t.language)
    name = payload["name"] or t.gettext("A young person")
    if payload["question"]:
        text = t.gettext("❓ {name} (no. {number}) asks about “{title}”:")
    else:
        text = t.gettext("🙋 {name} (no. {number}) is interested in “{title}”.")
    parts = [text.format(name=name, number=payload["person"], title=title)]
    if payload["question"]:
        parts.append(payload["question"])
    if payload["region"]:
        region = region_label(Words(t), payload["region"])
        parts.append(t.gettext("Region: {region}").format(region=region))
    return [Reply("\n\n".join(parts), buttons=((messages.talk_button(t, payload["person"]),),))]
