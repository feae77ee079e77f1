"""A mentor's free times: weekly hours, hours on one day, and days off."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date, time, timedelta

from dialogs.engine import Context, Flow, Step, Transition, goto, say, stay
from dialogs.flows.common import back_button
from dialogs.ports import AvailabilityView, Where, WindowView
from dialogs.replies import Button, Reply, rows
from dialogs.timeslots import (
    day_label,
    decode_day,
    encode_day,
    hour_label,
    short_day_label,
    short_span_label,
    short_weekday_name,
    span_label,
    weekday_name,
)
from dialogs.where import read_link, read_place, where_text

FLOW = "availability"
FIRST_HOUR, LAST_HOUR = 8, 21  # the start hours offered
LATEST_END = 23  # windows end by 23:00, so a session never runs into the next day
MAX_LENGTH = 4
DAYS_AHEAD = 14

AsyncHandler = Callable[[Context, str], Awaitable[Transition | None]]


async def is_mentor(ctx: Context) -> bool:
    """Only approved mentors set free times."""
    application = await ctx.mentoring.my_application()
    return application is not None and application.status == "approved"


def today(ctx: Context) -> date:
    return ctx.now.astimezone(ctx.t.tz).date()


def next_days(ctx: Context, count: int = DAYS_AHEAD) -> list[date]:
    start = today(ctx)
    return [start + timedelta(days=offset) for offset in range(count)]


def cancel_row(ctx: Context) -> tuple[Button, ...]:
    return (Button(ctx._("Cancel"), action="free:cancel"),)


def window_label(ctx: Context, window: WindowView) -> str:
    if window.day is not None:
        when = day_label(ctx.t, window.day)
    else:
        when = weekday_name(ctx.t, window.weekday or 0)
    return f"{when}: {span_label(ctx.t, window.start, window.end)}"


def window_short(ctx: Context, window: WindowView) -> str:
    """The same free time in few characters, for channels with short buttons (Messenger)."""
    if window.day is not None:
        when = short_day_label(ctx.t, window.day)
    else:
        when = short_weekday_name(ctx.t, window.weekday or 0)
    return f"{when} {short_span_label(ctx.t, window.start, window.end)}"


def window_text(ctx: Context, window: WindowView) -> str:
    """The free time, and its own place under it when it is not the usual one."""
    label = window_label(ctx, window)
    return f"{label}\n   {where_text(ctx.t, window.where)}" if window.where else label


# --- the overview ------------------------------------------------------------------------------


def describe(ctx: Context, view: AvailabilityView) -> list[str]:
    weekly = [window for window in view.windows if window.weekday is not None]
    once = [window for window in view.windows if window.day is not None]
    parts = []
    if weekly:
        parts.append(
            "\n".join([ctx._("Every week:"), *(f"• {window_text(ctx, w)}" for w in weekly)])
        )
    if once:
        parts.append("\n".join([ctx._("Once:"), *(f"• {window_text(ctx, w)}" for w in once)]))
    if view.days_off:
        days = (f"• {day_label(ctx.t, day)}" for day in view.days_off)
        parts.append("\n".join([ctx._("Days off:"), *days]))
    parts = parts or [ctx._("You have not set any free times yet.")]
    if view.where is None:
        parts.append(
            ctx._("You have not said yet where you meet: tap “📍 Where we meet” to add it.")
        )
    else:
        parts.append("\n".join([ctx._("Where you usually meet:"), where_text(ctx.t, view.where)]))
    return parts


async def overview_screen(ctx: Context) -> Reply:
    view = await ctx.booking.my_availability()
    intro = ctx._(
        "Your free times for sessions. Your mentees see them in their own time zone and book "
        "one hour at a time, up to three weeks ahead."
    )
    buttons: list[tuple[Button, ...]] = [
        (
            Button(ctx._("➕ Every week"), action="free:weekly"),
            Button(ctx._("➕ One day"), action="free:oneoff"),
        ),
        (
            Button(ctx._("🚫 Block a day"), action="free:dayoff"),
            Button(ctx._("📍 Where we meet"), action="free:where"),
        ),
    ]
    if view.windows or view.days_off:
        buttons.append((Button(ctx._("🗑 Remove"), action="free:remove"),))
    buttons.append((back_button(ctx),))
    return Reply("\n\n".join([intro, *describe(ctx, view)]), buttons=tuple(buttons))


def on_overview(ctx: Context, action: str) -> Transition | None:
    ctx.data.clear()
    targets = {
        "free:weekly": "weekday",
        "free:oneoff": "day",
        "free:dayoff": "day_off",
        "free:remove": "remove",
        "free:where": "where",
    }
    return goto(FLOW, targets[action]) if action in targets else None


async def _nothing(ctx: Context, action: str) -> Transition | None:
    return None


def with_cancel(handler: AsyncHandler) -> AsyncHandler:
    """Cancel returns to the overview; anything else goes to the step's own handler."""

    async def handle(ctx: Context, action: str) -> Transition | None:
        if action == "free:cancel":
            ctx.data.clear()
            return goto(FLOW, "overview")
        return await handler(ctx, action)

    return handle


