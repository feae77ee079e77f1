"""A coordinator on Messenger makes stories of videos sent to the bot: each previewed (the video
sent back by the URL Messenger gave it), kept as a draft and published. A video sent as a file
plays only in the app it was sent in: young people on Messenger find the first story, those on
Telegram only the second, to which the coordinator added a link at the preview."""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator
from typing import Any

import pytest

from sandbox import BotApiEmulator, GraphEmulator
from tests.e2e.conftest import RunningBot, settings_for, start_bot
from tests.e2e.harness import ChatMessage, ChatUser, SandboxClient
from tests.e2e.messenger import MessengerPerson, new_person
from tests.e2e.people import onboard, say
from tests.e2e.test_messenger import onboard as onboard_on_messenger
from tests.e2e.test_stories import STORIES, caption, counter, open_stories

LINK = "https://videos.example.org/stories/a-new-start.mp4"
PLAYS_HERE_ONLY = "▶️ The video plays in this app only."


@pytest.fixture
async def coordinator_and_bot(
    emulator: BotApiEmulator, graph: GraphEmulator, page: SandboxClient, database_url: str
) -> AsyncIterator[tuple[MessengerPerson, RunningBot]]:
    """A bot on Telegram and on a Page, whose configured admin is a person on Messenger."""
    coordinator = await new_person(page, "Coordinator")
    settings = settings_for(database_url)
    settings.app.admin_ids = [f"messenger:{coordinator.psid}"]
    bot = await start_bot(settings, emulator.base_url, emulator, graph)
    yield coordinator, bot
    await bot.stop()
    assert emulator.rejected == []
    assert graph.rejected == []


async def send_video(person: MessengerPerson) -> tuple[ChatMessage, str]:
    """A video sent from the phone: the bot's answer, and the URL where Messenger keeps it."""
    mid = f"m_video_{secrets.token_hex(8)}"
    answer = await person.event({"attachment": "video", "mid": mid})
    return answer, f"{person.sandbox.base_url}/media/from-people/{mid}"


def videos_sent(graph: GraphEmulator, psid: str) -> list[dict[str, Any]]:
    """The payload of every video the bot sent this person through the Send API."""
    return [
        call["body"]["message"]["attachment"]["payload"]
        for call in graph.calls
        if call["path"] == "messages"
        and call["body"]["recipient"]["id"] == psid
        and call["body"]["message"].get("attachment", {}).get("type") == "video"
    ]


async def said(person: MessengerPerson) -> list[str]:
    return [message.text for message in await person.bot_messages()]


async def write_in_latvian_only(coordinator: MessengerPerson, texts: str) -> ChatMessage:
    """The Latvian title and summary, no other language; the topics screen that follows."""
    lithuanian = await coordinator.send(texts)
    assert lithuanian.text.startswith("Write the story in Lithuanian")
    assert "Written so far: Latvian" in lithuanian.text
    for language in ("Lithuanian", "Russian", "English"):
        await coordinator.click(f"⏭ Not in {language}")
    return await coordinator.last()


async def stories_on_telegram(person: ChatUser) -> tuple[ChatMessage, ChatMessage]:
    """The first story of the list, and the last (one step back from the first)."""
    first = await open_stories(person, "lv")
    return first, await person.click(say("lv", "◀️ Previous story"), first)


