"""The campaign's video stories: young "experience experts" tell how they came through.

One story at a time with ◀️ ▶️ where the channel shows a video with its buttons (Telegram);
a row of cards, ten at a time, where the channel has them (Messenger). Watching needs nothing
about the person, so a shared link opens a story even before they have agreed to anything;
"This helped me" is kept with the person, so it waits for their consent.
"""

from __future__ import annotations

from dialogs.engine import Context, Flow, Step, Transition, call, goto, quietly, stay
from dialogs.flows import talk
from dialogs.flows.common import back_button
from dialogs.labels import Speaker
from dialogs.ports import StoryView
from dialogs.replies import Button, Card, Media, Reply

FLOW = "stories"
LINK_PREFIX = "story-"
CARD_TEXT = 80  # Messenger's card title and subtitle


def open_stories(ctx: Context, action: str = "") -> Transition:
    """From the menu: the first story, or the first cards."""
    return call(FLOW, _browse_step(ctx), data={"slug": "", "topic": ""})


def start(slug: str) -> Transition:
    """A shared link: straight to that story, whoever opens it."""
    return call(FLOW, "story", data={"slug": slug, "topic": ""})


async def watch(ctx: Context, action: str) -> Transition | None:
    """From a piece of news: that story (by its number, which fits a button)."""
    number = action.removeprefix("watch:")
    published = await ctx.campaign.stories()
    story = next((s for s in published if str(s.id) == number), None)
    if story is None:
        return None
    if ctx.conversation.flow == FLOW:  # from a card: stay in the stories, the stack as it is
        ctx.data["slug"] = story.slug
        return goto(FLOW, "story")
    return start(story.slug)


def _browse_step(ctx: Context) -> str:
    return "cards" if ctx.capabilities.cards_per_message else "story"


def topic_label(ctx: Speaker, topic: str) -> str:
    labels = {
        "school": ctx._("📚 School"),
        "family": ctx._("🏠 Family"),
        "health": ctx._("🩺 Health"),
        "addictions": ctx._("🚭 Addictions"),
        "loneliness": ctx._("🫂 Loneliness"),
        "new_in_country": ctx._("🧳 New in the country"),
        "work_money": ctx._("💼 Work and money"),
        "friends": ctx._("🤝 Friends"),
        "bullying": ctx._("🛡 Bullying"),
        "self_esteem": ctx._("🌱 Believing in yourself"),
    }
    return labels.get(topic, topic)


def _fallback_note(ctx: Context, language: str) -> str:
    notes = {
        "lv": ctx._("This story is not in your language yet: here it is in Latvian."),
        "lt": ctx._("This story is not in your language yet: here it is in Lithuanian."),
        "ru": ctx._("This story is not in your language yet: here it is in Russian."),
        "en": ctx._("This story is not in your language yet: here it is in English."),
    }
    return notes[language]


async def _stories(ctx: Context) -> list[StoryView]:
    return await ctx.campaign.stories(ctx.data.get("topic") or None)


def _position(stories: list[StoryView], slug: str) -> int:
    return next((i for i, story in enumerate(stories) if story.slug == slug), 0)


def _nothing(ctx: Context) -> Reply:
    text = ctx._("There are no stories here yet. Come back soon!")
    return Reply(text, buttons=((back_button(ctx),),))


# --- one at a time ------------------------------------------------------------------------------


