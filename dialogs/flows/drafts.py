"""Coordinators make a new story or opportunity in the chat, a question at a time, and see it
as young people will before it is kept as a draft (publishing is the content screen's)."""

from __future__ import annotations

import re
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from dialogs.engine import Context, Flow, Step, Transition, goto, say, stay
from dialogs.events import MediaEvent
from dialogs.flows.common import language_list, language_name, next_language
from dialogs.flows.opportunities import closes
from dialogs.flows.stories import topic_label
from dialogs.i18n import LANGUAGES
from dialogs.labels import country_label
from dialogs.ports import OpportunityDraft, StoryDraft
from dialogs.programme import EXPERT_NAME, OPPORTUNITY_TEXTS, STORY_TEXTS, TOPICS
from dialogs.replies import Button, Media, Reply
from dialogs.text import one_line_name

FLOW = "draft"
CONTENT = "content"
LINK = re.compile(r"^https?://\S+$")
# The ages young people give (13 to 25), and the spans offered as buttons.
AGE_SPANS = {"all": None, "13-17": (13, 17), "18-25": (18, 25)}
AGE_TYPED = re.compile(r"^\s*(\d{1,2})\s*[-–—]\s*(\d{1,2})\s*$")
DATE_TYPED = (
    re.compile(r"^\s*(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})\s*$"),
    re.compile(r"^\s*(?P<d>\d{1,2})[./](?P<m>\d{1,2})[./](?P<y>\d{4})\.?\s*$"),
)


def new_story(ctx: Context, action: str = "") -> Transition:
    return Transition(target=(FLOW, "video"), data={"draft": "story"})


def new_opportunity(ctx: Context, action: str = "") -> Transition:
    return Transition(target=(FLOW, "texts"), data={"draft": "opportunity"})


async def video_sent(ctx: Context, event: MediaEvent) -> Transition | None:
    """A coordinator's video sent anywhere starts a story of it; from anyone else, it is not
    read (the engine says so)."""
    if event.kind != "video" or not await ctx.campaign.can_edit():
        return None
    data = {"draft": "story", "upload": event.ref}
    return Transition(
        target=(FLOW, "texts"),
        push=True,
        data=data,
        notes=(say("🎬 Got the video. Let's make a story of it: a draft until you publish it."),),
    )


def _cancel_button(ctx: Context) -> Button:
    return Button(ctx._("✖️ Cancel"), action="draft:cancel")


def _cancel(ctx: Context, action: str) -> Transition | None:
    if action != "draft:cancel":
        return None
    return goto(CONTENT, "list", say("Cancelled: nothing was kept."))


# --- the video ----------------------------------------------------------------------------------


def video_screen(ctx: Context) -> Reply:
    text = ctx._(
        "🎬 A new story. Send me its video: the file itself, or a link to an .mp4 file "
        "(https://…). A link plays in every app; a file plays in the app it was sent in."
    )
    return Reply(text, buttons=((_cancel_button(ctx),),))


def on_video_media(ctx: Context, event: MediaEvent) -> Transition | None:
    if event.kind != "video":
        return stay(say("That is a photo. Please send the video, or a link to it."))
    ctx.data["upload"] = event.ref
    return goto(FLOW, "texts")


def on_video_text(ctx: Context, text: str) -> Transition | None:
    if not LINK.match(text.strip()):
        return stay(say("Please send the video, or a link to it that starts with https://"))
    ctx.data["link"] = text.strip()
    return goto(FLOW, "texts")


# --- the words, one language at a time ------------------------------------------------------


def _limits(ctx: Context) -> tuple[int, int]:
    if ctx.data.get("draft") == "story":
        return STORY_TEXTS["title"], STORY_TEXTS["summary"]
    return OPPORTUNITY_TEXTS["title"], OPPORTUNITY_TEXTS["text"]


def texts_screen(ctx: Context) -> Reply:
    index = ctx.data.get("lang", 0)
    language = LANGUAGES[index]
    title_limit, body_limit = _limits(ctx)
    if ctx.data.get("draft") == "story":
        ask = ctx._(
            "Write the story in {language}: its title on the first line (up to {title} "
            "characters), and below it a short summary (up to {body})."
        )
    else:
        ask = ctx._(
            "Write the opportunity in {language}: its title on the first line (up to {title} "
            "characters), and below it what it is and who it is for (up to {body})."
        )
    parts = [
        ask.format(language=language_name(ctx.t, language), title=title_limit, body=body_limit)
    ]
    written = ctx.data.get("title", {})
    if written:
        parts.append(
            ctx._("Written so far: {languages}").format(languages=language_list(ctx.t, written))
        )
    skip = Button(
        ctx._("⏭ Not in {language}").format(language=language_name(ctx.t, language)),
        action="draft:skip",
        short=ctx._("⏭ Skip"),
    )
    return Reply("\n\n".join(parts), buttons=((skip,), (_cancel_button(ctx),)))


