"""A coordinator makes campaign content in the chat: a story from a video sent to the bot, and
an opportunity, each previewed, kept as a draft, published, and then found by young people."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.campaign.content import dump, parse
from bot.campaign.library import export_content, import_content
from tests.e2e.conftest import RunningBot
from tests.e2e.harness import ChatUser, SandboxClient
from tests.e2e.people import onboard, say
from tests.e2e.test_opportunities import open_list
from tests.e2e.test_privacy import uow_factory_of
from tests.e2e.test_stories import caption


async def test_a_coordinator_makes_a_story_of_a_video_sent_to_the_bot(
    admin_and_bot: tuple[ChatUser, RunningBot], sandbox: SandboxClient
) -> None:
    admin, bot = admin_and_bot
    await onboard(admin, "en", age="26plus")
    person = await sandbox.new_user("Laura", "lv")
    await onboard(person, "lv")
    news = await person.click(say("lv", "🔔 News"), await person.send("/menu"))
    await person.click(say("lv", "🎬 All new stories"), news)

    # The video, sent from the main menu: the bot takes it as the start of a story.
    asked = await admin.send_payload({"video": "my-way.mp4"})
    uploaded = next(m for m in await admin.messages() if m.sender == "user" and m.raw.get("video"))
    said = [m.text for m in await admin.bot_messages()]
    assert "🎬 Got the video. Let's make a story of it: a draft until you publish it." in said
    assert asked.text.startswith("Write the story in Latvian")

    # One language at a time: title on the first line, the summary below; too long is said.
    await admin.send("X" * 81 + "\nShort.")
    assert any("the title has 81 characters of 80" in m.text for m in await admin.bot_messages())
    lithuanian = await admin.send("Mans ceļš\nKā es atradu draugus jaunā skolā.")
    assert lithuanian.text.startswith("Write the story in Lithuanian")
    assert "Written so far: Latvian" in lithuanian.text
    russian = await admin.click("⏭ Not in Lithuanian", lithuanian)
    await admin.click("⏭ Not in Russian", russian)
    topics = await admin.send("My way\nHow I found friends at a new school.")

    # Topics: at least one; then who tells it, never a full name.
    await admin.click("Done ➡️", topics)
    assert "Please tick at least one topic: people find stories by them." in [
        m.text for m in await admin.bot_messages()
    ]
    await admin.click("📚 School")
    teller = await admin.click("Done ➡️")
    assert teller.text.startswith("Who tells the story?")
    await admin.send("Anna Marija Bērziņa")
    assert "Just a first name or a pseudonym, please: a word or two." in [
        m.text for m in await admin.bot_messages()
    ]
    preview = await admin.send("Anna")

    # The preview: the video itself, as young people will see it, in the coordinator's language.
    assert preview.raw["video"]["file_id"] == uploaded.raw["video"]["file_id"]
    assert caption(preview).startswith("My way\n\nHow I found friends at a new school.")
    assert "🎙 Told by Anna" in caption(preview)
    assert "Written in: Latvian, English" in caption(preview)
    assert "▶️ The video plays in this app only." in caption(preview)
    item = await admin.click("💾 Keep it as a draft", preview)
    assert "📝 Draft: nobody sees it yet" in item.text and item.text.startswith("My way")

    # Published: the subscriber hears of it and watches the video the coordinator sent.
    await admin.click("🚀 Publish", item)
    expected = say("lv", "🎬 A new story: “{title}”").format(title="Mans ceļš")
    heard = await person.received(lambda m: m.text == expected)
    story = await person.click(say("lv", "▶️ Watch"), heard)
    assert caption(story).startswith("Mans ceļš")
    assert story.raw["video"]["file_id"] == uploaded.raw["video"]["file_id"]

    # The content file carries it as uploaded, and importing that file changes nothing.
    async with uow_factory_of(bot)() as uow:
        exported = dump(await export_content(uow))
        assert "uploaded:" in exported and uploaded.raw["video"]["file_id"] in exported
        result = await import_content(uow, parse(exported), datetime.now(UTC))
        assert (result.added, result.changed) == (0, 0)


async def test_a_coordinator_makes_an_opportunity_in_the_chat(
    admin_and_bot: tuple[ChatUser, RunningBot], sandbox: SandboxClient
) -> None:
    admin, _ = admin_and_bot
    await onboard(admin, "en", age="26plus")
    listing = await admin.click("🗂 Campaign content", await admin.send("/menu"))
    latvian = await admin.click("➕ New opportunity", listing)
    assert latvian.text.startswith("Write the opportunity in Latvian")
    await admin.send("Brīvprātīgais darbs patversmē\nPalīdzi rūpēties par dzīvniekiem.")
    for language in ("Lithuanian", "Russian", "English"):
        await admin.click(f"⏭ Not in {language}")
    await admin.click("Latvia")
    await admin.send("12-30")
    assert "Please write two ages from 13 to 25, like 16-25." in [
        m.text for m in await admin.bot_messages()
    ]
    deadline = await admin.send("16-25")
    assert deadline.text.startswith("When do applications close?")
    await admin.send("01.01.2020")
    assert "That day has passed. Please write a date still to come." in [
        m.text for m in await admin.bot_messages()
    ]
    last_day = datetime.now(UTC).date() + timedelta(days=60)
    how = await admin.send(last_day.strftime("%d.%m.%Y"))
    preview = await admin.click("🙋 “I'm interested” in the chat", how)
    assert preview.text.startswith("Brīvprātīgais darbs patversmē")
    assert "For: Latvia, ages 16 to 25" in preview.text
    # The end of the last day, where the young people live (English clocks say 11:59 PM).
    assert "Applications close" in preview.text and "11:59" in preview.text
    item = await admin.click("💾 Keep it as a draft", preview)
    await admin.click("🚀 Publish", item)

    # Open to a Latvian aged 18-25; not to a Lithuanian.
    person = await sandbox.new_user("Elīza", "lv")
    await onboard(person, "lv", country="LV", age="18-25")
    assert "Brīvprātīgais darbs patversmē" in (await open_list(person, "lv")).labels
    other = await sandbox.new_user("Ona", "lt")
    await onboard(other, "lt", country="LT", age="18-25")
    assert "Brīvprātīgais darbs patversmē" not in (await open_list(other, "lt")).labels
