"""The campaign's video stories, on Telegram and on Messenger, from the sample content a new
database starts with: browse, filter by topic, "this helped me", and a shared link that opens a
story for someone who has never used the bot."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from sqlmodel import select

from bot.campaign.announce import announce
from bot.campaign.content import parse
from bot.campaign.library import SAMPLE, import_content
from sandbox import GraphEmulator
from storage.models import Story, StoryHelped
from tests.e2e.conftest import RunningBot
from tests.e2e.harness import ChatMessage, ChatUser, SandboxClient
from tests.e2e.messenger import new_person
from tests.e2e.people import onboard, say
from tests.e2e.test_messenger import onboard as onboard_on_messenger
from tests.e2e.test_privacy import uow_factory_of

STORIES = [
    story
    for story in sorted(
        parse((SAMPLE / "stories.yaml").read_text(encoding="utf-8")).stories,
        key=lambda story: (story.position, story.slug),
    )
    if story.published
]


def caption(message: ChatMessage) -> str:
    return str(message.raw.get("caption") or "")


def counter(language: str, number: int) -> str:
    return say(language, "🎬 Story {number} of {total}").format(number=number, total=len(STORIES))


async def open_stories(user: ChatUser, language: str) -> ChatMessage:
    menu = await user.send("/menu")
    return await user.click(say(language, "🎬 Video stories"), menu)


async def test_a_young_person_watches_stories_on_telegram(
    running_bot: RunningBot, sandbox: SandboxClient
) -> None:
    person = await sandbox.new_user("Liene", "lv")
    await onboard(person, "lv")
    first = await open_stories(person, "lv")
    assert first.raw.get("video"), "the video plays in the chat"
    assert caption(first).startswith(STORIES[0].title["lv"])
    assert STORIES[0].summary["lv"] in caption(first)
    assert counter("lv", 1) in caption(first)

    second = await person.click(say("lv", "Next story ▶️"), first)
    assert second.message_id == first.message_id  # the next video takes the same place
    assert caption(second).startswith(STORIES[1].title["lv"]) and counter("lv", 2) in caption(
        second
    )
    back_to_first = await person.click(say("lv", "◀️ Previous story"), second)
    assert counter("lv", 1) in caption(back_to_first)
    # The second time, the video goes by the id Telegram gave it, not fetched from its URL again.
    assert back_to_first.raw["video"]["file_id"] == first.raw["video"]["file_id"]
    last = await person.click(say("lv", "◀️ Previous story"), back_to_first)  # round the end
    assert counter("lv", len(STORIES)) in caption(last)

    # "This helped me": once, kept with the person, counted for staff. The same message says
    # thank you: the video is not sent again.
    before = len(await person.bot_messages())
    thanked = await person.click(say("lv", "💚 This helped me"), last)
    assert thanked.message_id == last.message_id and len(await person.bot_messages()) == before
    thanks = say("lv", "💚 Thank you for telling us: it means a lot to the storyteller.")
    assert thanks in caption(thanked)
    assert say("lv", "💚 This helped me") not in thanked.labels
    async with uow_factory_of(running_bot)() as uow:
        taps = (await uow.session.exec(select(StoryHelped))).all()
        views = {row.slug: row.views for row in (await uow.session.exec(select(Story))).all()}
    assert len(taps) == 1
    assert views[STORIES[0].slug] == 2 and views[STORIES[1].slug] == 1

    # A topic narrows the list.
    topics = await person.click(say("lv", "🏷 Topics"), thanked)
    school = [story for story in STORIES if "school" in story.topics]
    only = await person.click(say("lv", "📚 School"), topics)
    assert caption(only).startswith(school[0].title["lv"])
    total = say("lv", "🎬 Story {number} of {total}").format(number=1, total=len(school))
    assert total in caption(only)

    # Sharing: a link that opens this very story.
    shared = await person.click(say("lv", "🔗 Share"), only)
    link = re.search(r"https://t\.me/\S+\?start=(story-[a-z0-9-]+)", shared.text)
    assert link is not None and link.group(1) == f"story-{school[0].slug}"

    # Someone who has never used the bot opens it: the story, at once, in their language.
    stranger = await sandbox.new_user("Оля", "ru")
    story = await stranger.send(f"/start {link.group(1)}")
    assert caption(story).startswith(school[0].title["ru"])
    assert school[0].expert_names.get("ru", school[0].expert) in caption(story)  # "Элина"
    assert say("ru", "💚 This helped me") not in story.labels  # nothing kept before consent
    welcome = await stranger.click(say("ru", "⬅️ Back"), story)
    assert "Which language shall we speak?" in welcome.text or welcome.labels


@pytest.mark.usefixtures("both_bot")
async def test_stories_are_cards_on_messenger(page: SandboxClient, graph: GraphEmulator) -> None:
    person = await new_person(page, "Rūta")
    await onboard_on_messenger(person, "lt")
    menu = await person.send("/menu")
    await person.click(say("lt", "🎬 Video stories"), menu)
    carousel = next(m for m in reversed(await person.bot_messages()) if m.raw.get("cards"))
    cards = carousel.raw["cards"]
    assert [card["title"] for card in cards] == [story.title["lt"] for story in STORIES[:10]]
    assert all(card["image"] for card in cards), "each card has its thumbnail"
    assert say("lt", "🏷 Topics") in [reply["title"] for reply in carousel.raw["quick_replies"]]

    # The second card's Watch: its video, then what to do next.
    await person.tap_card(carousel, 1, say("lt", "▶️ Watch"))
    messages = await person.bot_messages()
    video = next(m for m in reversed(messages) if m.raw.get("kind") == "video")
    assert video.raw["url"].endswith(f"{STORIES[1].slug}.mp4")
    screen = messages[-1]
    assert screen.text.startswith(STORIES[1].title["lt"]) and counter("lt", 2) in screen.text
    # Nothing can change in place on Messenger: the thanks come without the video again, and
    # with the story's buttons (those above went with the newer message).
    before = len(await person.bot_messages())
    thanks = await person.click(say("lt", "💚 This helped me"), screen)
    after = await person.bot_messages()
    assert len(after) == before + 1 and after[-1].raw.get("kind") != "video"
    assert thanks.text == say(
        "lt", "💚 Thank you for telling us: it means a lot to the storyteller."
    )
    assert say("lt", "💚 This helped me") not in thanks.labels
    await person.click(say("lt", "⬅️ All stories"), thanks)
    again = next(m for m in reversed(await person.bot_messages()) if m.raw.get("cards"))

    # Watched again: Messenger is sent the id it gave the video, not its URL.
    await person.tap_card(again, 1, say("lt", "▶️ Watch"))
    videos = [
        call["body"]["message"]["attachment"]["payload"]
        for call in graph.calls
        if call["path"] == "messages"
        and call["body"]["message"].get("attachment", {}).get("type") == "video"
    ]
    assert "url" in videos[0] and list(videos[-1]) == ["attachment_id"]

    # A shared m.me link opens the story for someone new on Messenger.
    stranger = await new_person(page, "Sam")
    await stranger.get_started(ref=f"story-{STORIES[2].slug}")
    messages = await stranger.bot_messages()
    assert any(m.raw.get("kind") == "video" for m in messages)
    assert messages[-1].text.startswith(STORIES[2].title["en"])


NEW_STORY = """
stories:
  - slug: a-new-voice
    order: 100
    published: true
    expert: Ieva
    topics: [friends]
    video: media/stories/a-new-voice.mp4
    title: {lv: "Jauna balss", en: "A new voice"}
    summary: {lv: "Ieva stāsta.", en: "Ieva tells how."}