# --- adding a free time: which day, from when, for how long -------------------------------------


def weekday_screen(ctx: Context) -> Reply:
    buttons = [Button(weekday_name(ctx.t, day), action=f"wd:{day}") for day in range(7)]
    return Reply(
        ctx._("On which day of the week are you free?"),
        buttons=(*rows(*buttons, per_row=2), cancel_row(ctx)),
    )


async def on_weekday(ctx: Context, action: str) -> Transition | None:
    weekday = action.removeprefix("wd:")
    if not action.startswith("wd:") or weekday not in {str(day) for day in range(7)}:
        return None
    ctx.data["weekday"] = int(weekday)
    return goto(FLOW, "start")


def day_buttons(ctx: Context, prefix: str, days: list[date]) -> tuple[tuple[Button, ...], ...]:
    buttons = [Button(day_label(ctx.t, day), action=f"{prefix}:{encode_day(day)}") for day in days]
    return rows(*buttons, per_row=2)


def day_screen(ctx: Context) -> Reply:
    return Reply(
        ctx._("On which day are you free?"),
        buttons=(*day_buttons(ctx, "day", next_days(ctx)), cancel_row(ctx)),
    )


async def on_day(ctx: Context, action: str) -> Transition | None:
    day = decode_day(action.removeprefix("day:"))
    if not action.startswith("day:") or day not in next_days(ctx):
        return None
    ctx.data["day"] = encode_day(day)
    return goto(FLOW, "start")


def start_screen(ctx: Context) -> Reply:
    buttons = [
        Button(hour_label(ctx.t, time(hour)), action=f"h:{hour}")
        for hour in range(FIRST_HOUR, LAST_HOUR + 1)
    ]
    return Reply(ctx._("From what time?"), buttons=(*rows(*buttons, per_row=4), cancel_row(ctx)))


async def on_start(ctx: Context, action: str) -> Transition | None:
    hour = action.removeprefix("h:")
    if not action.startswith("h:") or not hour.isdigit():
        return None
    if not FIRST_HOUR <= int(hour) <= LAST_HOUR:
        return None
    ctx.data["start"] = int(hour)
    return goto(FLOW, "length")


def lengths(ctx: Context) -> list[int]:
    start = ctx.data.get("start", FIRST_HOUR)
    return [hours for hours in range(1, MAX_LENGTH + 1) if start + hours <= LATEST_END]


def length_screen(ctx: Context) -> Reply:
    buttons = [
        Button(
            ctx.ngettext("{count} hour", "{count} hours", hours).format(count=hours),
            action=f"len:{hours}",
        )
        for hours in lengths(ctx)
    ]
    return Reply(ctx._("For how long?"), buttons=(*rows(*buttons, per_row=2), cancel_row(ctx)))


async def on_length(ctx: Context, action: str) -> Transition | None:
    hours = action.removeprefix("len:")
    if not action.startswith("len:") or not hours.isdigit() or int(hours) not in lengths(ctx):
        return None
    ctx.data["hours"] = int(hours)
    if (await ctx.booking.my_availability()).where is None:
        # The first free time also settles where the mentor usually meets.
        return goto(FLOW, "where")
    return goto(FLOW, "window_where")


async def save_window(ctx: Context, where: Where | None) -> Transition:
    """Add the free time being set up; `where` None: at the usual place."""
    start = ctx.data["start"]
    begin, end = time(start), time(start + ctx.data["hours"])
    if "weekday" in ctx.data:
        saved = await ctx.booking.add_weekly(ctx.data["weekday"], begin, end, where)
    else:
        day = decode_day(ctx.data["day"])
        saved = await ctx.booking.add_one_off(day, begin, end, where)  # type: ignore[arg-type]
    ctx.data.clear()
    if not saved:
        return goto(FLOW, "overview", say("Sorry, I could not add that free time."))
    return goto(FLOW, "overview", say("Saved."))


# --- where they meet: usually, or at one free time --------------------------------------------


def where_screen(ctx: Context) -> Reply:
    text = ctx._(
        "Where do you meet your mentees? Sessions are face to face; meet online only when "
        "meeting in person is not possible."
    )
    buttons = (
        (
            Button(ctx._("📍 A place"), action="where:place"),
            Button(ctx._("💻 Online"), action="where:online"),
        ),
        cancel_row(ctx),
    )
    return Reply(text, buttons=buttons)


async def on_where(ctx: Context, action: str) -> Transition | None:
    targets = {"where:place": "place", "where:online": "link"}
    return goto(FLOW, targets[action]) if action in targets else None


async def window_where_screen(ctx: Context) -> Reply:
    usual = (await ctx.booking.my_availability()).where
    text = "\n".join(
        [ctx._("Where do you meet at this time?"), ctx._("Usually:"), where_text(ctx.t, usual)]
    )
    buttons = (
        (Button(ctx._("✅ As usual"), action="ww:usual"),),
        (
            Button(ctx._("📍 Another place"), action="ww:place"),
            Button(ctx._("💻 Online"), action="ww:online"),
        ),
        cancel_row(ctx),
    )
    return Reply(text, buttons=buttons)