def on_texts_text(ctx: Context, text: str) -> Transition | None:
    title, _, body = text.strip().partition("\n")
    title, body = one_line_name(title), body.strip()
    title_limit, body_limit = _limits(ctx)
    if not title or not body:
        return stay(say("Please put the title on the first line and the text below it."))
    if len(title) > title_limit or len(body) > body_limit:
        note = ctx._(
            "That is too long: the title has {title} characters of {title_limit}, the text "
            "{body} of {body_limit}. Please shorten it and send it again."
        ).format(title=len(title), title_limit=title_limit, body=len(body), body_limit=body_limit)
        return stay(lambda ctx: Reply(note))
    language = LANGUAGES[ctx.data.get("lang", 0)]
    ctx.data.setdefault("title", {})[language] = title
    ctx.data.setdefault("body", {})[language] = body
    return _next_language(ctx)


def on_texts_action(ctx: Context, action: str) -> Transition | None:
    if action == "draft:skip":
        return _next_language(ctx)
    return _cancel(ctx, action)


def _next_language(ctx: Context) -> Transition:
    after = "topics" if ctx.data.get("draft") == "story" else "countries"
    return next_language(ctx, "title", goto(FLOW, after))


# --- a story's topics and teller --------------------------------------------------------------


def topics_screen(ctx: Context) -> Reply:
    chosen = ctx.data.get("topics", [])
    buttons = tuple(
        (Button(("✅ " if t in chosen else "") + topic_label(ctx, t), action=f"opt:dt:{t}"),)
        for t in TOPICS
    )
    done = Button(ctx._("Done ➡️"), action="draft:done")
    text = ctx._("What is the story about? Tick every topic that fits, then press Done.")
    return Reply(text, buttons=(*buttons, (done,), (_cancel_button(ctx),)))


def on_topics(ctx: Context, action: str) -> Transition | None:
    if action == "draft:done":
        if not ctx.data.get("topics"):
            return stay(say("Please tick at least one topic: people find stories by them."))
        return goto(FLOW, "expert")
    topic = action.removeprefix("opt:dt:")
    if action.startswith("opt:dt:") and topic in TOPICS:
        chosen: list[str] = ctx.data.setdefault("topics", [])
        if topic in chosen:
            chosen.remove(topic)
        else:
            chosen.append(topic)
        return stay()
    return _cancel(ctx, action)


def expert_screen(ctx: Context) -> Reply:
    text = ctx._(
        "Who tells the story? Write the first name or the pseudonym they chose, never a full name."
    )
    return Reply(text, buttons=((_cancel_button(ctx),),))


def on_expert(ctx: Context, text: str) -> Transition | None:
    name = one_line_name(text)
    if not name or len(name) > EXPERT_NAME or len(name.split()) > 2:
        return stay(say("Just a first name or a pseudonym, please: a word or two."))
    ctx.data["teller"] = name
    return goto(FLOW, "preview")


# --- an opportunity's reach -------------------------------------------------------------------


def countries_screen(ctx: Context) -> Reply:
    text = ctx._("Who can take part: young people in which country?")
    buttons = (
        (
            Button(country_label(ctx, "LV"), action="opt:dc:LV"),
            Button(country_label(ctx, "LT"), action="opt:dc:LT"),
        ),
        (Button(ctx._("Both countries"), action="opt:dc:both"),),
        (_cancel_button(ctx),),
    )
    return Reply(text, buttons=buttons)


def on_countries(ctx: Context, action: str) -> Transition | None:
    choice = action.removeprefix("opt:dc:")
    if not action.startswith("opt:dc:") or choice not in ("LV", "LT", "both"):
        return _cancel(ctx, action)
    ctx.data["countries"] = ["LV", "LT"] if choice == "both" else [choice]
    return goto(FLOW, "ages")