async def story_screen(ctx: Context) -> Reply:
    stories = await _stories(ctx)
    if not stories:
        return _nothing(ctx)
    wanted = ctx.data.get("slug", "")
    index = _position(stories, wanted)
    story = stories[index]
    gone = bool(wanted) and story.slug != wanted  # an old link to a story taken down
    # Counted as shown, once per visit (not on every redraw): whether the video was played,
    # the platforms do not say.
    if ctx.data.get("counted") != story.slug:
        await ctx.campaign.watched(story.id)
        ctx.data["counted"] = story.slug
    ctx.data["slug"] = story.slug
    parts = [story.title, story.summary, ctx._("🎙 Told by {name}").format(name=story.expert)]
    if gone:
        parts.insert(0, ctx._("That story is not here any more. Here are the others."))
    if story.language != ctx.profile.language:
        parts.append(_fallback_note(ctx, story.language))
    if story.helped:
        parts.append(ctx._("💚 Thank you for telling us: it means a lot to the storyteller."))
    topic = ctx.data.get("topic")
    if topic:
        parts.append(ctx._("🏷 Stories about: {topic}").format(topic=topic_label(ctx, topic)))
    parts.append(ctx._("🎬 Story {number} of {total}").format(number=index + 1, total=len(stories)))
    rows: list[tuple[Button, ...]] = []
    if len(stories) > 1:
        rows.append(
            (
                Button(ctx._("◀️ Previous story"), action="story:prev", short=ctx._("◀️ Back")),
                Button(ctx._("Next story ▶️"), action="story:next", short=ctx._("Next ▶️")),
            )
        )
    if ctx.profile.onboarded and not story.helped:
        rows.append((Button(ctx._("💚 This helped me"), action="story:helped"),))
    if ctx.profile.onboarded:
        choice = await ctx.news.choice()
        if choice.all_stories or choice.topics:
            parts.append(ctx._("🔔 I will tell you when a new story comes out (🔔 News)."))
        else:
            subscribe = Button(
                ctx._("🔔 Tell me of new stories"),
                action="story:subscribe",
                short=ctx._("🔔 New stories"),
            )
            rows.append((subscribe,))
    rows.append(
        (
            Button(ctx._("🏷 Topics"), action="story:topics"),
            Button(ctx._("🔗 Share"), action="story:share"),
        )
    )
    expert = Button(
        ctx._("💬 Talk to an experience expert"), action="story:talk", short=ctx._("💬 Talk")
    )
    rows.append((expert,))
    if ctx.capabilities.cards_per_message:
        rows.append((Button(ctx._("⬅️ All stories"), action="story:cards"),))
    else:
        rows.append((back_button(ctx),))
    caption = "\n\n".join(part for part in parts if part)
    return Reply(media=Media("video", story.video, caption=caption), buttons=tuple(rows))


async def on_story(ctx: Context, action: str) -> Transition | None:
    stories = await _stories(ctx)
    if not stories:
        return None
    index = _position(stories, ctx.data.get("slug", ""))
    if action in ("story:prev", "story:next"):
        step = -1 if action == "story:prev" else 1
        ctx.data["slug"] = stories[(index + step) % len(stories)].slug
        return stay()
    if action == "story:talk":
        story = stories[index]
        return talk.from_story(ctx, story.slug, story.topics[0] if story.topics else "other")
    if action == "story:subscribe":
        if not await ctx.news.set_all_stories(True):
            return None
        return await _said_in_place(ctx, "🔔 I will tell you when a new story comes out (🔔 News).")
    if action == "story:helped":
        if not await ctx.campaign.mark_helped(stories[index].id):
            return None
        return await _said_in_place(
            ctx, "💚 Thank you for telling us: it means a lot to the storyteller."
        )
    return _common(ctx, action)


async def _said_in_place(ctx: Context, message: str) -> Transition:
    """Where the story can change in place, its own text says it and the video stays. Where it
    cannot (Messenger), the words come alone, with the story's buttons as they now are: the
    video is not sent again, and the buttons above have gone with the newer message."""
    if ctx.capabilities.can_edit:
        return stay()
    buttons = (await story_screen(ctx)).buttons
    return quietly(lambda ctx: Reply(ctx._(message), buttons=buttons))


def _common(ctx: Context, action: str) -> Transition | None:
    if action == "story:topics":
        return goto(FLOW, "topics")
    if action == "story:share":
        return goto(FLOW, "share")
    if action == "story:cards":
        return goto(FLOW, "cards")
    return None


# --- a row of cards -----------------------------------------------------------------------------


def _subtitle(ctx: Context, story: StoryView) -> str:
    """The expert and as many topics as fit a card's line (a topic is never cut)."""
    text = ctx._("🎙 Told by {name}").format(name=story.expert)
    for topic in story.topics:
        longer = f"{text} · {topic_label(ctx, topic)}"
        if len(longer) > CARD_TEXT:
            break
        text = longer
    return text


def _first_card(ctx: Context, stories: list[StoryView]) -> int:
    """The first story of the page of cards the current story is on."""
    per_page = ctx.capabilities.cards_per_message or 1
    return _position(stories, ctx.data.get("slug", "")) // per_page * per_page