async def test_a_coordinator_on_messenger_makes_stories_of_videos_sent_to_the_bot(
    coordinator_and_bot: tuple[MessengerPerson, RunningBot],
    page: SandboxClient,
    sandbox: SandboxClient,
    graph: GraphEmulator,
) -> None:
    coordinator, _ = coordinator_and_bot
    # Young people on each app, who asked for news of every new story.
    ruta = await new_person(page, "Rūta")
    await onboard_on_messenger(ruta, "en")
    await ruta.click("🎬 All new stories", await ruta.click("🔔 News", await ruta.send("/menu")))
    liene = await sandbox.new_user("Liene", "lv")
    await onboard(liene, "lv")
    news = await liene.click(say("lv", "🔔 News"), await liene.send("/menu"))
    await liene.click(say("lv", "🎬 All new stories"), news)
    await onboard_on_messenger(coordinator, "en", age="26plus")

    # The video, sent from the main menu, starts a story: one language at a time.
    latvian, uploaded = await send_video(coordinator)
    assert "🎬 Got the video. Let's make a story of it: a draft until you publish it." in (
        await said(coordinator)
    )
    assert latvian.text.startswith("Write the story in Latvian")
    lithuanian = await coordinator.send("Jaunā skola\nKā es atradu draugus jaunā skolā.")
    assert "Written so far: Latvian" in lithuanian.text
    russian = await coordinator.click("⏭ Not in Lithuanian", lithuanian)
    english = await coordinator.click("⏭ Not in Russian", russian)
    assert english.text.startswith("Write the story in English")
    topics = await coordinator.send("A new school\nHow I found friends at a new school.")
    assert topics.text.startswith("What is the story about?")
    await coordinator.click("📚 School", topics)
    assert "✅ 📚 School" in (await coordinator.click("🤝 Friends")).labels
    teller = await coordinator.click("Done ➡️")
    assert teller.text.startswith("Who tells the story?")
    preview = await coordinator.send("Anna")

    # The preview: the video sent back by the URL Messenger gave it, then the words below it.
    assert videos_sent(graph, coordinator.psid) == [{"url": uploaded, "is_reusable": True}]
    video = (await coordinator.bot_messages())[-2]
    assert video.raw["kind"] == "video" and video.raw["url"] == uploaded
    assert preview.text.startswith("A new school\n\nHow I found friends at a new school.")
    assert "🎙 Told by Anna" in preview.text and "🏷 📚 School, 🤝 Friends" in preview.text
    assert "Written in: Latvian, English" in preview.text
    assert PLAYS_HERE_ONLY in preview.text
    item = await coordinator.click("💾 Keep it as a draft", preview)
    assert item.text.startswith("A new school") and "📝 Draft: nobody sees it yet" in item.text
    published = await coordinator.click("🚀 Publish", item)
    assert "Published. People who asked for news of it are being told." in (await said(coordinator))
    assert "✅ Published" in published.text

    # (a) On Messenger: the news, and the story among the cards, playing the coordinator's video.
    await ruta.received(lambda m: m.text == "🎬 A new story: “A new school”")
    menu = await ruta.send("/menu")
    await ruta.click("🎬 Video stories", menu)
    carousel = next(m for m in reversed(await ruta.bot_messages()) if m.raw.get("cards"))
    titles = [card["title"] for card in carousel.raw["cards"]]
    assert titles == [story.title["en"] for story in STORIES] + ["A new school"]
    screen = await ruta.tap_card(carousel, len(STORIES), "▶️ Watch")
    assert screen.text.startswith("A new school\n\nHow I found friends at a new school.")
    assert "🎙 Told by Anna" in screen.text
    watched = (await ruta.bot_messages())[-2]
    assert watched.raw["kind"] == "video" and watched.raw["url"] == uploaded
    # Known to Messenger since the preview: sent by the id it gave, not by the URL again.
    assert list(videos_sent(graph, ruta.psid)[-1]) == ["attachment_id"]

    # (b) On Telegram the file does not play: not among the stories (the count is the samples).
    first, last = await stories_on_telegram(liene)
    assert counter("lv", 1) in caption(first)
    assert caption(last).startswith(STORIES[-1].title["lv"])

    # A second story; at the preview, a link to the file makes it play in every app.
    await send_video(coordinator)
    topics = await write_in_latvian_only(coordinator, "Jauns sākums\nKā es pārcēlos uz Rīgu.")
    await coordinator.click("🧳 New in the country", topics)
    await coordinator.click("Done ➡️")
    preview = await coordinator.send("Ieva")
    assert PLAYS_HERE_ONLY in preview.text
    again = await coordinator.send(LINK)
    assert "🔗 Added: the video now plays in every app." in await said(coordinator)
    assert again.text.startswith("Jauns sākums") and PLAYS_HERE_ONLY not in again.text
    item = await coordinator.click("💾 Keep it as a draft", again)
    await coordinator.click("🚀 Publish", item)

    # (c) Now on Telegram too, by the link: the news of it (and none of the first), and the list.
    expected = say("lv", "🎬 A new story: “{title}”").format(title="Jauns sākums")
    heard = await liene.received(lambda m: m.text == expected)
    story = await liene.click(say("lv", "▶️ Watch"), heard)
    assert caption(story).startswith("Jauns sākums\n\nKā es pārcēlos uz Rīgu.")
    assert story.raw["video"]["file_name"] == "a-new-start.mp4"
    assert not any("Jaunā skola" in m.text for m in await liene.bot_messages())
    first, last = await stories_on_telegram(liene)
    assert caption(last).startswith("Jauns sākums")
    assert say("lv", "🎬 Story {number} of {total}").format(
        number=len(STORIES) + 1, total=len(STORIES) + 1
    ) in caption(last)