def ages_screen(ctx: Context) -> Reply:
    text = ctx._("And of which age? Tap one, or write the ages, like 16-25.")
    buttons = (
        (Button(ctx._("Everyone, 13 to 25"), action="opt:da:all"),),
        (
            Button(ctx._("13 to 17"), action="opt:da:13-17"),
            Button(ctx._("18 to 25"), action="opt:da:18-25"),
        ),
        (_cancel_button(ctx),),
    )
    return Reply(text, buttons=buttons)


def on_ages(ctx: Context, action: str) -> Transition | None:
    span = action.removeprefix("opt:da:")
    if not action.startswith("opt:da:") or span not in AGE_SPANS:
        return _cancel(ctx, action)
    ctx.data["ages"] = AGE_SPANS[span]
    return goto(FLOW, "deadline")


def on_ages_text(ctx: Context, text: str) -> Transition | None:
    typed = AGE_TYPED.match(text)
    low, high = (int(typed.group(1)), int(typed.group(2))) if typed else (0, 0)
    if not 13 <= low <= high <= 25:
        return stay(say("Please write two ages from 13 to 25, like 16-25."))
    ctx.data["ages"] = None if (low, high) == (13, 25) else (low, high)
    return goto(FLOW, "deadline")


def deadline_screen(ctx: Context) -> Reply:
    text = ctx._(
        "When do applications close? Write the last day, like 31.03.2027: applications close "
        "at the end of that day."
    )
    buttons = ((Button(ctx._("No deadline"), action="draft:no_deadline"),), (_cancel_button(ctx),))
    return Reply(text, buttons=buttons)


def on_deadline_action(ctx: Context, action: str) -> Transition | None:
    if action != "draft:no_deadline":
        return _cancel(ctx, action)
    ctx.data["deadline"] = None
    return goto(FLOW, "apply")


def on_deadline_text(ctx: Context, text: str) -> Transition | None:
    day = _typed_date(text)
    if day is None:
        return stay(say("Please write the date like 31.03.2027."))
    # The end of the day where the young people live (both countries share a time zone).
    zone = ZoneInfo(ctx.profile.timezone or "Europe/Riga")
    deadline = datetime.combine(day, time(23, 59), zone)
    if deadline <= ctx.now:
        return stay(say("That day has passed. Please write a date still to come."))
    ctx.data["deadline"] = deadline.isoformat()
    return goto(FLOW, "apply")


def _typed_date(text: str) -> date | None:
    for pattern in DATE_TYPED:
        typed = pattern.match(text)
        if typed is not None:
            try:
                return date(int(typed["y"]), int(typed["m"]), int(typed["d"]))
            except ValueError:
                return None
    return None


def apply_screen(ctx: Context) -> Reply:
    text = ctx._(
        "How do people take part? Send the link to the application form, or let them say "
        "“I'm interested” here and you write to them."
    )
    interest = Button(
        ctx._("🙋 “I'm interested” in the chat"),
        action="draft:interest",
        short=ctx._("🙋 Interest"),
    )
    return Reply(text, buttons=((interest,), (_cancel_button(ctx),)))


def on_apply_action(ctx: Context, action: str) -> Transition | None:
    if action != "draft:interest":
        return _cancel(ctx, action)
    ctx.data["apply"] = None
    return goto(FLOW, "preview")


def on_apply_text(ctx: Context, text: str) -> Transition | None:
    if not LINK.match(text.strip()):
        return stay(say("Please send a link that starts with https://, or tap the button."))
    ctx.data["apply"] = text.strip()
    return goto(FLOW, "preview")


# --- the preview --------------------------------------------------------------------------------


def _complete(ctx: Context) -> bool:
    data = ctx.data
    needed = ("teller", "topics") if data.get("draft") == "story" else ("countries",)
    return bool(data.get("title") and data.get("body") and all(k in data for k in needed))


def _language(ctx: Context) -> str:
    written = ctx.data["title"]
    return ctx.profile.language if ctx.profile.language in written else next(iter(written))


