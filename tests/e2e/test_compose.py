"""A coordinator on Telegram composes a campaign post in three languages for Latvian-speaking
young people who subscribed to stories, previews it, schedules it; when its time comes it goes
out to exactly them on both channels, and the report matches what the emulators recorded."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import col, select

from bot.broadcasts.expand import expand_due
from bot.broadcasts.progress import tell_composers
from sandbox import BotApiEmulator, GraphEmulator
from storage.models import Broadcast, as_utc
from tests.e2e.conftest import RunningBot, settings_for, start_bot
from tests.e2e.harness import ChatMessage, ChatUser, SandboxClient
from tests.e2e.messenger import MessengerPerson, new_person
from tests.e2e.people import onboard
from tests.e2e.test_broadcasts import subscribe
from tests.e2e.test_messenger import onboard as onboard_on_messenger
from tests.e2e.test_messenger_suites import away as step_away
from tests.e2e.test_privacy import file_content, uow_factory_of

RIGA = ZoneInfo("Europe/Riga")
TEXTS = {
    "lv": "Sestdien Rīgā – jauniešu diena! Nāc ar draugiem.",
    "lt": "Šeštadienį Rygoje – jaunimo diena! Ateik su draugais.",
    "en": "Youth day in Riga on Saturday! Bring your friends.",
}


@pytest.fixture
async def coordinator_and_bot(
    emulator: BotApiEmulator, graph: GraphEmulator, sandbox: SandboxClient, database_url: str
) -> AsyncIterator[tuple[ChatUser, RunningBot]]:
    coordinator = await sandbox.new_user("Coordinator", "en")
    settings = settings_for(database_url)
    settings.app.admin_ids = [coordinator.id]
    bot = await start_bot(settings, emulator.base_url, emulator, graph)
    yield coordinator, bot
    await bot.stop()
    assert emulator.rejected == []
    assert graph.rejected == []


async def refreshed(coordinator: ChatUser) -> ChatMessage:
    """The status screen after 🔄 Refresh (the live progress message may come in between)."""
    await coordinator.click("🔄 Refresh")
    screens = [m for m in await coordinator.bot_messages() if "🔄 Refresh" in m.labels]
    return screens[-1]


def got(messages: list[ChatMessage], text: str) -> int:
    return sum(1 for m in messages if m.text == text or m.raw.get("caption") == text)


async def test_a_coordinator_composes_previews_schedules_and_follows_a_post(
    coordinator_and_bot: tuple[ChatUser, RunningBot], sandbox: SandboxClient, page: SandboxClient
) -> None:
    coordinator, bot = coordinator_and_bot
    await onboard(coordinator, "en", age="26plus")
    # The audience: Latvian-speaking young people who asked for story news.
    reader = await sandbox.new_user("Anete", "lv")
    stopped = await sandbox.new_user("Ilze", "lv")
    gone = await sandbox.new_user("Kārlis", "lv")
    english = await sandbox.new_user("Sam", "en")
    for person, language in ((reader, "lv"), (stopped, "lv"), (gone, "lv"), (english, "en")):
        await onboard(person, language)
        await subscribe(person, language)
    await stopped.send("/stop")  # opted out: no campaign message of any kind
    near: MessengerPerson = await new_person(page, "Rūta")
    far: MessengerPerson = await new_person(page, "Jānis")
    for person in (near, far):
        await onboard_on_messenger(person, "lv")
        await subscribe(person, "lv")

    # Compose: Latvian, Lithuanian, no Russian, English.
    posts = await coordinator.click("📣 Campaign posts", await coordinator.send("/menu"))
    asked = await coordinator.click("✍️ Write a new post", posts)
    assert asked.text.startswith("Write the post in Latvian")
    await coordinator.send(TEXTS["lv"])
    await coordinator.send(TEXTS["lt"])
    await coordinator.click("⏭ Not in Russian")
    post = await coordinator.send(TEXTS["en"])
    assert "Written in: Latvian, Lithuanian, English" in post.text
    assert "Missing: Russian." in post.text
    who = await coordinator.click("👥 Who gets it ➡️", post)
    await coordinator.click("Latviešu", who)
    await coordinator.click("young people")
    narrowed = await coordinator.click("story news subscribers")
    assert "👥 4 people: 2 on Telegram; 2 on Messenger, 2 of them reachable now" in narrowed.text

    # The preview: each language's version as its readers get it.
    when = await coordinator.click("👀 Preview ➡️", narrowed)
    said = [m.text for m in await coordinator.bot_messages()]
    for language in ("Latvian", "Lithuanian", "English"):
        assert f"👀 As readers of {language} get it:" in said
    for text in TEXTS.values():
        assert text in said
    assert when.text.startswith("That is the post above, as each language's readers get it.")
    at = (datetime.now(UTC) + timedelta(hours=2)).astimezone(RIGA)  # the coordinator's zone
    confirm = await coordinator.send(at.strftime("%d.%m %H:%M"))
    assert confirm.text.startswith("Send it to 4 people on ")
    status = await coordinator.click("✅ Yes, send it", confirm)
    assert "⏰ scheduled" in status.text

    # Two people change before it goes out: one blocks the bot, one is away from Messenger.
    await gone.block()
    await step_away(bot, far, hours=30)
    assert got(await reader.bot_messages(), TEXTS["lv"]) == 0  # not before its time

    # Its time comes (the clock moves on two hours), and the scan starts it.
    uow_factory = uow_factory_of(bot)
    async with uow_factory() as uow:
        [scheduled] = (await uow.session.exec(select(Broadcast))).all()
        wanted = at.replace(second=0, microsecond=0)
        assert abs(as_utc(scheduled.send_at) - wanted) < timedelta(minutes=1)
        scheduled.send_at = datetime.now(UTC)
        uow.session.add(scheduled)
        await uow.commit()
    await expand_due(uow_factory, datetime.now(UTC))
    bot.runtime.broadcasts.wake()
    await reader.received(lambda m: m.text == TEXTS["lv"])
    await near.received(lambda m: m.text == TEXTS["lv"])
    expected = (
        "✅ Delivered 2 of 4",
        "🚫 Blocked the bot: 1",
        "⌛ Waiting for their next visit (Messenger): 1",
    )
    for _ in range(100):  # until every recipient's row is settled
        report = await refreshed(coordinator)
        if all(line in report.text for line in expected):
            break
        await asyncio.sleep(0.2)
    assert "✅ Delivered 2 of 4" in report.text
    assert "🚫 Blocked the bot: 1" in report.text
    assert "⌛ Waiting for their next visit (Messenger): 1" in report.text

    # What the emulators recorded matches: exactly the audience, once.
    for person, expected in ((reader, 1), (near, 1), (far, 0), (stopped, 0), (english, 0)):
        assert got(await person.bot_messages(), TEXTS["lv"]) == expected
    assert got(await english.bot_messages(), TEXTS["en"]) == 0
    await far.send("/menu")  # back on Messenger: it was still current, so it comes now
    await far.received(lambda m: TEXTS["lv"] in m.text)
    report = await refreshed(coordinator)
    assert "✅ Delivered 3 of 4" in report.text and "⌛" not in report.text

    # The report as CSV: counts only, no names.
    await coordinator.click("📄 The report (CSV)", report)
    document = next(m for m in reversed(await coordinator.bot_messages()) if m.raw.get("document"))
    csv = (await file_content(sandbox, document)).decode()
    assert "delivered,telegram,lv,1" in csv and "delivered,messenger,lv,2" in csv
    assert "blocked,telegram,lv,1" in csv
    for name in ("Anete", "Kārlis", "Rūta", "Jānis"):
        assert name not in csv
    async with uow_factory() as uow:
        query = select(Broadcast).where(col(Broadcast.status).in_(("sending", "done")))
        assert len((await uow.session.exec(query)).all()) == 1


async def send_latvian_post_now(coordinator: ChatUser) -> None:
    """Compose a post in Latvian only, for everyone who agreed to news, and send it now."""
    posts = await coordinator.click("📣 Campaign posts", await coordinator.send("/menu"))
    await coordinator.click("✍️ Write a new post", posts)
    await coordinator.send(TEXTS["lv"])
    for language in ("Lithuanian", "Russian"):
        await coordinator.click(f"⏭ Not in {language}")
    post = await coordinator.click("⏭ Not in English")
    who = await coordinator.click("👥 Who gets it ➡️", post)
    await coordinator.click("🚀 Now", await coordinator.click("👀 Preview ➡️", who))
    await coordinator.click("✅ Yes, send it")


def progress_messages(messages: list[ChatMessage]) -> list[ChatMessage]:
    return [m for m in messages if m.text.startswith("📡 Live: campaign post no.")]


async def test_the_composer_follows_a_post_in_one_message_and_gets_a_report(
    coordinator_and_bot: tuple[ChatUser, RunningBot], sandbox: SandboxClient
) -> None:
    coordinator, bot = coordinator_and_bot
    await onboard(coordinator, "en", age="26plus")
    readers = [await sandbox.new_user(name, "lv") for name in ("Anete", "Ilze")]
    for reader in readers:
        await onboard(reader, "lv")
        await subscribe(reader, "lv")
    await send_latvian_post_now(coordinator)

    uow_factory = uow_factory_of(bot)
    await expand_due(uow_factory, datetime.now(UTC))
    # The progress message comes once the post is under way, in the lane of replies. (The
    # bot's own job does the same every few seconds: either may write it.)
    await tell_composers(uow_factory, datetime.now(UTC))
    bot.runtime.outbox.wake()
    first = await coordinator.received(lambda m: m.text.startswith("📡 Live: campaign post no. 1"))
    assert "📤 sending" in first.text and "⏸ Pause" in first.labels

    bot.runtime.broadcasts.wake()
    for reader in readers:
        await reader.received(lambda m: m.text == TEXTS["lv"])
    for _ in range(100):  # the figures change: the same message is edited, no new one sent
        if await tell_composers(uow_factory, datetime.now(UTC)):
            bot.runtime.outbox.wake()
        [progress] = progress_messages(await coordinator.bot_messages())
        if "✅ Delivered 2 of 2" in progress.text:
            break
        await asyncio.sleep(0.1)
    assert progress.message_id == first.message_id and progress.edited
    assert "✅ Delivered 2 of 2" in progress.text

    # Nothing left to send: it is done, and the report comes as a message of its own, once.
    await expand_due(uow_factory, datetime.now(UTC))
    await tell_composers(uow_factory, datetime.now(UTC))
    assert await tell_composers(uow_factory, datetime.now(UTC)) == 0
    bot.runtime.outbox.wake()
    report = await coordinator.received(lambda m: "has gone out" in m.text)
    assert sum("has gone out" in m.text for m in await coordinator.bot_messages()) == 1
    assert report.text.startswith("✅ Campaign post no. 1 has gone out.")
    assert "✅ Delivered 2 of 2" in report.text and "⏸ Pause" not in report.labels
    await coordinator.click("📄 The report (CSV)", report)
    document = await coordinator.received(lambda m: bool(m.raw.get("document")))
    assert "delivered,telegram,lv,2" in (await file_content(sandbox, document)).decode()
    status = await coordinator.last()
    assert status.text.startswith("📣 Campaign post no. 1: ✅ done")


async def test_the_progress_message_steers_the_post(
    coordinator_and_bot: tuple[ChatUser, RunningBot], sandbox: SandboxClient
) -> None:
    coordinator, bot = coordinator_and_bot
    await bot.runtime.scheduler.shutdown()  # this test runs the scans itself, when it means to
    await onboard(coordinator, "en", age="26plus")
    reader = await sandbox.new_user("Anete", "lv")
    await onboard(reader, "lv")
    await subscribe(reader, "lv")
    await send_latvian_post_now(coordinator)
    # Under way, its recipients not yet written out (no scan has run): caught mid-way.
    async with uow_factory_of(bot)() as uow:
        [made] = (await uow.session.exec(select(Broadcast))).all()
        made.status = "sending"
        uow.session.add(made)
        await uow.commit()
    await tell_composers(uow_factory_of(bot), datetime.now(UTC))
    bot.runtime.outbox.wake()
    progress = await coordinator.received(lambda m: m.text.startswith("📡 Live"))
    paused = await coordinator.click("⏸ Pause", progress)
    assert paused.text.startswith("📣 Campaign post no. 1: ⏸ paused")
    stopped = await coordinator.click("✖️ Stop it for good", paused)
    assert stopped.text.startswith("📣 Campaign post no. 1: ✖️ cancelled")
    await tell_composers(uow_factory_of(bot), datetime.now(UTC))
    bot.runtime.outbox.wake()
    ended = await coordinator.received(lambda m: "was stopped" in m.text)
    assert ended.text.startswith("✖️ Campaign post no. 1 was stopped.")
    assert got(await reader.bot_messages(), TEXTS["lv"]) == 0