async def cards_screen(ctx: Context) -> Reply:
    if not ctx.capabilities.cards_per_message:  # a channel without cards shows one at a time
        return await story_screen(ctx)
    stories = await _stories(ctx)
    if not stories:
        return _nothing(ctx)
    per_page = ctx.capabilities.cards_per_message or 1
    first = _first_card(ctx, stories)
    shown = stories[first : first + per_page]
    cards = tuple(
        Card(
            title=story.title,
            subtitle=_subtitle(ctx, story),
            image=story.thumbnail,
            # Sticky: Messenger keeps old cards tappable, and a tap on one still plays its story.
            buttons=(Button(ctx._("▶️ Watch"), action=f"watch:{story.id}", sticky=True),),
        )
        for offset, story in enumerate(shown)
    )
    text = ctx._(
        "Stories of #JAUNIETISJAUNIETIM: young people who came through hard times tell how. "
        "Tap a story to watch it."
    )
    if len(stories) > per_page:
        text += "\n\n" + ctx._("Stories {first}–{last} of {total}").format(
            first=first + 1, last=first + len(shown), total=len(stories)
        )
    rows: list[tuple[Button, ...]] = []
    if first > 0:
        rows.append((Button(ctx._("◀️ Previous"), action="story:before"),))
    if first + per_page < len(stories):
        rows.append((Button(ctx._("Next ▶️"), action="story:after"),))
    rows += [(Button(ctx._("🏷 Topics"), action="story:topics"),), (back_button(ctx),)]
    return Reply(text, buttons=tuple(rows), cards=cards)


async def on_cards(ctx: Context, action: str) -> Transition | None:
    stories = await _stories(ctx)
    if not stories:
        return None
    per_page = ctx.capabilities.cards_per_message or 1
    first = _first_card(ctx, stories)
    if action in ("story:before", "story:after"):
        moved = first - per_page if action == "story:before" else first + per_page
        ctx.data["slug"] = stories[min(max(moved, 0), len(stories) - 1)].slug
        return stay()
    return _common(ctx, action)


# --- topics and sharing -------------------------------------------------------------------------


async def topics_screen(ctx: Context) -> Reply:
    topics = await ctx.campaign.topics()
    # Options: where labels are short (Messenger), long ones are listed by number in the text.
    buttons = [(Button(topic_label(ctx, t), action=f"opt:topic:{t}"),) for t in topics]
    buttons.append((Button(ctx._("🎬 All stories"), action="opt:topic:all"),))
    text = ctx._("Which stories would you like to see?")
    return Reply(text, buttons=(*buttons, (Button(ctx._("⬅️ Back"), action="story:browse"),)))


async def on_topic(ctx: Context, action: str) -> Transition | None:
    if action == "story:browse":
        return goto(FLOW, _browse_step(ctx))
    if not action.startswith("opt:topic:"):
        return None
    topic = action.removeprefix("opt:topic:")
    if topic != "all" and topic not in await ctx.campaign.topics():
        return None
    ctx.data["topic"] = "" if topic == "all" else topic
    ctx.data["slug"] = ""
    return goto(FLOW, _browse_step(ctx))


def share_screen(ctx: Context) -> Reply:
    slug = ctx.data.get("slug", "")
    text = "\n\n".join(
        (
            ctx._(
                "Send this link to someone who might need this story. It opens the story "
                "straight away, even for someone who has never used this bot:"
            ),
            *(_labelled(ctx, link) for link in ctx.links_to(LINK_PREFIX + slug)),
        )
    )
    to_story = Button(ctx._("⬅️ Back to the story"), action="story:back")
    return Reply(text, buttons=((to_story,),))


def _labelled(ctx: Context, link: str) -> str:
    """Which app a link opens, so the person sends the one their friend uses."""
    if link.startswith("https://t.me/"):
        return ctx._("Telegram: {link}").format(link=link)
    if link.startswith("https://m.me/"):
        return ctx._("Messenger: {link}").format(link=link)
    return link


def on_share(ctx: Context, action: str) -> Transition | None:
    return goto(FLOW, "story") if action == "story:back" else None


flow = Flow.of(
    FLOW,
    Step("story", story_screen, on_action=on_story),
    Step("cards", cards_screen, on_action=on_cards),
    Step("topics", topics_screen, on_action=on_topic),
    Step("share", share_screen, on_action=on_share),
)
