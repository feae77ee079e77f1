"""A broadcast through the emulators, on both channels: exactly its audience gets it, once, and
the report counts everyone else right: who stopped campaign news, who blocked the bot, who is
outside Messenger's window (and gets it on their next visit), who reads no version of it."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from bot.broadcasts import control
from bot.broadcasts.expand import expand_due
from bot.broadcasts.post import Post
from storage.broadcasts import Audience
from tests.e2e.conftest import RunningBot
from tests.e2e.harness import ChatUser, SandboxClient
from tests.e2e.messenger import MessengerPerson, new_person
from tests.e2e.people import onboard, say
from tests.e2e.test_messenger import onboard as onboard_on_messenger
from tests.e2e.test_messenger_suites import away as step_away
from tests.e2e.test_privacy import uow_factory_of

POST = Post(
    texts={"lv": "Sestdien Rīgā – jauniešu diena!", "lt": "Šeštadienį – jaunimo diena!"},
    fallback=False,
    button={"kind": "link", "url": "https://example.org/diena", "label": {"lv": "Pieteikties"}},
)


async def subscribe(person: ChatUser | MessengerPerson, language: str) -> None:
    news = await person.click(say(language, "🔔 News"), await person.send("/menu"))
    # Messenger shows the short label where the long one is over 20 characters.
    label = say(language, "🎬 All new stories")
    await person.click(label if label in news.labels else say(language, "🎬 All stories"), news)


def posts(messages: list, text: str) -> int:  # type: ignore[type-arg]
    return sum(1 for m in messages if text in (m.text or m.raw.get("caption") or ""))


async def test_a_broadcast_reaches_exactly_its_audience_on_both_channels(
    both_bot: RunningBot, sandbox: SandboxClient, page: SandboxClient
) -> None:
    reader = await sandbox.new_user("Anete", "lv")
    await onboard(reader, "lv")
    await subscribe(reader, "lv")
    stopped = await sandbox.new_user("Ilze", "lv")
    await onboard(stopped, "lv")
    await subscribe(stopped, "lv")
    await stopped.send("/stop")
    gone = await sandbox.new_user("Kārlis", "lv")
    await onboard(gone, "lv")
    await subscribe(gone, "lv")
    await gone.block()
    english = await sandbox.new_user("Sam", "en")
    await onboard(english, "en")
    await subscribe(english, "en")
    near = await new_person(page, "Rūta")
    await onboard_on_messenger(near, "lt")
    await subscribe(near, "lt")
    away = await new_person(page, "Jonas")
    await onboard_on_messenger(away, "lt")
    await subscribe(away, "lt")
    await step_away(both_bot, away, hours=30)  # outside Messenger's 24 hours: on the next visit

    uow_factory = uow_factory_of(both_bot)
    async with uow_factory() as uow:
        made = await control.create(uow, POST, Audience(), datetime.now(UTC), datetime.now(UTC))
        await uow.commit()
    await expand_due(uow_factory, datetime.now(UTC))
    both_bot.runtime.broadcasts.wake()

    text = POST.texts["lv"]
    got = await reader.received(lambda m: text in m.text)
    assert "Pieteikties" in got.labels and say("lv", "🔕 Stop campaign news") in got.labels
    await near.received(lambda m: POST.texts["lt"] in m.text)

    async def settled() -> dict[str, int]:
        async with uow_factory() as uow:
            broadcast = await uow.broadcasts.get(made.id or 0)
            assert broadcast is not None
            report = await uow.broadcasts.report(broadcast)
        return {s: report.total(s) for s in ("sent", "blocked", "waiting", "pending")} | {
            "language": report.skipped_language,
            "consent": report.skipped_consent,
        }

    for _ in range(100):
        counts = await settled()
        if counts["pending"] == 0:
            break
        await asyncio.sleep(0.1)
    assert counts == {
        "sent": 2, "blocked": 1, "waiting": 1, "pending": 0, "language": 1, "consent": 1
    }  # fmt: skip
    for person in (stopped, english):
        assert posts(await person.bot_messages(), text) == 0
    assert posts(await away.bot_messages(), POST.texts["lt"]) == 0

    # The one outside the window gets it when they next write, once.
    await away.send("/menu")
    await away.received(lambda m: POST.texts["lt"] in m.text)
    await asyncio.sleep(0.5)
    assert posts(await away.bot_messages(), POST.texts["lt"]) == 1
    assert posts(await reader.bot_messages(), text) == 1
    assert (await settled())["sent"] == 3

    # One tap under the post stops all campaign news.
    await reader.click(say("lv", "🔕 Stop campaign news"), got)
    settings = await reader.click(say("lv", "🔔 News"), await reader.send("/menu"))
    assert say("lv", "🎬 New stories: off") in settings.text
