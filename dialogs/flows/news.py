"""Campaign news: a person chooses to hear of new stories (all, or by topic) and of new
opportunities, and stops all of it in one tap (or with /stop). Every such message carries its
own one-tap unsubscribe."""

from __future__ import annotations

from datetime import datetime

from dialogs.engine import Context, Flow, Step, Transition, call, goto, say, stay
from dialogs.flows import stories
from dialogs.flows.common import back_button
from dialogs.flows.opportunities import closes
from dialogs.i18n import Translator, in_language
from dialogs.notice_payloads import NewsOpportunity, NewsStory
from dialogs.notices import notice
from dialogs.replies import Button, Reply

FLOW = "news"
STOPPED = say("Done: no more campaign news. You can turn it on again in the menu, under 🔔 News.")


def open_settings(ctx: Context, action: str = "") -> Transition:
    return call(FLOW, "settings")


async def stop(ctx: Context, args: str = "") -> Transition:
    """/stop: every kind of campaign news ends, at once."""
    await ctx.news.stop()
    return stay(STOPPED)


async def unsubscribe(ctx: Context, action: str) -> Transition | None:
    """The one tap under a piece of news: no more news of its kind."""
    kind = action.removeprefix("unsub:")
    if kind == "stories":
        await ctx.news.set_all_stories(False)
        return stay(say("Done: no more news of new stories."))
    if kind == "opportunities":
        await ctx.news.set_opportunities(False)
        return stay(say("Done: no more news of new opportunities."))
    if kind == "all":
        return await stop(ctx)
    return None


# --- the settings -----------------------------------------------------------------------------


async def settings_screen(ctx: Context) -> Reply:
    if not ctx.profile.onboarded:
        text = ctx._(
            "To send you news I need to keep that you asked for it: agree to the privacy notice "
            "first (🔒 Privacy)."
        )
        return Reply(text, buttons=((back_button(ctx),),))
    choice = await ctx.news.choice()
    if choice.all_stories:
        stories_line = ctx._("🎬 New stories: all of them")
    elif choice.topics:
        topics = ", ".join(stories.topic_label(ctx, topic) for topic in choice.topics)
        stories_line = ctx._("🎬 New stories: {topics}").format(topics=topics)
    else:
        stories_line = ctx._("🎬 New stories: off")
    opportunities_line = (
        ctx._("🌟 New opportunities: on")
        if choice.opportunities
        else ctx._("🌟 New opportunities: off")
    )
    text = "\n\n".join(
        (
            ctx._("I can tell you when a new story or a new opportunity is published."),
            "\n".join((stories_line, opportunities_line)),
        )
    )
    rows: list[tuple[Button, ...]] = []
    if choice.all_stories:
        off = Button(
            ctx._("🎬 Stop story news"), action="news:stories:off", short=ctx._("🎬 Stop those")
        )
        rows.append((off,))
    else:
        on = Button(
            ctx._("🎬 All new stories"), action="news:stories:on", short=ctx._("🎬 All stories")
        )
        rows.append((on,))
    rows.append(
        (Button(ctx._("🏷 Stories by topic"), action="news:topics", short=ctx._("🏷 By topic")),)
    )
    if choice.opportunities:
        off = Button(
            ctx._("🌟 Stop opportunity news"), action="news:opps:off", short=ctx._("🌟 Stop those")
        )
        rows.append((off,))
    else:
        on = Button(
            ctx._("🌟 New opportunities"), action="news:opps:on", short=ctx._("🌟 Opportunities")
        )
        rows.append((on,))
    if choice.anything:
        stop_all = Button(ctx._("🔕 Stop all news"), action="news:stop", short=ctx._("🔕 Stop all"))
        rows.append((stop_all,))
    rows.append((back_button(ctx),))
    return Reply(text, buttons=tuple(rows))


async def on_settings(ctx: Context, action: str) -> Transition | None:
    if action in ("news:stories:on", "news:stories:off"):
        return stay() if await ctx.news.set_all_stories(action.endswith(":on")) else None
    if action in ("news:opps:on", "news:opps:off"):
        return stay() if await ctx.news.set_opportunities(action.endswith(":on")) else None
    if action == "news:topics":
        return goto(FLOW, "topics")
    if action == "news:stop":
        await ctx.news.stop()
        return stay(STOPPED)
    return None


async def topics_screen(ctx: Context) -> Reply:
    chosen = (await ctx.news.choice()).topics
    buttons = tuple(
        (
            Button(
                ("✅ " if topic in chosen else "") + stories.topic_label(ctx, topic),
                action=f"opt:news:{topic}",
            ),
        )
        for topic in await ctx.campaign.topics()
    )
    done = Button(ctx._("Done"), action="news:done")
    text = ctx._("Which topics? I will tell you of new stories about them.")
    return Reply(text, buttons=(*buttons, (done,)))


async def on_topic(ctx: Context, action: str) -> Transition | None:
    if action == "news:done":
        return goto(FLOW, "settings")
    topic = action.removeprefix("opt:news:")
    if not action.startswith("opt:news:") or topic not in await ctx.campaign.topics():
        return None
    return stay() if await ctx.news.toggle_topic(topic) else None


flow = Flow.of(
    FLOW,
    Step("settings", settings_screen, on_action=on_settings),
    Step("topics", topics_screen, on_action=on_topic),
)


# --- the news ---------------------------------------------------------------------------------


@notice("news_story")
def story_notice(t: Translator, payload: NewsStory) -> list[Reply]:
    text = t.gettext("🎬 A new story: “{title}”").format(
        title=in_language(payload["title"], t.language)
    )
    watch = Button(t.gettext("▶️ Watch"), action=f"watch:{payload['story']}", sticky=True)
    stop_label, stop_short = t.gettext("🔕 No more story news"), t.gettext("🔕 Stop these")
    stop_these = Button(stop_label, action="unsub:stories", sticky=True, short=stop_short)
    return [Reply(text, buttons=((watch,), (stop_these,)))]


@notice("news_opportunity")
def opportunity_notice(t: Translator, payload: NewsOpportunity) -> list[Reply]:
    parts = [
        t.gettext("🌟 A new opportunity: “{title}”").format(
            title=in_language(payload["title"], t.language)
        )
    ]
    if payload["deadline"]:
        parts.append(closes(t, datetime.fromisoformat(payload["deadline"])))
    opened = Button(
        t.gettext("👀 Open it"), action=f"openopp:{payload['opportunity']}", sticky=True
    )
    stop_label, stop_short = t.gettext("🔕 No more opportunity news"), t.gettext("🔕 Stop these")
    stop_these = Button(stop_label, action="unsub:opportunities", sticky=True, short=stop_short)
    return [Reply("\n\n".join(parts), buttons=((opened,), (stop_these,)))]
