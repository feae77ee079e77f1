"""The people the Telegram suites follow, on Messenger: a child and their guardian, a coordinator
at their screens, and anyone asking for a copy of their data."""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator

import pytest

from sandbox import BotApiEmulator, GraphEmulator
from tests.e2e.conftest import RunningBot, settings_for, start_bot
from tests.e2e.harness import SandboxClient
from tests.e2e.messenger import MessengerPerson, new_person
from tests.e2e.people import say
from tests.e2e.test_messenger import onboard
from tests.e2e.test_privacy import erase, nothing_left

T_ME = re.compile(r"https://t\.me/\S+\?start=(g-[A-Z0-9]{8})")
M_ME = re.compile(r"https://m\.me/mentor\.sandbox\?ref=(g-[A-Z0-9]{8})")


@pytest.fixture
async def coordinator_and_bot(
    emulator: BotApiEmulator, graph: GraphEmulator, page: SandboxClient, database_url: str
) -> AsyncIterator[tuple[MessengerPerson, RunningBot]]:
    """A bot on both channels whose coordinator is on Messenger, already onboarded."""
    admin = await new_person(page, "Coordinator")
    settings = settings_for(database_url)
    settings.app.admin_ids = [f"messenger:{admin.psid}"]
    bot: RunningBot = await start_bot(settings, emulator.base_url, emulator, graph)
    await onboard(admin, "en", age="26plus")
    yield admin, bot
    await bot.stop()
    assert graph.rejected == []


async def child_asks_on_messenger(child: MessengerPerson) -> str:
    """A 13-year-old in Lithuania asks for the guardian's link; return its m.me ref."""
    await child.get_started()
    await child.click("Lietuvių")
    await child.click(say("lt", "✅ I agree"))
    await child.click(say("lt", "🇱🇹 Lithuania"))
    explained = await child.click("13")  # below Lithuania's 14
    waiting = await child.click(say("lt", "👪 Get the link"), explained)
    heading = say("lt", "Send your parent or guardian one of these links, for the app they use:")
    assert waiting.text.startswith(heading)
    telegram, messenger = T_ME.search(waiting.text), M_ME.search(waiting.text)
    assert telegram and messenger, waiting.text
    assert telegram.group(1) == messenger.group(1), "one code, a link per app"
    return messenger.group(1)


async def test_a_guardian_agrees_on_messenger_and_the_coordinator_sees_it(
    coordinator_and_bot: tuple[MessengerPerson, RunningBot], page: SandboxClient
) -> None:
    coordinator, _ = coordinator_and_bot
    child = await new_person(page, "Tomas")
    ref = await child_asks_on_messenger(child)

    # The guardian opens the m.me link: Get Started carries the code.
    guardian = await new_person(page, "Rasa")
    intro = await guardian.get_started(ref=ref)
    assert "Do you give your agreement?" in intro.text
    asked = await guardian.click("✅ Yes, I agree", intro)
    assert asked.text.startswith("Thank you. Please write your full name")
    thanks = await guardian.send("Rasa Petrauskienė")
    assert thanks.text.startswith("Thank you! Your agreement is recorded")

    # The child hears of it at once (they wrote minutes ago: inside Messenger's window).
    good_news = say("lt", "Good news: your parent or guardian has agreed. You are all set!")
    told = await child.received(lambda m: m.text == good_news)
    menu = await child.click(say("lt", "Open the menu"), told)
    assert say("lt", "🌱 Find a mentor") in menu.labels

    # The coordinator, on Messenger too, finds the answer among the agreements.
    menu = await coordinator.send("/menu")
    answers = await coordinator.click("👪 Agreements", menu)  # the short label
    assert answers.text.startswith("Parents' and guardians' latest answers:")
    assert "Rasa Petrauskienė" in answers.text

    # The figures, and the coordinators' actions as a CSV file.
    menu = await coordinator.send("/menu")
    figures = await coordinator.click("📊 Figures", menu)
    assert figures.text
    await coordinator.click("🧾 Actions (CSV)", figures)
    files = [m.raw for m in await coordinator.bot_messages() if m.raw.get("kind") == "file"]
    assert files and files[-1]["filename"] == "audit-log.csv"


@pytest.mark.parametrize("language", ["lv", "ru"])
async def test_a_copy_then_erasure_on_messenger(
    coordinator_and_bot: tuple[MessengerPerson, RunningBot],
    page: SandboxClient,
    graph: GraphEmulator,
    language: str,
) -> None:
    _, bot = coordinator_and_bot
    person = await new_person(page, "Kim")
    await onboard(person, language, age="18-25")
    overview = await person.click(say(language, "🔒 Privacy"), await person.send("/menu"))
    assert say(language, "• your chat number and language") in overview.text
    await person.click(say(language, "📦 Send me a copy"), overview)
    messages = await person.bot_messages()
    heading = say(language, "Here is everything I keep about you, as of {date}:").split("{")[0]
    assert any(m.text.startswith(heading) for m in messages)
    files = [m.raw for m in messages if m.raw.get("kind") == "file"]
    assert files and files[-1]["filename"] == "my-data.json"
    data = json.loads(files[-1]["content"])
    profile = next(item for item in data["items"] if item["kind"] == "profile")
    assert profile["platform_id"] == person.psid and profile["country"] == "LV"

    # Erasure leaves nothing, not even the menu Meta kept in the person's language.
    assert (await person.chat())["menu"] is not None
    await erase(person, language)
    await nothing_left(bot, person)
    assert (await person.chat())["menu"] is None
    assert any(call.get("method") == "DELETE" for call in graph.calls)
