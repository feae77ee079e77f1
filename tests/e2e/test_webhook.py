"""Webhook mode: the emulator pushes updates; the secret is checked; repeats are harmless."""

from __future__ import annotations

import socket
import time
from collections.abc import AsyncIterator

import aiohttp
import pytest
from aiohttp import web

from bot.app import ALLOWED_UPDATES, create_runtime
from bot.telegram.webhook import create_webhook_app
from tests.e2e.conftest import TOKEN, settings_for
from tests.e2e.harness import SandboxClient

SECRET = "webhook-secret-for-tests"
PATH = "/telegram/webhook"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
async def webhook_url(emulator, database_url: str) -> AsyncIterator[str]:
    runtime = await create_runtime(settings_for(database_url), TOKEN, emulator.base_url)
    runner = web.AppRunner(create_webhook_app(runtime, SECRET, PATH))
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    url = f"http://127.0.0.1:{port}{PATH}"
    await runtime.menu.publish()
    await runtime.bot.set_webhook(url, secret_token=SECRET, allowed_updates=ALLOWED_UPDATES)
    yield url
    await runner.cleanup()
    await runtime.close()
    assert emulator.rejected == []


async def test_onboarding_over_webhook(webhook_url: str, sandbox: SandboxClient) -> None:
    user = await sandbox.new_user("Eva", "en")
    await user.send("/start")
    await user.click("English")
    country = await user.click("✅ I agree")
    assert country.text == "Where do you live?"


async def test_wrong_secret_is_refused(webhook_url: str) -> None:
    update = {"update_id": 1, "message": message_payload(1, "/start")}
    async with aiohttp.ClientSession() as http:
        for headers in ({}, {"X-Telegram-Bot-Api-Secret-Token": "guess"}):
            async with http.post(webhook_url, json=update, headers=headers) as response:
                assert response.status == 401


async def test_repeated_update_is_harmless(webhook_url: str, sandbox: SandboxClient) -> None:
    user = await sandbox.new_user("Ben", "en")
    await user.send("/start")
    before = len(await user.bot_messages())
    update = {"update_id": 777_000, "message": message_payload(user.id, "/help")}
    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
    async with aiohttp.ClientSession() as http:
        for _ in range(3):  # Telegram may deliver the same update more than once
            async with http.post(webhook_url, json=update, headers=headers) as response:
                assert response.status == 200
    messages = await user.bot_messages()
    assert len(messages) == before + 1
    assert messages[-1].text.startswith("I am the mentoring assistant")


def message_payload(user_id: int, text: str) -> dict:
    person = {"id": user_id, "is_bot": False, "first_name": "Ben", "language_code": "en"}
    return {
        "message_id": 10_000 + int(time.time()) % 1000,
        "date": int(time.time()),
        "chat": {"id": user_id, "type": "private", "first_name": "Ben"},
        "from": person,
        "text": text,
        "entities": [{"type": "bot_command", "offset": 0, "length": len(text)}],
    }