"""


async def test_news_of_a_new_story_and_one_tap_to_stop_it(
    running_bot: RunningBot, sandbox: SandboxClient
) -> None:
    person = await sandbox.new_user("Anete", "lv")
    await onboard(person, "lv")
    first = await open_stories(person, "lv")
    told = await person.click(say("lv", "🔔 Tell me of new stories"), first)
    assert say("lv", "🔔 I will tell you when a new story comes out (🔔 News).") in caption(told)

    # Staff publish a story (what `bot.cli content import` does): the news comes by itself.
    async with uow_factory_of(running_bot)() as uow:
        result = await import_content(uow, parse(NEW_STORY), datetime.now(UTC))
        await announce(uow, result.published_stories, [], datetime.now(UTC))
        await uow.commit()
    news = await person.received(
        lambda m: m.text == say("lv", "🎬 A new story: “{title}”").format(title="Jauna balss")
    )
    story = await person.click(say("lv", "▶️ Watch"), news)
    assert caption(story).startswith("Jauna balss")

    # One tap under the news ends it; the settings say so.
    await person.click(say("lv", "🔕 No more story news"), news)
    said = [m.text for m in await person.bot_messages()]
    assert say("lv", "Done: no more news of new stories.") in said
    settings = await person.send("/menu")
    settings = await person.click(say("lv", "🔔 News"), settings)
    assert say("lv", "🎬 New stories: off") in settings.text
    # /stop, from anywhere, says it is all off.
    await person.send("/stop")
    said = [m.text for m in await person.bot_messages()]
    assert (
        say(
            "lv",
            "Done: no more campaign news. You can turn it on again in the menu, under 🔔 News.",
        )
        in said
    )


async def test_a_coordinator_publishes_a_draft_in_the_chat_and_subscribers_hear_of_it(
    admin_and_bot: tuple[ChatUser, RunningBot], sandbox: SandboxClient
) -> None:
    admin, _ = admin_and_bot
    await onboard(admin, "en", age="26plus")
    person = await sandbox.new_user("Laura", "lv")
    await onboard(person, "lv")
    news = await person.click(say("lv", "🔔 News"), await person.send("/menu"))
    await person.click(say("lv", "🎬 All new stories"), news)

    [draft] = [
        story
        for story in parse((SAMPLE / "stories.yaml").read_text(encoding="utf-8")).stories
        if not story.published
    ]
    listing = await admin.click("🗂 Campaign content", await admin.send("/menu"))
    line = next(
        line for line in listing.text.splitlines() if f"(draft) {draft.title['en']}" in line
    )
    item = await admin.click(line.split(".")[0], listing)
    assert "📝 Draft: nobody sees it yet" in item.text
    await admin.click("🚀 Publish", item)
    said = [m.text for m in await admin.bot_messages()]
    assert "Published. People who asked for news of it are being told." in said

    expected = say("lv", "🎬 A new story: “{title}”").format(title=draft.title["lv"])
    heard = await person.received(lambda m: m.text == expected)
    story = await person.click(say("lv", "▶️ Watch"), heard)
    assert caption(story).startswith(draft.title["lv"])