def preview_screen(ctx: Context) -> Reply:
    if not _complete(ctx):  # a draft left by an older version of the bot, say
        text = ctx._("This draft is gone. Please start it again.")
        return Reply(text, buttons=((_cancel_button(ctx),),))
    language = _language(ctx)
    title, body = ctx.data["title"][language], ctx.data["body"][language]
    languages = ctx._("Written in: {languages}").format(
        languages=language_list(ctx.t, ctx.data["title"])
    )
    status = ctx._("👀 This is how young people will see it. Nothing is kept until you save it.")
    save = Button(ctx._("💾 Keep it as a draft"), action="draft:save", short=ctx._("💾 Keep"))
    again = Button(
        ctx._("✏️ Write the texts again"), action="draft:rewrite", short=ctx._("✏️ Rewrite")
    )
    buttons = ((save,), (again,), (_cancel_button(ctx),))
    if ctx.data["draft"] == "story":
        told = ctx._("🎙 Told by {name}").format(name=ctx.data["teller"])
        about = ctx._("🏷 {topics}").format(
            topics=", ".join(topic_label(ctx, t) for t in ctx.data["topics"])
        )
        parts = [title, body, told, about, status, languages]
        if not ctx.data.get("link"):
            parts.append(
                ctx._(
                    "▶️ The video plays in this app only. To show it in the other app too, "
                    "send me a link to the file (https://…)."
                )
            )
        video = ctx.data.get("upload") or ctx.data["link"]
        caption = "\n\n".join(parts)
        return Reply(media=Media("video", video, caption=caption), buttons=buttons)
    parts = [title, body, _reach(ctx), _closing(ctx), _taking_part(ctx), status, languages]
    return Reply("\n\n".join(parts), buttons=buttons)


def _reach(ctx: Context) -> str:
    countries = " · ".join(country_label(ctx, c) for c in ctx.data["countries"])
    ages = ctx.data.get("ages")
    if ages is None:
        return ctx._("For: {countries}, every age from 13 to 25").format(countries=countries)
    return ctx._("For: {countries}, ages {low} to {high}").format(
        countries=countries, low=ages[0], high=ages[1]
    )


def _closing(ctx: Context) -> str:
    if not ctx.data.get("deadline"):
        return ctx._("No deadline.")
    return closes(ctx.t, datetime.fromisoformat(ctx.data["deadline"]))


def _taking_part(ctx: Context) -> str:
    if ctx.data.get("apply"):
        return ctx._("Apply: {link}").format(link=ctx.data["apply"])
    return ctx._("🙋 People tap “I'm interested” in the chat, and you can write to them.")


async def on_preview(ctx: Context, action: str) -> Transition | None:
    if action == "draft:rewrite":
        ctx.data.pop("title", None)
        ctx.data.pop("body", None)
        return goto(FLOW, "texts")
    if action != "draft:save" or not _complete(ctx):
        return _cancel(ctx, action)
    saved = await _save(ctx, ctx.data)
    if saved is None:
        return None
    kind = "story" if ctx.data["draft"] == "story" else "opportunity"
    note = say("💾 Kept as a draft. Publish it when it is ready: young people see it then.")
    return Transition(target=(CONTENT, "item"), data={"kind": kind, "item": saved}, notes=(note,))


def on_preview_text(ctx: Context, text: str) -> Transition | None:
    """A link to the video, added where the file plays in one app only."""
    if ctx.data.get("draft") != "story" or not LINK.match(text.strip()):
        return None
    ctx.data["link"] = text.strip()
    return stay(say("🔗 Added: the video now plays in every app."))


async def _save(ctx: Context, data: dict[str, Any]) -> int | None:
    if data["draft"] == "story":
        story = StoryDraft(
            title=data["title"],
            summary=data["body"],
            topics=tuple(data["topics"]),
            expert=data["teller"],
            link=data.get("link"),
            upload=data.get("upload"),
        )
        return await ctx.campaign.save_story(story)
    ages = data.get("ages")
    deadline = data.get("deadline")
    item = OpportunityDraft(
        title=data["title"],
        text=data["body"],
        countries=tuple(data["countries"]),
        age_min=ages[0] if ages else None,
        age_max=ages[1] if ages else None,
        deadline=datetime.fromisoformat(deadline) if deadline else None,
        apply_url=data.get("apply"),
    )
    return await ctx.campaign.save_opportunity(item)


flow = Flow.of(
    FLOW,
    Step("video", video_screen, on_action=_cancel, on_text=on_video_text, on_media=on_video_media),
    Step("texts", texts_screen, on_action=on_texts_action, on_text=on_texts_text),
    Step("topics", topics_screen, on_action=on_topics),
    Step("expert", expert_screen, on_action=_cancel, on_text=on_expert),
    Step("countries", countries_screen, on_action=on_countries),
    Step("ages", ages_screen, on_action=on_ages, on_text=on_ages_text),
    Step("deadline", deadline_screen, on_action=on_deadline_action, on_text=on_deadline_text),
    Step("apply", apply_screen, on_action=on_apply_action, on_text=on_apply_text),
    Step("preview", preview_screen, on_action=on_preview, on_text=on_preview_text),
)
