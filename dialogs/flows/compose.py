"""Coordinators compose a campaign post for many people, choose who gets it, see it as each
language's readers will, send it now or later, and follow what became of it."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from dialogs.broadcast_notices import broadcast_post, progress_text, status_label
from dialogs.engine import Context, Flow, Step, Transition, call, goto, say, stay
from dialogs.events import MediaEvent
from dialogs.flows.common import (
    LANGUAGE_NAMES,
    back_button,
    language_list,
    language_name,
    next_language,
)
from dialogs.i18n import LANGUAGES
from dialogs.labels import age_label, country_label
from dialogs.notice_payloads import BroadcastPost
from dialogs.ports import AudienceCount, BroadcastDraft
from dialogs.replies import Button, Document, Reply, rows

FLOW = "compose"
TEXT_LIMIT = 1000  # a photo's caption on Telegram holds 1024 characters
LINK = re.compile(r"^https?://\S+$")
VIDEO_LINK = re.compile(r"\.(mp4|mov|m4v|webm)(\?|$)", re.IGNORECASE)
WHEN_TYPED = re.compile(r"^\s*(\d{1,2})\.(\d{1,2})\.?(?:(\d{4})\.?)?\s+(\d{1,2})[:.](\d{2})\s*$")
ROLES = ("young", "mentors", "applicants")
AGE_GROUPS = ("13", "14-17", "18-25", "26plus")
SUBSCRIBED = ("stories", "opportunities")
# The audience's filters in the order the screen shows them, and their values.
FILTERS: dict[str, tuple[str, ...]] = {
    "languages": LANGUAGES,
    "roles": ROLES,
    "countries": ("LV", "LT"),
    "age_groups": AGE_GROUPS,
    "subscribed": SUBSCRIBED,
}


def open_broadcasts(ctx: Context, action: str = "") -> Transition:
    return call(FLOW, "list")


def _when(ctx: Context, moment: datetime) -> str:
    return ctx.t.datetime(moment, "short")


# --- past broadcasts ----------------------------------------------------------------------------


async def list_screen(ctx: Context) -> Reply:
    recent = await ctx.broadcasts.recent()
    if recent is None:
        return Reply(ctx._("This is for coordinators only."), buttons=((back_button(ctx),),))
    new = Button(ctx._("✍️ Write a new post"), action="compose:new", short=ctx._("✍️ New post"))
    if not recent:
        text = ctx._(
            "No campaign posts yet. A post goes to everyone you choose who agreed to news."
        )
        return Reply(text, buttons=((new,), (back_button(ctx),)))
    line = ctx._("{number}. {when} · {status} · delivered {sent} of {total}")
    lines = [
        line.format(
            number=number,
            when=_when(ctx, view.send_at),
            status=status_label(ctx.t, view.status),
            sent=view.outcomes.get("sent", 0),
            total=view.recipients,
        )
        for number, view in enumerate(recent, 1)
    ]
    numbers = [Button(str(n), action=f"opt:bc:{view.id}") for n, view in enumerate(recent, 1)]
    text = "\n".join([ctx._("📣 Campaign posts, newest first:"), *lines])
    return Reply(text, buttons=((new,), *rows(*numbers, per_row=5), (back_button(ctx),)))


async def on_list(ctx: Context, action: str) -> Transition | None:
    if action == "compose:new":
        return Transition(target=(FLOW, "texts"), data={"texts": {}, "fallback": True})
    number = action.removeprefix("opt:bc:")
    if action.startswith("opt:bc:") and number.isdigit():
        ctx.data["broadcast"] = int(number)
        return goto(FLOW, "status")
    return None


# --- the versions, one language at a time ---------------------------------------------------


def texts_screen(ctx: Context) -> Reply:
    language = LANGUAGES[ctx.data.get("lang", 0)]
    name = language_name(ctx.t, language)
    text = ctx._(
        "Write the post in {language} (up to {limit} characters), or skip this language."
    ).format(language=name, limit=TEXT_LIMIT)
    written = ctx.data.get("texts", {})
    if written:
        text += "\n\n" + ctx._("Written so far: {languages}").format(
            languages=language_list(ctx.t, written)
        )
    skip = Button(
        ctx._("⏭ Not in {language}").format(language=name),
        action="compose:skip",
        short=ctx._("⏭ Skip"),
    )
    return Reply(text, buttons=((skip,), (_cancel_button(ctx),)))


def on_texts_text(ctx: Context, text: str) -> Transition | None:
    text = text.strip()
    if len(text) > TEXT_LIMIT:
        note = ctx._("That is {length} characters; a post holds {limit}. Please shorten it.")
        message = note.format(length=len(text), limit=TEXT_LIMIT)
        return stay(lambda ctx: Reply(message))
    ctx.data.setdefault("texts", {})[LANGUAGES[ctx.data.get("lang", 0)]] = text
    return _next_language(ctx)


def on_texts_action(ctx: Context, action: str) -> Transition | None:
    if action == "compose:skip":
        return _next_language(ctx)
    return _cancel(ctx, action)


def _next_language(ctx: Context) -> Transition:
    return next_language(ctx, "texts", goto(FLOW, "post"))


def _gone(ctx: Context) -> Reply:
    """A post left half-made by an older version of the bot, say."""
    text = ctx._("This draft is gone. Please start it again.")
    return Reply(
        text,
        buttons=(
            (
                Button(
                    ctx._("⬅️ All campaign posts"), action="compose:list", short=ctx._("⬅️ All posts")
                ),
            ),
        ),
    )


def _cancel_button(ctx: Context) -> Button:
    return Button(ctx._("✖️ Cancel"), action="compose:cancel")


def _cancel(ctx: Context, action: str) -> Transition | None:
    if action == "compose:list":  # from a draft that is gone
        return goto(FLOW, "list")
    if action != "compose:cancel":
        return None
    return goto(FLOW, "list", say("Cancelled: nothing was sent."))


# --- the post: what else it carries -------------------------------------------------------


def post_screen(ctx: Context) -> Reply:
    if not ctx.data.get("texts"):
        return _gone(ctx)
    written = ctx.data["texts"]
    missing = [code for code in LANGUAGES if code not in written]
    parts = [
        ctx._("📣 Your post. Written in: {languages}").format(
            languages=language_list(ctx.t, written)
        )
    ]
    if missing:
        if ctx.data.get("fallback", True):
            note = ctx._(
                "Missing: {languages}. Their readers get the version of their country's "
                "language or the English one, where there is one; else nothing."
            )
        else:
            note = ctx._("Missing: {languages}. Their readers get nothing.")
        parts.append(note.format(languages=language_list(ctx.t, missing)))
    parts.append(_extras(ctx))
    buttons: list[tuple[Button, ...]] = []
    if missing:
        toggle = (
            ctx._("🔁 Others get nothing instead")
            if ctx.data.get("fallback", True)
            else ctx._("🔁 Others get a version they read")
        )
        buttons.append((Button(toggle, action="compose:fallback", short=ctx._("🔁 Missing ones")),))
    buttons += [
        (
            Button(
                ctx._("🖼 A photo or video"), action="compose:media", short=ctx._("🖼 Photo, video")
            ),
        ),
        (Button(ctx._("🔗 A link button"), action="compose:link", short=ctx._("🔗 Link")),),
        (Button(ctx._("🎬 A story's button"), action="compose:story", short=ctx._("🎬 Story")),),
        (
            Button(
                ctx._("🌟 An opportunity's button"),
                action="compose:opportunity",
                short=ctx._("🌟 Opportunity"),
            ),
        ),
        (Button(ctx._("👥 Who gets it ➡️"), action="compose:audience", short=ctx._("👥 Audience")),),
        (_cancel_button(ctx),),
    ]
    return Reply("\n\n".join(part for part in parts if part), buttons=tuple(buttons))


def _extras(ctx: Context) -> str:
    lines = []
    media = ctx.data.get("media")
    if media is not None:
        lines.append(
            ctx._("🎬 With a video") if media["kind"] == "video" else ctx._("🖼 With a photo")
        )
    button = ctx.data.get("button")
    if button is not None:
        lines.append(ctx._("🔘 With a button: {what}").format(what=button["shown"]))
    return "\n".join(lines)


async def on_post(ctx: Context, action: str) -> Transition | None:
    if action == "compose:fallback":
        ctx.data["fallback"] = not ctx.data.get("fallback", True)
        return stay()
    steps = {
        "compose:media": "media",
        "compose:link": "link",
        "compose:story": "story",
        "compose:opportunity": "opportunity",
        "compose:audience": "audience",
    }
    if action in steps:
        return goto(FLOW, steps[action])
    return _cancel(ctx, action)


def media_screen(ctx: Context) -> Reply:
    text = ctx._(
        "Send the photo or video, or a link to one (https://…). A file plays in the app it "
        "was sent in; readers in the other app get the words only. A link reaches every app."
    )
    return Reply(
        text,
        buttons=(
            (
                Button(
                    ctx._("⬅️ Back to the post"), action="compose:post", short=ctx._("⬅️ The post")
                ),
            ),
        ),
    )


def on_media(ctx: Context, event: MediaEvent) -> Transition | None:
    ctx.data["media"] = {"kind": event.kind, "url": event.ref}
    return goto(FLOW, "post")


def on_media_text(ctx: Context, text: str) -> Transition | None:
    link = text.strip()
    if not LINK.match(link):
        return stay(say("Please send the photo or video, or a link that starts with https://"))
    ctx.data["media"] = {"kind": "video" if VIDEO_LINK.search(link) else "photo", "url": link}
    return goto(FLOW, "post")


def on_back_to_post(ctx: Context, action: str) -> Transition | None:
    return goto(FLOW, "post") if action == "compose:post" else _cancel(ctx, action)


def link_screen(ctx: Context) -> Reply:
    text = ctx._("Send the link the button opens (https://…).")
    return Reply(
        text,
        buttons=(
            (
                Button(
                    ctx._("⬅️ Back to the post"), action="compose:post", short=ctx._("⬅️ The post")
                ),
            ),
        ),
    )


def on_link_text(ctx: Context, text: str) -> Transition | None:
    link = text.strip()
    if not LINK.match(link) or len(link) > 500:
        return stay(say("Please send a link that starts with https://"))
    # The button's words in each reader's language.
    labels = {code: ctx.catalogues.translator(code).gettext("🔗 Read more") for code in LANGUAGES}
    ctx.data["button"] = {"kind": "link", "url": link, "label": labels, "shown": link}
    return goto(FLOW, "post")


async def story_screen(ctx: Context) -> Reply:
    stories = await ctx.campaign.stories()
    buttons = [(Button(story.title, action=f"opt:bs:{story.id}"),) for story in stories]
    back = Button(ctx._("⬅️ Back to the post"), action="compose:post", short=ctx._("⬅️ The post"))
    return Reply(ctx._("Which story does the button open?"), buttons=(*buttons, (back,)))


async def on_story(ctx: Context, action: str) -> Transition | None:
    chosen = action.removeprefix("opt:bs:")
    if not action.startswith("opt:bs:"):
        return on_back_to_post(ctx, action)
    story = next((s for s in await ctx.campaign.stories() if str(s.id) == chosen), None)
    if story is None:
        return None
    ctx.data["button"] = {"kind": "story", "id": story.id, "shown": story.title}
    return goto(FLOW, "post")


async def opportunity_screen(ctx: Context) -> Reply:
    offered = await ctx.opportunities.open_to_me()
    buttons = [(Button(item.title, action=f"opt:bo:{item.id}"),) for item in offered]
    back = Button(ctx._("⬅️ Back to the post"), action="compose:post", short=ctx._("⬅️ The post"))
    text = ctx._("Which opportunity does the button open?")
    return Reply(text, buttons=(*buttons, (back,)))


async def on_opportunity(ctx: Context, action: str) -> Transition | None:
    chosen = action.removeprefix("opt:bo:")
    if not action.startswith("opt:bo:"):
        return on_back_to_post(ctx, action)
    item = await ctx.opportunities.get(int(chosen)) if chosen.isdigit() else None
    if item is None:
        return None
    ctx.data["button"] = {"kind": "opportunity", "id": item.id, "shown": item.title}
    return goto(FLOW, "post")


# --- who gets it ---------------------------------------------------------------------------------


def _value_label(ctx: Context, name: str, value: str) -> str:
    if name == "languages":
        return language_name(ctx.t, value)
    if name == "countries":
        return country_label(ctx, value)
    if name == "age_groups":
        return age_label(ctx, value)
    labels = {
        "young": ctx._("young people"),
        "mentors": ctx._("mentors"),
        "applicants": ctx._("mentor applicants"),
        "stories": ctx._("story news subscribers"),
        "opportunities": ctx._("opportunity news subscribers"),
    }
    return labels[value]


def _button_label(ctx: Context, name: str, value: str) -> str:
    # A language is named in itself on its button, as everywhere a language is chosen.
    return LANGUAGE_NAMES[value] if name == "languages" else _value_label(ctx, name, value)


def _draft(ctx: Context) -> BroadcastDraft:
    button = ctx.data.get("button")
    if button is not None:
        button = {key: value for key, value in button.items() if key != "shown"}
    send_at = ctx.data.get("send_at")
    return BroadcastDraft(
        texts=ctx.data["texts"],
        fallback=ctx.data.get("fallback", True),
        audience=ctx.data.get("audience", {}),
        media=ctx.data.get("media"),
        button=button,
        send_at=datetime.fromisoformat(send_at) if send_at else None,
    )


def _describe(ctx: Context) -> str:
    audience = ctx.data.get("audience", {})
    parts = [
        ", ".join(_value_label(ctx, name, value) for value in audience[name])
        for name in FILTERS
        if audience.get(name)
    ]
    if audience.get("interested"):
        parts.append(ctx._("interested in a chosen opportunity"))
    if not parts:
        return ctx._("Everyone who agreed to campaign news.")
    return ctx._("Everyone who agreed to campaign news and is: {filters}").format(
        filters="; ".join(parts)
    )


def _count_lines(ctx: Context, count: AudienceCount) -> str:
    lines = [
        ctx.ngettext(
            "👥 {total} person: {telegram} on Telegram; {messenger} on Messenger, {now} of them "
            "reachable now (the others when they next write).",
            "👥 {total} people: {telegram} on Telegram; {messenger} on Messenger, {now} of them "
            "reachable now (the others when they next write).",
            count.total,
        ).format(
            total=count.total,
            telegram=count.telegram,
            messenger=count.messenger,
            now=count.messenger_now,
        )
    ]
    if count.no_version or count.not_agreed:
        lines.append(
            ctx._(
                "Not sent to: {no_version} who read none of its languages, {not_agreed} who "
                "have not agreed to campaign news."
            ).format(no_version=count.no_version, not_agreed=count.not_agreed)
        )
    return "\n".join(lines)


async def audience_screen(ctx: Context) -> Reply:
    if not ctx.data.get("texts"):
        return _gone(ctx)
    count = await ctx.broadcasts.count(_draft(ctx))
    if count is None:
        return Reply(ctx._("This is for coordinators only."), buttons=((back_button(ctx),),))
    audience = ctx.data.get("audience", {})
    text = "\n\n".join(
        [
            ctx._("👥 Who gets it? Tap to narrow it down; tap again to undo."),
            _describe(ctx),
            _count_lines(ctx, count),
        ]
    )
    buttons: list[tuple[Button, ...]] = []
    for name, values in FILTERS.items():
        chosen = audience.get(name, [])
        buttons.append(
            tuple(
                Button(
                    ("✅ " if value in chosen else "") + _button_label(ctx, name, value),
                    action=f"opt:ba:{name}:{value}",
                )
                for value in values
            )
        )
    interested = Button(
        ctx._("🙋 Interested in an opportunity"),
        action="compose:interested",
        short=ctx._("🙋 Interested"),
    )
    preview = Button(ctx._("👀 Preview ➡️"), action="compose:preview", short=ctx._("👀 Preview"))
    back = Button(ctx._("⬅️ Back to the post"), action="compose:post", short=ctx._("⬅️ The post"))
    return Reply(text, buttons=(*buttons, (interested,), (preview,), (back,)))


async def on_audience(ctx: Context, action: str) -> Transition | None:
    if action == "compose:preview":
        count = await ctx.broadcasts.count(_draft(ctx))
        if count is None or count.total == 0:
            return stay(say("Nobody would get it: please choose fewer filters."))
        shown = [lambda ctx, reply=reply: reply for reply in preview_notes(ctx)]
        return goto(FLOW, "preview", *shown)
    if action == "compose:interested":
        return goto(FLOW, "interested")
    parts = action.split(":")
    if action.startswith("opt:ba:") and len(parts) == 4:
        name, value = parts[2], parts[3]
        if value not in FILTERS.get(name, ()):
            return None
        chosen: list[str] = ctx.data.setdefault("audience", {}).setdefault(name, [])
        if value in chosen:
            chosen.remove(value)
        else:
            chosen.append(value)
        return stay()
    return on_back_to_post(ctx, action)


async def interested_screen(ctx: Context) -> Reply:
    offered = await ctx.opportunities.open_to_me()
    chosen = ctx.data.get("audience", {}).get("interested", [])
    buttons = [
        (Button(("✅ " if item.id in chosen else "") + item.title, action=f"opt:bi:{item.id}"),)
        for item in offered
    ]
    done = Button(ctx._("Done ➡️"), action="compose:audience")
    text = ctx._("People who said “I'm interested” in which opportunity?")
    return Reply(text, buttons=(*buttons, (done,)))


async def on_interested(ctx: Context, action: str) -> Transition | None:
    if action == "compose:audience":
        return goto(FLOW, "audience")
    chosen_id = action.removeprefix("opt:bi:")
    if not action.startswith("opt:bi:") or not chosen_id.isdigit():
        return None
    if await ctx.opportunities.get(int(chosen_id)) is None:
        return None
    chosen: list[int] = ctx.data.setdefault("audience", {}).setdefault("interested", [])
    if int(chosen_id) in chosen:
        chosen.remove(int(chosen_id))
    else:
        chosen.append(int(chosen_id))
    return stay()


# --- preview, time, confirmation -------------------------------------------------------------


def _as_read(ctx: Context, language: str) -> list[Reply]:
    """The post as a reader of this language gets it."""
    t = ctx.catalogues.translator(language, ctx.profile.timezone)
    draft = _draft(ctx)
    button: dict[str, str | int] | None = None
    if draft.button is not None:
        button = dict(draft.button)
        if draft.button["kind"] == "link":
            button["label"] = draft.button["label"][language]
    payload = BroadcastPost(
        broadcast=0, text=draft.texts[language], media=draft.media, button=button
    )
    return broadcast_post(t, payload)


def preview_notes(ctx: Context) -> list[Reply]:
    replies = []
    for language in ctx.data["texts"]:
        heading = ctx._("👀 As readers of {language} get it:").format(
            language=language_name(ctx.t, language)
        )
        replies.append(Reply(heading))
        replies += _as_read(ctx, language)
    return replies


def preview_screen(ctx: Context) -> Reply:
    if not ctx.data.get("texts"):
        return _gone(ctx)
    text = ctx._(
        "That is the post above, as each language's readers get it. When shall it go out? "
        "Tap “Now”, or write the day and time, like 28.11 18:00."
    )
    now = Button(ctx._("🚀 Now"), action="compose:now")
    back = Button(ctx._("⬅️ Who gets it"), action="compose:audience")
    return Reply(text, buttons=((now,), (back,), (_cancel_button(ctx),)))


def on_preview(ctx: Context, action: str) -> Transition | None:
    if action == "compose:now":
        ctx.data["send_at"] = None
        return goto(FLOW, "confirm")
    if action == "compose:audience":
        return goto(FLOW, "audience")
    return _cancel(ctx, action)


def on_preview_text(ctx: Context, text: str) -> Transition | None:
    typed = WHEN_TYPED.match(text)
    if typed is None:
        return stay(say("Please write the day and time like 28.11 18:00."))
    day, month, year, hour, minute = typed.groups()
    zone = ZoneInfo(ctx.t.tz.key)
    try:
        moment = datetime(
            int(year or ctx.now.astimezone(zone).year), int(month), int(day),
            int(hour), int(minute), tzinfo=zone,
        )  # fmt: skip
    except ValueError:
        return stay(say("Please write the day and time like 28.11 18:00."))
    if moment <= ctx.now and year is None and ctx.now - moment > timedelta(days=180):
        moment = moment.replace(year=moment.year + 1)  # "05.01" written in December
    if moment <= ctx.now:
        return stay(say("That time has passed. Please write one still to come."))
    ctx.data["send_at"] = moment.isoformat()
    return goto(FLOW, "confirm")


async def confirm_screen(ctx: Context) -> Reply:
    if not ctx.data.get("texts"):
        return _gone(ctx)
    count = await ctx.broadcasts.count(_draft(ctx))
    total = count.total if count is not None else 0
    send_at = ctx.data.get("send_at")
    if send_at:
        question = ctx.ngettext(
            "Send it to {count} person on {when}?",
            "Send it to {count} people on {when}?",
            total,
        ).format(count=total, when=_when(ctx, datetime.fromisoformat(send_at)))
    else:
        question = ctx.ngettext(
            "Send it to {count} person now?", "Send it to {count} people now?", total
        ).format(count=total)
    yes = Button(ctx._("✅ Yes, send it"), action="compose:send")
    change = Button(ctx._("⬅️ Change the time"), action="compose:when", short=ctx._("⬅️ The time"))
    return Reply(question, buttons=((yes,), (change,), (_cancel_button(ctx),)))


async def on_confirm(ctx: Context, action: str) -> Transition | None:
    if action == "compose:when":
        return goto(FLOW, "preview")
    if action != "compose:send":
        return _cancel(ctx, action)
    made = await ctx.broadcasts.create(_draft(ctx))
    if made is None:
        return None
    return Transition(
        target=(FLOW, "status"),
        data={"broadcast": made},
        notes=(say("📣 Scheduled. Its progress is below; press Refresh to see it move."),),
    )


# --- one broadcast's progress and report ---------------------------------------------------


async def status_screen(ctx: Context) -> Reply:
    view = await ctx.broadcasts.view(ctx.data.get("broadcast", 0))
    if view is None:
        return Reply(ctx._("This item is gone."), buttons=((back_button(ctx),),))
    buttons: list[tuple[Button, ...]] = [(Button(ctx._("🔄 Refresh"), action="compose:refresh"),)]
    if view.status in ("scheduled", "sending"):
        buttons.append((Button(ctx._("⏸ Pause"), action="compose:pause"),))
    if view.status == "paused":
        buttons.append((Button(ctx._("▶️ Resume"), action="compose:resume"),))
    if view.status in ("scheduled", "sending", "paused"):
        buttons.append(
            (
                Button(
                    ctx._("✖️ Stop it for good"),
                    action="compose:cancel_broadcast",
                    short=ctx._("✖️ Stop"),
                ),
            )
        )
    buttons.append(
        (Button(ctx._("📄 The report (CSV)"), action="compose:csv", short=ctx._("📄 CSV")),)
    )
    buttons.append(
        (Button(ctx._("⬅️ All campaign posts"), action="compose:list", short=ctx._("⬅️ All posts")),)
    )
    return Reply(progress_text(ctx.t, view), buttons=tuple(buttons))


async def on_status(ctx: Context, action: str) -> Transition | None:
    broadcast_id = ctx.data.get("broadcast", 0)
    if action == "compose:refresh":
        return stay()
    if action == "compose:list":
        return goto(FLOW, "list")
    if action == "compose:csv":
        view = await ctx.broadcasts.view(broadcast_id)
        if view is None:
            return None
        document = Document(f"campaign-post-{view.id}.csv", view.csv, "text/csv")
        return stay(lambda ctx: Reply(document=document))
    steer = {
        "compose:pause": "pause",
        "compose:resume": "resume",
        "compose:cancel_broadcast": "cancel",
    }
    if action in steer and await ctx.broadcasts.steer(broadcast_id, steer[action]):
        return stay()
    return None


# The buttons of the progress message and the report, pressed from anywhere in the chat.
STEERING = {"pause": "pause", "resume": "resume", "cancel": "cancel"}


async def from_progress(ctx: Context, action: str) -> Transition | None:
    """`bcast:<pause|resume|cancel|csv|open>:<id>`: do it, then show the broadcast's status."""
    _, verb, number = [*action.split(":"), "", ""][:3]
    if not number.isdigit():
        return None
    view = await ctx.broadcasts.view(int(number))
    if view is None:  # not staff (any more), or gone
        return None
    data = {"broadcast": view.id}
    if verb in STEERING:
        await ctx.broadcasts.steer(view.id, STEERING[verb])
    elif verb == "csv":
        document = Document(f"campaign-post-{view.id}.csv", view.csv, "text/csv")
        return Transition(
            target=(FLOW, "status"),
            push=True,
            data=data,
            notes=(lambda ctx: Reply(document=document),),
        )
    elif verb != "open":
        return None
    return call(FLOW, "status", data=data)


flow = Flow.of(
    FLOW,
    Step("list", list_screen, on_action=on_list),
    Step("texts", texts_screen, on_action=on_texts_action, on_text=on_texts_text),
    Step("post", post_screen, on_action=on_post),
    Step(
        "media", media_screen, on_action=on_back_to_post, on_text=on_media_text, on_media=on_media
    ),
    Step("link", link_screen, on_action=on_back_to_post, on_text=on_link_text),
    Step("story", story_screen, on_action=on_story),
    Step("opportunity", opportunity_screen, on_action=on_opportunity),
    Step("audience", audience_screen, on_action=on_audience),
    Step("interested", interested_screen, on_action=on_interested),
    Step("preview", preview_screen, on_action=on_preview, on_text=on_preview_text),
    Step("confirm", confirm_screen, on_action=on_confirm),
    Step("status", status_screen, on_action=on_status),
)
