"""One programme, two channels: a young person on Messenger, a mentor on Telegram, and a
coordinator on either. Every notice reaches each person on their own channel."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from typing import Any

import pytest

from sandbox import BotApiEmulator, GraphEmulator
from tests.e2e.conftest import RunningBot, settings_for, start_bot
from tests.e2e.harness import ChatUser, SandboxClient
from tests.e2e.messenger import MessengerPerson, new_person
from tests.e2e.people import match, say, sign_up
from tests.e2e.test_matching import apply_in_latvian
from tests.e2e.test_messenger import onboard
from tests.e2e.test_reminders import booked_for_tomorrow_at_ten


@pytest.fixture(params=["telegram", "messenger"])
async def coordinator_and_bot(
    request: Any,
    emulator: BotApiEmulator,
    graph: GraphEmulator,
    sandbox: SandboxClient,
    page: SandboxClient,
    database_url: str,
) -> AsyncIterator[tuple[ChatUser | MessengerPerson, RunningBot]]:
    """A bot on both channels whose configured admin is on Telegram or on Messenger."""
    settings = settings_for(database_url)
    admin: ChatUser | MessengerPerson
    if request.param == "telegram":
        admin = await sandbox.new_user("Coordinator", "en")
        settings.app.admin_ids = [f"telegram:{admin.id}"]
    else:
        admin = await new_person(page, "Coordinator")
        settings.app.admin_ids = [f"messenger:{admin.psid}"]
    bot = await start_bot(settings, emulator.base_url, emulator, graph)
    yield admin, bot
    await bot.stop()
    assert emulator.rejected == []
    assert graph.rejected == []


async def start_coordinator(admin: ChatUser | MessengerPerson) -> None:
    if isinstance(admin, MessengerPerson):
        await onboard(admin, "en", age="26plus")
    else:
        await admin.send("/start")
        await admin.click("English")
        await admin.click("✅ I agree")
        await admin.click("🇱🇻 Latvia")
        await admin.click("26 or older")


async def test_a_young_person_on_messenger_a_mentor_on_telegram(
    coordinator_and_bot: tuple[ChatUser | MessengerPerson, RunningBot],
    sandbox: SandboxClient,
    page: SandboxClient,
) -> None:
    admin, _ = coordinator_and_bot
    await start_coordinator(admin)

    # The mentor applies on Telegram; the coordinator approves wherever they are.
    mentor = await sandbox.new_user("Anna", "lv")
    await apply_in_latvian(mentor)
    notice = await admin.received(lambda m: "New mentor application from Anna" in m.text)
    review = await admin.click("👀 Review", notice)
    confirm = await admin.click("✅ Approve", review)
    await admin.click("✅ Yes, approve", confirm)
    await mentor.received(lambda m: "Laba ziņa" in m.text or "apstiprināt" in m.text)

    # The young person asks for a mentor on Messenger; the request reaches the coordinator.
    person = await new_person(page, "Jānis")
    await onboard(person, "lv", age="14-17")
    await sign_up(person, "lv", "Jānis", "Gribu iemācīties plānot naudu.")
    sent = await person.last()
    assert sent.labels  # the next step is offered
    await match(admin, "Jānis", "Anna")

    # Each hears of the pairing on their own channel.
    intro = await person.received(lambda m: "Anna" in m.text)
    assert intro.text
    news = await mentor.received(lambda m: "Jānis" in m.text)

    # The mentor writes through the bot; the words reach Messenger, and the answer Telegram.
    await mentor.click(say("lv", "✉️ Write to my mentee"), news)
    await mentor.send("Sveiks! Kad tev der tikties?")
    heading = say("lv", "✉️ Your mentor {name} writes:").format(name="Anna")
    words = await person.received(lambda m: m.text.startswith(heading))
    assert "Kad tev der tikties?" in words.text
    await person.click(say("lv", "↩️ Reply"), words)
    await person.send("Piektdien pēc skolas")
    answer = await mentor.received(lambda m: "Piektdien pēc skolas" in m.text)
    assert "Jānis" in answer.text

    # A Messenger button cannot quote its message, yet the report carries the words.
    await person.click(say("lv", "🚩 Report"), words)  # its short label, on Messenger
    report = await admin.received(lambda m: m.text.startswith("🚩 Jānis reported a message"))
    assert "Kad tev der tikties?" in report.text

    # They book on the two channels; the confirmation and its calendar file reach Messenger.
    await mentor.send("/language")
    await mentor.click("English")  # the booking steps below read the mentor's side in English
    await booked_for_tomorrow_at_ten(mentor, person)  # type: ignore[arg-type]
    booked = await mentor.received(lambda m: "Jānis" in m.text and "10:00" in m.text.upper())
    assert booked.text
    note = say(
        "lv",
        "Here I can only write to you within a day of your last message, so I cannot "
        "promise reminders. Add the calendar file above to your phone: it reminds you a "
        "day and an hour before. Or get the reminders on Telegram.",
    )
    assert note in [m.text for m in await person.bot_messages()]
    files = [m.raw for m in await person.bot_messages() if m.raw.get("kind") == "file"]
    assert files and files[-1]["filename"].endswith(".ics")
    assert "BEGIN:VCALENDAR" in files[-1]["content"]

    # Reminders cannot be promised on Messenger: the young person links a Telegram account.
    offer = await person.click(say("lv", "📲 Telegram"))  # its short label, on Messenger
    link = re.search(r"https://t\.me/\S+\?start=(link-[A-Z0-9]+)", offer.text)
    assert link is not None, offer.text
    phone = await sandbox.new_user("Jānis", "lv")
    confirm = await phone.send(f"/start {link.group(1)}")
    linked = await phone.click(say("lv", "✅ Yes, link it"), confirm)
    assert linked.text == say(
        "lv", "Done: this Telegram account is linked. Reminders and news will come here."
    )
    menu = await phone.click(say("lv", "Open the menu"), linked)
    assert any("🤝" in label for label in menu.labels), "the same person, on Telegram"
    again = await phone.send(f"/start {link.group(1)}")  # a link works once
    assert any("🤝" in label for label in again.labels) or again.text

    # From now on the mentor's news reach the young person on Telegram.
    before = len(await person.bot_messages())
    await mentor.send("/menu")
    sessions = await mentor.click("📋 My sessions")
    cancel = await mentor.click("❌ Cancel", sessions)
    await mentor.click("Yes, cancel it", cancel)
    await phone.received(lambda m: "Anna" in m.text and "atcēl" in m.text)
    assert len(await person.bot_messages()) == before
