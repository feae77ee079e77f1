"""Talk to a person: a young person on Messenger asks from a story, a coordinator on Telegram
takes it and they write through the bot; a second coordinator finds it taken."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, time

import pytest

from bot.services.talk import TalkHours
from sandbox import BotApiEmulator, GraphEmulator
from tests.e2e.conftest import RunningBot, settings_for, start_bot
from tests.e2e.harness import ChatUser, SandboxClient
from tests.e2e.messenger import new_person
from tests.e2e.people import onboard, say
from tests.e2e.test_messenger import onboard as onboard_on_messenger


@pytest.fixture
async def two_coordinators(
    emulator: BotApiEmulator,
    graph: GraphEmulator,
    sandbox: SandboxClient,
    database_url: str,
) -> AsyncIterator[tuple[ChatUser, ChatUser, RunningBot]]:
    """Both channels; two coordinators on Telegram; someone is there at any hour."""
    first = await sandbox.new_user("Coordinator", "en")
    second = await sandbox.new_user("Coordinator Two", "en")
    settings = settings_for(database_url)
    settings.app.admin_ids = [f"telegram:{first.id}", f"telegram:{second.id}"]
    settings.campaign.talk_days = list(range(7))
    settings.campaign.talk_from, settings.campaign.talk_until = time(0), time(23, 59, 59)
    settings.campaign.answer_hours = 4
    bot = await start_bot(settings, emulator.base_url, emulator, graph)
    for coordinator in (first, second):
        await onboard(coordinator, "en", age="26plus")
    yield first, second, bot
    await bot.stop()
    assert emulator.rejected == []
    assert graph.rejected == []


async def test_a_young_person_asks_from_a_story_and_a_coordinator_takes_it(
    two_coordinators: tuple[ChatUser, ChatUser, RunningBot], page: SandboxClient
) -> None:
    first, second, _ = two_coordinators
    person = await new_person(page, "Dima")
    await onboard_on_messenger(person, "ru")
    menu = await person.send("/menu")
    await person.click(say("ru", "🎬 Video stories"), menu)
    carousel = next(m for m in reversed(await person.bot_messages()) if m.raw.get("cards"))
    await person.tap_card(carousel, 3, say("ru", "▶️ Watch"))  # the story of arriving abroad
    confirm = await person.click(say("ru", "💬 Talk"))
    assert say("ru", "A coordinator of the programme will write to you here.") not in confirm.text
    await person.click(say("ru", "✅ Yes, ask"), confirm)
    sent = say("ru", "Sent. Someone will write to you here within {count} hour.")
    said = [m.text for m in await person.bot_messages()]
    assert any(text.startswith(sent.split("{")[0]) for text in said)

    # Both coordinators are told; the first takes it and writes.
    request = await first.received(lambda m: m.text.startswith("💬 A young person (no. "))
    assert "experience expert" in request.text and "New in the country" in request.text
    other = await second.received(lambda m: m.text.startswith("💬 A young person (no. "))
    compose = await first.click("🙋 I'll take it", request)
    assert compose.labels  # the writing step, with Cancel
    await first.send("Привет! Я координатор. О чём хочешь поговорить?")
    taken = say(
        "ru",
        "💬 A coordinator has taken your request and will write to you here. You can write "
        "first too:",
    )
    await person.received(lambda m: m.text == taken)
    heading = say("ru", "✉️ The programme's coordinators write:")
    words = await person.received(lambda m: m.text.startswith(heading))
    assert "О чём хочешь поговорить?" in words.text
    assert "Coordinator" not in words.text  # no names, numbers or accounts of the coordinator
    await person.click(say("ru", "↩️ Reply"), words)
    await person.send("Мне трудно с языком в школе")
    back = await first.received(lambda m: "Мне трудно с языком в школе" in m.text)
    assert person.psid not in back.text

    # The second coordinator was too late.
    await second.click("🙋 I'll take it", other)
    late = [m.text for m in await second.bot_messages()]
    assert "Another coordinator has already taken this request." in late


def test_outside_the_hours_the_next_opening_is_named() -> None:
    hours = TalkHours(days=(0, 1, 2, 3, 4), opens=time(10), closes=time(18), zone="Europe/Riga")
    friday_night = datetime(2026, 11, 27, 20, tzinfo=UTC)  # 22:00 in Riga
    assert not hours.open_at(friday_night)
    monday = hours.next_opening(friday_night)
    assert monday is not None and monday.isoformat() == "2026-11-30T10:00:00+02:00"
    assert hours.open_at(datetime(2026, 11, 30, 9, tzinfo=UTC))  # 11:00 in Riga


async def test_the_figures_count_requests_and_their_answers(
    two_coordinators: tuple[ChatUser, ChatUser, RunningBot], page: SandboxClient
) -> None:
    first, _, _ = two_coordinators
    person = await new_person(page, "Ola")
    await onboard_on_messenger(person, "en")
    menu = await person.send("/menu")
    topics = await person.click("💬 Talk to a person", menu)
    confirm = await person.click("💭 Something else", topics)
    await person.click("✅ Yes, ask", confirm)
    request = await first.received(lambda m: m.text.startswith("💬 A young person (no. "))
    assert "something else" in request.text
    await first.click("🙋 I'll take it", request)
    await first.click("Cancel")  # nothing to write yet
    figures = await first.click("📊 Figures", await first.send("/menu"))
    assert "💬 Requests to talk: 1, taken: 1" in figures.text
    assert "Time until taken, median: 0 min" in figures.text