async def on_window_where(ctx: Context, action: str) -> Transition | None:
    if action == "ww:usual":
        return await save_window(ctx, None)
    targets = {"ww:place": "place", "ww:online": "link"}
    if action not in targets:
        return None
    ctx.data["own_place"] = True
    return goto(FLOW, targets[action])


def place_screen(ctx: Context) -> Reply:
    text = ctx._(
        "Write the name of the place and its address, for example: Youth centre “Kopā”, "
        "Brīvības iela 10, Rīga. A public place is best: a youth centre, a library, a café."
    )
    return Reply(text, buttons=(cancel_row(ctx),))


def link_screen(ctx: Context) -> Reply:
    text = ctx._(
        "Send the link to your video call, for example https://meet.google.com/abc-defg-hij. "
        "Your mentees will see it with every session."
    )
    return Reply(text, buttons=(cancel_row(ctx),))


async def on_place(ctx: Context, text: str) -> Transition:
    place = read_place(text)
    if place is None:
        return stay(say("Please write the place and its address in one message, in words."))
    return await settle_where(ctx, Where(place=place))


async def on_link(ctx: Context, text: str) -> Transition:
    link = read_link(text)
    if link is None:
        return stay(
            say("That does not look like a link. Please send it as it is, starting with https://")
        )
    return await settle_where(ctx, Where(online_url=link))


async def settle_where(ctx: Context, where: Where) -> Transition:
    """Keep the answer for the free time being added, or as where the mentor usually meets."""
    if ctx.data.pop("own_place", False):
        return await save_window(ctx, where)
    if not await ctx.booking.set_where(where):
        ctx.data.clear()
        return goto(FLOW, "overview", say("Sorry, I could not save that."))
    if "hours" in ctx.data:
        return await save_window(ctx, None)
    return goto(FLOW, "overview", say("Saved."))


# --- days off and removing ---------------------------------------------------------------------


async def day_off_screen(ctx: Context) -> Reply:
    blocked = set((await ctx.booking.my_availability()).days_off)
    days = [day for day in next_days(ctx, 21) if day not in blocked]
    return Reply(
        ctx._("Which day are you away? No one can book you that day."),
        buttons=(*day_buttons(ctx, "off", days), cancel_row(ctx)),
    )


async def on_day_off(ctx: Context, action: str) -> Transition | None:
    day = decode_day(action.removeprefix("off:"))
    if not action.startswith("off:") or day not in next_days(ctx, 21):
        return None
    if not await ctx.booking.add_day_off(day):
        return goto(FLOW, "overview", say("Sorry, I could not block that day."))
    return goto(
        FLOW,
        "overview",
        say("Blocked. Sessions already booked that day stay booked: move or cancel them."),
    )


async def remove_screen(ctx: Context) -> Reply:
    view = await ctx.booking.my_availability()
    buttons = [
        Button(
            f"🗑 {window_label(ctx, window)}",
            action=f"rmw:{window.id}",
            short=f"🗑 {window_short(ctx, window)}",
        )
        for window in view.windows
    ]
    buttons += [
        Button(
            f"🗑 {day_label(ctx.t, day)}",
            action=f"rmd:{encode_day(day)}",
            short=f"🗑 {short_day_label(ctx.t, day, weekday=True)}",
        )
        for day in view.days_off
    ]
    return Reply(ctx._("What should I remove?"), buttons=(*rows(*buttons), cancel_row(ctx)))


async def on_remove(ctx: Context, action: str) -> Transition | None:
    code = action.partition(":")[2]
    if action.startswith("rmw:") and code.isdigit():
        removed = await ctx.booking.remove_window(int(code))
    elif action.startswith("rmd:") and (day := decode_day(code)) is not None:
        removed = await ctx.booking.remove_day_off(day)
    else:
        return None
    if not removed:
        return None  # someone else's, or gone already: the expired path shows where we are
    return goto(FLOW, "overview", say("Removed."))


flow = Flow.of(
    FLOW,
    Step("overview", overview_screen, on_action=on_overview),
    Step("weekday", weekday_screen, on_action=with_cancel(on_weekday)),
    Step("day", day_screen, on_action=with_cancel(on_day)),
    Step("start", start_screen, on_action=with_cancel(on_start)),
    Step("length", length_screen, on_action=with_cancel(on_length)),
    Step("where", where_screen, on_action=with_cancel(on_where)),
    Step("window_where", window_where_screen, on_action=with_cancel(on_window_where)),
    Step("place", place_screen, on_action=with_cancel(_nothing), on_text=on_place),
    Step("link", link_screen, on_action=with_cancel(_nothing), on_text=on_link),
    Step("day_off", day_off_screen, on_action=with_cancel(on_day_off)),
    Step("remove", remove_screen, on_action=with_cancel(on_remove)),
)
