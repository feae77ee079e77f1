"""Logs carry no personal data at any level: a whole journey at DEBUG, searched afterwards."""

from __future__ import annotations

import logging

import pytest

from bot.logs import configure_logging
from tests.e2e.conftest import TOKEN
from tests.e2e.harness import SandboxClient
from tests.e2e.people import approve_mentor, match, onboard, sign_up

# The emulator plays Telegram: what it logs is the platform's business, not the bot's.
PLATFORM_LOGGERS = ("sandbox",)


async def test_a_journey_at_debug_logs_nothing_personal(
    admin_and_bot, sandbox: SandboxClient, caplog: pytest.LogCaptureFixture
) -> None:
    configure_logging("DEBUG")  # as `BOT_LOG_LEVEL=DEBUG scripts/run` would
    caplog.set_level(logging.DEBUG)
    admin, _bot = admin_and_bot
    await onboard(admin, "en", age="26plus")
    mentor = await sandbox.new_user("Anna", "lv")
    await approve_mentor(admin, mentor)
    person = await sandbox.new_user("Tom", "en")
    await onboard(person, "en", age="14-17")
    await sign_up(person, "en", "Tommaso", "Learn to cook for my sister", ("lv",))
    await match(admin, "Tommaso", "Anna")
    await person.send("I feel very bad and I don't know what to do, I want to die")
    await person.send("/mydata")
    await person.send("/privacy")
    overview = await person.last()
    confirm = await person.click("🗑 Delete everything", overview)
    await person.click("Yes, delete everything", confirm)

    personal = [
        "Anna",
        "Tommaso",
        "Learn to cook for my sister",
        "Studēju sociālo darbu",
        "want to die",
        *(str(user.id) for user in (admin, mentor, person)),
        TOKEN.split(":")[1],  # the secret half of the bot token
    ]
    ours = [r for r in caplog.records if not r.name.startswith(PLATFORM_LOGGERS)]
    assert len(ours) > 5, "the journey was logged at all"
    for record in ours:
        text = record.getMessage() + (record.exc_text or "")
        for value in personal:
            assert value not in text, (record.name, text)
